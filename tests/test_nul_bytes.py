"""A NUL byte anywhere in a request (path, or a GET or POST name or value) is refused once,
before any view: a 400 page in Dutch, never a database error."""

from __future__ import annotations

import pytest
from django.urls import reverse

NUL_MESSAGE = "Je invoer bevat een ongeldig teken (NUL)."


@pytest.fixture
def worker_client(client, cast):
    client.force_login(cast.worker)
    return client


def _refused(response) -> bool:
    return response.status_code == 400 and NUL_MESSAGE in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [{"q": "Sanne\x00"}, {"q\x00": "Sanne"}, {"q": ["Sanne", "\x00"]}, {"page": "\x00"}],
)
def test_a_nul_in_a_query_parameter_is_refused(worker_client, query):
    assert _refused(worker_client.get(reverse("cases:search"), query))


def test_a_nul_in_a_posted_value_is_refused_and_nothing_is_saved(worker_client, cast):
    response = worker_client.post(reverse("cases:signal_new"), {"first_name": "Sa\x00nne"})
    assert _refused(response)


def test_a_nul_in_the_path_is_refused(worker_client):
    assert _refused(worker_client.get("/dossiers/zoeken\x00/"))


def test_a_nul_is_refused_before_signing_in_too(client):
    assert _refused(client.get(reverse("cases:search"), {"q": "\x00"}))


def test_the_refusal_is_a_page_of_the_site(worker_client):
    page = worker_client.get(reverse("cases:search"), {"q": "\x00"}).content.decode()
    assert "<title>Ongeldig verzoek" in page
    assert "Terug naar de startpagina" in page


def test_the_refusal_carries_the_security_headers_of_every_page(worker_client):
    response = worker_client.get(reverse("cases:search"), {"q": "\x00"})
    assert response["X-Frame-Options"] == "DENY"
    assert "script-src" in response["Content-Security-Policy"]


def test_a_request_without_nul_is_not_touched(worker_client):
    assert worker_client.get(reverse("cases:search"), {"q": "Sanne"}).status_code == 200


def test_djangos_own_400_uses_the_same_page_with_its_general_words(client):
    response = client.get("/", headers={"host": "elders.example"})
    assert response.status_code == 400
    assert "Het verzoek werd niet begrepen." in response.content.decode()
