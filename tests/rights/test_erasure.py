"""Early destruction on request (AVG art. 17, Jeugdwet art. 7.3.9): a request for destruction is
refused only on one of two grounds, cannot be granted while the dossier is on legal hold or by
the one who put it forward, and once granted the dossier is destroyed through retention's own
path (a list, the record, the certificate), after which the request is done and keeps no
personal data."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Role
from cases.models import Case, Pupil
from retention import workflow as retention_workflow
from retention.models import DestructionList, DestructionRecord, LegalHold
from rights import workflow
from rights.deadlines import add_months
from rights.models import RequestStep, RightsRequest
from rights.workflow import RightsRefused
from tests import factories
from tests.retention.conftest import build_dossier

from .conftest import register

Status = RightsRequest.Status
Ground = RightsRequest.RefusalGround


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SMW_DESTRUCTION_JOURNAL = str(tmp_path / "destructions.jsonl")
    return tmp_path / "media"


def close(case: Case) -> Case:
    Case.objects.filter(pk=case.pk).update(
        stage=Case.Stage.CLOSED,
        closed_on=timezone.localdate() - datetime.timedelta(days=30),
        closure_reason=Case.ClosureReason.GOAL_REACHED,
    )
    case.refresh_from_db()
    return case


@pytest.fixture
def erasure(cast, case) -> RightsRequest:
    """A mother's request for destruction of a closed dossier, put forward by the case manager."""
    close(case)
    request = register(
        case,
        cast.worker,
        kind=RightsRequest.Kind.ERASURE,
        received_on=timezone.localdate() - datetime.timedelta(days=5),
        description="Moeder wil dat alles over Noor weg is",
        identity_note="Paspoort gezien",
    )
    return workflow.submit_request(request, by=cast.worker, preparation_note="Geen bewaarplicht")


def test_a_request_for_destruction_is_destroyed_within_three_months_of_receipt(cast, erasure):
    assert erasure.destroy_by == add_months(erasure.received_on, 3)
    assert erasure.deadline == add_months(erasure.received_on, 1)
    other = register(erasure.case, cast.worker)
    assert other.destroy_by is None


def test_the_detail_and_decision_pages_show_the_date_of_destruction(client, cast, erasure):
    client.force_login(cast.privacy)
    day = date_format(erasure.destroy_by, "j F Y")
    page = client.get(reverse("rights:decide", args=[erasure.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert day in html
    assert 'name="refusal_ground"' in html
    detail = client.get(reverse("rights:detail", args=[erasure.pk])).content.decode()
    assert "7.3.9" in detail


def test_a_refusal_needs_one_of_the_two_grounds(cast, erasure):
    with pytest.raises(RightsRefused, match="grond") as refused:
        workflow.decide_request(erasure, by=cast.privacy, grant=False, reason="Nee")
    assert refused.value.field == "refusal_ground"
    with pytest.raises(RightsRefused):
        workflow.decide_request(
            erasure, by=cast.privacy, grant=False, reason="Nee", refusal_ground="geen_zin"
        )
    decided = workflow.decide_request(
        erasure,
        by=cast.privacy,
        grant=False,
        reason="De vader heeft een zwaarwegend belang bij het dossier",
        refusal_ground=Ground.OTHERS_INTEREST,
    )
    assert decided.status == Status.REFUSED
    assert decided.refusal_ground == Ground.OTHERS_INTEREST
    assert not DestructionList.objects.filter(request=erasure).exists()
    assert Pupil.objects.get(pk=erasure.pupil_id).first_name == "Noor"


def test_a_dossier_on_legal_hold_cannot_be_granted_and_the_hold_is_named(cast, erasure):
    retention_workflow.place_hold(
        erasure.pupil,
        by=cast.privacy,
        kind=LegalHold.Kind.COMPLAINT,
        reason="Klacht van de vader loopt nog",
        review_on=timezone.localdate() + datetime.timedelta(days=90),
    )
    with pytest.raises(RightsRefused, match="Klacht van de vader loopt nog"):
        workflow.decide_request(erasure, by=cast.privacy, grant=True, reason="")
    assert not DestructionList.objects.exists()
    assert "Klacht van de vader loopt nog" in workflow.erasure_intro(erasure)
    refused = workflow.decide_request(
        erasure,
        by=cast.privacy,
        grant=False,
        reason="Bewaarplicht wegens een lopende klacht",
        refusal_ground=Ground.LEGAL_DUTY,
    )
    assert refused.status == Status.REFUSED


def test_who_put_it_forward_cannot_grant_it(cast, erasure):
    factories.add_role(cast.worker, Role.PRIVACY, organisation=cast.organisation)
    with pytest.raises(RightsRefused, match="vier ogen"):
        workflow.decide_request(erasure, by=cast.worker, grant=True, reason="")
    assert not DestructionList.objects.exists()


def test_a_dossier_with_an_open_case_is_not_destroyed(cast, erasure):
    Case.objects.filter(pk=erasure.case_id).update(stage=Case.Stage.HELP, closed_on=None)
    with pytest.raises(RightsRefused, match="open"):
        workflow.decide_request(erasure, by=cast.privacy, grant=True, reason="")


def test_granted_the_dossier_is_destroyed_with_record_and_certificate(
    cast, erasure, media, django_capture_on_commit_callbacks
):
    # A regular list waiting for approval does not stand in the way.
    build_dossier(cast)
    waiting = retention_workflow.propose_list(cast.organisation, by=cast.teamlead)
    pupil_id = erasure.pupil_id

    with django_capture_on_commit_callbacks(execute=True):
        workflow.decide_request(erasure, by=cast.privacy, grant=True, reason="Toegewezen")

    early = DestructionList.objects.get(request=erasure)
    assert early.on_request and early.pk != waiting.pk
    assert (early.proposed_by, early.decided_by) == (cast.worker, cast.privacy)
    assert early.status == DestructionList.Status.DONE
    assert early.certificate and (media / early.certificate.name).exists()
    record = DestructionRecord.objects.get(pupil_number=pupil_id)
    assert record.destruction_list == early
    assert "AVG art. 17" in record.rule and "7.3.9" in record.rule
    assert (record.proposed_by, record.approved_by) == (cast.worker, cast.privacy)
    assert Pupil.objects.get(pk=pupil_id).first_name == "Vernietigd"
    waiting.refresh_from_db()
    assert waiting.status == DestructionList.Status.PROPOSED
    assert not DestructionRecord.objects.exclude(pupil_number=pupil_id).exists()

    request = RightsRequest.objects.get(pk=erasure.pk)
    assert request.status == Status.DONE and request.closed_at
    # The proof stays, without personal data.
    assert (request.requester_name, request.description, request.identity_note) == ("", "", "")
    assert (request.preparation_note, request.decision_reason) == ("", "")
    steps = list(RequestStep.objects.filter(request=request))
    assert len(steps) >= 4
    assert all(step.note == "" for step in steps)
    assert "vernietigd" in steps[-1].what


def test_a_hold_placed_after_the_grant_keeps_the_dossier(cast, erasure):
    from retention.workflow import carry_out

    workflow.decide_request(erasure, by=cast.privacy, grant=True, reason="")  # no commit: waits
    early = DestructionList.objects.get(request=erasure)
    retention_workflow.place_hold(
        erasure.pupil,
        by=cast.privacy,
        kind=LegalHold.Kind.COURT,
        reason="Rechtszaak",
        review_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    assert carry_out(early) == 0
    assert not DestructionRecord.objects.exists()
    request = RightsRequest.objects.get(pk=erasure.pk)
    assert request.status == Status.GRANTED
    assert Pupil.objects.get(pk=erasure.pupil_id).first_name == "Noor"
