"""Field validation for the time registration pages. The rules live in timesheet/workflow.py."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms import DATE_WIDGET, case_label
from smw.forms import QueryForm

from .models import TimeEntry
from .week import parse_iso_week
from .workflow import editable_since


class WeekForm(forms.Form):
    """Which week of which school the week view shows (GET)."""

    school = forms.ModelChoiceField(queryset=None, label=_("School"), empty_label=None)
    week = forms.CharField(
        label=_("Week"),
        max_length=8,
        widget=forms.TextInput(attrs={"type": "week"}),
        help_text=_("For example 2025-W07."),
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools

    def clean_week(self):
        monday = parse_iso_week(self.cleaned_data["week"])
        if monday is None:
            raise forms.ValidationError(_("Enter a week as year-Wweek, for example 2025-W07."))
        return monday


class SchoolInLinkForm(QueryForm):
    """The school the week page's "register time" link fills in (GET)."""

    school = forms.ModelChoiceField(label=_("School"), queryset=None, required=False)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools


class TimeEntryForm(forms.ModelForm):
    minutes = forms.IntegerField(
        label=_("Minutes"),
        min_value=5,
        max_value=600,
        help_text=_("Between 5 and 600 minutes."),
    )

    class Meta:
        model = TimeEntry
        fields = ["school", "on", "minutes", "activity", "case", "note"]
        widgets = {"on": DATE_WIDGET}

    def __init__(self, *args, schools, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()
        today = timezone.localdate()
        self.fields["on"].initial = today
        self.fields["on"].widget.attrs.update(
            {"min": editable_since(today).isoformat(), "max": today.isoformat()}
        )
        self.fields["on"].help_text = _("Today or earlier, in this month or the previous one.")
        self.fields["case"].queryset = cases.select_related("pupil", "school").order_by(
            "pupil__last_name", "pupil__first_name"
        )
        self.fields["case"].required = False
        self.fields["case"].label_from_instance = case_label
        self.fields["case"].empty_label = _("No case")
        self.fields["case"].help_text = _("Only when the time was spent on one of your cases.")
