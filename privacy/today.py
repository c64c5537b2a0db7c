"""The privacy officer's start page (accounts/today.py): the access signals nobody has reviewed
yet, per kind, in one query."""

from __future__ import annotations

import datetime

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.today import Entry, Item, Urgency, provides

from .access import Scope
from .mail import waiting
from .models import AccessSignal


@provides(Role.PRIVACY)
def signals_to_review(user: User, today: datetime.date):
    rows = list(
        waiting(Scope(user))
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"), first=Min("found_at"))
        .order_by("kind")
    )
    if rows:
        labels = dict(AccessSignal.Kind.choices)
        url = reverse("privacy:signals")
        yield Item(
            key="access-signals",
            title=_("Signals waiting for review"),
            count=sum(row["n"] for row in rows),
            urgency=Urgency.DUE,
            url=url,
            date=timezone.localdate(min(row["first"] for row in rows)),
            entries=[
                Entry(
                    label=str(labels.get(row["kind"], row["kind"])),
                    url=f"{url}?kind={row['kind']}",
                    detail=str(row["n"]),
                )
                for row in rows
            ],
        )
