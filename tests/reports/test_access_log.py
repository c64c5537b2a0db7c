"""A report that names pupils keeps their ids with its file: downloading it is a print of each
of them. Figures without pupils are logged without; a run out of scope is a logged refusal."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLog
from cases.models import Case
from reports import runs
from reports.models import ReportRun
from reports.periods import Period
from tests import access_log, factories

PRINT, EXPORT, REFUSED = AccessLog.Action.PRINT, AccessLog.Action.EXPORT, AccessLog.Action.REFUSED


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def registration(cast, django_capture_on_commit_callbacks):
    """Last month's registration of school A, made for real: it names the pupil in care."""
    case = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a, first_name="Sanne", last_name="Kok"),
        caseworker=cast.worker,
        stage=Case.Stage.HELP,
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = runs.request_report(
            kind=ReportRun.Kind.REGISTRATION,
            school=cast.school_a,
            period=Period.previous_month(timezone.localdate()),
            by=cast.coordinator,
        )
    run.refresh_from_db()
    assert run.status == ReportRun.Status.READY
    return run, case


def test_a_registration_keeps_the_pupils_it_names(registration):
    run, case = registration
    assert run.pupil_ids == [case.pupil_id]


@pytest.mark.parametrize("person", ["coordinator", "worker"])
def test_downloading_a_report_is_a_print_of_its_pupils(client, cast, registration, person):
    run, case = registration
    client.force_login(cast.by_name(person))
    url = reverse("reports:download", args=[run.pk])

    response, written = access_log.get(client, url)

    assert response.status_code == 200
    row = written.only(PRINT)
    assert (row.user, row.pupil_ids, row.path) == (cast.by_name(person), [case.pupil_id], url)
    assert row.object_ref == f"reports.reportrun:{run.pk}"


def test_the_archive_and_the_run_page_log_no_pupil(client, cast, registration):
    run, _ = registration
    client.force_login(cast.coordinator)

    for url in (reverse("reports:archive"), reverse("reports:detail", args=[run.pk])):
        response, written = access_log.get(client, url)
        assert response.status_code == 200
        assert written.pupils(PRINT) == written.pupils() == set()


@pytest.mark.parametrize("person", ["other_coordinator", "privacy", "officer"])
def test_a_run_out_of_scope_is_a_logged_refusal(client, cast, registration, person):
    run, case = registration
    client.force_login(cast.by_name(person))

    response, written = access_log.get(client, reverse("reports:download", args=[run.pk]))

    assert response.status_code == 404
    assert written.actions() == {REFUSED}
    assert written.only(REFUSED).pupil_ids == [case.pupil_id]


def test_a_funding_export_is_logged_without_a_pupil(client, cast):
    quarter = factories.newest_settled_quarter_with_a_case(school=cast.school_a)
    client.force_login(cast.officer)

    response, written = access_log.get(
        client,
        reverse("reports:funding_export", args=["csv"]),
        {"municipality": cast.north.pk, "quarter": quarter.quarter_key},
    )

    assert response.status_code == 200
    row = written.only(EXPORT)
    assert (row.pupil_ids, row.object_ref) == ([], f"schools.municipality:{cast.north.pk}")
