"""A clock for tests of things that start and end by themselves (stand-ins, emergency access).

Neither time-machine nor freezegun is a dependency, so the fixture replaces
`django.utils.timezone.now`, which `timezone.localdate()`, `localtime()` and every access check
call. A signed-in test client's session expires by that clock too: sign in again after moving it.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from schools.models import SchoolYear


def school_day() -> datetime.date:
    """A Tuesday in November of the current school year: today's assignments still hold."""
    day = datetime.date(SchoolYear.start_year_for_today(), 11, 10)
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7)


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self._monkeypatch = monkeypatch
        self.now: datetime.datetime | None = None

    def set(self, day: datetime.date, hour: int = 9, minute: int = 0, second: int = 0) -> None:
        """Local time `hour:minute:second` on `day`, from now on."""
        moment = datetime.datetime.combine(day, datetime.time(hour, minute, second))
        if self.now is None:
            self._monkeypatch.setattr(timezone, "now", lambda: self.now)
        self.now = timezone.make_aware(moment).astimezone(datetime.UTC)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)
