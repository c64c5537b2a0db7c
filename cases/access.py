"""The only place that knows who may see or change a case (DESIGN: who sees what).

- worker: full access to own cases; new (untaken) signals at assigned schools; read access to a
  colleague's cases at an assigned school while a stand-in (waarneming) is recorded.
- coordinator: a progress view of the cases at their school: stage, worker, dates, goals,
  evaluation results, referral status; never contact summaries, work notes or the notes of an
  evaluation and its results.
- teamlead: counts per worker, no content. municipality and admin: nothing.
Outside one's scope is 404; inside but read-only is 403.
"""

from __future__ import annotations

import enum

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Role, User
from schools.access import assigned_schools, coordinated_schools

from .models import (
    Case,
    Consultation,
    Contact,
    Evaluation,
    GoalResult,
    Group,
    Guardian,
    Plan,
    Pupil,
    StandIn,
)


class Level(enum.IntEnum):
    NONE = 0
    PROGRESS = 1  # coordinator: stage, dates, goals, results; no contact summaries
    READ = 2  # stand-in or new signal at an assigned school: the dossier, read-only
    FULL = 3  # the case manager


def _stand_in_for(user: User) -> QuerySet:
    today = timezone.localdate()
    return StandIn.objects.filter(stand_in=user, starts_on__lte=today, ends_on__gte=today).values(
        "for_worker"
    )


def _worker_case_ids(user: User, field: str = "pk") -> QuerySet:
    """`field` of worker_cases(user): a UNION, so each branch uses its own index on Case (an
    OR of the three reads every case ever made)."""
    schools = assigned_schools(user).values("pk")
    own = Case.objects.filter(caseworker=user)
    signals = Case.objects.filter(
        school__in=schools, caseworker__isnull=True, stage=Case.Stage.SIGNAL
    )
    standing_in = Case.objects.filter(school__in=schools, caseworker__in=_stand_in_for(user))
    return (
        own.values(field)
        .order_by()
        .union(signals.values(field).order_by(), standing_in.values(field).order_by())
    )


def worker_cases(user: User) -> QuerySet[Case]:
    """Cases a worker may open: own, untaken signals and stand-in cases at assigned schools."""
    if not user.has_role(Role.WORKER):
        return Case.objects.none()
    return Case.objects.filter(pk__in=_worker_case_ids(user))


def caseload(user: User) -> QuerySet[Case]:
    """'Mijn caseload': the worker's own open cases."""
    if not user.has_role(Role.WORKER):
        return Case.objects.none()
    return Case.objects.filter(caseworker=user).open()


def new_signals(user: User) -> QuerySet[Case]:
    """Signals at my schools that nobody has taken on yet."""
    if not user.has_role(Role.WORKER):
        return Case.objects.none()
    return Case.objects.unassigned().filter(school__in=assigned_schools(user).values("pk"))


def school_cases(user: User) -> QuerySet[Case]:
    """The coordinator's progress view: every case at their school(s)."""
    if not user.has_role(Role.COORDINATOR):
        return Case.objects.none()
    return Case.objects.filter(school__in=coordinated_schools(user).values("pk"))


def visible_cases(user: User) -> QuerySet[Case]:
    """Every case the user may open in any view (detail or progress)."""
    return Case.objects.filter(pk__in=_visible_case_ids(user))


def _visible_case_ids(user: User, field: str = "pk") -> QuerySet:
    """`field` of visible_cases(user), as a UNION of index-friendly branches."""
    ids = school_cases(user).values(field).order_by()
    if user.has_role(Role.WORKER):
        ids = _worker_case_ids(user, field).union(ids)
    return ids


def access_level(user: User, case: Case) -> Level:
    if user.has_role(Role.WORKER):
        if case.caseworker_id == user.pk:
            return Level.FULL
        if worker_cases(user).filter(pk=case.pk).exists():
            return Level.READ
    if user.has_role(Role.SAFEGUARDING):
        from meldcode.access import safeguards_case

        if safeguards_case(user, case.pk):  # the aandachtsfunctionaris, on a meldcode case
            return Level.READ
    if user.has_role(Role.COORDINATOR) and school_cases(user).filter(pk=case.pk).exists():
        return Level.PROGRESS
    return Level.NONE


def get_case_for_user(user: User, pk: int, *, write: bool = False) -> tuple[Case, Level]:
    """The case and the user's level on it. Missing or not yours: 404. Read-only on write: 403."""
    case = (
        Case.objects.select_related("pupil", "school", "caseworker", "reported_by")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    level = access_level(user, case)
    if level is Level.NONE:
        raise Http404
    if write and level is not Level.FULL:
        raise PermissionDenied
    return case, level


def get_dossier_for_user(user: User, pk: int, *, write: bool = False) -> Case:
    """The full dossier (contact summaries included): case manager, stand-in or new signal.

    The dossier lies outside a coordinator's scope (they have the progress view), so every
    dossier page answers them 404, whether it reads or writes.
    """
    case, level = get_case_for_user(user, pk)
    if level < Level.READ:
        raise Http404
    if write and level is not Level.FULL:
        raise PermissionDenied
    return case


def get_progress_for_user(user: User, pk: int) -> Case:
    """The coordinator's progress view of one case at their school."""
    case, level = get_case_for_user(user, pk)
    if level is not Level.PROGRESS and not school_cases(user).filter(pk=pk).exists():
        raise Http404
    return case


def can_take_on(user: User, case: Case) -> bool:
    """A signal nobody has taken on yet, at a school the worker is assigned to."""
    return case.caseworker_id is None and assigned_schools(user).filter(pk=case.school_id).exists()


def can_search(user: User) -> bool:
    """Workers and coordinators search pupils, each within their own scope."""
    return user.has_role(Role.WORKER) or user.has_role(Role.COORDINATOR)


def progress_plan(case: Case) -> Plan | None:
    """The plan as the progress view shows it: goals and every evaluation's results, no notes.

    The notes of an evaluation and of its results are free text the worker wrote; the coordinator
    sees results, not notes. They are not read from the database, and read as empty here, so no
    template that shows this plan can show them.
    """
    plan = (
        Plan.objects.filter(case=case)
        .prefetch_related(
            "goals",
            Prefetch("evaluations", queryset=Evaluation.objects.defer("note")),
            Prefetch(
                "evaluations__results",
                queryset=GoalResult.objects.defer("note").select_related("goal"),
            ),
        )
        .first()
    )
    if plan is not None:
        for evaluation in plan.evaluations.all():
            evaluation.note = ""
            for result in evaluation.results.all():
                result.note = ""
    return plan


def can_signal_at(user: User, school) -> bool:
    return (
        assigned_schools(user).filter(pk=school.pk).exists()
        or coordinated_schools(user).filter(pk=school.pk).exists()
    )


def signal_schools(user: User):
    """Schools where the user may register a signal: assigned (worker) or own (coordinator)."""
    from schools.models import School

    ids = assigned_schools(user).values("pk").union(coordinated_schools(user).values("pk"))
    return School.objects.filter(pk__in=ids)


def visible_pupils(user: User) -> QuerySet[Pupil]:
    return Pupil.objects.filter(pk__in=_visible_case_ids(user, "pupil"))


def contacts_for(user: User, case: Case) -> QuerySet[Contact]:
    """Contacts of a case the user may read; the work note is cleared unless they wrote it."""
    if access_level(user, case) < Level.READ:
        return Contact.objects.none()
    return case.contacts.select_related("author")


def get_guardian_for_case(case: Case, pk: int) -> Guardian:
    """A parent or guardian of the case's pupil; 404 for anyone else's."""
    guardian = Guardian.objects.filter(pupil=case.pupil_id, pk=pk).first()
    if guardian is None:
        raise Http404
    return guardian


def can_read_work_note(user: User, contact: Contact) -> bool:
    return contact.author_id == user.pk


def team_counts(user: User):
    """Teamlead: per worker of the organisation, open cases by stage and the oldest untouched.

    Metadata only: numbers and dates, no pupil and no content.
    """
    from django.db.models import Count, Min

    from accounts.access import team_workers

    if not user.has_role(Role.TEAMLEAD):
        raise Http404
    stages = [s for s in Case.Stage if s != Case.Stage.CLOSED]
    open_cases = ~Q(cases__stage=Case.Stage.CLOSED)
    annotations = {
        f"n_{stage.value}": Count("cases", filter=Q(cases__stage=stage)) for stage in stages
    }
    return (
        team_workers(user)
        .annotate(
            n_open=Count("cases", filter=open_cases),
            oldest_activity=Min("cases__last_activity_at", filter=open_cases),
            **annotations,
        )
        .order_by("first_name", "last_name")
    )


# --- Groups and consultations ----------------------------------------------------------------


def visible_groups(user: User) -> QuerySet[Group]:
    """The groups this worker leads at the schools they are assigned to this year."""
    if not user.has_role(Role.WORKER):
        return Group.objects.none()
    return Group.objects.filter(worker=user, school__in=assigned_schools(user).values("pk"))


def get_group_for_user(user: User, pk: int) -> Group:
    """One of the worker's own groups; missing or not theirs: 404."""
    group = visible_groups(user).select_related("school").filter(pk=pk).first()
    if group is None:
        raise Http404
    return group


def visible_consultations(user: User) -> QuerySet[Consultation]:
    """The worker's own consultations, anonymous or tied to a case."""
    if not user.has_role(Role.WORKER):
        return Consultation.objects.none()
    return Consultation.objects.filter(worker=user)


# --- Team leader: reassigning cases (metadata only) --------------------------------------------


def team_case_ids(user: User) -> set[int]:
    """Open cases of the workers of the organisations this user leads."""
    from accounts.access import team_workers

    if not user.has_role(Role.TEAMLEAD):
        return set()
    return set(
        Case.objects.open()
        .filter(caseworker__in=team_workers(user).values("pk"))
        .values_list("pk", flat=True)
    )


def team_worker_cases(user: User, worker_pk: int) -> tuple[User, QuerySet[Case]]:
    """A worker of the team and their open cases, without pupil data; 404 otherwise."""
    from accounts.access import team_workers

    if not user.has_role(Role.TEAMLEAD):
        raise Http404
    worker = team_workers(user).filter(pk=worker_pk).first()
    if worker is None:
        raise Http404
    cases = (
        Case.objects.open()
        .filter(caseworker=worker)
        .select_related("school")
        .only("pk", "signalled_on", "stage", "stage_changed_at", "last_activity_at", "school__name")
        .order_by("school__name", "signalled_on", "pk")
    )
    return worker, cases
