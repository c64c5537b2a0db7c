"""Journeys: the team leader records, views and deletes a stand-in; a colleague at the school
opens a case with emergency access, which its case manager then sees. Every page: axe finds
nothing serious or critical, and no console errors."""

from __future__ import annotations

import datetime

from django.utils import timezone

from .journey import flash, follow, main_text, submit

SCHOOL = "OBS De Regenboog"
REASON = "Leerling meldt zich in paniek bij de conciërge, casemanager niet bereikbaar."


def test_team_leader_records_and_deletes_a_stand_in(page, login, server, checks):
    login("teamleider")
    checks.page_ok()
    follow(page, page.locator("nav a", has_text="Waarnemingen"))
    checks.page_ok()
    assert "Lopende waarnemingen" in page.content()  # the demo's smw2 for smw
    follow(page, page.get_by_role("link", name="Waarneming vastleggen"))
    checks.page_ok()

    first = timezone.localdate() + datetime.timedelta(days=40)
    page.select_option("select[name=stand_in]", label="Sanne de Vries")
    page.select_option("select[name=for_worker]", label="Mohamed El Amrani")
    page.fill("input[name=starts_on]", f"{first:%Y-%m-%d}")
    page.fill("input[name=ends_on]", f"{first - datetime.timedelta(days=1):%Y-%m-%d}")
    submit(page, "Vastleggen")
    assert "De laatste dag ligt vóór de eerste dag." in main_text(page)
    checks.page_ok("stand-in form with an error")

    page.fill("input[name=ends_on]", f"{first + datetime.timedelta(days=2):%Y-%m-%d}")
    submit(page, "Vastleggen")
    assert "Sanne de Vries neemt waar voor Mohamed El Amrani" in flash(page)
    assert "gepland" in main_text(page)
    checks.page_ok()

    follow(page, page.locator("main a", has_text="Verwijderen"))
    checks.page_ok()
    submit(page, "Verwijderen")
    assert page.url == f"{server}/dossiers/waarnemingen/"
    assert "De waarneming is verwijderd." in flash(page)

    # the running demo stand-in can be ended early (here only looked at)
    running = page.locator("section[aria-labelledby=h-current] a", has_text="Bekijken").first
    follow(page, running)
    follow(page, page.locator("main a", has_text="Vervroegd beëindigen"))
    checks.page_ok()
    assert "stopt de toegang meteen" in main_text(page)


def test_colleague_opens_a_case_with_emergency_access(page, login, server, checks):
    from cases.models import Case
    from schools.models import Organisation, School
    from tests import factories

    case = (
        Case.objects.open()
        .filter(caseworker__username="smw", school__name=SCHOOL)
        .select_related("pupil")
        .order_by("pk")
        .first()
    )
    colleague = factories.create_worker(
        organisation=Organisation.objects.get(name="Stichting Jeugd & School"),
        schools=[School.objects.get(name=SCHOOL)],
        first_name="Noor",
        last_name="Bakker",
    )

    login(colleague.username, "x-test-password-1")
    response = page.goto(f"{server}/dossiers/{case.pk}/")
    assert response.status == 404
    page.console_log.errors.clear()  # the browser reports the 404 we asked for
    page.goto(f"{server}/dossiers/zoeken/?q={case.pupil.last_name}")
    checks.page_ok()
    follow(page, page.get_by_role("link", name="Ook zoeken in dossiers van collega’s"))
    checks.page_ok("search with colleagues' cases")
    offer = page.locator("section[aria-labelledby=h-emergency] li", has_text=case.number)
    follow(page, offer.get_by_role("link", name="noodtoegang"))
    assert "Dit wordt vastgelegd en beoordeeld" in main_text(page)
    checks.page_ok()

    page.fill("textarea[name=reason]", "Nood!")
    submit(page, "Openen met noodtoegang")
    assert "minstens 20 tekens en 3 woorden" in main_text(page)
    assert page.locator("textarea[name=reason]").input_value() == "Nood!"
    checks.page_ok("emergency form with an error")

    page.fill("textarea[name=reason]", REASON)
    submit(page, "Openen met noodtoegang")
    assert page.url == f"{server}/dossiers/{case.pk}/"
    assert "Noodtoegang tot het einde van vandaag" in flash(page)
    assert "met noodtoegang geopend" in main_text(page)
    checks.page_ok()

    login("smw")
    page.goto(f"{server}/dossiers/")
    assert REASON in page.locator("section[aria-labelledby=h-emergency-openings]").inner_text()
    checks.page_ok()
    follow(page, page.locator("section[aria-labelledby=h-emergency-openings] a").first)
    assert "Collega's hebben dit dossier met noodtoegang geopend" in main_text(page)
    assert "Noor Bakker" in main_text(page)
    checks.page_ok("case page of the case manager")
