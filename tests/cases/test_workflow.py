"""The case workflow: every allowed and every refused move, who may make it, what must exist first.

DESIGN:
    signal ──► intake ──► plan ──► help ──► closed
       │          │                  │         ▲
       │          └──► referred ◄────┘         │
       └──────────────────────────► closed ◄───┘ (from any open stage, with a reason)
    closed ──► intake   (reopen, with a reason)
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cases import workflow
from cases.models import (
    Case,
    CaseEvent,
    Consultation,
    Contact,
    Group,
    Guardian,
    Intake,
    Plan,
    Pupil,
)
from cases.workflow import ConflictError, TransitionRefused
from tests import factories

pytestmark = pytest.mark.usefixtures("english")

Stage = Case.Stage
SIGNAL, INTAKE, PLAN, HELP, REFERRED, CLOSED = Stage

# The diagram above, written out on its own so that a change to workflow.TRANSITIONS shows.
EDGES = {
    (SIGNAL, INTAKE),
    (SIGNAL, CLOSED),
    (INTAKE, PLAN),
    (INTAKE, REFERRED),
    (INTAKE, CLOSED),
    (PLAN, HELP),
    (PLAN, CLOSED),
    (HELP, REFERRED),
    (HELP, CLOSED),
    (REFERRED, CLOSED),
    (CLOSED, INTAKE),
}

DATE_FIELD = {
    INTAKE: "intake_on",
    PLAN: "plan_on",
    HELP: "help_on",
    REFERRED: "referred_on",
    CLOSED: "closed_on",
}

REFER_NOTE = "Naar jeugd-GGZ voor diagnostiek."
OUTCOME = "Advies aan ouders volstond."
REOPEN_REASON = "Moeder belt: het pesten is terug."


# One caller per workflow function, so every move is made the way a view makes it.
def start_intake(case, by):
    return workflow.start_intake(case, by=by)


def reopen(case, by):
    return workflow.reopen_case(case, by=by, reason=REOPEN_REASON)


def start_plan(case, by):
    return workflow.start_plan(case, by=by)


def start_help(case, by):
    return workflow.start_help(case, by=by)


def refer(case, by):
    return workflow.refer_case(case, by=by, note=REFER_NOTE)


def close(case, by):
    return workflow.close_case(
        case,
        by=by,
        reason=Case.ClosureReason.ADVICE_SUFFICED,
        outcome=OUTCOME,
        handover_complete=False,
        handover_note="Wachtlijst bij de jeugd-GGZ.",
    )


def back_to_signal(case, by):
    # No function moves a case back to a signal; the table itself must refuse it.
    return workflow.ensure_transition(case, SIGNAL, by=by)


MOVES = {
    SIGNAL: [back_to_signal],
    INTAKE: [start_intake, reopen],
    PLAN: [start_plan],
    HELP: [start_help],
    REFERRED: [refer],
    CLOSED: [close],
}


def right_move(source, target):
    return reopen if (source, target) == (CLOSED, INTAKE) else MOVES[target][0]


ALLOWED = [
    pytest.param(source, target, id=f"{source}->{target}")
    for source in Stage
    for target in Stage
    if (source, target) in EDGES
]

# Every pair off the diagram with every function that could be tried, and the two edges into
# intake made with the wrong function (a closed case is reopened with a reason, never started).
REFUSED = [
    pytest.param(source, target, move, id=f"{source}->{target}-{move.__name__}")
    for source in Stage
    for target in Stage
    for move in MOVES[target]
    if (source, target) not in EDGES or move is not right_move(source, target)
]

OUTSIDERS = ["other_worker", "colleague", "coordinator", "teamlead"]


def managed_case(cast, stage, **fields) -> Case:
    return factories.create_case(
        school=cast.school_a, caseworker=cast.worker, stage=stage, **fields
    )


def person(request, cast, name):
    if name in ("colleague", "stand_in"):
        return request.getfixturevalue(name)
    return cast.by_name(name)


def test_transition_table_is_the_designed_one():
    table = {
        (source, target) for source, targets in workflow.TRANSITIONS.items() for target in targets
    }
    assert table == EDGES


# --- Allowed and refused edges ----------------------------------------------------------------


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_case_manager_makes_every_allowed_move(cast, source, target):
    case = managed_case(cast, source)
    before = Case.objects.get(pk=case.pk)

    event = right_move(source, target)(case, cast.worker)

    case.refresh_from_db()
    assert case.stage == target
    assert case.stage_changed_at > before.stage_changed_at
    if (source, target) == (CLOSED, INTAKE):
        # reopening keeps the date of the first intake and clears the closure
        assert case.intake_on == before.intake_on
        assert (case.closed_on, case.closure_reason, case.outcome) == (None, "", "")
    else:
        assert getattr(case, DATE_FIELD[target]) == timezone.localdate()
    assert CaseEvent.objects.filter(case=case).count() == 1
    assert event.by == cast.worker
    assert (event.from_stage, event.to_stage) == (source, target)


@pytest.mark.parametrize(
    ("target", "text"), [(REFERRED, REFER_NOTE), (CLOSED, OUTCOME)], ids=["refer", "close"]
)
def test_a_move_with_a_reason_keeps_it_on_the_timeline(cast, target, text):
    case = managed_case(cast, HELP)

    right_move(HELP, target)(case, cast.worker)

    assert text in CaseEvent.objects.get(case=case).note


def test_reopening_keeps_the_reason_on_the_timeline(cast):
    case = managed_case(cast, CLOSED)

    reopen(case, cast.worker)

    event = CaseEvent.objects.get(case=case)
    assert event.kind == CaseEvent.Kind.REOPENED
    assert event.note == REOPEN_REASON


@pytest.mark.parametrize(("source", "target", "move"), REFUSED)
def test_every_other_move_is_refused(cast, source, target, move):
    case = managed_case(cast, source)

    with pytest.raises(TransitionRefused):
        move(case, cast.worker)

    case.refresh_from_db()
    assert case.stage == source
    assert not CaseEvent.objects.filter(case=case).exists()


def test_refusal_names_both_stages(cast):
    case = managed_case(cast, PLAN)

    with pytest.raises(TransitionRefused, match=r"Plan of action.*Referred"):
        refer(case, cast.worker)


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_only_the_case_manager_makes_a_move(request, cast, source, target):
    # another school's worker, a colleague at the same school, the coordinator, the teamlead
    case = managed_case(cast, source)

    for name in OUTSIDERS:
        with pytest.raises(TransitionRefused):
            right_move(source, target)(case, person(request, cast, name))

        case.refresh_from_db()
        assert case.stage == source, name
        assert case.caseworker == cast.worker, name
        assert not CaseEvent.objects.filter(case=case).exists(), name


def test_allowed_transitions_offers_the_case_manager_the_next_step(cast):
    case = managed_case(cast, INTAKE)

    targets = [target for target, _label in workflow.allowed_transitions(case, cast.worker)]

    assert targets == [PLAN, REFERRED]


def test_allowed_transitions_offers_others_nothing(request, cast):
    case = managed_case(cast, INTAKE)

    for name in OUTSIDERS:
        assert workflow.allowed_transitions(case, person(request, cast, name)) == [], name


# --- An untaken signal ----------------------------------------------------------------------


def test_assigned_worker_starts_intake_of_untaken_signal_and_becomes_case_manager(cast, colleague):
    case = factories.create_case(school=cast.school_a)
    assert case.caseworker is None

    start_intake(case, colleague)

    case.refresh_from_db()
    assert case.stage == INTAKE
    assert case.caseworker == colleague
    assert Intake.objects.filter(case=case).exists()
    assert CaseEvent.objects.get(case=case).by == colleague


def test_only_a_worker_of_the_school_starts_intake_of_untaken_signal(cast):
    case = factories.create_case(school=cast.school_a)

    for name in ["other_worker", "coordinator", "teamlead", "officer"]:
        with pytest.raises(TransitionRefused):
            start_intake(case, cast.by_name(name))

        case.refresh_from_db()
        assert (case.stage, case.caseworker) == (SIGNAL, None), name


def test_untaken_signal_is_taken_on_before_it_is_closed(cast, colleague):
    case = factories.create_case(school=cast.school_a)

    with pytest.raises(TransitionRefused):
        close(case, colleague)
    workflow.take_on(case, by=colleague)
    close(case, colleague)

    case.refresh_from_db()
    assert (case.stage, case.caseworker) == (CLOSED, colleague)


def test_assigned_worker_takes_on_a_signal(cast, colleague):
    case = factories.create_case(school=cast.school_a)

    event = workflow.take_on(case, by=colleague)

    case.refresh_from_db()
    assert case.caseworker == colleague
    assert case.stage == SIGNAL
    assert event.kind == CaseEvent.Kind.TAKEN_ON


def test_a_signal_is_taken_on_once(cast, colleague):
    case = factories.create_case(school=cast.school_a)
    workflow.take_on(case, by=colleague)

    with pytest.raises(TransitionRefused):
        workflow.take_on(case, by=cast.worker)

    case.refresh_from_db()
    assert case.caseworker == colleague


def test_only_a_worker_of_the_school_takes_on_a_signal(cast):
    case = factories.create_case(school=cast.school_a)

    for name in ["other_worker", "coordinator", "teamlead"]:
        with pytest.raises(TransitionRefused):
            workflow.take_on(case, by=cast.by_name(name))

        case.refresh_from_db()
        assert case.caseworker is None, name


# --- What must exist first ---------------------------------------------------------------------


def test_no_plan_stage_without_an_intake(cast):
    case = managed_case(cast, INTAKE)
    Intake.objects.filter(case=case).delete()

    with pytest.raises(TransitionRefused, match="an intake"):
        start_plan(case, cast.worker)


@pytest.mark.parametrize("field", Intake.REQUIRED_FOR_PLAN)
def test_no_plan_stage_without_what_the_intake_needs(cast, field):
    case = managed_case(cast, INTAKE)
    Intake.objects.filter(case=case).update(**{field: None if field == "held_on" else ""})

    with pytest.raises(TransitionRefused) as refused:
        start_plan(case, cast.worker)

    names = {
        name: str(Intake._meta.get_field(name).verbose_name) for name in Intake.REQUIRED_FOR_PLAN
    }
    assert names[field] in str(refused.value)
    assert all(names[other] not in str(refused.value) for other in names if other != field)
    case.refresh_from_db()
    assert case.stage == INTAKE


def test_no_help_without_a_plan(cast):
    case = managed_case(cast, PLAN)
    Plan.objects.filter(case=case).delete()

    with pytest.raises(TransitionRefused, match="a plan of action"):
        start_help(case, cast.worker)


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        (lambda plan: plan.goals.all().delete(), "at least one goal"),
        (lambda plan: Plan.objects.filter(pk=plan.pk).update(agreed_on=None), "the date"),
        (
            lambda plan: Plan.objects.filter(pk=plan.pk).update(
                agreed_pupil=False, agreed_parents=False, agreed_school=False
            ),
            "who agreed",
        ),
        (
            lambda plan: Plan.objects.filter(pk=plan.pk).update(evaluation_on=None),
            "evaluation date",
        ),
    ],
    ids=["goal", "agreed_on", "who_agreed", "evaluation_on"],
)
def test_no_help_without_an_agreed_plan(cast, change, missing):
    case = managed_case(cast, PLAN)
    change(Plan.objects.get(case=case))

    with pytest.raises(TransitionRefused) as refused:
        start_help(case, cast.worker)

    assert missing in str(refused.value)
    case.refresh_from_db()
    assert case.stage == PLAN


def test_refusal_names_everything_the_plan_still_needs(cast):
    case = managed_case(cast, INTAKE)
    factories.create_plan(case=case, agreed=False, goals=())
    Case.objects.filter(pk=case.pk).update(stage=PLAN)

    with pytest.raises(TransitionRefused) as refused:
        start_help(case, cast.worker)

    for missing in ("at least one goal", "the date", "who agreed", "evaluation date"):
        assert missing in str(refused.value)


# --- Closing and reopening ---------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "onzin"])
def test_closure_needs_a_valid_reason(cast, reason):
    case = managed_case(cast, HELP)

    with pytest.raises(TransitionRefused):
        workflow.close_case(case, by=cast.worker, reason=reason, outcome=OUTCOME)

    case.refresh_from_db()
    assert case.stage == HELP


@pytest.mark.parametrize("outcome", ["", "   "])
def test_closure_needs_an_outcome(cast, outcome):
    case = managed_case(cast, HELP)

    with pytest.raises(TransitionRefused):
        workflow.close_case(
            case, by=cast.worker, reason=Case.ClosureReason.ADVICE_SUFFICED, outcome=outcome
        )

    case.refresh_from_db()
    assert case.stage == HELP


def test_goal_reached_needs_an_agreed_plan(cast):
    case = managed_case(cast, INTAKE)

    with pytest.raises(TransitionRefused, match="an agreed plan of action"):
        workflow.close_case(
            case, by=cast.worker, reason=Case.ClosureReason.GOAL_REACHED, outcome=OUTCOME
        )


def test_goal_reached_needs_an_evaluation(cast):
    case = managed_case(cast, HELP)

    with pytest.raises(TransitionRefused) as refused:
        workflow.close_case(
            case, by=cast.worker, reason=Case.ClosureReason.GOAL_REACHED, outcome=OUTCOME
        )

    assert "an evaluation of the plan" in str(refused.value)
    assert "agreed plan" not in str(refused.value)


def test_goal_reached_closes_with_agreed_plan_and_evaluation(cast):
    case = managed_case(cast, HELP)
    factories.create_evaluation(plan=Plan.objects.get(case=case))

    event = workflow.close_case(
        case, by=cast.worker, reason=Case.ClosureReason.GOAL_REACHED, outcome=OUTCOME
    )

    case.refresh_from_db()
    assert case.stage == CLOSED
    assert (case.closure_reason, case.outcome) == (Case.ClosureReason.GOAL_REACHED, OUTCOME)
    assert case.closed_on == timezone.localdate()
    assert event.kind == CaseEvent.Kind.CLOSED


def test_closing_as_referred_needs_a_referral(cast):
    case = managed_case(cast, INTAKE)

    with pytest.raises(TransitionRefused, match="a referral"):
        workflow.close_case(
            case, by=cast.worker, reason=Case.ClosureReason.REFERRED, outcome=OUTCOME
        )


@pytest.mark.parametrize("reason", ["", "  "])
def test_reopen_needs_a_reason(cast, reason):
    case = managed_case(cast, CLOSED)

    with pytest.raises(TransitionRefused):
        workflow.reopen_case(case, by=cast.worker, reason=reason)

    case.refresh_from_db()
    assert case.stage == CLOSED
    assert case.closure_reason


def test_reopen_is_refused_while_the_pupil_has_another_open_case(cast):
    closed = managed_case(cast, CLOSED)
    managed_case(cast, INTAKE, pupil=closed.pupil)

    with pytest.raises(TransitionRefused):
        reopen(closed, cast.worker)

    closed.refresh_from_db()
    assert closed.stage == CLOSED


def test_reopened_signal_gets_an_intake_to_work_on(cast):
    # closed straight from the signal: there never was an intake
    case = managed_case(cast, SIGNAL)
    close(case, cast.worker)

    reopen(case, cast.worker)

    case.refresh_from_db()
    assert case.stage == INTAKE
    assert case.intake_on == timezone.localdate()
    assert Intake.objects.filter(case=case).exists()


# --- Texts with optimistic locking -------------------------------------------------------------


def test_second_intake_save_from_the_same_version_conflicts_and_the_first_text_stays(cast):
    case = managed_case(cast, INTAKE)
    mine, theirs = Intake.objects.get(case=case), Intake.objects.get(case=case)
    mine.strengths, theirs.strengths = "Sportief en behulpzaam", "Muzikaal"

    workflow.save_intake(mine, by=cast.worker, version=1, fields=["strengths"])
    with pytest.raises(ConflictError):
        workflow.save_intake(theirs, by=cast.worker, version=1, fields=["strengths"])

    intake = Intake.objects.get(case=case)
    assert intake.strengths == "Sportief en behulpzaam"
    assert intake.version == 2
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.INTAKE_SAVED).count() == 1


def test_save_from_the_new_version_succeeds(cast):
    case = managed_case(cast, INTAKE)
    intake = Intake.objects.get(case=case)
    intake.strengths = "Sportief"
    workflow.save_intake(intake, by=cast.worker, version=1, fields=["strengths"])

    intake.strengths = "Sportief en muzikaal"
    workflow.save_intake(intake, by=cast.worker, version=2, fields=["strengths"])

    assert Intake.objects.get(case=case).strengths == "Sportief en muzikaal"


def test_second_plan_save_from_the_same_version_conflicts_and_the_first_text_stays(cast):
    case = managed_case(cast, PLAN)
    mine, theirs = Plan.objects.get(case=case), Plan.objects.get(case=case)
    mine.planned_sessions, theirs.planned_sessions = 8, 3
    goal = {"domain": "leerling", "description": "Durft te zeggen wat hij wil"}

    workflow.save_plan(mine, by=cast.worker, version=1, fields=["planned_sessions"], goals=[goal])
    with pytest.raises(ConflictError):
        workflow.save_plan(
            theirs,
            by=cast.worker,
            version=1,
            fields=["planned_sessions"],
            goals=[goal | {"description": "Iets anders"}],
        )

    plan = Plan.objects.get(case=case)
    assert plan.planned_sessions == 8
    assert [g.description for g in plan.goals.all()] == ["Durft te zeggen wat hij wil"]


def test_only_the_case_manager_saves_the_intake(request, cast):
    case = managed_case(cast, INTAKE)
    intake = Intake.objects.get(case=case)
    intake.strengths = "Iets"

    for name in ["colleague", "stand_in", "coordinator"]:
        with pytest.raises(TransitionRefused):
            workflow.save_intake(
                intake, by=person(request, cast, name), version=1, fields=["strengths"]
            )

    assert Intake.objects.get(case=case).version == 1


# --- Signals -----------------------------------------------------------------------------------


SIGNAL_FIELDS = {
    "categories": ["pesten"],
    "noticed": "Wordt gepest in de pauze.",
    "source": Case.Source.COORDINATOR,
    "parents_informed": True,
    "parents_agree": True,
}


def submit(by, pupil):
    return workflow.submit_signal(by=by, pupil=pupil, **SIGNAL_FIELDS)


def test_coordinators_signal_waits_for_a_worker(cast):
    pupil = factories.create_pupil(school=cast.school_a)

    case = submit(cast.coordinator, pupil)

    assert case.caseworker is None
    assert case.stage == SIGNAL
    assert case.reported_by == cast.coordinator
    event = CaseEvent.objects.get(case=case)
    assert (event.kind, event.by, event.to_stage) == (
        CaseEvent.Kind.SIGNALLED,
        cast.coordinator,
        SIGNAL,
    )


def test_workers_signal_makes_them_case_manager(cast):
    pupil = factories.create_pupil(school=cast.school_a)

    case = submit(cast.worker, pupil)

    assert case.caseworker == cast.worker
    assert case.signalled_on == timezone.localdate()


def test_second_open_case_for_the_same_pupil_is_refused(cast):
    pupil = factories.create_pupil(school=cast.school_a)
    submit(cast.coordinator, pupil)

    with pytest.raises(TransitionRefused):
        submit(cast.worker, pupil)

    assert Case.objects.filter(pupil=pupil).count() == 1


def test_new_case_after_the_last_one_closed(cast):
    closed = managed_case(cast, CLOSED)

    case = submit(cast.worker, closed.pupil)

    assert Case.objects.filter(pupil=closed.pupil).count() == 2
    assert case.stage == SIGNAL


def test_signal_only_at_own_school(cast):
    pupil = factories.create_pupil(school=cast.school_a)

    for name in ["other_worker", "other_coordinator", "teamlead", "officer", "nobody"]:
        with pytest.raises(TransitionRefused):
            submit(cast.by_name(name), pupil)

    assert not Case.objects.filter(pupil=pupil).exists()


def register(by, school, **pupil):
    """A signal as the signal page sends it: a new pupil unless `existing_pupil` is given."""
    fields = {
        "existing_pupil": None,
        "first_name": "Noor",
        "last_name": "Bakker",
        "date_of_birth": datetime.date(2016, 5, 4),
        "group": " 5b ",
        "confirm_new": False,
    }
    return workflow.register_signal(by=by, school=school, **(fields | pupil), **SIGNAL_FIELDS)


def test_signal_for_a_new_pupil_saves_the_pupil_with_the_case(cast):
    case = register(cast.worker, cast.school_a)

    pupil = Pupil.objects.get()
    assert case.pupil == pupil
    assert (pupil.school, pupil.group, pupil.created_by) == (cast.school_a, "5b", cast.worker)
    assert case.caseworker == cast.worker


def test_refused_signal_for_a_new_pupil_leaves_no_pupil(cast, monkeypatch):
    def refuse(*args, **kwargs):
        raise TransitionRefused("refused after the pupil was saved")

    monkeypatch.setattr(workflow, "record_event", refuse)

    with pytest.raises(TransitionRefused):
        register(cast.worker, cast.school_a)

    assert not Pupil.objects.exists()
    assert not Case.objects.exists()


def test_signal_at_a_school_not_ones_own_saves_no_pupil(cast):
    with pytest.raises(TransitionRefused):
        register(cast.worker, cast.school_c)

    assert not Pupil.objects.exists()


def test_signal_for_a_pupil_like_one_already_there_asks_first(cast):
    noor = factories.create_pupil(
        school=cast.school_a,
        first_name="Noor",
        last_name="Bakker",
        date_of_birth=datetime.date(2016, 5, 4),
    )

    with pytest.raises(workflow.LikelyDuplicates) as refused:
        register(cast.worker, cast.school_a)

    assert refused.value.pupils == [noor]
    assert Pupil.objects.get() == noor
    assert not Case.objects.exists()


def test_confirmed_new_pupil_is_registered_despite_a_likeness(cast):
    factories.create_pupil(school=cast.school_a, first_name="Noor", last_name="Bakker")

    case = register(cast.worker, cast.school_a, confirm_new=True)

    assert Pupil.objects.count() == 2
    assert case.pupil.first_name == "Noor"


def test_signal_for_a_pupil_of_another_organisations_school_is_refused(cast):
    # School C is served by another organisation: its pupils are not found from school A.
    elsewhere = factories.create_pupil(school=cast.school_c)

    with pytest.raises(TransitionRefused, match="not found at this school"):
        register(cast.worker, cast.school_a, existing_pupil=elsewhere.pk)

    assert not Case.objects.exists()


# --- Parents -----------------------------------------------------------------------------------


def test_saving_a_guardian_writes_the_timeline(cast):
    case = managed_case(cast, INTAKE)
    guardian = Guardian(name="Mirjam Jansen", relation=Guardian.Relation.MOTHER)

    event = workflow.save_guardian(case, guardian, by=cast.worker)

    assert Guardian.objects.get().pupil == case.pupil
    assert (event.case, event.kind, event.by) == (case, CaseEvent.Kind.GUARDIAN, cast.worker)
    assert "Mirjam Jansen" in event.note


def test_only_the_case_manager_saves_a_guardian(cast, colleague):
    case = managed_case(cast, INTAKE)

    with pytest.raises(TransitionRefused):
        workflow.save_guardian(case, Guardian(name="Mirjam Jansen"), by=colleague)

    assert not Guardian.objects.exists()
    assert not CaseEvent.objects.filter(kind=CaseEvent.Kind.GUARDIAN).exists()


def test_guardian_of_another_pupil_is_not_saved_on_this_case(cast):
    case = managed_case(cast, INTAKE)
    other = factories.create_guardian(pupil=factories.create_pupil(school=cast.school_a))
    other.name = "Iemand Anders"

    with pytest.raises(TransitionRefused):
        workflow.save_guardian(case, other, by=cast.worker)

    other.refresh_from_db()
    assert other.name != "Iemand Anders"


# --- Contacts, evaluations, groups, consultations -------------------------------------------


def contact_fields(**changes):
    return {
        "held_on": timezone.localdate(),
        "minutes": 30,
        "kind": Contact.Kind.PARENTS,
        "place": Contact.Place.HOME,
        "participants": "moeder",
        "summary": "Gesprek met moeder.",
        "work_note": "",
    } | changes


def test_case_manager_logs_a_contact(cast):
    case = managed_case(cast, HELP)

    contact = workflow.log_contact(case, by=cast.worker, **contact_fields())

    assert contact.author == cast.worker
    event = CaseEvent.objects.get(case=case)
    assert event.kind == CaseEvent.Kind.CONTACT
    assert "moeder" not in event.note  # the timeline names the kind, never the content


def test_only_the_case_manager_logs_a_contact(request, cast):
    case = managed_case(cast, HELP)

    for name in ["colleague", "stand_in", "coordinator"]:
        with pytest.raises(TransitionRefused):
            workflow.log_contact(case, by=person(request, cast, name), **contact_fields())

    assert not Contact.objects.filter(case=case).exists()


def test_no_contact_on_a_closed_case(cast):
    case = managed_case(cast, CLOSED)

    with pytest.raises(TransitionRefused):
        workflow.log_contact(case, by=cast.worker, **contact_fields())


def test_evaluation_needs_a_result_for_every_goal(cast):
    case = managed_case(cast, HELP)
    plan = Plan.objects.get(case=case)
    second = plan.goals.create(domain="school", description="Leerkracht grijpt in")

    with pytest.raises(TransitionRefused):
        workflow.evaluate_plan(
            plan,
            by=cast.worker,
            held_on=timezone.localdate(),
            note="",
            results={second.pk: ("behaald", "")},
        )

    assert not plan.evaluations.exists()


def test_evaluation_cannot_lie_before_the_plan_was_agreed(cast):
    case = managed_case(cast, HELP)
    plan = Plan.objects.get(case=case)
    plan.agreed_on = timezone.localdate()
    plan.save(update_fields=["agreed_on"])

    with pytest.raises(TransitionRefused) as refused:
        workflow.evaluate_plan(
            plan,
            by=cast.worker,
            held_on=plan.agreed_on - datetime.timedelta(days=1),
            note="",
            results={goal.pk: ("behaald", "") for goal in plan.goals.all()},
        )

    assert refused.value.field == "held_on"
    assert not plan.evaluations.exists()


def test_group_session_counts_a_contact_on_each_open_participant_case(cast):
    open_cases = [managed_case(cast, HELP), managed_case(cast, PLAN)]
    closed = managed_case(cast, CLOSED)
    group = Group.objects.create(
        school=cast.school_a, worker=cast.worker, name="Rouwgroep 7-8", kind=Group.Kind.GRIEF
    )
    group.cases.set([*open_cases, closed])

    session = workflow.record_group_session(
        group,
        by=cast.worker,
        held_on=timezone.localdate(),
        minutes=60,
        topic="Herinneringen",
        summary="Iedereen nam een foto mee.",
    )

    for case in open_cases:
        contact = Contact.objects.get(case=case)
        assert (contact.kind, contact.group_session, contact.minutes) == (
            Contact.Kind.GROUP,
            session,
            60,
        )
        assert CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.CONTACT).count() == 1
    assert not Contact.objects.filter(case=closed).exists()


def test_only_the_group_leader_records_a_session(cast, colleague):
    group = Group.objects.create(
        school=cast.school_a, worker=cast.worker, name="Rouwgroep", kind=Group.Kind.GRIEF
    )
    group.cases.set([managed_case(cast, HELP)])

    with pytest.raises(TransitionRefused):
        workflow.record_group_session(
            group, by=colleague, held_on=timezone.localdate(), minutes=60, topic="x", summary="y"
        )

    assert not Contact.objects.exists()


def test_consultation_only_at_an_assigned_school(cast):
    with pytest.raises(TransitionRefused):
        workflow.record_consultation(
            by=cast.other_worker,
            school=cast.school_a,
            held_on=timezone.localdate(),
            minutes=15,
            with_whom="leerkracht",
            question="Hoe ga ik om met een stille leerling?",
            advice="Geef een vaste taak.",
        )


def test_consultation_about_a_case_of_another_school_is_refused(cast):
    case = managed_case(cast, HELP)  # at school A

    with pytest.raises(TransitionRefused):
        workflow.record_consultation(
            by=cast.worker,
            school=cast.school_b,
            case=case,
            held_on=timezone.localdate() - datetime.timedelta(days=1),
            minutes=15,
            with_whom="leerkracht",
            question="Vraag",
            advice="Advies",
        )


def test_consultation_leaves_no_row_when_its_timeline_event_fails(cast, monkeypatch):
    case = managed_case(cast, HELP)  # at school A

    def fail(*args, **kwargs):
        raise RuntimeError("the timeline is unavailable")

    monkeypatch.setattr(workflow, "record_event", fail)

    with pytest.raises(RuntimeError):
        workflow.record_consultation(
            by=cast.worker,
            school=cast.school_a,
            case=case,
            held_on=timezone.localdate(),
            minutes=15,
            with_whom="leerkracht",
            question="Vraag",
            advice="Advies",
        )

    assert not Consultation.objects.exists()
