"""Referring a case: consent per destination, the acute-safety exception, the status table,
and closing a referred case with or without a complete handover."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from cases import workflow as case_workflow
from cases.models import Case, CaseEvent
from referrals import workflow
from referrals.models import Referral, ReferralStatusChange, SocialMapEntry
from referrals.workflow import STATUS_TRANSITIONS
from smw.errors import Refused
from tests import factories

from .helpers import create_consent, create_entry, create_referral, days_from_today

Status = Referral.Status


def _refer(case, by, destination, **overrides) -> Referral:
    arguments = {
        "destination": destination,
        "reason": "Somber, slaapt slecht, trekt zich terug.",
        "question": "Is er sprake van een depressie? Graag behandeling.",
        "shared_information": "Samenvatting intake en plan van aanpak.",
        "follow_up_on": days_from_today(14),
    }
    arguments.update(overrides)
    return workflow.refer(case, by=by, **arguments)


# --- The status table -----------------------------------------------------------------------

# The table as the organisations work, written out here so that a change to the workflow's
# table shows up as a failing test rather than silently changing what is tested.
EXPECTED = {
    Status.PREPARED: {Status.SUBMITTED, Status.WITHDRAWN},
    Status.SUBMITTED: {
        Status.WAITING,
        Status.INTAKE,
        Status.STARTED,
        Status.REJECTED,
        Status.WITHDRAWN,
    },
    Status.WAITING: {Status.INTAKE, Status.STARTED, Status.REJECTED, Status.WITHDRAWN},
    Status.INTAKE: {Status.STARTED, Status.REJECTED, Status.WITHDRAWN},
    Status.STARTED: {Status.COMPLETED},
    Status.REJECTED: set(),
    Status.WITHDRAWN: set(),
    Status.COMPLETED: set(),
}
ALLOWED = [(old, new) for old, targets in EXPECTED.items() for new in sorted(targets)]
REFUSED = [
    (old, new)
    for old, new in itertools.product(Status.values, repeat=2)
    if new not in EXPECTED[old]
]


def test_status_table_is_the_agreed_one():
    assert STATUS_TRANSITIONS == EXPECTED
    assert len(ALLOWED) + len(REFUSED) == len(Status.values) ** 2


@pytest.fixture
def referred_case(db) -> Case:
    """A referred case with its own case manager; lighter than the cast for the big table."""
    return factories.create_case(stage=Case.Stage.REFERRED)


@pytest.mark.parametrize(("old", "new"), ALLOWED)
def test_allowed_status_change_is_saved_with_history(referred_case, old, new):
    referral = create_referral(case=referred_case, status=old)

    workflow.change_status(
        referral,
        by=referred_case.caseworker,
        status=new,
        on=days_from_today(0),
        note="Besproken met ouders",
    )

    referral.refresh_from_db()
    assert referral.status == new
    assert referral.status_changed_on == days_from_today(0)
    assert [c.note for c in referral.changes.filter(status=new)] == ["Besproken met ouders"]
    assert referred_case.events.filter(kind=CaseEvent.Kind.REFERRAL_STATUS).exists()


@pytest.mark.parametrize(("old", "new"), REFUSED)
def test_status_change_outside_the_table_is_refused(referred_case, old, new):
    referral = create_referral(case=referred_case, status=old)

    with pytest.raises(Refused, match="cannot become"):
        workflow.change_status(
            referral,
            by=referred_case.caseworker,
            status=new,
            on=days_from_today(0),
            note="Toch maar",
        )

    referral.refresh_from_db()
    assert referral.status == old
    assert referral.changes.count() == 1
    assert not referred_case.events.filter(kind=CaseEvent.Kind.REFERRAL_STATUS).exists()


@pytest.mark.parametrize("note", ["", "   "])
def test_rejection_without_a_reason_is_refused(referred_case, note):
    referral = create_referral(case=referred_case, status=Status.SUBMITTED)

    with pytest.raises(Refused, match="reason for the rejection"):
        workflow.change_status(
            referral,
            by=referred_case.caseworker,
            status=Status.REJECTED,
            on=days_from_today(0),
            note=note,
        )

    referral.refresh_from_db()
    assert referral.status == Status.SUBMITTED


@pytest.mark.parametrize("person", ["other_worker", "coordinator", "teamlead", "colleague"])
def test_only_the_case_manager_changes_the_status(cast, referred_case, person):
    if person == "colleague":
        # works at school A too, even covers for the worker this week: still not the case manager
        user = factories.create_worker(organisation=cast.organisation, schools=[cast.school_a])
        factories.create_stand_in(stand_in=user, for_worker=cast.worker)
    else:
        user = cast.by_name(person)
    referral = create_referral(case=referred_case, status=Status.SUBMITTED)

    with pytest.raises(Refused, match="Only the case manager"):
        workflow.change_status(referral, by=user, status=Status.INTAKE, on=days_from_today(0))

    referral.refresh_from_db()
    assert referral.status == Status.SUBMITTED


@pytest.mark.parametrize("days", [1, -4], ids=["tomorrow", "before-the-previous-status"])
def test_status_date_outside_previous_status_and_today_is_refused(referred_case, days):
    referral = create_referral(
        case=referred_case, status=Status.SUBMITTED, status_changed_on=days_from_today(-3)
    )

    with pytest.raises(Refused, match="between the previous status and today"):
        workflow.change_status(
            referral, by=referred_case.caseworker, status=Status.INTAKE, on=days_from_today(days)
        )


def test_prepared_referral_whose_consent_was_withdrawn_cannot_be_submitted(referred_case):
    worker = referred_case.caseworker
    consent = create_consent(case=referred_case, party=create_entry())
    referral = create_referral(
        case=referred_case, destination=consent.party, status=Status.PREPARED, consent=consent
    )
    workflow.withdraw_consent(consent, by=worker, on=days_from_today(0))

    with pytest.raises(Refused, match="no longer valid"):
        workflow.change_status(referral, by=worker, status=Status.SUBMITTED, on=days_from_today(0))

    referral.refresh_from_db()
    assert referral.status == Status.PREPARED


# --- Consent for this destination -----------------------------------------------------------


def test_referral_with_valid_consent_for_the_destination_is_submitted(cast, case, altrecht):
    consent = create_consent(case=case, party=altrecht)

    referral = _refer(case, cast.worker, altrecht, consent=consent)

    assert referral.status == Status.SUBMITTED
    assert referral.consent == consent
    assert list(referral.changes.values_list("status", flat=True)) == [
        Status.SUBMITTED,
        Status.PREPARED,
    ]


@pytest.mark.parametrize("problem", ["none", "other_organisation", "expired", "withdrawn"])
def test_referral_without_valid_consent_for_that_destination_is_refused(
    cast, case, altrecht, problem
):
    other = create_entry(name="Timon Jeugdhulp", kind=SocialMapEntry.Kind.YOUTH_CARE)
    consent = {
        "none": None,
        "other_organisation": create_consent(case=case, party=other),
        "expired": create_consent(
            case=case,
            party=altrecht,
            given_on=days_from_today(-30),
            valid_until=days_from_today(-1),
        ),
        "withdrawn": create_consent(
            case=case,
            party=altrecht,
            given_on=days_from_today(-30),
            withdrawn_on=days_from_today(0),
        ),
    }[problem]

    with pytest.raises(Refused, match="needs valid consent for referral to Altrecht"):
        _refer(case, cast.worker, altrecht, consent=consent)

    case.refresh_from_db()
    assert case.stage == Case.Stage.HELP
    assert not Referral.objects.exists()


def test_consent_for_another_pupil_does_not_cover_this_referral(cast, case, altrecht):
    other_case = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a), caseworker=cast.worker, stage="help"
    )
    consent = create_consent(case=other_case, party=altrecht)

    with pytest.raises(Refused, match="needs valid consent"):
        _refer(case, cast.worker, altrecht, consent=consent)


def _referrals_section(page: str) -> str:
    """The "Referrals" card of the case detail page."""
    start = page.index('id="h-referrals"')
    return page[start : page.index("</section>", start)]


@pytest.mark.parametrize("reason", ["", "  \n "])
def test_acute_exception_without_a_written_reason_is_refused(cast, case, altrecht, reason):
    with pytest.raises(Refused, match="Write down why you refer without consent"):
        _refer(case, cast.worker, altrecht, acute_exception=True, exception_reason=reason)

    assert not Referral.objects.exists()


def test_acute_exception_with_a_written_reason_refers_without_consent(cast, case, client):
    veilig_thuis = create_entry(name="Veilig Thuis Utrecht", kind=SocialMapEntry.Kind.VEILIG_THUIS)

    referral = _refer(
        case,
        cast.worker,
        veilig_thuis,
        acute_exception=True,
        exception_reason="Blauwe plekken, durft niet naar huis.",
    )

    assert referral.status == Status.SUBMITTED
    assert referral.consent is None
    assert referral.exception_reason == "Blauwe plekken, durft niet naar huis."
    event = case.events.get(kind=CaseEvent.Kind.REFERRAL)
    assert "without consent (acute safety): Blauwe plekken" in event.note

    client.force_login(cast.worker)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "without consent (acute safety)" in _referrals_section(page)
    assert "Blauwe plekken, durft niet naar huis." in page  # the timeline keeps the reason


def test_referral_with_consent_is_not_marked_as_an_exception_on_the_case(
    cast, case, altrecht, client
):
    _refer(case, cast.worker, altrecht, consent=create_consent(case=case, party=altrecht))

    client.force_login(cast.worker)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Altrecht Jeugd" in _referrals_section(page)
    assert "without consent (acute safety)" not in page


# --- The case moves to referred -------------------------------------------------------------


@pytest.mark.parametrize("stage", [Case.Stage.INTAKE, Case.Stage.HELP])
def test_submitting_moves_the_case_to_referred(cast, altrecht, stage):
    case = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a), caseworker=cast.worker, stage=stage
    )

    _refer(case, cast.worker, altrecht, consent=create_consent(case=case, party=altrecht))

    case.refresh_from_db()
    assert case.stage == Case.Stage.REFERRED
    assert case.referred_on == days_from_today(0)
    kinds = list(case.events.order_by("pk").values_list("kind", "from_stage", "to_stage"))
    assert kinds == [
        (CaseEvent.Kind.REFERRAL, "", ""),
        (CaseEvent.Kind.STAGE, stage, Case.Stage.REFERRED),
        (CaseEvent.Kind.REFERRAL_STATUS, "", ""),
    ]


def test_second_referral_on_a_referred_case_changes_no_stage(cast, case, altrecht):
    _refer(case, cast.worker, altrecht, consent=create_consent(case=case, party=altrecht))
    timon = create_entry(name="Timon Jeugdhulp", kind=SocialMapEntry.Kind.YOUTH_CARE)

    second = _refer(case, cast.worker, timon, consent=create_consent(case=case, party=timon))

    case.refresh_from_db()
    assert second.status == Status.SUBMITTED
    assert case.stage == Case.Stage.REFERRED
    assert case.events.filter(kind=CaseEvent.Kind.STAGE).count() == 1
    assert case.events.filter(kind=CaseEvent.Kind.REFERRAL).count() == 2


@pytest.mark.parametrize("stage", [Case.Stage.SIGNAL, Case.Stage.PLAN])
def test_case_that_cannot_be_referred_gets_no_referral(cast, altrecht, stage):
    case = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a), caseworker=cast.worker, stage=stage
    )

    with pytest.raises(Refused, match="cannot be referred"):
        _refer(case, cast.worker, altrecht, consent=create_consent(case=case, party=altrecht))

    case.refresh_from_db()
    assert case.stage == stage
    assert not Referral.objects.exists()
    assert not case.events.exists()


def test_prepared_referral_leaves_the_case_where_it_is(cast, case, altrecht):
    referral = _refer(
        case, cast.worker, altrecht, consent=create_consent(case=case, party=altrecht), submit=False
    )

    case.refresh_from_db()
    assert referral.status == Status.PREPARED
    assert case.stage == Case.Stage.HELP


def test_closed_case_gets_no_referral(cast, altrecht):
    case = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a),
        caseworker=cast.worker,
        stage=Case.Stage.CLOSED,
    )
    consent = create_consent(case=case, party=altrecht)

    with pytest.raises(Refused, match="closed case cannot be referred"):
        _refer(case, cast.worker, altrecht, consent=consent, submit=False)

    assert not Referral.objects.exists()


def test_referral_to_an_inactive_organisation_is_refused(cast, case):
    gone = create_entry(name="Opgeheven Stichting", active=False)

    with pytest.raises(Refused, match="no longer active"):
        _refer(case, cast.worker, gone, consent=create_consent(case=case, party=gone))

    assert not Referral.objects.exists()


def test_follow_up_date_in_the_past_is_refused(cast, case, altrecht):
    consent = create_consent(case=case, party=altrecht)

    with pytest.raises(Refused, match="follow-up date lies in the past"):
        _refer(case, cast.worker, altrecht, consent=consent, follow_up_on=days_from_today(-1))

    assert _refer(case, cast.worker, altrecht, consent=consent, follow_up_on=days_from_today(0))


def test_only_the_case_manager_refers(cast, case, altrecht):
    consent = create_consent(case=case, party=altrecht)

    with pytest.raises(Refused, match="Only the case manager"):
        _refer(case, cast.other_worker, altrecht, consent=consent)

    assert not Referral.objects.exists()


# --- Closing a referred case: the handover --------------------------------------------------


@pytest.fixture
def referral(cast, case, altrecht) -> Referral:
    """A submitted referral; the case is now referred."""
    referral = _refer(
        case, cast.worker, altrecht, consent=create_consent(case=case, party=altrecht)
    )
    case.refresh_from_db()
    return referral


def _close(case, by, **handover):
    return case_workflow.close_case(
        case,
        by=by,
        reason=Case.ClosureReason.REFERRED,
        outcome="Overgedragen aan Altrecht.",
        **handover,
    )


def _start_help(referral, by):
    for status in (Status.INTAKE, Status.STARTED):
        workflow.change_status(referral, by=by, status=status, on=days_from_today(0))


def test_the_referral_status_says_whether_the_handover_is_complete(cast, case, referral):
    # Help has not started: closing needs the reason why, whatever the form says.
    with pytest.raises(Refused, match="why the handover is not complete"):
        _close(case, cast.worker, handover_complete=None)
    case.refresh_from_db()
    assert case.stage == Case.Stage.REFERRED

    workflow.change_status(referral, by=cast.worker, status=Status.STARTED, on=days_from_today(0))
    event = _close(case, cast.worker)

    case.refresh_from_db()
    assert case.stage == Case.Stage.CLOSED
    assert "handover complete" in event.note


def test_a_submitted_referral_can_reach_help_started_in_one_step(cast, case, referral):
    workflow.change_status(referral, by=cast.worker, status=Status.STARTED, on=days_from_today(0))

    referral.refresh_from_db()
    assert referral.status == Status.STARTED
    assert case.referrals.help_started().exists()


def test_handover_is_not_complete_before_help_has_started(cast, case, referral):
    workflow.change_status(referral, by=cast.worker, status=Status.INTAKE, on=days_from_today(0))

    with pytest.raises(Refused, match="help has not started"):
        _close(case, cast.worker, handover_complete=True)

    assert not case.referrals.help_started().exists()
    case.refresh_from_db()
    assert case.stage == Case.Stage.REFERRED


def test_complete_handover_closes_once_help_has_started(cast, case, referral):
    _start_help(referral, cast.worker)

    event = _close(case, cast.worker, handover_complete=True)

    case.refresh_from_db()
    assert case.referrals.help_started().exists()
    assert case.stage == Case.Stage.CLOSED
    assert event.kind == CaseEvent.Kind.CLOSED
    assert "handover complete" in event.note


def test_incomplete_handover_needs_a_note(cast, case, referral):
    with pytest.raises(Refused, match="why the handover is not complete"):
        _close(case, cast.worker, handover_complete=False, handover_note="  ")

    event = _close(
        case,
        cast.worker,
        handover_complete=False,
        handover_note="Gezin wil niet langer wachten op de wachtlijst.",
    )

    case.refresh_from_db()
    assert case.stage == Case.Stage.CLOSED
    assert event.kind == CaseEvent.Kind.CLOSED
    assert "handover not complete: Gezin wil niet langer wachten" in event.note


def test_status_history_keeps_every_step(cast, case, referral):
    _start_help(referral, cast.worker)

    statuses = ReferralStatusChange.objects.filter(referral=referral).order_by("pk")
    assert list(statuses.values_list("status", flat=True)) == [
        Status.PREPARED,
        Status.SUBMITTED,
        Status.INTAKE,
        Status.STARTED,
    ]


def test_the_refer_button_leads_to_the_referral_with_consent(client, cast):
    from django.urls import NoReverseMatch, reverse

    from tests import factories

    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")
    client.force_login(cast.worker)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("referrals:referral_new", args=[case.pk]) in page
    # no second way to mark a case referred without a referral (and its consent)
    with pytest.raises(NoReverseMatch):
        reverse("cases:refer", args=[case.pk])
