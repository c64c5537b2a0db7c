"""The municipality's officer plays the attacker: two funding reports must never be subtracted
into a count of fewer than 5 cases.

Every input the funding form ever knew is sent to the page (school years, quarters, ranges of
dates shifted by a day, and garbage); of the periods the page accepts, no two may overlap, and
where one lies inside another no count shown in both may differ by 1 to 4.
"""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.urls import reverse

from cases.models import Case
from schools.models import School
from tests import factories

from .builders import at, create_case, create_contact, create_time_entry

D = datetime.date
TODAY = D(2026, 12, 4)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)


@pytest.fixture
def busy_north(cast) -> list[School]:
    """Small counts spread over every fourth day of 2026 at three schools of the north: a
    window shifted by a day takes in or lets go of a single case."""
    school_d = factories.create_school(name="School D", municipality=cast.north)
    schools = [cast.school_a, cast.school_b, school_d]
    factories.create_assignment(worker=cast.worker, school=school_d)
    categories = ["pesten", "gedrag", "sociaal_emotioneel"]
    day, n = D(2026, 1, 2), 0
    while day < D(2026, 11, 30):
        school = schools[n % len(schools)]
        moves = [(at(day + datetime.timedelta(days=5)), Case.Stage.INTAKE)]
        if n % 2:
            moves.append((at(day + datetime.timedelta(days=19)), Case.Stage.CLOSED))
        case = create_case(
            school=school,
            first_name=f"Kind{n}",
            last_name="Test",
            signalled_on=day,
            moves=[(when, stage) for when, stage in moves if when.date() < TODAY],
            caseworker=cast.worker,
            reported_by=cast.worker,
            categories=[categories[n % 3]],
        )
        create_contact(case=case, held_on=day + datetime.timedelta(days=2), minutes=30)
        create_time_entry(worker=cast.worker, school=school, on=day, minutes=45, activity="zat")
        day, n = day + datetime.timedelta(days=[1, 2, 1][n % 3]), n + 1
    return schools


def candidate_inputs(municipality: int) -> list[dict]:
    """Everything a municipality could send: each kind of period the form ever offered, over
    every year it could name, windows shifted by a day, and input no form would make."""
    years = range(2015, 2031)
    inputs = [{"period_kind": "year", "school_year": year} for year in years]
    quarters = [f"{year}-Q{n}" for year in years for n in (1, 2, 3, 4)]
    inputs += [{"period_kind": "quarter", "quarter": quarter} for quarter in quarters]
    starts = [D(2026, 4, 1) + datetime.timedelta(days=k) for k in range(4)]
    ends = [D(2026, 6, 1) + datetime.timedelta(days=k) for k in range(4)]
    inputs += [
        {"period_kind": "range", "start": start.isoformat(), "end": end.isoformat()}
        for start in starts
        for end in ends
    ]
    inputs += [
        {"period_kind": "range", "start": "2026-07-01", "end": "2026-09-30"},
        {"period_kind": "month", "month": "2026-07"},
        {"quarter": "2026-Q3", "start": "2026-07-01", "end": "2026-09-29"},
        {"quarter": "2026-q3"},
        {"quarter": "2026-Q03"},
        {"quarter": "2026-Q3 "},
        {"quarter": "2026-Q5"},
        {"quarter": "Q3 2026"},
        {"quarter": "2026-07-01/2026-09-29"},
        {"quarter": ""},
        {},
    ]
    return [{"municipality": municipality, **data} for data in inputs]


def shown_counts(figures: dict) -> dict[tuple[str, str], int]:
    """The counts a report shows as numbers, by (column, row)."""
    return {
        (column["key"], row["key"]): row["cells"][column["key"]]
        for table in figures["tables"]
        for column in table["columns"]
        if column["kind"] == "count"
        for row in table["rows"]
        if isinstance(row["cells"][column["key"]], int)
    }


def test_no_two_reports_a_municipality_can_get_give_away_a_small_count(cast, client, busy_north):
    client.force_login(cast.officer)
    reports = {}
    for data in candidate_inputs(cast.north.pk):
        response = client.get(reverse("reports:funding"), data)
        assert response.status_code == 200, data
        if response.context["figures"] is not None:
            period = response.context["period"]
            reports[(period.start, period.end)] = shown_counts(response.context["figures"])
    assert len(reports) > 1, "fewer than two periods to set side by side"

    overlapping, derived = [], []
    for (a, counts_a), (b, counts_b) in itertools.permutations(reports.items(), 2):
        if a[0] <= b[1] and b[0] <= a[1]:
            overlapping.append((a, b))
        if a[0] <= b[0] and b[1] <= a[1]:  # b lies inside a
            for cell in counts_a.keys() & counts_b.keys():
                if 1 <= counts_a[cell] - counts_b[cell] <= 4:
                    derived.append((a, b, cell, counts_a[cell] - counts_b[cell]))
    assert derived == []
    assert overlapping == []
