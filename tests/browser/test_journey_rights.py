"""Journey: a mother with gezag asks for inzage in her son's dossier. `smw` registers the
request on the case (the rules are on the form), puts it forward, extends the deadline; the
privacy officer `privacy` finds it on her start page, judges that inzage does not harm the child,
grants it and records the handover. Every page passes axe; the coordinator sees nothing."""

from __future__ import annotations

import datetime

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
