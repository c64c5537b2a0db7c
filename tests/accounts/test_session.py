"""A session ends after 30 minutes without activity; every request starts the 30 minutes again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

import smw.settings as smw_settings
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
