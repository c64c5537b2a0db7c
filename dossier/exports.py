"""Making a dossier export's files: the PDF (WeasyPrint, PDF/UA-1, smw/pdf.py) and the ZIP with
the same content as JSON. The house pattern of reports/runs.py: sent to the workers after
commit; a broker that cannot be reached leaves the export waiting and unsent, and the sweep
(every two minutes) sends it once the broker is back; `claim` turns waiting into running in one
UPDATE, so a second delivery does nothing; a finished attempt stores its files only while it
still holds the export (a review in the meantime has asked for new files)."""

from __future__ import annotations

import base64
import datetime
import io
import json
import logging
import traceback
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F
from django.utils import timezone
from django.utils.translation import override
from pypdf import PdfReader, PdfWriter

from documents.workflow import document_contents
from reports.runs import BROKER_ERRORS
from smw.pdf import render_pdf

from .content import collect
from .models import DossierExport

log = logging.getLogger(__name__)
Status = DossierExport.Status

MAX_ATTEMPTS = 3


def send(export: DossierExport) -> bool:
    """Hand a waiting export to the workers; False when the broker cannot be reached (the
    export stays waiting and unsent; the sweep sends it later)."""
    from .tasks import make_export_task

    try:
        make_export_task.apply_async((export.pk,), retry=False)
    except BROKER_ERRORS as exc:
        log.warning("dossier export %s not sent, the broker cannot be reached: %r", export.pk, exc)
        return False
    DossierExport.objects.filter(pk=export.pk, status=Status.QUEUED, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    return True


def claim(export_id: int) -> DossierExport | None:
    claimed = DossierExport.objects.filter(pk=export_id, status=Status.QUEUED).update(
        status=Status.RUNNING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
        progress=1,
        error="",
    )
    if not claimed:
        log.info("dossier export %s is not waiting; this delivery does nothing", export_id)
        return None
    return DossierExport.objects.select_related(
        "pupil__school", "organisation", "destination", "case"
    ).get(pk=export_id)


def _attempt(export: DossierExport):
    return DossierExport.objects.filter(
        pk=export.pk, status=Status.RUNNING, attempts=export.attempts
    )


def _progress(export: DossierExport, percent: int, step: str = "") -> None:
    _attempt(export).update(progress=max(1, min(percent, 99)), step=step[:100])


def content_as_json(content: dict) -> bytes:
    return json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


# Attachments the PDF shows as pictures; a PDF attachment's pages are added after the dossier.
IMAGE_TYPES = {"image/png", "image/jpeg"}
PDF_TYPE = "application/pdf"


def _attachments(content: dict) -> list[dict]:
    return [a for part in content.get("cases", []) for a in part.get("attachments", [])]


def _readable_pdf(data: bytes) -> bool:
    """A PDF whose pages can be added: not damaged, not locked with a password."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return False
        return len(reader.pages) > 0
    except Exception:  # any damage: the attachment is listed and in the ZIP, not in the PDF
        log.warning("a PDF attachment cannot be read; it is not added to the export's PDF")
        return False


def _with_attachments(pdf: bytes, attachments: list[bytes]) -> bytes:
    """The dossier's PDF with the pages of the PDF attachments after it, in the order listed;
    the dossier's own structure (tags, metadata, language) is kept as WeasyPrint made it."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    for data in attachments:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        writer.append(reader, import_outline=False)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _load_attachments(content: dict) -> tuple[dict[str, bytes], dict[str, str]]:
    """Read the listed attachments' files: by item key, their bytes (for the ZIP), and the
    pictures the PDF shows (data: URLs). Marks each item `in_pdf`; an attachment whose file is
    gone is listed without a `file`."""
    attachments = _attachments(content)
    contents = document_contents([a["id"] for a in attachments])
    files, images = {}, {}
    for attachment in attachments:
        data = contents.get(attachment["id"])
        attachment["in_pdf"] = False
        if data is None:
            attachment["file"] = ""
            continue
        files[attachment["key"]] = data
        if attachment["content_type"] in IMAGE_TYPES:
            encoded = base64.b64encode(data).decode()
            images[attachment["key"]] = f"data:{attachment['content_type']};base64,{encoded}"
            attachment["in_pdf"] = True
        elif attachment["content_type"] == PDF_TYPE:
            attachment["in_pdf"] = _readable_pdf(data)
    return files, images


def _for_pdf(content: dict, images: dict[str, str]) -> dict:
    """The content as the PDF template reads it: each shown picture with its attachment."""
    shown = {**content, "cases": []}
    for part in content.get("cases", []):
        part = dict(part)
        if "attachments" in part:
            part["attachments"] = [
                {**a, "image": images.get(a["key"], "")} for a in part["attachments"]
            ]
        shown["cases"].append(part)
    return shown


def build(export: DossierExport, *, now: datetime.datetime | None = None) -> tuple[bytes, bytes]:
    """The PDF and the ZIP of the export as it stands (its withheld items left out)."""
    withheld = {w.key: w.ground for w in export.withheld.all()}
    with override(settings.LANGUAGE_CODE):
        content = collect(
            export,
            withheld=withheld,
            now=now,
            step=lambda label, percent: _progress(export, percent, label),
        )
        files, images = _load_attachments(content)
        pdf = render_pdf(
            "dossier/pdf/export.html", {"export": export, "c": _for_pdf(content, images)}
        )
    pdfs = [
        files[a["key"]]
        for a in _attachments(content)
        if a["in_pdf"] and a["content_type"] == PDF_TYPE
    ]
    if pdfs:
        _progress(export, 80, "attachments")
        pdf = _with_attachments(pdf, pdfs)
    _progress(export, 85, "zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("dossier.json", content_as_json(content))
        archive.writestr("dossier.pdf", pdf)
        for attachment in _attachments(content):
            if attachment["file"]:
                archive.writestr(attachment["file"], files[attachment["key"]])
    return pdf, buffer.getvalue()


def make_export(export_id: int) -> DossierExport | None:
    """Make the export's files; None when it was not waiting. A failed attempt leaves the
    export waiting for the task's retry, or failed after the last one."""
    export = claim(export_id)
    if export is None:
        return None
    try:
        pdf, archive = build(export)
    except Exception as exc:
        _fail(export, exc)
        raise
    return _finish(export, pdf, archive)


def _finish(export: DossierExport, pdf: bytes, archive: bytes) -> DossierExport | None:
    storage = export.pdf.storage
    version = export.version + 1
    stem = f"dossier/{export.pk}/dossier-{export.pk}-v{version}-{export.attempts}"
    pdf_name = storage.save(f"{stem}.pdf", ContentFile(pdf))
    zip_name = storage.save(f"{stem}.zip", ContentFile(archive))
    old = [name for name in (export.pdf.name, export.archive.name) if name]
    made_at = timezone.now()
    if not _attempt(export).update(
        status=Status.READY,
        progress=100,
        step="",
        pdf=pdf_name,
        archive=zip_name,
        made_at=made_at,
        version=version,
    ):
        storage.delete(pdf_name)
        storage.delete(zip_name)
        log.info("dossier export %s: superseded while it was made; files dropped", export.pk)
        return None
    for name in old:
        storage.delete(name)
    export.pdf.name, export.archive.name = pdf_name, zip_name
    export.status, export.made_at, export.version = Status.READY, made_at, version
    return export


def _fail(export: DossierExport, exc: BaseException) -> None:
    error = "".join(traceback.format_exception_only(exc)).strip()[:2000]
    final = export.attempts >= MAX_ATTEMPTS
    status = Status.FAILED if final else Status.QUEUED
    _attempt(export).update(error=error, status=status, sent_at=timezone.now())
    log.exception("dossier export %s: attempt %s failed", export.pk, export.attempts)


def sweep(now: datetime.datetime | None = None) -> int:
    """Send the exports that never reached a worker; take back those a lost worker left
    running (waiting again, or failed after the last attempt). Returns how many were sent."""
    now = now or timezone.now()
    for export in DossierExport.objects.stalled(now):
        final = export.attempts >= MAX_ATTEMPTS
        DossierExport.objects.stalled(now).filter(pk=export.pk, attempts=export.attempts).update(
            status=Status.FAILED if final else Status.QUEUED,
            sent_at=None,
            error="WorkerLost: the export was not made within the time limit",
        )
    sent = 0
    for export in DossierExport.objects.to_send(now).order_by("created_at"):
        if not send(export):
            break
        sent += 1
    return sent
