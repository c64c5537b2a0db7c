"""The deadline of a request: one month from receipt, extendable once by up to two months."""

from __future__ import annotations

import calendar
import datetime

REMIND_DAYS_BEFORE = 7
MAX_EXTENSION_MONTHS = 2


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it has no such day (31 Jan + 1
    month is 28 or 29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def deadline_for(received_on: datetime.date) -> datetime.date:
    return add_months(received_on, 1)


def latest_extension(deadline: datetime.date) -> datetime.date:
    return add_months(deadline, MAX_EXTENSION_MONTHS)
