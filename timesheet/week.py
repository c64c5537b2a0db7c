"""The week overview: one worker's hours at one school in one ISO week, by day and activity,
against the contracted hours. Indirect time comes from TimeEntry rows, direct client time from
the worker's contacts and the group sessions they lead."""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils import timezone

from accounts.models import User
from cases.models import Contact, GroupSession
from schools.access import my_assignments
from schools.models import School

from .models import TimeEntry
from .workflow import is_editable

Activity = TimeEntry.Activity

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")


def week_start_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def parse_iso_week(value: str) -> datetime.date | None:
    """The Monday of an ISO week written as YYYY-Www (what <input type="week"> sends)."""
    match = _ISO_WEEK.match(value.strip())
    if match is None:
        return None
    try:
        return datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        return None


def iso_week(day: datetime.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def contracted_hours_per_week(worker: User, school: School) -> Decimal | None:
    """contracted_hours / 40 of this school year's assignment; None without one."""
    assignment = my_assignments(worker).filter(school=school).first()
    return assignment.hours_per_week if assignment else None


def _minutes_by_day(queryset, date_field: str) -> dict[datetime.date, int]:
    rows = queryset.values(date_field).annotate(total=Sum("minutes")).order_by()
    return {row[date_field]: row["total"] for row in rows}


def week_overview(worker: User, school: School, week_start: datetime.date) -> dict:
    """Hours of one worker at one school in the ISO week that contains `week_start`.

    Returns a dict with:
      week_start, week_end, school;
      activities: [{"value", "label", "minutes", "hours"}] — indirect time per activity;
      indirect: {activity value: hours} — the same, for lookups;
      indirect_hours, direct_hours, total_hours;
      contracted_hours: per week (Decimal) from the current assignment, None without one;
      balance: total − contracted (None without a contract), balance_abs its size;
      status: "over", "under" or "even";
      days: [{"date", "cells": [hours per activity], "indirect_hours", "direct_hours",
              "total_hours"}] — Monday to Sunday;
      entries: the week's TimeEntry rows, each with `.editable`.
    """
    from .access import own_entries

    start = week_start_of(week_start)
    end = start + datetime.timedelta(days=6)
    entries = list(
        own_entries(worker)
        .filter(school=school, on__range=(start, end))
        .select_related("case__pupil")
        .order_by("on", "pk")
    )
    # Direct time. A group session is one Contact per participant's case: count the session
    # once, led by the worker, and only the contacts that do not belong to a session.
    contacts = _minutes_by_day(
        Contact.objects.filter(
            author=worker,
            case__school=school,
            held_on__range=(start, end),
            group_session__isnull=True,
        ),
        "held_on",
    )
    sessions = _minutes_by_day(
        GroupSession.objects.filter(
            group__worker=worker, group__school=school, held_on__range=(start, end)
        ),
        "held_on",
    )

    activities = list(Activity)
    per_cell: dict[tuple[datetime.date, str], int] = {}
    for entry in entries:
        key = (entry.on, entry.activity)
        per_cell[key] = per_cell.get(key, 0) + entry.minutes

    days = []
    for offset in range(7):
        day = start + datetime.timedelta(days=offset)
        cells = [per_cell.get((day, activity.value), 0) for activity in activities]
        direct = contacts.get(day, 0) + sessions.get(day, 0)
        days.append(
            {
                "date": day,
                "cells": [hours(m) for m in cells],
                "indirect_hours": hours(sum(cells)),
                "direct_hours": hours(direct),
                "total_hours": hours(sum(cells) + direct),
            }
        )

    activity_minutes = {
        activity.value: sum(per_cell.get((d["date"], activity.value), 0) for d in days)
        for activity in activities
    }
    indirect_minutes = sum(activity_minutes.values())
    direct_minutes = sum(contacts.values()) + sum(sessions.values())
    total = hours(indirect_minutes + direct_minutes)
    contracted = contracted_hours_per_week(worker, school)
    balance = None if contracted is None else total - contracted
    status = "even"
    if balance:
        status = "over" if balance > 0 else "under"

    today = timezone.localdate()
    for entry in entries:
        entry.editable = is_editable(entry, today)
    return {
        "school": school,
        "week_start": start,
        "week_end": end,
        "activities": [
            {
                "value": activity.value,
                "label": activity.label,
                "minutes": activity_minutes[activity.value],
                "hours": hours(activity_minutes[activity.value]),
            }
            for activity in activities
        ],
        "indirect": {value: hours(m) for value, m in activity_minutes.items()},
        "indirect_hours": hours(indirect_minutes),
        "direct_hours": hours(direct_minutes),
        "total_hours": total,
        "contracted_hours": contracted,
        "balance": balance,
        "balance_abs": None if balance is None else abs(balance),
        "status": status,
        "days": days,
        "entries": entries,
    }


def week_hours_of(worker: User, day: datetime.date) -> dict:
    """The start page: the worker's hours in the week of `day` at all schools (indirect time,
    contacts and group sessions), against the contracted hours per week of this year's
    assignments. A fixed number of queries (sums), whatever the week holds."""
    start = week_start_of(day)
    end = start + datetime.timedelta(days=6)

    def total(queryset) -> int:
        return queryset.aggregate(total=Sum("minutes"))["total"] or 0

    minutes = (
        total(TimeEntry.objects.filter(worker=worker, on__range=(start, end)))
        + total(
            Contact.objects.filter(
                author=worker, held_on__range=(start, end), group_session__isnull=True
            )
        )
        + total(GroupSession.objects.filter(group__worker=worker, held_on__range=(start, end)))
    )
    contracted = sum((a.hours_per_week for a in my_assignments(worker)), Decimal(0))
    return {
        "week_start": start,
        "week_end": end,
        "week": iso_week(start),
        "hours": hours(minutes),
        "contracted": contracted,
    }
