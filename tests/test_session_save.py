"""The database connection dies between the view and the session save at the end of the request
(a database restart or failover; CONN_MAX_AGE keeps a connection for a minute, and its health
is checked only as a request starts).

The save is tried once more on a new connection; when the database stays away, the page says
so (503), instead of Django's "the session was deleted" (400).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.app_role import owner_cursor

pytestmark = pytest.mark.django_db(transaction=True)

PROBE = "smw_test_probe"


def terminate_own_backend() -> None:
    """End this thread's database connection from another one, as a restart of the server
    would: the connection object does not know until it is next used."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    other = connection.copy()
    try:
        # As the owner: the app role may not end a backend of the role it logged in as.
        with owner_cursor(other) as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()


class TerminateAfterView:
    """Listed just inside SessionMiddleware: runs after the view, before the session save.
    Notes something in the session first, so the test can see whether the save happened."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        request.session[PROBE] = "saved"
        terminate_own_backend()
        return response


@pytest.fixture
def terminating(settings):
    middleware = list(settings.MIDDLEWARE)
    index = middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    middleware.insert(index + 1, f"{__name__}.TerminateAfterView")
    settings.MIDDLEWARE = middleware


@pytest.fixture
def worker_client():
    client = Client(raise_request_exception=False)
    client.force_login(factories.create_worker(schools=[factories.create_school()]))
    return client


def saved_session(client: Client) -> dict:
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    return Session.objects.get(session_key=key).get_decoded()


def test_session_is_saved_on_a_new_connection_when_the_old_one_died(terminating, worker_client):
    response = worker_client.get(reverse("cases:caseload"))

    assert response.status_code == 200
    assert saved_session(worker_client)[PROBE] == "saved"


def test_a_database_that_stays_away_is_told_as_such(terminating, worker_client, monkeypatch):
    def refusing_connect(*args, **kwargs):
        raise OperationalError("connection refused")

    # The request runs on the open connection; the save's retry finds the database away.
    monkeypatch.setattr(connection, "get_new_connection", refusing_connect)

    response = worker_client.get(reverse("cases:caseload"))

    assert response.status_code == 503
    assert "De database was even niet bereikbaar" in response.content.decode()
