"""Second factor: TOTP from an authenticator app plus single-use recovery codes."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import twofactor
from accounts.models import User
from tests import factories

PASSWORD = "x-test-password-1"  # what tests.factories.create_user sets
SETUP = reverse("accounts:otp_setup")
VERIFY = reverse("accounts:otp_verify")


@pytest.fixture(autouse=True)
def _require_2fa(settings):
    settings.SMW_REQUIRE_2FA = True
    # django-otp slows down guessing (1 s, 2 s, 4 s … after each failure); these tests type a
    # right code straight after a wrong one, faster than a person could.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def person(db) -> User:
    return factories.create_worker(username="j.devries", schools=[factories.create_school()])


def _code(device: TOTPDevice) -> str:
    """The six digits the authenticator app shows right now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _wrong_code(device: TOTPDevice) -> str:
    accepted = {
        f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"
        for drift in (-1, 0, 1)
    }
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)


def _confirmed_device(user: User) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name=twofactor.TOTP_NAME, confirmed=True)
    return device, twofactor.new_recovery_codes(user)


def _sign_in_with_password(client, username: str = "j.devries"):
    return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})


def _redirect(response) -> tuple[str, str | None]:
    """(path, next) of a redirect."""
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    return url.path, parse_qs(url.query).get("next", [None])[0]


# --- Without a device: set one up first ----------------------------------------------------


@pytest.mark.parametrize(
    "page",
    ["home", "schools:mine", "accounts:password_change", "accounts:recovery_codes"],
)
def test_signed_in_person_without_device_is_sent_to_setup(client, person, page):
    client.force_login(person)
    assert _redirect(client.get(reverse(page))) == (SETUP, reverse(page))


def test_setup_keeps_the_whole_address_asked_for(client, person):
    client.force_login(person)
    asked = reverse("schools:mine") + "?year=2026&sort=name"
    assert _redirect(client.get(asked)) == (SETUP, asked)


def test_verify_sends_a_person_without_device_to_setup_keeping_the_address(client, person):
    client.force_login(person)
    asked = reverse("schools:mine") + "?year=2026&sort=name"
    assert _redirect(client.get(VERIFY, {"next": asked})) == (SETUP, asked)


def test_setup_page_shows_an_inline_qr_code_and_the_key(client, person):
    client.force_login(person)
    response = client.get(SETUP)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html
    assert "</svg>" in html
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    secret = response.context["secret"]
    assert secret.replace(" ", "") == base64.b32encode(device.bin_key).decode()
    assert secret in html


def test_wrong_code_is_refused_and_the_form_keeps_working(client, person):
    client.force_login(person)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    secret = base64.b32encode(device.bin_key).decode()

    response = client.post(SETUP, {"token": _wrong_code(device)})
    assert response.status_code == 200
    assert "token" in response.context["form"].errors
    assert not TOTPDevice.objects.filter(user=person, confirmed=True).exists()
    # Same key as before, so what the app already scanned still counts.
    assert response.context["secret"].replace(" ", "") == secret

    response = client.post(SETUP, {"token": _code(device)})
    assert len(response.context["codes"]) == twofactor.RECOVERY_CODE_COUNT
    device.refresh_from_db()
    assert device.confirmed


def test_right_code_confirms_the_device_shows_ten_recovery_codes_and_opens_pages(client, person):
    client.force_login(person)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=person, confirmed=False)

    response = client.post(f"{SETUP}?next=/", {"token": _code(device), "next": "/"})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10
    assert len(set(codes)) == 10
    html = response.content.decode()
    assert all(code in html for code in codes)
    assert set(StaticToken.objects.filter(device__user=person).values_list("token", flat=True)) == (
        set(codes)
    )
    device.refresh_from_db()
    assert device.confirmed

    assert client.get(reverse("home"))["Location"] == reverse("schools:mine")
    assert client.get(reverse("schools:mine")).status_code == 200


# --- With a device: verify after every sign-in ---------------------------------------------


def test_person_with_device_must_verify_after_signing_in(client, person):
    device, _codes = _confirmed_device(person)
    response = _sign_in_with_password(client)
    assert response["Location"] == reverse("home")
    assert _redirect(client.get(reverse("home"))) == (VERIFY, reverse("home"))
    assert _redirect(client.get(reverse("schools:mine"))) == (VERIFY, reverse("schools:mine"))
    assert _redirect(client.get(SETUP)) == (VERIFY, SETUP)  # no new phone without the old one

    response = client.post(
        f"{VERIFY}?next=/scholen/", {"token": _code(device), "next": "/scholen/"}
    )
    assert response["Location"] == "/scholen/"
    assert client.get(reverse("schools:mine")).status_code == 200


def test_wrong_code_at_verify_is_refused(client, person):
    device, _codes = _confirmed_device(person)
    _sign_in_with_password(client)
    response = client.post(VERIFY, {"token": _wrong_code(device)})
    assert response.status_code == 200
    assert "token" in response.context["form"].errors
    assert _redirect(client.get(reverse("schools:mine")))[0] == VERIFY


def test_recovery_code_works_once_only(client, person):
    _device, codes = _confirmed_device(person)
    _sign_in_with_password(client)
    response = client.post(VERIFY, {"token": codes[0]})
    assert response["Location"] == reverse("home")
    assert client.get(reverse("schools:mine")).status_code == 200

    client.post(reverse("accounts:logout"))
    _sign_in_with_password(client)
    response = client.post(VERIFY, {"token": codes[0]})
    assert response.status_code == 200
    assert "token" in response.context["form"].errors
    assert _redirect(client.get(reverse("schools:mine")))[0] == VERIFY

    # The other nine still work.
    assert twofactor.remaining_recovery_codes(person) == 9
    assert client.post(VERIFY, {"token": codes[1]})["Location"] == reverse("home")


# --- Never to another site -----------------------------------------------------------------


@pytest.mark.parametrize("evil", ["https://evil.example/", "//evil.example/"])
def test_verify_does_not_follow_next_to_another_site(client, person, evil):
    device, _codes = _confirmed_device(person)
    client.force_login(person)
    assert client.get(VERIFY, {"next": evil}).context["next"] == reverse("home")
    response = client.post(f"{VERIFY}?next={evil}", {"token": _code(device), "next": evil})
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("evil", ["https://evil.example/", "//evil.example/"])
def test_setup_does_not_send_on_to_another_site(client, person, evil):
    client.force_login(person)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    response = client.post(f"{SETUP}?next={evil}", {"token": _code(device), "next": evil})
    assert response.context["next"] == reverse("home")
    assert f'href="{evil}"' not in response.content.decode()  # the "continue" button


# --- Switched off ----------------------------------------------------------------------------


def test_nobody_is_asked_when_two_factors_are_not_required(client, person, settings):
    settings.SMW_REQUIRE_2FA = False
    colleague = factories.create_worker(username="colleague", schools=[factories.create_school()])
    _confirmed_device(colleague)

    for username in ("j.devries", "colleague"):
        client.post(reverse("accounts:logout"))
        _sign_in_with_password(client, username)
        assert client.get(reverse("home"))["Location"] == reverse("schools:mine")
        assert client.get(reverse("schools:mine")).status_code == 200
