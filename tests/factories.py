"""Plain keyword-only factories: each test states only what it depends on."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Membership, Role, User
from cases.models import (
    Case,
    Category,
    Contact,
    Evaluation,
    Goal,
    GoalResult,
    Guardian,
    Intake,
    Plan,
    Pupil,
    StandIn,
)
from reports.models import ReportRun
from reports.periods import Period, settled_quarters
from schools.models import Assignment, Municipality, Organisation, School, SchoolYear

_seq = itertools.count(1)


def create_organisation(*, name: str | None = None) -> Organisation:
    return Organisation.objects.create(name=name or f"Organisatie {next(_seq)}")


def create_municipality(*, name: str | None = None) -> Municipality:
    return Municipality.objects.create(name=name or f"Gemeente {next(_seq)}")


def create_school(
    *, name: str | None = None, municipality: Municipality | None = None, sector: str = "PO"
) -> School:
    n = next(_seq)
    letters = "".join(chr(65 + (n // 26**i) % 26) for i in (1, 0))
    return School.objects.create(
        name=name or f"School {n}",
        brin=f"{n % 100:02d}{letters}",
        sector=sector,
        municipality=municipality or create_municipality(),
    )


def create_user(*, username: str | None = None, **fields) -> User:
    username = username or f"user{next(_seq)}"
    fields.setdefault("first_name", username.capitalize())
    user = User.objects.create_user(username=username, password="x-test-password-1", **fields)
    return user


def add_role(
    user: User,
    role: str,
    *,
    organisation: Organisation | None = None,
    school: School | None = None,
    municipality: Municipality | None = None,
) -> Membership:
    user.__dict__.pop("roles", None)  # forget the cached roles
    return Membership.objects.create(
        user=user, role=role, organisation=organisation, school=school, municipality=municipality
    )


def create_worker(
    *,
    organisation: Organisation | None = None,
    schools: list[School] = (),
    year: SchoolYear | None = None,
    hours: str = "200",
    **fields,
) -> User:
    user = create_user(**fields)
    add_role(user, Role.WORKER, organisation=organisation or create_organisation())
    for school in schools:
        create_assignment(worker=user, school=school, year=year, hours=hours)
    return user


def create_assignment(
    *,
    worker: User,
    school: School,
    year: SchoolYear | None = None,
    hours: str = "200",
    funding_source: str = Assignment.FundingSource.MUNICIPALITY,
) -> Assignment:
    return Assignment.objects.create(
        worker=worker,
        school=school,
        school_year=year or SchoolYear.current(),
        contracted_hours=Decimal(hours),
        funding_source=funding_source,
    )


def create_coordinator(*, school: School, **fields) -> User:
    user = create_user(**fields)
    add_role(user, Role.COORDINATOR, school=school)
    return user


def create_teamlead(*, organisation: Organisation, **fields) -> User:
    user = create_user(**fields)
    add_role(user, Role.TEAMLEAD, organisation=organisation)
    return user


def create_officer(*, municipality: Municipality, **fields) -> User:
    user = create_user(**fields)
    add_role(user, Role.MUNICIPALITY, municipality=municipality)
    return user


def create_privacy_officer(*, organisation: Organisation, **fields) -> User:
    user = create_user(**fields)
    add_role(user, Role.PRIVACY, organisation=organisation)
    return user


def create_safeguarding_officer(*, organisation: Organisation, **fields) -> User:
    user = create_user(**fields)
    add_role(user, Role.SAFEGUARDING, organisation=organisation)
    return user


def create_manager(**fields) -> User:
    user = create_user(**fields)
    add_role(user, Role.ADMIN)
    return user


# --- Cases -----------------------------------------------------------------------------------

# Plain Dutch names; "Jansen", "Daan" and "de Vries" are kept out so that tests of the duplicate
# check and of the search can choose them without meeting a default pupil.
_FIRST_NAMES = ["Emma", "Noah", "Julia", "Liam", "Mila", "Luuk", "Tess", "Finn", "Sara", "Bram"]
_LAST_NAMES = ["de Boer", "Visser", "Smit", "Bakker", "Mulder", "de Graaf", "Bos", "Vos"]

# The stages a case passes on its usual way to `stage` (the factory fills their dates).
_ROUTE = {
    Case.Stage.SIGNAL: [],
    Case.Stage.INTAKE: ["intake_on"],
    Case.Stage.PLAN: ["intake_on", "plan_on"],
    Case.Stage.HELP: ["intake_on", "plan_on", "help_on"],
    Case.Stage.REFERRED: ["intake_on", "plan_on", "help_on", "referred_on"],
    Case.Stage.CLOSED: ["intake_on", "plan_on", "help_on", "closed_on"],
}


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def create_pupil(
    *,
    school: School | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    date_of_birth: datetime.date | None = None,
    group: str = "6b",
    created_by: User | None = None,
) -> Pupil:
    n = next(_seq)
    return Pupil.objects.create(
        school=school or create_school(),
        first_name=first_name or _FIRST_NAMES[n % len(_FIRST_NAMES)],
        last_name=last_name or _LAST_NAMES[n % len(_LAST_NAMES)],
        date_of_birth=date_of_birth or _days_ago(365 * 10 + n % 300),
        group=group,
        created_by=created_by,
    )


def create_case(
    *,
    school: School | None = None,
    pupil: Pupil | None = None,
    caseworker: User | None = None,
    stage: str = Case.Stage.SIGNAL,
    categories: list[str] | None = None,
    noticed: str = "Komt vaak te laat en is stil in de klas.",
    source: str = Case.Source.TEACHER,
    signalled_on: datetime.date | None = None,
    reported_by: User | None = None,
    parents_informed: bool = True,
    parents_agree: bool = True,
    closure_reason: str = Case.ClosureReason.ADVICE_SUFFICED,
    outcome: str = "Advies aan ouders en leerkracht volstond.",
) -> Case:
    """A case already in `stage`, holding what that stage needs and what its next move needs.

    intake and later: a complete intake (held on, request for help, clarified problem);
    plan and later: an agreed plan with one goal and an evaluation date; every stage passed has
    its date. Past the signal a case has a case manager: a worker assigned to the school is made
    when none is given. A signal without `caseworker` is one that nobody has taken on yet.
    """
    if pupil is None:
        pupil = create_pupil(school=school)
    school = pupil.school
    if caseworker is None and stage != Case.Stage.SIGNAL:
        caseworker = create_worker(schools=[school])
    signalled_on = signalled_on or _days_ago(60)
    dates = {
        field: min(signalled_on + datetime.timedelta(days=7 * step), _days_ago(0))
        for step, field in enumerate(_ROUTE[stage], start=1)
    }
    if stage == Case.Stage.CLOSED:
        dates |= {"closure_reason": closure_reason, "outcome": outcome}
    case = Case.objects.create(
        pupil=pupil,
        school=school,
        caseworker=caseworker,
        stage=stage,
        categories=categories or [Category.BULLYING],
        noticed=noticed,
        source=source,
        signalled_on=signalled_on,
        reported_by=reported_by or caseworker or create_user(),
        parents_informed=parents_informed,
        parents_agree=parents_agree,
        **dates,
    )
    if case.intake_on:
        create_intake(case=case)
    if case.plan_on:
        create_plan(case=case)
    return case


def create_intake(*, case: Case, complete: bool = True, **fields) -> Intake:
    """An intake; `complete` fills what a plan of action needs (Intake.REQUIRED_FOR_PLAN)."""
    if complete:
        fields.setdefault("held_on", case.intake_on or case.signalled_on)
        fields.setdefault("request_for_help", "Ouders willen dat het pesten stopt.")
        fields.setdefault("clarified_problem", "Wordt buitengesloten in de pauzes.")
    return Intake.objects.create(case=case, updated_by=case.caseworker, **fields)


def create_plan(
    *,
    case: Case,
    agreed: bool = True,
    goals: tuple[str, ...] = ("Voelt zich veilig op het plein",),
    evaluation_on: datetime.date | None = None,
) -> Plan:
    """A plan of action; `agreed` means agreed by pupil and parents, with an evaluation date."""
    plan = Plan.objects.create(case=case, updated_by=case.caseworker, planned_sessions=6)
    if agreed:
        plan.agreed_pupil = plan.agreed_parents = True
        plan.agreed_on = case.plan_on or case.signalled_on
        plan.evaluation_on = evaluation_on or timezone.localdate() + datetime.timedelta(days=30)
        plan.save()
    for description in goals:
        Goal.objects.create(plan=plan, domain=Goal.Domain.PUPIL, description=description)
    return plan


def create_evaluation(
    *,
    plan: Plan,
    by: User | None = None,
    held_on: datetime.date | None = None,
    result: str = GoalResult.Result.ACHIEVED,
    note: str = "",
) -> Evaluation:
    """An evaluation with the same result for every goal of the plan."""
    evaluation = Evaluation.objects.create(
        plan=plan,
        by=by or plan.case.caseworker,
        held_on=held_on or timezone.localdate(),
        note=note,
    )
    for goal in plan.goals.all():
        GoalResult.objects.create(evaluation=evaluation, goal=goal, result=result)
    return evaluation


def create_contact(
    *,
    case: Case,
    author: User | None = None,
    held_on: datetime.date | None = None,
    summary: str = "Gesprek over de pauzes.",
    work_note: str = "",
    minutes: int = 45,
    kind: str = Contact.Kind.PUPIL,
    place: str = Contact.Place.SCHOOL,
) -> Contact:
    return Contact.objects.create(
        case=case,
        author=author or case.caseworker,
        held_on=held_on or timezone.localdate(),
        minutes=minutes,
        kind=kind,
        place=place,
        summary=summary,
        work_note=work_note,
    )


def create_guardian(
    *,
    pupil: Pupil,
    name: str = "Anna Visser",
    relation: str = Guardian.Relation.MOTHER,
    phone: str = "",
    email: str = "",
    has_authority: bool = True,
) -> Guardian:
    return Guardian.objects.create(
        pupil=pupil,
        name=name,
        relation=relation,
        phone=phone,
        email=email,
        has_authority=has_authority,
    )


def create_stand_in(
    *,
    stand_in: User,
    for_worker: User,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> StandIn:
    """A waarneming that covers today unless told otherwise."""
    return StandIn.objects.create(
        stand_in=stand_in,
        for_worker=for_worker,
        starts_on=starts_on or _days_ago(7),
        ends_on=ends_on or _days_ago(-7),
    )


# --- Reports ---------------------------------------------------------------------------------


def create_report_run(
    *, municipality: Municipality, period_start: datetime.date, period_end: datetime.date
) -> ReportRun:
    """A funding report that is ready, with a small PDF as its file (under MEDIA_ROOT)."""
    run = ReportRun.objects.create(
        kind=ReportRun.Kind.FUNDING,
        municipality=municipality,
        period_start=period_start,
        period_end=period_end,
        status=ReportRun.Status.READY,
    )
    run.file.save("funding.pdf", ContentFile(b"%PDF-1.7 test"))
    return run


def newest_settled_quarter_with_a_case(*, school: School) -> Period:
    """The newest quarter a municipality may ask for, with one new signal at `school` in it, so
    the quarter is on offer (it is not before the first data)."""
    quarter = next(iter(settled_quarters(timezone.localdate()).values()))
    create_case(school=school, signalled_on=quarter.start, caseworker=None)
    return quarter
