"""The access log records who saw what, and nobody can rewrite or remove a row afterwards."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from audit.log import Action, note, request_log
from audit.models import AccessLog
from tests import factories


def record_access(request, action, *, obj=None, pupil_id=None, description=""):
    """What one request noted, written as its middleware would."""
    with request_log(request):
        note(action, [pupil_id], obj=obj, description=description)


@pytest.fixture
def entry(rf, db) -> AccessLog:
    request = rf.get("/scholen/7/?tab=leerlingen", REMOTE_ADDR="192.0.2.44")
    request.user = factories.create_user(username="j.devries")
    record_access(
        request, Action.VIEW, obj=factories.create_school(), pupil_id=4711, description="dossier"
    )
    return AccessLog.objects.get()


def test_a_request_writes_who_what_which_pupil_and_from_where(rf, db):
    school = factories.create_school()
    user = factories.create_user(username="j.devries")
    request = rf.get("/scholen/7/?tab=leerlingen", REMOTE_ADDR="192.0.2.44")
    request.user = user

    record_access(request, Action.EXPORT, obj=school, pupil_id=4711, description="dossier")

    row = AccessLog.objects.get()
    assert row.user == user
    assert row.action == "export"
    assert row.object_ref == f"schools.school:{school.pk}"
    assert row.pupil_ids == [4711]
    assert row.description == "dossier"
    assert row.path == "/scholen/7/?tab=leerlingen"
    assert row.ip_address == "192.0.2.44"
    assert row.at is not None


def test_a_request_without_object_or_pupil(rf, db):
    request = rf.get("/rapportage/", REMOTE_ADDR="192.0.2.45")
    request.user = factories.create_user()
    record_access(request, Action.PRINT)
    row = AccessLog.objects.get()
    assert (row.object_ref, row.pupil_ids, row.action) == ("", [], "print")


# The trigger refuses the owner too; the app role is refused before it (test_app_role.py).


def _refused(operation) -> str:
    # The inner atomic block is a savepoint: the refused statement rolls back to it and the
    # test's own transaction stays usable.
    with pytest.raises(DatabaseError) as refused, transaction.atomic():
        operation()
    return str(refused.value)


def test_queryset_update_is_refused(entry, as_owner):
    message = _refused(lambda: AccessLog.objects.filter(pk=entry.pk).update(pupil_ids=[1]))
    assert "append-only" in message
    assert AccessLog.objects.get(pk=entry.pk).pupil_ids == [4711]


def test_saving_a_changed_row_is_refused(entry, as_owner):
    entry.description = "nothing to see"
    message = _refused(entry.save)
    assert "append-only" in message
    assert AccessLog.objects.get(pk=entry.pk).description == "dossier"


def test_deleting_a_row_is_refused(entry, as_owner):
    message = _refused(entry.delete)
    assert "append-only" in message
    assert AccessLog.objects.filter(pk=entry.pk).exists()


def test_queryset_delete_is_refused(entry, as_owner):
    message = _refused(AccessLog.objects.all().delete)
    assert "append-only" in message
    assert AccessLog.objects.filter(pk=entry.pk).exists()


def test_rows_can_still_be_added_after_a_refusal(rf, entry, as_owner):
    _refused(AccessLog.objects.all().delete)
    request = rf.get("/scholen/", REMOTE_ADDR="192.0.2.46")
    request.user = entry.user
    record_access(request, Action.VIEW)
    assert AccessLog.objects.count() == 2


@pytest.mark.parametrize(
    "statement", ["TRUNCATE audit_accesslog", "TRUNCATE accounts_user CASCADE"]
)
def test_truncate_is_refused_even_for_the_owner(entry, as_owner, statement):
    def truncate():
        with connection.cursor() as cursor:
            # The row's deferred foreign-key check first: TRUNCATE refuses pending trigger events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(statement)

    message = _refused(truncate)
    assert "append-only: TRUNCATE refused" in message
    assert AccessLog.objects.filter(pk=entry.pk).exists()
