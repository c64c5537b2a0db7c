"""Signing in and out, lock-out after repeated failures, password reset and password rules."""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.urls import reverse

import smw.settings as smw_settings
from accounts.models import User
from tests import factories

PASSWORD = "x-test-password-1"  # what tests.factories.create_user sets


@pytest.fixture
def person(db) -> User:
    return factories.create_worker(
        username="j.devries", email="j.devries@school.example", schools=[factories.create_school()]
    )


def _sign_in(client, username: str, password: str, **extra):
    data = {"username": username, "password": password}
    return client.post(reverse("accounts:login"), data, **extra)


def _signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def test_login_page_has_username_and_password_fields(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert set(response.context["form"].fields) == {"username", "password"}


def test_valid_credentials_sign_in_and_lead_to_the_start_page(client, person):
    response = _sign_in(client, "j.devries", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert _signed_in_user_id(client) == str(person.pk)
    # The start page sends a worker on to their own schools.
    assert client.get(response["Location"])["Location"] == reverse("schools:mine")


def test_wrong_password_shows_an_error_and_keeps_the_username(client, person):
    response = _sign_in(client, "j.devries", "not-the-password")
    assert response.status_code == 200
    form = response.context["form"]
    assert [error.code for error in form.non_field_errors().as_data()] == ["invalid_login"]
    assert 'value="j.devries"' in response.content.decode()
    assert _signed_in_user_id(client) is None


def test_after_too_many_failures_even_the_right_password_is_refused(client, person, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "j.devries", "not-the-password")
    response = _sign_in(client, "j.devries", PASSWORD)
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert _signed_in_user_id(client) is None


def test_failures_below_the_limit_do_not_lock_out(client, person, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, "j.devries", "not-the-password")
    response = _sign_in(client, "j.devries", PASSWORD)
    assert response.status_code == 302
    assert _signed_in_user_id(client) == str(person.pk)


def test_failed_sign_ins_stay_on_record_after_a_good_one_resets_the_lock_out(
    client, person, settings
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, "j.devries", "not-the-password", REMOTE_ADDR="203.0.113.9")
    assert _sign_in(client, "j.devries", PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 302

    assert not AccessAttempt.objects.filter(username="j.devries").exists()  # lock-out reset
    kept = AccessFailureLog.objects.filter(username="j.devries")
    assert kept.count() == settings.AXES_FAILURE_LIMIT - 1
    assert {failure.ip_address for failure in kept} == {"203.0.113.9"}


def test_lock_out_is_per_username_and_address(client, person, settings):
    colleague = factories.create_user(username="colleague")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "j.devries", "not-the-password", REMOTE_ADDR="203.0.113.9")
    # The same account from another address, and another account from the same address.
    assert _sign_in(client, "j.devries", PASSWORD, REMOTE_ADDR="198.51.100.1").status_code == 302
    client.logout()
    response = _sign_in(client, "colleague", PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    assert _signed_in_user_id(client) == str(colleague.pk)


def test_logout_by_post_signs_out(client, person):
    _sign_in(client, "j.devries", PASSWORD)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert _signed_in_user_id(client) is None
    assert client.get(reverse("schools:mine"))["Location"].startswith(reverse("accounts:login"))


def test_logout_by_get_is_refused(client, person):
    _sign_in(client, "j.devries", PASSWORD)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert _signed_in_user_id(client) == str(person.pk)


def test_login_does_not_follow_a_next_to_another_site(client, person):
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"username": "j.devries", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


# --- Password reset ------------------------------------------------------------------------


def test_password_reset_mails_a_link_that_sets_a_new_password(client, person):
    response = client.post(reverse("accounts:password_reset"), {"email": person.email})
    assert response["Location"] == reverse("accounts:password_reset_done")
    (message,) = mail.outbox
    assert message.to == [person.email]
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body).group(1)

    # Django swaps the token in the address for one in the session, then shows the form.
    form_url = client.get(link)["Location"]
    assert client.get(form_url).context["form"] is not None
    new_password = "Rustig-Fietsen-Langs-De-Gracht-7"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response["Location"] == reverse("accounts:password_reset_complete")

    assert _sign_in(client, "j.devries", PASSWORD).status_code == 200  # the old one is gone
    assert _sign_in(client, "j.devries", new_password).status_code == 302
    assert _signed_in_user_id(client) == str(person.pk)


def test_password_reset_link_works_only_once(client, person):
    client.post(reverse("accounts:password_reset"), {"email": person.email})
    link = re.search(r"(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    new_password = "Rustig-Fietsen-Langs-De-Gracht-7"
    client.post(form_url, {"new_password1": new_password, "new_password2": new_password})

    response = client.get(link, follow=True)
    assert response.context["validlink"] is False


def test_password_reset_for_an_unknown_address_looks_the_same(client, person):
    known = client.post(reverse("accounts:password_reset"), {"email": person.email}, follow=True)
    mail.outbox.clear()
    unknown = client.post(
        reverse("accounts:password_reset"), {"email": "nobody@elsewhere.example"}, follow=True
    )
    assert mail.outbox == []
    assert unknown.redirect_chain == known.redirect_chain
    assert unknown.status_code == known.status_code == 200
    assert _without_nonces(unknown.content) == _without_nonces(known.content)


def _without_nonces(html: bytes) -> str:
    # The CSP nonce and the CSRF token differ on every response by design.
    return re.sub(r'nonce="[^"]*"|\b[A-Za-z0-9]{64}\b', "", html.decode())


# --- Password storage and rules ------------------------------------------------------------


def test_argon2_is_the_first_hasher_in_the_real_settings(settings):
    # tests/conftest.py swaps in MD5 for speed; the settings module itself is what production runs.
    assert smw_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = smw_settings.PASSWORD_HASHERS
    assert make_password("Rustig-Fietsen-Langs-De-Gracht-7").startswith("argon2$")


@pytest.mark.parametrize(
    ("new_password", "code"),
    [
        ("Kort-1x", "password_too_short"),
        ("qwerty123456", "password_too_common"),
        ("734912866150", "password_entirely_numeric"),
    ],
)
def test_weak_passwords_are_refused_with_an_error(client, person, new_password, code):
    client.force_login(person)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 200
    codes = [error.code for error in response.context["form"].errors.as_data()["new_password2"]]
    assert code in codes
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_a_long_uncommon_password_is_accepted(client, person):
    client.force_login(person)
    new_password = "Rustig-Fietsen-Langs-De-Gracht-7"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    person.refresh_from_db()
    assert person.check_password(new_password)


def test_the_password_pages_speak_dutch_with_je(client, person):
    """Django's own words on the password pages are Dutch, and informal ("je", not "u")."""
    client.force_login(person)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "Kort-1x", "new_password2": "Kort-1x"},
    )
    errors = " ".join(
        str(message)
        for messages in response.context["form"].errors.values()
        for message in messages
    )
    assert "Dit wachtwoord is te kort" in errors
    assert "Je oude wachtwoord" in errors
    assert "This password" not in errors
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    assert not re.search(r"\b[Uu]w?\b", text)
