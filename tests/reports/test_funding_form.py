"""The funding report's period form: every wrong input refused with a Dutch reason."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reports.forms import FundingForm
from reports.periods import Period
from schools.models import Municipality

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)


def form_for(cast, **data) -> FundingForm:
    fields = {"municipality": cast.north.pk, **data}
    return FundingForm(fields, municipalities=Municipality.objects.filter(pk=cast.north.pk))


def errors(form: FundingForm) -> list[str]:
    assert not form.is_valid()
    return [message for messages in form.errors.values() for message in messages]


def test_a_school_year_a_quarter_and_a_range_give_their_period(cast):
    year = form_for(cast, period_kind="year", school_year=2025)
    assert year.is_valid(), year.errors
    assert year.cleaned_data["period"] == Period.school_year(2025)
    quarter = form_for(cast, period_kind="quarter", quarter="2026-Q1")
    assert quarter.is_valid(), quarter.errors
    assert quarter.cleaned_data["period"] == Period.quarter(2026, 1)
    february = form_for(cast, period_kind="range", start="2026-02-01", end="2026-02-28")
    assert february.is_valid(), february.errors
    assert (february.cleaned_data["period"].start, february.cleaned_data["period"].end) == (
        datetime.date(2026, 2, 1),
        datetime.date(2026, 2, 28),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"period_kind": "year"}, "Kies een schooljaar."),
        ({"period_kind": "quarter"}, "Kies een kwartaal."),
        ({"period_kind": "quarter", "quarter": "2026-Q5"}, "Schrijf een kwartaal als 2026-Q3."),
        ({"period_kind": "quarter", "quarter": "Q3 2026"}, "Schrijf een kwartaal als 2026-Q3."),
        ({"period_kind": "range", "start": "2026-03-01"}, "Vul beide datums in."),
        (
            {"period_kind": "range", "start": "2026-03-31", "end": "2026-03-01"},
            "De einddatum ligt vóór de begindatum.",
        ),
        (
            {"period_kind": "range", "start": "2020-01-01", "end": "2026-01-01"},
            "Kies ten hoogste drie jaar.",
        ),
        (
            {"period_kind": "range", "start": "2026-03-09", "end": "2026-03-15"},
            "Kies minstens een maand",
        ),
        (
            {"period_kind": "range", "start": "2026-03-01", "end": "2026-03-27"},
            "Kies minstens een maand",
        ),
        ({"period_kind": "year", "school_year": 2027}, "Deze periode is nog niet begonnen."),
        ({"period_kind": "quarter", "quarter": "2027-Q1"}, "Deze periode is nog niet begonnen."),
        ({"period_kind": "year", "school_year": "twintig"}, "Voer een geheel getal in."),
        ({"period_kind": "range", "start": "2026-02-30", "end": "2026-03-31"}, "geldige datum"),
    ],
)
def test_wrong_input_is_refused_with_the_reason(cast, data, message):
    assert any(message in error for error in errors(form_for(cast, **data)))


def test_a_week_on_the_page_is_refused_and_nothing_is_computed(cast, client, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("a refused period must not be computed")

    monkeypatch.setattr("reports.funding.funding_figures", never)
    client.force_login(cast.officer)
    response = client.get(
        reverse("reports:funding"),
        {
            "municipality": cast.north.pk,
            "period_kind": "range",
            "start": "2026-03-09",
            "end": "2026-03-15",
        },
    )
    assert response.status_code == 200
    assert response.context["figures"] is None
    page = response.content.decode()
    assert "Kies minstens een maand" in page
    assert "Minstens een maand (28 dagen), ten hoogste drie jaar." in page  # said beforehand too
