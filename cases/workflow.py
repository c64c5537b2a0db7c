"""How a case moves: one table of allowed transitions and the functions every path calls.

Each function checks who may do it and what must exist first, locks the case row, changes it in
one transaction, and writes a timeline event (who, when, from, to, why). A refused move raises
TransitionRefused with a message a worker can act on.

    signal ──► intake ──► plan ──► help ──► closed
       │          │                  │         ▲
       │          └──► referred ◄────┘         │
       └──────────────────────────► closed ◄───┘ (from any open stage, with a reason)
    closed ──► intake   (reopen, with a reason)
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from audit.log import Action
from audit.log import note as log_note
from schools.access import assigned_schools
from schools.models import School
from smw.errors import Refused
from vault.fields import sealed_value

from .models import (
    Case,
    CaseEvent,
    Consultation,
    Contact,
    Evaluation,
    Goal,
    GoalResult,
    Group,
    GroupSession,
    Guardian,
    Intake,
    Plan,
    Pupil,
)
from .search import likely_duplicates

Stage = Case.Stage

TRANSITIONS: dict[str, set[str]] = {
    Stage.SIGNAL: {Stage.INTAKE, Stage.CLOSED},
    Stage.INTAKE: {Stage.PLAN, Stage.REFERRED, Stage.CLOSED},
    Stage.PLAN: {Stage.HELP, Stage.CLOSED},
    Stage.HELP: {Stage.REFERRED, Stage.CLOSED},
    Stage.REFERRED: {Stage.CLOSED},
    Stage.CLOSED: {Stage.INTAKE},
}

# Button labels for each move, asked by templates through allowed_transitions().
TRANSITION_LABELS = {
    (Stage.SIGNAL, Stage.INTAKE): gettext_lazy("Start intake"),
    (Stage.INTAKE, Stage.PLAN): gettext_lazy("Start plan of action"),
    (Stage.PLAN, Stage.HELP): gettext_lazy("Start short-term help"),
    (Stage.INTAKE, Stage.REFERRED): gettext_lazy("Refer"),
    (Stage.HELP, Stage.REFERRED): gettext_lazy("Refer"),
    (Stage.CLOSED, Stage.INTAKE): gettext_lazy("Reopen"),
}


class TransitionRefused(Refused):
    """A move the case workflow does not allow; str(exc) is a message for the person."""


class OpenCaseExists(TransitionRefused):
    """The pupil already has an open case: `case`, for a link to it where the person may see it."""

    def __init__(self, case: Case):
        super().__init__(_("This pupil already has an open case."))
        self.case = case


class ConflictError(Exception):
    """Someone else saved the same text first."""


class LikelyDuplicates(Exception):
    """The new pupil resembles pupils already at the school: the person chooses one of them or
    confirms that this is someone else."""

    def __init__(self, pupils: list[Pupil]):
        super().__init__()
        self.pupils = pupils


def _stage_label(stage: str) -> str:
    return str(Stage(stage).label)


def is_case_manager(user: User, case: Case) -> bool:
    return case.caseworker_id == user.pk and user.has_role(Role.WORKER)


def missing_for(case: Case, target: str) -> list[str]:
    """What must exist before `case` may move to `target`; empty when nothing is missing."""
    if target == Stage.PLAN:
        intake = Intake.objects.filter(case=case).first()
        if intake is None:
            return [_("an intake")]
        return intake.missing_for_plan()
    if target == Stage.HELP:
        plan = Plan.objects.filter(case=case).first()
        if plan is None:
            return [_("a plan of action")]
        return plan.missing_for_help()
    return []


def ensure_transition(case: Case, target: str, *, by: User) -> None:
    """Raise TransitionRefused unless `by` may move `case` to `target` now."""
    if target not in TRANSITIONS[case.stage]:
        raise TransitionRefused(
            _("A case in stage “%(from)s” cannot move to “%(to)s”.")
            % {"from": _stage_label(case.stage), "to": _stage_label(target)}
        )
    # Any worker of the school may start the intake of an untaken signal (and so becomes its
    # case manager); every other move, closing included, is the case manager's.
    if case.stage == Stage.SIGNAL and case.caseworker_id is None and target == Stage.INTAKE:
        if not assigned_schools(by).filter(pk=case.school_id).exists():
            raise TransitionRefused(_("Only a school social worker of this school can do this."))
    elif not is_case_manager(by, case):
        raise TransitionRefused(_("Only the case manager can change the stage of this case."))
    missing = missing_for(case, target)
    if missing:
        raise TransitionRefused(_("First record: %(missing)s.") % {"missing": ", ".join(missing)})


# What a stage is called in "Still needed for …" (the stage that the missing things open).
NEEDED_FOR = {
    Stage.PLAN: gettext_lazy("the plan of action"),
    Stage.HELP: gettext_lazy("short-term help"),
}


def next_step(case: Case, user: User) -> dict | None:
    """The one next step for the case manager, for the case page's primary button:
    {"target": stage to move to, "label": …} when it can be taken now, or
    {"target": …, "missing": [...], "needed_for": …} when something must be recorded first.
    None when the user cannot move the case forward (not the case manager, or closed)."""
    if not is_case_manager(user, case) or not case.is_open:
        return None
    target = {
        Stage.SIGNAL: Stage.INTAKE,
        Stage.INTAKE: Stage.PLAN,
        Stage.PLAN: Stage.HELP,
    }.get(case.stage)
    if target is None:
        return None
    missing = missing_for(case, target)
    if missing:
        return {"target": target, "missing": missing, "needed_for": NEEDED_FOR[target]}
    return {"target": target, "label": str(TRANSITION_LABELS[(case.stage, target)])}


def allowed_transitions(case: Case, user: User) -> list[tuple[str, str]]:
    """(target stage, button label) pairs the user may choose right now (closing excluded)."""
    result = []
    for target in sorted(TRANSITIONS[case.stage], key=list(Stage).index):
        if target == Stage.CLOSED:
            continue
        try:
            ensure_transition(case, target, by=user)
        except TransitionRefused:
            continue
        result.append((target, str(TRANSITION_LABELS[(case.stage, target)])))
    return result


def can_close(case: Case, user: User) -> bool:
    return case.is_open and is_case_manager(user, case)


def record_event(
    case: Case, *, by: User, kind: str, note: str = "", from_stage: str = "", to_stage: str = ""
) -> CaseEvent:
    """Every change to a case goes through here: its timeline, and the access log's note that
    this request created (a signal) or changed the pupil's case."""
    event = CaseEvent.objects.create(
        case=case, by=by, kind=kind, note=note, from_stage=from_stage, to_stage=to_stage
    )
    Case.objects.filter(pk=case.pk).update(last_activity_at=event.at)
    action = Action.CREATE if kind == CaseEvent.Kind.SIGNALLED else Action.CHANGE
    log_note(action, [case.pupil_id], obj=case, description=kind)
    return event


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("school").get(pk=case.pk)


def _move(case: Case, target: str, *, by: User, note: str = "", kind: str = CaseEvent.Kind.STAGE):
    source = case.stage
    today = timezone.localdate()
    case.stage = target
    case.stage_changed_at = timezone.now()
    date_field = {
        Stage.INTAKE: "intake_on",
        Stage.PLAN: "plan_on",
        Stage.HELP: "help_on",
        Stage.REFERRED: "referred_on",
        Stage.CLOSED: "closed_on",
    }[target]
    # A reopened case keeps the date of its first intake, if it had one.
    if source != Stage.CLOSED or target != Stage.INTAKE or case.intake_on is None:
        setattr(case, date_field, today)
    fields = ["stage", "stage_changed_at", date_field]
    if source == Stage.CLOSED:
        case.closed_on, case.closure_reason, case.outcome = None, "", ""
        fields += ["closed_on", "closure_reason", "outcome"]
    case.save(update_fields=list(dict.fromkeys(fields)))
    return record_event(case, by=by, kind=kind, from_stage=source, to_stage=target, note=note)


# --- Signals ---------------------------------------------------------------------------------

# The first key of pg_advisory_xact_lock(int, int): the second is a school's id.
_PUPILS_AT_SCHOOL_LOCK = 1


def _lock_pupils_at(school_id: int) -> None:
    """Wait for, and hold until the transaction ends, the lock on the pupils of a school.

    Whoever adds a pupil or opens a case at the school holds it from the look for a likely
    duplicate or an open case to the insert, so two signals sent at once cannot both find
    nothing: the second waits, then finds what the first made. The lock is on a key, not on the
    School row, so nothing else that reads or refers to the school waits for it.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_PUPILS_AT_SCHOOL_LOCK, school_id])


def _ensure_can_signal(by: User, school: School) -> None:
    from .access import can_signal_at

    if not can_signal_at(by, school):
        raise TransitionRefused(_("You cannot register a signal at this school."))


@transaction.atomic
def register_signal(
    *,
    by: User,
    school: School,
    existing_pupil: int | None,
    first_name: str,
    last_name: str,
    date_of_birth: datetime.date,
    group: str,
    confirm_new: bool,
    **signal,
) -> Case:
    """Register a signal for a pupil of `school`: `existing_pupil`, or a new pupil from the
    names, saved in the same transaction as the case, so a refused signal leaves no pupil.

    A new pupil who resembles pupils already there raises LikelyDuplicates unless
    `confirm_new`; `signal` is what submit_signal takes besides the pupil.
    """
    _ensure_can_signal(by, school)
    _lock_pupils_at(school.pk)
    if existing_pupil:
        pupil = Pupil.objects.filter(pk=existing_pupil, school=school).first()
        if pupil is None:
            pupil = _pupil_who_moved(existing_pupil, school, by=by)
    else:
        duplicates = list(likely_duplicates(school.pk, first_name, last_name, date_of_birth))
        if duplicates and not confirm_new:
            raise LikelyDuplicates(duplicates)
        pupil = Pupil.objects.create(
            school=school,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            date_of_birth=date_of_birth,
            group=group.strip(),
            created_by=by,
        )
    return submit_signal(by=by, pupil=pupil, **signal)


def _pupil_who_moved(pupil_id: int, school: School, *, by: User) -> Pupil:
    """A pupil known at another school of the organisations that serve `school`, chosen from the
    duplicate check: with an open case there the case moves with the pupil (its case manager
    does that); otherwise the pupil now belongs to `school` (earlier cases stay where they were).
    """
    from continuity.moves import schools_of_same_organisations

    pupil = (
        Pupil.objects.select_for_update()
        .filter(pk=pupil_id, school__in=schools_of_same_organisations(school.pk).values("pk"))
        .first()
    )
    if pupil is None:
        raise TransitionRefused(_("That pupil was not found at this school."))
    open_case = Case.objects.filter(pupil=pupil).open().first()
    if open_case is not None:
        raise OpenCaseExists(open_case)
    _lock_pupils_at(pupil.school_id)
    pupil.school = school
    pupil.save(update_fields=["school"])
    log_note(Action.CHANGE, [pupil.pk], obj=pupil, description="pupil moved school at signal")
    return pupil


@transaction.atomic
def submit_signal(
    *,
    by: User,
    pupil: Pupil,
    categories: list[str],
    noticed: str,
    source: str,
    parents_informed: bool,
    parents_agree: bool,
    signalled_on: datetime.date | None = None,
) -> Case:
    """Register an aanmelding. A worker who signals becomes the case manager at once."""
    _ensure_can_signal(by, pupil.school)
    _lock_pupils_at(pupil.school_id)
    open_case = Case.objects.filter(pupil=pupil).open().first()
    if open_case is not None:
        raise OpenCaseExists(open_case)
    caseworker = by if assigned_schools(by).filter(pk=pupil.school_id).exists() else None
    case = Case.objects.create(
        pupil=pupil,
        school=pupil.school,
        caseworker=caseworker,
        categories=categories,
        noticed=noticed,
        source=source,
        parents_informed=parents_informed,
        parents_agree=parents_agree,
        signalled_on=signalled_on or timezone.localdate(),
        reported_by=by,
    )
    record_event(case, by=by, kind=CaseEvent.Kind.SIGNALLED, to_stage=Stage.SIGNAL)
    return case


@transaction.atomic
def take_on(case: Case, *, by: User) -> CaseEvent:
    """An assigned worker takes on a new signal and becomes its case manager."""
    case = _locked(case)
    if case.caseworker_id is not None:
        raise TransitionRefused(
            _("This signal has already been taken on by %(name)s.") % {"name": case.caseworker}
        )
    if not assigned_schools(by).filter(pk=case.school_id).exists():
        raise TransitionRefused(_("Only a school social worker of this school can do this."))
    case.caseworker = by
    case.save(update_fields=["caseworker"])
    return record_event(case, by=by, kind=CaseEvent.Kind.TAKEN_ON)


@transaction.atomic
def take_on_and_start_intake(case: Case, *, by: User) -> CaseEvent:
    """Taking on a signal starts its intake at once: the next thing the worker does is fill
    it in, so the two are one step."""
    take_on(case, by=by)
    return start_intake(case, by=by)


# --- Stage changes ---------------------------------------------------------------------------


@transaction.atomic
def start_intake(case: Case, *, by: User) -> CaseEvent:
    case = _locked(case)
    if case.stage == Stage.CLOSED:
        raise TransitionRefused(_("A closed case is reopened with a reason."))
    ensure_transition(case, Stage.INTAKE, by=by)
    if case.stage == Stage.SIGNAL and case.caseworker_id is None:
        case.caseworker = by
        case.save(update_fields=["caseworker"])
    Intake.objects.get_or_create(case=case, defaults={"updated_by": by})
    return _move(case, Stage.INTAKE, by=by)


@transaction.atomic
def start_plan(case: Case, *, by: User) -> CaseEvent:
    case = _locked(case)
    ensure_transition(case, Stage.PLAN, by=by)
    Plan.objects.get_or_create(case=case, defaults={"updated_by": by})
    return _move(case, Stage.PLAN, by=by)


@transaction.atomic
def start_help(case: Case, *, by: User) -> CaseEvent:
    case = _locked(case)
    ensure_transition(case, Stage.HELP, by=by)
    return _move(case, Stage.HELP, by=by)


@transaction.atomic
def refer_case(case: Case, *, by: User, note: str) -> CaseEvent:
    """Mark the case referred; SMW keeps coordinating. (Referral records come with the
    sociale kaart; this move is the one they call.)"""
    case = _locked(case)
    ensure_transition(case, Stage.REFERRED, by=by)
    if not note.strip():
        raise TransitionRefused(_("Say to whom and why the case is referred."))
    return _move(case, Stage.REFERRED, by=by, note=note)


def missing_for_closure(case: Case, reason: str) -> list[str]:
    missing = []
    if reason == Case.ClosureReason.GOAL_REACHED:
        plan = Plan.objects.filter(case=case).first()
        if plan is None or not plan.is_agreed:
            missing.append(_("an agreed plan of action"))
        if plan is None or not plan.evaluations.exists():
            missing.append(_("an evaluation of the plan"))
    if reason == Case.ClosureReason.REFERRED and case.referred_on is None:
        missing.append(_("a referral"))
    return missing


@transaction.atomic
def close_case(
    case: Case,
    *,
    by: User,
    reason: str,
    outcome: str,
    handover_complete: bool | None = None,
    handover_note: str = "",
) -> CaseEvent:
    """Close an open case with a reason and outcome; says what is missing when it cannot.

    A referred case's handover is complete when help has started at the organisation it was
    referred to (the referral's status); otherwise the closure records why not.
    """
    case = _locked(case)
    ensure_transition(case, Stage.CLOSED, by=by)
    if reason not in Case.ClosureReason.values:
        raise TransitionRefused(_("Choose a reason for closing."))
    if not outcome.strip():
        raise TransitionRefused(_("Describe the outcome before closing."))
    missing = missing_for_closure(case, reason)
    if missing:
        raise TransitionRefused(
            _("This case cannot be closed with this reason yet. Missing: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    handover = ""
    if case.stage == Stage.REFERRED:
        handover = _check_handover(case, handover_complete, handover_note)
    case.closure_reason, case.outcome = reason, outcome.strip()
    case.save(update_fields=["closure_reason", "outcome"])
    reason_label = Case.ClosureReason(reason).label
    note = f"{reason_label}: {outcome}" + (f" ({handover})" if handover else "")
    event = _move(case, Stage.CLOSED, by=by, kind=CaseEvent.Kind.CLOSED, note=note)
    # Work notes end with the help: their authors hear when they go (retention.work_notes).
    transaction.on_commit(lambda: _work_notes_closed(case.pk))
    return event


def _work_notes_closed(case_pk: int) -> None:
    from retention.work_notes import case_closed

    case_closed(case_pk)


def _check_handover(case: Case, complete: bool | None, note: str) -> str:
    """For a referred case: the handover statement for the timeline, or TransitionRefused.

    The one rule: the handover is complete when help has started at the organisation (the
    referral's status says so); `complete` None takes it from there. Closing before that needs
    the reason why."""
    started = case.referrals.help_started().exists()
    if complete is None:
        complete = started
    if complete and not started:
        raise TransitionRefused(
            _(
                "The handover is not complete: help has not started at the organisation yet. "
                "Record the referral status “help started”, or close with the reason why not."
            )
        )
    if not complete and not note.strip():
        raise TransitionRefused(_("Write down why the handover is not complete."))
    return (
        _("handover complete")
        if complete
        else _("handover not complete: %(why)s") % {"why": note.strip()}
    )


@transaction.atomic
def reopen_case(case: Case, *, by: User, reason: str) -> CaseEvent:
    case = _locked(case)
    if case.stage != Stage.CLOSED:
        raise TransitionRefused(_("Only a closed case can be reopened."))
    ensure_transition(case, Stage.INTAKE, by=by)
    if not reason.strip():
        raise TransitionRefused(_("Give a reason for reopening the case."))
    _lock_pupils_at(case.school_id)
    if Case.objects.filter(pupil=case.pupil_id).open().exclude(pk=case.pk).exists():
        raise TransitionRefused(_("This pupil already has another open case."))
    # A case closed straight from its signal never had an intake to work on.
    Intake.objects.get_or_create(case=case, defaults={"updated_by": by})
    return _move(case, Stage.INTAKE, by=by, note=reason, kind=CaseEvent.Kind.REOPENED)


TRANSITION_FUNCTIONS = {
    Stage.INTAKE: start_intake,
    Stage.PLAN: start_plan,
    Stage.HELP: start_help,
}


# --- Texts with optimistic locking ------------------------------------------------------------


def save_versioned(
    instance: Intake | Plan, *, by: User, version: int, fields: list[str], keep: bool = True
) -> None:
    """Save `fields` only if nobody saved since `version`; otherwise raise ConflictError.

    The check and the write are one UPDATE, so two people saving at once cannot both win.
    Every version is kept (cases.versions): the one saved now (unless `keep` is false, for a
    caller that keeps it once more has changed, as save_plan does after the goals), and, the
    first time, the text as it stood before.
    """
    from .versions import keep_version

    model = type(instance)
    # what save() would write: the text sealed with the pupil's key (vault.fields)
    values = {name: sealed_value(instance, name) for name in fields}
    current = model.objects.select_for_update().filter(pk=instance.pk, version=version).first()
    if current is None:
        raise ConflictError
    keep_version(current, by=current.updated_by, version=version)
    model.objects.filter(pk=instance.pk).update(
        **values, version=F("version") + 1, updated_by=by, updated_at=timezone.now()
    )
    instance.version = version + 1
    if keep:
        keep_version(instance, by=by, version=instance.version)


@transaction.atomic
def save_intake(intake: Intake, *, by: User, version: int, fields: list[str]) -> CaseEvent:
    case = _locked(intake.case)
    if not is_case_manager(by, case):
        raise TransitionRefused(_("Only the case manager can change the intake."))
    if not case.is_open:
        raise TransitionRefused(_("This case is closed. Reopen it first."))
    save_versioned(intake, by=by, version=version, fields=fields)
    return record_event(case, by=by, kind=CaseEvent.Kind.INTAKE_SAVED)


@transaction.atomic
def save_plan(plan: Plan, *, by: User, version: int, fields: list[str], goals: list[dict]) -> None:
    """Save the plan and replace its goals. Goals with results already recorded are kept."""
    case = _locked(plan.case)
    if not is_case_manager(by, case):
        raise TransitionRefused(_("Only the case manager can change the plan."))
    if not case.is_open:
        raise TransitionRefused(_("This case is closed. Reopen it first."))
    save_versioned(plan, by=by, version=version, fields=fields, keep=False)
    existing = {g.pk: g for g in plan.goals.all()}
    keep = set()
    for goal in goals:
        pk = goal.get("id")
        if pk and pk in existing:
            kept = existing[pk]
            kept.domain, kept.description = goal["domain"], goal["description"]
            kept.save(update_fields=["domain", "description"])  # sealed by save (vault.fields)
            keep.add(pk)
        else:
            keep.add(
                Goal.objects.create(plan=plan, **{k: goal[k] for k in ("domain", "description")}).pk
            )
    plan.goals.exclude(pk__in=keep).filter(results__isnull=True).delete()
    from .versions import keep_version

    keep_version(plan, by=by, version=plan.version)
    kind = CaseEvent.Kind.PLAN_AGREED if plan.is_agreed else CaseEvent.Kind.PLAN_SAVED
    record_event(case, by=by, kind=kind)


@transaction.atomic
def evaluate_plan(
    plan: Plan, *, by: User, held_on: datetime.date, note: str, results: dict[int, tuple[str, str]]
) -> Evaluation:
    """Record an evaluation with a result per goal: {goal_id: (result, note)}."""
    case = _locked(plan.case)
    if not is_case_manager(by, case):
        raise TransitionRefused(_("Only the case manager can evaluate the plan."))
    if not case.is_open:
        raise TransitionRefused(_("This case is closed. Reopen it first."))
    goal_ids = set(plan.goals.values_list("pk", flat=True))
    if set(results) != goal_ids:
        raise TransitionRefused(_("Give a result for every goal."))
    if held_on < (plan.agreed_on or case.signalled_on):
        raise TransitionRefused(
            _("The evaluation cannot be before the plan was agreed."), field="held_on"
        )
    evaluation = Evaluation.objects.create(plan=plan, held_on=held_on, note=note, by=by)
    GoalResult.objects.bulk_create(
        GoalResult(evaluation=evaluation, goal_id=goal_id, result=result, note=result_note)
        for goal_id, (result, result_note) in results.items()
    )
    record_event(case, by=by, kind=CaseEvent.Kind.EVALUATED, note=note[:200])
    return evaluation


# --- Parents -----------------------------------------------------------------------------------


@transaction.atomic
def save_guardian(case: Case, guardian: Guardian, *, by: User) -> CaseEvent:
    """Add or change a parent or guardian of the case's pupil; the timeline says who and when."""
    case = _locked(case)
    if not is_case_manager(by, case):
        raise TransitionRefused(_("Only the case manager can do this."))
    if guardian.pk is not None and guardian.pupil_id != case.pupil_id:
        raise TransitionRefused(_("Choose only parents of this pupil."))
    guardian.pupil = case.pupil
    guardian.save()
    return record_event(case, by=by, kind=CaseEvent.Kind.GUARDIAN, note=str(guardian))


# --- Contacts, groups, consultations -----------------------------------------------------------


@transaction.atomic
def log_contact(case: Case, *, by: User, **fields) -> Contact:
    case = _locked(case)
    if not is_case_manager(by, case):
        raise TransitionRefused(_("Only the case manager can log contacts on this case."))
    if not case.is_open:
        raise TransitionRefused(_("This case is closed. Reopen it first."))
    from .norm import ensure_may_continue

    ensure_may_continue(case)
    contact = Contact.objects.create(case=case, author=by, **fields)
    # The timeline shows kind and date only; the summary stays in the contact itself.
    record_event(case, by=by, kind=CaseEvent.Kind.CONTACT, note=contact.get_kind_display())
    return contact


@transaction.atomic
def record_group_session(
    group: Group, *, by: User, held_on: datetime.date, minutes: int, topic: str, summary: str
) -> GroupSession:
    """One group session counts as a contact on each participant's case."""
    if group.worker_id != by.pk:
        raise TransitionRefused(_("Only the worker who leads this group can record sessions."))
    session = GroupSession.objects.create(
        group=group, held_on=held_on, minutes=minutes, topic=topic
    )
    for case in group.cases.open():
        Contact.objects.create(
            case=case,
            author=by,
            held_on=held_on,
            minutes=minutes,
            kind=Contact.Kind.GROUP,
            place=Contact.Place.SCHOOL,
            participants=group.name,
            summary=summary or topic,
            group_session=session,
        )
        record_event(case, by=by, kind=CaseEvent.Kind.CONTACT, note=group.name)
    return session


@transaction.atomic
def record_consultation(*, by: User, **fields) -> Consultation:
    school = fields["school"]
    if not assigned_schools(by).filter(pk=school.pk).exists():
        raise TransitionRefused(_("You are not assigned to this school."))
    case = fields.get("case")
    if case is not None and case.school_id != school.pk:
        raise TransitionRefused(_("This case belongs to another school."))
    consultation = Consultation.objects.create(worker=by, **fields)
    if case is not None:
        record_event(case, by=by, kind=CaseEvent.Kind.CONTACT, note=_("Consultation"))
    return consultation


@transaction.atomic
def start_group(
    *, by: User, school, name: str, kind: str, started_on: datetime.date, cases: list[Case]
) -> Group:
    """A new group led by `by`; participants are at least two of their own open cases there."""
    if not assigned_schools(by).filter(pk=school.pk).exists():
        raise TransitionRefused(_("You are not assigned to this school."))
    cases = list(cases)
    if len(cases) < 2:
        raise TransitionRefused(_("A group needs at least two participants."))
    for case in cases:
        if case.school_id != school.pk:
            raise TransitionRefused(_("Every participant must be a pupil of this school."))
        if not is_case_manager(by, case) or not case.is_open:
            raise TransitionRefused(_("Participants must be your own open cases."))
    group = Group.objects.create(
        school=school, worker=by, name=name, kind=kind, started_on=started_on
    )
    group.cases.set(cases)
    log_note(Action.CHANGE, [c.pupil_id for c in cases], obj=group, description="group")
    return group


@transaction.atomic
def reassign_case(case: Case, *, by: User, to: User, reason: str) -> CaseEvent:
    """A team leader hands an open case to another worker of the organisation who is assigned
    to the case's school this year (illness, leave, caseload balance)."""
    from .access import team_case_ids

    case = _locked(case)
    if case.pk not in team_case_ids(by):
        raise TransitionRefused(_("You cannot reassign this case."))
    if not case.is_open:
        raise TransitionRefused(_("A closed case is not reassigned."))
    if case.caseworker_id == to.pk:
        raise TransitionRefused(_("This worker is already the case manager."))
    if not assigned_schools(to).filter(pk=case.school_id).exists():
        raise TransitionRefused(
            _("%(name)s does not work at this school this school year.") % {"name": to}
        )
    if not reason.strip():
        raise TransitionRefused(_("Give a reason for the reassignment."))
    previous = case.caseworker
    case.caseworker = to
    case.save(update_fields=["caseworker"])
    return record_event(
        case,
        by=by,
        kind=CaseEvent.Kind.REASSIGNED,
        note=f"{previous or '—'} → {to}: {reason.strip()}",
    )
