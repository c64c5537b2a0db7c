"""An inzage or afschrift export answering a request under the AVG: started from the request
(what is asked and who asks taken from it), refused for another pupil's or a closed request,
and handing it over closes the request in the same step."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dossier import exports, workflow
from dossier.models import DossierExport
from rights import workflow as rights_workflow
from rights.models import RightsRequest
from smw.errors import Refused
from tests import factories

Kind, Status = RightsRequest.Kind, RightsRequest.Status


def _request(cast, case, *, kind=Kind.COPY, grant=True, guardian=None):
    """A request by the pupil's mother (gezag), put forward and decided."""
    from django.utils import timezone

    guardian = guardian or case.pupil.guardians.order_by("pk").first()
    request = rights_workflow.register_request(
        case,
        by=cast.worker,
        kind=kind,
        requester=RightsRequest.Requester.PARENT_WITH_AUTHORITY,
        guardian=guardian,
        requester_name="",
        received_on=timezone.localdate(),
        identity_check=RightsRequest.IdentityCheck.DOCUMENT,
    )
    if grant is None:
        return request
    rights_workflow.submit_request(request, by=cast.worker, preparation_note="Nagelopen.")
    return rights_workflow.decide_request(
        request,
        by=cast.privacy,
        grant=grant,
        reason="" if grant else "Schaadt het kind.",
        harms_child=not grant,
        harm_reason="Afgewogen.",
    )


@pytest.fixture
def granted(cast, world):
    return _request(cast, world.case)


def _start(world, user, request, purpose=DossierExport.Purpose.AFSCHRIFT, requester="leerling"):
    return workflow.start_export(
        world.case, by=user, purpose=purpose, requester=requester, request=request
    )


def test_an_export_started_from_a_request_answers_it(cast, world, granted):
    assert granted.status == Status.READY_FOR_EXPORT
    export = _start(world, cast.worker, granted)
    assert export.request == granted
    # the mother asked: the export says the parents asked, whatever the caller said
    assert export.requester == DossierExport.Requester.PARENTS
    assert export.organisation == granted.organisation
    assert list(granted.dossier_exports.all()) == [export]


def test_a_request_of_another_pupil_is_refused(cast, world):
    factories.create_guardian(pupil=world.other_case.pupil, name="Karin Zwart")
    other = _request(cast, world.other_case)
    with pytest.raises(Refused, match="another pupil"):
        _start(world, cast.worker, other)
    assert not DossierExport.objects.exists()


def test_a_closed_request_is_refused(cast, world, granted):
    rights_workflow.close_request(granted, by=cast.privacy, note="Ter plaatse ingezien.")
    with pytest.raises(Refused, match="closed"):
        _start(world, cast.worker, granted)
    refused = _request(cast, world.case, kind=Kind.INSPECTION, grant=False)
    assert refused.status == Status.REFUSED
    with pytest.raises(Refused, match="closed"):
        _start(world, cast.worker, refused, purpose=DossierExport.Purpose.INZAGE)
    assert not DossierExport.objects.exists()


def test_a_request_not_yet_granted_or_for_something_else_is_refused(cast, world):
    received = _request(cast, world.case, kind=Kind.INSPECTION, grant=None)
    with pytest.raises(Refused, match="granted"):
        _start(world, cast.worker, received, purpose=DossierExport.Purpose.INZAGE)
    correction = _request(cast, world.case, kind=Kind.CORRECTION, grant=None)
    with pytest.raises(Refused, match="inzage or afschrift"):
        _start(world, cast.worker, correction, purpose=DossierExport.Purpose.INZAGE)
    assert not DossierExport.objects.exists()


def test_the_purpose_must_be_what_the_request_asks(cast, world, granted):
    with pytest.raises(Refused) as refused:
        _start(world, cast.worker, granted, purpose=DossierExport.Purpose.INZAGE)
    assert refused.value.field == "purpose"
    with pytest.raises(Refused):
        workflow.start_export(
            world.case,
            by=cast.worker,
            purpose=DossierExport.Purpose.HANDOVER,
            destination=world.destination,
            sections=["contacten"],
            request=granted,
        )


def test_only_the_case_manager_starts_it(cast, world, granted):
    with pytest.raises(Refused):
        _start(world, cast.privacy, granted)


def test_handing_it_over_closes_the_request(cast, world, granted):
    export = _start(world, cast.worker, granted)
    exports.make_export(export.pk)
    export.refresh_from_db()
    workflow.hand_over(export, by=cast.privacy)
    granted.refresh_from_db()
    assert granted.status == Status.DONE and granted.closed_at is not None
    step = granted.steps.order_by("at", "pk").last()
    assert step.by == cast.privacy
    assert step.note == f"Handed over with export {export.pk}"


def test_a_request_closed_meanwhile_stays_as_it_was(cast, world, granted):
    export = _start(world, cast.worker, granted)
    exports.make_export(export.pk)
    rights_workflow.close_request(granted, by=cast.privacy, note="Ter plaatse ingezien.")
    steps = granted.steps.count()
    export.refresh_from_db()
    workflow.hand_over(export, by=cast.privacy)
    granted.refresh_from_db()
    assert granted.status == Status.DONE and granted.steps.count() == steps
    export.refresh_from_db()
    assert export.is_handed_over


def test_a_refused_close_undoes_the_handover(cast, world, granted, monkeypatch):
    export = _start(world, cast.worker, granted)
    exports.make_export(export.pk)
    export.refresh_from_db()

    def refuse(*args, **kwargs):
        raise rights_workflow.RightsRefused("No.")

    monkeypatch.setattr(rights_workflow, "close_request", refuse)
    with pytest.raises(Refused):
        workflow.hand_over(export, by=cast.privacy)
    export.refresh_from_db()
    assert not export.is_handed_over
    granted.refresh_from_db()
    assert granted.status == Status.READY_FOR_EXPORT


def test_an_export_without_a_request_closes_nothing(cast, world, granted):
    export = workflow.start_export(
        world.case, by=cast.worker, purpose=DossierExport.Purpose.AFSCHRIFT, requester="ouders"
    )
    exports.make_export(export.pk)
    export.refresh_from_db()
    workflow.hand_over(export, by=cast.privacy)
    granted.refresh_from_db()
    assert granted.status == Status.READY_FOR_EXPORT


# --- The pages ---------------------------------------------------------------------------------


def _start_url(world, request) -> str:
    return reverse("dossier:start", args=[world.case.pk]) + f"?verzoek={request.pk}"


def test_the_request_page_offers_the_case_manager_the_export(client, cast, world, granted):
    client.force_login(cast.worker)
    page = client.get(reverse("rights:detail", args=[granted.pk])).content.decode()
    assert _start_url(world, granted).replace("&", "&amp;") in page
    client.force_login(cast.privacy)
    page = client.get(reverse("rights:detail", args=[granted.pk])).content.decode()
    assert "?verzoek=" not in page


def test_a_request_not_granted_offers_no_export(client, cast, world):
    received = _request(cast, world.case, kind=Kind.INSPECTION, grant=None)
    client.force_login(cast.worker)
    page = client.get(reverse("rights:detail", args=[received.pk])).content.decode()
    assert "?verzoek=" not in page


def test_the_start_page_preselects_what_the_request_asks(client, cast, world, granted):
    client.force_login(cast.worker)
    response = client.get(_start_url(world, granted))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["purpose"].value() == "afschrift" and form.fields["purpose"].disabled
    assert form["requester"].value() == "ouders" and form.fields["requester"].disabled
    assert "destination" not in form.fields
    assert granted.requester_name in response.content.decode()
    # a posted purpose is ignored: the request decides
    response = client.post(_start_url(world, granted), {"purpose": "overdracht"})
    export = DossierExport.objects.get()
    assert response.status_code == 302 and response["Location"] == export.get_absolute_url()
    assert (export.request, export.purpose) == (granted, "afschrift")


def test_a_request_of_another_pupil_is_refused_on_the_page(client, cast, world):
    factories.create_guardian(pupil=world.other_case.pupil, name="Karin Zwart")
    other = _request(cast, world.other_case)
    client.force_login(cast.worker)
    response = client.post(_start_url(world, other), {"requester": "ouders"})
    assert response.status_code == 200
    assert "another pupil" in response.content.decode()
    assert not DossierExport.objects.exists()


@pytest.mark.parametrize("value", ["abc", "99999999", "1" * 30])
def test_a_nonsense_request_is_404(client, cast, world, value):
    client.force_login(cast.worker)
    url = reverse("dossier:start", args=[world.case.pk]) + f"?verzoek={value}"
    assert client.get(url).status_code == 404


def test_the_pages_link_the_export_and_the_request(client, cast, world, granted):
    export = _start(world, cast.worker, granted)
    exports.make_export(export.pk)
    client.force_login(cast.privacy)
    page = client.get(export.get_absolute_url()).content.decode()
    assert reverse("rights:detail", args=[granted.pk]) in page
    assert "Recording the handover closes the request." in page
    response = client.post(reverse("dossier:hand_over", args=[export.pk]))
    assert response.status_code == 302
    granted.refresh_from_db()
    assert granted.status == Status.DONE
    page = client.get(reverse("rights:detail", args=[granted.pk])).content.decode()
    assert "Answered with" in page
    assert export.get_absolute_url() in page
    assert f"Handed over with export {export.pk}" in page
    client.force_login(cast.worker)
    page = client.get(reverse("rights:detail", args=[granted.pk])).content.decode()
    assert export.get_absolute_url() in page


OUTSIDERS = ["coordinator", "teamlead", "officer", "manager", "other_worker", "other_privacy"]


@pytest.mark.parametrize("person", OUTSIDERS)
def test_outsiders_get_404_on_the_start_from_a_request(client, cast, world, granted, person):
    client.force_login(cast.by_name(person))
    assert client.get(_start_url(world, granted)).status_code == 404
    assert client.post(_start_url(world, granted), {}).status_code == 404
    assert not DossierExport.objects.exists()


def test_the_privacy_officer_cannot_start_it(client, cast, world, granted):
    client.force_login(cast.privacy)
    assert client.get(_start_url(world, granted)).status_code == 404
