"""Adding a document to a case, and the functions other parts of SMW call: the retention's
destruction of a dossier (the files go with it) and the inzage export (the files go in it)."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.log import Action
from audit.log import note as log_note
from cases.models import Case, CaseEvent, Pupil
from cases.workflow import record_event
from smw.errors import Refused

from . import checks, scan
from .access import may_add
from .models import CaseDocument

logger = logging.getLogger(__name__)


class DocumentRefused(Refused):
    """The document is not added; the message says why (on the file field)."""

    def __init__(self, message: str):
        super().__init__(message, field="file")


def inspect_upload(upload: UploadedFile) -> checks.FileType:
    """The size, the virus scan when clamd is configured, then the kind by content: everything
    that decides whether a file may be stored, before anything is stored. The scan comes before
    the kind, so that malware is named as such (and logged) whatever it pretends to be."""
    try:
        checks.check_size(upload)
    except checks.UploadRefused as exc:
        raise DocumentRefused(str(exc)) from exc
    if scan.scanning_enabled():
        upload.seek(0)
        try:
            verdict = scan.scan_chunks(upload.chunks())
        except scan.ScanFailed:
            logger.exception("Virus scan failed; the document was refused")
            raise DocumentRefused(
                _(
                    "The virus scanner cannot be reached, so the file was not added. "
                    "Try again in a moment; if it keeps failing, tell the application manager."
                )
            ) from None
        finally:
            upload.seek(0)
        if not verdict.clean:
            logger.warning("Upload refused: clamd found %s", verdict.signature)
            raise DocumentRefused(
                _("The virus scanner found %(signature)s in this file. It was not added.")
                % {"signature": verdict.signature}
            )
    try:
        return checks.detect_type(upload)
    except checks.UploadRefused as exc:
        raise DocumentRefused(str(exc)) from exc


def add_document(
    case: Case, *, by: User, upload: UploadedFile, kind: str, title: str
) -> CaseDocument:
    """The case manager adds a document. Refused (DocumentRefused) when the file is too large,
    not a kind SMW keeps by its content, or infected; nothing is stored then."""
    if not may_add(by, case):
        raise Refused(_("Only the case manager can add documents to this case."))
    file_type = inspect_upload(upload)
    digest = checks.sha256_of(upload)
    original_name = (upload.name or "").rsplit("/", 1)[-1][:200] or "document"
    stored = ""
    try:
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=case.pk)
            document = CaseDocument(
                case=case,
                kind=kind,
                title=title,
                original_name=original_name,
                content_type=file_type.content_type,
                extension=file_type.extension,
                size=upload.size,
                sha256=digest,
                virus_scanned=scan.scanning_enabled(),
                uploaded_by=by,
            )
            # A random name (models.random_name); the original stays in the database only.
            document.file.save("upload", upload, save=False)
            stored = document.file.name
            document.save()
            record_event(
                case,
                by=by,
                kind=CaseEvent.Kind.DOCUMENT,
                note=f"{document.get_kind_display()}: {title}",
            )
            log_note(Action.CREATE, [case.pupil_id], obj=document, description="document")
    except BaseException:
        if stored:  # the row was not saved: no file without its row
            default_storage.delete(stored)
        raise
    return document


def remove_document(document: CaseDocument, *, by: User, reason: str) -> CaseEvent:
    """The case manager removes a document added by mistake (another pupil's letter, the wrong
    file): the row now, the file once that commits; the timeline keeps what it was and why."""
    if not may_add(by, document.case):
        raise Refused(_("Only the case manager can remove documents from this case."))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=document.case_id)
        name = document.file.name
        title, kind = document.title, document.get_kind_display()
        document_ref = f"documents.casedocument:{document.pk}"
        CaseDocument.objects.filter(pk=document.pk).delete()
        transaction.on_commit(lambda: _delete_files([name]))
        event = record_event(
            case,
            by=by,
            kind=CaseEvent.Kind.DOCUMENT_REMOVED,
            note=f"{kind}: {title} ({reason})",
        )
        log_note(Action.CHANGE, [case.pupil_id], description=f"removed {document_ref}")
    return event


# --- For the retention (destruction of a dossier) and the AVG inzage export ------------------


def delete_case_documents(case: Case) -> int:
    """Delete the case's documents, rows and files; the number deleted. Call it inside the
    transaction that destroys the dossier: the files are deleted once that commits (a rollback
    keeps them with their rows)."""
    documents = list(CaseDocument.objects.filter(case=case).only("pk", "file"))
    names = [document.file.name for document in documents if document.file.name]
    CaseDocument.objects.filter(pk__in=[document.pk for document in documents]).delete()
    transaction.on_commit(lambda: _delete_files(names))
    return len(documents)


def delete_pupil_documents(pupil: Pupil | int) -> int:
    """The documents of every case of the pupil (a dossier is the pupil's); a Pupil or its id."""
    return sum(delete_case_documents(case) for case in Case.objects.filter(pupil=pupil))


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # local disk or S3: logged; the row is gone, the log names the file
            logger.exception("Could not delete the document file %s", name)


@dataclass(frozen=True)
class ExportedDocument:
    """A document as the inzage export includes it: what it is and its bytes."""

    case_number: str
    kind: str
    title: str
    file_name: str
    content_type: str
    uploaded_at: datetime.datetime
    uploaded_by: str
    content: bytes


def pupil_documents(pupil: Pupil) -> list[ExportedDocument]:
    """Every document of the pupil's cases, oldest first, with its bytes (for the inzage or
    afschrift export, which the privacy officer reviews before it is handed over). The caller
    logs the export; a file lost from storage is left out and logged."""
    exported = []
    documents = (
        CaseDocument.objects.filter(case__pupil=pupil)
        .select_related("case", "uploaded_by")
        .order_by("uploaded_at", "pk")
    )
    for document in documents:
        content = _read(document)
        if content is None:
            continue
        exported.append(
            ExportedDocument(
                case_number=document.case.number,
                kind=document.get_kind_display(),
                title=document.title,
                file_name=document.download_name,
                content_type=document.content_type,
                uploaded_at=document.uploaded_at,
                uploaded_by=str(document.uploaded_by),
                content=content,
            )
        )
    return exported


def _read(document: CaseDocument) -> bytes | None:
    try:
        with document.file.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        logger.exception("Document %s is missing from storage", document.pk)
        return None


def document_contents(document_ids: list[int]) -> dict[int, bytes]:
    """The bytes of these documents, by id, for the dossier export that lists them (the export
    logs its own download). A document deleted meanwhile, or whose file is lost from storage
    (logged), is left out."""
    documents = CaseDocument.objects.filter(pk__in=document_ids).only("pk", "file")
    contents = {}
    for document in documents:
        content = _read(document)
        if content is not None:
            contents[document.pk] = content
    return contents
