"""The only place that knows who may see or change a case (DESIGN: who sees what).

- worker: full access to own cases; new (untaken) signals at assigned schools; read access to a
  colleague's cases at an assigned school while a stand-in (waarneming) is recorded.
- coordinator: a progress view of the cases at their school: stage, worker, dates, goals,
  evaluation results, referral status; never contact summaries, work notes or the notes of an
  evaluation and its results.
- teamlead: counts per worker, no content. municipality and admin: nothing.
Outside one's scope is 404; inside but read-only is 403.

What these functions hand out is noted in the access log (audit/log.py): `get_…` functions note
the pupil of the object, list functions return querysets made `.shown()`, and a refusal of an
object that exists notes the attempt (`refuse`).
"""

from __future__ import annotations

import datetime
import enum

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Role, User
from audit.log import Action, note, refuse
from schools.access import assigned_schools, coordinated_schools

from .models import (
    Case,
    Consultation,
    Contact,
    EmergencyAccess,
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
    """The colleagues `user` stands in for today: from `starts_on` through `ends_on`, unless the
    team leader ended it early (`ended_at`)."""
    return StandIn.objects.active().filter(stand_in=user).values("for_worker")


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
    return Case.objects.filter(pk__in=_worker_case_ids(user)).shown()


def caseload(user: User) -> QuerySet[Case]:
    """'Mijn caseload': the worker's own open cases."""
    if not user.has_role(Role.WORKER):
        return Case.objects.none()
    return Case.objects.filter(caseworker=user).open().shown()


def new_signals(user: User) -> QuerySet[Case]:
    """Signals at my schools that nobody has taken on yet."""
    if not user.has_role(Role.WORKER):
        return Case.objects.none()
    return Case.objects.unassigned().filter(school__in=assigned_schools(user).values("pk")).shown()


def school_cases(user: User) -> QuerySet[Case]:
    """The coordinator's progress view: every case at their school(s)."""
    if not user.has_role(Role.COORDINATOR):
        return Case.objects.none()
    return Case.objects.filter(school__in=coordinated_schools(user).values("pk")).shown()


def visible_cases(user: User) -> QuerySet[Case]:
    """Every case the user may open in any view (detail or progress)."""
    return Case.objects.filter(pk__in=_visible_case_ids(user)).shown()


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
        if active_emergency_access(user, case) is not None:
            return Level.READ  # break-the-glass, until the end of the day it was opened
    if user.has_role(Role.SAFEGUARDING):
        from meldcode.access import safeguards_case

        if safeguards_case(user, case.pk):  # the aandachtsfunctionaris, on a meldcode case
            return Level.READ
    if user.has_role(Role.COORDINATOR) and school_cases(user).filter(pk=case.pk).exists():
        return Level.PROGRESS
    return Level.NONE


def _case_and_level(user: User, pk: int) -> tuple[Case, Level]:
    """The case and the user's level on it, not yet noted; missing: 404 (nothing to log)."""
    case = (
        Case.objects.select_related("pupil", "school", "caseworker", "reported_by")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case, access_level(user, case)


def get_case_for_user(user: User, pk: int, *, write: bool = False) -> tuple[Case, Level]:
    """The case and the user's level on it. Missing or not yours: 404. Read-only on write: 403.
    Handing it out is a read of its pupil; a refusal of an existing case is logged as such."""
    case, level = _case_and_level(user, pk)
    if level is Level.NONE:
        refuse(case, [case.pupil_id])
    if write and level is not Level.FULL:
        refuse(case, [case.pupil_id], forbidden=True)
    note(Action.VIEW, [case.pupil_id], obj=case)
    return case, level


def get_dossier_for_user(user: User, pk: int, *, write: bool = False) -> Case:
    """The full dossier (contact summaries included): case manager, stand-in or new signal.

    The dossier lies outside a coordinator's scope (they have the progress view), so every
    dossier page answers them 404, whether it reads or writes.
    """
    case, level = _case_and_level(user, pk)
    if level < Level.READ:
        refuse(case, [case.pupil_id])
    if write and level is not Level.FULL:
        refuse(case, [case.pupil_id], forbidden=True)
    note(Action.VIEW, [case.pupil_id], obj=case)
    return case


def check_dossier_part(user: User, case: Case, obj, *, write: bool = False) -> None:
    """For a part of a case's dossier kept elsewhere (a referral, a consent): as readable as the
    dossier; handing it out is a read of the pupil, refusing it a refusal."""
    level = access_level(user, case)
    if level < Level.READ:
        refuse(obj, [case.pupil_id])
    if write and level is not Level.FULL:
        refuse(obj, [case.pupil_id], forbidden=True)
    note(Action.VIEW, [case.pupil_id], obj=obj)


def get_progress_for_user(user: User, pk: int) -> Case:
    """The coordinator's progress view of one case at their school."""
    case, level = _case_and_level(user, pk)
    if level is not Level.PROGRESS and not school_cases(user).filter(pk=pk).exists():
        refuse(case, [case.pupil_id])
    note(Action.VIEW, [case.pupil_id], obj=case, description="progress")
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
    return Pupil.objects.filter(pk__in=_visible_case_ids(user, "pupil")).shown("pk")


def may_link_to(user: User, case: Case) -> bool:
    """Whether a refusal may link to `case` (an open case of the pupil chosen): only for who
    may open it, and then the link, which names the case, is a read of that pupil."""
    if access_level(user, case) is Level.NONE:
        return False
    note(Action.VIEW, [case.pupil_id], obj=case, description="open case")
    return True


def possible_duplicates(pupils) -> list[Pupil]:
    """Pupils the signal form suggests as the one being registered: each is shown, by name."""
    pupils = list(pupils)
    note(Action.VIEW, [p.pk for p in pupils], description="possible duplicates at signal")
    return pupils


def contacts_for(user: User, case: Case) -> QuerySet[Contact]:
    """Contacts of a case the user may read; the work note is cleared unless they wrote it."""
    if access_level(user, case) < Level.READ:
        return Contact.objects.none()
    return case.contacts.select_related("author")


def get_guardian_for_case(case: Case, pk: int) -> Guardian:
    """A parent or guardian of the case's pupil; 404 for anyone else's."""
    guardian = Guardian.objects.filter(pupil=case.pupil_id, pk=pk).first()
    if guardian is None:
        other = Guardian.objects.filter(pk=pk).first()
        if other is not None:
            refuse(other, [other.pupil_id])
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
        other = Group.objects.filter(pk=pk).first()
        if other is not None:
            refuse(other, other.cases.values_list("pupil_id", flat=True))
        raise Http404
    return group


def group_participants(group: Group) -> QuerySet[Case]:
    """The cases of a group's participants, each shown by the pupil's name."""
    return group.cases.shown()


def visible_consultations(user: User) -> QuerySet[Consultation]:
    """The worker's own consultations, anonymous or tied to a case."""
    if not user.has_role(Role.WORKER):
        return Consultation.objects.none()
    return Consultation.objects.filter(worker=user).shown("case__pupil_id")


# --- Team leader: reassigning cases (metadata only) --------------------------------------------


def team_case_ids(user: User) -> set[int]:
    """Open cases of the workers of the organisations this user leads."""
    from accounts.access import team_workers

    if not user.has_role(Role.TEAMLEAD):
        return set()
    return set(
        Case.objects.open()
        .filter(caseworker__in=team_workers(user, include_inactive=True).values("pk"))
        .values_list("pk", flat=True)
    )


def team_worker_cases(user: User, worker_pk: int) -> tuple[User, QuerySet[Case]]:
    """A worker of the team and their open cases, without pupil data; 404 otherwise."""
    from accounts.access import team_workers

    if not user.has_role(Role.TEAMLEAD):
        raise Http404
    worker = team_workers(user, include_inactive=True).filter(pk=worker_pk).first()
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


# --- Break-the-glass (cases/emergency.py) ----------------------------------------------------


def _organisations_of(user: User) -> QuerySet:
    return user.memberships.filter(role=Role.WORKER).values("organisation")


def emergency_cases(user: User) -> QuerySet[Case]:
    """Colleagues' cases the worker may open in an emergency (noodtoegang): at a school they
    are assigned to this school year, managed by another worker of their own organisation, and
    not already open to them (own, an untaken signal, or a stand-in)."""
    if not user.has_role(Role.WORKER):
        return Case.objects.none()
    colleagues = User.objects.filter(
        memberships__role=Role.WORKER, memberships__organisation__in=_organisations_of(user)
    ).values("pk")
    return (
        Case.objects.filter(
            school__in=assigned_schools(user).values("pk"), caseworker__in=colleagues
        )
        .exclude(caseworker=user)
        .exclude(pk__in=_worker_case_ids(user))
    )


def can_open_emergency(user: User, case: Case) -> bool:
    return emergency_cases(user).filter(pk=case.pk).exists()


def get_case_for_emergency(user: User, pk: int) -> Case:
    """A case the worker may open in an emergency; anyone else gets 404, as for any case."""
    case = emergency_cases(user).select_related("pupil", "school", "caseworker").filter(pk=pk)
    case = case.first()
    if case is None:
        raise Http404
    note(Action.VIEW, [case.pupil_id], obj=case, description="emergency access form")
    return case


def active_emergency_access(user: User, case: Case) -> EmergencyAccess | None:
    """The user's emergency access to the case that holds right now, if any. It ends by itself:
    `until` is compared with now."""
    if not user.has_role(Role.WORKER):
        return None
    now = timezone.now()
    return (
        EmergencyAccess.objects.filter(user=user, case=case, opened_at__lte=now, until__gt=now)
        .order_by("-until")
        .first()
    )


def emergency_accesses_to_my_cases(user: User, days: int = 14) -> QuerySet[EmergencyAccess]:
    """Emergency openings of the case manager's own cases in the last `days` days, for the notice
    on their caseload (the timeline of each case keeps them all)."""
    if not user.has_role(Role.WORKER):
        return EmergencyAccess.objects.none()
    since = timezone.now() - datetime.timedelta(days=days)
    return EmergencyAccess.objects.filter(
        case__caseworker=user, opened_at__gte=since
    ).select_related("user", "case__pupil")


def emergency_openings_of_my_cases(user: User, limit: int = 20) -> list[EmergencyAccess]:
    """The notice on the caseload: its pupils are shown, so noted in the access log."""
    openings = list(emergency_accesses_to_my_cases(user)[:limit])
    note(Action.VIEW, [opening.case.pupil_id for opening in openings])
    return openings


# --- Stand-ins (waarneming), recorded by the team leader (cases/stand_ins.py) ----------------


def visible_stand_ins(user: User) -> QuerySet[StandIn]:
    """The stand-ins among the workers of the organisations this team leader leads."""
    from accounts.access import team_workers

    if not user.has_role(Role.TEAMLEAD):
        return StandIn.objects.none()
    team = team_workers(user).values("pk")
    return StandIn.objects.filter(Q(for_worker__in=team) | Q(stand_in__in=team)).select_related(
        "stand_in", "for_worker", "recorded_by"
    )


def get_stand_in_for_user(user: User, pk: int) -> StandIn:
    """One stand-in of the team leader's organisation; missing or not theirs: 404."""
    stand_in = visible_stand_ins(user).filter(pk=pk).first()
    if stand_in is None:
        raise Http404
    return stand_in


def stand_in_schools(stand_in: StandIn):
    """The schools where the stand-in reads the colleague's cases: where both are assigned this
    school year (a stand-in elsewhere opens nothing)."""
    return assigned_schools(stand_in.stand_in).filter(
        pk__in=assigned_schools(stand_in.for_worker).values("pk")
    )


# --- The start page "Vandaag" (cases/today.py) -------------------------------------------------

# An evaluation held up to this long before the evaluation date counts for that date.
EVALUATION_EARLY = datetime.timedelta(days=14)
# An evaluation shows on the start page from this long before its date.
EVALUATION_SOON = datetime.timedelta(days=7)


def _evaluated(outer: str = "plan"):
    """Whether the plan had an evaluation on or not long before its evaluation date."""
    from django.db.models import Exists, OuterRef

    return Exists(
        Evaluation.objects.filter(
            plan=OuterRef(outer),
            held_on__gte=OuterRef(f"{outer}__evaluation_on") - EVALUATION_EARLY,
        )
    )


def evaluations_due(user: User, today: datetime.date) -> QuerySet[Case]:
    """The worker's own cases whose plan is to be evaluated within a week or should have been,
    and has not been; soonest (most late) first."""
    if not user.has_role(Role.WORKER):
        return Case.objects.none()
    return (
        Case.objects.filter(
            caseworker=user,
            stage__in=[Case.Stage.PLAN, Case.Stage.HELP],
            plan__evaluation_on__lte=today + EVALUATION_SOON,
        )
        .annotate(evaluated=_evaluated())
        .filter(evaluated=False)
        .select_related("pupil", "plan")
        .order_by("plan__evaluation_on", "pk")
        .shown()
    )


def past_help_norm(user: User, today: datetime.date) -> QuerySet[Case]:
    """The worker's own open cases past the organisation's short-term norm with no reason to go
    on recorded (cases.norm); longest past first."""
    from .norm import needing_reason

    if not user.has_role(Role.WORKER):
        return Case.objects.none()
    return (
        needing_reason(Case.objects.filter(caseworker=user), today).select_related("pupil").shown()
    )


def caseload_by_stage(user: User) -> dict[str, int]:
    """The worker's own open cases, counted by stage (numbers only: nothing is shown)."""
    return _count_by_stage(Case.objects.filter(caseworker=user).open())


def school_cases_by_stage(user: User) -> dict[str, int]:
    """The coordinator's school(s): open cases counted by stage."""
    if not user.has_role(Role.COORDINATOR):
        return {}
    return _count_by_stage(
        Case.objects.filter(school__in=coordinated_schools(user).values("pk")).open()
    )


def _count_by_stage(cases: QuerySet[Case]) -> dict[str, int]:
    from django.db.models import Count

    counts = dict(cases.order_by().values_list("stage").annotate(n=Count("pk")))
    return {stage: counts.get(stage, 0) for stage in Case.Stage.values if stage != "closed"}


def untaken_signals_at_my_school(user: User) -> QuerySet[Case]:
    """The coordinator's school(s): signals nobody has taken on yet, longest waiting first."""
    if not user.has_role(Role.COORDINATOR):
        return Case.objects.none()
    return (
        Case.objects.unassigned()
        .filter(school__in=coordinated_schools(user).values("pk"))
        .select_related("pupil", "school")
        .order_by("signalled_on", "pk")
        .shown()
    )


def team_late_counts(user: User, today: datetime.date) -> list[dict]:
    """Team leader: per worker of the organisation, open cases and how many are late (plan not
    evaluated on time, short-term help past the norm, untouched for a month). Numbers only."""
    from django.db.models import Count

    from accounts.access import team_workers

    from .norm import past_norm_cases

    if not user.has_role(Role.TEAMLEAD):
        return []
    workers = list(team_workers(user).order_by("first_name", "last_name"))
    rows = (
        Case.objects.open()
        .filter(caseworker__in=[w.pk for w in workers])
        .annotate(evaluated=_evaluated())
        .order_by()
        .values("caseworker")
        .annotate(
            n_open=Count("pk"),
            n_evaluation_late=Count(
                "pk",
                filter=Q(
                    stage__in=[Case.Stage.PLAN, Case.Stage.HELP],
                    plan__evaluation_on__lt=today,
                    evaluated=False,
                ),
            ),
            n_past_norm=Count(
                "pk", filter=Q(pk__in=past_norm_cases(Case.objects.all(), today).values("pk"))
            ),
            n_untouched=Count(
                "pk", filter=Q(last_activity_at__lt=timezone.now() - datetime.timedelta(days=30))
            ),
        )
    )
    by_worker = {row.pop("caseworker"): row for row in rows}
    empty = {"n_open": 0, "n_evaluation_late": 0, "n_past_norm": 0, "n_untouched": 0}
    return [{"worker": w, **by_worker.get(w.pk, empty)} for w in workers]


def team_cases_without_manager(user: User) -> list[dict]:
    """Team leader: per school where the organisation works, the signals nobody has taken on,
    with the oldest date. Numbers only, no pupil."""
    from django.db.models import Count, Min

    from schools.access import team_schools

    if not user.has_role(Role.TEAMLEAD):
        return []
    return list(
        Case.objects.unassigned()
        .filter(school__in=team_schools(user).values("pk"))
        .order_by()
        .values("school", "school__name")
        .annotate(n=Count("pk"), oldest=Min("signalled_on"))
        .order_by("oldest", "school__name")
    )
