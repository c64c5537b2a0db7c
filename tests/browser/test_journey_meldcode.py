"""Journey: `smw` registers a signal and starts a meldcode trajectory on it, maps the signals,
consults the aandachtsfunctionaris `aandacht`, records the conversation, answers the
afwegingskader to a melding, records the melding and Veilig Thuis's feedback and closes the
trajectory. The coordinator sees no trace of it."""

from __future__ import annotations

import re

from django.utils import timezone

from .journey import flash, follow, main_text, submit

SCHOOL = "OBS De Regenboog"


def test_signal_to_melding(page, login, server, checks, unique_name):
    first, last = unique_name("Noor")
    full_name = f"{first} {last}"
    today = timezone.localdate().isoformat()

    # --- smw registers a signal and starts a trajectory on it -------------------------------
    login("smw")
    follow(page, page.locator("nav a", has_text="Mijn caseload"))
    follow(page, page.get_by_role("link", name="Signaal aanmelden"))
    page.select_option("select[name=school]", label=SCHOOL)
    page.fill("input[name=first_name]", first)
    page.fill("input[name=last_name]", last)
    page.fill("input[name=date_of_birth]", "2015-03-09")
    page.check("input[name=categories][value=huiselijk_geweld]")
    page.fill(
        "textarea[name=noticed]",
        f"De leerkracht zag blauwe plekken op de armen van {first}.",
    )
    page.select_option("select[name=source]", "leerkracht")
    submit(page, "Signaal aanmelden")
    assert re.fullmatch(rf"{re.escape(server)}/dossiers/\d+/", page.url)
    case_url = page.url
    checks.page_ok("case with meldcode start")
    follow(page, page.get_by_role("button", name="Meldcodetraject starten"))
    assert "Het meldcodetraject is gestart." in flash(page)
    trajectory_url = page.url
    assert re.fullmatch(rf"{re.escape(server)}/meldcode/\d+/", trajectory_url)
    checks.page_ok("trajectory at step 1")

    # step 1: facts apart from interpretation, the kindcheck
    follow(page, page.get_by_role("link", name="Signalen in kaart brengen"))
    checks.page_ok()
    page.fill("input[name=signals_on]", today)
    page.fill("textarea[name=facts]", "Blauwe plekken op beide bovenarmen, maandagochtend.")
    page.fill("textarea[name=sources]", "Leerkracht groep 6")
    page.fill("textarea[name=interpretation]", "Mogelijk lichamelijk geweld thuis.")
    page.check("input[name=violence][value=lichamelijk]")
    page.check("input[name=kindcheck][value=no]")
    submit(page, "Opslaan en naar stap 2")
    assert page.url == trajectory_url
    assert "2. Collegiale consultatie" in main_text(page)
    # step 2 cannot finish before the aandachtsfunctionaris was consulted
    follow(page, page.get_by_role("button", name="Stap 2 afronden"))
    assert "consultatie met de aandachtsfunctionaris" in flash(page)
    checks.page_ok("trajectory at step 2")

    # --- the aandachtsfunctionaris finds it on the start page and adds advice ----------------
    login("aandacht")
    assert page.url == f"{server}/meldcode/"
    checks.page_ok()
    follow(page, page.locator("main tbody tr", has_text=full_name).get_by_role("link"))
    assert page.url == trajectory_url
    assert page.get_by_role("link", name="Signalen in kaart brengen").count() == 0
    checks.page_ok("trajectory as aandachtsfunctionaris")
    follow(page, page.get_by_role("link", name="Consultatie toevoegen"))
    checks.page_ok()
    page.fill("input[name=held_on]", today)
    page.fill("input[name=with_whom]", "Sanne de Vries")
    page.check("input[name=veilig_thuis]")
    page.fill("textarea[name=advice]", "Anoniem advies Veilig Thuis gevraagd: eerst gesprek.")
    submit(page, "Consultatie vastleggen")
    assert "De consultatie is vastgelegd." in flash(page)
    follow(page, page.get_by_role("link", name="Dossier openen"))
    assert page.url == case_url
    checks.page_ok("case as aandachtsfunctionaris")

    # --- smw finishes the steps to a melding --------------------------------------------------
    login("smw")
    page.goto(trajectory_url)
    follow(page, page.get_by_role("button", name="Stap 2 afronden"))
    assert "Stap 2 is afgerond." in flash(page)
    follow(page, page.get_by_role("link", name="Gesprek vastleggen"))
    page.fill("input[name=held_on]", today)
    page.fill("input[name=with_whom]", "Moeder")
    page.fill("textarea[name=summary]", "Moeder vertelt over spanningen thuis.")
    submit(page, "Opslaan en naar stap 4")
    checks.page_ok()

    follow(page, page.get_by_role("link", name="A1 beantwoorden"))
    checks.page_ok()
    assert "A1. Is er een vermoeden" in main_text(page)
    page.check("input[name=answer][value=yes]")
    # a refused form keeps what was typed: no motivation
    submit(page, "Antwoord opslaan")
    assert page.locator("input[name=answer][value=yes]").is_checked()
    page.fill("textarea[name=motivation]", "De signalen en het gesprek bevestigen het vermoeden.")
    submit(page, "Antwoord opslaan")
    follow(page, page.get_by_role("link", name="A2 beantwoorden"))
    page.check("input[name=answer][value=yes]")
    page.fill("textarea[name=motivation]", "Structurele onveiligheid: herhaald letsel.")
    submit(page, "Antwoord opslaan")
    assert "Het afwegingskader leidt tot een melding bij Veilig Thuis." in main_text(page)
    checks.page_ok("trajectory must report")

    follow(page, page.get_by_role("link", name="Melding bij Veilig Thuis vastleggen"))
    checks.page_ok()
    page.fill("input[name=reported_on]", today)
    page.fill("input[name=how]", "Telefonisch")
    page.fill("input[name=reference]", "VT-2026-0042")
    submit(page, "Melding vastleggen")
    assert "Terugkoppeling van Veilig Thuis" in main_text(page)
    checks.page_ok("trajectory awaiting feedback")

    follow(page, page.get_by_role("link", name="Terugkoppeling van Veilig Thuis vastleggen"))
    page.fill("input[name=feedback_on]", today)
    page.fill("textarea[name=feedback]", "Veilig Thuis start een onderzoek.")
    submit(page, "Terugkoppeling vastleggen")
    follow(page, page.get_by_role("button", name="Traject afsluiten"))
    assert "Het meldcodetraject is afgesloten." in flash(page)
    assert "Gemeld bij Veilig Thuis" in main_text(page)
    checks.page_ok("closed trajectory")

    # the case's timeline shows the trajectory
    page.goto(case_url)
    assert "Meldcode – melding bij Veilig Thuis vastgelegd" in main_text(page)

    # --- the coordinator of the school sees no trace of it ------------------------------------
    login("zc")
    page.goto(case_url)
    text = main_text(page)
    assert full_name in text
    assert "eldcode" not in text and "Veilig Thuis" not in text
