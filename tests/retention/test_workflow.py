"""Four eyes, legal holds, longer terms and the dry run: nothing is destroyed that a second
person did not approve, or that a hold keeps."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role
from cases.models import Case, Pupil
from meldcode.models import Trajectory
from retention import terms, workflow
from retention.models import DestructionList, DestructionRecord, LegalHold, Policy
from tests import factories

from .conftest import FIRST, LONG_AGO, build_dossier


def _destroyed(case: Case) -> bool:
    return DestructionRecord.objects.filter(pupil_number=case.pupil_id).exists()


@pytest.fixture
def old_case(cast, media) -> Case:
    return build_dossier(cast)


def test_a_dossier_past_its_term_is_due_and_a_younger_one_is_not(cast, old_case):
    young = factories.create_case(
        school=cast.school_a,
        caseworker=cast.worker,
        stage=Case.Stage.CLOSED,
        signalled_on=timezone.localdate() - datetime.timedelta(days=365 * 19),
    )
    due = [d.pupil_id for d in terms.due_dossiers()]
    assert due == [old_case.pupil_id]
    assert young.pupil_id not in due
    dossier = terms.dossier_of(old_case.pupil)
    assert dossier.term_ended_on == old_case.closed_on.replace(year=old_case.closed_on.year + 20)


def test_a_pupil_with_an_open_case_is_not_due(cast, old_case):
    factories.create_case(pupil=old_case.pupil, caseworker=cast.worker, stage=Case.Stage.HELP)
    assert terms.due_dossiers() == []
    assert terms.dossier_of(old_case.pupil) is None


def test_the_organisation_sets_a_shorter_term_and_the_dossier_a_longer_one(cast):
    case = build_dossier(cast, signalled_on=timezone.localdate() - datetime.timedelta(days=3660))
    assert terms.due_dossiers() == []
    workflow.set_policy(
        cast.organisation, by=cast.privacy, years=5, basis="Wmo", work_note_grace_days=30
    )
    assert [d.pupil_id for d in terms.due_dossiers()] == [case.pupil_id]
    # Only for that organisation:
    assert terms.due_dossiers(organisations=[cast.other_organisation.pk]) == []
    workflow.extend_term(case.pupil, by=cast.privacy, years=15, reason="Lopende klachtprocedure")
    assert terms.due_dossiers() == []
    assert "15" in terms.dossier_of(case.pupil).rule


def test_only_the_privacy_officer_sets_the_term(cast):
    with pytest.raises(workflow.Refused):
        workflow.set_policy(
            cast.organisation, by=cast.teamlead, years=5, basis="", work_note_grace_days=30
        )
    assert not Policy.objects.exists()


def test_a_longer_term_must_be_longer(cast, old_case):
    with pytest.raises(workflow.Refused):
        workflow.extend_term(old_case.pupil, by=cast.privacy, years=10, reason="korter")


def test_proposing_destroys_nothing(cast, old_case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proposed = workflow.propose_list(cast.organisation, by=cast.teamlead)
    assert proposed.status == DestructionList.Status.PROPOSED
    assert not _destroyed(old_case)
    assert Pupil.objects.get(pk=old_case.pupil_id).first_name == FIRST


def test_only_a_team_leader_of_the_organisation_proposes(cast, old_case):
    for person in (cast.privacy, cast.other_teamlead, cast.worker):
        with pytest.raises(workflow.Refused):
            workflow.propose_list(cast.organisation, by=person)


def test_one_person_cannot_propose_and_approve(cast, old_case):
    both = cast.teamlead
    factories.add_role(both, Role.PRIVACY, organisation=cast.organisation)
    both = type(both).objects.get(pk=both.pk)  # roles are cached per object
    proposed = workflow.propose_list(cast.organisation, by=both)
    with pytest.raises(workflow.Refused, match="vier ogen"):
        workflow.approve_list(proposed, by=both)
    proposed.refresh_from_db()
    assert proposed.status == DestructionList.Status.PROPOSED
    # The database says so too.
    with pytest.raises(IntegrityError), transaction.atomic():
        DestructionList.objects.filter(pk=proposed.pk).update(decided_by=both)


def test_a_team_leader_cannot_approve_and_another_organisation_cannot_either(cast, old_case):
    proposed = workflow.propose_list(cast.organisation, by=cast.teamlead)
    for person in (cast.teamlead, cast.other_privacy, cast.worker):
        with pytest.raises(workflow.Refused):
            workflow.approve_list(proposed, by=person)


def test_a_rejected_list_destroys_nothing(cast, old_case, django_capture_on_commit_callbacks):
    proposed = workflow.propose_list(cast.organisation, by=cast.teamlead)
    with pytest.raises(workflow.Refused):
        workflow.reject_list(proposed, by=cast.privacy, note="")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.reject_list(proposed, by=cast.privacy, note="Eerst navragen")
    call_command("apply_retention", stdout=io.StringIO())
    assert not _destroyed(old_case)


def test_a_legal_hold_blocks_and_lifting_it_frees(cast, old_case):
    hold = workflow.place_hold(
        old_case.pupil,
        by=cast.privacy,
        kind=LegalHold.Kind.COMPLAINT,
        reason="Klacht bij de klachtencommissie",
        review_on=timezone.localdate() + datetime.timedelta(days=90),
    )
    assert terms.due_dossiers() == []
    with pytest.raises(workflow.Refused):
        workflow.propose_list(cast.organisation, by=cast.teamlead)
    workflow.lift_hold(hold, by=cast.privacy, reason="Klacht afgehandeld")
    assert [d.pupil_id for d in terms.due_dossiers()] == [old_case.pupil_id]


def test_a_hold_placed_after_the_proposal_keeps_the_dossier(
    cast, old_case, django_capture_on_commit_callbacks
):
    proposed = workflow.propose_list(cast.organisation, by=cast.teamlead)
    workflow.place_hold(
        old_case.pupil,
        by=cast.privacy,
        kind=LegalHold.Kind.INSPECTORATE,
        reason="Verzoek inspectie",
        review_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve_list(proposed, by=cast.privacy)
    assert not _destroyed(old_case)
    assert proposed.items.get().skipped_reason


def test_a_melding_to_veilig_thuis_is_a_hold(cast, old_case):
    trajectory = Trajectory.objects.get(case=old_case)
    Trajectory.objects.filter(pk=trajectory.pk).update(legal_hold_since=old_case.closed_on)
    assert terms.due_dossiers() == []
    assert workflow.sync_meldcode_holds() == 1
    assert workflow.sync_meldcode_holds() == 0
    hold = LegalHold.objects.get(trajectory=trajectory)
    assert hold.kind == LegalHold.Kind.VEILIG_THUIS and hold.is_active
    assert terms.due_dossiers() == []
    workflow.lift_hold(hold, by=cast.privacy, reason="Veilig Thuis sloot het dossier")
    assert [d.pupil_id for d in terms.due_dossiers()] == [old_case.pupil_id]


def test_the_dry_run_destroys_nothing(
    cast, old_case, mailoutbox, django_capture_on_commit_callbacks
):
    proposed = workflow.propose_list(cast.organisation, by=cast.teamlead)
    workflow.approve_list(proposed, by=cast.privacy)  # its task waits for a commit that never comes
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue() and old_case.number in out.getvalue()
    assert not _destroyed(old_case)
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("apply_retention", stdout=io.StringIO())
    assert _destroyed(old_case)
    proposed.refresh_from_db()
    assert proposed.status == DestructionList.Status.DONE and proposed.certificate


def test_the_daily_job_tells_the_team_leader_without_naming_anyone(cast, old_case, mailoutbox):
    cast.teamlead.email = "tl@example.org"
    cast.teamlead.save()
    from retention.tasks import daily_retention

    result = daily_retention()
    assert len(result["due"]) == 1 and result["destroyed"] == 0
    assert not _destroyed(old_case)
    mail = [m for m in mailoutbox if "tl@example.org" in m.to]
    assert len(mail) == 1
    assert FIRST not in mail[0].body and old_case.number not in mail[0].body


def test_the_certificate_names_no_pupil(cast, old_case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proposed = workflow.propose_list(cast.organisation, by=cast.teamlead)
        workflow.approve_list(proposed, by=cast.privacy)
    proposed.refresh_from_db()
    from retention.certificate import render_certificate

    pdf = render_certificate(proposed)
    assert pdf.startswith(b"%PDF")
    assert proposed.certificate.name.endswith(".pdf")
    assert LONG_AGO.year < timezone.localdate().year
