"""What an uploaded file is, decided by its content (puremagic's signatures, and for the zip-
and OLE-based office formats a look inside), never by its name or the browser's word for it.

Only the kinds a school social worker receives are taken: PDF, photos and scans, and current
office documents. A renamed program, a web page, a plain zip, an office file with macros is
refused, whatever its name says.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass

import puremagic
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str


ALLOWED = {
    "application/pdf": FileType("application/pdf", ".pdf"),
    "image/png": FileType("image/png", ".png"),
    "image/jpeg": FileType("image/jpeg", ".jpg"),
    "image/heic": FileType("image/heic", ".heic"),
    # a phone's photo (HEIC): puremagic names the container's brand "heic" image/heif
    "image/heif": FileType("image/heif", ".heic"),
    "image/tiff": FileType("image/tiff", ".tif"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": FileType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"
    ),
    "application/vnd.oasis.opendocument.text": FileType(
        "application/vnd.oasis.opendocument.text", ".odt"
    ),
    "application/vnd.oasis.opendocument.spreadsheet": FileType(
        "application/vnd.oasis.opendocument.spreadsheet", ".ods"
    ),
}
# Shown with the upload field, and in the refusal.
ALLOWED_LABEL = "PDF, PNG, JPEG, HEIC, TIFF, DOCX, XLSX, ODT, ODS"


class UploadRefused(Exception):
    """The file is not taken; str(exc) says why, in words the person can act on."""


def max_bytes() -> int:
    return settings.SMW_DOCUMENT_MAX_MB * 1024 * 1024


def too_large_message(size: int | None = None) -> str:
    if size is None:
        return _("The file is larger than %(max)s.") % {"max": filesizeformat(max_bytes())}
    return _("The file is larger than %(max)s (this one is %(size)s).") % {
        "max": filesizeformat(max_bytes()),
        "size": filesizeformat(size),
    }


def check_size(upload: UploadedFile) -> None:
    if not upload.size:
        raise UploadRefused(_("The file is empty."))
    if upload.size > max_bytes():
        raise UploadRefused(too_large_message(upload.size))


def detect_type(upload: UploadedFile) -> FileType:
    """The allowed type the content shows, or UploadRefused. The file is read from a copy on
    disk under a name without an extension, so its name plays no part."""
    upload.seek(0)
    with tempfile.NamedTemporaryFile(prefix="smw-upload-") as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        try:
            matches = puremagic.magic_file(copy.name)
        except (puremagic.PureError, ValueError, OSError):
            matches = []
    upload.seek(0)
    best = max(matches, key=lambda m: m.confidence, default=None)
    found = ALLOWED.get(best.mime_type) if best is not None else None
    if found is None:
        raise UploadRefused(
            _(
                "This file is not taken: its content is not a kind SMW keeps (%(kinds)s), "
                "whatever its name says."
            )
            % {"kinds": ALLOWED_LABEL}
        )
    return found


def sha256_of(upload: UploadedFile) -> str:
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
