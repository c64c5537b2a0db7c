"""The AVG requests on the start pages (accounts/today.py): the open requests a worker handles or
a privacy officer (or, where the organisation has none, a team leader) decides, soonest deadline
first. The pupils of the rows shown are logged (rights.access.shown_requests)."""

from __future__ import annotations

import datetime

from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.today import Entry, Item, Urgency, first_rows, provides

from . import access


@provides(Role.WORKER, Role.PRIVACY, Role.TEAMLEAD)
def open_requests(user: User, today: datetime.date):
    if not access.can_use_rights(user):
        return
    rows, count = first_rows(
        access.shown_requests(user)
        .open()
        .annotate(due=Coalesce("extended_until", "deadline"))
        .order_by("due", "pk")
    )
    if count:
        first = rows[0].due
        yield Item(
            key="rights-requests",
            title=_("AVG requests: deadlines"),
            count=count,
            urgency=Urgency.by_deadline(first, today),
            url=reverse("rights:list"),
            date=first,
            entries=[
                Entry(
                    label=row.pupil.full_name,
                    url=reverse("rights:detail", args=[row.pk]),
                    detail=f"{row.get_kind_display()}, {row.get_status_display()}",
                    date=row.due,
                    late=row.due < today,
                )
                for row in rows
            ],
        )
