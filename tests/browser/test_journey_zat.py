"""Journey: the care coordinator plans a ZAT meeting; the school social worker records the
parents' consent to discuss a pupil by name and puts the case on the agenda; the coordinator
records the advice and an action point and downloads the minutes as PDF."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

from django.utils import timezone
from pypdf import PdfReader

from cases.models import Guardian

from .journey import download, flash, follow, main_text, open_case_in_help, submit

SCHOOL = "OBS De Regenboog"


def test_case_discussed_by_name_in_the_zat(page, login, server, checks, unique_name):
    first, last = unique_name("Sem")
    full_name = f"{first} {last}"
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    born = today.replace(year=today.year - 9) - datetime.timedelta(days=40)
    case = open_case_in_help(worker="smw", school=SCHOOL, first=first, last=last, born=born)
    father = f"Ruben {last}"
    Guardian.objects.create(pupil=case.pupil, name=father, relation="vader", has_authority=True)
    question = f"Hoe kunnen school en thuis samen {first} helpen bij het slapen?"
    advice = "Advies: jeugdarts betrekken en slaapdagboek bijhouden"
    action = "Jeugdarts uitnodigen voor gesprek met ouders"

    # --- The care coordinator plans the meeting ----------------------------------------------
    login("zc")
    follow(page, page.locator("nav a", has_text="ZAT"))
    checks.page_ok()
    follow(page, page.get_by_role("link", name="Overleg plannen"))
    assert page.locator("select[name=school] option:checked").inner_text() == SCHOOL
    checks.page_ok()
    page.fill("input[name=date]", tomorrow.isoformat())
    page.fill("input[name=time]", "14:30")
    page.fill("input[name=place]", "Teamkamer")
    submit(page, "Plannen")
    assert "Het ZAT-overleg is gepland." in flash(page)
    assert re.fullmatch(rf"{re.escape(server)}/zat/\d+/", page.url)
    meeting_path = page.url.removeprefix(server)
    assert "ZAT OBS De Regenboog" in page.locator("main h1").inner_text()
    assert "14:30 · Teamkamer" in main_text(page)
    checks.page_ok()

    # --- The school social worker: consent first, then the agenda item -----------------------
    login("smw")
    follow(page, page.locator("nav a", has_text="Mijn caseload"))
    follow(page, page.locator("main tbody").get_by_role("link", name=full_name))
    checks.page_ok()
    follow(page, page.get_by_role("link", name="Toestemming vastleggen"))
    need = page.locator("main .alert-info").inner_text()
    assert "de ouders met gezag (de leerling is 9 jaar)" in need
    assert father in need
    checks.page_ok()
    page.select_option("select[name=purpose]", "zat")
    page.locator("label", has_text=father).click()
    page.fill("input[name=valid_until]", (today + datetime.timedelta(days=180)).isoformat())
    submit(page, "Toestemming opslaan")
    assert page.url == f"{server}/dossiers/{case.pk}/"
    assert "De toestemming is vastgelegd." in flash(page)
    consents = page.locator("section[aria-labelledby=h-consents]").inner_text()
    assert "Bespreking met naam in het ZAT" in consents and father in consents

    follow(page, page.locator("nav a", has_text="ZAT"))
    follow(page, page.locator(f"main a[href='{meeting_path}']"))
    follow(page, page.get_by_role("link", name="Agendapunt toevoegen"))
    checks.page_ok()
    page.select_option("select[name=case]", label=f"{full_name} (Kortdurende hulp)")
    page.fill("textarea[name=question]", question)
    submit(page, "Opslaan")
    assert page.url == f"{server}{meeting_path}"
    assert "Het agendapunt staat op de agenda." in flash(page)
    item = page.locator("main article", has_text=full_name)
    assert "met naam, met toestemming" in item.inner_text()
    assert question in item.inner_text()
    checks.page_ok("meeting with an item")

    # --- The care coordinator records the advice and an action point -------------------------
    login("zc")
    follow(page, page.locator("nav a", has_text="ZAT"))
    follow(page, page.locator(f"main a[href='{meeting_path}']"))
    item = page.locator("main article", has_text=full_name)
    follow(page, item.get_by_role("link", name="Advies en acties vastleggen"))
    assert page.locator("main h1").inner_text() == full_name
    checks.page_ok()
    page.fill(
        "textarea[name=discussion]", "Slaapt slecht sinds de verhuizing; school ziet vermoeidheid."
    )
    page.fill("textarea[name=advice]", advice)
    submit(page, "Advies opslaan")
    assert page.url == f"{server}{meeting_path}"
    assert "Het advies is opgeslagen." in flash(page)
    item = page.locator("main article", has_text=full_name)
    assert advice in item.inner_text()

    follow(page, item.get_by_role("link", name="Advies en acties vastleggen"))
    page.fill("input[name=description]", action)
    page.select_option("select[name=owner]", label="Karin Jansen (OBS De Regenboog)")
    page.fill("input[name=due_on]", (tomorrow + datetime.timedelta(days=14)).isoformat())
    submit(page, "Actiepunt toevoegen")
    assert "Het actiepunt is toegevoegd." in flash(page)
    assert action in page.locator("main ul").first.inner_text()
    checks.page_ok("item with an action point")

    follow(page, page.locator("main .breadcrumb a").nth(1))
    assert page.url == f"{server}{meeting_path}"
    assert action in page.locator("main article", has_text=full_name).inner_text()
    file = download(page, page.get_by_role("link", name="Verslag downloaden (PDF)"))
    assert file.suggested_filename == f"ZAT-04AB-{tomorrow:%Y-%m-%d}.pdf"
    pdf = Path(file.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(
        " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert full_name in text
    assert advice in text
    assert action in text
    assert page.console_log.errors == []
