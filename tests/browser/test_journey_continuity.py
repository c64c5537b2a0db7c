"""Journeys of continuity: a worker leaves (handover, then deactivation), the team leader
prepares next school year, a pupil moves school, a case past the short-term norm goes on with
a reason, a consent to ask again, deadlines in the summer holiday moved at once. Every page:
axe finds nothing serious or critical, and no console errors."""

from __future__ import annotations

import datetime

from django.utils import timezone

from .journey import flash, follow, main_text, open_case_in_help, open_case_in_intake, submit

ORGANISATION = "Stichting Jeugd & School"
SCHOOL = "OBS De Regenboog"


def test_a_worker_leaves_hands_over_and_is_deactivated(page, login, server, checks, unique_name):
    from schools.models import Organisation, School
    from tests import factories

    first, last = unique_name("Joost")
    leaver = factories.create_worker(
        organisation=Organisation.objects.get(name=ORGANISATION),
        schools=[School.objects.get(name=SCHOOL)],
        first_name=first,
        last_name=last,
    )
    pupil_first, pupil_last = unique_name("Mila")
    case = open_case_in_intake(
        worker=leaver.username,
        school=SCHOOL,
        first=pupil_first,
        last=pupil_last,
        born=datetime.date(2016, 4, 2),
    )

    # The application manager cannot deactivate someone who still owns a case.
    login("beheer")
    page.goto(f"{server}/accounts/manage/{leaver.pk}/")
    checks.page_ok()
    assert "kan pas als de teamleider" in main_text(page)
    submit(page, "Deactiveren")
    assert "heeft nog 1 open dossier" in flash(page)

    login("teamleider")
    checks.page_ok()
    follow(page, page.locator("main a", has_text="Vertrekt: overdragen").filter(has_text=last))
    checks.page_ok()
    assert case.number in main_text(page)
    assert pupil_last not in main_text(page)  # the team leader sees no pupil
    page.select_option("select[name=all_to]", label="Sanne de Vries")
    page.fill("input[name=reason]", "Gaat per 1 januari uit dienst.")
    submit(page, "Overdragen")
    assert "1 onderdeel overgedragen." in flash(page)
    assert "heeft niets meer in beheer" in main_text(page)
    checks.page_ok("leaver page, nothing owned")

    login("beheer")
    page.goto(f"{server}/accounts/manage/{leaver.pk}/")
    submit(page, "Deactiveren")
    assert f"{first} {last} is gedeactiveerd." in flash(page)

    login("smw")
    page.goto(f"{server}/dossiers/{case.pk}/")
    checks.page_ok()
    assert "Gaat per 1 januari uit dienst." in main_text(page)  # the timeline


def test_team_leader_prepares_next_school_year(page, login, server, checks):
    login("teamleider")
    assert "Dossiers die een nieuwe casemanager nodig hebben" in main_text(page)
    assert "geen inzet op deze school in" in main_text(page)  # smw leaves SBO De Brug
    follow(page, page.get_by_role("link", name="Inzet van volgend schooljaar voorbereiden"))
    checks.page_ok()
    submit(page, "kopiëren")
    assert "gekopieerd" in flash(page)
    hours = page.locator("main input[name^=hours-]").first
    hours.fill("150,5")
    submit(page, "Opslaan")
    assert "Opgeslagen." in flash(page)
    assert page.locator("main input[name^=hours-]").first.input_value() == "150,5"
    checks.page_ok("next year after saving")


def test_a_pupil_moves_to_another_school_of_the_organisation(
    page, login, server, checks, unique_name
):
    first, last = unique_name("Sem")
    case = open_case_in_help(
        worker="smw", school=SCHOOL, first=first, last=last, born=datetime.date(2015, 9, 9)
    )
    login("zc")
    assert page.goto(f"{server}/dossiers/{case.pk}/voortgang/").status == 200

    login("smw")
    page.goto(f"{server}/dossiers/{case.pk}/")
    follow(page, page.get_by_role("link", name="De leerling gaat naar een andere school"))
    checks.page_ok()
    page.check("input[name=where][value=within]")
    page.select_option("select[name=to_school]", label="SBO De Brug")
    submit(page, "Verhuizing vastleggen")
    assert "Het dossier is verhuisd naar SBO De Brug." in flash(page)
    assert "SBO De Brug" in main_text(page)
    checks.page_ok()

    login("zc")  # the coordinator of the old school no longer sees it
    assert page.goto(f"{server}/dossiers/{case.pk}/voortgang/").status == 404
    page.console_log.errors.clear()  # the 404 asked for


def test_a_case_past_the_norm_goes_on_with_a_reason(page, login, server, checks, unique_name):
    from tests import factories

    first, last = unique_name("Evi")
    case = open_case_in_help(
        worker="smw", school=SCHOOL, first=first, last=last, born=datetime.date(2015, 2, 2)
    )
    for _i in range(9):
        factories.create_contact(case=case)

    login("smw")
    assert f"{first} {last}" in main_text(page)  # the start page asks for a reason
    follow(page, page.locator("main a", has_text=f"{first} {last}").first)
    checks.page_ok()
    assert "Over de norm voor kortdurende hulp" in main_text(page)
    page.fill("textarea[name=reason]", "De rouwverwerking vraagt meer tijd; geen passend aanbod.")
    submit(page, "Reden vastleggen")
    assert "De reden om door te gaan is vastgelegd." in flash(page)
    assert "De rouwverwerking vraagt meer tijd" in main_text(page)
    checks.page_ok("case page with a reason to go on")


def test_worker_sees_a_consent_to_ask_again(page, login, server, checks):
    login("smw")
    checks.page_ok()
    assert "Toestemmingen opnieuw vragen na een verjaardag" in main_text(page)
    # one click to where it is done: the consent form of her case
    follow(page, page.locator("[data-today=consents-birthday] a", has_text="Fenna Hoekstra"))
    checks.page_ok()
    assert "Toestemming vastleggen" in main_text(page)
    # and the case page says why
    follow(page, page.locator("main a", has_text="Fenna Hoekstra").first)
    assert "Opnieuw vragen: sinds de 12e verjaardag" in main_text(page)


def test_deadlines_in_the_summer_holiday_are_moved_at_once(
    page, login, server, checks, unique_name
):
    from cases.models import Plan
    from continuity.holidays import summer_holiday

    today = timezone.localdate()
    year = today.year if today < datetime.date(today.year, 7, 1) else today.year + 1
    holiday = summer_holiday("midden", year)
    first, last = unique_name("Ties")
    case = open_case_in_help(
        worker="smw", school=SCHOOL, first=first, last=last, born=datetime.date(2016, 1, 5)
    )
    Plan.objects.filter(case=case).update(evaluation_on=holiday.first + datetime.timedelta(days=3))

    login("smw")
    follow(page, page.get_by_role("link", name="Termijnen in de zomervakantie"))
    checks.page_ok()
    assert f"{first} {last}" in main_text(page)
    submit(page, "Alle termijnen verplaatsen")
    assert "verplaatst" in flash(page)
    assert Plan.objects.get(case=case).evaluation_on == holiday.first_school_day
    checks.page_ok("summer page, nothing left")
