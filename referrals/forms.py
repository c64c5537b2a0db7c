from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.forms import DATE_WIDGET, not_in_future
from cases.models import Guardian
from smw.forms import FilterForm, QueryForm

from .models import Consent, Referral, SocialMapEntry


class SocialMapFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None, required=False)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *SocialMapEntry.Kind.choices]
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].empty_label = _("All municipalities")


class ForCaseForm(QueryForm):
    """The case a worker looks for an organisation for, carried through the sociale kaart's
    links (GET): only a case the worker may refer from gets the buttons to do so."""

    case = forms.ModelChoiceField(label=_("Case"), queryset=None, required=False)

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases


def _organisation_in_link() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Organisation"), queryset=SocialMapEntry.objects.filter(active=True), required=False
    )


class OrganisationInLinkForm(QueryForm):
    """The organisation a link from the sociale kaart fills in on the next form (GET)."""

    not_understood_message = _("The organisation in the link was not found; choose it below.")


class ConsentLinkForm(OrganisationInLinkForm):
    party = _organisation_in_link()


class ReferralLinkForm(OrganisationInLinkForm):
    destination = _organisation_in_link()


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Consent for"), choices=Consent.Purpose.choices)
    party = forms.ModelChoiceField(
        label=_("Named party"),
        queryset=SocialMapEntry.objects.filter(active=True),
        required=False,
        help_text=_("Required for sharing information and for a referral."),
    )
    by_pupil = forms.BooleanField(label=_("The pupil consents"), required=False)
    by_guardians = forms.ModelMultipleChoiceField(
        label=_("Parents who consent"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    given_on = forms.DateField(label=_("Given on"), widget=DATE_WIDGET, initial=timezone.localdate)
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE_WIDGET, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, pupil, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["by_guardians"].queryset = pupil.guardians.all()

    def clean_given_on(self):
        value = self.cleaned_data["given_on"]
        not_in_future(value)
        return value

    def clean(self):
        data = super().clean()
        if (
            data.get("given_on")
            and data.get("valid_until")
            and data["valid_until"] < data["given_on"]
        ):
            self.add_error("valid_until", _("“Valid until” lies before the date it was given."))
        if data.get("purpose") in (
            Consent.Purpose.SHARE,
            Consent.Purpose.REFERRAL,
        ) and not data.get("party"):
            self.add_error("party", _("Name the party this consent is for."))
        return data


class WithdrawForm(forms.Form):
    on = forms.DateField(label=_("Withdrawn on"), widget=DATE_WIDGET, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ReferralForm(forms.Form):
    destination = forms.ModelChoiceField(
        label=_("Refer to"), queryset=SocialMapEntry.objects.filter(active=True)
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    question = forms.CharField(
        label=_("Question for the organisation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    shared_information = forms.CharField(
        label=_("Information shared"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only what the organisation needs, and what the consent covers."),
    )
    consent = forms.ModelChoiceField(label=_("Consent"), queryset=None, required=False)
    acute_exception = forms.BooleanField(
        label=_("Acute safety: refer without consent"), required=False
    )
    exception_reason = forms.CharField(
        label=_("Why there is no consent"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    follow_up_on = forms.DateField(label=_("Follow up on"), widget=DATE_WIDGET)
    submit = forms.BooleanField(
        label=_("Submit the referral now (otherwise it stays prepared)"),
        required=False,
        initial=True,
    )

    # Consent recorded on this form, when there is none yet: who consents, and a parent with
    # parental authority who is not on the case yet. Saved together with the referral.
    new_consent_by_pupil = forms.BooleanField(label=_("The pupil consents"), required=False)
    new_consent_by_guardians = forms.ModelMultipleChoiceField(
        label=_("Parents who consent"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_consent_given_on = forms.DateField(
        label=_("Consent given on"), widget=DATE_WIDGET, initial=timezone.localdate, required=False
    )
    new_guardian_name = forms.CharField(
        label=_("Name of a parent not yet recorded"), max_length=200, required=False
    )
    new_guardian_relation = forms.ChoiceField(
        label=_("Relation"), choices=[("", "—"), *Guardian.Relation.choices], required=False
    )
    new_guardian_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    new_guardian_has_authority = forms.BooleanField(
        label=_("Has parental authority (gezag)"), required=False, initial=True
    )
    new_guardian_consents = forms.BooleanField(
        label=_("This parent consents"), required=False, initial=True
    )

    def __init__(self, *args, consents, guardians=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].queryset = consents
        self.fields["new_consent_by_guardians"].queryset = (
            guardians if guardians is not None else Guardian.objects.none()
        )
        self.fields["consent"].label_from_instance = lambda c: (
            f"{c.party} – {date_format(c.given_on, 'j b Y')}"
            + (f" t/m {date_format(c.valid_until, 'j b Y')}" if c.valid_until else "")
        )

    def clean_follow_up_on(self):
        value = self.cleaned_data["follow_up_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The follow-up date lies in the past."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("acute_exception"):
            if not data.get("exception_reason", "").strip():
                self.add_error("exception_reason", _("Write down why you refer without consent."))
        elif not data.get("consent") and not self.new_consent():
            self.add_error(
                "consent",
                _("Choose the consent for this referral, or record below who consents."),
            )
        if data.get("new_guardian_name", "").strip() and not data.get("new_guardian_relation"):
            self.add_error("new_guardian_relation", _("Choose the relation to the pupil."))
        consent, destination = data.get("consent"), data.get("destination")
        if consent and destination and consent.party_id != destination.pk:
            self.add_error("consent", _("This consent is for another organisation."))
        return data

    def new_consent(self) -> dict | None:
        """The consent recorded on this form, or None when nobody was ticked or named."""
        data = self.cleaned_data
        if data.get("acute_exception") or data.get("consent"):
            return None
        guardian_name = data.get("new_guardian_name", "").strip()
        by_guardians = list(data.get("new_consent_by_guardians") or [])
        if not (data.get("new_consent_by_pupil") or by_guardians or guardian_name):
            return None
        new_guardian = None
        if guardian_name:
            new_guardian = {
                "name": guardian_name,
                "relation": data.get("new_guardian_relation", ""),
                "phone": data.get("new_guardian_phone", "").strip(),
                "has_authority": bool(data.get("new_guardian_has_authority")),
                "consents": bool(data.get("new_guardian_consents")),
            }
        return {
            "by_pupil": bool(data.get("new_consent_by_pupil")),
            "guardian_ids": {g.pk for g in by_guardians},
            "given_on": data.get("new_consent_given_on") or timezone.localdate(),
            "new_guardian": new_guardian,
        }


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "—"), *choices]

    def clean_on(self):
        value = self.cleaned_data["on"]
        not_in_future(value)
        return value

    def clean(self):
        data = super().clean()
        if data.get("status") == Referral.Status.REJECTED and not data.get("note", "").strip():
            self.add_error("note", _("Give the reason for the rejection."))
        return data


class SocialMapEntryForm(forms.ModelForm):
    """The application manager's form for one entry of the sociale kaart."""

    class Meta:
        model = SocialMapEntry
        fields = [
            "name",
            "kind",
            "municipalities",
            "address",
            "phone",
            "email",
            "website",
            "application_procedure",
            "waiting_weeks",
            "notes",
            "active",
        ]
        widgets = {
            "municipalities": forms.CheckboxSelectMultiple,
            "application_procedure": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
