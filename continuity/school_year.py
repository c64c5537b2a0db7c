"""A new school year: the team leader prepares next year's assignments (copied from this
year, hours adjusted) before 1 August, when they take over by themselves (Assignment.current
follows the date); cases whose worker has no assignment at their school in the coming year
need a new case manager; deadlines in the school's summer holiday are shown and moved at once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.access import team_workers
from accounts.models import Role, User
from accounts.workflow import log_grant
from audit.log import Action, note
from cases.models import Case, CaseEvent, Plan
from cases.workflow import record_event
from referrals.models import TERMINAL, Referral
from schools.models import Assignment, SchoolYear
from smw.errors import Refused

from .holidays import Holiday, holiday_of


def next_school_year(day: datetime.date | None = None) -> SchoolYear:
    day = day or timezone.localdate()
    year, _created = SchoolYear.objects.get_or_create(start_year=SchoolYear.start_year_for(day) + 1)
    return year


def team_assignments(by: User, year: SchoolYear):
    workers = team_workers(by).values("pk")
    return (
        Assignment.objects.filter(school_year=year, worker__in=workers)
        .select_related("worker", "school", "school_year")
        .order_by("worker__first_name", "worker__last_name", "school__name")
    )


def _ensure_teamlead(by: User) -> None:
    if not by.has_role(Role.TEAMLEAD):
        raise Refused(_("Only a team leader can do this."))


@transaction.atomic
def copy_assignments(*, by: User, to_year: SchoolYear | None = None) -> int:
    """Copy this year's assignments of the team's active workers into next year, hours and
    funding as they are; one already there is left alone. Returns how many were made."""
    _ensure_teamlead(by)
    current = SchoolYear.current()
    to_year = to_year or next_school_year()
    if to_year.start_year <= current.start_year:
        raise Refused(_("Assignments are copied into a coming school year only."))
    made = 0
    for source in team_assignments(by, current):
        if Assignment.objects.filter(
            worker=source.worker, school=source.school, school_year=to_year
        ).exists():
            continue
        copy = Assignment.objects.create(
            worker=source.worker,
            school=source.school,
            school_year=to_year,
            contracted_hours=source.contracted_hours,
            funding_source=source.funding_source,
        )
        log_grant(
            by,
            copy,
            f"assignment copied: {copy.worker.username} at {copy.school.brin} in "
            f"{to_year.name}, {copy.contracted_hours} hours",
        )
        made += 1
    return made


@transaction.atomic
def adjust_assignments(
    *, by: User, year: SchoolYear, hours: dict[int, str], remove: set[int]
) -> int:
    """Change the hours of the team's assignments in a coming year, or take some away.
    Refuses a year that has started and hours that are not a positive number."""
    _ensure_teamlead(by)
    if year.start <= timezone.localdate():
        raise Refused(_("This school year has started; the application manager changes it."))
    mine = {a.pk: a for a in team_assignments(by, year)}
    changed = 0
    for pk in remove:
        assignment = mine.get(pk)
        if assignment is None:
            continue
        log_grant(
            by,
            assignment,
            f"assignment taken: {assignment.worker.username} at "
            f"{assignment.school.brin} in {year.name}",
        )
        assignment.delete()
        changed += 1
    for pk, text in hours.items():
        assignment = mine.get(pk)
        if assignment is None or pk in remove:
            continue
        try:
            value = Decimal(_decimal_text(text))
        except InvalidOperation:
            raise Refused(_("Enter the hours as a number.")) from None
        if not value.is_finite() or value < Decimal("0.5") or value >= Decimal("100000"):
            raise Refused(_("Enter at least 0.5 hours."))
        value = value.quantize(Decimal("0.1"))
        if value != assignment.contracted_hours:
            assignment.contracted_hours = value
            assignment.save(update_fields=["contracted_hours"])
            log_grant(
                by,
                assignment,
                f"assignment changed: {assignment.worker.username} at "
                f"{assignment.school.brin} in {year.name}, {value} hours",
            )
            changed += 1
    return changed


def _decimal_text(text: str) -> str:
    """Hours as typed in Dutch ("120,5", "1.200,5") or English ("120.5")."""
    text = str(text).strip()
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return text


def cases_needing_new_manager(by: User, day: datetime.date | None = None) -> list[Case]:
    """Open cases of the team whose case manager has no assignment at the case's school: this
    school year (deactivated workers included), or the coming one once its assignments are being
    prepared (any assignment of the team there). Metadata only: number, school, stage, worker."""
    if not by.has_role(Role.TEAMLEAD):
        return []
    day = day or timezone.localdate()
    current = SchoolYear.start_year_for(day)
    years = [current]
    workers = team_workers(by, include_inactive=True).values("pk")
    if Assignment.objects.filter(
        school_year__start_year=current + 1, worker__in=team_workers(by).values("pk")
    ).exists():
        years.append(current + 1)
    found = {}
    for start_year in years:
        assigned = Assignment.objects.filter(
            worker=OuterRef("caseworker"),
            school=OuterRef("school"),
            school_year__start_year=start_year,
        )
        for case in (
            Case.objects.open()
            .filter(caseworker__in=workers)
            .exclude(Exists(assigned))
            .select_related("school", "caseworker")
            .only(
                "pk",
                "signalled_on",
                "stage",
                "school__name",
                "caseworker__first_name",
                "caseworker__last_name",
                "caseworker__username",
            )
            .order_by("school__name", "pk")
        ):
            found.setdefault(case.pk, case)
            case.without_year = f"{start_year}-{start_year + 1}"
    return list(found.values())


# --- Deadlines in the summer holiday -----------------------------------------------------------


@dataclass
class Deadline:
    case: Case
    kind: str  # "evaluation" or "follow_up"
    label: str
    on: datetime.date
    holiday: Holiday
    obj: object


def summer_deadlines(user: User, day: datetime.date | None = None) -> list[Deadline]:
    """The worker's coming deadlines (plan evaluations, referral follow-ups) of their own open
    cases that fall in the summer holiday of the school's region. Pupils are shown, so noted."""
    if not user.has_role(Role.WORKER):
        return []
    day = day or timezone.localdate()
    found = []
    plans = Plan.objects.filter(
        case__caseworker=user, evaluation_on__gte=day, case__stage__in=_open()
    ).select_related("case__pupil", "case__school")
    for plan in plans:
        holiday = holiday_of(plan.case.school, plan.evaluation_on)
        if holiday:
            found.append(
                Deadline(
                    plan.case,
                    "evaluation",
                    _("Evaluation of the plan"),
                    plan.evaluation_on,
                    holiday,
                    plan,
                )
            )
    referrals = (
        Referral.objects.filter(
            case__caseworker=user, follow_up_on__gte=day, case__stage__in=_open()
        )
        .exclude(status__in=TERMINAL)
        .select_related("case__pupil", "case__school", "destination")
    )
    for referral in referrals:
        holiday = holiday_of(referral.case.school, referral.follow_up_on)
        if holiday:
            found.append(
                Deadline(
                    referral.case,
                    "follow_up",
                    _("Follow-up of the referral to %(name)s") % {"name": referral.destination},
                    referral.follow_up_on,
                    holiday,
                    referral,
                )
            )
    found.sort(key=lambda d: (d.on, d.case.pk))
    note(Action.VIEW, [d.case.pupil_id for d in found], description="deadlines in holiday")
    return found


def _open() -> list[str]:
    return [s for s in Case.Stage.values if s != Case.Stage.CLOSED]


@transaction.atomic
def move_summer_deadlines(user: User, *, to: datetime.date | None = None) -> int:
    """Move every deadline of the worker's that falls in a summer holiday to `to`, or to the
    first school day after that holiday. Each case's timeline says so."""
    deadlines = summer_deadlines(user)
    if to is not None and (to < timezone.localdate() or holiday_of_any(deadlines, to)):
        raise Refused(_("Choose a day after the summer holiday."), field="to")
    for deadline in deadlines:
        new = to or deadline.holiday.first_school_day
        if deadline.kind == "evaluation":
            Plan.objects.filter(pk=deadline.obj.pk).update(evaluation_on=new)
        else:
            Referral.objects.filter(pk=deadline.obj.pk).update(follow_up_on=new)
        record_event(
            deadline.case,
            by=user,
            kind=CaseEvent.Kind.DEADLINE,
            note=f"{deadline.label}: {date_format(deadline.on, 'j F Y')} → "
            f"{date_format(new, 'j F Y')}",
        )
    return len(deadlines)


def holiday_of_any(deadlines: list[Deadline], day: datetime.date) -> bool:
    return any(holiday_of(d.case.school, day) for d in deadlines)
