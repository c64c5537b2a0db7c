"""Retention on the demo: the team leader sees the dossiers past their term and the list they
proposed, which they cannot approve themselves; the privacy officer approves it, the dossiers
are destroyed, and the destruction certificate comes as a PDF. The worker's start page says
when their work notes go. axe finds nothing serious on any of these pages."""

from __future__ import annotations

from cases.models import Pupil
from retention.models import DestructionList, DestructionRecord

from .journey import SLOW, download, flash, follow, main_text, submit


def test_team_leader_proposes_and_privacy_officer_approves(page, login, server, checks):
    waiting = DestructionList.objects.get(status=DestructionList.Status.PROPOSED)
    pupils = list(waiting.items.values_list("pupil_id", flat=True))
    assert len(pupils) == 3

    login("teamleider")
    page.goto(f"{server}/bewaren/")
    checks.page_ok()
    text = main_text(page)
    assert "Bewaren en vernietigen" in text and "Bewaarplichten" in text
    follow(page, page.locator(f"main a[href='/bewaren/lijsten/{waiting.pk}/']"))
    checks.page_ok()
    assert "vier ogen" in main_text(page)
    assert page.locator("main input[name=decision]").count() == 0

    login("privacy")
    page.goto(f"{server}/bewaren/")
    checks.page_ok("overview as privacy officer")
    follow(page, page.locator(f"main a[href='/bewaren/lijsten/{waiting.pk}/']"))
    checks.page_ok("list to decide")
    page.check("main input[name=decision][value=reject]")
    submit(page, "Besluit vastleggen")
    assert "Zeg waarom" in main_text(page)
    checks.page_ok("list with an error")
    page.check("main input[name=decision][value=approve]")
    page.fill("main input[name=note]", "Termijn verstreken, geen bewaarplicht bekend.")
    submit(page, "Besluit vastleggen", timeout=SLOW)
    assert "Goedgekeurd" in flash(page)
    checks.page_ok("list done")
    waiting.refresh_from_db()
    assert waiting.status == DestructionList.Status.DONE
    assert DestructionRecord.objects.filter(pupil_number__in=pupils).count() == 3
    assert set(Pupil.objects.filter(pk__in=pupils).values_list("first_name", flat=True)) == {
        "Vernietigd"
    }
    pdf = download(page, page.get_by_role("link", name="Verklaring van vernietiging (pdf)"))
    assert pdf.path().read_bytes().startswith(b"%PDF")

    # A dossier on hold, with its term, the hold and the forms of the privacy officer.
    page.goto(f"{server}/bewaren/")
    follow(page, page.locator("main section[aria-labelledby=h-holds] a").first)
    checks.page_ok()
    assert "Rechtszaak" in main_text(page)
    page.goto(f"{server}/bewaren/termijn/")
    checks.page_ok()


def test_worker_sees_when_work_notes_go(page, login, server, checks):
    login("smw")
    assert "Je werkaantekeningen bij afgesloten dossiers worden vernietigd" in main_text(page)
    checks.page_ok()
