"""Time registration (urenregistratie) of a school social worker.

Direct client time is not logged twice: it comes from the worker's contacts and the group
sessions they lead. Everything else is a TimeEntry (consultation, ZAT, overleg, …). A worker
registers and corrects their own entries, at schools they are assigned to this school year,
for dates in the current and the previous month only; every path goes through log_time,
update_time and delete_time.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import QuerySet, Sum
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from cases.access import worker_cases
from cases.models import Case, Contact, GroupSession
from cases.workflow import TransitionRefused
from schools.access import assigned_schools, my_assignments
from schools.models import School

from .models import TimeEntry

FIELDS = ("school", "on", "minutes", "activity", "case", "note")
Activity = TimeEntry.Activity


class TimeRefused(TransitionRefused):
    """A refused registration; `field` names the form field the message belongs to, if any."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


# --- Access ----------------------------------------------------------------------------------


def own_entries(user: User) -> QuerySet[TimeEntry]:
    if not user.has_role(Role.WORKER):
        return TimeEntry.objects.none()
    return TimeEntry.objects.filter(worker=user)


def get_entry_for_worker(user: User, pk: int) -> TimeEntry:
    """One of the worker's own entries; missing or somebody else's: 404."""
    entry = own_entries(user).select_related("school", "case__pupil").filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def loggable_cases(user: User) -> QuerySet[Case]:
    """The worker's own cases (open or closed) at the schools they are assigned to this year."""
    return worker_cases(user).filter(
        caseworker=user, school__in=assigned_schools(user).values("pk")
    )


# --- The editable window ---------------------------------------------------------------------


def editable_since(today: datetime.date) -> datetime.date:
    """The first day of the previous month: older entries are closed for correction."""
    first_of_month = today.replace(day=1)
    return (first_of_month - datetime.timedelta(days=1)).replace(day=1)


def is_editable(entry: TimeEntry, today: datetime.date | None = None) -> bool:
    return entry.on >= editable_since(today or timezone.localdate())


# --- Registering and correcting --------------------------------------------------------------


def _check_owner(entry: TimeEntry, worker: User) -> None:
    if entry.worker_id != worker.pk:
        raise TimeRefused(_("This is not your time entry."))


def _check_window(day: datetime.date, *, field: str | None = None) -> None:
    since = editable_since(timezone.localdate())
    if day < since:
        raise TimeRefused(
            _("Time can only be registered or corrected from %(date)s onwards.")
            % {"date": formats.date_format(since, "DATE_FORMAT")},
            field=field,
        )


def _check_fields(worker: User, fields: dict) -> None:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown time entry fields: {', '.join(sorted(unknown))}")
    if not worker.has_role(Role.WORKER):
        raise TimeRefused(_("Only a school social worker can register time."))
    school: School = fields["school"]
    if not assigned_schools(worker).filter(pk=school.pk).exists():
        raise TimeRefused(
            _("You are not assigned to this school this school year."), field="school"
        )
    day: datetime.date = fields["on"]
    if day > timezone.localdate():
        raise TimeRefused(_("This date lies in the future."), field="on")
    _check_window(day, field="on")
    case: Case | None = fields.get("case")
    if case is not None and (case.caseworker_id != worker.pk or case.school_id != school.pk):
        raise TimeRefused(_("Choose one of your own cases at this school."), field="case")


def log_time(worker: User, **fields) -> TimeEntry:
    """Register indirect time: school, on, minutes, activity, optional case and note."""
    fields.setdefault("case", None)
    fields.setdefault("note", "")
    _check_fields(worker, fields)
    return TimeEntry.objects.create(worker=worker, **fields)


@transaction.atomic
def update_time(entry: TimeEntry, worker: User, **fields) -> TimeEntry:
    """Correct one's own entry; both its old and its new date must lie in the editable window."""
    # Read the stored row again: a bound ModelForm has already changed the instance in memory.
    stored = TimeEntry.objects.select_for_update().get(pk=entry.pk)
    _check_owner(stored, worker)
    _check_window(stored.on)
    values = {name: getattr(stored, name) for name in FIELDS} | fields
    _check_fields(worker, values)
    for name, value in values.items():
        setattr(stored, name, value)
    stored.save(update_fields=list(FIELDS))
    return stored


@transaction.atomic
def delete_time(entry: TimeEntry, worker: User) -> None:
    stored = TimeEntry.objects.select_for_update().get(pk=entry.pk)
    _check_owner(stored, worker)
    _check_window(stored.on)
    stored.delete()


# --- The week overview -----------------------------------------------------------------------

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
    start = week_start_of(week_start)
    end = start + datetime.timedelta(days=6)
    entries = list(
        TimeEntry.objects.filter(worker=worker, school=school, on__range=(start, end))
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
