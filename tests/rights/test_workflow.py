"""The steps of a request: deadline, extension, decision, correction, own statement; each on
the pupil's timeline."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cases.models import CaseEvent
from rights import workflow
from rights.deadlines import add_months, deadline_for
from rights.models import OwnStatement, PupilCorrection, RightsRequest
from rights.workflow import RightsRefused
from tests import factories

from .conftest import register

Status = RightsRequest.Status


def test_the_deadline_is_one_month_from_receipt(cast, case):
    received = timezone.localdate() - datetime.timedelta(days=3)
    request = register(case, cast.worker, received_on=received)
    assert request.deadline == add_months(received, 1)
    assert request.due_on == request.deadline


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 12, 15), datetime.date(2027, 1, 15)),
    ],
)
def test_a_month_ends_at_the_last_day_of_a_shorter_month(received, deadline):
    assert deadline_for(received) == deadline


def test_the_deadline_is_extended_once_by_two_months_at_most(cast, rights_request):
    latest = add_months(rights_request.deadline, 2)
    with pytest.raises(RightsRefused, match="twee maanden"):
        workflow.extend_deadline(
            rights_request,
            by=cast.worker,
            until=latest + datetime.timedelta(days=1),
            reason="Veel stukken",
        )
    with pytest.raises(RightsRefused, match="reden"):
        workflow.extend_deadline(rights_request, by=cast.worker, until=latest, reason=" ")
    workflow.extend_deadline(rights_request, by=cast.worker, until=latest, reason="Veel stukken")
    rights_request.refresh_from_db()
    assert rights_request.due_on == latest
    with pytest.raises(RightsRefused, match="één keer"):
        workflow.extend_deadline(rights_request, by=cast.privacy, until=latest, reason="Nog meer")


def test_the_privacy_officer_may_extend_but_a_colleague_may_not(cast, rights_request):
    with pytest.raises(RightsRefused):
        workflow.extend_deadline(
            rights_request,
            by=cast.other_privacy,
            until=rights_request.deadline + datetime.timedelta(days=10),
            reason="x",
        )
    workflow.extend_deadline(
        rights_request,
        by=cast.privacy,
        until=rights_request.deadline + datetime.timedelta(days=10),
        reason="Advies van de jurist",
    )


def test_only_the_case_manager_registers_and_puts_forward(cast, case, rights_request):
    with pytest.raises(RightsRefused):
        register(case, cast.privacy)
    with pytest.raises(RightsRefused):
        workflow.submit_request(rights_request, by=cast.privacy, preparation_note="x")


def test_the_case_manager_does_not_decide(cast, submitted):
    with pytest.raises(RightsRefused, match="privacyfunctionaris"):
        workflow.decide_request(
            submitted, by=cast.worker, grant=True, reason="", harms_child=False, harm_reason="x"
        )


def test_a_request_is_decided_only_once_put_forward(cast, rights_request):
    with pytest.raises(RightsRefused, match="voorgelegd"):
        workflow.decide_request(
            rights_request,
            by=cast.privacy,
            grant=True,
            reason="",
            harms_child=False,
            harm_reason="Geen aanwijzingen",
        )


def test_a_parent_with_gezag_needs_the_harm_judgement_and_harm_means_refusal(cast, submitted):
    with pytest.raises(RightsRefused, match="schaden"):
        workflow.decide_request(submitted, by=cast.privacy, grant=True, reason="")
    with pytest.raises(RightsRefused, match="alleen worden afgewezen"):
        workflow.decide_request(
            submitted,
            by=cast.privacy,
            grant=True,
            reason="",
            harms_child=True,
            harm_reason="Leerling vreest reactie van ouder",
        )
    decided = workflow.decide_request(
        submitted,
        by=cast.privacy,
        grant=False,
        reason="Inzage zou de leerling schaden.",
        harms_child=True,
        harm_reason="Leerling vreest reactie van ouder",
    )
    assert decided.status == Status.REFUSED
    assert decided.harms_child is True


def test_a_granted_inzage_waits_for_the_export_then_is_handed_over(cast, submitted):
    decided = workflow.decide_request(
        submitted,
        by=cast.privacy,
        grant=True,
        reason="",
        harms_child=False,
        harm_reason="Geen aanwijzingen voor schade",
    )
    assert decided.status == Status.READY_FOR_EXPORT
    closed = workflow.close_request(decided, by=cast.privacy, note="Afgegeven op school")
    assert closed.status == Status.DONE
    assert not closed.is_open


def test_where_the_organisation_has_no_privacy_officer_the_team_leader_decides(cast, case):
    other_case = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_c),
        caseworker=cast.other_worker,
        stage="intake",
    )
    request = register(
        other_case,
        cast.other_worker,
        requester=RightsRequest.Requester.OTHER,
        guardian=None,
        requester_name="Voogd",
        consent_given=True,
    )
    workflow.submit_request(request, by=cast.other_worker, preparation_note="")
    # the other organisation has a privacy officer: its team leader does not decide
    with pytest.raises(RightsRefused):
        workflow.decide_request(request, by=cast.other_teamlead, grant=True, reason="")
    cast.other_privacy.memberships.all().delete()
    decided = workflow.decide_request(request, by=cast.other_teamlead, grant=True, reason="")
    assert decided.decided_by == cast.other_teamlead


def test_every_step_is_on_the_pupils_timeline(cast, submitted):
    events = CaseEvent.objects.filter(case=submitted.case, kind=CaseEvent.Kind.RIGHTS)
    assert events.count() == 2
    assert submitted.steps.count() == 2


def test_a_refused_correction_adds_the_requesters_own_statement(cast, case):
    request = register(
        case,
        cast.worker,
        kind=RightsRequest.Kind.CORRECTION,
        description="Er staat dat ik vaak spijbel; dat klopt niet.",
    )
    workflow.submit_request(request, by=cast.worker, preparation_note="Verslag klopt wel.")
    workflow.decide_request(
        request,
        by=cast.privacy,
        grant=False,
        reason="Het verslag geeft de waarneming van de werker weer.",
        harms_child=False,
        harm_reason="Geen schade",
        statement="Ik spijbelde niet, ik was ziek.",
    )
    statement = OwnStatement.objects.get(request=request)
    assert statement.pupil == case.pupil
    assert statement.case == case
    assert statement.text == "Ik spijbelde niet, ik was ziek."


def test_a_granted_correction_links_the_change_and_keeps_the_old_value(cast, case):
    request = register(case, cast.worker, kind=RightsRequest.Kind.CORRECTION)
    workflow.submit_request(request, by=cast.worker, preparation_note="")
    workflow.decide_request(
        request, by=cast.privacy, grant=True, reason="", harms_child=False, harm_reason="Geen"
    )
    old_birthday = case.pupil.date_of_birth
    new_birthday = old_birthday - datetime.timedelta(days=40)
    workflow.correct_pupil(
        case,
        by=cast.worker,
        reason="Geboortedatum verkeerd overgenomen",
        request=request,
        date_of_birth=new_birthday,
        first_name="Noor",
    )
    correction = PupilCorrection.objects.get(pupil=case.pupil)
    assert correction.field == "date_of_birth"
    assert correction.old_value == old_birthday.strftime("%d-%m-%Y")
    assert correction.request == request
    case.pupil.refresh_from_db()
    assert case.pupil.date_of_birth == new_birthday
    closed = workflow.close_request(request, by=cast.privacy, note="")
    assert closed.status == Status.DONE


def test_a_correction_needs_a_reason_and_a_change(cast, case):
    with pytest.raises(RightsRefused, match="reden"):
        workflow.correct_pupil(case, by=cast.worker, reason=" ", group="7a")
    with pytest.raises(RightsRefused, match="niets"):
        workflow.correct_pupil(case, by=cast.worker, reason="x", group=case.pupil.group)
    with pytest.raises(RightsRefused):
        workflow.correct_pupil(case, by=cast.other_worker, reason="x", group="7a")


def test_a_new_school_must_be_one_of_the_case_managers_and_moves_the_cases(cast, case):
    with pytest.raises(RightsRefused, match="school"):
        workflow.correct_pupil(case, by=cast.worker, reason="x", school=cast.school_c)
    workflow.correct_pupil(case, by=cast.worker, reason="Verkeerde school", school=cast.school_b)
    case.refresh_from_db()
    assert case.school == cast.school_b
    assert case.pupil.school == cast.school_b
