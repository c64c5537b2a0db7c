"""What Celery beat asks for. The same request_report a person's click calls."""

from __future__ import annotations

import datetime

from schools.models import School, SchoolYear

from .models import ReportRun
from .periods import Period, settled_quarters
from .runs import request_report


def schools_in_service(day: datetime.date):
    """Active schools with SMW assigned in the school year of `day`."""
    return School.objects.filter(
        active=True, assignments__school_year__start_year=SchoolYear.start_year_for(day)
    ).distinct()


def monthly_registrations(today: datetime.date) -> int:
    period = Period.previous_month(today)
    count = 0
    for school in schools_in_service(period.end):
        request_report(kind=ReportRun.Kind.REGISTRATION, school=school, period=period)
        count += 1
    return count


def quarterly_funding(today: datetime.date) -> int:
    """Every municipality's funding report for the quarter settled most recently."""
    from schools.models import Municipality

    period = next(iter(settled_quarters(today).values()))
    count = 0
    for municipality in Municipality.objects.filter(
        schools__in=schools_in_service(period.end)
    ).distinct():
        request_report(kind=ReportRun.Kind.FUNDING, municipality=municipality, period=period)
        count += 1
    return count


def term_rapportages(today: datetime.date) -> int:
    term = Period.term_before(today)
    periods = [term]
    if today.month == 8 and today.day == 1:
        periods.append(Period.school_year(today.year - 1))
    count = 0
    for school in schools_in_service(term.end):
        for period in periods:
            request_report(kind=ReportRun.Kind.RAPPORTAGE, school=school, period=period)
            count += 1
    return count
