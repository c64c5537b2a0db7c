"""Retention on the start pages (accounts/today.py): the worker's werkaantekeningen on closed
cases and the day they are destroyed; the destruction lists that wait for the privacy officer's
decision; the dossiers past their term that the team leader may propose. Cases are named by
their number only (metadata, no read of the pupil's data)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Role, User
from accounts.today import SHOWN_PER_KIND, Entry, Item, Urgency, first_rows, provides

from .access import Scope
from .models import DestructionList


@provides(Role.WORKER)
def work_notes_expiring(user: User, today: datetime.date):
    """The author's work notes on closed cases: a fixed number of queries, however many (the
    grace period of a month keeps the list short)."""
    from .work_notes import expiring

    rows = expiring(author=user)
    if rows:
        first = rows[0].expires_on
        yield Item(
            key="work-notes-expiring",
            title=_("Your work notes on closed cases will be destroyed"),
            count=len(rows),
            urgency=Urgency.by_deadline(first, today),
            date=first,
            entries=[
                Entry(
                    label=str(row.case),
                    url=reverse("cases:detail", args=[row.case.pk]),
                    detail=ngettext("%(n)d work note", "%(n)d work notes", row.notes)
                    % {"n": row.notes},
                    date=row.expires_on,
                    late=row.expires_on < today,
                )
                for row in rows[:SHOWN_PER_KIND]
            ],
        )


@provides(Role.PRIVACY)
def destruction_lists_waiting(user: User, today: datetime.date):
    """Proposed lists of the privacy officer's organisations that someone else proposed (four
    eyes: the proposer does not decide)."""
    scope = Scope(user)
    rows, count = first_rows(
        DestructionList.objects.filter(
            organisation__in=scope.organisations_as(Role.PRIVACY).values("pk"),
            status=DestructionList.Status.PROPOSED,
        )
        .exclude(proposed_by=user)
        .order_by("proposed_at", "pk")
    )
    if count:
        yield Item(
            key="destruction-lists",
            title=_("Destruction lists waiting for your decision"),
            count=count,
            urgency=Urgency.DUE,
            url=reverse("retention:overview"),
            date=timezone.localdate(rows[0].proposed_at),
            entries=[
                Entry(label=str(row), url=reverse("retention:list", args=[row.pk])) for row in rows
            ],
        )


@provides(Role.TEAMLEAD)
def dossiers_to_propose(user: User, today: datetime.date):
    """Dossiers of the team leader's organisations past their retention term, where no list waits
    for a decision yet: the team leader proposes them."""
    from .terms import due_dossiers

    scope = Scope(user)
    waiting = DestructionList.objects.filter(status=DestructionList.Status.PROPOSED).values(
        "organisation"
    )
    organisations = list(
        scope.organisations_as(Role.TEAMLEAD).exclude(pk__in=waiting).values_list("pk", flat=True)
    )
    if not organisations:
        return
    due = due_dossiers(today, organisations=organisations)
    if due:
        yield Item(
            key="dossiers-to-propose",
            title=_("Dossiers past their retention term, to propose for destruction"),
            count=len(due),
            urgency=Urgency.DUE,
            url=reverse("retention:overview"),
            date=due[0].term_ended_on,
        )
