"""End-to-end tests in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The demo data of `manage.py seed_demo` is loaded ONCE for this folder, committed in the test
database, and served by ONE live server thread; every test gets a new browser context (no
cookies, no session) in one browser shared by the whole run. Tests therefore must not depend on
each other's writes: a journey creates its own pupil with a unique name (`unique_name`).

Because the data stays committed while the folder runs, the browser tests run in their own
pytest invocation (`make test` runs `pytest -m "not browser"` and then `pytest -m browser
tests/browser`); the database is flushed when the folder is done all the same.
"""

from __future__ import annotations

import contextlib
import io
import os
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

from tests.app_role import acting_as_app_role

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
# The live server serves static files from the finders (StaticFilesHandler); the production
# manifest storage would need a collectstatic run first.
PLAIN_STATIC_STORAGE = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# The same fast hasher as tests/conftest.py's per-test `_fast_hashing`, so the demo passwords
# hashed once here still verify in every test.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The database named in the settings before any test database exists (conftests are imported
# during collection, before the first test): the test database must never be this one.
CONFIGURED_DATABASE_NAME = settings.DATABASES["default"]["NAME"]


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


@pytest.fixture(scope="package")
def demo_server(
    django_db_blocker, django_db_keepdb, django_db_modify_db_settings, tmp_path_factory
):
    """Seed the demo once, start one live server for the folder; leave the database as found."""
    from pytest_django.live_server_helper import LiveServer

    storages = {**settings.STORAGES, "staticfiles": PLAIN_STATIC_STORAGE}
    overrides = override_settings(
        STORAGES=storages,
        PASSWORD_HASHERS=FAST_HASHERS,
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),  # report PDFs made by the journeys
    )
    overrides.enable()
    try:
        with django_db_blocker.unblock(), _test_database(keepdb=django_db_keepdb) as owned:
            call_command("seed_demo", stdout=io.StringIO())
            server = LiveServer(os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
            server._live_server_modified_settings.enable()
            try:
                yield server
            finally:
                server._live_server_modified_settings.disable()
                server.stop()
                if not owned or django_db_keepdb:
                    # Leave a shared or kept test database as transactional tests do: empty.
                    call_command("flush", interactive=False, verbosity=0)
    finally:
        overrides.disable()


@contextlib.contextmanager
def _test_database(*, keepdb: bool):
    """The test database. pytest-django only creates one when a collected test asks for `db`,
    `transactional_db` or `live_server`; these tests ask for none of them (they would flush the
    database after every test), so create it here unless another test of the run already did.
    Yields whether it was created here."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    if connection.settings_dict["NAME"] != CONFIGURED_DATABASE_NAME:
        yield False  # pytest-django set it up for other tests of this run
        return
    old_config = setup_databases(verbosity=0, interactive=False, aliases={"default"}, keepdb=keepdb)
    try:
        with acting_as_app_role():  # as tests/conftest.py's django_db_setup
            yield True
    finally:
        if not keepdb:
            teardown_databases(old_config, verbosity=0)


@pytest.fixture
def server(demo_server, django_db_blocker) -> str:
    """The live server's address. The database is open for the test and the server thread;
    writes are committed at once (autocommit), so the server sees what a test creates."""
    with django_db_blocker.unblock():
        yield demo_server.url


@pytest.fixture
def unique_name():
    """A pupil's first and last name no other test (or earlier run) uses:
    unique_name("Lotte") -> ("Lotte", "Test 1a2b3c4d")."""

    def _unique_name(first: str = "Journey") -> tuple[str, str]:
        return first, f"Test {uuid.uuid4().hex[:8]}"

    return _unique_name


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
def checks(page):
    """Per test: axe-scan each distinct page once, and no console errors at any page."""
    from .journey import Checks

    return Checks(page)


@pytest.fixture
def login(page, server):
    """Sign in through the form, as a person would."""

    def _login(username: str, password: str = DEMO_PASSWORD):
        page.context.clear_cookies()  # a journey hands over from one person to the next
        page.goto(f"{server}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.click("form:has(input[name=password]) button[type=submit]")
        return page

    return _login
