"""Each demo login lands on its own start page, without console errors and without serious
accessibility problems; pages of other roles answer 404."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from schools.models import School

from .accessibility import assert_accessible

# Django's own message for a wrong username or password, in Dutch
WRONG_PASSWORD = (
    "Voer een juiste gebruikersnaam en wachtwoord in. "
    "Let op dat beide velden hoofdlettergevoelig zijn."
)
# demo user -> the path of the start page "/" sends them to
START_PAGES = {
    "smw": "/scholen/",
    "smw2": "/scholen/",
    "zc": "/scholen/mijn-school/",
    "zc2": "/scholen/mijn-school/",
    "teamleider": "/accounts/team/",
    "gemeente": "/scholen/gemeente/",
    "beheer": "/accounts/manage/",
    "privacy": "/privacy/",
    "aandacht": "/meldcode/",
}


def test_login_page_is_accessible(page, server):
    page.goto(f"{server}/accounts/login/")
    assert page.locator("h1").count() == 1
    assert page.locator("label[for=id_username]").count() == 1
    assert page.locator("label[for=id_password]").count() == 1
    assert_accessible(page)
    assert page.console_log.errors == []


@pytest.mark.parametrize("username", START_PAGES)
def test_demo_user_lands_on_start_page(page, login, server, username):
    login(username)
    assert page.url == f"{server}{START_PAGES[username]}"
    assert page.locator("main h1").count() == 1
    assert page.locator("main h1").inner_text().strip()
    # stylesheets and scripts arrive: Bootstrap's CSS applied, its JS loaded under the CSP
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
    assert page.evaluate("typeof window.bootstrap") == "object"
    assert_accessible(page)
    assert page.console_log.errors == []


def test_worker_opening_the_manage_page_gets_404(page, login, server):
    login("smw")
    response = page.goto(f"{server}/accounts/manage/")
    assert response.status == 404
    assert page.locator("main h1").inner_text() == "Niet gevonden"
    assert_accessible(page)


def test_worker_opening_a_colleagues_school_gets_404(page, login, server):
    colleagues_school = School.objects.get(name="CBS Het Kompas")
    login("smw")
    start_page = page.locator("main").inner_text()
    assert "OBS De Regenboog" in start_page
    assert "CBS Het Kompas" not in start_page
    response = page.goto(f"{server}/scholen/{colleagues_school.pk}/")
    assert response.status == 404
    assert "CBS Het Kompas" not in page.content()


def test_worker_opens_own_school_from_start_page(page, login, server):
    login("smw")
    page.locator("main").get_by_role("link", name="OBS De Regenboog").first.click()
    assert re.fullmatch(rf"{re.escape(server)}/scholen/\d+/", page.url)
    assert page.locator("main h1").inner_text() == "OBS De Regenboog"
    assert_accessible(page)
    assert page.console_log.errors == []


def test_wrong_password_shows_error_in_form(page, login, server):
    login("smw", password="not-the-password")
    assert page.url.startswith(f"{server}/accounts/login/")
    form = page.locator("main form:has(input[name=password])")
    expect(form.get_by_text(WRONG_PASSWORD)).to_be_visible()
    expect(form.locator("input[name=username]")).to_have_value("smw")
    expect(form.locator("input[name=password]")).to_have_value("")
    assert_accessible(page)
    page.goto(f"{server}/")  # still signed out
    assert page.url.startswith(f"{server}/accounts/login/")


# demo user -> (the start page's role, whether the demo has work waiting for them)
TODAY_PAGES = ["smw", "zc", "teamleider", "gemeente", "beheer"]


@pytest.mark.parametrize("username", TODAY_PAGES)
def test_the_start_page_leads_to_the_days_work(page, login, server, username):
    login(username)
    today = page.locator("section[aria-labelledby=h-today]")
    expect(today).to_be_visible()
    items = today.locator("[data-today]")
    assert items.count() >= 1  # the work waiting, or the word that all is done
    assert_accessible(page)
    assert page.console_log.errors == []
    # every item is one click from where it is done
    links = [link.get_attribute("href") for link in today.locator("a").all()[:6]]
    # one page load per page linked to (links to parts of one page share it)
    for href in dict.fromkeys(href.split("#")[0] for href in links):
        url = f"{server}{href}" if href.startswith("/") else href
        if "/download/" in href:  # a file to download (a report): no page to load
            assert page.request.get(url).status == 200, href
            continue
        response = page.goto(url)
        assert response.status == 200, href
        assert page.console_log.errors == []


def test_the_worker_sees_the_most_urgent_work_first(page, login, server):
    login("smw")
    keys = page.locator("section[aria-labelledby=h-today] [data-today]").evaluate_all(
        "items => items.map(item => item.dataset.today)"
    )
    assert keys and keys != ["empty"]
    late = page.locator("section[aria-labelledby=h-today] li.border-danger")
    if late.count():
        first = page.locator("section[aria-labelledby=h-today] li[data-today]").first
        assert "border-danger" in first.get_attribute("class")
