"""The retention pages: only the privacy officer and the team leader of the organisation, the
team leader only to propose; every other role gets 404 on every page and every form."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLog
from retention import workflow
from retention.models import DestructionList, DestructionRecord, Extension, LegalHold, Policy

from .conftest import FIRST, build_dossier


@pytest.fixture
def old_case(cast, media):
    return build_dossier(cast)


@pytest.fixture
def proposed(cast, old_case) -> DestructionList:
    return workflow.propose_list(cast.organisation, by=cast.teamlead)


@pytest.fixture
def hold(cast, old_case) -> LegalHold:
    return LegalHold.objects.create(
        pupil=old_case.pupil,
        kind=LegalHold.Kind.COURT,
        reason="Rechtszaak over gezag",
        review_on=timezone.localdate() + datetime.timedelta(days=60),
        placed_by=cast.privacy,
    )


def pages(old_case, proposed) -> list[str]:
    return [
        reverse("retention:overview"),
        reverse("retention:overview") + f"?case={old_case.number}",
        reverse("retention:list", args=[proposed.pk]),
        reverse("retention:dossier", args=[old_case.pupil_id]),
    ]


OTHER_ROLES = [
    "worker",
    "other_worker",
    "coordinator",
    "other_coordinator",
    "officer",
    "manager",
    "nobody",
    "safeguarding",
]


@pytest.mark.parametrize("name", OTHER_ROLES)
def test_every_other_role_gets_404_on_every_page_and_form(
    client, cast, old_case, proposed, hold, name
):
    client.force_login(cast.by_name(name))
    for url in [*pages(old_case, proposed), reverse("retention:policy")]:
        assert client.get(url).status_code == 404, url
    posts = {
        reverse("retention:propose"): {"organisation": cast.organisation.pk},
        reverse("retention:list", args=[proposed.pk]): {"decision": "approve"},
        reverse("retention:extend", args=[old_case.pupil_id]): {"years": 30, "reason": "x"},
        reverse("retention:hold", args=[old_case.pupil_id]): {
            "kind": "klacht",
            "reason": "x",
            "review_on": "2099-01-01",
        },
        reverse("retention:lift", args=[hold.pk]): {"reason": "x"},
        reverse("retention:policy"): {"years": 1, "work_note_grace_days": 0},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 404, url
    proposed.refresh_from_db()
    assert proposed.status == DestructionList.Status.PROPOSED
    assert hold.__class__.objects.get(pk=hold.pk).is_active
    assert not Extension.objects.exists() and not Policy.objects.exists()


@pytest.mark.parametrize("name", ["privacy", "teamlead"])
def test_privacy_officer_and_team_leader_open_every_page(client, cast, old_case, proposed, name):
    client.force_login(cast.by_name(name))
    for url in pages(old_case, proposed):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert FIRST not in response.content.decode(), "no names on the retention pages"
    # Metadata only: no read of the pupil's data to log (and no signal for the review).
    assert not AccessLog.objects.filter(
        user=cast.by_name(name), pupil_ids__contains=[old_case.pupil_id]
    ).exists()


def test_a_dossier_outside_the_scope_is_refused_and_logged(client, cast, old_case):
    client.force_login(cast.other_privacy)
    url = reverse("retention:dossier", args=[old_case.pupil_id])
    assert client.get(url).status_code == 404
    assert AccessLog.objects.filter(
        user=cast.other_privacy, action="refused", pupil_ids__contains=[old_case.pupil_id]
    ).exists()


def test_other_organisations_officers_see_nothing_of_it(client, cast, old_case, proposed):
    for person in (cast.other_privacy, cast.other_teamlead):
        client.force_login(person)
        assert client.get(reverse("retention:list", args=[proposed.pk])).status_code == 404
        assert client.get(reverse("retention:dossier", args=[old_case.pupil_id])).status_code == 404
        assert old_case.number not in client.get(reverse("retention:overview")).content.decode()


def test_team_leader_proposes_but_cannot_decide_or_set_terms(client, cast, old_case):
    client.force_login(cast.teamlead)
    response = client.post(reverse("retention:propose"), {"organisation": cast.organisation.pk})
    destruction_list = DestructionList.objects.get()
    assert response.url == reverse("retention:list", args=[destruction_list.pk])
    page = client.get(response.url).content.decode()
    assert "vier ogen" in page and 'name="decision"' not in page
    assert client.post(response.url, {"decision": "approve"}).status_code == 404
    assert client.get(reverse("retention:policy")).status_code == 404
    assert (
        client.post(
            reverse("retention:hold", args=[old_case.pupil_id]),
            {"kind": "klacht", "reason": "x", "review_on": "2099-01-01"},
        ).status_code
        == 404
    )


def test_privacy_officer_cannot_propose(client, cast, old_case):
    client.force_login(cast.privacy)
    assert client.post(reverse("retention:propose"), {}).status_code == 404
    assert not DestructionList.objects.exists()


def test_privacy_officer_approves_on_the_page(
    client, cast, old_case, proposed, django_capture_on_commit_callbacks
):
    client.force_login(cast.privacy)
    url = reverse("retention:list", args=[proposed.pk])
    start = client.get(reverse("privacy:overview")).content.decode()
    assert 'data-today="destruction-lists"' in start and url in start
    assert 'name="decision"' in client.get(url).content.decode()
    # Rejecting without a reason gives the form back with what was typed.
    response = client.post(url, {"decision": "reject", "note": ""})
    assert response.status_code == 200 and "Zeg waarom" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve", "note": "Akkoord"})
    assert response.status_code == 302
    assert DestructionRecord.objects.filter(pupil_number=old_case.pupil_id).exists()
    certificate = client.get(reverse("retention:certificate", args=[proposed.pk]))
    assert certificate.status_code == 200
    assert b"".join(certificate.streaming_content).startswith(b"%PDF")
    # The team leader may download it too; nobody else.
    client.force_login(cast.teamlead)
    assert client.get(reverse("retention:certificate", args=[proposed.pk])).status_code == 200
    client.force_login(cast.worker)
    assert client.get(reverse("retention:certificate", args=[proposed.pk])).status_code == 404


def test_privacy_officer_places_and_lifts_a_hold_and_sets_the_term(client, cast, old_case):
    client.force_login(cast.privacy)
    dossier = reverse("retention:dossier", args=[old_case.pupil_id])
    bad = client.post(
        reverse("retention:hold", args=[old_case.pupil_id]),
        {"kind": "klacht", "reason": "Klacht ingediend", "review_on": "2001-01-01"},
    )
    assert bad.status_code == 400 and "Klacht ingediend" in bad.content.decode()
    response = client.post(
        reverse("retention:hold", args=[old_case.pupil_id]),
        {"kind": "klacht", "reason": "Klacht ingediend", "review_on": "2099-01-01"},
    )
    assert response.url == dossier
    hold = LegalHold.objects.get()
    assert "bewaarplicht" in client.get(dossier).content.decode().lower()
    client.post(reverse("retention:lift", args=[hold.pk]), {"reason": "Klacht afgehandeld"})
    hold.refresh_from_db()
    assert not hold.is_active
    response = client.post(
        reverse("retention:policy"),
        {"years": 15, "basis": "Wmo", "work_note_grace_days": 14},
    )
    assert response.status_code == 302
    assert Policy.objects.get(organisation=cast.organisation).years == 15
    assert client.post(reverse("retention:policy"), {"years": "x"}).status_code == 200


def test_the_closed_case_page_shows_the_end_of_its_term(client, cast, old_case):
    client.force_login(cast.worker)
    page = client.get(reverse("cases:detail", args=[old_case.pk])).content.decode()
    end = old_case.closed_on.replace(year=old_case.closed_on.year + 20)
    assert "Bewaartermijn: bewaren tot" in page and str(end.year) in page
