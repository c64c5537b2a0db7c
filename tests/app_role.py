"""The suite's database roles, as production has them (docs/operations.md).

The owner creates and migrates the test database. With DATABASE_APP_ROLE set (`.ci/run` sets
smw_app), every connection after that acts as the restricted app role: it still logs in as the
owner but starts with `-c role=…`, so PostgreSQL checks the app role's privileges for everything
the tests, the live server and the Celery worker do. Only the flush that empties the database
after a transactional test steps back to the owner (`SET ROLE NONE`), as it must: it TRUNCATEs.
Without DATABASE_APP_ROLE (`make test` on the embedded PostgreSQL) everything runs as the owner.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command
from django.db import connections, transaction

from audit.privileges import append_only_suspended

APP_ROLE: str = settings.DATABASE_APP_ROLE


@contextmanager
def acting_as_app_role() -> Iterator[None]:
    """Grant the app role its privileges on the test database, then make every new connection act
    as it until the block ends (the owner drops the database afterwards)."""
    if not APP_ROLE:
        yield
        return
    call_command("grant_app_role", APP_ROLE, verbosity=0)
    options = connections["default"].settings_dict.setdefault("OPTIONS", {})
    before = options.get("options")
    # The settings' dict itself: the Celery worker's DATABASE_URL is built from it.
    options["options"] = f"{before or ''} -c role={APP_ROLE}".strip()
    connections.close_all()
    try:
        yield
    finally:
        if before is None:
            del options["options"]
        else:
            options["options"] = before
        connections.close_all()


@contextmanager
def owner_cursor(connection) -> Iterator:
    """A cursor of `connection` acting as the owner for the block (ALTER TABLE, ending another
    backend), then as the app role again; harmless when the run has one role."""
    with connection.cursor() as cursor:
        cursor.execute("SET ROLE NONE")
        try:
            yield cursor
        finally:
            cursor.execute("RESET ROLE")


def execute_sql_flush_as_owner(original):
    """Django's flush (after a transactional test, and after the browser tests) in one TRUNCATE,
    as the owner and with the append-only triggers suspended for it; then the app role again."""

    def execute_sql_flush(self, sql_list):
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute("SET ROLE NONE")
            with append_only_suspended(using=self.connection.alias):
                original(self, sql_list)
            cursor.execute("RESET ROLE")

    return execute_sql_flush
