"""The meldcode's deadlines on the worker's start page (accounts/today.py): what each open
trajectory waits for, soonest first, logged as a read of its pupil."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.today import Entry, Item, Urgency, provides

from . import access
from .deadlines import deadlines_of


@provides(Role.WORKER)
def meldcode_due(user: User, today: datetime.date):
    if not access.can_see_meldcode(user):
        return
    deadlines = []
    step_days: dict[int, int] = {}  # one look-up per organisation, not per trajectory
    for trajectory in access.shown_trajectories(user).open():
        organisation = trajectory.organisation_id
        if organisation not in step_days:
            step_days[organisation] = access.step_working_days(organisation)
        deadlines += deadlines_of(trajectory, today=today, step_days=step_days[organisation])
    if not deadlines:
        return
    deadlines.sort(key=lambda d: d.due)
    yield Item(
        key="meldcode",
        title=_("Meldcode: due"),
        count=len(deadlines),
        urgency=Urgency.LATE if deadlines[0].overdue else Urgency.DUE,
        url=reverse("meldcode:list"),
        date=deadlines[0].due,
        entries=[
            Entry(
                label=deadline.trajectory.case.pupil.full_name,
                url=reverse("meldcode:detail", args=[deadline.trajectory.pk]),
                detail=str(deadline.label),
                date=deadline.due,
                late=deadline.overdue,
            )
            for deadline in deadlines
        ],
    )
