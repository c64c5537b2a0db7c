"""Report periods: a month, a term, a school year, a calendar quarter, or any range of dates.

A Dutch school year runs from 1 August to 31 July. SMW reports per three terms:
1 August – 31 December, 1 January – 31 March, 1 April – 31 July.

A municipality's funding report covers one calendar quarter, once it is settled (docs/privacy.md).
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
        """Calendar quarter 1 to 4 of `year`: "Q3 2026 (jul–sep)"."""
        start = datetime.date(year, 3 * number - 2, 1)
        end_month = 3 * number
        end = datetime.date(year, end_month, calendar.monthrange(year, end_month)[1])
        label = _("Q%(n)s %(year)s (%(first)s–%(last)s)") % {
            "n": number,
            "year": year,
            "first": formats.date_format(start, "b"),
            "last": formats.date_format(end, "b"),
        }
        return cls(start, end, label)

    @classmethod
    def quarter_of(cls, day: datetime.date) -> Period:
        """The calendar quarter `day` lies in."""
        return cls.quarter(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def quarter_before(cls, day: datetime.date) -> Period:
        """The calendar quarter that ended most recently before `day`."""
        return cls.quarter_of(cls.quarter_of(day).start - datetime.timedelta(days=1))

    @property
    def quarter_key(self) -> str:
        """ "2026-Q3" for a calendar quarter: how a form names it."""
        return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"

    def months(self) -> list[Period]:
        result, day = [], self.start.replace(day=1)
        while day <= self.end:
            result.append(Period.month(day.year, day.month))
            day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return result

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


# --- The municipality's quarters ------------------------------------------------------------

# How many settled quarters a municipality can choose from: three years.
SETTLED_QUARTERS = 12


def settled_on(quarter: Period) -> datetime.date:
    """The first day a quarter's funding report is made: the first day of the second month
    after it. Until then its time entries can still be registered or corrected
    (timesheet.workflow.editable_since: this month and the previous one)."""
    after = quarter.end + datetime.timedelta(days=1)
    return (after.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def settled_quarters(
    today: datetime.date, *, since: datetime.date | None = None
) -> dict[str, Period]:
    """The quarters whose funding report can be made on `today`, newest first, by key
    ("2026-Q3"): the last SETTLED_QUARTERS, none that ended before `since` (the first data)."""
    quarter = Period.quarter_before(today)
    if settled_on(quarter) > today:
        quarter = Period.quarter_before(quarter.start)
    result: dict[str, Period] = {}
    while len(result) < SETTLED_QUARTERS and (since is None or quarter.end >= since):
        result[quarter.quarter_key] = quarter
        quarter = Period.quarter_before(quarter.start)
    return result


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
