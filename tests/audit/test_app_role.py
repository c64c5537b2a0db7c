"""The app role (the web processes and workers in production) reads and writes rows, may only add
to the access log, and cannot step around it: no DDL, no trigger switched off, no row removed.

The tests act as the run's app role when DATABASE_APP_ROLE names one (`.ci/run`), and otherwise
as a throwaway role granted by the same command, gone with the test's rollback: either way they
prove what `grant_app_role` grants.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import post_migrate

from audit.log import Action, note, request_log
from audit.models import AccessLog
from audit.privileges import APPEND_ONLY_TABLES, excess_privileges
from schools.models import School
from tests import factories
from tests.app_role import APP_ROLE

# The event bits of pg_trigger.tgtype (PostgreSQL's catalog/pg_trigger.h).
DELETE, UPDATE, TRUNCATE = 1 << 3, 1 << 4, 1 << 5
DOCS = Path(__file__).resolve().parents[2] / "docs" / "operations.md"


def record_access(request, action, *, obj=None, pupil_id=None, description=""):
    """What one request noted, written as its middleware would."""
    with request_log(request):
        note(action, [pupil_id], obj=obj, description=description)


def _sql(statement: str, params=None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def _refused(statement: str) -> str:
    # A savepoint: the refused statement rolls back to it, the test's transaction stays usable.
    with pytest.raises(DatabaseError) as refused, transaction.atomic():
        _sql(statement)
    return str(refused.value)


def _may(role: str, privilege: str, table: str) -> bool:
    return _sql("SELECT has_table_privilege(%s, %s, %s)", [role, table, privilege])[0][0]


def _new_role() -> str:
    """A role of the cluster, created in the test's transaction: its rollback removes it."""
    role = f"smw_app_test_{uuid.uuid4().hex[:8]}"
    _sql(f"CREATE ROLE {role} NOLOGIN")
    return role


@pytest.fixture
def app_role(db) -> str:
    """The connection acts as the restricted app role from here to the end of the test."""
    if APP_ROLE:
        assert _sql("SELECT current_user") == [(APP_ROLE,)]
        return APP_ROLE
    role = _new_role()
    call_command("grant_app_role", role, verbosity=0)
    _sql(f"SET ROLE {role}")
    return role


@pytest.fixture
def log_row(rf, db) -> AccessLog:
    request = rf.get("/dossiers/1/", REMOTE_ADDR="192.0.2.50")
    request.user = factories.create_user()
    record_access(request, Action.VIEW, pupil_id=4711)
    return AccessLog.objects.get()


@pytest.mark.parametrize(
    "statement",
    [
        "ALTER TABLE audit_accesslog DISABLE TRIGGER ALL",
        "ALTER TABLE audit_accesslog DISABLE TRIGGER USER",
        "ALTER TABLE audit_accesslog DISABLE TRIGGER audit_accesslog_append_only",
        "DROP TRIGGER audit_accesslog_append_only ON audit_accesslog",
        "DROP FUNCTION audit_accesslog_append_only() CASCADE",
        "SET session_replication_role = replica",
    ],
)
def test_app_role_cannot_switch_off_the_access_log_triggers(app_role, statement):
    message = _refused(statement)
    assert "must be owner" in message or "permission denied" in message


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_accesslog SET pupil_ids = '{1}'",
        "DELETE FROM audit_accesslog",
        "TRUNCATE audit_accesslog",
        "TRUNCATE accounts_user CASCADE",
    ],
)
def test_app_role_cannot_change_or_remove_log_rows(log_row, app_role, statement):
    assert "permission denied" in _refused(statement)
    assert AccessLog.objects.get(pk=log_row.pk).pupil_ids == [4711]


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE smw_extra (id integer)",
        "DROP TABLE audit_accesslog",
        "DROP TABLE schools_school CASCADE",
        "ALTER TABLE schools_school ADD COLUMN extra integer",
        "CREATE TRIGGER extra BEFORE INSERT ON audit_accesslog "
        "FOR EACH ROW EXECUTE FUNCTION audit_accesslog_append_only()",
    ],
)
def test_app_role_cannot_create_drop_or_alter_tables(app_role, statement):
    message = _refused(statement)
    assert "must be owner" in message or "permission denied" in message


def test_app_role_adds_and_reads_log_rows(rf, app_role):
    request = rf.get("/dossiers/2/", REMOTE_ADDR="192.0.2.51")
    request.user = factories.create_user()
    record_access(request, Action.EXPORT, pupil_id=42)
    assert AccessLog.objects.get().pupil_ids == [42]


def test_app_role_reads_and_writes_an_ordinary_table(app_role):
    school = factories.create_school(name="Rolschool")
    School.objects.filter(pk=school.pk).update(name="Rolschool Noord")
    assert School.objects.get(pk=school.pk).name == "Rolschool Noord"
    school.delete()
    assert not School.objects.filter(pk=school.pk).exists()


def test_app_role_has_nothing_beyond_its_share(app_role):
    assert excess_privileges(app_role) == []


def test_grant_takes_back_what_was_granted_by_hand(as_owner):
    role = _new_role()
    _sql(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}")
    _sql(f"GRANT CREATE ON SCHEMA public TO {role}")
    assert excess_privileges(role) != []

    call_command("grant_app_role", role, verbosity=0)
    call_command("grant_app_role", role, verbosity=0)  # idempotent

    assert excess_privileges(role) == []
    privileges = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "TRIGGER"]
    granted = {
        table: [privilege for privilege in privileges if _may(role, privilege, table)]
        for table in ["audit_accesslog", "cases_case"]
    }
    assert granted == {
        "audit_accesslog": ["SELECT", "INSERT"],
        "cases_case": ["SELECT", "INSERT", "UPDATE", "DELETE"],
    }


def test_grant_refuses_a_missing_role_the_owner_and_a_member_of_an_owner(as_owner):
    owner = _sql("SELECT current_user")[0][0]
    member = _new_role()
    _sql(f"GRANT {owner} TO {member}")
    for role, reason in [
        ("smw_no_such_role", "does not exist"),
        (owner, "cannot be the app role"),
        (member, "owns accounts_"),
    ]:
        with pytest.raises(CommandError, match=reason):
            call_command("grant_app_role", role, verbosity=0)


def test_migrate_grants_the_app_role_of_database_app_role(as_owner, settings):
    role = _new_role()
    settings.DATABASE_APP_ROLE = role
    audit = apps.get_app_config("audit")
    post_migrate.send(
        sender=audit, app_config=audit, verbosity=0, interactive=False, using="default", apps=apps
    )
    assert _may(role, "UPDATE", "cases_case")
    assert excess_privileges(role) == []


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_an_append_only_table_has_triggers_against_update_delete_and_truncate(db, table):
    kinds = _sql(
        "SELECT bit_or(tgtype::int) FROM pg_trigger WHERE tgrelid = %s::regclass "
        "AND NOT tgisinternal AND tgenabled = 'O'",
        [table],
    )[0][0]
    assert kinds & (DELETE | UPDATE | TRUNCATE) == DELETE | UPDATE | TRUNCATE


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_the_operations_guide_names_every_append_only_table(table):
    assert f"`{table}`" in DOCS.read_text()
