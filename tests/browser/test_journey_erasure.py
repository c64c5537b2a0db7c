"""Journey: a mother with gezag asks for the destruction of her son's closed dossier. `smw`
registers and puts it forward; the privacy officer `privacy` reads the date by which it must be
destroyed, first forgets the ground of a refusal, then grants it: the dossier is destroyed at
once through its own destruction list, and the request is done. axe finds nothing serious."""

from __future__ import annotations

import datetime

from django.utils import timezone, translation
from django.utils.formats import date_format

from .journey import SLOW, flash, follow, main_text, open_case_in_intake, submit

SCHOOL = "OBS De Regenboog"


def test_a_request_for_destruction_from_receipt_to_destroyed_dossier(
    page, login, server, checks, unique_name
):
    from cases.models import Case, Guardian, Pupil
    from retention.models import DestructionList, DestructionRecord
    from rights.models import RightsRequest

    first, last = unique_name("Sem")
    born = timezone.localdate() - datetime.timedelta(days=365 * 13 + 40)
    case = open_case_in_intake(worker="smw", school=SCHOOL, first=first, last=last, born=born)
    Case.objects.filter(pk=case.pk).update(
        stage=Case.Stage.CLOSED,
        closed_on=timezone.localdate() - datetime.timedelta(days=60),
        closure_reason=Case.ClosureReason.GOAL_REACHED,
    )
    Guardian.objects.create(
        pupil=case.pupil, name=f"Ilse {last}", relation="moeder", has_authority=True
    )

    login("smw")
    page.goto(f"{server}/dossiers/{case.pk}/")
    follow(page, page.get_by_role("link", name="Verzoek registreren"))
    assert "binnen drie maanden" in main_text(page)
    page.select_option("select[name=kind]", "vernietiging")
    page.check("input[name=requester][value=ouder_gezag]")
    page.select_option("select[name=guardian]", label=f"Ilse {last} (Moeder, met gezag)")
    page.select_option("select[name=identity_check]", "legitimatie")
    submit(page, "Registreren")
    assert "Het verzoek is geregistreerd." in flash(page)
    request_url = page.url
    assert "Vernietigen uiterlijk" in main_text(page)
    checks.page_ok("request for destruction received")
    follow(page, page.get_by_role("link", name="Voorleggen voor een besluit"))
    page.fill("textarea[name=preparation_note]", "Geen bewaarplicht bekend.")
    submit(page, "Voorleggen")

    login("privacy")
    page.goto(request_url)
    follow(page, page.get_by_role("link", name="Beslissen", exact=True))
    rights_request = RightsRequest.objects.get(pupil=case.pupil_id)
    with translation.override("nl"):
        destroy_by = date_format(rights_request.destroy_by, "j F Y")
    assert destroy_by in main_text(page)
    checks.page_ok("decision on a request for destruction")
    page.check("input[name=grant][value=nee]")
    page.fill("textarea[name=reason]", "Nee")
    submit(page, "Besluit vastleggen")
    assert "kies de grond" in main_text(page)
    checks.page_ok("refusal without a ground")
    page.check("input[name=grant][value=ja]")
    page.fill("textarea[name=reason]", "")
    submit(page, "Besluit vastleggen", timeout=SLOW)
    assert "Afgerond" in main_text(page)
    checks.page_ok("request for destruction done")

    assert Pupil.objects.get(pk=case.pupil_id).first_name == "Vernietigd"
    record = DestructionRecord.objects.get(pupil_number=case.pupil_id)
    assert "7.3.9" in record.rule
    assert DestructionList.objects.get(request=rights_request).status == "uitgevoerd"
