"""The funding report's form: a municipality and one of its settled quarters, nothing else;
every other input refused at the field with a Dutch reason, on a page that answers 200."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reports.forms import FundingForm
from reports.periods import Period, settled_quarters
from schools.models import Municipality

from .builders import create_case

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)


@pytest.fixture
def first_case(cast):
    """The first data of the north: a case signalled in January 2024."""
    return create_case(
        school=cast.school_a,
        first_name="Eerste",
        last_name="Test",
        signalled_on=datetime.date(2024, 1, 15),
        caseworker=cast.worker,
        reported_by=cast.worker,
    )


def form_for(cast, **data) -> FundingForm:
    fields = {"municipality": cast.north.pk, **data}
    return FundingForm(
        fields,
        municipalities=Municipality.objects.filter(pk=cast.north.pk),
        quarters=settled_quarters(TODAY),
    )


def errors(form: FundingForm) -> list[str]:
    assert not form.is_valid()
    return [message for messages in form.errors.values() for message in messages]


def test_a_settled_quarter_gives_its_period(cast):
    form = form_for(cast, quarter="2026-Q3")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["period"] == Period.quarter(2026, 3)
    assert (form.cleaned_data["period"].start, form.cleaned_data["period"].end) == (
        datetime.date(2026, 7, 1),
        datetime.date(2026, 9, 30),
    )


def test_the_settled_quarters_newest_first_with_dutch_names(cast):
    choices = form_for(cast).fields["quarter"].widget.choices
    assert choices[:3] == [
        ("2026-Q3", "3e kwartaal 2026 (jul–sep)"),
        ("2026-Q2", "2e kwartaal 2026 (apr–jun)"),
        ("2026-Q1", "1e kwartaal 2026 (jan–mrt)"),
    ]
    assert choices[3] == ("2025-Q4", "4e kwartaal 2025 (okt–dec)")
    assert len(choices) == 12  # three years
    assert choices[-1][0] == "2023-Q4"


def test_a_quarter_is_settled_on_the_first_day_of_the_second_month_after_it():
    for today, newest in [
        (datetime.date(2026, 10, 31), "2026-Q2"),
        (datetime.date(2026, 11, 1), "2026-Q3"),
        (datetime.date(2027, 1, 31), "2026-Q3"),
        (datetime.date(2027, 2, 1), "2026-Q4"),
    ]:
        assert next(iter(settled_quarters(today))) == newest, today


def test_no_quarter_before_the_first_data_is_offered():
    offered = settled_quarters(TODAY, since=datetime.date(2026, 2, 10))
    assert list(offered) == ["2026-Q3", "2026-Q2", "2026-Q1"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Kies een kwartaal."),
        ({"quarter": ""}, "Kies een kwartaal."),
        (
            {"period_kind": "range", "start": "2026-08-01", "end": "2026-10-07"},
            "Kies een kwartaal.",
        ),
        ({"period_kind": "year", "school_year": 2025}, "Kies een kwartaal."),
        ({"quarter": "2025"}, "Kies een van de kwartalen uit de lijst."),
        ({"quarter": "2025-2026"}, "Kies een van de kwartalen uit de lijst."),
        ({"quarter": "2026-07-01/2026-09-29"}, "Kies een van de kwartalen uit de lijst."),
        ({"quarter": "2026-Q5"}, "Kies een van de kwartalen uit de lijst."),
        ({"quarter": "Q3 2026"}, "Kies een van de kwartalen uit de lijst."),
        ({"quarter": "2026-q3"}, "Kies een van de kwartalen uit de lijst."),
        ({"quarter": "2023-Q3"}, "Kies een van de kwartalen uit de lijst."),  # over 3 years
        (  # the running quarter
            {"quarter": "2026-Q4"},
            "De rapportage van dit kwartaal kan worden gemaakt vanaf 1 februari 2027.",
        ),
        (  # a future quarter
            {"quarter": "2027-Q1"},
            "De rapportage van dit kwartaal kan worden gemaakt vanaf 1 mei 2027.",
        ),
    ],
)
def test_any_other_input_is_refused_at_the_field(cast, data, message):
    form = form_for(cast, **data)
    assert message in errors(form)
    assert message in form.errors["quarter"]


def test_a_quarter_that_ended_but_is_not_settled_is_refused(cast, monkeypatch):
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *args: datetime.date(2026, 10, 15)
    )
    form = FundingForm(
        {"municipality": cast.north.pk, "quarter": "2026-Q3"},
        municipalities=Municipality.objects.filter(pk=cast.north.pk),
        quarters=settled_quarters(datetime.date(2026, 10, 15)),
    )
    assert form.errors["quarter"] == [
        "De rapportage van dit kwartaal kan worden gemaakt vanaf 1 november 2026."
    ]


@pytest.mark.parametrize(
    "data",
    [
        {"period_kind": "range", "start": "2026-08-01", "end": "2026-10-07"},
        {"period_kind": "year", "school_year": "2025"},
        {"quarter": "2026-Q4"},
        {"quarter": "2027-Q1"},
        {"quarter": "<script>"},
        {"quarter": "2026-Q3", "municipality": "abc"},
    ],
)
@pytest.mark.parametrize("who", ["officer", "teamlead"])
def test_the_page_refuses_with_the_form_and_computes_nothing(
    cast, client, monkeypatch, first_case, data, who
):
    def never(*args, **kwargs):
        raise AssertionError("a refused period must not be computed")

    monkeypatch.setattr("reports.funding._protect", never)
    client.force_login(cast.by_name(who))
    response = client.get(reverse("reports:funding"), {"municipality": cast.north.pk, **data})
    assert response.status_code == 200
    assert response.context["figures"] is None
    assert response.context["form"].errors
    assert "is-invalid" in response.content.decode()


def test_the_page_offers_the_quarters_since_the_first_data(cast, client, first_case):
    client.force_login(cast.officer)
    response = client.get(reverse("reports:funding"))
    choices = response.context["form"].fields["quarter"].widget.choices
    assert [key for key, _label in choices][:2] == ["2026-Q3", "2026-Q2"]
    assert choices[-1][0] == "2024-Q1"  # the quarter of the first case
    assert '<option value="2026-Q3" selected>3e kwartaal 2026 (jul–sep)</option>' in (
        response.content.decode()
    )


def test_the_team_leader_gets_the_same_quarters_only(cast, client, first_case):
    client.force_login(cast.teamlead)
    response = client.get(
        reverse("reports:funding"), {"municipality": cast.north.pk, "quarter": "2026-Q3"}
    )
    assert response.context["period"] == Period.quarter(2026, 3)
    assert list(response.context["form"].quarters) == list(
        settled_quarters(TODAY, since=datetime.date(2024, 1, 15))
    )


@pytest.mark.parametrize("fmt", ["pdf", "json", "xls", "CSV", "csv.exe"])
def test_an_unknown_export_format_is_404(cast, client, first_case, fmt):
    client.force_login(cast.officer)
    response = client.get(
        reverse("reports:funding_export", args=[fmt]),
        {"municipality": cast.north.pk, "quarter": "2026-Q3"},
    )
    assert response.status_code == 404


def test_the_page_escapes_the_small_count_mark_in_its_introduction(cast, client):
    client.force_login(cast.officer)
    page = client.get(reverse("reports:funding")).content.decode()
    assert "getoond als “&lt;5”" in page
    assert "“<5”" not in page
