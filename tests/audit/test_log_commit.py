"""The access log's rows of a request are written in one statement with its session save (one
round trip and one commit), or after it on their own when no session is saved (an error page) or
the save fails: never lost, never twice."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import DatabaseError, OperationalError, connection
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from django.utils import timezone

from audit.log import Action, note
from audit.models import AccessLog
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


def deletes_the_session_then_shows_pupils(request):
    # signed out elsewhere meanwhile: the session row is gone when the request ends
    Session.objects.filter(session_key=request.session.session_key).delete()
    note(Action.VIEW, PUPILS, description="list")
    return HttpResponse("ok")


def refuses(request):
    note(Action.REFUSED, [4713])
    return HttpResponse("not found", status=404)


# SMW's own pages too: the error pages link to them.
urlpatterns = [
    path("list/", shows_pupils),
    path("broken/", shows_pupils_then_fails),
    path("refused/", refuses),
    path("deleted/", deletes_the_session_then_shows_pupils),
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


def _nearly_expired(client) -> Session:
    """The client's session, set to expire in a minute (a save moves its expiry on)."""
    session = Session.objects.get(session_key=client.session.session_key)
    session.expire_date = timezone.now() + datetime.timedelta(minutes=1)
    Session.objects.filter(pk=session.pk).update(expire_date=session.expire_date)
    return session


def _combined(statements: Statements) -> list[str]:
    return [sql for sql, _ in statements.seen if 'INSERT INTO "audit_accesslog"' in sql]


def test_the_rows_and_the_session_update_are_one_statement(client):
    session = _nearly_expired(client)
    statements = Statements()
    with connection.execute_wrapper(statements):
        assert client.get("/list/").status_code == 200

    assert _rows() == [("view", PUPILS, "/list/")]
    (statement,) = _combined(statements)
    assert 'UPDATE "django_session"' in statement
    # the session is saved by it: no other update of the session, and its expiry moved on
    assert [sql for sql, _ in statements.seen if 'UPDATE "django_session"' in sql] == [statement]
    assert Session.objects.get(pk=session.pk).expire_date > session.expire_date


def test_the_session_is_updated_without_a_transaction_or_savepoint_of_its_own(client):
    # One statement is atomic by itself: a transaction (BEGIN, COMMIT) or Django's savepoint
    # around it would be round trips more on every request that shows a pupil.
    statements = Statements()
    with connection.execute_wrapper(statements):
        assert client.get("/list/").status_code == 200

    assert [block for sql, block in statements.seen if "audit_accesslog" in sql] == [None]
    assert [sql for sql, _ in statements.seen if "SAVEPOINT" in sql] == []


def test_a_refusal_is_written_with_the_session_too(client):
    statements = Statements()
    with connection.execute_wrapper(statements):
        assert client.get("/refused/").status_code == 404
    assert _rows() == [("refused", [4713], "/refused/")]
    (statement,) = _combined(statements)
    assert 'UPDATE "django_session"' in statement


def test_an_error_page_saves_no_session_and_the_rows_are_written_on_their_own(client):
    statements = Statements()
    with connection.execute_wrapper(statements):
        assert client.get("/broken/").status_code == 500

    assert _rows() == [("view", PUPILS, "/broken/")]
    assert [sql for sql, _ in statements.seen if 'UPDATE "django_session"' in sql] == []
    assert len(_combined(statements)) == 1


def _failing_combined(error: Exception):
    def wrapper(execute, sql, params, many, context):
        if sql.startswith("WITH written AS"):
            raise error
        return execute(sql, params, many, context)

    return wrapper


def test_a_failed_session_save_writes_the_rows_after_it_once(client):
    with connection.execute_wrapper(_failing_combined(DatabaseError("the session table is away"))):
        response = client.get("/list/")

    assert response.status_code == 500
    # neither written by the failed statement; then the rows on their own: once, nothing lost
    assert _rows() == [("view", PUPILS, "/list/")]


def test_a_connection_lost_under_the_save_saves_the_session_again_and_the_rows_once(client):
    session = _nearly_expired(client)
    with connection.execute_wrapper(_failing_combined(OperationalError("connection lost"))):
        response = client.get("/list/")

    assert response.status_code == 200
    assert Session.objects.get(pk=session.pk).expire_date > session.expire_date
    assert _rows() == [("view", PUPILS, "/list/")]


def test_a_session_deleted_meanwhile_still_leaves_the_rows(client):
    response = client.get("/deleted/")

    assert response.status_code == 400  # Django's "session interrupted"
    assert _rows() == [("view", PUPILS, "/deleted/")]
