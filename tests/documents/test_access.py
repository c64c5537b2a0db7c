"""Who may download and add a case's documents: the dossier's readers download (an export, in
the access log), the case manager adds; everyone else gets 404, and no file is reachable by a
URL of its own."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from audit.models import AccessLog
from documents.models import CaseDocument
from documents.workflow import add_document
from tests import factories
from tests.conftest import PEOPLE

from .conftest import PDF, upload

OK, FORBIDDEN, NOT_FOUND = 200, 403, 404
EVERYONE = [*PEOPLE, "other_privacy", "safeguarding", "stand_in", "colleague"]
# Everyone not named: 404. The coordinator of the case's own school has the progress view,
# which holds no documents; the team leader, municipality, application manager and privacy
# officer see no case content at all.
DOWNLOAD = {"worker": OK, "stand_in": OK}
UPLOAD = {"worker": OK, "stand_in": FORBIDDEN}  # and removing one


@pytest.fixture
def document(cast, dossier) -> CaseDocument:
    return add_document(
        dossier, by=cast.worker, upload=upload(), kind="toestemming", title="Toestemming"
    )


def _someone(request, cast, name: str):
    if name in ("stand_in", "colleague"):
        return request.getfixturevalue(name)
    return cast.by_name(name)


@pytest.mark.parametrize("name", EVERYONE)
def test_download_and_upload_matrix(request, cast, dossier, document, name):
    client = Client()
    client.force_login(_someone(request, cast, name))

    download = client.get(reverse("documents:download", args=[document.pk]))
    upload_page = client.get(reverse("documents:upload", args=[dossier.pk]))
    remove_page = client.get(reverse("documents:remove", args=[document.pk]))
    remove = client.post(reverse("documents:remove", args=[document.pk]), {"reason": "weg"})

    expected_remove = UPLOAD.get(name, NOT_FOUND)
    assert (
        download.status_code,
        upload_page.status_code,
        remove_page.status_code,
        remove.status_code,
    ) == (
        DOWNLOAD.get(name, NOT_FOUND),
        UPLOAD.get(name, NOT_FOUND),
        expected_remove,
        302 if expected_remove == OK else expected_remove,
    )
    assert CaseDocument.objects.filter(pk=document.pk).exists() == (name != "worker")
    if download.status_code == OK:
        assert b"".join(download.streaming_content) == PDF
        assert download["Content-Type"] == "application/pdf"
        assert download["Content-Disposition"] == 'attachment; filename="toestemming.pdf"'
        assert "no-store" in download["Cache-Control"]


def test_a_download_is_logged_as_an_export(client, cast, dossier, document):
    client.force_login(cast.worker)

    client.get(reverse("documents:download", args=[document.pk]))

    row = AccessLog.objects.get(user=cast.worker, action=AccessLog.Action.EXPORT)
    assert row.pupil_ids == [dossier.pupil_id]
    assert row.object_ref == f"documents.casedocument:{document.pk}"


def test_a_refused_download_is_logged_and_a_missing_one_is_not(client, cast, dossier, document):
    client.force_login(cast.other_coordinator)

    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404
    assert client.get(reverse("documents:download", args=[document.pk + 999])).status_code == 404

    [row] = AccessLog.objects.filter(user=cast.other_coordinator)
    assert row.action == AccessLog.Action.REFUSED
    assert row.pupil_ids == [dossier.pupil_id]


def test_the_safeguarding_officer_downloads_on_a_meldcode_case_only(
    client, cast, dossier, document
):
    from meldcode.workflow import start

    client.force_login(cast.safeguarding)
    url = reverse("documents:download", args=[document.pk])
    assert client.get(url).status_code == 404

    start(dossier, by=cast.worker)

    assert client.get(url).status_code == 200


def test_anonymous_is_sent_to_login(client, dossier, document):
    for url in (
        reverse("documents:download", args=[document.pk]),
        reverse("documents:upload", args=[dossier.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_no_upload_is_reachable_under_media(client, cast, document, media):
    stored = document.file.name
    assert (media / stored).is_file()
    client.force_login(cast.worker)

    for url in (
        f"/media/{stored}",
        f"{settings.MEDIA_URL}{stored}",
        f"/{stored}",
        f"/static/{stored}",
        f"/media/{stored.rsplit('/', 1)[-1]}",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert PDF not in response.content, url


def test_media_url_is_served_by_no_url_pattern():
    from django.urls import Resolver404, resolve

    for path in ("/media/documents/x.pdf", f"{settings.MEDIA_URL}documents/x.pdf"):
        with pytest.raises(Resolver404):
            resolve(path)


def test_the_coordinators_progress_view_shows_no_document(client, cast, dossier, document):
    client.force_login(cast.coordinator)

    page = client.get(reverse("cases:progress", args=[dossier.pk])).content.decode()

    assert "Toestemming" not in page
    assert reverse("documents:download", args=[document.pk]) not in page


def test_the_stand_in_sees_the_list_but_no_link_to_add(client, dossier, document, stand_in):
    client.force_login(stand_in)

    page = client.get(reverse("cases:detail", args=[dossier.pk])).content.decode()

    assert reverse("documents:download", args=[document.pk]) in page
    assert reverse("documents:upload", args=[dossier.pk]) not in page


def test_a_document_of_another_case_is_not_listed(client, cast, dossier, document):
    other = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="intake")
    client.force_login(cast.worker)

    page = client.get(reverse("cases:detail", args=[other.pk])).content.decode()

    assert reverse("documents:download", args=[document.pk]) not in page
