"""A settled quarter's funding report is made once: every later page, export or PDF of that
quarter shows the same figures, whatever is registered in it afterwards."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reports import funding, runs
from reports.models import FundingSnapshot, ReportRun
from reports.periods import Period
from reports.suppression import HIDDEN, SMALL, WITHHELD

from .builders import at, create_case, create_contact, create_time_entry

D = datetime.date
TODAY = D(2026, 12, 4)
Q3 = Period.quarter(2026, 3)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)


def add_case(cast, school, day: datetime.date, n: int):
    case = create_case(
        school=school,
        first_name=f"Kind{n}",
        last_name="Test",
        signalled_on=day,
        moves=[(at(day + datetime.timedelta(days=3)), "intake")],
        caseworker=cast.worker,
        reported_by=cast.worker,
        categories=["pesten"] if n % 2 else ["gedrag"],
    )
    create_contact(case=case, held_on=day + datetime.timedelta(days=3), minutes=30)
    return case


@pytest.fixture
def quarter_data(cast):
    """Seven cases at school A and three at school B in the third quarter of 2026."""
    for n in range(10):
        school = cast.school_a if n < 7 else cast.school_b
        add_case(cast, school, D(2026, 7, 6) + datetime.timedelta(days=7 * n), n)
    create_time_entry(
        worker=cast.worker, school=cast.school_a, on=D(2026, 8, 20), minutes=90, activity="zat"
    )


def test_a_late_registration_changes_no_report_already_made(cast, client, quarter_data):
    client.force_login(cast.officer)
    query = {"municipality": cast.north.pk, "quarter": "2026-Q3"}
    before = client.get(reverse("reports:funding"), query).context["figures"]
    csv_before = client.get(reverse("reports:funding_export", args=["csv"]), query).content

    # registered late: a case signalled in August, with a contact in September
    late = add_case(cast, cast.school_a, D(2026, 8, 30), 99)
    assert funding.funding_figures(cast.north, Q3) != before  # computed anew, it would show

    after = client.get(reverse("reports:funding"), query).context["figures"]
    assert after == before
    assert client.get(reverse("reports:funding_export", args=["csv"]), query).content == (
        csv_before
    )
    assert FundingSnapshot.objects.count() == 1
    assert late.pk  # still there: only the report did not change


def test_the_snapshot_holds_no_count_below_5_and_no_pupil(cast, client, quarter_data):
    client.force_login(cast.officer)
    client.get(reverse("reports:funding"), {"municipality": cast.north.pk, "quarter": "2026-Q3"})
    snapshot = FundingSnapshot.objects.get()
    assert (snapshot.municipality, snapshot.period_start, snapshot.period_end) == (
        cast.north,
        Q3.start,
        Q3.end,
    )
    shown = funding.settled_figures(cast.north, Q3)
    count_columns = {
        column["key"]
        for table in shown["tables"]
        for column in table["columns"]
        if column["kind"] == "count"
    }
    counts = [
        value
        for cells in snapshot.figures["cells"].values()
        for column, value in cells.items()
        if column in count_columns and isinstance(value, int)
    ]
    assert counts and all(value == 0 or value >= 5 for value in counts)
    marks = {value for cells in snapshot.figures["cells"].values() for value in cells.values()}
    assert SMALL in marks and HIDDEN in marks | {WITHHELD}
    assert "Kind" not in str(snapshot.figures) and "VRIJE-TEKST" not in str(snapshot.figures)


def test_the_snapshot_shows_what_the_figures_showed_when_it_was_made(cast, quarter_data):
    fresh = funding.funding_figures(cast.north, Q3)
    assert funding.settled_figures(cast.north, Q3) == fresh  # made and read back from JSON
    assert funding.settled_figures(cast.north, Q3) == fresh  # read


def test_two_requests_at_once_make_one_snapshot(cast, quarter_data, monkeypatch):
    """The other request stores its figures between this one's look and its own store."""
    protect = funding._protect
    theirs = {}

    def racing(municipality, period):
        figures = protect(municipality, period)
        theirs.update(figures, uses_withheld="theirs")
        FundingSnapshot.objects.create(
            municipality=municipality,
            period_start=period.start,
            period_end=period.end,
            figures=theirs,
        )
        return figures

    monkeypatch.setattr(funding, "_protect", racing)
    shown = funding.settled_figures(cast.north, Q3)
    assert FundingSnapshot.objects.count() == 1
    assert shown["uses_withheld"] == "theirs"  # the stored figures, not its own


def test_the_pdf_of_a_quarter_shows_the_snapshot(cast, quarter_data, monkeypatch, settings):
    shown = funding.settled_figures(cast.north, Q3)
    add_case(cast, cast.school_a, D(2026, 8, 30), 99)
    made = []
    monkeypatch.setattr(runs, "render_pdf", lambda template, context: made.append(context))
    run = ReportRun.objects.create(
        kind=ReportRun.Kind.FUNDING,
        municipality=cast.north,
        period_start=Q3.start,
        period_end=Q3.end,
        label=Q3.label,
    )
    runs.render_run(run)
    assert made[0]["figures"] == shown
