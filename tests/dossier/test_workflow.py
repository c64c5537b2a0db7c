"""Starting, handing over and expiring a dossier export; a warm handover needs consent; the
making survives a broker that is away."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from audit.models import AccessLog
from cases.models import CaseEvent
from dossier import exports, workflow
from dossier.models import DossierExport, Ground, Section
from dossier.tasks import make_export_task
from smw.errors import Refused
from tests import factories
from tests.referrals.helpers import create_consent, create_entry, days_from_today

from .conftest import start

Status = DossierExport.Status


@pytest.fixture(autouse=True)
def _fast(fake_pdf):
    """The workflow is under test here, not the PDF's text."""


def test_an_afschrift_holds_every_part_and_every_case_of_the_pupil(cast, world):
    earlier = factories.create_case(pupil=world.case.pupil, caseworker=cast.worker, stage="closed")
    export = start(world, cast.worker)
    assert export.status == Status.READY
    assert export.sections == list(Section.values)
    assert set(export.cases.all()) == {world.case, earlier}
    assert export.organisation == cast.organisation
    assert CaseEvent.objects.filter(case=world.case, kind=CaseEvent.Kind.DOSSIER_EXPORT).exists()


def test_only_the_case_manager_prepares_an_export(cast, world):
    with pytest.raises(Refused):
        workflow.start_export(
            world.case, by=cast.other_worker, purpose="inzage", requester="ouders"
        )


def test_an_inzage_says_who_asked(cast, world):
    with pytest.raises(Refused, match="who asked"):
        workflow.start_export(world.case, by=cast.worker, purpose="inzage", requester="")


def test_a_warm_handover_needs_consent_for_its_destination(cast, world):
    elsewhere = create_entry(name="Wijkteam Oost")
    with pytest.raises(Refused, match="consent"):
        workflow.start_export(
            world.case,
            by=cast.worker,
            purpose="overdracht",
            destination=elsewhere,
            sections=["contacten"],
        )
    assert not DossierExport.objects.exists()


def test_a_withdrawn_consent_is_no_consent(cast, world):
    world.case.consents.update(withdrawn_on=days_from_today(0))
    with pytest.raises(Refused, match="consent"):
        workflow.start_export(
            world.case,
            by=cast.worker,
            purpose="overdracht",
            destination=world.destination,
            sections=["contacten"],
        )


def test_a_consent_that_misses_a_parent_is_no_consent(cast, world):
    world.case.consents.update(withdrawn_on=days_from_today(0))
    create_consent(case=world.case, party=world.destination, by_pupil=True, guardians=[])
    with pytest.raises(Refused, match="consent"):
        workflow.start_export(
            world.case,
            by=cast.worker,
            purpose="overdracht",
            destination=world.destination,
            sections=["contacten"],
        )


def test_a_warm_handover_holds_the_chosen_parts_only(cast, world):
    export = start(
        world,
        cast.worker,
        purpose="overdracht",
        destination=world.destination,
        sections=["contacten", "werkaantekeningen", "toegangslog", "plan"],
    )
    # never working notes or the log; always the own statements
    assert export.sections == ["plan", "contacten", "eigen_verklaringen"]
    assert list(export.cases.all()) == [world.case]
    from dossier.content import collect

    content = collect(export)
    assert "contacts" in content["cases"][0] and "work_notes" not in content["cases"][0]
    assert "access_log" not in content and "guardians" not in content


def test_the_case_manager_hands_over_a_warm_handover(cast, world):
    export = start(
        world,
        cast.worker,
        purpose="overdracht",
        destination=world.destination,
        sections=["contacten"],
    )
    workflow.hand_over(export, by=cast.worker)
    export.refresh_from_db()
    assert export.handed_over_by == cast.worker


def test_the_case_manager_does_not_hand_over_an_afschrift(cast, world):
    export = start(world, cast.worker)
    with pytest.raises(Refused):
        workflow.hand_over(export, by=cast.worker)
    workflow.hand_over(export, by=cast.privacy)
    export.refresh_from_db()
    assert export.handed_over_by == cast.privacy
    assert export.expires_on == timezone.localdate() + datetime.timedelta(days=30)


def test_an_export_being_made_again_cannot_be_handed_over(cast, world):
    export = start(world, cast.worker)
    workflow.withhold(
        export, by=cast.worker, key=f"contact:{world.contacts[0].pk}", ground=Ground.CHILD
    )
    with pytest.raises(Refused):
        workflow.hand_over(DossierExport.objects.get(pk=export.pk), by=cast.privacy)


def test_a_handed_over_export_cannot_be_reviewed_again(cast, world):
    export = start(world, cast.worker)
    workflow.hand_over(export, by=cast.privacy)
    with pytest.raises(Refused):
        workflow.withhold(
            export, by=cast.privacy, key=f"contact:{world.contacts[0].pk}", ground=Ground.CHILD
        )


def test_the_files_leave_the_server_30_days_after_the_handover(client, cast, world):
    export = start(world, cast.worker)
    workflow.hand_over(export, by=cast.privacy)
    export.refresh_from_db()
    pdf, archive = export.pdf.name, export.archive.name
    storage = export.pdf.storage
    today = timezone.localdate()
    assert workflow.remove_expired(today + datetime.timedelta(days=30)) == 0
    assert storage.exists(pdf) and storage.exists(archive)
    assert workflow.remove_expired(today + datetime.timedelta(days=31)) == 1
    assert not storage.exists(pdf) and not storage.exists(archive)
    export.refresh_from_db()
    assert export.files_removed_at is not None and not export.has_files
    assert export.handed_over_by == cast.privacy  # the record stays
    client.force_login(cast.worker)
    assert client.get(reverse("dossier:download", args=[export.pk, "pdf"])).status_code == 404
    assert "removed" in client.get(export.get_absolute_url()).content.decode()
    client.force_login(cast.privacy)
    assert client.get(export.get_absolute_url()).status_code == 404
    assert workflow.remove_expired(today + datetime.timedelta(days=40)) == 0


def test_an_export_not_handed_over_keeps_its_files(cast, world):
    export = start(world, cast.worker)
    assert workflow.remove_expired(timezone.localdate() + datetime.timedelta(days=90)) == 0
    export.refresh_from_db()
    assert export.has_files


def test_a_destroyed_dossier_takes_its_exports_files_along(cast, world):
    from retention.destroy import erase

    export = start(world, cast.worker)
    pdf, archive, storage = export.pdf.name, export.archive.name, export.pdf.storage

    erase(world.case.pupil_id)

    assert not storage.exists(pdf) and not storage.exists(archive)
    export.refresh_from_db()
    assert export.files_removed_at is not None and not export.has_files


def test_the_page_starts_an_export_and_shows_its_progress(
    client, cast, world, django_capture_on_commit_callbacks
):
    client.force_login(cast.worker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("dossier:start", args=[world.case.pk]),
            {"purpose": "afschrift", "requester": "ouders"},
        )
    export = DossierExport.objects.get()
    assert response.url == export.get_absolute_url()
    assert export.status == Status.READY and export.progress == 100
    progress = client.get(export.get_absolute_url(), headers={"HX-Request": "true"})
    assert progress["HX-Refresh"] == "true"
    DossierExport.objects.filter(pk=export.pk).update(status=Status.RUNNING, progress=40)
    progress = client.get(export.get_absolute_url(), headers={"HX-Request": "true"})
    assert "HX-Refresh" not in progress
    assert 'value="40"' in progress.content.decode()
    assert "data-hx-get" in progress.content.decode()


def test_the_form_gives_back_a_refused_handover(client, cast, world):
    elsewhere = create_entry(name="Wijkteam Oost")
    create_consent(case=world.case, party=elsewhere, withdrawn_on=days_from_today(0))
    client.force_login(cast.worker)
    response = client.post(
        reverse("dossier:start", args=[world.case.pk]),
        {"purpose": "overdracht", "destination": elsewhere.pk, "sections": ["contacten"]},
    )
    assert response.status_code == 200
    assert "consent" in response.content.decode()
    assert not DossierExport.objects.exists()


@pytest.mark.parametrize(
    "data",
    [{}, {"purpose": "x"}, {"purpose": "overdracht", "destination": "abc"}, {"sections": "zzz"}],
)
def test_nonsense_is_refused_on_the_form(client, cast, world, data):
    client.force_login(cast.worker)
    response = client.post(reverse("dossier:start", args=[world.case.pk]), data)
    assert response.status_code == 200
    assert not DossierExport.objects.exists()


def test_an_export_waits_while_the_broker_is_away_and_the_sweep_sends_it(
    cast, world, monkeypatch, django_capture_on_commit_callbacks
):
    def away(*args, **kwargs):
        raise OperationalError("Redis is away")

    with monkeypatch.context() as patch:
        patch.setattr(make_export_task, "apply_async", away)
        with django_capture_on_commit_callbacks(execute=True):
            export = workflow.start_export(
                world.case, by=cast.worker, purpose="afschrift", requester="ouders"
            )
        export.refresh_from_db()
        assert export.status == Status.QUEUED and export.sent_at is None and export.is_unsent
        assert exports.sweep() == 0  # still away
    assert exports.sweep() == 1
    export.refresh_from_db()
    assert export.status == Status.READY


def test_a_second_delivery_does_nothing(cast, world):
    export = start(world, cast.worker)
    assert exports.make_export(export.pk) is None


def test_a_lost_making_is_taken_back_by_the_sweep(cast, world):
    export = start(world, cast.worker)
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    DossierExport.objects.filter(pk=export.pk).update(status=Status.RUNNING, started_at=long_ago)
    exports.sweep()
    export.refresh_from_db()
    assert export.status == Status.READY  # sent again and made (tasks run in-process here)


def test_a_making_superseded_by_a_review_keeps_no_files(cast, world, tmp_path):
    export = start(world, cast.worker)
    DossierExport.objects.filter(pk=export.pk).update(status=Status.QUEUED)
    running = exports.claim(export.pk)
    # a review asks for new files while this attempt runs
    workflow.withhold(
        export, by=cast.worker, key=f"contact:{world.contacts[0].pk}", ground=Ground.CHILD
    )
    assert exports._finish(running, b"%PDF old", b"PK old") is None
    names = [p.name for p in (tmp_path / "dossier" / str(export.pk)).iterdir()]
    assert len(names) == 2  # the files of the first making only


def test_withholding_is_logged_as_a_change(client, cast, world):
    export = start(world, cast.worker)
    client.force_login(cast.privacy)
    client.post(
        reverse("dossier:withhold", args=[export.pk]),
        {"key": f"contact:{world.contacts[0].pk}", "ground": "kind"},
    )
    assert export.withheld.get().by == cast.privacy
    assert AccessLog.objects.filter(
        user=cast.privacy, action=AccessLog.Action.CHANGE, pupil_ids=[world.case.pupil_id]
    ).exists()
