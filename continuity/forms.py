"""Field validation for the continuity pages; the rules live in continuity/<topic>.py."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HandoverForm(forms.Form):
    """A new owner per item, or everything to one colleague."""

    all_to = forms.ModelChoiceField(
        label=_("Everything to one colleague"),
        queryset=None,
        required=False,
        help_text=_("Or choose a new owner per item below."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("For example: leaves the organisation on 1 September."),
    )

    def __init__(self, *args, owned, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["all_to"].queryset = colleagues
        self.item_fields = []
        labels = []
        for case in owned.cases:
            labels.append(
                (
                    f"case-{case.pk}",
                    f"{case.number} · {case.school.name} · {case.get_stage_display()}",
                )
            )
        for group in owned.groups:
            labels.append((f"group-{group.pk}", f"{group.name} · {group.school.name}"))
        for action in owned.actions:
            # Not the action's text: it is free text of a case discussion.
            meeting = action.item.meeting
            labels.append(
                (
                    f"action-{action.pk}",
                    _("ZAT action point · %(school)s · meeting %(meeting)s · due %(due)s")
                    % {
                        "school": meeting.school.name,
                        "meeting": date_format(meeting.day, "j F Y"),
                        "due": date_format(action.due_on, "j F Y"),
                    },
                )
            )
        for key, label in labels:
            self.fields[key] = forms.ModelChoiceField(
                label=label, queryset=colleagues, required=False
            )
            self.item_fields.append(key)

    def owners(self) -> dict:
        everyone = self.cleaned_data.get("all_to")
        result = {}
        for key in self.item_fields:
            chosen = self.cleaned_data.get(key) or everyone
            if chosen is not None:
                result[key] = chosen
        return result


class MoveForm(forms.Form):
    WITHIN, OUTSIDE = "within", "outside"

    where = forms.ChoiceField(
        label=_("Where to"),
        widget=forms.RadioSelect,
        choices=[
            (WITHIN, _("To another school of our organisation: the case moves along")),
            (OUTSIDE, _("To a school outside our organisation: the case is closed")),
        ],
    )
    moved_on = forms.DateField(label=_("Moved on"), widget=DATE_WIDGET)
    to_school = forms.ModelChoiceField(label=_("New school"), queryset=None, required=False)
    to_worker = forms.ModelChoiceField(
        label=_("New case manager"),
        queryset=None,
        required=False,
        help_text=_("Needed when you do not work at the new school yourself."),
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("When the case is closed: what was reached, and what the pupil takes along."),
    )

    def __init__(self, *args, schools, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_school"].queryset = schools
        self.fields["to_worker"].queryset = workers
        self.fields["moved_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("where") == self.WITHIN and not data.get("to_school"):
            self.add_error("to_school", _("Choose the new school."))
        if data.get("where") == self.OUTSIDE and not (data.get("outcome") or "").strip():
            self.add_error("outcome", _("Describe the outcome before closing."))
        return data


class NormReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the help go on?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MoveDeadlinesForm(forms.Form):
    to = forms.DateField(
        label=_("Move to"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Empty: the first school day after the school's summer holiday."),
    )
