"""Journey: the school social worker adds documents to a case. A program renamed to .pdf is
refused with a message in Dutch and the form keeps what was typed; the signed consent form (a
PDF) is added, shows on the case page and its timeline, and downloads as it was sent. The care
coordinator's progress view shows no document. axe finds nothing serious on any page."""

from __future__ import annotations

import datetime

from django.utils import timezone

from .journey import download, flash, follow, main_text, open_case_in_help, submit

SCHOOL = "OBS De Regenboog"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
PROGRAM = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
)


def test_adding_and_downloading_a_document(page, login, server, checks, unique_name):
    first, last = unique_name("Sanne")
    full_name = f"{first} {last}"
    born = timezone.localdate().replace(year=timezone.localdate().year - 10) - datetime.timedelta(
        days=40
    )
    case = open_case_in_help(worker="smw", school=SCHOOL, first=first, last=last, born=born)
    case_url = f"{server}/dossiers/{case.pk}/"
    title = f"Toestemmingsformulier ouders van {first}"

    login("smw")
    page.goto(case_url)
    checks.page_ok()
    assert "Geen documenten." in page.locator("#h-documents + ul").inner_text()

    follow(page, page.get_by_role("link", name="Document toevoegen"))
    assert page.url == f"{server}/documenten/dossier/{case.pk}/toevoegen/"
    checks.page_ok()

    # A program, renamed to look like a PDF: refused, and what was typed stays
    page.select_option("select[name=kind]", "toestemming")
    page.fill("input[name=title]", title)
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "toestemming.pdf", "mimeType": "application/pdf", "buffer": PROGRAM}],
    )
    submit(page, "Toevoegen")
    assert "Dit bestand wordt niet opgenomen" in main_text(page)
    assert page.input_value("input[name=title]") == title
    assert page.input_value("select[name=kind]") == "toestemming"
    checks.page_ok("documents-refused")

    # The real consent form
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "toestemming.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    submit(page, "Toevoegen")
    assert page.url == case_url
    assert "Het document is aan het dossier toegevoegd." in flash(page)
    documents = page.locator("#h-documents + ul").inner_text()
    assert title in documents and "Ondertekend toestemmingsformulier" in documents
    assert f"Document toegevoegd – Ondertekend toestemmingsformulier: {title}" in (
        page.locator("ol.timeline").inner_text()
    )
    checks.page_ok("case-with-document")

    got = download(page, page.get_by_role("link", name=title, exact=True))
    assert got.suggested_filename == "toestemming.pdf"
    with open(got.path(), "rb") as handle:
        assert handle.read() == PDF

    # A photo added to the wrong case, removed again with the reason
    follow(page, page.get_by_role("link", name="Document toevoegen"))
    page.select_option("select[name=kind]", "anders")
    page.fill("input[name=title]", "Tekening van Sem")
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "tekening.png", "mimeType": "image/png", "buffer": PNG}],
    )
    submit(page, "Toevoegen")
    assert "Tekening van Sem" in page.locator("#h-documents + ul").inner_text()
    follow(page, page.get_by_role("link", name="verwijderen Tekening van Sem"))
    checks.page_ok()
    page.fill("input[name=reason]", "Hoort bij een andere leerling")
    submit(page, "Verwijderen")
    assert "Het document is uit het dossier verwijderd." in flash(page)
    assert "Tekening van Sem" not in page.locator("#h-documents + ul").inner_text()
    assert "Document verwijderd – Ander document: Tekening van Sem (Hoort bij een andere " in (
        page.locator("ol.timeline").inner_text()
    )

    # The care coordinator: the progress view, without documents
    login("zc")
    page.goto(f"{server}/dossiers/{case.pk}/voortgang/")
    checks.page_ok()
    assert full_name in main_text(page)
    assert title not in page.content()
