"""Every request page for every role: the case manager and the privacy officer of the
organisation reach them; coordinator, team leader (unless deciding where there is no privacy
officer), municipality, application manager and everyone else get 404."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from audit.models import AccessLog
from rights import workflow
from rights.models import OwnStatement, RightsRequest

REQUEST_PAGES = [
    "rights:detail",
    "rights:submit",
    "rights:decide",
    "rights:extend",
    "rights:close",
    "rights:statement",
    "rights:letter",
]
CASE_PAGES = ["rights:new", "rights:correct", "rights:history"]
OUTSIDERS = [
    "other_worker",
    "coordinator",
    "other_coordinator",
    "teamlead",
    "other_teamlead",
    "officer",
    "manager",
    "nobody",
    "other_privacy",
    "safeguarding",
]


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("name", REQUEST_PAGES)
def test_outsiders_get_404_on_request_pages(client, cast, rights_request, who, name):
    client.force_login(cast.by_name(who))
    url = reverse(name, args=[rights_request.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("who", [*OUTSIDERS, "privacy"])
@pytest.mark.parametrize("name", [*CASE_PAGES, "cases:versions"])
def test_outsiders_and_the_privacy_officer_get_404_on_the_case_pages(client, cast, case, who, name):
    client.force_login(cast.by_name(who))
    args = [case.pk, "intake"] if name == "cases:versions" else [case.pk]
    assert client.get(reverse(name, args=args)).status_code == 404


@pytest.mark.parametrize(
    "who", ["coordinator", "teamlead", "officer", "manager", "nobody", "safeguarding"]
)
def test_without_a_part_there_is_no_list(client, cast, who):
    client.force_login(cast.by_name(who))
    assert client.get(reverse("rights:list")).status_code == 404


@pytest.mark.parametrize(
    ("name", "worker", "privacy"),
    [
        ("rights:detail", 200, 200),
        ("rights:submit", 200, 403),
        ("rights:decide", 403, 200),
        ("rights:extend", 200, 200),
        ("rights:close", 403, 200),
        ("rights:statement", 200, 200),
        ("rights:letter", 200, 200),
    ],
)
def test_the_case_manager_and_the_privacy_officer_each_have_their_part(
    client, cast, rights_request, name, worker, privacy
):
    url = reverse(name, args=[rights_request.pk])
    client.force_login(cast.worker)
    assert client.get(url).status_code == worker
    client.force_login(cast.privacy)
    assert client.get(url).status_code == privacy


def test_a_stand_in_reads_the_request_but_handles_nothing(client, cast, rights_request):
    from tests import factories

    colleague = factories.create_worker(
        username="colleague", organisation=cast.organisation, schools=[cast.school_a]
    )
    factories.create_stand_in(stand_in=colleague, for_worker=cast.worker)
    client.force_login(colleague)
    assert client.get(reverse("rights:detail", args=[rights_request.pk])).status_code == 200
    assert client.get(reverse("rights:submit", args=[rights_request.pk])).status_code == 403
    assert client.get(reverse("rights:extend", args=[rights_request.pk])).status_code == 404


def test_the_team_leader_decides_where_the_organisation_has_no_privacy_officer(
    client, cast, submitted
):
    client.force_login(cast.teamlead)
    url = reverse("rights:decide", args=[submitted.pk])
    assert client.get(url).status_code == 404
    cast.privacy.memberships.all().delete()
    cast.other_privacy.memberships.all().delete()
    assert client.get(url).status_code == 200
    assert client.get(reverse("rights:list")).status_code == 200
    assert client.get(reverse("accounts:team")).content.decode().count("Noor Bakker") == 1


def test_the_privacy_officer_sees_no_case_content(client, cast, case, rights_request):
    case.noticed = "Geheime observatie van de leerkracht"
    case.save()
    client.force_login(cast.privacy)
    content = client.get(reverse("rights:detail", args=[rights_request.pk])).content.decode()
    assert "Noor Bakker" in content
    assert "Geheime observatie" not in content
    assert reverse("cases:detail", args=[case.pk]) not in content


def test_a_request_page_is_in_the_access_log(client, cast, rights_request):
    client.force_login(cast.privacy)
    client.get(reverse("rights:detail", args=[rights_request.pk]))
    row = AccessLog.objects.filter(user=cast.privacy, action="view").latest("pk")
    assert row.pupil_ids == [rights_request.pupil_id]


def test_refused_attempts_are_in_the_access_log(client, cast, rights_request):
    client.force_login(cast.coordinator)
    client.get(reverse("rights:detail", args=[rights_request.pk]))
    assert AccessLog.objects.filter(
        user=cast.coordinator, action="refused", pupil_ids=[rights_request.pupil_id]
    ).exists()


def test_registering_a_parents_request_through_the_form(client, cast, case):
    client.force_login(cast.worker)
    url = reverse("rights:new", args=[case.pk])
    page = client.get(url).content.decode()
    assert "A pupil from 12" in page or "vanaf 12" in page
    mother = case.pupil.guardians.get(has_authority=True)
    response = client.post(
        url,
        {
            "kind": "inzage",
            "requester": "ouder_gezag",
            "guardian": mother.pk,
            "received_on": timezone.localdate().isoformat(),
            "identity_check": "legitimatie",
        },
    )
    request = RightsRequest.objects.get()
    assert response.status_code == 302
    assert request.requester_name == "Anna Bakker"


def test_a_refused_registration_keeps_what_was_typed(client, cast, case):
    client.force_login(cast.worker)
    father = case.pupil.guardians.get(has_authority=False)
    response = client.post(
        reverse("rights:new", args=[case.pk]),
        {
            "kind": "vernietiging",
            "requester": "ouder_zonder",
            "guardian": father.pk,
            "received_on": timezone.localdate().isoformat(),
            "identity_check": "legitimatie",
            "description": "Graag alles weg",
        },
    )
    assert response.status_code == 200
    assert "Graag alles weg" in response.content.decode()
    assert not RightsRequest.objects.exists()


def test_nonsense_gives_no_server_error(client, cast, rights_request, case):
    client.force_login(cast.worker)
    for name, args in [
        ("rights:new", [case.pk]),
        ("rights:correct", [case.pk]),
        ("rights:extend", [rights_request.pk]),
        ("rights:submit", [rights_request.pk]),
    ]:
        response = client.post(
            reverse(name, args=args),
            {"received_on": "2026-02-30", "until": "x", "date_of_birth": "-1", "kind": "<b>"},
        )
        assert response.status_code == 200


def test_the_letter_tells_the_extension_and_its_reason(client, cast, rights_request):
    workflow.extend_deadline(
        rights_request,
        by=cast.worker,
        until=rights_request.deadline + datetime.timedelta(days=20),
        reason="Het dossier is omvangrijk",
    )
    client.force_login(cast.worker)
    response = client.get(reverse("rights:letter", args=[rights_request.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in PdfReader(__import__("io").BytesIO(response.content)).pages
    )
    assert "Het dossier is omvangrijk" in text
    assert "Anna Bakker" in text
    assert AccessLog.objects.filter(user=cast.worker, action="print").exists()


def test_the_case_page_shows_the_own_statements(client, cast, case):
    OwnStatement.objects.create(
        pupil=case.pupil, case=case, text="Ik was ziek, niet afwezig.", created_by=cast.worker
    )
    client.force_login(cast.worker)
    content = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Ik was ziek, niet afwezig." in content


def test_the_start_pages_show_open_requests_with_their_deadline(client, cast, rights_request):
    client.force_login(cast.worker)
    content = client.get(reverse("schools:mine")).content.decode()
    assert "Noor Bakker" in content
    client.force_login(cast.privacy)
    content = client.get(reverse("privacy:overview")).content.decode()
    assert "Noor Bakker" in content


def test_correcting_through_the_page_shows_the_history(client, cast, case):
    client.force_login(cast.worker)
    pupil = case.pupil
    response = client.post(
        reverse("rights:correct", args=[case.pk]),
        {
            "first_name": "Noortje",
            "last_name": pupil.last_name,
            "date_of_birth": pupil.date_of_birth.isoformat(),
            "school": pupil.school_id,
            "group": pupil.group,
            "reason": "Roepnaam verkeerd gespeld",
        },
    )
    assert response.status_code == 302
    content = client.get(reverse("rights:history", args=[case.pk])).content.decode()
    assert "Roepnaam verkeerd gespeld" in content
    assert "Noor</td>" in content


def test_a_step_taken_on_a_page_is_a_change_in_the_access_log(client, cast, rights_request):
    client.force_login(cast.worker)
    response = client.post(
        reverse("rights:submit", args=[rights_request.pk]),
        {"preparation_note": "Dossier nagelopen."},
    )
    assert response.status_code == 302
    assert AccessLog.objects.filter(
        user=cast.worker, action="change", pupil_ids=[rights_request.pupil_id]
    ).exists()
    rights_request.refresh_from_db()
    assert rights_request.status == RightsRequest.Status.SUBMITTED
