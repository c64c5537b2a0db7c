"""A worker types a long intake and the session ends: the page warned a few minutes before
(with "Blijf ingelogd"), and after signing in again the typed text is back in the form.

The live server runs in this process, so a test shortens the session with override_settings;
the times are seconds here, minutes in production."""

from __future__ import annotations

import datetime

from django.test.utils import override_settings

from .journey import open_case_in_intake, submit

SCHOOL = "OBS De Regenboog"
DEMO_PASSWORD = "smw-demo-2026"
FOCUSED = "document.activeElement"
TYPED = (
    "Vertelt dat het thuis onrustig is sinds de verhuizing; slaapt slecht en komt moe op "
    "school. Wil graag wekelijks met iemand praten, liefst niet in de klas."
)


def test_the_page_warns_before_the_session_ends_and_the_intake_survives_it(
    page, login, server, checks, unique_name
):
    first, last = unique_name("Sem")
    case = open_case_in_intake(
        worker="smw", school=SCHOOL, first=first, last=last, born=datetime.date(2015, 3, 2)
    )
    intake_url = f"{server}/dossiers/{case.pk}/intake/"
    with override_settings(SESSION_COOKIE_AGE=8, SESSION_WARNING_SECONDS=5):
        login("smw")
        page.goto(intake_url)
        checks.page_ok()
        page.fill("textarea[name=signals]", TYPED)

        # About 3 seconds after the page, 5 before the end: the warning, its button focused.
        warning = page.get_by_role("alertdialog", name="Je sessie")
        warning.wait_for(state="visible", timeout=8_000)
        assert "omdat je een tijd niets hebt opgeslagen of geopend" in warning.inner_text()
        stay = warning.get_by_role("button", name="Blijf ingelogd")
        assert page.evaluate(f"{FOCUSED}.textContent.trim()") == "Blijf ingelogd"
        checks.page_ok("intake with the session warning")

        # "Blijf ingelogd" extends the session; the person is back where they typed.
        with page.expect_response(lambda r: r.url.endswith("/accounts/sessie/verlengen/")) as r:
            stay.click()
        assert r.value.status == 204
        assert warning.is_hidden()
        assert page.evaluate(f"{FOCUSED}.name") == "signals"

        # Then nothing for 8 seconds: the warning again, and the end.
        warning.wait_for(state="visible", timeout=8_000)
        page.get_by_text("Je sessie is verlopen").wait_for(timeout=8_000)
        assert stay.is_hidden()  # nothing to extend any more
        page.wait_for_timeout(500)

        submit(page, "Opslaan")
        assert page.url.startswith(f"{server}/accounts/login/")
        assert "je tekst is bewaard" in page.locator("main").inner_text()
        page.fill("input[name=username]", "smw")
        page.fill("input[name=password]", DEMO_PASSWORD)
        with page.expect_navigation():
            page.click("form:has(input[name=password]) button[type=submit]")

    assert page.url == intake_url
    assert page.input_value("textarea[name=signals]") == TYPED
    assert "Controleer en sla opnieuw op." in page.locator("main .messages").inner_text()
    checks.page_ok("intake with the kept text")

    submit(page, "Opslaan")
    assert page.url == f"{server}/dossiers/{case.pk}/"
    assert "De intake is opgeslagen." in page.locator("main .messages").inner_text()


def test_before_the_maximum_the_warning_asks_to_save_now(page, login):
    with override_settings(SESSION_MAX_SECONDS=8, SESSION_WARNING_SECONDS=6):
        login("smw")
        warning = page.get_by_role("alertdialog", name="Je sessie")
        warning.wait_for(state="visible", timeout=8_000)
        assert "ook als je actief bent" in warning.inner_text()
        assert "Sla je werk nu op" in warning.inner_text()
        # Staying signed in cannot help here.
        assert warning.get_by_role("button", name="Blijf ingelogd").is_hidden()
        assert page.evaluate(f"{FOCUSED}.textContent.trim()") == "Sluiten"
        page.keyboard.press("Escape")
        assert warning.is_hidden()
        assert page.console_log.errors == []
