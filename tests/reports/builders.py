"""Rows with backdated dates for the report tests, written straight through the ORM.

The workflow stamps "today" on every move; a report is about a month or a term in the past, so
these builders set each date and each timeline event explicitly. Keyword-only like
tests/factories.py.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence

from django.utils import timezone

from accounts.models import User
from cases.models import Case, CaseEvent, Contact, Group, GroupSession, Plan, Pupil
from referrals.models import Referral, SocialMapEntry
from reports.models import ReportRun
from reports.periods import Period
from schools.models import School
from timesheet.models import TimeEntry
from zat.models import Meeting

_seq = itertools.count(1)

DATE_FIELDS = {
    Case.Stage.INTAKE: "intake_on",
    Case.Stage.PLAN: "plan_on",
    Case.Stage.HELP: "help_on",
    Case.Stage.REFERRED: "referred_on",
    Case.Stage.CLOSED: "closed_on",
}


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """An aware datetime at local (Amsterdam) time on `day`."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def create_case(
    *,
    school: School,
    first_name: str,
    last_name: str,
    signalled_on: datetime.date,
    moves: Sequence[tuple[datetime.datetime, str]] = (),
    caseworker: User | None,
    reported_by: User,
    categories: Sequence[str] = ("pesten",),
    group: str = "6b",
    closure_reason: str = Case.ClosureReason.ADVICE_SUFFICED,
    evaluation_on: datetime.date | None = None,
    events: bool = True,
) -> Case:
    """A case that went through `moves` ((when, to stage), in order) after its signal.

    Stage dates follow the moves like cases.workflow._move sets them: a reopened case keeps the
    date of its first intake and loses its closure. `events=False` leaves the timeline empty, as
    for cases that were made before timelines existed.
    """
    stage, dates, reason = Case.Stage.SIGNAL, {}, ""
    for when, target in moves:
        if stage == Case.Stage.CLOSED:
            dates["closed_on"], reason = None, ""
        if not (
            stage == Case.Stage.CLOSED and target == Case.Stage.INTAKE and "intake_on" in dates
        ):
            dates[DATE_FIELDS[target]] = timezone.localdate(when)
        if target == Case.Stage.CLOSED:
            reason = closure_reason
        stage = target
    pupil = Pupil.objects.create(
        school=school,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=datetime.date(2015, 1, 1 + next(_seq) % 28),
        group=group,
    )
    case = Case.objects.create(
        pupil=pupil,
        school=school,
        caseworker=caseworker,
        stage=stage,
        stage_changed_at=moves[-1][0] if moves else at(signalled_on),
        categories=list(categories),
        source=Case.Source.TEACHER,
        noticed=f"Opgemerkt bij {first_name}: VRIJE-TEKST-SIGNAAL",
        signalled_on=signalled_on,
        reported_by=reported_by,
        parents_informed=True,
        parents_agree=True,
        closure_reason=reason,
        outcome="UITKOMST-VRIJE-TEKST" if reason else "",
        **dates,
    )
    if events:
        by = caseworker or reported_by
        CaseEvent.objects.create(
            case=case,
            at=at(signalled_on, 9),
            by=by,
            kind=CaseEvent.Kind.SIGNALLED,
            to_stage=Case.Stage.SIGNAL,
        )
        previous = Case.Stage.SIGNAL
        for when, target in moves:
            kind = {
                Case.Stage.CLOSED: CaseEvent.Kind.CLOSED,
                Case.Stage.INTAKE: CaseEvent.Kind.REOPENED
                if previous == Case.Stage.CLOSED
                else CaseEvent.Kind.STAGE,
            }.get(target, CaseEvent.Kind.STAGE)
            CaseEvent.objects.create(
                case=case, at=when, by=by, kind=kind, from_stage=previous, to_stage=target
            )
            previous = target
    if case.plan_on or evaluation_on:
        Plan.objects.create(case=case, evaluation_on=evaluation_on, updated_by=caseworker)
    return case


def create_contact(
    *,
    case: Case,
    held_on: datetime.date,
    minutes: int,
    kind: str = Contact.Kind.PUPIL,
    summary: str = "Gesprek.",
    work_note: str = "",
    group_session: GroupSession | None = None,
) -> Contact:
    return Contact.objects.create(
        case=case,
        author=case.caseworker,
        held_on=held_on,
        minutes=minutes,
        kind=kind,
        place=Contact.Place.SCHOOL,
        summary=summary,
        work_note=work_note,
        group_session=group_session,
    )


def create_group_session(
    *, worker: User, cases: Sequence[Case], held_on: datetime.date, minutes: int
) -> tuple[GroupSession, list[Contact]]:
    """A session of a new group at the first case's school: one group contact per participant,
    as cases.workflow.record_group_session makes them."""
    group = Group.objects.create(
        school=cases[0].school,
        worker=worker,
        name=f"Groep {next(_seq)}",
        kind=Group.Kind.SOCIAL_SKILLS,
        started_on=held_on,
    )
    group.cases.set(cases)
    session = GroupSession.objects.create(group=group, held_on=held_on, minutes=minutes)
    contacts = [
        create_contact(
            case=case,
            held_on=held_on,
            minutes=minutes,
            kind=Contact.Kind.GROUP,
            summary="Groepssessie.",
            group_session=session,
        )
        for case in cases
    ]
    return session, contacts


def create_time_entry(
    *, worker: User, school: School, on: datetime.date, minutes: int, activity: str
) -> TimeEntry:
    return TimeEntry.objects.create(
        worker=worker, school=school, on=on, minutes=minutes, activity=activity
    )


def create_referral(
    *, case: Case, kind: str, status: str, created_at: datetime.datetime
) -> Referral:
    """A referral to an organisation of `kind`, made at `created_at` (auto_now_add is
    overwritten afterwards)."""
    destination, _created = SocialMapEntry.objects.get_or_create(
        name=f"Organisatie {kind}", kind=kind
    )
    referral = Referral.objects.create(
        case=case,
        destination=destination,
        reason="Reden.",
        question="Vraag.",
        shared_information="Gedeeld.",
        follow_up_on=timezone.localdate(created_at) + datetime.timedelta(days=14),
        status=status,
        status_changed_on=timezone.localdate(created_at),
        created_by=case.caseworker,
    )
    Referral.objects.filter(pk=referral.pk).update(created_at=created_at)
    referral.refresh_from_db()
    return referral


def create_meeting(*, school: School, starts_at: datetime.datetime, by: User) -> Meeting:
    return Meeting.objects.create(school=school, starts_at=starts_at, chair=by, created_by=by)


JUNE = Period.month(2026, 6)


def create_run(
    school: School,
    *,
    status: str = ReportRun.Status.QUEUED,
    ago: datetime.timedelta | None = None,
    period: Period = JUNE,
    **fields,
) -> ReportRun:
    """A report run as the sweep or a worker would find it, its times `ago` in the past."""
    now = timezone.now()
    if ago is not None:
        key = "started_at" if status == ReportRun.Status.RUNNING else "sent_at"
        fields.setdefault(key, now - ago)
        finished = status in (ReportRun.Status.READY, ReportRun.Status.FAILED)
        fields.setdefault("finished_at", now - ago if finished else None)
    return ReportRun.objects.create(
        kind="registratie",
        school=school,
        period_start=period.start,
        period_end=period.end,
        label=period.label,
        status=status,
        **fields,
    )
