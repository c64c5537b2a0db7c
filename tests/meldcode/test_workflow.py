"""The trajectory's steps in order, every refused skip, and the afwegingskader on a case."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cases.models import Case, CaseEvent
from meldcode import workflow
from meldcode.models import Trajectory, Violence
from meldcode.workflow import MeldcodeRefused
from tests import factories

from .conftest import answer, at_step, days_ago

Step = Trajectory.Step


def test_start_records_on_the_timeline(cast, case):
    trajectory = workflow.start(case, by=cast.worker)
    assert trajectory.step == Step.SIGNALS
    assert trajectory.organisation == cast.organisation
    event = case.events.get(kind=CaseEvent.Kind.MELDCODE)
    assert event.by == cast.worker and "started" in event.note


def test_start_from_an_untaken_signal_takes_it_on(cast):
    signal = factories.create_case(school=cast.school_a)
    trajectory = workflow.start(signal, by=cast.worker)
    signal.refresh_from_db()
    assert signal.caseworker == cast.worker
    assert trajectory.case == signal


def test_only_the_case_manager_starts(cast, case):
    colleague = factories.create_worker(organisation=cast.organisation, schools=[cast.school_a])
    for person in (colleague, cast.coordinator, cast.safeguarding):
        with pytest.raises(MeldcodeRefused):
            workflow.start(case, by=person)
    assert not Trajectory.objects.exists()


def test_one_open_trajectory_per_case(cast, case):
    workflow.start(case, by=cast.worker)
    with pytest.raises(MeldcodeRefused, match="already has an open"):
        workflow.start(case, by=cast.worker)


def test_no_trajectory_on_a_closed_case(cast):
    closed = factories.create_case(
        school=cast.school_a, caseworker=cast.worker, stage=Case.Stage.CLOSED
    )
    with pytest.raises(MeldcodeRefused):
        workflow.start(closed, by=cast.worker)


def test_signals_need_facts_source_and_kindcheck(cast, case):
    trajectory = workflow.start(case, by=cast.worker)
    base = {"signals_on": days_ago(1), "facts": "Feit", "sources": "Leerkracht", "kindcheck": False}
    for field, value in [("facts", " "), ("sources", ""), ("kindcheck", None)]:
        with pytest.raises(MeldcodeRefused) as refused:
            workflow.record_signals(trajectory, by=cast.worker, **(base | {field: value}))
        assert refused.value.field == field
    with pytest.raises(MeldcodeRefused) as refused:
        workflow.record_signals(trajectory, by=cast.worker, **(base | {"kindcheck": True}))
    assert refused.value.field == "kindcheck_note"
    with pytest.raises(MeldcodeRefused):
        workflow.record_signals(trajectory, by=cast.worker, **(base | {"signals_on": days_ago(-1)}))
    trajectory.refresh_from_db()
    assert trajectory.step == Step.SIGNALS
    workflow.record_signals(trajectory, by=cast.worker, **base)
    trajectory.refresh_from_db()
    assert trajectory.step == Step.CONSULTATION and trajectory.signals_by == cast.worker


def test_steps_cannot_be_skipped(cast, case):
    trajectory = workflow.start(case, by=cast.worker)
    with pytest.raises(MeldcodeRefused):
        workflow.add_consultation(
            trajectory, by=cast.worker, held_on=days_ago(1), with_whom="X", advice="Y"
        )
    with pytest.raises(MeldcodeRefused):
        workflow.finish_consultation(trajectory, by=cast.worker)
    with pytest.raises(MeldcodeRefused):
        workflow.record_conversation(trajectory, by=cast.worker, skipped="Veiligheid")
    with pytest.raises(MeldcodeRefused):
        answer(trajectory, "A1", True)
    with pytest.raises(MeldcodeRefused):
        workflow.record_melding(trajectory, by=cast.worker, reported_on=days_ago(0), how="Tel")
    trajectory.refresh_from_db()
    assert trajectory.step == Step.SIGNALS


def test_consultation_needs_the_aandachtsfunctionaris(cast, case):
    trajectory = at_step(case, 2)
    workflow.add_consultation(
        trajectory, by=cast.worker, held_on=days_ago(1), with_whom="Collega", advice="Afwachten"
    )
    with pytest.raises(MeldcodeRefused, match="aandachtsfunctionaris"):
        workflow.finish_consultation(trajectory, by=cast.worker)
    # the aandachtsfunctionaris records their own consultation note
    consultation = workflow.add_consultation(
        trajectory, by=cast.safeguarding, held_on=days_ago(0), with_whom="Sanne", advice="Praat"
    )
    assert consultation.with_safeguarding
    workflow.finish_consultation(trajectory, by=cast.worker)
    trajectory.refresh_from_db()
    assert trajectory.step == Step.CONVERSATION


def test_consultation_notes_by_others_are_refused(cast, case):
    trajectory = at_step(case, 2)
    other_officer = factories.create_safeguarding_officer(organisation=cast.other_organisation)
    for person in (cast.coordinator, other_officer, cast.teamlead):
        with pytest.raises(MeldcodeRefused):
            workflow.add_consultation(
                trajectory, by=person, held_on=days_ago(0), with_whom="X", advice="Y"
            )
    assert not trajectory.consultations.exists()


@pytest.mark.parametrize("form", [Violence.HONOUR, Violence.FORCED_MARRIAGE, Violence.FGM])
def test_acute_forms_of_violence_require_veilig_thuis(cast, case, form):
    trajectory = at_step(case, 2, violence=[form])
    assert trajectory.acute
    workflow.add_consultation(
        trajectory, by=cast.safeguarding, held_on=days_ago(0), with_whom="AF", advice="Melden"
    )
    with pytest.raises(MeldcodeRefused, match="Veilig Thuis"):
        workflow.finish_consultation(trajectory, by=cast.worker)
    workflow.add_consultation(
        trajectory,
        by=cast.worker,
        held_on=days_ago(0),
        with_whom="Veilig Thuis",
        advice="Direct melden",
        veilig_thuis=True,
    )
    workflow.finish_consultation(trajectory, by=cast.worker)


def test_other_forms_are_not_acute(cast, case):
    trajectory = at_step(case, 2, violence=[Violence.PHYSICAL, Violence.NEGLECT])
    assert not trajectory.acute


def test_conversation_or_the_reason_it_was_skipped(cast, case):
    trajectory = at_step(case, 3)
    with pytest.raises(MeldcodeRefused):
        workflow.record_conversation(trajectory, by=cast.worker)
    with pytest.raises(MeldcodeRefused):
        workflow.record_conversation(
            trajectory, by=cast.worker, held_on=days_ago(0), summary="X", skipped="Y"
        )
    with pytest.raises(MeldcodeRefused) as refused:
        workflow.record_conversation(trajectory, by=cast.worker, held_on=days_ago(0), summary="X")
    assert refused.value.field == "with_whom"
    workflow.record_conversation(
        trajectory, by=cast.worker, skipped="Het kind zou thuis in gevaar komen."
    )
    trajectory.refresh_from_db()
    assert trajectory.step == Step.WEIGHING
    assert trajectory.conversation_skipped and trajectory.conversation_on is None


def test_a1_no_closes(cast, case):
    trajectory = at_step(case, 4)
    answer(trajectory, "A1", False)
    trajectory.refresh_from_db()
    assert trajectory.step == Step.CLOSED
    assert trajectory.outcome == Trajectory.Outcome.NO_SUSPICION
    assert trajectory.closed_on == timezone.localdate()


@pytest.mark.parametrize(
    "path",
    [
        [("A1", True), ("A2", True)],
        [("A1", True), ("A2", False), ("A3", False)],
        [("A1", True), ("A2", False), ("A3", True), ("A4", False)],
    ],
)
def test_branches_to_a_melding(cast, case, path):
    trajectory = at_step(case, 4)
    for question, value in path:
        answer(trajectory, question, value)
    trajectory.refresh_from_db()
    assert trajectory.step == Step.DECISION
    assert workflow.must_report(trajectory)
    assert workflow.next_question(trajectory) is None
    with pytest.raises(MeldcodeRefused):
        answer(trajectory, "A5", True, monitoring="x")
    with pytest.raises(MeldcodeRefused):
        workflow.record_help(
            trajectory, by=cast.worker, help_until=days_ago(-30), help_manager="X", agreements="Y"
        )


@pytest.mark.parametrize(
    ("given", "skipped"),
    [([], "A2"), ([("A1", True)], "A3"), ([("A1", True), ("A2", False)], "A4")],
)
def test_a_skipped_question_is_refused(cast, case, given, skipped):
    trajectory = at_step(case, 4)
    for question, value in given:
        answer(trajectory, question, value)
    with pytest.raises(MeldcodeRefused, match="cannot skip") as refused:
        answer(trajectory, skipped, True)
    assert refused.value.field == "question"
    assert trajectory.answers.count() == len(given)


def test_an_answer_needs_its_motivation(cast, case):
    trajectory = at_step(case, 4)
    with pytest.raises(MeldcodeRefused) as refused:
        workflow.answer(trajectory, by=cast.worker, question="A1", answer=True, motivation=" ")
    assert refused.value.field == "motivation"


def _to_help(case):
    trajectory = at_step(case, 4)
    for question, value in [("A1", True), ("A2", False), ("A3", True), ("A4", True)]:
        answer(trajectory, question, value)
    trajectory.refresh_from_db()
    return trajectory


def test_help_then_a5_yes_closes_with_monitoring(cast, case):
    trajectory = _to_help(case)
    assert trajectory.step == Step.DECISION
    # A5 waits for the help with its term
    with pytest.raises(MeldcodeRefused, match="help"):
        answer(trajectory, "A5", True, monitoring="Maandelijks")
    with pytest.raises(MeldcodeRefused) as refused:
        workflow.record_help(
            trajectory, by=cast.worker, help_until=days_ago(0), help_manager="X", agreements="Y"
        )
    assert refused.value.field == "help_until"
    workflow.record_help(
        trajectory,
        by=cast.worker,
        help_until=days_ago(-42),
        help_manager="Sanne de Vries",
        agreements="Opvoedondersteuning",
    )
    trajectory.refresh_from_db()
    assert workflow.next_question(trajectory) == "A5"
    with pytest.raises(MeldcodeRefused) as refused:
        answer(trajectory, "A5", True)
    assert refused.value.field == "monitoring"
    answer(trajectory, "A5", True, monitoring="Elke maand contact met de mentor.")
    trajectory.refresh_from_db()
    assert trajectory.step == Step.CLOSED
    assert trajectory.outcome == Trajectory.Outcome.SAFE
    assert trajectory.monitoring


def test_help_then_a5_no_leads_to_a_melding(cast, case):
    trajectory = _to_help(case)
    workflow.record_help(
        trajectory, by=cast.worker, help_until=days_ago(-42), help_manager="X", agreements="Y"
    )
    answer(trajectory, "A5", False)
    trajectory.refresh_from_db()
    assert trajectory.step == Step.DECISION and workflow.must_report(trajectory)


def test_melding_feedback_and_closing(cast, case):
    trajectory = at_step(case, 4)
    answer(trajectory, "A1", True)
    answer(trajectory, "A2", True)
    with pytest.raises(MeldcodeRefused):
        workflow.record_feedback(trajectory, by=cast.worker, feedback_on=days_ago(0), feedback="X")
    with pytest.raises(MeldcodeRefused):
        workflow.close_after_melding(trajectory, by=cast.worker)
    workflow.record_melding(
        trajectory, by=cast.worker, reported_on=days_ago(2), how="Telefonisch", reference="VT-1"
    )
    trajectory.refresh_from_db()
    assert trajectory.legal_hold_since == timezone.localdate()
    with pytest.raises(MeldcodeRefused):
        workflow.record_melding(trajectory, by=cast.worker, reported_on=days_ago(0), how="Tel")
    with pytest.raises(MeldcodeRefused) as refused:
        workflow.record_feedback(trajectory, by=cast.worker, feedback_on=days_ago(3), feedback="X")
    assert refused.value.field == "feedback_on"
    workflow.record_feedback(
        trajectory, by=cast.worker, feedback_on=days_ago(0), feedback="Onderzoek gestart"
    )
    workflow.close_after_melding(trajectory, by=cast.worker)
    trajectory.refresh_from_db()
    assert trajectory.outcome == Trajectory.Outcome.REPORTED
    with pytest.raises(MeldcodeRefused, match="closed"):
        workflow.add_consultation(
            trajectory, by=cast.safeguarding, held_on=days_ago(0), with_whom="X", advice="Y"
        )
    # closed: a new trajectory may start on the same case
    assert workflow.can_start(cast.worker, case)


def test_a_stand_in_changes_nothing(cast, case):
    trajectory = at_step(case, 4)
    stand_in = factories.create_worker(organisation=cast.organisation, schools=[cast.school_a])
    factories.create_stand_in(stand_in=stand_in, for_worker=cast.worker)
    with pytest.raises(MeldcodeRefused):
        workflow.answer(trajectory, by=stand_in, question="A1", answer=True, motivation="X")
