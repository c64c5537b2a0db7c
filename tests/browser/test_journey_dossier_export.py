"""The demo's afschrift of a pupil of `smw`, asked for by the parents: the case manager opens
it from the case page and withholds one contact summary (the privacy of the other parent); the
export is made again; the privacy officer finds it, sees the item named by kind and ground,
reads the PDF without it, and records the handover, which closes the demo's afschrift request it
answers. axe finds nothing serious on any page."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from dossier.models import DossierExport

from .journey import SLOW, download, flash, follow, main_text


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def test_an_afschrift_is_reviewed_with_one_item_withheld_and_handed_over(
    page, login, server, checks
):
    export = DossierExport.objects.get(purpose=DossierExport.Purpose.AFSCHRIFT)
    pupil = export.pupil.full_name

    # --- The case manager: from the case page to the export, one contact withheld -------------
    login("smw")
    page.goto(f"{server}/dossiers/{export.case_id}/")
    checks.page_ok()
    # (the case page lists the afschrift request too: the export is in the exports' section)
    exports = page.locator("section[aria-labelledby=h-dossier-exports]")
    follow(page, exports.locator("a", has_text="Afschrift").first)
    checks.page_ok()
    assert "Klaar om te beoordelen" in main_text(page)
    row = page.locator("main tbody tr", has=page.locator("td", has_text="verslag van een contact"))
    row = row.first
    withheld_text = row.locator("td").nth(2).inner_text()[:60]
    row.locator("select[name=ground]").select_option("derde")
    follow(page, row.get_by_role("button", name=re.compile("Achterhouden")), timeout=SLOW)
    assert "wordt achtergehouden" in flash(page)
    checks.page_ok("export after review")
    assert "de privacy van een ander" in main_text(page)
    assert "Vastleggen als overhandigd" not in main_text(page)  # the privacy officer's step

    # --- The privacy officer: the review, the PDF, the handover --------------------------------
    login("privacy")
    page.goto(f"{server}/dossierexport/")
    checks.page_ok()
    follow(page, page.locator("main a", has_text=pupil).first)
    checks.page_ok("export for the privacy officer")
    text = main_text(page)
    assert "verslag van een contact: de privacy van een ander" in text
    pdf = pdf_text(
        download(page, page.get_by_role("link", name="PDF downloaden")).path().read_bytes()
    )
    assert pupil in pdf
    assert "Achtergehouden uit deze export" in pdf
    assert withheld_text not in pdf
    follow(page, page.get_by_role("button", name="Vastleggen als overhandigd"))
    assert "Vastgelegd als overhandigd" in flash(page)
    checks.page_ok("export handed over")
    assert "Overhandigd" in main_text(page)
    export.refresh_from_db()
    assert export.handed_over_at is not None and export.expires_on is not None

    # --- The demo's afschrift request it answers is closed with the handover -------------------
    follow(page, page.locator("main dd a", has_text="Verzoek"))
    checks.page_ok("request answered with the export")
    text = main_text(page)
    assert "Afgerond" in text and "Beantwoord met" in text
    assert f"Overhandigd met export {export.pk}" in text
