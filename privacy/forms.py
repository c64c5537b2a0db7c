"""The privacy pages' filters (GET) and the review form (POST)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import AccessLog
from smw.forms import FilterForm

from .models import AccessSignal, SignalReview


class DateInput(forms.DateInput):
    """A date picker that shows back only a date it can hold (valid HTML after bad input)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, str):
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)


class NumberInput(forms.NumberInput):
    """A number field that shows back only a whole number (valid HTML after bad input)."""

    def format_value(self, value):
        if isinstance(value, str) and not value.strip().lstrip("-").isdigit():
            return None
        return super().format_value(value)


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class PeriodForm(FilterForm):
    """From and until (both days included)."""

    start = forms.DateField(label=_("From"), required=False, widget=DateInput)
    end = forms.DateField(label=_("Until"), required=False, widget=DateInput)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period lies before its start."))
        return data

    def period(self) -> tuple[datetime.datetime | None, datetime.datetime | None]:
        """The understood period as [start, end) in local time."""
        data = self.understood_data()
        start, end = data.get("start"), data.get("end")
        return (
            local_midnight(start) if start else None,
            local_midnight(end + datetime.timedelta(days=1)) if end else None,
        )


class LogFilterForm(PeriodForm):
    pupil = forms.IntegerField(
        label=_("Pupil number"),
        required=False,
        min_value=1,
        max_value=2**62,
        widget=NumberInput(attrs={"inputmode": "numeric"}),
    )
    user = forms.ModelChoiceField(queryset=None, required=False, label=_("Person"))
    action = forms.ChoiceField(required=False, label=_("Action"))
    school = forms.ModelChoiceField(queryset=None, required=False, label=_("School"))
    field_order = ["pupil", "user", "action", "school", "start", "end"]

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope
        self.fields["user"].queryset = scope.users()
        self.fields["user"].empty_label = _("Everyone")
        self.fields["school"].queryset = scope.schools()
        self.fields["school"].empty_label = _("All schools")
        self.fields["action"].choices = [("", _("All actions")), *AccessLog.Action.choices]

    def clean_pupil(self):
        pupil = self.cleaned_data.get("pupil")
        if pupil is not None and not self.scope.has_pupil(pupil):
            raise forms.ValidationError(
                _("No pupil with this number at a school your organisation serves.")
            )
        return pupil


class MonthForm(FilterForm):
    month = forms.CharField(label=_("Month"), required=False, max_length=7)

    def clean_month(self) -> datetime.date | None:
        text = (self.cleaned_data.get("month") or "").strip()
        if not text:
            return None
        try:
            return datetime.datetime.strptime(text, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(
                _("Give the month as year and month, for example 2026-03.")
            ) from None


class PupilSearchForm(FilterForm):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)

    def clean_q(self) -> str:
        q = " ".join((self.cleaned_data.get("q") or "").split())
        if q and len(q) < 2:
            raise forms.ValidationError(_("Type at least two letters of the name."))
        return q


class SignalFilterForm(FilterForm):
    STATUS = [
        ("waiting", _("Waiting for review")),
        ("reviewed", _("Reviewed")),
        ("all", _("All")),
    ]
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS)
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *AccessSignal.Kind.choices]


class ReviewForm(forms.ModelForm):
    class Meta:
        model = SignalReview
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"note": {"required": _("Write a note: what did you find?")}}
        help_texts = {
            "note": _("What you found and did. Kept as written: a later review adds to it."),
        }

    def clean_note(self) -> str:
        note = (self.cleaned_data.get("note") or "").strip()
        if not note:
            raise forms.ValidationError(_("Write a note: what did you find?"))
        return note
