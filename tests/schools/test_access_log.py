"""A school page shows no pupil; asking for a school outside one's scope is a logged refusal,
a school that does not exist a plain 404."""

from __future__ import annotations

from django.urls import reverse

from audit.models import AccessLog
from tests import access_log


def test_a_school_out_of_scope_is_a_logged_refusal(client, cast):
    client.force_login(cast.other_worker)
    url = reverse("schools:detail", args=[cast.school_a.pk])

    response, written = access_log.get(client, url)

    assert response.status_code == 404
    row = written.only(AccessLog.Action.REFUSED)
    assert (row.user, row.pupil_ids, row.object_ref) == (
        cast.other_worker,
        [],
        f"schools.school:{cast.school_a.pk}",
    )


def test_a_missing_school_is_a_404_without_a_row(client, cast):
    client.force_login(cast.worker)

    response, written = access_log.get(client, reverse("schools:detail", args=[999999]))

    assert response.status_code == 404
    assert written.rows == []


def test_ones_own_school_page_writes_no_row(client, cast):
    client.force_login(cast.worker)

    response, written = access_log.get(client, reverse("schools:detail", args=[cast.school_a.pk]))

    assert response.status_code == 200
    assert written.rows == []
