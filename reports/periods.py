"""Report periods: a month, a term, a school year, or any range of dates.

A Dutch school year runs from 1 August to 31 July. SMW reports per three terms:
1 August – 31 December, 1 January – 31 March, 1 April – 31 July.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from schools.models import SchoolYear

TERMS = ((8, 1, 12, 31), (1, 1, 3, 31), (4, 1, 7, 31))  # (start month, day, end month, day)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    label: str

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("period ends before it starts")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        start = datetime.date(year, month, 1)
        return cls(start, datetime.date(year, month, last), formats.date_format(start, "F Y"))

    @classmethod
    def previous_month(cls, today: datetime.date) -> Period:
        first = today.replace(day=1) - datetime.timedelta(days=1)
        return cls.month(first.year, first.month)

    @classmethod
    def school_year(cls, start_year: int) -> Period:
        year = SchoolYear(start_year=start_year)
        return cls(year.start, year.end, _("school year %(name)s") % {"name": year.name})

    @classmethod
    def term(cls, start_year: int, number: int) -> Period:
        """Term 1, 2 or 3 of the school year that starts in `start_year`."""
        m1, d1, m2, d2 = TERMS[number - 1]
        year = start_year if number == 1 else start_year + 1
        return cls(
            datetime.date(year, m1, d1),
            datetime.date(year, m2, d2),
            _("term %(n)s %(name)s") % {"n": number, "name": f"{start_year}-{start_year + 1}"},
        )

    @classmethod
    def term_before(cls, today: datetime.date) -> Period:
        """The term that ended most recently before `today`."""
        start_year = SchoolYear.start_year_for(today)
        candidates = [cls.term(y, n) for y in (start_year - 1, start_year) for n in (1, 2, 3)]
        return max((p for p in candidates if p.end < today), key=lambda p: p.end)

    @classmethod
    def quarter(cls, year: int, number: int) -> Period:
        start = datetime.date(year, 3 * number - 2, 1)
        end_month = 3 * number
        end = datetime.date(year, end_month, calendar.monthrange(year, end_month)[1])
        return cls(start, end, _("Q%(n)s %(year)s") % {"n": number, "year": year})

    @classmethod
    def quarter_before(cls, today: datetime.date) -> Period:
        first = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        last_day = first - datetime.timedelta(days=1)
        return cls.quarter(last_day.year, (last_day.month - 1) // 3 + 1)

    def months(self) -> list[Period]:
        result, day = [], self.start.replace(day=1)
        while day <= self.end:
            result.append(Period.month(day.year, day.month))
            day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return result

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def available_periods(today: datetime.date) -> dict[str, tuple[str, Period]]:
    """Months of the last year, terms and school years of the last two years, up to today."""
    result: dict[str, tuple[str, Period]] = {}
    month = today.replace(day=1)
    for _i in range(12):
        period = Period.month(month.year, month.month)
        result[f"m{period.start:%Y%m}"] = (_("Month"), period)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    start_year = SchoolYear.start_year_for(today)
    for year in (start_year, start_year - 1):
        for n in (1, 2, 3):
            term = Period.term(year, n)
            if term.start <= today:
                result[f"t{year}{n}"] = (_("Term"), term)
        result[f"y{year}"] = (_("School year"), Period.school_year(year))
    return result
