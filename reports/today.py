"""The reports' items on the start pages (accounts/today.py): new reports of the coordinator's
school, and the funding reports the municipality can download."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.today import Entry, Item, Urgency, first_rows, provides

from . import access

NEW_FOR = datetime.timedelta(days=31)


def _entries(runs) -> list[Entry]:
    return [
        Entry(
            label=f"{run.get_kind_display()} {run.scope} {run.label}",
            url=reverse("reports:download", args=[run.pk]),
            date=timezone.localdate(run.finished_at),
            detail="PDF",
        )
        for run in runs
    ]


@provides(Role.COORDINATOR)
def new_school_reports(user: User, today: datetime.date):
    runs, count = first_rows(
        access.recent_ready_runs(user, timezone.now() - NEW_FOR, funding=False)
    )
    if count:
        yield Item(
            key="new-reports",
            title=_("New reports"),
            count=count,
            urgency=Urgency.INFO,
            url=reverse("reports:archive"),
            entries=_entries(runs),
        )


@provides(Role.MUNICIPALITY)
def funding_reports(user: User, today: datetime.date):
    runs, count = first_rows(
        access.recent_ready_runs(user, timezone.now() - 3 * NEW_FOR, funding=True)
    )
    if count:
        yield Item(
            key="funding-reports",
            title=_("Funding reports to download"),
            count=count,
            urgency=Urgency.NEW,
            url=reverse("reports:funding"),
            entries=_entries(runs),
        )
