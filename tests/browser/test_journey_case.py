"""Journey: a care coordinator signals a new pupil; the school social worker takes the case on
and works it from intake to closure; the coordinator then sees the progress, never the content
of the conversations."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from .journey import flash, follow, main_text, submit

SCHOOL = "OBS De Regenboog"


def test_signal_to_closed_case(page, login, server, checks, unique_name):
    first, last = unique_name("Lotte")
    full_name = f"{first} {last}"
    today = timezone.localdate()
    goal = f"{first} durft op het plein te zeggen wat ze niet wil"
    summaries = [
        f"Eerste gesprek met {first} over het pesten op het plein",
        f"Gesprek met de ouders van {first} over de afspraken thuis",
    ]
    work_note = "Eigen indruk: moeder lijkt overbelast, volgende keer naar vragen"

    # --- The care coordinator registers the signal ------------------------------------------
    login("zc")
    follow(page, page.locator("nav a", has_text="Caseload school"))
    checks.page_ok()
    follow(page, page.get_by_role("link", name="Signaal aanmelden"))
    assert page.locator("select[name=school] option:checked").inner_text() == SCHOOL
    checks.page_ok()
    page.fill("input[name=first_name]", first)
    page.fill("input[name=last_name]", last)
    page.fill("input[name=date_of_birth]", "2016-05-17")
    page.fill("input[name=group]", "5a")
    page.check("input[name=categories][value=pesten]")
    page.check("input[name=categories][value=sociaal_emotioneel]")
    page.fill(
        "textarea[name=noticed]",
        f"De leerkracht ziet dat {first} sinds de herfstvakantie in de pauze alleen staat "
        "en twee keer huilend binnenkwam.",
    )
    page.select_option("select[name=source]", "leerkracht")
    page.check("input[name=parents_informed]")
    page.check("input[name=parents_agree]")
    submit(page, "Signaal aanmelden")
    assert page.url == f"{server}/dossiers/school/"
    assert f"Het signaal over {full_name} is aangemeld." in flash(page)
    row = page.locator("main tbody tr", has_text=full_name)
    assert "Aangemeld" in row.inner_text()
    assert "nog niet in behandeling genomen" in row.inner_text()
    checks.page_ok()

    # --- The school social worker takes it on and works the case ----------------------------
    login("smw")
    follow(page, page.locator("nav a", has_text="Mijn caseload"))
    signals = page.locator("section[aria-labelledby=new-signals]")
    assert "Nieuwe signalen op mijn scholen" in signals.inner_text()
    signal = signals.locator("li", has_text=full_name)
    assert SCHOOL in signal.inner_text()
    checks.page_ok()
    # Taking the signal on starts the intake: its form is the next page.
    follow(page, signal.get_by_role("button", name="In behandeling nemen"))
    assert re.fullmatch(rf"{re.escape(server)}/dossiers/\d+/intake/", page.url)
    case_url = page.url.removesuffix("intake/")
    assert "Je bent nu de casemanager. De intake is gestart" in flash(page)
    assert page.locator("main h1").inner_text().startswith(full_name)
    checks.page_ok()
    page.fill("input[name=held_on]", today.isoformat())
    page.fill(
        "textarea[name=request_for_help]",
        f"{first} wil weer met klasgenoten spelen; ouders willen weten hoe ze kunnen helpen.",
    )
    page.fill(
        "textarea[name=clarified_problem]",
        f"{first} wordt buitengesloten en trekt zich terug; thuis merken ouders dit ook.",
    )
    submit(page, "Opslaan")
    assert page.url == case_url
    assert "De intake is opgeslagen." in flash(page)
    assert "wil weer met klasgenoten spelen" in page.locator("#h-intake + dl").inner_text()

    assert "Pesten" in main_text(page)
    checks.page_ok("case detail: intake")
    follow(page, page.get_by_role("button", name="Plan van aanpak starten"))
    assert page.url == f"{case_url}plan/"
    assert "Het dossier staat nu in de fase “Plan van aanpak”." in flash(page)
    checks.page_ok()
    page.select_option("select[name=goals-0-domain]", "leerling")
    page.fill("input[name=goals-0-description]", goal)
    page.fill("input[name=planned_sessions]", "6")
    page.fill("input[name=evaluation_on]", (today + datetime.timedelta(days=42)).isoformat())
    page.check("input[name=agreed_pupil]")
    page.check("input[name=agreed_parents]")
    page.fill("input[name=agreed_on]", today.isoformat())
    submit(page, "Opslaan")
    assert page.url == case_url
    assert "Het plan van aanpak is opgeslagen." in flash(page)
    assert goal in page.locator("section[aria-labelledby=h-plan]").inner_text()

    follow(page, page.get_by_role("button", name="Kortdurende hulp starten"))
    assert "Het dossier staat nu in de fase “Kortdurende hulp”." in flash(page)

    for kind, summary, note in [
        ("leerling", summaries[0], work_note),
        ("ouders", summaries[1], ""),
    ]:
        follow(page, page.get_by_role("link", name="Contactmoment vastleggen"))
        checks.page_ok()
        page.fill("input[name=minutes]", "45")
        page.select_option("select[name=kind]", kind)
        page.select_option("select[name=place]", "school")
        page.fill("textarea[name=summary]", summary)
        if note:
            page.fill("textarea[name=work_note]", note)
        submit(page, "Opslaan")
        assert page.url == case_url
        assert "Het contactmoment is opgeslagen." in flash(page)
    contacts = page.locator("section[aria-labelledby=h-contacts]").inner_text()
    assert summaries[0] in contacts and summaries[1] in contacts
    assert f"Werkaantekening (alleen voor jou): {work_note}" in contacts

    follow(page, page.get_by_role("link", name="Evalueren"))
    checks.page_ok()
    page.fill("input[name=held_on]", today.isoformat())
    page.fill("textarea[name=note]", "Samen met ouders en leerkracht besproken.")
    assert page.locator("label", has_text=goal).count() == 1
    page.locator("select[name^=result_]").select_option("behaald")
    page.locator("input[name^=note_]").fill("Zegt nu zelf stop")
    submit(page, "Opslaan")
    assert "De evaluatie is opgeslagen." in flash(page)
    plan = page.locator("section[aria-labelledby=h-plan]").inner_text()
    assert f"Behaald {goal}\nToelichting: Zegt nu zelf stop" in plan
    checks.page_ok("case detail: evaluated")

    follow(page, page.get_by_role("link", name="Dossier afsluiten"))
    checks.page_ok()
    page.select_option("select[name=reason]", "doel_bereikt")
    page.fill(
        "textarea[name=outcome]", f"{first} speelt weer mee in de pauze; ouders weten de weg."
    )
    submit(page, "Dossier afsluiten")
    assert page.url == case_url
    assert "Het dossier is afgesloten." in flash(page)
    assert page.locator("main h1 .badge").inner_text() == "Afgesloten"
    closure = page.locator("section[aria-labelledby=h-closure]").inner_text()
    assert "Doel bereikt" in closure and "speelt weer mee in de pauze" in closure
    checks.page_ok("case detail: closed")

    # --- The care coordinator follows the progress, not the conversations --------------------
    login("zc")
    follow(page, page.locator("nav a", has_text="Caseload school"))
    assert full_name not in main_text(page)  # closed cases are not in the default (open) list
    page.select_option("select[name=stage]", "closed")
    page.fill("main input[name=q]", last)
    follow(page, page.get_by_role("button", name="Filteren"))
    row = page.locator("main tbody tr", has_text=full_name)
    assert row.locator(".badge").inner_text() == "Afgesloten"
    checks.page_ok("school caseload: filtered")
    follow(page, row.get_by_role("link", name=full_name))
    assert page.url == f"{case_url}voortgang/"
    assert page.locator("main h1 .badge").inner_text() == "Afgesloten"
    progress = main_text(page)
    assert "Doel bereikt" in progress
    assert f"Behaald {goal}" in progress  # the result, not the worker's note on it
    assert "2, laatst op" in progress  # the number of contacts, no more
    secrets = [*summaries, work_note, "Werkaantekening", "Samen met ouders en leerkracht"]
    for secret in [*secrets, "Zegt nu zelf stop"]:
        assert secret not in page.content()
    checks.page_ok()
