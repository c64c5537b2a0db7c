"""The whole case journey, counted: signal → take on → intake → plan with three goals → help →
two contacts → evaluation → consent and referral → closure, with the clicks a person makes and
the pages the browser loads. Nothing typed in the referral is lost when the consent turns out to
be incomplete, and the plan's goals are added and removed in place (and without JavaScript)."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from .journey import flash, follow, main_text, open_case_in_help, open_case_in_intake

SCHOOL = "OBS De Regenboog"
# The same journey took 61 clicks and 38 page loads before the next steps were joined up.
MOST_PAGE_LOADS = 20


class Tally:
    """Counts the clicks made (a click, a tick, a choice in a list) and the pages loaded."""

    def __init__(self, page):
        self.page = page
        self.loads = 0
        self.clicks = 0
        page.on("load", self._loaded)

    def _loaded(self, _page):
        self.loads += 1

    def follow(self, locator):
        self.clicks += 1
        with self.page.expect_navigation():
            locator.click(no_wait_after=True)

    def submit(self, label: str):
        self.follow(self.page.locator("main form[method=post] button[type=submit]", has_text=label))

    def tick(self, locator):
        self.clicks += 1
        locator.check()

    def choose(self, selector: str, value: str | None = None, *, label: str | None = None):
        self.clicks += 1
        if label is not None:
            self.page.select_option(selector, label=label)
        else:
            self.page.select_option(selector, value)


def test_whole_case_journey_in_few_pages(page, server, checks, unique_name):
    tally = Tally(page)
    first, last = unique_name("Lieke")
    full_name = f"{first} {last}"
    today = timezone.localdate()
    # twelve and a third: the pupil and the parents with gezag consent to a referral (a
    # birthday of its own, so that no other journey's pupil looks like a likely duplicate)
    born = today.replace(year=today.year - 12) - datetime.timedelta(days=123)
    goals = [f"{first} speelt mee in de pauze", f"{first} zegt stop", "Ouders oefenen thuis"]
    mother = f"Anouk {last}"
    reason = f"{first} heeft traumabehandeling nodig die SMW niet kan bieden"
    question = "Kunnen jullie een traumagerichte intake plannen?"
    shared = "Samenvatting van intake en plan, met toestemming van moeder en leerling"

    def login(username):
        page.context.clear_cookies()
        page.goto(f"{server}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", "smw-demo-2026")
        tally.follow(page.locator("form:has(input[name=password]) button[type=submit]"))

    # --- The care coordinator signals -----------------------------------------------------
    login("zc")
    tally.follow(page.locator("nav a", has_text="Caseload school"))
    tally.follow(page.get_by_role("link", name="Signaal aanmelden"))
    page.fill("input[name=first_name]", first)
    page.fill("input[name=last_name]", last)
    page.fill("input[name=date_of_birth]", born.isoformat())
    page.fill("input[name=group]", "8b")
    tally.tick(page.locator("input[name=categories][value=pesten]"))
    page.fill("textarea[name=noticed]", f"{first} staat in de pauze alleen en huilt vaak.")
    tally.choose("select[name=source]", "leerkracht")
    tally.tick(page.locator("input[name=parents_informed]"))
    tally.tick(page.locator("input[name=parents_agree]"))
    tally.submit("Signaal aanmelden")
    assert f"Het signaal over {full_name} is aangemeld." in flash(page)

    # --- The worker takes it on: the intake form is the next page ----------------------------
    login("smw")
    tally.follow(page.locator("nav a", has_text="Mijn caseload"))
    signal = page.locator("section[aria-labelledby=new-signals] li", has_text=full_name)
    tally.follow(signal.get_by_role("button", name="In behandeling nemen"))
    assert re.fullmatch(rf"{re.escape(server)}/dossiers/\d+/intake/", page.url)
    case_url = page.url.removesuffix("intake/")
    assert "De intake is gestart" in flash(page)
    checks.page_ok("intake form: first")
    page.fill("input[name=held_on]", today.isoformat())
    page.fill("textarea[name=request_for_help]", f"{first} wil weer meespelen.")
    page.fill("textarea[name=clarified_problem]", f"{first} wordt buitengesloten.")
    tally.submit("Opslaan en plan van aanpak starten")

    # --- The plan: three goals on one form, the evaluation date filled in ---------------------
    assert page.url == f"{case_url}plan/"
    assert "Het dossier staat nu in de fase “Plan van aanpak”." in flash(page)
    assert (
        page.input_value("input[name=evaluation_on]")
        == (today + datetime.timedelta(weeks=6)).isoformat()
    )
    checks.page_ok("plan form: new")
    for i, (domain, goal) in enumerate(zip(["leerling", "leerling", "gezin"], goals, strict=True)):
        tally.choose(f"select[name=goals-{i}-domain]", domain)
        page.fill(f"input[name=goals-{i}-description]", goal)
    page.fill("input[name=planned_sessions]", "6")
    tally.tick(page.locator("input[name=agreed_pupil]"))
    tally.tick(page.locator("input[name=agreed_parents]"))
    page.fill("input[name=agreed_on]", today.isoformat())
    tally.submit("Opslaan en kortdurende hulp starten")
    assert page.url == case_url
    assert "Het dossier staat nu in de fase “Kortdurende hulp”." in flash(page)
    plan = page.locator("section[aria-labelledby=h-plan]").inner_text()
    assert all(goal in plan for goal in goals)

    # --- Two contacts: the next step's primary button, then "save and log another" -----------
    next_step = page.locator("section[aria-labelledby=h-next-step]")
    tally.follow(next_step.get_by_role("link", name="Contactmoment vastleggen"))
    for summary, button in [
        ("Eerste gesprek over de pauze", "Opslaan en nog een contactmoment vastleggen"),
        ("Gesprek met moeder", "Opslaan"),
    ]:
        page.fill("input[name=minutes]", "45")
        tally.choose("select[name=kind]", "leerling")
        tally.choose("select[name=place]", "school")
        page.fill("textarea[name=summary]", summary)
        tally.follow(page.get_by_role("button", name=button, exact=True))
        assert "Het contactmoment is opgeslagen." in flash(page)
    assert page.url == case_url

    # --- Evaluation: each goal's result reads as result and goal ------------------------------
    tally.follow(page.locator("main").get_by_role("link", name="Evalueren"))
    page.fill("input[name=held_on]", today.isoformat())
    for select in page.locator("select[name^=result_]").all():
        tally.clicks += 1
        select.select_option("behaald")
    tally.submit("Opslaan")
    assert "De evaluatie is opgeslagen." in flash(page)
    results = page.locator("section[aria-labelledby=h-plan] .goal-results li")
    assert [r.inner_text() for r in results.all()] == [f"Behaald {goal}" for goal in goals]
    checks.page_ok("case detail: evaluated")

    # --- Referral: consent and the missing parent on the referral form itself -----------------
    tally.follow(page.locator("main").get_by_role("link", name="Verwijzen", exact=True))
    checks.page_ok("referral form: no consent")
    tally.choose("select[name=destination]", label="Altrecht Jeugd")
    page.fill("textarea[name=reason]", reason)
    page.fill("textarea[name=question]", question)
    page.fill("textarea[name=shared_information]", shared)
    need = page.locator("#consent-need").inner_text()
    assert "de leerling (12 jaar) en de ouders met gezag" in need
    tally.tick(page.locator("input[name=new_consent_by_pupil]"))
    page.fill("input[name=new_guardian_name]", mother)
    tally.choose("select[name=new_guardian_relation]", "moeder")
    assert page.is_checked("input[name=new_guardian_has_authority]")
    assert page.is_checked("input[name=new_guardian_consents]")
    tally.submit("Verwijzing opslaan")
    assert "De verwijzing naar Altrecht Jeugd is vastgelegd." in flash(page)
    assert page.locator("main h2 .badge").inner_text() == "Aangemeld"
    referral = main_text(page)
    assert reason in referral and question in referral and shared in referral

    # --- Help starts at once at the organisation: one status change, then close right here ---
    tally.choose("select[name=status]", "gestart")
    tally.submit("Status opslaan")
    assert page.locator("main h2 .badge").inner_text() == "Hulp gestart"
    close_here = page.locator("section[aria-labelledby=h-close-here]")
    assert "de overdracht is rond" in close_here.inner_text()
    assert page.locator("select[name=reason] option:checked").inner_text() == (
        "Verwezen en overgedragen"
    )
    checks.page_ok("referral detail: help started")
    page.fill("textarea[name=outcome]", f"{first} is in behandeling bij Altrecht Jeugd.")
    tally.submit("Dossier afsluiten")
    assert page.url == case_url
    assert "Het dossier is afgesloten." in flash(page)
    assert "overdracht afgerond" in main_text(page)
    # the parent and the consent were recorded on the referral form itself
    assert mother in page.locator("section[aria-labelledby=h-guardians]").inner_text()
    assert mother in page.locator("section[aria-labelledby=h-consents]").inner_text()

    print(f"\nWhole case journey: {tally.clicks} clicks, {tally.loads} page loads")
    assert tally.loads <= MOST_PAGE_LOADS, (tally.clicks, tally.loads)


def _goal_rows(page):
    return page.locator("#goals .goal-row")


def test_goals_are_added_and_removed_in_place(page, login, server, unique_name):
    first, last = unique_name("Sem")
    case = open_case_in_intake(
        worker="smw", school=SCHOOL, first=first, last=last, born=datetime.date(2015, 3, 2)
    )
    from cases import workflow
    from cases.models import Intake

    intake = Intake.objects.get(case=case)
    intake.held_on = timezone.localdate()
    intake.request_for_help, intake.clarified_problem = "Hulp", "Probleem"
    intake.save()
    workflow.start_plan(case, by=case.caseworker)
    login("smw")
    loads = []
    page.on("load", lambda _page: loads.append(page.url))
    page.goto(f"{server}/dossiers/{case.pk}/plan/")
    assert _goal_rows(page).count() == 3
    page.fill("input[name=goals-0-description]", "Eerste doel")
    page.fill("input[name=planned_sessions]", "4")

    page.get_by_role("button", name="Doel toevoegen").click()
    expect(_goal_rows(page)).to_have_count(4)
    page.get_by_role("button", name="Verwijderen doel 2").click()
    expect(_goal_rows(page)).to_have_count(3)

    assert len(loads) == 1  # the plan page itself; the rows changed in place
    assert page.input_value("input[name=goals-0-description]") == "Eerste doel"
    assert page.input_value("input[name=planned_sessions]") == "4"
    assert page.console_log.errors == []


def test_goals_are_added_without_javascript(browser, server, unique_name):
    first, last = unique_name("Fenna")
    case = open_case_in_intake(
        worker="smw", school=SCHOOL, first=first, last=last, born=datetime.date(2015, 3, 2)
    )
    from cases import workflow
    from cases.models import Intake

    intake = Intake.objects.get(case=case)
    intake.held_on = timezone.localdate()
    intake.request_for_help, intake.clarified_problem = "Hulp", "Probleem"
    intake.save()
    workflow.start_plan(case, by=case.caseworker)
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{server}/accounts/login/")
        page.fill("input[name=username]", "smw")
        page.fill("input[name=password]", "smw-demo-2026")
        with page.expect_navigation():
            page.click("form:has(input[name=password]) button[type=submit]")
        page.goto(f"{server}/dossiers/{case.pk}/plan/")
        page.fill("input[name=goals-0-description]", "Eerste doel")
        page.select_option("select[name=goals-0-domain]", "leerling")
        with page.expect_navigation():
            page.get_by_role("button", name="Doel toevoegen").click()
        assert _goal_rows(page).count() == 4
        assert page.input_value("input[name=goals-0-description]") == "Eerste doel"
        with page.expect_navigation():
            page.get_by_role("button", name="Verwijderen doel 1").click()
        assert _goal_rows(page).count() == 3
        assert page.input_value("input[name=goals-0-description]") == ""
    finally:
        context.close()


def test_a_refused_referral_keeps_everything_typed(page, login, server, checks, unique_name):
    first, last = unique_name("Jesse")
    today = timezone.localdate()
    born = today.replace(year=today.year - 13) - datetime.timedelta(days=41)
    case = open_case_in_help(worker="smw", school=SCHOOL, first=first, last=last, born=born)
    reason, question, shared = "Reden van verwijzing", "Vraag aan Altrecht", "Gedeelde informatie"
    login("smw")
    page.goto(f"{server}/verwijzingen/dossier/{case.pk}/verwijzen/")
    page.select_option("select[name=destination]", label="Altrecht Jeugd")
    page.fill("textarea[name=reason]", reason)
    page.fill("textarea[name=question]", question)
    page.fill("textarea[name=shared_information]", shared)
    page.check("input[name=new_consent_by_pupil]")
    follow(page, page.get_by_role("button", name="Verwijzing opslaan"))

    # refused: the parents with gezag are missing; nothing typed is lost, nothing is saved
    assert "een ouder met gezag" in main_text(page)
    assert page.input_value("textarea[name=reason]") == reason
    assert page.input_value("textarea[name=question]") == question
    assert page.input_value("textarea[name=shared_information]") == shared
    assert page.is_checked("input[name=new_consent_by_pupil]")
    assert page.locator("select[name=destination] option:checked").inner_text() == (
        "Altrecht Jeugd"
    )
    assert not case.referrals.exists() and not case.pupil.consents.exists()
    checks.page_ok("referral form: refused")

    page.fill("input[name=new_guardian_name]", f"Vader {last}")
    page.select_option("select[name=new_guardian_relation]", "vader")
    follow(page, page.get_by_role("button", name="Verwijzing opslaan"))
    assert "De verwijzing naar Altrecht Jeugd is vastgelegd." in flash(page)
    assert case.referrals.get().reason == reason
