"""What the people who wait for a report see when something went wrong: the broker away, a run
failed or stalled, a file lost from MEDIA_ROOT; and the application manager's list of the
week's failed runs, without their contents."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from reports.models import ReportRun
from reports.periods import Period
from tests import factories
from tests.conftest import PEOPLE

JUNE = Period.month(2026, 6)
Status = ReportRun.Status
BROKER_AWAY = "zodra de achtergrondverwerking weer bereikbaar is"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _run(*, school=None, municipality=None, status=Status.READY, **fields):
    return ReportRun.objects.create(
        kind="financiering" if municipality else "registratie",
        school=school,
        municipality=municipality,
        period_start=JUNE.start,
        period_end=JUNE.end,
        label=JUNE.label,
        status=status,
        **fields,
    )


@pytest.mark.django_db(transaction=True)  # the run is sent when the request's work is committed
def test_coordinator_asking_while_the_broker_is_away_gets_the_message(client, cast, broker_away):
    from reports.periods import available_periods

    month = next(key for key in available_periods(timezone.localdate()) if key.startswith("m"))
    client.force_login(cast.coordinator)
    data = {"kind": "registratie", "school": cast.school_a.pk, "period": month}
    response = client.post(reverse("reports:archive"), data, follow=True)
    assert response.status_code == 200
    assert BROKER_AWAY in response.text
    run = ReportRun.objects.get()
    assert run.is_unsent
    response = client.post(reverse("reports:archive"), data, follow=True)  # asking again
    assert response.status_code == 200
    assert ReportRun.objects.get().pk == run.pk  # saved once, waiting for the broker


@pytest.mark.django_db(transaction=True)
def test_officer_asking_for_the_funding_pdf_while_the_broker_is_away_gets_the_message(
    client, cast, broker_away
):
    quarter = factories.newest_settled_quarter_with_a_case(school=cast.school_a)
    client.force_login(cast.officer)
    response = client.post(
        reverse("reports:funding_make"),
        {"municipality": cast.north.pk, "quarter": quarter.quarter_key},
        follow=True,
    )
    assert response.status_code == 200
    assert BROKER_AWAY in response.text
    assert ReportRun.objects.get().is_unsent


def test_a_lost_file_answers_404_with_a_button_to_make_it_again(
    client, cast, fake_render, django_capture_on_commit_callbacks
):
    run = _run(school=cast.school_a, file="reports/2026/06/gone.pdf")
    client.force_login(cast.coordinator)
    response = client.get(reverse("reports:download", args=[run.pk]))
    assert response.status_code == 404
    assert "is er niet meer" in response.text
    retry = reverse("reports:retry", args=[run.pk])
    assert f'action="{retry}"' in response.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry)
    again = ReportRun.objects.get(version=2)
    assert response.url == reverse("reports:detail", args=[again.pk])
    again.refresh_from_db()
    assert again.status == Status.READY
    assert client.get(reverse("reports:download", args=[again.pk])).status_code == 200


def test_a_failed_run_shows_a_button_that_asks_again_exactly_once(
    client, cast, fake_render, django_capture_on_commit_callbacks
):
    run = _run(school=cast.school_a, status=Status.FAILED, error="OSError: disk full")
    client.force_login(cast.coordinator)
    retry = reverse("reports:retry", args=[run.pk])
    assert f'action="{retry}"' in client.get(reverse("reports:detail", args=[run.pk])).text
    assert f'action="{retry}"' in client.get(reverse("reports:archive")).text
    for _click in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(retry)
    assert ReportRun.objects.count() == 2
    again = ReportRun.objects.get(version=2)
    assert again.status == Status.READY
    assert fake_render == [again.pk]


def test_a_stalled_run_shows_its_state_and_a_button_that_takes_it_back(
    client, cast, settings, sent, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 61)
    run = _run(school=cast.school_a, status=Status.RUNNING, started_at=long_ago, attempts=1)
    client.force_login(cast.coordinator)
    page = client.get(reverse("reports:detail", args=[run.pk])).text
    assert "duurt veel langer dan zou moeten" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:retry", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == Status.QUEUED
    assert sent == [run.pk]


def test_retry_is_refused_outside_ones_schools(client, cast):
    run = _run(school=cast.school_a, status=Status.FAILED, error="OSError: x")
    client.force_login(cast.other_coordinator)
    assert client.post(reverse("reports:retry", args=[run.pk])).status_code == 404
    assert ReportRun.objects.count() == 1


def test_manager_sees_the_weeks_failed_runs_by_error_kind_only(client, cast):
    week = timezone.now() - datetime.timedelta(days=1)
    _run(
        school=cast.school_a,
        status=Status.FAILED,
        finished_at=week,
        error="ValueError: pupil Jan Jansen has no birth date",
    )
    _run(
        municipality=cast.north, status=Status.FAILED, finished_at=week - datetime.timedelta(days=8)
    )
    client.force_login(cast.manager)
    assert reverse("reports:failed") in client.get(reverse("accounts:manage")).text
    page = client.get(reverse("reports:failed")).text
    assert "ValueError" in page
    assert "Jan Jansen" not in page
    assert "School A" in page
    assert "Noord" not in page  # more than a week ago


@pytest.mark.parametrize("person", [p for p in PEOPLE if p != "manager"])
def test_only_the_manager_sees_the_failed_runs(client, cast, person):
    client.force_login(cast.by_name(person))
    assert client.get(reverse("reports:failed")).status_code == 404


def test_a_ready_file_downloads_as_before(client, cast):
    run = _run(school=cast.school_a)
    run.file.save("ok.pdf", ContentFile(b"%PDF-1.7 ok"))
    client.force_login(cast.coordinator)
    assert client.get(reverse("reports:download", args=[run.pk])).status_code == 200
