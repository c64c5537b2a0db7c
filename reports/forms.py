"""Field validation for the reports app's pages. Business rules live in the domain modules."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schools.models import SchoolYear

from .models import ReportRun
from .periods import Period, available_periods


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

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()
        self.periods = available_periods(timezone.localdate())
        self.fields["period"].choices = [
            (key, f"{group}: {period.label}") for key, (group, period) in self.periods.items()
        ]

    def clean(self):
        data = super().clean()
        kind, key = data.get("kind"), data.get("period")
        if kind and key:
            expected = {"registratie": "m", "term": "t", "year": "y"}[kind]
            if not key.startswith(expected):
                self.add_error("period", _("Choose a period that fits this report."))
        return data


# The shortest period a funding report covers (February). Shorter periods have almost only
# small counts: hidden, they leave nothing to report, and protecting them costs seconds.
SHORTEST_RANGE_DAYS = 28


class FundingForm(forms.Form):
    PERIODS = [
        ("year", _("School year")),
        ("quarter", _("Quarter")),
        ("range", _("From – until")),
    ]
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None)
    period_kind = forms.ChoiceField(label=_("Period"), choices=PERIODS, initial="year")
    school_year = forms.IntegerField(
        label=_("School year starting in"),
        required=False,
        min_value=2015,
        max_value=2100,
    )
    quarter = forms.RegexField(
        label=_("Quarter (e.g. 2026-Q3)"),
        required=False,
        regex=r"^\d{4}-Q[1-4]$",
        error_messages={"invalid": _("Write a quarter as 2026-Q3.")},
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("At least a month (28 days), at most three years."),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        if municipalities.count() == 1:
            self.fields["municipality"].initial = municipalities.first().pk
        today = timezone.localdate()
        self.fields["school_year"].initial = SchoolYear.start_year_for(today)

    def clean(self):
        data = super().clean()
        kind = data.get("period_kind")
        today = timezone.localdate()
        try:
            if kind == "year":
                if not data.get("school_year"):
                    self.add_error("school_year", _("Choose a school year."))
                else:
                    data["period"] = Period.school_year(data["school_year"])
            elif kind == "quarter":
                if not data.get("quarter"):
                    self.add_error("quarter", _("Choose a quarter."))
                else:
                    year, q = data["quarter"].split("-Q")
                    data["period"] = Period.quarter(int(year), int(q))
            elif kind == "range":
                start, end = data.get("start"), data.get("end")
                if not start or not end:
                    self.add_error("end" if start else "start", _("Give both dates."))
                elif end < start:
                    self.add_error("end", _("The end date lies before the start date."))
                elif (end - start).days > 3 * 366:
                    self.add_error("end", _("Choose at most three years."))
                elif (end - start).days + 1 < SHORTEST_RANGE_DAYS:
                    self.add_error(
                        "end",
                        _(
                            "Choose at least a month: over a shorter period nearly every "
                            "count is below 5 and the report would show next to nothing."
                        ),
                    )
                else:
                    label = f"{start:%d-%m-%Y} – {end:%d-%m-%Y}"
                    data["period"] = Period(start, end, label)
        except ValueError:
            self.add_error(None, _("This is not a valid period."))
        period = data.get("period")
        if period and period.start > today:
            self.add_error(None, _("This period has not started yet."))
        return data
