"""Continuity on the start pages (accounts/today.py). The worker: consents a birthday made
incomplete, and deadlines that fall in the summer holiday. The team leader: cases whose case
manager has no assignment at the school (this or the coming school year), and deactivated
workers who still own something (metadata only: numbers, schools, workers)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.access import team_workers
from accounts.models import Role, User
from accounts.today import SHOWN_PER_KIND, Entry, Item, Urgency, first_rows, provides

from . import leavers
from .consent import marked_for
from .school_year import cases_needing_new_manager, summer_deadlines


@provides(Role.WORKER)
def consents_after_birthday(user: User, today: datetime.date):
    consents, count = first_rows(marked_for(user, today))
    if count:
        first = consents[0].ask_again.since
        yield Item(
            key="consents-birthday",
            title=_("Consents to ask again after a birthday"),
            count=count,
            urgency=Urgency.DUE,
            date=first,
            entries=[
                Entry(
                    label=consent.pupil.full_name,
                    url=reverse("referrals:consent_new", args=[consent.open_case]),
                    detail=consent.get_purpose_display(),
                    date=consent.ask_again.since,
                )
                for consent in consents
            ],
        )


@provides(Role.WORKER)
def deadlines_in_summer(user: User, today: datetime.date):
    """Evaluations and follow-ups in the summer holiday: two queries, however many (the pupils
    shown are noted by `summer_deadlines`)."""
    deadlines = summer_deadlines(user, today)
    if deadlines:
        first = deadlines[0].on
        url = reverse("continuity:summer")
        yield Item(
            key="summer-deadlines",
            title=_("Deadlines in the summer holiday"),
            count=len(deadlines),
            urgency=Urgency.by_deadline(first, today),
            url=url,
            date=first,
            entries=[
                Entry(label=d.case.pupil.full_name, url=url, detail=str(d.label), date=d.on)
                for d in deadlines[:SHOWN_PER_KIND]
            ],
        )


@provides(Role.TEAMLEAD)
def cases_needing_a_case_manager(user: User, today: datetime.date):
    cases = cases_needing_new_manager(user, today)
    if cases:
        yield Item(
            key="cases-needing-manager",
            title=_("Cases needing a new case manager"),
            count=len(cases),
            urgency=Urgency.DUE,
            url=reverse("continuity:next_year"),
            entries=[
                Entry(
                    label=case.number,
                    url=reverse("cases:reassign", args=[case.caseworker_id]),
                    detail=_("%(school)s, %(worker)s: no assignment at this school in %(year)s")
                    % {
                        "school": case.school.name,
                        "worker": case.caseworker,
                        "year": case.without_year,
                    },
                )
                for case in cases[:SHOWN_PER_KIND]
            ],
        )


@provides(Role.TEAMLEAD)
def leavers_still_owning(user: User, today: datetime.date):
    workers, count = first_rows(
        leavers.owning(
            User.objects.filter(
                pk__in=team_workers(user, include_inactive=True).values("pk"), is_active=False
            )
        ).order_by("last_name", "first_name", "pk")
    )
    if count:
        yield Item(
            key="leavers-owning",
            title=_("Deactivated workers who still own something"),
            count=count,
            urgency=Urgency.LATE,
            entries=[
                Entry(label=str(worker), url=reverse("continuity:leaver", args=[worker.pk]))
                for worker in workers
            ],
        )
