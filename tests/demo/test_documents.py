"""The demo's documents: a case of `smw` with a signed consent form (PDF) and a drawing (PNG),
which `smw` downloads from the case page; seeding again adds nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from demo.documents import seed_documents
from documents.models import CaseDocument
from tests.conftest import demo_seeded


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    with demo_seeded(django_db_blocker):
        yield


@pytest.fixture
def seeded(_seeded_once, db):
    return None


def test_a_case_of_smw_has_a_pdf_and_a_png(seeded):
    smw = User.objects.get(username="smw")
    documents = list(CaseDocument.objects.order_by("uploaded_at"))

    assert [(d.content_type, d.kind) for d in documents] == [
        ("application/pdf", "toestemming"),
        ("image/png", "anders"),
    ]
    [case] = {d.case for d in documents}
    assert case.caseworker == smw and case.is_open
    for document in documents:
        with document.file.open("rb") as handle:
            head = handle.read(8)
        assert head.startswith(b"%PDF-" if document.extension == ".pdf" else b"\x89PNG")
    assert case.events.filter(kind="document").count() == 2
    assert max(e.at for e in case.events.all()) == case.last_activity_at


def test_smw_downloads_them_from_the_case_page(seeded):
    smw = User.objects.get(username="smw")
    document = CaseDocument.objects.get(content_type="application/pdf")
    client = Client()
    client.force_login(smw)

    page = client.get(reverse("cases:detail", args=[document.case_id])).content.decode()
    response = client.get(reverse("documents:download", args=[document.pk]))

    assert "Toestemmingsformulier, getekend door de ouders" in page
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_seeding_again_adds_nothing(seeded):
    assert seed_documents() == 0
    assert CaseDocument.objects.count() == 2
