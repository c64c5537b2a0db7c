"""The documents kept with the case in the export: every one listed in the PDF (name, kind,
date, who added it), a PDF's pages added after the dossier, a picture shown; the ZIP carries
the files and its JSON lists them; a withheld, removed or other pupil's document is absent."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.formats import date_format
from PIL import Image
from pypdf import PdfReader

from documents.workflow import add_document, remove_document
from dossier import exports, workflow
from dossier.models import Ground, ItemKind
from tests import factories

from .conftest import pdf_text, read_files, start

LETTER_TEXT = "Verslag van Altrecht Jeugd over de eerste gesprekken."


def _pdf(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<html lang='nl'><body><p>{text}</p></body></html>").write_pdf()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def _add(case, by, content: bytes, name: str, *, kind="brief", title="Brief"):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return add_document(case, by=by, upload=upload, kind=kind, title=title)


@pytest.fixture
def documents(cast, world):
    letter = _add(
        world.case, cast.worker, _pdf(LETTER_TEXT), "verslag-altrecht.pdf", title="Verslag Altrecht"
    )
    photo = _add(
        world.case, cast.worker, _png(), "tekening.png", kind="anders", title="Tekening van Sanne"
    )
    removed = _add(world.case, cast.worker, _pdf("Verkeerde brief."), "fout.pdf", title="Foutje")
    remove_document(removed, by=cast.worker, reason="Van een andere leerling")
    _add(
        world.other_case,
        cast.worker,
        _pdf("Brief over Ruben."),
        "ruben.pdf",
        title="Brief van Ruben",
    )
    return letter, photo


def _zip(export):
    export.refresh_from_db()
    with export.archive.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    return archive, json.loads(archive.read("dossier.json"))


def _pdf_reader(export) -> PdfReader:
    export.refresh_from_db()
    with export.pdf.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def test_the_pdf_lists_every_attachment_with_kind_date_and_who_added_it(cast, world, documents):
    letter, photo = documents
    text, data = read_files(start(world, cast.worker))
    for document in (letter, photo):
        assert document.title in text
        assert document.download_name in text
        assert document.get_kind_display() in text  # in Dutch, as the export is made
        with translation.override("nl"):
            day = date_format(timezone.localtime(document.uploaded_at), "j F Y")
        assert day in text
    assert str(cast.worker) in text
    listed = data["cases"][0]["attachments"]
    assert [a["name"] for a in listed] == ["Verslag Altrecht", "Tekening van Sanne"]
    assert listed[0]["added_by"] == str(cast.worker)


def test_a_pdf_attachments_pages_follow_the_dossier_and_it_stays_tagged(cast, world, documents):
    export = start(world, cast.worker)
    reader = _pdf_reader(export)
    last_page = reader.pages[-1].extract_text()
    assert LETTER_TEXT in " ".join(last_page.split())
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    assert "Sanne Kok" in reader.metadata.title


def test_a_picture_is_shown_in_the_pdf(cast, world, documents):
    export = start(world, cast.worker)
    pictures = [image for page in _pdf_reader(export).pages for image in page.images]
    # WeasyPrint shares one resource dictionary between the pages: each page names it
    assert {picture.image.size for picture in pictures} == {(40, 30)}


def test_the_zip_carries_the_files_its_json_lists(cast, world, documents):
    letter, photo = documents
    export = start(world, cast.worker)
    archive, data = _zip(export)
    listed = data["cases"][0]["attachments"]
    files = sorted(n for n in archive.namelist() if n.startswith("bijlagen/"))
    assert files == sorted(a["file"] for a in listed)
    by_name = {a["name"]: a["file"] for a in listed}
    with letter.file.open("rb") as handle:
        assert archive.read(by_name[letter.title]) == handle.read()
    with photo.file.open("rb") as handle:
        assert archive.read(by_name[photo.title]) == handle.read()
    assert [a["in_pdf"] for a in listed] == [True, True]
    # the PDF in the ZIP is the export's PDF, attachment pages and all
    assert LETTER_TEXT in pdf_text(archive.read("dossier.pdf"))


def test_a_withheld_attachment_is_in_neither_pdf_nor_zip(cast, world, documents):
    letter, photo = documents
    export = start(world, cast.worker)
    workflow.withhold(
        export, by=cast.worker, key=f"{ItemKind.ATTACHMENT}:{letter.pk}", ground=Ground.THIRD_PARTY
    )
    exports.make_export(export.pk)
    text, data = read_files(export)
    # (its title stays in the timeline's "document added", an item of its own to withhold)
    assert letter.download_name not in text and LETTER_TEXT not in text
    assert photo.download_name in text
    archive, data = _zip(export)
    assert [a["name"] for a in data["cases"][0]["attachments"]] == [photo.title]
    assert not any(letter.download_name in name for name in archive.namelist())
    assert letter.download_name not in json.dumps(data)
    assert [w["count"] for w in data["withheld"]] == [1]


def test_removed_documents_and_another_pupils_are_not_included(cast, world, documents):
    export = start(world, cast.worker)
    text, data = read_files(export)
    # the timeline says the wrong letter was added and removed; the letter itself is gone
    for absent in ("fout.pdf", "Verkeerde brief.", "Brief van Ruben", "ruben.pdf", "Ruben."):
        assert absent not in text
        assert absent not in json.dumps(data)
    assert [a["name"] for a in data["cases"][0]["attachments"]] == [
        "Verslag Altrecht",
        "Tekening van Sanne",
    ]
    archive, _data = _zip(export)
    assert len([n for n in archive.namelist() if n.startswith("bijlagen/")]) == 2


def test_a_handover_without_the_attachments_part_has_none(cast, world, documents):
    from tests.referrals.helpers import create_consent

    create_consent(case=world.case, party=world.destination, by_pupil=True)
    export = start(
        world,
        cast.worker,
        purpose="overdracht",
        destination=world.destination,
        sections=["contacten"],
    )
    text, data = read_files(export)
    assert "attachments" not in data["cases"][0]
    assert LETTER_TEXT not in text
    archive, _data = _zip(export)
    assert not [n for n in archive.namelist() if n.startswith("bijlagen/")]


def test_a_damaged_pdf_is_listed_and_zipped_but_not_added(cast, world):
    damaged = b"%PDF-1.4\n" + b"garbage " * 50
    document = _add(world.case, cast.worker, damaged, "kapot.pdf", title="Kapotte scan")
    export = start(world, cast.worker)
    text, _data = read_files(export)
    assert "Kapotte scan" in text
    archive, data = _zip(export)
    (listed,) = data["cases"][0]["attachments"]
    assert listed["in_pdf"] is False
    assert archive.read(listed["file"]) == damaged
    assert document.pk == listed["id"]


def test_the_documents_of_the_pupils_cases_at_this_organisation_go_along(cast, world):
    colleague = factories.create_worker(
        username="predecessor", organisation=cast.organisation, schools=[cast.school_a]
    )
    earlier = factories.create_case(pupil=world.case.pupil, caseworker=colleague, stage="closed")
    _add(earlier, colleague, _pdf("Oud verslag van vorig jaar."), "oud.pdf", title="Oud verslag")
    elsewhere = factories.create_worker(username="elsewhere", schools=[cast.school_a])
    other = factories.create_case(pupil=world.case.pupil, caseworker=elsewhere, stage="closed")
    _add(other, elsewhere, _pdf("Van een andere organisatie."), "ander.pdf", title="Andere org")
    text, _data = read_files(start(world, cast.worker))
    assert "oud.pdf" in text and "Oud verslag van vorig jaar." in text
    assert "ander.pdf" not in text and "Van een andere organisatie." not in text
