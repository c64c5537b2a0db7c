"""The access log's rows of a request are written in the transaction of its session save (one
commit instead of two), or after it in their own when no session is saved (an error page) or the
save fails: never lost, never twice."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends import db as session_db
from django.contrib.sessions.backends.base import UpdateError
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from audit.log import Action, note
from audit.models import AccessLog
from smw import session_store
from smw import urls as smw_urls
from tests import factories

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.urls(__name__)]

PUPILS = [4711, 4712]


def shows_pupils(request):
    note(Action.VIEW, PUPILS, description="list")
    return HttpResponse("ok")


def shows_pupils_then_fails(request):
    note(Action.VIEW, PUPILS, description="list")
    raise RuntimeError("the page broke after reading")


def refuses(request):
    note(Action.REFUSED, [4713])
    return HttpResponse("not found", status=404)


# SMW's own pages too: the error pages link to them.
urlpatterns = [
    path("list/", shows_pupils),
    path("broken/", shows_pupils_then_fails),
    path("refused/", refuses),
    *smw_urls.urlpatterns,
]
handler500 = smw_urls.handler500


@pytest.fixture
def client():
    client = Client(raise_request_exception=False)
    client.force_login(factories.create_user(username="reader"))
    return client


class Statements:
    """Each statement on the connection with the transaction it ran in: the outermost atomic
    block (None in autocommit)."""

    def __init__(self):
        self.seen: list[tuple[str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        outermost = connection.atomic_blocks[0] if connection.atomic_blocks else None
        self.seen.append((sql, outermost))
        return execute(sql, params, many, context)

    def transaction_of(self, table_words: str) -> list[object]:
        return [block for sql, block in self.seen if table_words in sql]


def _rows() -> list[tuple]:
    return list(AccessLog.objects.order_by("pk").values_list("action", "pupil_ids", "path"))


def test_the_rows_are_written_in_the_session_save_s_transaction(client):
    statements = Statements()
    with connection.execute_wrapper(statements):
        assert client.get("/list/").status_code == 200

    assert _rows() == [("view", PUPILS, "/list/")]
    (log_block,) = statements.transaction_of('INSERT INTO "audit_accesslog"')
    (session_block,) = statements.transaction_of('UPDATE "django_session"')
    assert log_block is not None
    assert log_block is session_block


def test_the_session_is_updated_without_a_savepoint_of_its_own(client):
    # Django's session save opens an atomic block of its own: inside the log's transaction that
    # would be a savepoint, two more round trips on every request that shows a pupil.
    statements = Statements()
    with connection.execute_wrapper(statements):
        assert client.get("/list/").status_code == 200

    assert statements.transaction_of('UPDATE "django_session"')
    assert [sql for sql, _ in statements.seen if "SAVEPOINT" in sql] == []


def test_a_refusal_is_written_with_the_session_too(client):
    statements = Statements()
    with connection.execute_wrapper(statements):
        assert client.get("/refused/").status_code == 404
    assert _rows() == [("refused", [4713], "/refused/")]
    (log_block,) = statements.transaction_of('INSERT INTO "audit_accesslog"')
    assert log_block is statements.transaction_of('UPDATE "django_session"')[0]


def test_an_error_page_saves_no_session_and_the_rows_are_written_on_their_own(client):
    statements = Statements()
    with connection.execute_wrapper(statements):
        assert client.get("/broken/").status_code == 500

    assert _rows() == [("view", PUPILS, "/broken/")]
    assert statements.transaction_of('UPDATE "django_session"') == []
    assert len(statements.transaction_of('INSERT INTO "audit_accesslog"')) == 1


def test_a_failed_session_save_rolls_the_rows_back_and_they_are_written_after_it(
    client, monkeypatch
):
    original = session_store.SessionStore._update_in_transaction
    calls = []

    def failing_once(self):
        calls.append(connection.in_atomic_block)
        if len(calls) == 1:
            # the rows are inserted in this transaction already: the failure rolls them back
            assert AccessLog.objects.filter(path="/list/").exists()
            raise OSError("the session table is away")
        return original(self)

    monkeypatch.setattr(session_store.SessionStore, "_update_in_transaction", failing_once)
    response = client.get("/list/")

    assert response.status_code == 500
    assert calls == [True]
    # rolled back with the session, then written on their own: once, nothing lost
    assert _rows() == [("view", PUPILS, "/list/")]


def test_a_session_deleted_meanwhile_still_leaves_the_rows(client, monkeypatch):
    def deleted(self, must_create=False):
        raise UpdateError

    monkeypatch.setattr(session_db.SessionStore, "save", deleted)
    monkeypatch.setattr(session_store.SessionStore, "_update_in_transaction", deleted)
    response = client.get("/list/")

    assert response.status_code == 400  # Django's "session interrupted"
    assert _rows() == [("view", PUPILS, "/list/")]
