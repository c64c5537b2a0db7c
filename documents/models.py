"""Documents on a case: a signed consent form, a letter, a partner's report.

The file itself lies in the default storage (MEDIA_ROOT, or a private S3 bucket: settings
`MEDIA_STORAGE`) under a random name; nothing serves it but documents.views.download, which asks
documents/access.py. What a file is was decided by its content when it was added
(documents/checks.py), never by its name; `content_type` is that decision.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.log import ShownQuerySet
from cases.models import Case
from vault.fields import EncryptedCharField


def random_name(document: CaseDocument, filename: str) -> str:
    """A name that tells nothing (no pupil, no original name) and cannot be guessed."""
    return f"documents/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{document.extension}"


class CaseDocument(models.Model):
    class Kind(models.TextChoices):
        CONSENT_FORM = "toestemming", _("Signed consent form")
        LETTER = "brief", _("Letter")
        PARTNER_REPORT = "rapport", _("Report of a partner")
        OTHER = "anders", _("Other document")

    # PROTECT: a document goes with its dossier through documents.workflow (file and row),
    # never by a cascade that would leave the file behind.
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="documents", verbose_name=_("case")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # The description and the uploaded file name are free text that may name the pupil or a
    # parent ("verslag Jan de Vries.pdf"): sealed with the pupil's key (vault.fields), read as
    # plain text in Python (the list, the download's file name, the export).
    title = EncryptedCharField(
        _("description"),
        max_length=200,
        help_text=_("For example: consent form signed by both parents."),
    )
    file = models.FileField(upload_to=random_name, max_length=200)
    # As it was uploaded, for the download's file name only.
    original_name = EncryptedCharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    # True when ClamAV scanned it before it was stored (CLAMD_SOCKET or CLAMD_HOST set).
    virus_scanned = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )
    uploaded_at = models.DateTimeField(_("added on"), default=timezone.now)

    objects = ShownQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["case", "-uploaded_at"], name="document_case_at")]

    def __str__(self) -> str:
        return self.title

    @property
    def download_name(self) -> str:
        """The uploaded name, with the extension of what the file really is."""
        stem, dot, ext = self.original_name.rpartition(".")
        if not dot or f".{ext.lower()}" != self.extension:
            stem = self.original_name if not dot else stem
            return f"{stem or 'document'}{self.extension}"
        return self.original_name
