"""Figures people read right: a report over a period that has not ended compares the hours with
the contract up to today, and says so; a registration made before its month ends runs "tot en
met" today, never to a date still to come."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from reports import figures
from reports.charts import SERIES_COLOURS, bar_chart, funding_charts
from reports.periods import Period
from schools.models import SchoolYear
from tests import factories
from timesheet.models import TimeEntry


def _school_with_contract(hours: int = 400):
    school = factories.create_school()
    worker = factories.create_worker(schools=[])
    factories.create_assignment(worker=worker, school=school, hours=str(hours))
    return school, worker


def test_a_school_year_that_has_not_ended_is_compared_with_the_contract_so_far(db):
    school, worker = _school_with_contract(400)
    today = timezone.localdate()
    year = Period.school_year(SchoolYear.start_year_for(today))
    TimeEntry.objects.create(
        worker=worker, school=school, on=today, minutes=600, activity="administratie"
    )
    result = figures.rapportage(school, year)
    so_far = figures.contracted_hours(school, Period(year.start, today, ""))
    assert result["partial"] is True
    assert result["as_of"] == today
    assert result["hours"]["contracted"] == Decimal("400.0")  # the whole year, still shown
    assert result["hours"]["contracted_to_date"] == so_far < Decimal("400.0")
    assert result["hours"]["percentage"] == round(Decimal("10.0") * 100 / so_far)


def test_the_rapportage_says_in_one_line_what_the_hours_are_compared_with(db):
    school, _worker = _school_with_contract()
    today = timezone.localdate()
    year = Period.school_year(SchoolYear.start_year_for(today))
    result = figures.rapportage(school, year)
    with translation.override("nl"):
        html = render_to_string(
            "reports/pdf/rapportage.html",
            {"school": school, "period": year, "figures": result, "made_at": timezone.now()},
        )
        date = formats.date_format(today, "j F Y")
    assert f"vergeleken met het contract tot en met {date}" in html
    assert f"tot en met {date}" in html.split("</div>")[0]  # on the cover's period line


def test_a_registration_made_before_the_month_ends_runs_up_to_today(db):
    school, _worker = _school_with_contract()
    today = timezone.localdate()
    month = Period.month(today.year, today.month)
    result = figures.registration(school, month)
    with translation.override("nl"):
        html = render_to_string(
            "reports/pdf/registration.html",
            {"school": school, "period": month, "figures": result, "made_at": timezone.now()},
        )
        date = formats.date_format(today, "j F Y")
        end = formats.date_format(month.end, "j F Y")
    if today < month.end:
        assert result["partial"] is True
        assert f"tot en met {date}" in html
        assert f"Open dossiers op {date}" in html
        assert end not in html  # no date still to come
    assert result["as_of"] == today


def test_a_registration_of_a_past_month_runs_to_its_end(db):
    school, _worker = _school_with_contract()
    month = Period.previous_month(timezone.localdate())
    result = figures.registration(school, month)
    assert result["partial"] is False
    assert result["as_of"] == month.end


def test_a_chart_of_two_series_has_two_colours_and_a_legend():
    svg = bar_chart(
        ["PO: gecontracteerd", "PO: geleverd"],
        [100, 40],
        title="Uren",
        series=[0, 1],
        legend=["Gecontracteerd", "Geleverd"],
    )
    assert SERIES_COLOURS[0] in svg and SERIES_COLOURS[1] in svg
    assert ">Gecontracteerd</text>" in svg and ">Geleverd</text>" in svg


def test_the_funding_hours_chart_tells_contracted_from_delivered_by_colour():
    row = {"level": "total", "sector": "", "label": "Totaal"}
    row["cells"] = {"contracted": Decimal(100), "delivered": Decimal(40)}
    empty = {"columns": [], "rows": [{"cells": {}}]}
    charts = funding_charts(
        {
            "hours": {"rows": [row]},
            "categories": empty,
            "outcome": empty,
            "referrals": empty,
        }
    )
    assert SERIES_COLOURS[0] in charts["hours"] and SERIES_COLOURS[1] in charts["hours"]


def test_the_pdf_style_keeps_headings_and_the_first_rows_with_their_table():
    from django.contrib.staticfiles import finders

    css = Path(finders.find("smw/pdf.css")).read_text(encoding="utf-8")
    assert "break-after: avoid" in css
    assert "tbody tr:first-child" in css
    assert "orphans" in css


def test_as_of_is_the_end_or_today():
    period = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), "2026")
    assert figures.as_of(period, datetime.date(2026, 6, 1)) == datetime.date(2026, 6, 1)
    assert figures.as_of(period, datetime.date(2027, 6, 1)) == period.end
