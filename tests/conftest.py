"""The cast: a small world that encodes DESIGN's who-sees-what table.

Two municipalities, two organisations, three schools:
  school_a and school_b in municipality "north"; school_c in "south".
"""

from __future__ import annotations

import atexit
import io
import shutil
import tempfile
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import override_settings

from accounts.models import User
from schools.models import Municipality, Organisation, School

from . import factories
from .app_role import acting_as_app_role, execute_sql_flush_as_owner


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The owner creates and migrates the test database; with DATABASE_APP_ROLE set, the tests
    then act as the app role (tests/app_role.py)."""
    with ExitStack() as app_role:
        with django_db_blocker.unblock():
            app_role.enter_context(acting_as_app_role())
        yield


@pytest.fixture(scope="session", autouse=True)
def _flush_as_owner():
    from django.db.backends.postgresql.operations import DatabaseOperations

    flush = execute_sql_flush_as_owner(DatabaseOperations.execute_sql_flush)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "execute_sql_flush", flush)
        yield


@pytest.fixture
def as_owner(db):
    """The schema's owner for one test, also when the run acts as the app role (the benchmark's
    seeder, the owner's side of the access log); the test's rollback undoes it."""
    with connection.cursor() as cursor:
        cursor.execute("SET ROLE NONE")


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # Argon2 is the production hasher (tested in test_security); tests need speed.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SMW_REQUIRE_2FA = False


@pytest.fixture(autouse=True)
def _tasks_in_process(request, monkeypatch):
    """Tasks run in-process in tests, broker or not; the end-to-end Celery test opts out."""
    if request.node.get_closest_marker("celery"):
        return
    from smw.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)


@dataclass
class Cast:
    north: Municipality
    south: Municipality
    organisation: Organisation
    other_organisation: Organisation
    school_a: School
    school_b: School
    school_c: School
    worker: User
    other_worker: User
    coordinator: User
    other_coordinator: User
    teamlead: User
    other_teamlead: User
    officer: User
    manager: User
    nobody: User
    privacy: User
    other_privacy: User
    safeguarding: User

    def by_name(self, name: str) -> User:
        return getattr(self, name)


PEOPLE = [
    "worker",
    "other_worker",
    "coordinator",
    "other_coordinator",
    "teamlead",
    "other_teamlead",
    "officer",
    "manager",
    "nobody",
    "privacy",
]


@pytest.fixture
def cast(db) -> Cast:
    north = factories.create_municipality(name="Noord")
    south = factories.create_municipality(name="Zuid")
    organisation = factories.create_organisation(name="SMW Noord")
    other_organisation = factories.create_organisation(name="SMW Elders")
    school_a = factories.create_school(name="School A", municipality=north)
    school_b = factories.create_school(name="School B", municipality=north, sector="VO")
    school_c = factories.create_school(name="School C", municipality=south)
    return Cast(
        north=north,
        south=south,
        organisation=organisation,
        other_organisation=other_organisation,
        school_a=school_a,
        school_b=school_b,
        school_c=school_c,
        # works at A and B this year: sees those schools, nothing of C
        worker=factories.create_worker(
            username="worker", organisation=organisation, schools=[school_a, school_b]
        ),
        # works at C for the other organisation: must see nothing of A or B
        other_worker=factories.create_worker(
            username="other_worker", organisation=other_organisation, schools=[school_c]
        ),
        # coordinator of A: sees A, never B or C
        coordinator=factories.create_coordinator(username="coordinator", school=school_a),
        # coordinator of C: the coordinator of another school sees nothing of A
        other_coordinator=factories.create_coordinator(
            username="other_coordinator", school=school_c
        ),
        # leads the organisation of `worker`: sees that worker's schools and hours
        teamlead=factories.create_teamlead(username="teamlead", organisation=organisation),
        # leads another organisation: sees nothing of `worker`
        other_teamlead=factories.create_teamlead(
            username="other_teamlead", organisation=other_organisation
        ),
        # officer of north: figures for A and B, never a pupil, nothing of C
        officer=factories.create_officer(username="officer", municipality=north),
        # application manager: master data, no case content
        manager=factories.create_manager(username="manager"),
        # signed in but without any role: sees nothing
        nobody=factories.create_user(username="nobody"),
        # privacy officer of `organisation`: its access log, never case content
        privacy=factories.create_privacy_officer(username="privacy", organisation=organisation),
        # privacy officer of the other organisation: nothing of `organisation`'s log
        other_privacy=factories.create_privacy_officer(
            username="other_privacy", organisation=other_organisation
        ),
        # aandachtsfunctionaris meldcode of `organisation`
        safeguarding=factories.create_safeguarding_officer(
            username="safeguarding", organisation=organisation
        ),
    )


def pytest_configure(config):
    # WhiteNoise looks for STATIC_ROOT at start-up; the tests serve static files from the
    # apps' folders, so an empty directory is enough to keep it quiet.
    from django.conf import settings

    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    # Files the tests store (the demo's documents, reports) go to a folder of this run, never to
    # var/media; tests that look at the files set their own.
    media = Path(tempfile.mkdtemp(prefix="smw-test-media-"))
    settings.MEDIA_ROOT = media
    atexit.register(shutil.rmtree, media, ignore_errors=True)


@contextmanager
def demo_seeded(django_db_blocker):
    """`manage.py seed_demo` once, for a module-scoped fixture: inside a transaction that is
    rolled back when the `with` ends (tests within use savepoints of it)."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        tempfile.TemporaryDirectory(prefix="smw-demo-media-") as media,
        django_db_blocker.unblock(),
        # the demo's files (a dossier export) go where the rollback's end removes them too
        override_settings(PASSWORD_HASHERS=fast, MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
