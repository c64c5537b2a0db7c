"""Stand-ins (waarneming): the team leader records who stands in for whom, from and until.

The stand-in reads the colleague's cases at the schools they are assigned to themselves (cases/
access.py) from `starts_on` through `ends_on`; nothing has to run at midnight, because the access
checks compare with today. A stand-in that has begun can be ended early (`ended_at`); one that
has not begun can be deleted. Each change is a GRANT row in the access log: who granted what to
whom, without pupil data.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import team_workers
from accounts.models import Role, User
from audit.log import Action, note
from smw.errors import Refused

from .access import visible_stand_ins
from .models import StandIn

MAX_DAYS = 366


class StandInRefused(Refused):
    """A stand-in the rules do not allow; str(exc) says why."""


def _describe(what: str, stand_in: StandIn) -> str:
    return (
        f"stand-in {what}: {stand_in.stand_in.username} for {stand_in.for_worker.username}, "
        f"{stand_in.starts_on:%Y-%m-%d} to {stand_in.ends_on:%Y-%m-%d}"
    )


def _overlap_message(stand_in: User, for_worker: User) -> str:
    return _("%(stand_in)s already stands in for %(for_worker)s during part of this period.") % {
        "stand_in": stand_in,
        "for_worker": for_worker,
    }


@transaction.atomic
def record_stand_in(
    *,
    by: User,
    stand_in: User,
    for_worker: User,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> StandIn:
    """Record that `stand_in` covers `for_worker` from `starts_on` through `ends_on`."""
    if not by.has_role(Role.TEAMLEAD):
        raise StandInRefused(_("Only a team leader can record a stand-in."))
    team = set(team_workers(by).values_list("pk", flat=True))
    if stand_in.pk not in team:
        raise StandInRefused(
            _("Choose a school social worker of your organisation."), field="stand_in"
        )
    if for_worker.pk not in team:
        raise StandInRefused(
            _("Choose a school social worker of your organisation."), field="for_worker"
        )
    if stand_in.pk == for_worker.pk:
        raise StandInRefused(_("A worker cannot stand in for themselves."), field="stand_in")
    if starts_on < timezone.localdate():
        raise StandInRefused(_("A stand-in cannot start in the past."), field="starts_on")
    if ends_on < starts_on:
        raise StandInRefused(_("The last day lies before the first day."), field="ends_on")
    if (ends_on - starts_on).days >= MAX_DAYS:
        raise StandInRefused(_("A stand-in lasts at most a year."), field="ends_on")
    overlapping = StandIn.objects.filter(
        stand_in=stand_in,
        for_worker=for_worker,
        ended_at__isnull=True,
        starts_on__lte=ends_on,
        ends_on__gte=starts_on,
    )
    if overlapping.exists():
        raise StandInRefused(_overlap_message(stand_in, for_worker))
    try:
        with transaction.atomic():
            record = StandIn.objects.create(
                stand_in=stand_in,
                for_worker=for_worker,
                starts_on=starts_on,
                ends_on=ends_on,
                recorded_by=by,
                recorded_at=timezone.now(),
            )
    except IntegrityError:  # another team leader saved an overlapping one just now
        raise StandInRefused(_overlap_message(stand_in, for_worker)) from None
    note(Action.GRANT, obj=record, description=_describe("recorded", record))
    return record


def _locked(stand_in: StandIn, by: User) -> StandIn:
    record = visible_stand_ins(by).select_for_update(of=("self",)).filter(pk=stand_in.pk).first()
    if record is None:
        raise StandInRefused(_("You cannot change this stand-in."))
    return record


@transaction.atomic
def end_stand_in(stand_in: StandIn, *, by: User) -> StandIn:
    """End a stand-in that has begun, now: the access stops at once."""
    record = _locked(stand_in, by)
    if not record.has_started():
        raise StandInRefused(_("This stand-in has not begun yet: delete it instead."))
    if record.is_over():
        raise StandInRefused(_("This stand-in has already ended."))
    record.ended_at = timezone.now()
    record.save(update_fields=["ended_at"])
    note(Action.GRANT, obj=record, description=_describe("ended early", record))
    return record


@transaction.atomic
def delete_stand_in(stand_in: StandIn, *, by: User) -> None:
    """Delete a stand-in that has not begun (a mistake, or no longer needed)."""
    record = _locked(stand_in, by)
    if record.has_started():
        raise StandInRefused(_("A stand-in that has begun cannot be deleted: end it instead."))
    note(Action.GRANT, obj=record, description=_describe("deleted", record))
    record.delete()
