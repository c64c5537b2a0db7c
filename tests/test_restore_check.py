"""The restore check (`make restore-check`) on the test database: dump, restore into a new
database, compare. It runs against whichever server the suite uses: DATABASE_URL's or the
embedded one, with the pg_dump of that server's version."""

from __future__ import annotations

import pytest
from django.db import connection

from audit.models import AccessLog
from smw.restore_check import RestoreCheckFailed, check_restore
from tests import factories
from tests.app_role import owner_cursor

pytestmark = pytest.mark.django_db(transaction=True)


def restored_databases() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE '%restore_check'")
        return [name for (name,) in cursor.fetchall()]


@pytest.fixture
def some_data():
    case = factories.create_case()
    AccessLog.objects.create(
        user=case.caseworker or factories.create_user(), action=AccessLog.Action.VIEW
    )


def test_a_restored_dump_has_every_row_the_migrations_and_the_append_only_log(some_data):
    lines = check_restore()

    assert "the same after the restore" in lines[0]
    assert not lines[0].startswith("0 tables")
    assert restored_databases() == []


def test_a_restore_without_the_append_only_trigger_fails(some_data):
    # The trigger as a restore without it would have it: gone. Put back whatever happens.
    with owner_cursor(connection) as cursor:
        cursor.execute("ALTER TABLE audit_accesslog DISABLE TRIGGER audit_accesslog_append_only")
    try:
        with pytest.raises(RestoreCheckFailed, match="audit_accesslog_append_only"):
            check_restore()
    finally:
        with owner_cursor(connection) as cursor:
            cursor.execute("ALTER TABLE audit_accesslog ENABLE TRIGGER audit_accesslog_append_only")
    assert restored_databases() == []


def test_an_empty_access_log_is_tried_with_a_row_of_the_checks_own():
    lines = check_restore()

    assert "UPDATE and DELETE refused" in lines[2]
    assert not AccessLog.objects.exists()
