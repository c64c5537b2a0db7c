"""The summer holiday of each holiday region (vakantieregio), per year.

The `holidays` package knows public holidays, not school holidays; the Dutch government sets
the summer holiday per region years ahead (rijksoverheid.nl, "Schoolvakanties"). The table is
extended once a year, when the next years are published; a year missing from it has no known
holiday, so nothing is marked for it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from schools.models import School

Region = School.Region
D = datetime.date

# calendar year → region → (first day, last day), both inclusive (Saturday to Sunday).
SUMMER_HOLIDAYS: dict[int, dict[str, tuple[datetime.date, datetime.date]]] = {
    2024: {
        Region.NORTH: (D(2024, 7, 20), D(2024, 9, 1)),
        Region.MIDDLE: (D(2024, 7, 13), D(2024, 8, 25)),
        Region.SOUTH: (D(2024, 7, 6), D(2024, 8, 18)),
    },
    2025: {
        Region.NORTH: (D(2025, 7, 12), D(2025, 8, 24)),
        Region.MIDDLE: (D(2025, 7, 19), D(2025, 8, 31)),
        Region.SOUTH: (D(2025, 7, 5), D(2025, 8, 17)),
    },
    2026: {
        Region.NORTH: (D(2026, 7, 4), D(2026, 8, 16)),
        Region.MIDDLE: (D(2026, 7, 18), D(2026, 8, 30)),
        Region.SOUTH: (D(2026, 7, 11), D(2026, 8, 23)),
    },
    2027: {
        Region.NORTH: (D(2027, 7, 17), D(2027, 8, 29)),
        Region.MIDDLE: (D(2027, 7, 10), D(2027, 8, 22)),
        Region.SOUTH: (D(2027, 7, 24), D(2027, 9, 5)),
    },
}


@dataclass(frozen=True)
class Holiday:
    region: str
    first: datetime.date
    last: datetime.date

    def __contains__(self, day: datetime.date) -> bool:
        return self.first <= day <= self.last

    @property
    def first_school_day(self) -> datetime.date:
        """The Monday after the holiday (it ends on a Sunday)."""
        day = self.last + datetime.timedelta(days=1)
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        return day


def summer_holiday(region: str, year: int) -> Holiday | None:
    """The summer holiday of `region` in calendar year `year`, if the table knows it."""
    dates = SUMMER_HOLIDAYS.get(year, {}).get(region)
    return Holiday(region, *dates) if dates else None


def holiday_of(school: School, day: datetime.date | None) -> Holiday | None:
    """The summer holiday of the school's region that `day` falls in, if any."""
    if day is None:
        return None
    holiday = summer_holiday(school.region, day.year)
    return holiday if holiday is not None and day in holiday else None
