"""The demo has an afschrift of a pupil of `smw`, asked for by the parents, made and ready for
the privacy officer to hand over."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User
from dossier.models import DossierExport
from tests.conftest import demo_seeded


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_seeded(django_db_blocker):
        yield


def test_the_demo_has_an_afschrift_ready_to_hand_over(demo, db, client):
    export = DossierExport.objects.get()
    assert export.purpose == DossierExport.Purpose.AFSCHRIFT
    assert export.requester == DossierExport.Requester.PARENTS
    assert export.case.caseworker.username == "smw"
    assert export.status == DossierExport.Status.READY and export.has_files
    assert not export.is_handed_over
    client.force_login(User.objects.get(username="privacy"))
    assert export.pupil.full_name in client.get(reverse("dossier:list")).content.decode()
    page = client.get(export.get_absolute_url()).content.decode()
    assert "Record as handed over" in page or "Vastleggen als overhandigd" in page
    response = client.get(reverse("dossier:download", args=[export.pk, "pdf"]))
    assert response.status_code == 200
