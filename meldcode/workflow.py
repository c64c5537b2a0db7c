"""How a meldcode trajectory moves: the five steps in order, the afwegingskader's branches.

Each function checks who may do it and what must exist first, locks the trajectory, changes it
in one transaction and writes a line on the case's timeline (kind "meldcode", no content). A
refused step raises MeldcodeRefused with a message the worker can act on.

    1 signals ─► 2 consultation ─► 3 conversation ─► 4 weighing (A1–A4) ─► 5 decision ─► closed
                                                          │ A1 no ───────────────────────► closed
    5: melding (A2 yes, A3/A4/A5 no) → Veilig Thuis feedback → closed
       help (A4 yes) with a term → A5: yes → closed with monitoring; no → melding
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from cases import workflow as case_workflow
from cases.models import Case, CaseEvent
from smw.errors import Refused

from . import afwegingskader
from .afwegingskader import Result
from .models import Answer, Consultation, Trajectory

Step = Trajectory.Step


class MeldcodeRefused(Refused):
    """A meldcode step the rules do not allow now."""


def _event(trajectory: Trajectory, by: User, note: str) -> None:
    case_workflow.record_event(trajectory.case, by=by, kind=CaseEvent.Kind.MELDCODE, note=note)


def _locked(trajectory: Trajectory) -> Trajectory:
    return (
        Trajectory.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=trajectory.pk)
    )


def _required(value, field: str) -> None:
    if value in (None, "", []):
        raise MeldcodeRefused(_("This field is required."), field=field)


def _not_in_future(day: datetime.date | None, field: str) -> None:
    if day and day > timezone.localdate():
        raise MeldcodeRefused(_("This date lies in the future."), field=field)


def is_case_manager(user: User, trajectory: Trajectory) -> bool:
    return case_workflow.is_case_manager(user, trajectory.case)


def safeguards(user: User, trajectory: Trajectory) -> bool:
    """`user` is an aandachtsfunctionaris of the trajectory's organisation."""
    return (
        user.has_role(Role.SAFEGUARDING)
        and user.memberships.filter(
            role=Role.SAFEGUARDING, organisation=trajectory.organisation_id
        ).exists()
    )


def _ensure_manager(by: User, trajectory: Trajectory) -> None:
    if not is_case_manager(by, trajectory):
        raise MeldcodeRefused(_("Only the case manager can record the steps of the meldcode."))


def _ensure_step(trajectory: Trajectory, step: int) -> None:
    if trajectory.step != step:
        if trajectory.step == Step.CLOSED:
            raise MeldcodeRefused(_("This meldcode trajectory is closed."))
        raise MeldcodeRefused(
            _("This trajectory is at “%(current)s”; finish that step first.")
            % {"current": Step(trajectory.step).label}
        )


def _move(trajectory: Trajectory, step: int, by: User) -> None:
    trajectory.step = step
    trajectory.step_since = timezone.localdate()
    _event(trajectory, by, str(Step(step).label))


def _close(trajectory: Trajectory, by: User, outcome: str) -> None:
    trajectory.step = Step.CLOSED
    trajectory.step_since = timezone.localdate()
    trajectory.closed_on = timezone.localdate()
    trajectory.outcome = outcome
    _event(
        trajectory,
        by,
        _("closed: %(outcome)s") % {"outcome": Trajectory.Outcome(outcome).label},
    )


def can_start(user: User, case: Case) -> bool:
    from cases.access import can_take_on

    return (
        case.is_open
        and (
            case_workflow.is_case_manager(user, case)
            or (user.has_role(Role.WORKER) and can_take_on(user, case))
        )
        and not Trajectory.objects.filter(case=case).open().exists()
    )


@transaction.atomic
def start(case: Case, *, by: User) -> Trajectory:
    """Start a trajectory on an open case; on an untaken signal the worker takes it on first."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.is_open:
        raise MeldcodeRefused(_("A meldcode trajectory starts on an open case."))
    if case.caseworker_id is None:
        case_workflow.take_on(case, by=by)
        case.refresh_from_db()
    if not case_workflow.is_case_manager(by, case):
        raise MeldcodeRefused(_("Only the case manager can start a meldcode trajectory."))
    if Trajectory.objects.filter(case=case).open().exists():
        raise MeldcodeRefused(_("This case already has an open meldcode trajectory."))
    membership = by.memberships.filter(role=Role.WORKER).first()
    trajectory = Trajectory.objects.create(
        case=case, organisation_id=membership.organisation_id, started_by=by
    )
    _event(trajectory, by, _("trajectory started"))
    return trajectory


@transaction.atomic
def record_signals(
    trajectory: Trajectory,
    *,
    by: User,
    signals_on: datetime.date,
    facts: str,
    sources: str,
    interpretation: str = "",
    kindcheck: bool | None,
    kindcheck_note: str = "",
    violence: list[str] = (),
) -> Trajectory:
    """Step 1: observed facts and their source, apart from interpretation; the kindcheck."""
    trajectory = _locked(trajectory)
    _ensure_manager(by, trajectory)
    _ensure_step(trajectory, Step.SIGNALS)
    _required(signals_on, "signals_on")
    _not_in_future(signals_on, "signals_on")
    _required(facts.strip(), "facts")
    _required(sources.strip(), "sources")
    if kindcheck is None:
        raise MeldcodeRefused(_("Answer the kindcheck."), field="kindcheck")
    if kindcheck and not kindcheck_note.strip():
        raise MeldcodeRefused(
            _("Explain how the parent's problem is a risk for the child."), field="kindcheck_note"
        )
    trajectory.signals_on = signals_on
    trajectory.facts, trajectory.sources = facts.strip(), sources.strip()
    trajectory.interpretation = interpretation.strip()
    trajectory.kindcheck, trajectory.kindcheck_note = kindcheck, kindcheck_note.strip()
    trajectory.violence = list(violence)
    trajectory.signals_by = by
    _move(trajectory, Step.CONSULTATION, by)
    trajectory.save()
    return trajectory


@transaction.atomic
def add_consultation(
    trajectory: Trajectory,
    *,
    by: User,
    held_on: datetime.date,
    with_whom: str,
    advice: str,
    with_safeguarding: bool = False,
    veilig_thuis: bool = False,
) -> Consultation:
    """Step 2 (and later): a consultation, by the case manager or the aandachtsfunctionaris."""
    trajectory = _locked(trajectory)
    officer = safeguards(by, trajectory)
    if not (officer or is_case_manager(by, trajectory)):
        raise MeldcodeRefused(
            _("Only the case manager or the aandachtsfunctionaris can record a consultation.")
        )
    if not trajectory.is_open:
        raise MeldcodeRefused(_("This meldcode trajectory is closed."))
    if trajectory.step < Step.CONSULTATION:
        raise MeldcodeRefused(_("First map the signals (step 1)."))
    _required(held_on, "held_on")
    _not_in_future(held_on, "held_on")
    _required(with_whom.strip(), "with_whom")
    _required(advice.strip(), "advice")
    consultation = Consultation.objects.create(
        trajectory=trajectory,
        held_on=held_on,
        with_whom=with_whom.strip(),
        advice=advice.strip(),
        with_safeguarding=with_safeguarding or officer,
        veilig_thuis=veilig_thuis,
        by=by,
    )
    _event(trajectory, by, _("consultation recorded"))
    return consultation


def missing_for_conversation(trajectory: Trajectory) -> list[str]:
    """What step 2 still needs: a consultation with the aandachtsfunctionaris, and with Veilig
    Thuis for the forms of violence that require contacting them straight away."""
    missing = []
    consultations = trajectory.consultations.all()
    if not any(c.with_safeguarding for c in consultations):
        missing.append(_("a consultation with the aandachtsfunctionaris"))
    if trajectory.acute and not any(c.veilig_thuis for c in consultations):
        missing.append(_("contact with Veilig Thuis (required for this form of violence)"))
    return missing


@transaction.atomic
def finish_consultation(trajectory: Trajectory, *, by: User) -> Trajectory:
    trajectory = _locked(trajectory)
    _ensure_manager(by, trajectory)
    _ensure_step(trajectory, Step.CONSULTATION)
    missing = missing_for_conversation(trajectory)
    if missing:
        raise MeldcodeRefused(_("First record: %(missing)s.") % {"missing": ", ".join(missing)})
    _move(trajectory, Step.CONVERSATION, by)
    trajectory.save()
    return trajectory


@transaction.atomic
def record_conversation(
    trajectory: Trajectory,
    *,
    by: User,
    held_on: datetime.date | None = None,
    with_whom: str = "",
    summary: str = "",
    skipped: str = "",
) -> Trajectory:
    """Step 3: the conversation with parents and child, or why it was skipped (safety)."""
    trajectory = _locked(trajectory)
    _ensure_manager(by, trajectory)
    _ensure_step(trajectory, Step.CONVERSATION)
    if skipped.strip():
        if held_on or summary.strip():
            raise MeldcodeRefused(
                _("Record either the conversation or the reason it was skipped, not both."),
                field="skipped",
            )
        trajectory.conversation_skipped = skipped.strip()
    else:
        if not held_on and not summary.strip():
            raise MeldcodeRefused(
                _("Record the conversation, or the reason it was skipped."), field="skipped"
            )
        _required(held_on, "held_on")
        _not_in_future(held_on, "held_on")
        _required(with_whom.strip(), "with_whom")
        _required(summary.strip(), "summary")
        trajectory.conversation_on = held_on
        trajectory.conversation_with = with_whom.strip()
        trajectory.conversation_summary = summary.strip()
    trajectory.conversation_by = by
    _move(trajectory, Step.WEIGHING, by)
    trajectory.save()
    return trajectory


def answers_of(trajectory: Trajectory) -> dict[str, bool]:
    return dict(trajectory.answers.values_list("question", "answer"))


def next_question(trajectory: Trajectory) -> str | None:
    """The question of the afwegingskader to answer now, if any (A5 once help is organised)."""
    if trajectory.step not in (Step.WEIGHING, Step.DECISION):
        return None
    question = afwegingskader.next_question(answers_of(trajectory))
    if question == "A5" and not trajectory.help_until:
        return None
    return question


def result_of(trajectory: Trajectory) -> Result | None:
    return afwegingskader.result(answers_of(trajectory))


@transaction.atomic
def answer(
    trajectory: Trajectory,
    *,
    by: User,
    question: str,
    answer: bool,
    motivation: str,
    monitoring: str = "",
) -> Answer:
    """Step 4: one decision of the afwegingskader; the branches decide what comes next."""
    trajectory = _locked(trajectory)
    _ensure_manager(by, trajectory)
    if trajectory.step not in (Step.WEIGHING, Step.DECISION):
        _ensure_step(trajectory, Step.WEIGHING)
    expected = next_question(trajectory)
    if expected is None:
        if trajectory.step == Step.DECISION and result_of(trajectory) == Result.HELP:
            raise MeldcodeRefused(_("First record the help with its term (step 5)."))
        raise MeldcodeRefused(_("The afwegingskader asks no further question here."))
    if question != expected:
        raise MeldcodeRefused(
            _("Answer %(expected)s first: the afwegingskader cannot skip a question.")
            % {"expected": expected},
            field="question",
        )
    _required(motivation.strip(), "motivation")
    if question == "A5" and answer and not monitoring.strip():
        raise MeldcodeRefused(
            _("Record the agreements about monitoring before closing."), field="monitoring"
        )
    given = Answer.objects.create(
        trajectory=trajectory,
        question=question,
        answer=answer,
        motivation=motivation.strip(),
        by=by,
    )
    _event(trajectory, by, f"{question}: {_('yes') if answer else _('no')}")
    outcome = result_of(trajectory)
    if outcome == Result.CLOSE:
        _close(trajectory, by, Trajectory.Outcome.NO_SUSPICION)
    elif outcome == Result.CLOSE_MONITORING:
        trajectory.monitoring = monitoring.strip()
        _close(trajectory, by, Trajectory.Outcome.SAFE)
    elif outcome in (Result.REPORT, Result.HELP) and trajectory.step == Step.WEIGHING:
        _move(trajectory, Step.DECISION, by)
    trajectory.save()
    return given


def must_report(trajectory: Trajectory) -> bool:
    return result_of(trajectory) == Result.REPORT and trajectory.reported_on is None


@transaction.atomic
def record_melding(
    trajectory: Trajectory,
    *,
    by: User,
    reported_on: datetime.date,
    how: str,
    reference: str = "",
) -> Trajectory:
    """Step 5: the melding to Veilig Thuis. It asks for a legal hold on the dossier."""
    trajectory = _locked(trajectory)
    _ensure_manager(by, trajectory)
    _ensure_step(trajectory, Step.DECISION)
    if result_of(trajectory) != Result.REPORT:
        raise MeldcodeRefused(_("The afwegingskader does not lead to a melding here."))
    if trajectory.reported_on:
        raise MeldcodeRefused(_("The melding is already recorded."))
    _required(reported_on, "reported_on")
    _not_in_future(reported_on, "reported_on")
    _required(how.strip(), "how")
    trajectory.reported_on, trajectory.reported_by = reported_on, by
    trajectory.reported_how, trajectory.vt_reference = how.strip(), reference.strip()
    trajectory.legal_hold_since = trajectory.legal_hold_since or timezone.localdate()
    _event(trajectory, by, _("melding to Veilig Thuis recorded"))
    trajectory.save()
    return trajectory


@transaction.atomic
def record_help(
    trajectory: Trajectory,
    *,
    by: User,
    help_until: datetime.date,
    help_manager: str,
    agreements: str,
) -> Trajectory:
    """Step 5 after A4 yes: the help organised, with its term and its case manager."""
    trajectory = _locked(trajectory)
    _ensure_manager(by, trajectory)
    _ensure_step(trajectory, Step.DECISION)
    if result_of(trajectory) != Result.HELP:
        raise MeldcodeRefused(_("The afwegingskader does not lead to help here."))
    if trajectory.help_until:
        raise MeldcodeRefused(_("The help is already recorded."))
    _required(help_until, "help_until")
    if help_until <= timezone.localdate():
        raise MeldcodeRefused(_("The term of the help ends in the future."), field="help_until")
    _required(help_manager.strip(), "help_manager")
    _required(agreements.strip(), "agreements")
    trajectory.help_until, trajectory.help_manager = help_until, help_manager.strip()
    trajectory.help_agreements = agreements.strip()
    _event(trajectory, by, _("help organised"))
    trajectory.save()
    return trajectory


@transaction.atomic
def record_feedback(
    trajectory: Trajectory, *, by: User, feedback_on: datetime.date, feedback: str
) -> Trajectory:
    """Step 5: what Veilig Thuis decided and reported back."""
    trajectory = _locked(trajectory)
    _ensure_manager(by, trajectory)
    _ensure_step(trajectory, Step.DECISION)
    if not trajectory.reported_on:
        raise MeldcodeRefused(_("First record the melding to Veilig Thuis."))
    if trajectory.feedback_on:
        raise MeldcodeRefused(_("The feedback of Veilig Thuis is already recorded."))
    _required(feedback_on, "feedback_on")
    _not_in_future(feedback_on, "feedback_on")
    if feedback_on < trajectory.reported_on:
        raise MeldcodeRefused(_("The feedback cannot precede the melding."), field="feedback_on")
    _required(feedback.strip(), "feedback")
    trajectory.feedback_on, trajectory.feedback = feedback_on, feedback.strip()
    _event(trajectory, by, _("feedback from Veilig Thuis recorded"))
    trajectory.save()
    return trajectory


@transaction.atomic
def close_after_melding(trajectory: Trajectory, *, by: User) -> Trajectory:
    trajectory = _locked(trajectory)
    _ensure_manager(by, trajectory)
    _ensure_step(trajectory, Step.DECISION)
    if not trajectory.feedback_on:
        raise MeldcodeRefused(_("First record the feedback of Veilig Thuis."))
    _close(trajectory, by, Trajectory.Outcome.REPORTED)
    trajectory.save()
    return trajectory
