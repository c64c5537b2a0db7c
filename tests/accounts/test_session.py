"""A session ends after 30 minutes without activity; every request starts the 30 minutes again.
However active, it ends SESSION_MAX_SECONDS after signing in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

import smw.settings as smw_settings
from accounts import sessions
from tests import factories

THIRTY_MINUTES = timedelta(minutes=30)


@pytest.fixture
def signed_in(client, db):
    client.force_login(factories.create_worker(schools=[factories.create_school()]))
    return client


def _session_row(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def _time_passes(client, delta: timedelta) -> None:
    """Travel in time: move the stored expiry back as if `delta` went by without a request."""
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=F("expire_date") - delta
    )


def test_session_lasts_thirty_minutes():
    assert smw_settings.SESSION_COOKIE_AGE == 30 * 60
    assert smw_settings.SESSION_SAVE_EVERY_REQUEST is True


def test_a_request_stores_the_session_for_thirty_minutes(signed_in):
    before = timezone.now()
    assert signed_in.get(reverse("schools:mine")).status_code == 200
    expire_date = _session_row(signed_in).expire_date
    assert before + THIRTY_MINUTES <= expire_date <= timezone.now() + THIRTY_MINUTES


def test_idle_session_past_its_expiry_is_sent_to_login(signed_in):
    _time_passes(signed_in, timedelta(minutes=31))
    response = signed_in.get(reverse("schools:mine"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={reverse('schools:mine')}"


def test_session_idle_for_less_than_thirty_minutes_still_works(signed_in):
    _time_passes(signed_in, timedelta(minutes=29))
    assert signed_in.get(reverse("schools:mine")).status_code == 200


def test_activity_starts_the_thirty_minutes_again(signed_in):
    _time_passes(signed_in, timedelta(minutes=20))
    before = timezone.now()
    assert signed_in.get(reverse("schools:mine")).status_code == 200
    assert _session_row(signed_in).expire_date >= before + THIRTY_MINUTES

    # 40 minutes after signing in, but only 20 after the last request: still signed in.
    _time_passes(signed_in, timedelta(minutes=20))
    assert signed_in.get(reverse("schools:mine")).status_code == 200


# --- The maximum: SESSION_MAX_SECONDS after signing in, however active ------------------------


@pytest.fixture
def clock(monkeypatch):
    """The clock the session lifetime reads, moved on by hand; the idle limit keeps real time,
    so the requests in between keep the session active."""

    class Clock:
        at = timezone.now()

        def move(self, delta: timedelta) -> None:
            self.at += delta

    clock = Clock()
    monkeypatch.setattr(sessions, "now", lambda: clock.at)
    return clock


@pytest.fixture
def two_hours(settings):
    settings.SESSION_MAX_SECONDS = 2 * 60 * 60


def _sign_in_by_form(client, user, next_url: str):
    return client.post(
        f"{reverse('accounts:login')}?next={next_url}",
        {"username": user.username, "password": "x-test-password-1", "next": next_url},
    )


def test_a_sign_in_lasts_ten_hours_at_most():
    assert smw_settings.SESSION_MAX_SECONDS == 10 * 60 * 60


def test_signing_in_notes_the_time(client, db, clock):
    client.force_login(factories.create_worker(schools=[factories.create_school()]))
    assert client.session[sessions.SIGNED_IN_AT] == clock.at.timestamp()


def test_an_active_session_ends_at_the_maximum_and_leads_back_after_signing_in(
    client, db, clock, two_hours
):
    user = factories.create_worker(schools=[factories.create_school()])
    page = reverse("schools:mine")
    client.force_login(user)
    for _step in range(5):  # a request every 20 minutes, up to 1 hour 40 after signing in
        clock.move(timedelta(minutes=20))
        assert client.get(page).status_code == 200
    clock.move(timedelta(minutes=19))
    assert client.get(page).status_code == 200  # 1 hour 59

    clock.move(timedelta(minutes=2))  # 2 hours 1: signed out, however active
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={page}"
    assert "_auth_user_id" not in client.session
    login = client.get(response["Location"])
    assert "Je sessie is verlopen na 2 uur; log opnieuw in." in login.content.decode()

    response = _sign_in_by_form(client, user, page)
    assert response.status_code == 302
    assert response["Location"] == page
    assert client.get(page).status_code == 200  # a new sign-in, a new maximum


def test_a_session_from_before_the_maximum_must_sign_in_again(client, db):
    client.force_login(factories.create_worker(schools=[factories.create_school()]))
    session = client.session
    del session[sessions.SIGNED_IN_AT]
    session.save()
    response = client.get(reverse("schools:mine"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_an_expired_partial_loads_the_login_page_in_full(client, db, clock, two_hours):
    client.force_login(factories.create_worker(schools=[factories.create_school()]))
    clock.move(timedelta(hours=2))
    response = client.get(
        reverse("cases:pupil_matches"),
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/dossiers/aanmelden/"},
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{reverse('accounts:login')}?next=/dossiers/aanmelden/"
