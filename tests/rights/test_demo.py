"""The demo's requests: an open inzage by a parent with its deadline, an afschrift ready for the
export, a refused correction with an eigen verklaring, a corrected date of birth, and a request
for destruction waiting for a decision; the `smw`
and `privacy` logins see them; seeding again adds nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from demo.rights import seed_rights
from rights.models import OwnStatement, PupilCorrection, RightsRequest
from tests.conftest import demo_seeded

Status = RightsRequest.Status


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    with demo_seeded(django_db_blocker):
        yield


@pytest.fixture
def seeded(_seeded_once, db):
    return None


def test_the_demo_requests(seeded):
    inzage = RightsRequest.objects.get(kind="inzage")
    assert inzage.status == Status.RECEIVED
    assert inzage.requester == RightsRequest.Requester.PARENT_WITH_AUTHORITY
    assert inzage.deadline > inzage.received_on
    copy = RightsRequest.objects.get(kind="afschrift")
    assert copy.status == Status.READY_FOR_EXPORT
    # its export is made, for the privacy officer to review and hand over
    (export,) = copy.dossier_exports.all()
    assert export.purpose == "afschrift" and export.status == "klaar"
    correction = RightsRequest.objects.get(kind="correctie")
    assert correction.status == Status.REFUSED
    assert OwnStatement.objects.filter(request=correction).exists()
    assert PupilCorrection.objects.filter(field="date_of_birth").count() == 1
    erasure = RightsRequest.objects.get(kind="vernietiging")
    assert erasure.status == Status.SUBMITTED
    assert erasure.destroy_by > erasure.deadline
    assert not erasure.case.pupil.cases.open().exists()


def test_seeding_again_adds_nothing(seeded):
    assert seed_rights() == 0


@pytest.mark.parametrize("username", ["smw", "privacy"])
def test_the_logins_see_the_open_requests(seeded, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    content = client.get(reverse("rights:list")).content.decode()
    for request in RightsRequest.objects.open().select_related("pupil"):
        assert request.pupil.full_name in content
