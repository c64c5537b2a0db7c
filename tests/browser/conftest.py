"""End-to-end tests in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Every test here gets a live server on a freshly flushed database with the demo data, and a new
browser context (no cookies, no session) in one browser shared by the whole run.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse to
# touch the database from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "smw-demo-2026"


def pytest_collection_modifyitems(items):
    # Called with every collected item of the run, so keep to the ones in this folder.
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    # A missing browser is a broken test machine, not a reason to skip.
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: install Debian's Chromium "
            "(apt-get install chromium) to run the browser tests.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    # The live server serves static files from the finders (StaticFilesHandler); the production
    # manifest storage would need a collectstatic run first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def demo(transactional_db):
    """The demo data of `manage.py seed_demo`, committed so the live server thread sees it."""
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def server(live_server, demo) -> str:
    return live_server.url


class ConsoleLog:
    """Console errors and page errors (CSP violations are reported as console errors)."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _on_console(self, message):
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url', '')})")


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    context.set_default_timeout(5_000)
    page = context.new_page()
    page.console_log = ConsoleLog(page)
    yield page
    context.close()


@pytest.fixture
def login(page, server):
    """Sign in through the form, as a person would."""

    def _login(username: str, password: str = DEMO_PASSWORD):
        page.goto(f"{server}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.click("form:has(input[name=password]) button[type=submit]")
        return page

    return _login
