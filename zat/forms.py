from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.forms import DATE_WIDGET
from smw.forms import QueryForm


class BackToMeetingForm(QueryForm):
    """The meeting a button on it sends the person back to; an action point carried over may
    belong to an earlier meeting than the one it was ticked off on."""

    meeting = forms.ModelChoiceField(label=_("ZAT meeting"), queryset=None, required=False)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class MeetingForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=None)
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()

    def clean_date(self):
        value = self.cleaned_data["date"]
        today = timezone.localdate()
        if value < today - datetime.timedelta(days=365) or value > today + datetime.timedelta(
            days=365
        ):
            raise forms.ValidationError(_("Choose a date within a year from today."))
        return value

    def starts_at(self) -> datetime.datetime:
        return timezone.make_aware(
            datetime.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        )


class AttendeeForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Colleague with SMW access"), queryset=None, required=False
    )
    name = forms.CharField(label=_("Or a guest: name"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    role = forms.CharField(
        label=_("Role"),
        max_length=100,
        required=False,
        help_text=_("For example jeugdarts, leerplichtambtenaar, wijkteam."),
    )

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users

    def clean(self):
        data = super().clean()
        if not data.get("user") and not data.get("name", "").strip():
            self.add_error("name", _("Choose a colleague or give the guest's name."))
        if data.get("user") and data.get("name", "").strip():
            self.add_error("name", _("Choose a colleague or a guest, not both."))
        return data


class ItemForm(forms.Form):
    case = forms.ModelChoiceField(
        label=_("Case to discuss by name"),
        queryset=None,
        required=False,
        help_text=_("Only with valid consent for discussion in the ZAT."),
    )
    anonymous_label = forms.CharField(
        label=_("Or anonymously: describe the pupil without identifying data"),
        max_length=200,
        required=False,
        help_text=_("For example: pupil group 6, boy, 9 years."),
    )
    question = forms.CharField(
        label=_("Question for the team"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, cases, consented: set[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases
        consented = consented or set()

        def label(case) -> str:
            text = f"{case.pupil.full_name} ({case.get_stage_display()})"
            if case.pupil_id not in consented:
                text += " – " + str(_("no ZAT consent"))
            return text

        self.fields["case"].label_from_instance = label
        self.fields["case"].empty_label = _("Anonymous item")

    def clean(self):
        data = super().clean()
        if data.get("case") and data.get("anonymous_label", "").strip():
            self.add_error("anonymous_label", _("A named item has no anonymous description."))
        if not data.get("case") and not data.get("anonymous_label", "").strip():
            self.add_error("anonymous_label", _("Choose a case or describe the pupil anonymously."))
        return data


class AdviceForm(forms.Form):
    discussion = forms.CharField(
        label=_("Discussion"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    advice = forms.CharField(
        label=_("Advice or decision"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ChoiceField(label=_("Owner"))
    due_on = forms.DateField(label=_("Due on"), widget=DATE_WIDGET)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")]
        for attendee in meeting.attendees.all():
            key = f"user-{attendee.user_id}" if attendee.user_id else f"guest-{attendee.pk}"
            label = attendee.name + (f" ({attendee.organisation})" if attendee.organisation else "")
            choices.append((key, label))
        self.fields["owner"].choices = choices
        self.meeting = meeting

    def clean_owner(self):
        """(colleague, guest): the attendee who carries out the action, one of them None."""
        kind, _sep, ident = self.cleaned_data["owner"].partition("-")
        if kind == "user":
            return User.objects.filter(pk=ident).first(), None
        return None, self.meeting.attendees.filter(pk=ident).first()

    def clean_due_on(self):
        value = self.cleaned_data["due_on"]
        if value < self.meeting.day:
            raise forms.ValidationError(_("The due date lies before the meeting."))
        return value
