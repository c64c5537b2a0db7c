"""A form saved after its session ended is kept for the person it was made for, and shown to
them again after they sign in; to no one else, and not for long (accounts.kept_forms). The
session warning's "Stay signed in" starts the idle time again."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import kept_forms, sessions
from accounts.models import PendingForm
from cases.models import Intake
from tests import factories

TYPED = "Vertelt over ruzie thuis en slaapt slecht; wil graag met de juf praten."


@pytest.fixture
def school(db):
    return factories.create_school()


@pytest.fixture
def worker(school):
    return factories.create_worker(schools=[school])


@pytest.fixture
def browser():
    """A client that checks the CSRF token, as a browser's request is checked."""
    return Client(enforce_csrf_checks=True)


def _value(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def _form_fields(page: str, *names: str, owner: bool = True) -> dict[str, str]:
    """The CSRF token and the owner of the form on `page` (and `names`), as a browser posts."""
    names = ("csrfmiddlewaretoken", *([kept_forms.OWNER_FIELD] if owner else []), *names)
    return {name: _value(page, name) for name in names}


def _session_ends(client) -> None:
    """The session is left idle past SESSION_COOKIE_AGE: its row is past its expiry."""
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=F("expire_date") - timedelta(minutes=31)
    )


def _sign_in(client, user, next_url: str):
    login = reverse("accounts:login")
    return client.post(
        f"{login}?next={next_url}",
        {
            **_form_fields(client.get(login).content.decode(), owner=False),
            "username": user.username,
            "password": "x-test-password-1",
            "next": next_url,
        },
    )


def _save_after_the_session_ended(client, user, url: str, data: dict, *, hidden=()):
    """Open the form at `url`, leave it until the session ended, then save `data` (and the
    `hidden` fields as the page had them)."""
    client.force_login(user)
    fields = _form_fields(client.get(url).content.decode(), *hidden)
    _session_ends(client)
    return client.post(url, {**fields, **data})


def _intake_url(worker, school) -> str:
    case = factories.create_case(school=school, caseworker=worker, stage="intake")
    return reverse("cases:intake", args=[case.pk])


def _save_intake_after_the_session_ended(client, worker, school, **data):
    """The worker's intake, saved with `data` after the session ended: (its address, the
    answer)."""
    url = _intake_url(worker, school)
    data.setdefault("signals", TYPED)
    return url, _save_after_the_session_ended(client, worker, url, data, hidden=["version"])


def test_an_intake_saved_after_the_session_ended_comes_back_after_signing_in(
    browser, worker, school
):
    url, response = _save_intake_after_the_session_ended(browser, worker, school)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
    assert response.cookies[kept_forms.COOKIE]["httponly"]
    login_page = browser.get(response["Location"]).content.decode()
    assert "Je sessie was verlopen. Log opnieuw in; je tekst is bewaard." in login_page

    response = _sign_in(browser, worker, url)
    assert response["Location"] == url
    page = browser.get(url).content.decode()
    assert TYPED in page
    assert "Je sessie was verlopen; je tekst is bewaard. Controleer en sla opnieuw op." in page
    # Shown, not saved: the person checks it and saves again.
    assert Intake.objects.get(case__caseworker=worker).signals == ""
    assert not PendingForm.objects.exists()
    assert TYPED not in browser.get(url).content.decode()  # shown once


def test_the_text_comes_back_once_saved_again_it_is_stored(browser, worker, school):
    url, _response = _save_intake_after_the_session_ended(browser, worker, school)
    _sign_in(browser, worker, url)
    fields = _form_fields(browser.get(url).content.decode(), "version")
    response = browser.post(url, {**fields, "signals": TYPED})
    assert response.status_code == 302
    assert Intake.objects.get(case__caseworker=worker).signals == TYPED


def test_kept_text_is_never_shown_to_another_person(browser, worker, school):
    colleague = factories.create_worker(schools=[school])
    url = reverse("cases:signal_new")  # a page both may open
    _save_after_the_session_ended(browser, worker, url, {"noticed": TYPED})
    assert PendingForm.objects.get().user == worker

    # The colleague signs in on the same computer.
    _sign_in(browser, colleague, url)
    page = browser.get(url)
    assert page.status_code == 200
    assert TYPED not in page.content.decode()
    assert not PendingForm.objects.exists()  # deleted unseen
    # Nor does the worker get it after the colleague signed out.
    browser.post(reverse("accounts:logout"), _form_fields(page.content.decode()))
    _sign_in(browser, worker, url)
    assert TYPED not in browser.get(url).content.decode()


def test_a_post_without_a_valid_owner_keeps_nothing(browser, worker, school):
    url = _intake_url(worker, school)
    browser.force_login(worker)
    fields = _form_fields(browser.get(url).content.decode())
    _session_ends(browser)

    forged = {**fields, kept_forms.OWNER_FIELD: fields[kept_forms.OWNER_FIELD][:-2] + "xx"}
    assert browser.post(url, {**forged, "signals": TYPED}).status_code == 302
    del fields[kept_forms.OWNER_FIELD]
    assert browser.post(url, {**fields, "signals": TYPED}).status_code == 302
    assert not PendingForm.objects.exists()


def test_passwords_and_the_csrf_token_are_never_kept(browser, worker, school):
    _save_intake_after_the_session_ended(
        browser, worker, school, new_password1="geheim-wachtwoord-1"
    )
    assert set(PendingForm.objects.get().data) == {"signals", "version"}


def test_a_nul_byte_in_an_expired_form_keeps_nothing_and_breaks_nothing(browser, worker, school):
    _url, response = _save_intake_after_the_session_ended(
        browser, worker, school, signals="Moeder\x00belt"
    )
    assert response.status_code == 400
    assert not PendingForm.objects.exists()


def test_the_cookie_holds_a_token_the_table_only_its_hash(browser, worker, school):
    url, response = _save_intake_after_the_session_ended(browser, worker, school)
    token = response.cookies[kept_forms.COOKIE].value
    assert not PendingForm.objects.filter(token_hash=token).exists()
    assert PendingForm.objects.get().path == url


def test_kept_text_past_its_time_is_gone(browser, worker, school):
    url, _response = _save_intake_after_the_session_ended(browser, worker, school)
    kept = PendingForm.objects.get()
    assert kept.expires_at <= timezone.now() + kept_forms.KEPT_FOR
    PendingForm.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    _sign_in(browser, worker, url)
    assert TYPED not in browser.get(url).content.decode()
    assert not PendingForm.objects.exists()


def test_the_periodic_task_deletes_what_no_one_came_back_for(browser, worker, school):
    from accounts.tasks import delete_expired_kept_forms

    _save_intake_after_the_session_ended(browser, worker, school)
    assert delete_expired_kept_forms.delay().get() == 0  # not yet past its time
    PendingForm.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert delete_expired_kept_forms.delay().get() == 1
    assert not PendingForm.objects.exists()


def test_forms_of_two_tabs_are_each_kept(browser, worker, school):
    intake = _intake_url(worker, school)
    signal = reverse("cases:signal_new")
    browser.force_login(worker)
    intake_fields = _form_fields(browser.get(intake).content.decode())
    signal_fields = _form_fields(browser.get(signal).content.decode())
    _session_ends(browser)
    browser.post(intake, {**intake_fields, "signals": TYPED})
    browser.post(signal, {**signal_fields, "noticed": "Huilt vaak in de pauze."})

    _sign_in(browser, worker, intake)
    assert TYPED in browser.get(intake).content.decode()
    assert "Huilt vaak in de pauze." in browser.get(signal).content.decode()


def test_a_save_at_the_session_maximum_is_kept_as_well(browser, worker, school, monkeypatch):
    url = _intake_url(worker, school)
    browser.force_login(worker)
    fields = _form_fields(browser.get(url).content.decode())
    later = timezone.now() + timedelta(hours=11)
    monkeypatch.setattr(sessions, "now", lambda: later)

    response = browser.post(url, {**fields, "signals": TYPED})
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
    assert PendingForm.objects.get().user == worker


# --- The session warning and "Stay signed in" --------------------------------------------


def test_stay_signed_in_starts_the_idle_time_again(client, worker):
    client.force_login(worker)
    Session.objects.update(expire_date=F("expire_date") - timedelta(minutes=25))
    before = timezone.now()
    response = client.post(reverse("accounts:extend_session"))
    assert response.status_code == 204
    expire_date = Session.objects.get(session_key=client.session.session_key).expire_date
    assert expire_date >= before + timedelta(minutes=30)


def test_stay_signed_in_is_a_post_only(client, worker):
    client.force_login(worker)
    assert client.get(reverse("accounts:extend_session")).status_code == 405


def test_stay_signed_in_cannot_revive_an_ended_session(client, worker):
    client.force_login(worker)
    _session_ends(client)
    response = client.post(reverse("accounts:extend_session"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_signed_in_pages_know_when_the_session_ends(client, worker, settings, monkeypatch):
    settings.SESSION_MAX_SECONDS = 2 * 60 * 60
    client.force_login(worker)
    an_hour_later = timezone.now() + timedelta(hours=1)
    monkeypatch.setattr(sessions, "now", lambda: an_hour_later)
    page = client.get(reverse("schools:mine")).content.decode()
    warning = re.search(r'<div id="session-warning"[^>]*>', page).group(0)
    assert 'role="alertdialog"' in warning
    assert 'data-idle="1800"' in warning
    assert 'data-warn="300"' in warning
    assert 3590 <= int(re.search(r'data-left="(\d+)"', warning).group(1)) <= 3600
    assert "Blijf ingelogd" in page


def test_the_sign_in_page_has_no_session_warning(client, db):
    assert 'id="session-warning"' not in client.get(reverse("accounts:login")).content.decode()
