"""Adding a document to a case: what is taken (by its content, within the size limit, clean by
a real clamd) and what is refused, with a message in Dutch and the form as it was typed."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AccessLog
from cases.models import CaseEvent
from documents import checks, scan
from documents.models import CaseDocument
from documents.workflow import DocumentRefused, add_document
from smw.errors import Refused
from tests.clamd import EICAR

from .conftest import EXECUTABLE, PDF, stored_files, upload


def _post(client: Client, case, file, *, title="Toestemmingsformulier ouders", kind="toestemming"):
    return client.post(
        reverse("documents:upload", args=[case.pk]), {"kind": kind, "title": title, "file": file}
    )


def _zip(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _content_types(main: str) -> str:
    return (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
    )


DOCX = _zip(
    {
        "[Content_Types].xml": _content_types(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        ),
        "word/document.xml": "<w:document/>",
    }
)
DOCM = _zip(
    {
        "[Content_Types].xml": _content_types(
            "application/vnd.ms-word.document.macroEnabled.main+xml"
        ),
        "word/document.xml": "<w:document/>",
    }
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


# --- Accepted -------------------------------------------------------------------------------


def test_a_pdf_is_stored_under_a_random_name_and_shown_on_the_timeline(
    client, cast, dossier, media
):
    client.force_login(cast.worker)

    response = _post(client, dossier, upload(PDF, "Toestemming Daan Jansen.pdf"))

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[dossier.pk])
    document = CaseDocument.objects.get(case=dossier)
    assert (document.content_type, document.extension, document.size) == (
        "application/pdf",
        ".pdf",
        len(PDF),
    )
    assert document.original_name == "Toestemming Daan Jansen.pdf"
    assert document.uploaded_by == cast.worker and not document.virus_scanned
    # Stored in MEDIA_ROOT under a name that tells nothing of the pupil or the original.
    [path] = stored_files(media)
    assert path.read_bytes() == PDF
    assert "Daan" not in str(path) and "Jansen" not in str(path) and "Toestemming" not in str(path)
    assert path.name.endswith(".pdf") and len(path.stem) == 32
    event = dossier.events.get(kind=CaseEvent.Kind.DOCUMENT)
    assert event.by == cast.worker
    assert event.note == "Ondertekend toestemmingsformulier: Toestemmingsformulier ouders"
    assert AccessLog.objects.filter(
        user=cast.worker,
        action=AccessLog.Action.CREATE,
        object_ref=f"documents.casedocument:{document.pk}",
        pupil_ids=[dossier.pupil_id],
    ).exists()

    page = client.get(reverse("cases:detail", args=[dossier.pk])).content.decode()
    assert "Toestemmingsformulier ouders" in page
    assert reverse("documents:download", args=[document.pk]) in page
    assert "Document toegevoegd" in page  # the timeline


@pytest.mark.parametrize(
    ("content", "name", "content_type", "extension"),
    [
        (PNG, "foto.png", "image/png", ".png"),
        (
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00",
            "scan.jpeg",
            "image/jpeg",
            ".jpg",
        ),
        (
            DOCX,
            "brief.docx",
            checks.ALLOWED[
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            ].content_type,
            ".docx",
        ),
        (
            _xlsx(),
            "overzicht.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".xlsx",
        ),
        (b"II*\x00\x08\x00\x00\x00" + b"\x00" * 56, "scan.tif", "image/tiff", ".tif"),
        (
            b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 40,
            "IMG_0001.HEIC",
            "image/heif",
            ".heic",
        ),
        # the name says one thing, the content another: the content decides
        (PNG, "brief.pdf", "image/png", ".png"),
        (PDF, "rapport", "application/pdf", ".pdf"),
    ],
)
def test_the_kind_is_read_from_the_content(cast, dossier, content, name, content_type, extension):
    document = add_document(
        dossier, by=cast.worker, upload=upload(content, name), kind="brief", title="Brief"
    )

    assert (document.content_type, document.extension) == (content_type, extension)
    assert document.download_name.lower().endswith(extension)


# --- Refused --------------------------------------------------------------------------------


def test_a_renamed_executable_is_refused_in_dutch_and_the_form_keeps_what_was_typed(
    client, cast, dossier, media
):
    client.force_login(cast.worker)

    response = _post(client, dossier, upload(EXECUTABLE, "brief.pdf"), title="Brief van GGD")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Dit bestand wordt niet opgenomen: de inhoud is geen soort bestand" in page
    assert 'value="Brief van GGD"' in page
    assert '<option value="toestemming" selected>' in page
    assert 'enctype="multipart/form-data"' in page
    assert not CaseDocument.objects.exists()
    assert stored_files(media) == []
    assert not dossier.events.filter(kind=CaseEvent.Kind.DOCUMENT).exists()


@pytest.mark.parametrize(
    "content",
    [
        EXECUTABLE,
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56,  # a Linux program
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",  # a web page
        _zip({"a.txt": "x"}),  # a plain zip
        DOCM,  # an office document with macros
        b"Gewoon wat tekst.",
    ],
)
def test_what_is_not_a_kept_kind_is_refused_whatever_its_name(cast, dossier, media, content):
    with pytest.raises(DocumentRefused) as refusal:
        add_document(
            dossier, by=cast.worker, upload=upload(content, "brief.pdf"), kind="brief", title="B"
        )

    assert refusal.value.field == "file"
    assert not CaseDocument.objects.exists() and stored_files(media) == []


def test_a_file_over_the_limit_is_refused(client, cast, dossier, media, settings):
    settings.SMW_DOCUMENT_MAX_MB = 1
    client.force_login(cast.worker)
    too_large = PDF + b"0" * (1024 * 1024)

    response = _post(client, dossier, upload(too_large), title="Rapport jeugdarts")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Het bestand is groter dan 1,0\xa0MB" in page
    assert 'value="Rapport jeugdarts"' in page
    assert not CaseDocument.objects.exists() and stored_files(media) == []


def test_a_file_just_at_the_limit_is_taken(cast, dossier, settings):
    settings.SMW_DOCUMENT_MAX_MB = 1
    exactly = PDF + b"0" * (1024 * 1024 - len(PDF))

    document = add_document(
        dossier, by=cast.worker, upload=upload(exactly), kind="brief", title="Brief"
    )

    assert document.size == 1024 * 1024


def test_an_empty_file_is_refused(client, cast, dossier):
    client.force_login(cast.worker)

    response = _post(client, dossier, upload(b""))

    assert response.status_code == 200
    assert not CaseDocument.objects.exists()


def test_without_a_file_the_form_asks_for_one(client, cast, dossier):
    client.force_login(cast.worker)

    response = client.post(
        reverse("documents:upload", args=[dossier.pk]), {"kind": "brief", "title": "Brief"}
    )

    assert response.status_code == 200
    assert "Kies een bestand." in response.content.decode()


def test_only_the_case_manager_adds_documents(cast, dossier, stand_in):
    with pytest.raises(Refused):
        add_document(dossier, by=stand_in, upload=upload(), kind="brief", title="Brief")


# --- The virus scan, by a real clamd ---------------------------------------------------------


def test_the_eicar_file_is_refused_by_clamd(client, cast, dossier, media, clamd):
    assert scan.ping()
    client.force_login(cast.worker)

    response = _post(client, dossier, upload(EICAR, "brief.pdf"), title="Brief school")

    assert response.status_code == 200
    page = response.content.decode()
    assert "De virusscanner vond SMW.Test.EICAR" in page
    assert "Het bestand is niet toegevoegd." in page
    assert 'value="Brief school"' in page
    assert not CaseDocument.objects.exists() and stored_files(media) == []


def test_a_clean_pdf_is_scanned_and_stored(cast, dossier, media, clamd):
    document = add_document(dossier, by=cast.worker, upload=upload(), kind="brief", title="B")

    assert document.virus_scanned
    assert len(stored_files(media)) == 1


def test_scan_of_eicar_inside_a_stream_of_chunks(clamd):
    verdict = scan.scan_chunks([EICAR[:10], EICAR[10:]])

    assert not verdict.clean and verdict.signature.startswith("SMW.Test.EICAR")
    assert scan.scan_chunks([PDF]).clean


def test_when_clamd_cannot_be_reached_nothing_is_stored(
    client, cast, dossier, media, settings, tmp_path
):
    settings.CLAMD_SOCKET = str(tmp_path / "no-clamd.sock")
    client.force_login(cast.worker)

    response = _post(client, dossier, upload())

    assert response.status_code == 200
    assert "De virusscanner is niet bereikbaar" in response.content.decode()
    assert not CaseDocument.objects.exists() and stored_files(media) == []


def test_clamd_over_tcp_is_used_when_a_host_is_set(settings):
    settings.CLAMD_SOCKET = ""
    settings.CLAMD_HOST = "127.0.0.1"
    settings.CLAMD_PORT = 1  # nothing listens there

    assert scan.scanning_enabled()
    with pytest.raises(scan.ScanFailed):
        scan.scan_chunks([PDF])


def test_a_file_over_the_limit_is_dropped_while_it_is_read(client, cast, dossier, media, settings):
    settings.SMW_DOCUMENT_MAX_MB = 1
    client.force_login(cast.worker)
    far_too_large = PDF + b"0" * (3 * 1024 * 1024)

    response = _post(client, dossier, upload(far_too_large), title="Rapport jeugdarts")

    page = response.content.decode()
    assert response.wsgi_request.uploads_too_large == {"file"}
    assert "file" not in response.wsgi_request.FILES  # never kept, on disk or in memory
    assert "Het bestand is groter dan 1,0\xa0MB." in page
    assert "Kies een bestand." not in page
    assert 'value="Rapport jeugdarts"' in page
    assert not CaseDocument.objects.exists() and stored_files(media) == []


def test_the_size_limit_handler_passes_a_file_at_the_limit(settings):
    from django.core.files.uploadhandler import SkipFile

    from documents.uploads import SizeLimitUploadHandler

    settings.SMW_DOCUMENT_MAX_MB = 1
    handler = SizeLimitUploadHandler()
    handler.new_file("file", "a.pdf", "application/pdf", 0)
    limit = 1024 * 1024

    assert handler.receive_data_chunk(b"x" * 1024, limit - 1024) == b"x" * 1024
    with pytest.raises(SkipFile):
        handler.receive_data_chunk(b"x", limit)
