"""Report runs: idempotent per (kind, scope, period), retried, failed without a half file,
announced by e-mail with a link (never the PDF), scheduled by beat from
CELERY_BEAT_SCHEDULE."""

from __future__ import annotations

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from reports import runs, schedule
from reports.models import ReportRun
from reports.periods import Period
from smw.celery import app

JUNE = Period.month(2026, 6)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_asking_twice_gives_the_same_run(cast, fake_render, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = runs.request_report(
            kind="registratie", school=cast.school_a, period=JUNE, by=cast.coordinator
        )
    with django_capture_on_commit_callbacks(execute=True):
        again = runs.request_report(
            kind="registratie", school=cast.school_a, period=JUNE, by=cast.worker
        )
    assert again.pk == first.pk
    assert ReportRun.objects.count() == 1
    assert fake_render == [first.pk]
    first.refresh_from_db()
    assert first.status == ReportRun.Status.READY
    assert first.file.read().startswith(b"%PDF")


def test_a_new_version_only_on_purpose(cast, fake_render, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = runs.request_report(kind="registratie", school=cast.school_a, period=JUNE)
    with django_capture_on_commit_callbacks(execute=True):
        second = runs.request_report(
            kind="registratie", school=cast.school_a, period=JUNE, new_version=True
        )
    assert (first.version, second.version) == (1, 2)
    assert second.pk != first.pk


def test_waiting_run_is_returned_not_duplicated(cast, fake_render):
    waiting = runs.request_report(kind="registratie", school=cast.school_a, period=JUNE)
    assert waiting.status == ReportRun.Status.QUEUED  # on_commit not run inside the test
    again = runs.request_report(
        kind="registratie", school=cast.school_a, period=JUNE, new_version=True
    )
    assert again.pk == waiting.pk


def test_database_refuses_two_running_runs_of_one_report(cast):
    common = {
        "kind": "registratie",
        "school": cast.school_a,
        "period_start": JUNE.start,
        "period_end": JUNE.end,
        "label": "x",
    }
    ReportRun.objects.create(**common, version=1, status=ReportRun.Status.RUNNING)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportRun.objects.create(**common, version=2, status=ReportRun.Status.QUEUED)


def test_failing_render_marks_run_failed_without_file(cast, monkeypatch):
    def boom(run):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr(runs, "render_run", boom)
    run = runs.request_report(kind="registratie", school=cast.school_a, period=JUNE)
    ReportRun.objects.filter(pk=run.pk).update(attempts=runs.MAX_ATTEMPTS - 1)
    with pytest.raises(RuntimeError):
        runs.make_report(run.pk)  # the last attempt
    run.refresh_from_db()
    assert run.status == ReportRun.Status.FAILED
    assert "fonts missing" in run.error
    assert not run.file
    assert run.finished_at is not None


def test_failed_attempt_before_the_last_is_requeued(cast, monkeypatch):
    monkeypatch.setattr(runs, "render_run", lambda run: (_ for _ in ()).throw(OSError("disk")))
    run = runs.request_report(kind="registratie", school=cast.school_a, period=JUNE)
    with pytest.raises(OSError):
        runs.make_report(run.pk)
    run.refresh_from_db()
    assert run.status == ReportRun.Status.QUEUED
    assert run.attempts == 1
    assert "disk" in run.error


def test_task_retries_then_succeeds(cast, monkeypatch):
    from reports.tasks import make_report_task

    outcomes = [OSError("flaky"), b"%PDF ok"]

    def render(run):
        result = outcomes.pop(0)
        if isinstance(result, Exception):
            raise result
        return result

    monkeypatch.setattr(runs, "render_run", render)
    run = runs.request_report(kind="registratie", school=cast.school_a, period=JUNE)
    # apply() runs the task as a worker would, retries included (without the countdown).
    monkeypatch.setitem(make_report_task.app.conf, "task_eager_propagates", False)
    result = make_report_task.apply(args=[run.pk])
    assert result.successful()
    run.refresh_from_db()
    assert run.status == ReportRun.Status.READY
    assert run.attempts == 2
    assert run.error == ""


def test_task_gives_up_after_the_last_retry_and_marks_failed(cast, monkeypatch):
    from reports.tasks import make_report_task

    attempts = []

    def render(run):
        attempts.append(run.pk)
        raise OSError("still broken")

    monkeypatch.setattr(runs, "render_run", render)
    run = runs.request_report(kind="registratie", school=cast.school_a, period=JUNE)
    monkeypatch.setitem(make_report_task.app.conf, "task_eager_propagates", False)
    make_report_task.apply(args=[run.pk])
    run.refresh_from_db()
    assert len(attempts) == runs.MAX_ATTEMPTS
    assert run.status == ReportRun.Status.FAILED
    assert "still broken" in run.error
    assert not run.file


def test_duplicate_delivery_does_not_render_twice(
    cast, fake_render, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = runs.request_report(kind="registratie", school=cast.school_a, period=JUNE)
    assert runs.make_report(run.pk) is None
    assert fake_render == [run.pk]


def test_ready_mail_has_a_link_and_no_attachment(
    cast, fake_render, settings, django_capture_on_commit_callbacks
):
    settings.SMW_BASE_URL = "https://smw.example.nl"
    cast.coordinator.email = "zc@school.example"
    cast.coordinator.save()
    with django_capture_on_commit_callbacks(execute=True):
        run = runs.request_report(kind="registratie", school=cast.school_a, period=JUNE)
    run.refresh_from_db()
    assert run.status == ReportRun.Status.READY
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zc@school.example"]
    assert f"https://smw.example.nl{reverse('reports:detail', args=[run.pk])}" in message.body
    assert message.attachments == []


def _scheduled(settings) -> dict:
    return {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}


def test_beat_schedule_names_the_day_and_hour_of_each_report(settings):
    scheduled = _scheduled(settings)
    monthly = scheduled["reports.tasks.monthly_registrations"]
    assert (monthly.minute, monthly.hour, monthly.day_of_month) == ({0}, {6}, {1})
    assert scheduled["reports.tasks.term_rapportages"].month_of_year == {1, 4, 8}
    assert scheduled["reports.tasks.quarterly_funding"].month_of_year == {2, 5, 8, 11}


def test_every_scheduled_task_is_a_registered_task(settings):
    app.loader.import_default_modules()
    assert set(_scheduled(settings)) <= set(app.tasks)


def test_beat_updates_the_rows_of_the_old_data_migrations_rather_than_adding_its_own(
    db, settings, monkeypatch
):
    for migration in ("0002_beat_schedule", "0003_funding_schedule"):  # as on an older install
        import_module(f"reports.migrations.{migration}").create(apps, None)
    # Beat closes connections it thinks stale, and so would close the test's transaction.
    monkeypatch.setattr("django_celery_beat.schedulers.close_old_connections", lambda: None)
    DatabaseScheduler(app=app)  # at its start beat writes CELERY_BEAT_SCHEDULE into its tables
    rows = PeriodicTask.objects.filter(enabled=True).exclude(task="celery.backend_cleanup")
    assert sorted(row.task for row in rows) == sorted(_scheduled(settings))
    monthly = rows.get(task="reports.tasks.monthly_registrations").crontab
    assert (monthly.minute, monthly.hour, monthly.day_of_month) == ("0", "6", "1")
    assert str(monthly.timezone) == "Europe/Amsterdam"


def test_monthly_schedule_requests_last_month_for_schools_in_service(cast, fake_render):
    from schools.models import SchoolYear

    first_of_october = datetime.date(SchoolYear.current().start_year, 10, 1)
    count = schedule.monthly_registrations(first_of_october)
    scheduled = ReportRun.objects.filter(kind="registratie")
    assert count == scheduled.count() == 3  # school A, B (worker) and C (other worker)
    assert {r.requested_by for r in scheduled} == {None}
    expected = Period.previous_month(first_of_october)
    assert {(r.period_start, r.period_end) for r in scheduled} == {(expected.start, expected.end)}


def test_quarterly_schedule_requests_the_quarter_just_settled(cast, fake_render):
    from schools.models import SchoolYear

    first_of_november = datetime.date(SchoolYear.current().start_year, 11, 1)
    count = schedule.quarterly_funding(first_of_november)
    scheduled = ReportRun.objects.filter(kind="financiering")
    assert count == scheduled.count() == 2  # the north and the south
    third = Period.quarter(first_of_november.year, 3)  # july to september: settled today
    assert {(r.period_start, r.period_end) for r in scheduled} == {(third.start, third.end)}


def test_rapportage_on_first_of_august_adds_the_school_year(cast, fake_render):
    from schools.models import SchoolYear

    year = SchoolYear.current().start_year  # the cast is assigned in this school year
    schedule.term_rapportages(datetime.date(year + 1, 8, 1))
    periods = set(ReportRun.objects.values_list("period_start", "period_end"))
    assert periods == {
        (datetime.date(year + 1, 4, 1), datetime.date(year + 1, 7, 31)),
        (datetime.date(year, 8, 1), datetime.date(year + 1, 7, 31)),
    }
    assert ReportRun.objects.count() == 2 * 3


def test_periods():
    assert Period.previous_month(datetime.date(2026, 1, 1)) == Period.month(2025, 12)
    assert Period.term_before(datetime.date(2026, 4, 1)).start == datetime.date(2026, 1, 1)
    assert len(Period.school_year(2026).months()) == 12
    with pytest.raises(ValueError):
        Period(datetime.date(2026, 2, 1), datetime.date(2026, 1, 1), "x")
