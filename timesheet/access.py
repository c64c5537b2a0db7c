"""Which time entries a worker may see and which cases they may log time on: their own only.
Somebody else's entry is missing, as far as they can tell (404)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import Role, User
from audit.log import Action, note, refuse
from cases.access import worker_cases
from cases.models import Case
from schools.access import assigned_schools

from .models import TimeEntry


def own_entries(user: User) -> QuerySet[TimeEntry]:
    if not user.has_role(Role.WORKER):
        return TimeEntry.objects.none()
    return TimeEntry.objects.filter(worker=user).shown("case__pupil_id")


def get_entry_for_worker(user: User, pk: int) -> TimeEntry:
    """One of the worker's own entries; missing or somebody else's: 404."""
    entry = TimeEntry.objects.select_related("school", "case__pupil").filter(pk=pk).first()
    if entry is None:
        raise Http404
    pupils = [entry.case.pupil_id] if entry.case_id else []
    if not (user.has_role(Role.WORKER) and entry.worker_id == user.pk):
        refuse(entry, pupils)
    note(Action.VIEW, pupils, obj=entry, description="time entry")
    return entry


def loggable_cases(user: User) -> QuerySet[Case]:
    """The worker's own cases (open or closed) at the schools they are assigned to this year."""
    return worker_cases(user).filter(
        caseworker=user, school__in=assigned_schools(user).values("pk")
    )
