"""Every download names its file in a valid Content-Disposition header, whatever the name holds
(a municipality is named freely; a school only by its BRIN code, so the ZAT minutes are safe)."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from django.urls import reverse

from reports.periods import Period
from tests import factories

AWKWARD_NAMES = ['Noord "Oost"', "Noord\r\nX-Injected: yes", "Súdwest-Fryslân"]


def filename_of(response) -> str:
    header = response["Content-Disposition"]
    assert "\r" not in header
    assert "\n" not in header
    assert header.startswith("attachment;")
    message = EmailMessage()
    message["Content-Disposition"] = header
    return message.get_filename()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("name", AWKWARD_NAMES)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_funding_export_names_the_municipality_in_a_valid_header(client, cast, name, fmt):
    cast.north.name = name
    cast.north.save()
    quarter = factories.newest_settled_quarter_with_a_case(school=cast.school_a)
    client.force_login(cast.officer)
    response = client.get(
        reverse("reports:funding_export", args=[fmt]),
        {"municipality": cast.north.pk, "quarter": quarter.quarter_key},
    )
    assert response.status_code == 200
    stem = f"SMW-financiering-{name}-{quarter.start:%Y%m%d}-{quarter.end:%Y%m%d}"
    assert filename_of(response) == f"{stem}.{fmt}"


@pytest.mark.parametrize("name", AWKWARD_NAMES)
def test_report_download_names_the_municipality_in_a_valid_header(client, cast, name):
    cast.north.name = name
    cast.north.save()
    period = Period.month(2026, 6)
    run = factories.create_report_run(
        municipality=cast.north, period_start=period.start, period_end=period.end
    )
    client.force_login(cast.officer)
    response = client.get(reverse("reports:download", args=[run.pk]))
    assert response.status_code == 200
    assert filename_of(response) == f"SMW-financiering-{name}-2026-06-v1.pdf"
