"""Field validation of the retention pages; the rules live in retention/workflow.py."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from smw.forms import QueryForm

from .models import LegalHold, Policy


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PolicyForm(forms.ModelForm):
    class Meta:
        model = Policy
        fields = ["years", "basis", "work_note_grace_days"]


class ExtensionForm(forms.Form):
    years = forms.IntegerField(
        label=_("Years after the end of help"),
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)


class HoldForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=LegalHold.Kind.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300)
    review_on = forms.DateField(label=_("Review on"), widget=DateInput())


class LiftForm(forms.Form):
    reason = forms.CharField(label=_("Reason for lifting"), max_length=300)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve: destroy these dossiers")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        help_text=_("Required when you reject the list."),
    )


class ProposeForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
            self.fields["organisation"].widget = forms.HiddenInput()


class FindForm(QueryForm):
    case = forms.RegexField(
        label=_("Case number"), regex=r"^\s*\d{4}-\d{1,9}\s*$", max_length=20, required=False
    )

    def case_pk(self) -> int | None:
        value = self.understood_data().get("case")
        return int(value.strip().split("-")[1]) if value else None
