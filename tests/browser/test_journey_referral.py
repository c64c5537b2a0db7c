"""Journey: the school social worker refers a pupil to external help, with the consent the
pupil's age asks for, follows the referral until help has started and closes the case; the care
coordinator sees the kind of organisation and the status, nothing of what was shared."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from .journey import flash, follow, main_text, open_case_in_help, submit

SCHOOL = "OBS De Regenboog"


def test_referral_with_consent_to_closed_case(page, login, server, checks, unique_name):
    first, last = unique_name("Daan")
    full_name = f"{first} {last}"
    today = timezone.localdate()
    # twelve and a quarter (groep 8): the pupil and the parents with gezag must consent
    born = today.replace(year=today.year - 12) - datetime.timedelta(days=90)
    case = open_case_in_help(worker="smw", school=SCHOOL, first=first, last=last, born=born)
    case_url = f"{server}/dossiers/{case.pk}/"
    mother = f"Anouk {last}"
    reason = f"{first} heeft traumabehandeling nodig die SMW niet kan bieden"
    question = "Kunnen jullie een traumagerichte intake plannen voor Daan?"
    shared = "Samenvatting van de intake en het plan van aanpak, met toestemming van moeder"

    login("smw")
    follow(page, page.locator("nav a", has_text="Mijn caseload"))
    row = page.locator("main tbody tr", has_text=full_name)
    assert "Kortdurende hulp" in row.inner_text()
    follow(page, row.get_by_role("link", name=full_name))
    assert page.url == case_url
    checks.page_ok()

    # The parent with parental authority, needed for the consent of a twelve-year-old
    follow(page, page.get_by_role("link", name="Ouder/verzorger toevoegen"))
    checks.page_ok()
    page.fill("input[name=name]", mother)
    page.select_option("select[name=relation]", "moeder")
    page.fill("input[name=phone]", "06 12345678")
    assert page.is_checked("input[name=has_authority]")
    submit(page, "Opslaan")
    assert "De ouder/verzorger is opgeslagen." in flash(page)
    assert f"{mother} (Moeder) · gezag" in main_text(page)

    # Refer: find the organisation on the sociale kaart, despite a typo
    follow(page, page.locator("main").get_by_role("link", name="Verwijzen", exact=True))
    assert page.url == f"{case_url.replace('/dossiers/', '/verwijzingen/dossier/')}verwijzen/"
    assert "Er is nog geen geldige toestemming" in main_text(page)
    checks.page_ok()
    follow(page, page.get_by_role("link", name="Zoek een organisatie op de sociale kaart"))
    assert page.url.startswith(f"{server}/verwijzingen/sociale-kaart/?case={case.pk}")
    checks.page_ok()
    page.fill("main input[name=q]", "altreht")
    follow(page, page.locator("main").get_by_role("button", name="Zoeken"))
    hit = page.locator("main .list-group a", has_text="Altrecht Jeugd")
    assert "Jeugd-GGZ" in hit.inner_text()
    checks.page_ok("social map: search")
    follow(page, hit)
    assert page.locator("main h1").inner_text() == "Altrecht Jeugd"
    checks.page_ok()

    # Consent: the form says whose consent this pupil's age asks for
    follow(page, page.get_by_role("link", name="Toestemming voor deze verwijzing vastleggen"))
    need = page.locator("main .alert-info").inner_text()
    assert (
        "Op dit moment moet de toestemming voor deze leerling komen van: "
        "de leerling (12 jaar) en de ouders met gezag." in need
    )
    assert mother in need
    assert page.locator("select[name=purpose]").input_value() == "verwijzing"
    assert page.locator("select[name=party] option:checked").inner_text() == "Altrecht Jeugd"
    checks.page_ok()
    page.check("input[name=by_pupil]")
    page.locator("label", has_text=mother).click()
    submit(page, "Toestemming opslaan")
    assert "De toestemming is vastgelegd." in flash(page)

    # The referral form comes back with the organisation and the consent chosen
    assert re.search(r"/verwijzen/\?destination=\d+$", page.url)
    assert page.locator("select[name=destination] option:checked").inner_text() == "Altrecht Jeugd"
    assert (
        page.locator("select[name=consent] option:checked")
        .inner_text()
        .startswith("Altrecht Jeugd – ")
    )
    assert page.is_checked("input[name=submit]")
    checks.page_ok("referral form: with consent")
    page.fill("textarea[name=reason]", reason)
    page.fill("textarea[name=question]", question)
    page.fill("textarea[name=shared_information]", shared)
    submit(page, "Verwijzing opslaan")
    assert "De verwijzing naar Altrecht Jeugd is vastgelegd." in flash(page)
    assert re.fullmatch(rf"{re.escape(server)}/verwijzingen/\d+/", page.url)
    referral_url = page.url
    assert page.locator("main h2 .badge").inner_text() == "Aangemeld"
    checks.page_ok()

    for status, label in [("intake", "In intake"), ("gestart", "Hulp gestart")]:
        page.select_option("select[name=status]", status)
        submit(page, "Status opslaan")
        assert page.url == referral_url
        assert "De status is opgeslagen." in flash(page)
        assert page.locator("main h2 .badge").inner_text() == label

    # Close with the handover complete
    follow(page, page.locator("main .breadcrumb").get_by_role("link", name=full_name))
    assert page.url == case_url
    assert page.locator("main h1 .badge").inner_text() == "Verwezen"
    assert "Altrecht Jeugd · Hulp gestart" in main_text(page)
    checks.page_ok("case detail: referred")
    follow(page, page.get_by_role("link", name="Dossier afsluiten"))
    checks.page_ok()
    page.select_option("select[name=reason]", "verwezen")
    page.fill("textarea[name=outcome]", f"{first} is in behandeling bij Altrecht Jeugd.")
    submit(page, "Dossier afsluiten")
    assert page.url == case_url
    assert "Het dossier is afgesloten." in flash(page)
    assert page.locator("main h1 .badge").inner_text() == "Afgesloten"
    assert "overdracht afgerond" in main_text(page)
    checks.page_ok("case detail: closed")

    # The care coordinator: kind of organisation and status, nothing that was shared
    login("zc")
    follow(page, page.locator("nav a", has_text="Caseload school"))
    page.select_option("select[name=stage]", "closed")
    page.fill("main input[name=q]", last)
    follow(page, page.get_by_role("button", name="Filteren"))
    follow(page, page.locator("main tbody").get_by_role("link", name=full_name))
    assert page.url == f"{case_url}voortgang/"
    referrals = page.locator("main dt", has_text="Verwijzingen").locator(
        "xpath=following-sibling::dd[1]"
    )
    assert referrals.inner_text().startswith("Jeugd-GGZ: Hulp gestart (sinds ")
    assert "Verwezen en overgedragen" in main_text(page)
    content = page.content()
    for secret in [reason, question, shared, "Altrecht", mother]:
        assert secret not in content
    checks.page_ok()
