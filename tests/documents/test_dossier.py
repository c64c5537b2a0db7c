"""What other parts of SMW call: the destruction of a dossier takes the files with it, the inzage
export gets every document with its bytes; and the storage is configured by the environment."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.db import transaction

from documents.models import CaseDocument
from documents.workflow import (
    add_document,
    delete_case_documents,
    delete_pupil_documents,
    pupil_documents,
)
from tests import factories

from .conftest import PDF, stored_files, upload
from .test_uploads import PNG


def test_destroying_a_case_deletes_rows_and_files_after_commit(
    cast, dossier, media, django_capture_on_commit_callbacks
):
    add_document(dossier, by=cast.worker, upload=upload(), kind="brief", title="Brief")
    add_document(dossier, by=cast.worker, upload=upload(PNG, "foto.png"), kind="anders", title="F")
    assert len(stored_files(media)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert delete_case_documents(dossier) == 2

    assert not CaseDocument.objects.exists()
    assert stored_files(media) == []


def test_a_rolled_back_destruction_keeps_the_files(cast, dossier, media):
    add_document(dossier, by=cast.worker, upload=upload(), kind="brief", title="Brief")

    with transaction.atomic():
        delete_case_documents(dossier)
        transaction.set_rollback(True)

    assert CaseDocument.objects.count() == 1
    assert len(stored_files(media)) == 1


def test_the_pupils_documents_go_with_their_dossier(
    cast, dossier, media, django_capture_on_commit_callbacks
):
    earlier = factories.create_case(pupil=dossier.pupil, caseworker=cast.worker, stage="closed")
    add_document(earlier, by=cast.worker, upload=upload(), kind="brief", title="Oud")
    add_document(dossier, by=cast.worker, upload=upload(), kind="brief", title="Nieuw")
    other = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="intake")
    kept = add_document(other, by=cast.worker, upload=upload(), kind="brief", title="Ander")

    with django_capture_on_commit_callbacks(execute=True):
        assert delete_pupil_documents(dossier.pupil) == 2

    assert list(CaseDocument.objects.all()) == [kept]
    assert stored_files(media) == [media / kept.file.name]


def test_a_case_with_documents_cannot_be_deleted_past_them(cast, dossier):
    from django.db.models import ProtectedError

    add_document(dossier, by=cast.worker, upload=upload(), kind="brief", title="Brief")

    with pytest.raises(ProtectedError):
        dossier.delete()


def test_the_inzage_export_gets_every_document_with_its_bytes(cast, dossier):
    first = add_document(
        dossier, by=cast.worker, upload=upload(PDF, "toestemming"), kind="toestemming", title="T"
    )
    add_document(dossier, by=cast.worker, upload=upload(PNG, "foto.png"), kind="anders", title="F")
    other = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="intake")
    add_document(other, by=cast.worker, upload=upload(), kind="brief", title="Van een ander")

    exported = pupil_documents(dossier.pupil)

    assert [(d.title, d.file_name, d.content) for d in exported] == [
        ("T", "toestemming.pdf", PDF),
        ("F", "foto.png", PNG),
    ]
    assert exported[0].case_number == dossier.number
    assert exported[0].uploaded_at == first.uploaded_at
    assert exported[0].kind == "Ondertekend toestemmingsformulier"


def test_a_file_lost_from_storage_is_left_out_of_the_export(cast, dossier, media):
    document = add_document(dossier, by=cast.worker, upload=upload(), kind="brief", title="B")
    (media / document.file.name).unlink()

    assert pupil_documents(dossier.pupil) == []


SETTINGS = """
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
store = storages["default"]
print(settings.STORAGES["default"]["BACKEND"])
print(type(store).__name__, store.bucket_name, store.endpoint_url, store.default_acl,
      store.querystring_auth, store.file_overwrite)
"""


def test_s3_compatible_storage_is_configured_by_the_environment():
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "smw.settings",
        "DATABASE_URL": "postgres://smw@db.example.nl:5432/smw",
        "SMW_DEMO": "true",
        "MEDIA_STORAGE": "s3",
        "S3_BUCKET": "smw-files",
        "S3_ENDPOINT_URL": "https://objects.example.nl",
        "S3_ACCESS_KEY_ID": "id",
        "S3_SECRET_ACCESS_KEY": "not-a-secret",
    }

    result = subprocess.run(
        [sys.executable, "-c", SETTINGS], env=env, capture_output=True, text=True, check=True
    )

    assert result.stdout.split("\n")[:2] == [
        "storages.backends.s3.S3Storage",
        "S3Storage smw-files https://objects.example.nl private True False",
    ]


def test_s3_storage_without_a_bucket_refuses_to_start():
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "smw.settings",
        "DATABASE_URL": "postgres://smw@db.example.nl:5432/smw",
        "SMW_DEMO": "true",
        "MEDIA_STORAGE": "s3",
    }

    result = subprocess.run(
        [sys.executable, "-c", SETTINGS], env=env, capture_output=True, text=True, check=False
    )

    assert result.returncode != 0
    assert "S3_BUCKET is not set" in result.stderr


def test_the_case_manager_removes_a_document_added_by_mistake(
    client, cast, dossier, media, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from cases.models import CaseEvent

    document = add_document(
        dossier, by=cast.worker, upload=upload(), kind="brief", title="Brief over Sem"
    )
    client.force_login(cast.worker)
    url = reverse("documents:remove", args=[document.pk])
    assert "Brief over Sem" in client.get(url).content.decode()

    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200 and CaseDocument.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Hoort bij een andere leerling"})

    assert response.status_code == 302
    assert not CaseDocument.objects.exists()
    assert stored_files(media) == []
    event = dossier.events.get(kind=CaseEvent.Kind.DOCUMENT_REMOVED)
    assert event.note == "Brief: Brief over Sem (Hoort bij een andere leerling)"
    page = client.get(reverse("cases:detail", args=[dossier.pk])).content.decode()
    assert "Document verwijderd" in page
    assert reverse("documents:download", args=[document.pk]) not in page
