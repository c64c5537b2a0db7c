"""Registering and correcting time (urenregistratie) of a school social worker.

Direct client time is not logged twice: it comes from the worker's contacts and the group
sessions they lead (timesheet/week.py). Everything else is a TimeEntry (consultation, ZAT,
overleg, …). A worker registers and corrects their own entries, at schools they are assigned to
this school year, for dates in the current and the previous month only; every path goes through
log_time, update_time and delete_time.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from audit.log import Action, note
from cases.models import Case
from schools.access import assigned_schools
from schools.models import School
from smw.errors import Refused

from .models import TimeEntry

FIELDS = ("school", "on", "minutes", "activity", "case", "note")


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
        raise Refused(_("This is not your time entry."))


def _check_window(day: datetime.date, *, field: str | None = None) -> None:
    since = editable_since(timezone.localdate())
    if day < since:
        raise Refused(
            _("Time can only be registered or corrected from %(date)s onwards.")
            % {"date": formats.date_format(since, "DATE_FORMAT")},
            field=field,
        )


def _check_fields(worker: User, fields: dict) -> None:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown time entry fields: {', '.join(sorted(unknown))}")
    if not worker.has_role(Role.WORKER):
        raise Refused(_("Only a school social worker can register time."))
    school: School = fields["school"]
    if not assigned_schools(worker).filter(pk=school.pk).exists():
        raise Refused(_("You are not assigned to this school this school year."), field="school")
    day: datetime.date = fields["on"]
    if day > timezone.localdate():
        raise Refused(_("This date lies in the future."), field="on")
    _check_window(day, field="on")
    case: Case | None = fields.get("case")
    if case is not None and (case.caseworker_id != worker.pk or case.school_id != school.pk):
        raise Refused(_("Choose one of your own cases at this school."), field="case")


def log_time(worker: User, **fields) -> TimeEntry:
    """Register indirect time: school, on, minutes, activity, optional case and note."""
    fields.setdefault("case", None)
    fields.setdefault("note", "")
    _check_fields(worker, fields)
    entry = TimeEntry.objects.create(worker=worker, **fields)
    _note(Action.CREATE, entry, "time entry")
    return entry


def _note(action: str, entry: TimeEntry, description: str) -> None:
    """Time on a case touches that pupil's data: logged like any other change of the case."""
    if entry.case_id is not None:
        note(action, [entry.case.pupil_id], obj=entry, description=description)


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
    _note(Action.CHANGE, stored, "time entry")
    return stored


@transaction.atomic
def delete_time(entry: TimeEntry, worker: User) -> None:
    stored = TimeEntry.objects.select_for_update().get(pk=entry.pk)
    _check_owner(stored, worker)
    _check_window(stored.on)
    _note(Action.CHANGE, stored, "time entry deleted")
    stored.delete()
