"""The sweep (beat, every two minutes) sends again the runs that never reached a worker, takes
back the runs a killed worker left running, fails them after the last attempt, and never
touches a made or failed run. The claim makes every extra delivery a no-op."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from reports import runs, schedule
from reports.models import ReportRun

from .builders import JUNE, create_run

Status = ReportRun.Status


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_sweep_sends_a_run_that_never_reached_the_broker(cast, sent):
    run = create_run(cast.school_a)
    assert runs.sweep() == 1
    assert sent == [run.pk]
    run.refresh_from_db()
    assert run.sent_at is not None


def test_sweep_sends_again_a_run_sent_long_ago_and_never_started(cast, sent, settings):
    lost = create_run(
        cast.school_a, ago=datetime.timedelta(minutes=settings.SMW_REPORT_RESEND_MINUTES + 1)
    )
    on_its_way = create_run(cast.school_b, ago=datetime.timedelta(minutes=1))
    assert runs.sweep() == 1
    assert sent == [lost.pk]
    lost.refresh_from_db()
    assert lost.sent_at > timezone.now() - datetime.timedelta(minutes=1)
    on_its_way.refresh_from_db()
    assert on_its_way.status == Status.QUEUED


@pytest.mark.django_db(transaction=True)  # sent once the take-back is committed
def test_sweep_takes_back_a_run_left_running_past_the_time_limit(cast, sent, settings):
    past_limit = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 61)
    stalled = create_run(cast.school_a, status=Status.RUNNING, ago=past_limit, attempts=1)
    running = create_run(
        cast.school_b, status=Status.RUNNING, ago=datetime.timedelta(minutes=1), attempts=1
    )
    assert runs.sweep() == 1
    assert sent == [stalled.pk]
    stalled.refresh_from_db()
    assert (stalled.status, stalled.attempts) == (Status.QUEUED, 1)  # the claim counts the next
    running.refresh_from_db()
    assert running.status == Status.RUNNING


def test_sweep_fails_a_run_left_running_after_its_last_attempt(cast, sent, settings):
    past_limit = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 61)
    last = runs.MAX_ATTEMPTS
    run = create_run(cast.school_a, status=Status.RUNNING, ago=past_limit, attempts=last)
    assert runs.sweep() == 0
    assert sent == []
    run.refresh_from_db()
    assert run.status == Status.FAILED
    assert run.error_class == "WorkerLost"
    assert run.finished_at is not None


def test_sweep_never_touches_made_or_failed_runs(cast, sent):
    long_ago = datetime.timedelta(days=3)
    ready = create_run(cast.school_a, status=Status.READY, ago=long_ago, started_at=None)
    failed = create_run(cast.school_b, status=Status.FAILED, ago=long_ago, started_at=None)
    before = [(r.status, r.sent_at, r.finished_at) for r in (ready, failed)]
    assert runs.sweep(now=timezone.now() + long_ago) == 0
    assert sent == []
    for run, was in zip((ready, failed), before, strict=True):
        run.refresh_from_db()
        assert (run.status, run.sent_at, run.finished_at) == was


def test_sweep_stops_while_the_broker_is_away_and_loses_nothing(cast, broker_away):
    first, second = create_run(cast.school_a), create_run(cast.school_b)
    assert runs.sweep() == 0
    for run in (first, second):
        run.refresh_from_db()
        assert run.is_unsent


def test_schedule_carries_on_for_every_school_while_the_broker_is_away(
    cast, broker_away, django_capture_on_commit_callbacks
):
    from schools.models import SchoolYear

    with django_capture_on_commit_callbacks(execute=True):
        count = schedule.monthly_registrations(
            datetime.date(SchoolYear.current().start_year, 10, 1)
        )
    assert count == 3
    assert [run.is_unsent for run in ReportRun.objects.all()] == [True] * 3


def test_asking_again_sends_a_run_that_never_reached_the_broker(
    cast, sent, django_capture_on_commit_callbacks
):
    run = create_run(cast.school_a)
    with django_capture_on_commit_callbacks(execute=True):
        again = runs.request_report(kind="registratie", school=cast.school_a, period=JUNE)
    assert again.pk == run.pk
    assert sent == [run.pk]


def test_a_second_delivery_while_the_run_is_made_does_nothing(cast):
    seconds = datetime.timedelta(seconds=5)
    run = create_run(cast.school_a, status=Status.RUNNING, ago=seconds, attempts=1)
    assert runs.claim(run.pk) is None
    assert runs.make_report(run.pk) is None
    run.refresh_from_db()
    assert (run.status, run.attempts) == (Status.RUNNING, 1)


def test_an_attempt_removes_the_file_a_killed_attempt_left(cast, monkeypatch, settings):
    monkeypatch.setattr(runs, "render_run", lambda run: b"%PDF-1.7 second")
    run = create_run(cast.school_a, attempts=1)
    run.refresh_from_db()
    left = run.file.storage.save(runs._file_name(run, 1), ContentFile(b"%PDF-1.7 half"))
    made = runs.make_report(run.pk)
    assert made.attempts == 2
    files = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert files == [settings.MEDIA_ROOT / made.file.name]
    assert made.file.name != left
    assert made.file.read() == b"%PDF-1.7 second"


def test_an_attempt_taken_over_keeps_no_file_and_changes_nothing(cast, settings):
    run = create_run(cast.school_a)
    attempt = runs.claim(run.pk)
    # Meanwhile the sweep gave the run to a second attempt.
    ReportRun.objects.filter(pk=run.pk).update(attempts=2)
    assert runs.finish(attempt, b"%PDF-1.7 late") is None
    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == []
    run.refresh_from_db()
    assert (run.status, run.attempts, run.file.name) == (Status.RUNNING, 2, "")
