"""The cases' items on the start pages (accounts/today.py): new signals, evaluations, help past
the norm, signals waiting at the coordinator's school, the team's late work and stand-ins."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Role, User
from accounts.today import Entry, Item, Urgency, first_rows, provides

from . import access


def _waiting(since: datetime.date, today: datetime.date) -> str:
    days = (today - since).days
    return ngettext("waiting %(n)d day", "waiting %(n)d days", days) % {"n": days}


@provides(Role.WORKER)
def new_signals(user: User, today: datetime.date):
    cases, count = first_rows(
        access.new_signals(user).select_related("pupil", "school").order_by("signalled_on", "pk")
    )
    if count:
        yield Item(
            key="new-signals",
            title=_("New signals at your schools"),
            count=count,
            urgency=Urgency.NEW,
            url=reverse("cases:caseload") + "#signals",
            date=cases[0].signalled_on,
            entries=[
                Entry(
                    label=case.pupil.full_name,
                    url=reverse("cases:detail", args=[case.pk]),
                    detail=f"{case.school.name}, {_waiting(case.signalled_on, today)}",
                )
                for case in cases
            ],
        )


@provides(Role.WORKER)
def evaluations_due(user: User, today: datetime.date):
    cases, count = first_rows(access.evaluations_due(user, today))
    if count:
        first = cases[0].plan.evaluation_on
        yield Item(
            key="evaluations",
            title=_("Evaluations due or late"),
            count=count,
            urgency=Urgency.by_date(first, today),
            date=first,
            entries=[
                Entry(
                    label=case.pupil.full_name,
                    url=reverse("cases:evaluation_new", args=[case.pk]),
                    date=case.plan.evaluation_on,
                    late=case.plan.evaluation_on < today,
                )
                for case in cases
            ],
        )


@provides(Role.WORKER)
def help_past_norm(user: User, today: datetime.date):
    cases, count = first_rows(access.past_help_norm(user, today))
    if count:
        yield Item(
            key="help-past-norm",
            title=_("Past the short-term norm, no reason recorded"),
            count=count,
            urgency=Urgency.LATE,
            date=cases[0].norm_until,
            entries=[
                Entry(
                    label=case.pupil.full_name,
                    url=reverse("cases:detail", args=[case.pk]),
                    detail=_("%(n)s contacts (norm %(max)s), norm period until %(until)s")
                    % {
                        "n": case.n_contacts,
                        "max": case.norm_contacts,
                        "until": _short_date(case.norm_until),
                    },
                    late=True,
                )
                for case in cases
            ],
        )


@provides(Role.COORDINATOR)
def untaken_signals(user: User, today: datetime.date):
    cases, count = first_rows(access.untaken_signals_at_my_school(user))
    if count:
        oldest = cases[0].signalled_on
        yield Item(
            key="untaken-signals",
            title=_("Signals not yet taken on"),
            count=count,
            urgency=Urgency.LATE if (today - oldest).days > 7 else Urgency.DUE,
            url=reverse("cases:school") + "?stage=signal",
            date=oldest,
            entries=[
                Entry(
                    label=case.pupil.full_name,
                    url=reverse("cases:progress", args=[case.pk]),
                    detail=_waiting(case.signalled_on, today),
                    late=(today - case.signalled_on).days > 7,
                )
                for case in cases
            ],
        )


@provides(Role.TEAMLEAD)
def team_late_work(user: User, today: datetime.date):
    rows = [row for row in access.team_late_counts(user, today) if _late(row)]
    if rows:
        yield Item(
            key="team-late",
            title=_("Workers with late work"),
            count=len(rows),
            urgency=Urgency.LATE,
            url=reverse("accounts:team"),
            entries=[
                Entry(
                    label=str(row["worker"]),
                    url=reverse("cases:reassign", args=[row["worker"].pk]),
                    detail=_late_detail(row),
                )
                for row in rows
            ],
        )


def _late(row: dict) -> int:
    return row["n_evaluation_late"] + row["n_past_norm"] + row["n_untouched"]


def _late_detail(row: dict) -> str:
    parts = []
    if row["n_evaluation_late"]:
        parts.append(_("evaluation late: %(n)d") % {"n": row["n_evaluation_late"]})
    if row["n_past_norm"]:
        parts.append(_("help past the norm: %(n)d") % {"n": row["n_past_norm"]})
    if row["n_untouched"]:
        parts.append(_("untouched for a month: %(n)d") % {"n": row["n_untouched"]})
    return ", ".join(parts)


@provides(Role.TEAMLEAD)
def without_case_manager(user: User, today: datetime.date):
    rows = access.team_cases_without_manager(user)
    if rows:
        oldest = rows[0]["oldest"]
        yield Item(
            key="without-case-manager",
            title=_("Signals without a case manager"),
            count=sum(row["n"] for row in rows),
            urgency=Urgency.LATE if (today - oldest).days > 7 else Urgency.DUE,
            date=oldest,
            entries=[
                Entry(
                    label=row["school__name"],
                    url=reverse("schools:detail", args=[row["school"]]),
                    detail=ngettext("%(n)d signal", "%(n)d signals", row["n"]) % {"n": row["n"]}
                    + ", "
                    + _waiting(row["oldest"], today),
                )
                for row in rows
            ],
        )


@provides(Role.TEAMLEAD)
def stand_ins(user: User, today: datetime.date):
    from .models import StandIn

    current = StandIn.objects.active() | StandIn.objects.future()
    rows, count = first_rows(
        access.visible_stand_ins(user).filter(pk__in=current.values("pk")).order_by("starts_on")
    )
    if count:
        yield Item(
            key="stand-ins",
            title=_("Stand-ins now and coming"),
            count=count,
            urgency=Urgency.INFO,
            url=reverse("cases:stand_in_list"),
            entries=[
                Entry(
                    label=_("%(stand_in)s for %(worker)s")
                    % {"stand_in": row.stand_in, "worker": row.for_worker},
                    url=reverse("cases:stand_in_detail", args=[row.pk]),
                    date=row.starts_on,
                )
                for row in rows
            ],
        )


def _short_date(day: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j b")
