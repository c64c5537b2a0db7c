from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token:
            raise forms.ValidationError(_("Enter the code."))
        return token


class SetupTokenForm(TokenForm):
    token = forms.CharField(
        label=_("Code from your app"),
        max_length=6,
        min_length=6,
        help_text=_(
            "Scan the QR code with your authenticator app and enter the six digits it shows."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"min_length": _("The code has six digits.")},
    )

    def clean_token(self) -> str:
        token = super().clean_token().replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("The code has six digits."))
        return token


# --- The application manager's pages ---------------------------------------------------------
# Plain forms, not model forms: they carry the fields named here and nothing else, so no POST
# can set is_superuser, is_staff, permissions, groups or a password through them.


class PersonForm(forms.Form):
    username = forms.RegexField(
        label=_("User name"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        error_messages={
            "invalid": _("Use letters, digits and @ . + - _ only, without spaces."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("The person chooses their password through the link sent to this address."),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        help_text=_("For a school social worker, team leader, privacy or safeguarding officer."),
    )
    school = forms.ModelChoiceField(
        label=_("School"), queryset=None, required=False, help_text=_("For a care coordinator.")
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        required=False,
        help_text=_("For a municipal policy officer."),
    )

    def __init__(self, *args, **kwargs):
        from schools.models import Municipality, Organisation, School

        from .models import Role

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "---------"), *Role.choices]
        self.fields["organisation"].queryset = Organisation.objects.all()
        self.fields["school"].queryset = School.objects.filter(active=True)
        self.fields["municipality"].queryset = Municipality.objects.all()
