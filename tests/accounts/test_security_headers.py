"""Headers every page sends, and the health check for monitoring."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests import factories

# (page, who is signed in: None for nobody)
PAGES = [
    ("accounts:login", None),
    ("accounts:password_reset", None),
    ("schools:mine", "worker"),
    ("accounts:password_change", "worker"),
    ("accounts:otp_setup", "worker"),
    ("accounts:recovery_codes", "worker"),
    ("accounts:manage", "manager"),
    ("/bestaat-niet/", "worker"),  # the 404 page
]


@pytest.fixture
def people(db) -> dict:
    return {
        "worker": factories.create_worker(schools=[factories.create_school()]),
        "manager": factories.create_manager(),
    }


def _get(client, people, page: str, person: str | None):
    if person:
        client.force_login(people[person])
    return client.get(page if page.startswith("/") else reverse(page))


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize(("page", "person"), PAGES)
def test_every_page_has_a_csp_with_a_script_nonce_and_no_unsafe_inline(
    client, people, page, person
):
    response = _get(client, people, page, person)
    assert response.status_code in (200, 404)
    script_src = _directives(response)["script-src"]
    assert any(re.fullmatch(r"'nonce-[\w+/=-]+'", value) for value in script_src)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(("page", "person"), PAGES)
def test_script_tags_carry_the_nonce_from_the_header(client, people, page, person):
    response = _get(client, people, page, person)
    (nonce,) = [
        value[len("'nonce-") : -1]
        for value in _directives(response)["script-src"]
        if value.startswith("'nonce-")
    ]
    script_tags = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert script_tags
    for tag in script_tags:
        assert f'nonce="{nonce}"' in tag, tag


def test_the_nonce_differs_per_response(client, db):
    first = _directives(client.get(reverse("accounts:login")))["script-src"]
    second = _directives(client.get(reverse("accounts:login")))["script-src"]
    assert first != second


@pytest.mark.parametrize(("page", "person"), PAGES)
def test_pages_may_not_be_framed(client, people, page, person):
    response = _get(client, people, page, person)
    assert response["X-Frame-Options"] == "DENY"
    assert _directives(response)["frame-ancestors"] == ["'none'"]


# --- Health check --------------------------------------------------------------------------


def test_healthz_answers_without_login(client, db, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "in-process"},
    }


def test_healthz_with_a_reachable_broker(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "broker": "ok"}


def test_healthz_with_an_unreachable_broker_answers_503(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["broker"].startswith("error")


def test_interface_is_dutch_even_for_an_english_browser(client, db):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert "Inloggen" in response.content.decode()


def test_english_only_when_chosen_with_the_switch(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response["Content-Language"] == "en"
    assert "Sign in" in response.content.decode()
