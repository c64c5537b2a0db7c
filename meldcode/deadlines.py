"""Working days (no weekends, no Dutch public holidays) and the due dates of the meldcode.

- Veilig Thuis decides within five working days after a melding and reports back: the feedback
  is due five working days after the melding.
- A5 is due at the end of the agreed help term.
- A step is open too long after the organisation's number of working days (meldcode.Setting).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache

import holidays
from django.utils.translation import gettext_lazy as _

FEEDBACK_WORKING_DAYS = 5
DEFAULT_STEP_WORKING_DAYS = 10


@cache
def _public_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("NL", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_working_days(day: datetime.date, n: int) -> datetime.date:
    """The n-th working day after `day` (`day` itself never counts)."""
    while n > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


@dataclass(frozen=True)
class Deadline:
    trajectory: object
    kind: str
    label: str
    due: datetime.date
    today: datetime.date

    @property
    def overdue(self) -> bool:
        return self.due < self.today


def deadlines_of(trajectory, *, today: datetime.date, step_days: int) -> list[Deadline]:
    """What an open trajectory waits for, with its due date."""
    from .models import Trajectory

    if not trajectory.is_open:
        return []
    found = []
    if trajectory.reported_on and not trajectory.feedback_on:
        found.append(
            Deadline(
                trajectory,
                "feedback",
                _("Feedback from Veilig Thuis"),
                add_working_days(trajectory.reported_on, FEEDBACK_WORKING_DAYS),
                today,
            )
        )
    elif trajectory.help_until and trajectory.step == Trajectory.Step.DECISION:
        found.append(
            Deadline(
                trajectory, "a5", _("A5 at the end of the help term"), trajectory.help_until, today
            )
        )
    else:
        found.append(
            Deadline(
                trajectory,
                "step",
                _("Step open too long"),
                add_working_days(trajectory.step_since, step_days),
                today,
            )
        )
    return found
