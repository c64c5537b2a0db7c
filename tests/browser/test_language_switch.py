"""The language choice in the footer posts to /i18n/setlang/ and comes back to the same page."""

from __future__ import annotations


def switch_language(page, language: str) -> None:
    page.select_option("#language-select", language)
    with page.expect_navigation():
        page.locator("footer").get_by_role("button").click()


def test_signed_in_person_switches_language_and_stays_on_page(page, login, server):
    login("zc")
    for language in ["en", "nl"]:
        switch_language(page, language)
        assert page.url == f"{server}/scholen/mijn-school/"
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("#language-select").input_value() == language
        assert page.locator("main h1").count() == 1
    assert page.console_log.errors == []


def test_language_can_be_chosen_before_signing_in(page, server):
    page.goto(f"{server}/accounts/login/")
    switch_language(page, "en")
    assert page.url == f"{server}/accounts/login/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("input[name=username]").count() == 1
    assert page.console_log.errors == []
