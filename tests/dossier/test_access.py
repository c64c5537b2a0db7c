"""Every dossier export page and download against every person in the cast.

The case manager prepares, reviews and downloads; the privacy officer of the organisation
reviews and hands over an inzage or afschrift. Everyone else, coordinators, team leaders of an
organisation with a privacy officer, municipal officers and application managers included,
gets 404 on every page and download: an export's existence leaks nothing.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AccessLog
from dossier import workflow
from dossier.models import DossierExport, Ground
from tests import factories
from tests.conftest import PEOPLE

from .conftest import start

OK, FOUND, NOT_FOUND = 200, 302, 404

# page -> {person: expected status}; people not named get 404.
MATRIX: dict[str, dict[str, int]] = {
    # the list: each worker's own exports (other_worker's is empty); the privacy officer's queue
    "list": {"worker": OK, "other_worker": OK, "privacy": OK},
    "start": {"worker": OK},
    "start_post": {"worker": FOUND},
    "detail": {"worker": OK, "privacy": OK},
    "progress": {"worker": OK, "privacy": OK},
    "withhold": {"worker": FOUND, "privacy": FOUND},
    "release": {"worker": FOUND, "privacy": FOUND},
    "make_again": {"worker": FOUND, "privacy": FOUND},
    "hand_over": {"worker": FOUND, "privacy": FOUND},
    "pdf": {"worker": OK, "privacy": OK},
    "zip": {"worker": OK, "privacy": OK},
}


@pytest.fixture(autouse=True)
def _fast(fake_pdf):
    """The pages are under test here, not the PDF (tests/dossier/test_export_content.py)."""


@pytest.fixture
def made(cast, world):
    export = start(world, cast.worker)
    contact = world.contacts[1]
    withholding = workflow.withhold(
        export, by=cast.worker, key=f"contact:{contact.pk}", ground=Ground.CHILD
    )
    from dossier import exports

    exports.make_export(export.pk)
    export.refresh_from_db()
    return export, withholding


def _request(client, page, world, export, withholding):
    if page == "list":
        return client.get(reverse("dossier:list"))
    if page == "start":
        return client.get(reverse("dossier:start", args=[world.case.pk]))
    if page == "start_post":
        return client.post(
            reverse("dossier:start", args=[world.case.pk]),
            {"purpose": "inzage", "requester": "leerling"},
        )
    if page == "detail":
        return client.get(export.get_absolute_url())
    if page == "progress":
        return client.get(export.get_absolute_url(), headers={"HX-Request": "true"})
    if page == "withhold":
        return client.post(
            reverse("dossier:withhold", args=[export.pk]),
            {"key": f"contact:{world.contacts[0].pk}", "ground": "derde"},
        )
    if page == "release":
        return client.post(reverse("dossier:release", args=[export.pk, withholding.pk]))
    if page == "make_again":
        return client.post(reverse("dossier:make_again", args=[export.pk]))
    if page == "hand_over":
        return client.post(reverse("dossier:hand_over", args=[export.pk]))
    return client.get(reverse("dossier:download", args=[export.pk, page]))


CASES = [
    (page, person, expected.get(person, NOT_FOUND))
    for page, expected in MATRIX.items()
    for person in PEOPLE
]


@pytest.mark.parametrize(("page", "person", "expected"), CASES)
def test_access_matrix(client, cast, world, made, page, person, expected):
    export, withholding = made
    client.force_login(cast.by_name(person))
    response = _request(client, page, world, export, withholding)
    assert response.status_code == expected
    if expected == NOT_FOUND and page not in ("list", "start", "start_post"):
        refused = AccessLog.objects.filter(
            user=cast.by_name(person), action=AccessLog.Action.REFUSED
        )
        assert refused.filter(pupil_ids__contains=[world.case.pupil_id]).exists()


@pytest.mark.parametrize("person", ["safeguarding", "other_privacy", "other_teamlead"])
def test_nobody_else_sees_an_export(client, cast, world, made, person):
    export, _withholding = made
    client.force_login(cast.by_name(person))
    assert client.get(export.get_absolute_url()).status_code == NOT_FOUND
    assert client.get(reverse("dossier:download", args=[export.pk, "pdf"])).status_code == 404


def test_a_stand_in_cannot_prepare_or_see_an_export(client, cast, world, made):
    export, _withholding = made
    stand_in = factories.create_worker(username="stand_in", schools=[cast.school_a])
    factories.create_stand_in(stand_in=stand_in, for_worker=cast.worker)
    client.force_login(stand_in)
    assert client.get(reverse("dossier:start", args=[world.case.pk])).status_code == 403
    assert client.get(export.get_absolute_url()).status_code == NOT_FOUND


def test_the_privacy_officer_does_not_see_a_warm_handover(client, cast, world):
    export = start(
        world,
        cast.worker,
        purpose=DossierExport.Purpose.HANDOVER,
        destination=world.destination,
        sections=["contacten"],
    )
    client.force_login(cast.privacy)
    assert client.get(export.get_absolute_url()).status_code == NOT_FOUND
    client.force_login(cast.worker)
    assert client.get(export.get_absolute_url()).status_code == OK


def test_the_team_leader_hands_over_where_there_is_no_privacy_officer(client, cast, world, made):
    export, _withholding = made
    cast.privacy.memberships.all().delete()
    client.force_login(cast.teamlead)
    assert client.get(export.get_absolute_url()).status_code == OK
    client.post(reverse("dossier:hand_over", args=[export.pk]))
    export.refresh_from_db()
    assert export.handed_over_by == cast.teamlead


def test_the_team_leader_hands_over_where_the_privacy_officer_has_left(client, cast, world, made):
    """The same rule as for deciding the request (rights.access): a privacy officer whose
    account is deactivated leaves the handover to the team leader, and can no longer do it."""
    export, _withholding = made
    cast.privacy.is_active = False
    cast.privacy.save(update_fields=["is_active"])
    client.force_login(cast.teamlead)
    assert client.get(export.get_absolute_url()).status_code == OK
    client.post(reverse("dossier:hand_over", args=[export.pk]))
    export.refresh_from_db()
    assert export.handed_over_by == cast.teamlead


def test_a_download_is_logged_as_an_export_of_the_pupil(client, cast, world, made):
    export, _withholding = made
    client.force_login(cast.privacy)
    for fmt in ("pdf", "zip"):
        response = client.get(reverse("dossier:download", args=[export.pk, fmt]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content)
        row = AccessLog.objects.get(
            user=cast.privacy, action=AccessLog.Action.EXPORT, path=response.request["PATH_INFO"]
        )
        assert row.pupil_ids == [world.case.pupil_id]
        assert row.object_ref == f"dossier.dossierexport:{export.pk}"


def test_an_unknown_format_is_not_found(client, cast, made):
    export, _withholding = made
    client.force_login(cast.worker)
    assert client.get(reverse("dossier:download", args=[export.pk, "exe"])).status_code == 404


def test_the_review_page_lists_the_items_to_withhold(client, cast, world, made):
    export, _withholding = made
    client.force_login(cast.privacy)
    page = client.get(export.get_absolute_url()).content.decode()
    assert f'value="contact:{world.contacts[0].pk}"' in page
    assert "Record as handed over" in page
    client.force_login(cast.worker)
    page = client.get(export.get_absolute_url()).content.decode()
    assert "Record as handed over" not in page  # the privacy officer hands over an afschrift
