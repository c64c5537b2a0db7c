"""No browser or proxy keeps a copy of a page, download or partial: they carry pupil data.
Static files keep their long caching."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils.cache import get_max_age

from tests import factories
from tests.zat.helpers import create_meeting

NO_STORE = {"no-store", "private"}


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_case_page_is_not_stored(client, cast):
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker)
    client.force_login(cast.worker)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    assert _directives(response) >= NO_STORE


def test_report_download_is_not_stored(client, cast):
    run = factories.create_report_run(
        municipality=cast.north, period_start=date(2026, 6, 1), period_end=date(2026, 6, 30)
    )
    client.force_login(cast.officer)
    response = client.get(reverse("reports:download", args=[run.pk]))
    assert response.status_code == 200
    assert _directives(response) >= NO_STORE


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_funding_export_is_not_stored(client, cast, fmt):
    quarter = factories.newest_settled_quarter_with_a_case(school=cast.school_a)
    client.force_login(cast.officer)
    response = client.get(
        reverse("reports:funding_export", args=[fmt]),
        {"municipality": cast.north.pk, "quarter": quarter.quarter_key},
    )
    assert response.status_code == 200
    assert _directives(response) >= NO_STORE


def test_zat_minutes_are_not_stored(client, cast):
    meeting = create_meeting(school=cast.school_a, chair=cast.coordinator)
    client.force_login(cast.coordinator)
    response = client.get(reverse("zat:minutes", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert _directives(response) >= NO_STORE


def test_htmx_partial_is_not_stored(client, cast):
    client.force_login(cast.worker)
    response = client.get(
        reverse("cases:pupil_matches"),
        {"school": cast.school_a.pk, "first_name": "Emma", "last_name": "Visser"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert _directives(response) >= NO_STORE


def test_error_page_is_not_stored(client, cast):
    client.force_login(cast.worker)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert _directives(response) >= NO_STORE


def test_static_file_keeps_its_caching(client, cast, settings):
    # WhiteNoise serves from the apps' folders, as in the demo; the client's handler, and
    # with it WhiteNoise, is made at its first request, after this setting.
    settings.WHITENOISE_USE_FINDERS = True
    client.force_login(cast.worker)
    response = client.get("/static/smw/smw.css")
    assert response.status_code == 200
    assert "no-store" not in _directives(response)
    assert "private" not in _directives(response)
    assert get_max_age(response) > 0
