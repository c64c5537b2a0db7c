"""Field validation for the request pages. Who may ask and every step's rules live in
rights/rules.py and rights/workflow.py."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.forms import DATE_WIDGET, PupilForm, not_in_future

from .models import RightsRequest

YES_NO = [("ja", _("Yes")), ("nee", _("No"))]


class RequestForm(forms.ModelForm):
    class Meta:
        model = RightsRequest
        fields = [
            "kind",
            "requester",
            "guardian",
            "requester_name",
            "received_on",
            "identity_check",
            "identity_note",
            "consent_given",
            "description",
        ]
        widgets = {
            "requester": forms.RadioSelect,
            "received_on": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "guardian": _("For a parent: choose them from the parents recorded on the case."),
            "requester_name": _("For someone else than the pupil or a recorded parent."),
            "consent_given": _(
                "Needed for a parent of a pupil from 16, a parent without gezag, or anyone else."
            ),
            "description": _(
                "For a correction: what is wrong and what it should be. For an aanvulling: the "
                "statement the requester wants added."
            ),
            "kind": _(
                "Destruction (vernietiging): the whole dossier is destroyed within three months "
                "of receipt, unless the privacy officer refuses it for a substantial interest of "
                "another person or a legal duty (such as a legal hold)."
            ),
        }

    def __init__(self, *args, pupil, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guardian"].queryset = pupil.guardians.all()
        self.fields["guardian"].required = False
        self.fields["requester_name"].required = False
        self.fields["received_on"].initial = timezone.localdate
        self.fields["guardian"].label_from_instance = lambda g: (
            f"{g.name} ({g.get_relation_display()}, "
            + str(_("with gezag") if g.has_authority else _("without gezag"))
            + ")"
        )

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        not_in_future(value)
        return value


class SubmitForm(forms.Form):
    preparation_note = forms.CharField(
        label=_("Preparation for the decider"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What the decider needs: what was found, what you advise. No case content beyond "
            "what the request needs."
        ),
    )


class ExtendForm(forms.Form):
    until = forms.DateField(label=_("New deadline"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Reason for the extension"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The requester is told this in the letter."),
    )


class DecideForm(forms.Form):
    grant = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("ja", _("Grant")), ("nee", _("Refuse"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a refusal."),
    )
    harms_child = forms.TypedChoiceField(
        label=_("Would access harm the child?"),
        choices=YES_NO,
        coerce=lambda v: v == "ja",
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )
    harm_reason = forms.CharField(
        label=_("Reason for this judgement"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    statement = forms.CharField(
        label=_("The requester's own statement (eigen verklaring)"),
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("When a correction is refused: added to the dossier, and to every export."),
    )

    refusal_ground = forms.ChoiceField(
        label=_("Ground for a refusal"),
        choices=RightsRequest.RefusalGround.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "A request for destruction is refused only on one of these grounds, with the reason."
        ),
    )

    def __init__(
        self, *args, harm_question: bool, correction: bool, erasure: bool = False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if not harm_question:
            del self.fields["harms_child"], self.fields["harm_reason"]
        if not correction:
            del self.fields["statement"]
        if not erasure:
            del self.fields["refusal_ground"]


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How and when it was handed over or carried out."),
    )


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("The requester's own statement (eigen verklaring)"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class CorrectionForm(PupilForm):
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500)
    request = forms.ModelChoiceField(
        label=_("Correction request"),
        queryset=RightsRequest.objects.none(),
        required=False,
        empty_label=_("None: a correction on the case manager's own initiative"),
    )

    class Meta(PupilForm.Meta):
        fields = ["first_name", "last_name", "date_of_birth", "school", "group"]

    def __init__(self, *args, schools, requests, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["request"].queryset = RightsRequest.objects.filter(
            pk__in=[r.pk for r in requests]
        )
        self.fields["request"].label_from_instance = lambda r: (
            f"{r.get_kind_display()}, {date_format(r.received_on, 'j F Y')}"
        )

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        not_in_future(value)
        return value
