"""The upload form: field validation only; documents.workflow decides whether a file is taken."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .checks import ALLOWED, ALLOWED_LABEL
from .models import CaseDocument


class DocumentForm(forms.ModelForm):
    file = forms.FileField(
        label=_("File"),
        error_messages={"required": _("Choose a file.")},
    )

    class Meta:
        model = CaseDocument
        fields = ["kind", "title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "%(kinds)s, at most %(max)s MB. What the file is, is read from its content."
        ) % {"kinds": ALLOWED_LABEL, "max": settings.SMW_DOCUMENT_MAX_MB}
        # A hint for the browser's file chooser; the server decides by the content.
        accept = sorted({file_type.extension for file_type in ALLOWED.values()} | {".jpeg"})
        self.fields["file"].widget.attrs["accept"] = ",".join(accept)


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it removed?"),
        max_length=200,
        help_text=_("For example: a letter about another pupil. The reason stays on the timeline."),
    )
