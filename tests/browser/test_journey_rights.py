"""Journey: a mother with gezag asks for inzage in her son's dossier. `smw` registers the
request on the case (the rules are on the form), puts it forward, extends the deadline; the
privacy officer `privacy` finds it on her start page, judges that inzage does not harm the child,
grants it and records the handover. Every page passes axe; the coordinator sees nothing."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from .journey import flash, follow, main_text, open_case_in_intake, submit

SCHOOL = "OBS De Regenboog"


def test_a_parents_request_from_receipt_to_handover(page, login, server, checks, unique_name):
    from cases.models import Guardian

    first, last = unique_name("Daan")
    full_name = f"{first} {last}"
    born = timezone.localdate() - datetime.timedelta(days=365 * 13 + 40)
    case = open_case_in_intake(worker="smw", school=SCHOOL, first=first, last=last, born=born)
    Guardian.objects.create(
        pupil=case.pupil, name=f"Mirjam {last}", relation="moeder", has_authority=True
    )
    case_url = f"{server}/dossiers/{case.pk}/"

    # --- smw registers the request from the case page ----------------------------------------
    login("smw")
    follow(page, page.locator("nav a", has_text="Mijn caseload"))
    follow(page, page.get_by_role("link", name=full_name))
    assert page.url == case_url
    checks.page_ok("case with rights section")
    follow(page, page.get_by_role("link", name="Verzoek registreren"))
    assert "Een leerling vanaf 12 jaar mag om het eigen dossier vragen." in main_text(page)
    checks.page_ok()
    page.select_option("select[name=kind]", "inzage")
    page.check("input[name=requester][value=ouder_gezag]")
    page.select_option("select[name=guardian]", label=f"Mirjam {last} (Moeder, met gezag)")
    page.select_option("select[name=identity_check]", "legitimatie")
    page.fill("input[name=identity_note]", "Paspoort getoond")
    page.fill("textarea[name=description]", "Moeder wil lezen wat er is vastgelegd.")
    submit(page, "Registreren")
    assert "Het verzoek is geregistreerd." in flash(page)
    request_url = page.url
    deadline = timezone.localdate()
    assert "Ontvangen, in voorbereiding" in main_text(page)
    checks.page_ok("request received")

    follow(page, page.get_by_role("link", name="Termijn verlengen"))
    checks.page_ok()
    extended = deadline + datetime.timedelta(days=45)
    page.fill("input[name=until]", extended.isoformat())
    page.fill("textarea[name=reason]", "Het dossier bevat stukken van derden die we nalopen.")
    submit(page, "Verlengen")
    assert "(verlengd)" in main_text(page)

    follow(page, page.get_by_role("link", name="Voorleggen voor een besluit"))
    checks.page_ok()
    page.fill("textarea[name=preparation_note]", "Geen stukken van derden; advies: toewijzen.")
    submit(page, "Voorleggen")
    assert "Wacht op een besluit" in main_text(page)
    checks.page_ok("request submitted")

    # --- the coordinator of the school sees nothing of it ------------------------------------
    login("zc")
    response = page.goto(request_url)
    assert response.status == 404
    # the browser logs the 404 of the page itself as a console error: only that one
    own_404 = f"status of 404 (Not Found) ({request_url})"
    page.console_log.errors = [e for e in page.console_log.errors if not e.endswith(own_404)]

    # --- the privacy officer decides and records the handover --------------------------------
    login("privacy")
    assert page.url == f"{server}/privacy/"
    checks.page_ok("privacy overview with requests")
    follow(page, page.get_by_role("link", name=full_name))
    assert page.url == request_url
    assert "Dossier openen" not in main_text(page)
    follow(page, page.get_by_role("link", name="Beslissen", exact=True))
    checks.page_ok()
    page.check("input[name=grant][value=ja]")
    page.check("input[name=harms_child][value=nee]")
    page.fill("textarea[name=harm_reason]", "Geen aanwijzingen dat inzage Daan schaadt.")
    submit(page, "Besluit vastleggen")
    assert "Toegewezen, export maken en overhandigen" in main_text(page)
    checks.page_ok("request granted")
    follow(page, page.get_by_role("link", name="Overhandiging vastleggen en afronden"))
    checks.page_ok()
    page.fill("textarea[name=note]", "Op school doorgenomen met moeder en de casemanager.")
    submit(page, "Verzoek afronden")
    assert "Afgerond" in main_text(page)
    checks.page_ok("request done")

    # --- the steps are on the pupil's timeline -----------------------------------------------
    login("smw")
    page.goto(case_url)
    assert "Verzoek onder de AVG" in main_text(page)


def test_a_parents_inzage_is_answered_with_a_dossier_export(
    page, login, server, checks, unique_name
):
    """`smw` registers a mother's inzage request and puts it forward; `privacy` grants it;
    `smw` prepares the export from the request page and withholds one contact summary;
    `privacy` hands the export over, which closes the request."""
    from accounts.models import User
    from cases.models import Guardian
    from tests import factories

    from .journey import SLOW

    first, last = unique_name("Lotte")
    full_name = f"{first} {last}"
    born = timezone.localdate() - datetime.timedelta(days=365 * 14 + 20)
    case = open_case_in_intake(worker="smw", school=SCHOOL, first=first, last=last, born=born)
    Guardian.objects.create(
        pupil=case.pupil, name=f"Ingrid {last}", relation="moeder", has_authority=True
    )
    smw = User.objects.get(username="smw")
    kept = f"{first} vertelt over de nieuwe klas."
    withheld = f"Vader van {first} belde over de omgangsregeling."
    factories.create_contact(case=case, author=smw, summary=kept)
    factories.create_contact(case=case, author=smw, summary=withheld, kind="ouders")

    # --- smw registers the request and puts it forward ---------------------------------------
    login("smw")
    page.goto(f"{server}/dossiers/{case.pk}/")
    follow(page, page.get_by_role("link", name="Verzoek registreren"))
    page.select_option("select[name=kind]", "inzage")
    page.check("input[name=requester][value=ouder_gezag]")
    page.select_option("select[name=guardian]", label=f"Ingrid {last} (Moeder, met gezag)")
    page.select_option("select[name=identity_check]", "legitimatie")
    submit(page, "Registreren")
    assert "Het verzoek is geregistreerd." in flash(page)
    request_url = page.url
    checks.page_ok("request received")
    assert "Dossierexport voorbereiden" not in main_text(page)  # not granted yet
    follow(page, page.get_by_role("link", name="Voorleggen voor een besluit"))
    page.fill("textarea[name=preparation_note]", "Eén gesprek gaat over de vader: nalopen.")
    submit(page, "Voorleggen")
    assert "Wacht op een besluit" in main_text(page)

    # --- privacy grants it ---------------------------------------------------------------------
    login("privacy")
    page.goto(request_url)
    follow(page, page.get_by_role("link", name="Beslissen", exact=True))
    page.check("input[name=grant][value=ja]")
    page.check("input[name=harms_child][value=nee]")
    page.fill("textarea[name=harm_reason]", f"Geen aanwijzingen dat inzage {first} schaadt.")
    submit(page, "Besluit vastleggen")
    text = main_text(page)
    assert "Toegewezen, export maken en overhandigen" in text
    assert "De casemanager bereidt de dossierexport voor" in text
    checks.page_ok("request granted, for the privacy officer")

    # --- smw prepares the export from the request and withholds one contact --------------------
    login("smw")
    page.goto(request_url)
    checks.page_ok("request granted, for the case manager")
    follow(page, page.get_by_role("link", name="Dossierexport voorbereiden"))
    assert f"van Ingrid {last}" in main_text(page)
    assert page.locator("input[name=purpose][value=inzage]").is_checked()
    assert page.locator("input[name=requester][value=ouders]").is_checked()
    checks.page_ok("export started from a request")
    submit(page, "Export voorbereiden", timeout=SLOW)
    export_url = page.url
    page.get_by_text("Klaar om te beoordelen").first.wait_for(timeout=SLOW)
    page.reload()
    assert "Inzage" in main_text(page)
    row = page.locator("main tbody tr", has=page.locator("td", has_text=withheld[:40])).first
    row.locator("select[name=ground]").select_option("derde")
    follow(page, row.get_by_role("button", name=re.compile("Achterhouden")), timeout=SLOW)
    assert "wordt achtergehouden" in flash(page)
    checks.page_ok("export of a request, reviewed")

    # --- privacy finds the export on the request, hands it over: the request is closed --------
    login("privacy")
    page.goto(request_url)
    follow(page, page.locator("main a", has_text="Dossierexport").first)
    assert page.url == export_url
    page.get_by_text("Klaar om te beoordelen").first.wait_for(timeout=SLOW)
    page.reload()
    text = main_text(page)
    assert "verslag van een contact: de privacy van een ander" in text
    assert "rondt het verzoek af" in text
    checks.page_ok("export of a request, for the privacy officer")
    follow(page, page.get_by_role("button", name="Vastleggen als overhandigd"))
    assert "Vastgelegd als overhandigd" in flash(page)
    checks.page_ok("export of a request, handed over")
    follow(page, page.locator("main dd a", has_text="Verzoek"))
    assert page.url == request_url
    text = main_text(page)
    assert "Afgerond" in text
    assert "Beantwoord met" in text
    assert "Overhandigd met export" in text
    checks.page_ok("request answered with an export")
    assert full_name in page.title()
