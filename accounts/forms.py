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
