"""Field validation for the reports app's pages. Business rules live in the domain modules."""

from __future__ import annotations

import re

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .models import ReportRun
from .periods import Period, available_periods, settled_on


class RequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Report"),
        choices=[
            (ReportRun.Kind.REGISTRATION, _("Registration (one month)")),
            ("term", _("Rapportage (one term)")),
            ("year", _("Rapportage (school year)")),
        ],
    )
    school = forms.ModelChoiceField(label=_("School"), queryset=None)
    period = forms.ChoiceField(label=_("Period"))
    new_version = forms.BooleanField(
        label=_("Make a new version even if one exists"), required=False
    )

    # The first letter of the period keys (periods.available_periods) that fit each kind.
    PERIOD_OF_KIND = {"registratie": "m", "term": "t", "year": "y"}

    def __init__(self, *args, schools, kind: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()
        self.periods = available_periods(timezone.localdate())
        # Only the periods of the chosen kind (the first kind until another is chosen).
        if self.is_bound:
            kind = self.data.get("kind")
        prefix = self.PERIOD_OF_KIND.get(kind or "", "m")
        self.fields["period"].choices = [
            (key, f"{group}: {period.label}")
            for key, (group, period) in self.periods.items()
            if key.startswith(prefix)
        ]

    def clean(self):
        data = super().clean()
        kind, key = data.get("kind"), data.get("period")
        if kind and key and not key.startswith(self.PERIOD_OF_KIND[kind]):
            self.add_error("period", _("Choose a period that fits this report."))
        return data


class FundingForm(forms.Form):
    """A municipality and one of its settled quarters: the only periods a funding report
    covers (docs/privacy.md). Anything else is refused at the field."""

    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None)
    quarter = forms.CharField(
        label=_("Quarter"),
        widget=forms.Select,
        error_messages={"required": _("Choose a quarter.")},
        help_text=_(
            "A quarter can be chosen from the first day of the second month after it, when "
            "its registrations are complete."
        ),
    )

    def __init__(self, *args, municipalities, quarters: dict[str, Period], **kwargs):
        """`quarters`: the quarters on offer by key, newest first
        (reports.funding.offered_quarters)."""
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        if municipalities.count() == 1:
            self.fields["municipality"].initial = municipalities.first().pk
        self.quarters = quarters
        self.fields["quarter"].widget.choices = [
            (key, period.label) for key, period in self.quarters.items()
        ]
        self.fields["quarter"].initial = next(iter(self.quarters), None)

    def clean_quarter(self) -> Period:
        key = self.cleaned_data["quarter"]
        if key in self.quarters:
            return self.quarters[key]
        match = re.fullmatch(r"(\d{4})-Q([1-4])", key)
        if match:
            quarter = Period.quarter(int(match[1]), int(match[2]))
            if settled_on(quarter) > timezone.localdate():
                raise forms.ValidationError(
                    _("The report of this quarter can be made from %(date)s.")
                    % {"date": formats.date_format(settled_on(quarter), "DATE_FORMAT")}
                )
        raise forms.ValidationError(_("Choose one of the quarters in the list."))

    def clean(self):
        data = super().clean()
        if "quarter" in data:
            data["period"] = data["quarter"]
        return data
