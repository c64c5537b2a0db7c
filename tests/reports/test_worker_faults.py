"""Nothing is lost when the broker is away or a worker is killed: end to end through a Redis of
the test's own (started, stopped and started again on one port) and real Celery workers. The
run is made exactly once: one file in MEDIA_ROOT, one 'ready' e-mail."""

from __future__ import annotations

import datetime
import time
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import runs
from reports.models import ReportRun
from reports.periods import Period, available_periods
from smw.celery import app
from tests import factories

from .workers import free_port, redis_server, start_worker, stop, use_broker, wait_for

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(tmp_path, settings, monkeypatch):
    """A school with a coordinator who has an e-mail address; files and e-mail under tmp_path."""
    settings.MEDIA_ROOT = tmp_path / "media"
    school = factories.create_school(name="Storingschool")
    factories.create_worker(schools=[school])
    coordinator = factories.create_coordinator(username="zc_storing", school=school)
    coordinator.email = "zc@storing.example"
    coordinator.save()
    port, queue = free_port(), f"smw-test-{uuid.uuid4().hex[:8]}"
    use_broker(monkeypatch, f"redis://127.0.0.1:{port}/0", queue)
    yield {
        "school": school,
        "coordinator": coordinator,
        "port": port,
        "queue": queue,
        "node": f"reports-{queue}@%h",
        "media": settings.MEDIA_ROOT,
        "mail": tmp_path / "mail",
    }
    app._after_fork()


def _worker(world, broker, **kwargs):
    kwargs.setdefault("node", world["node"])
    return start_worker(
        broker,
        world["queue"],
        world["media"],
        EMAIL_URL=f"filemail:///{world['mail']}",  # django-environ drops one leading slash
        **kwargs,
    )


def _files(folder) -> list:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def test_a_report_asked_for_while_the_broker_is_away_is_made_once_it_is_back(client, world):
    month = next(key for key in available_periods(timezone.localdate()) if key.startswith("m"))
    client.force_login(world["coordinator"])
    with redis_server(world["port"]):
        pass  # the web process has known the broker, which then went away
    began = time.monotonic()
    response = client.post(
        reverse("reports:archive"),
        {"kind": "registratie", "school": world["school"].pk, "period": month},
        follow=True,
    )
    assert time.monotonic() - began < 5
    assert response.status_code == 200
    assert "zodra de achtergrondverwerking weer bereikbaar is" in response.text
    run = ReportRun.objects.get()
    assert run.is_unsent

    with redis_server(world["port"]) as broker:
        worker = _worker(world, broker)
        try:
            assert runs.sweep() == 1
            wait_for(
                lambda: ReportRun.objects.get().is_finished,
                seconds=60,
                workers=[worker],
                what="the report",
            )
            assert runs.sweep() == 0  # a made report is never sent again
        finally:
            log = stop(worker)
    run.refresh_from_db()
    assert run.status == ReportRun.Status.READY, f"{run.error}\n{log[-3000:]}"
    assert run.attempts == 1
    assert _files(world["media"]) == [world["media"] / run.file.name]
    assert len(_files(world["mail"])) == 1, log[-3000:]


def _killed_while_making_a_report(world, broker) -> ReportRun:
    """A report asked for, and its worker killed (SIGKILL) while it makes it: the worker has
    written the file and not yet told the database."""
    period = Period.previous_month(datetime.date.today())
    doomed = _worker(world, broker, app_module="tests.reports.slow_worker")
    try:
        run = runs.request_report(kind="registratie", school=world["school"], period=period)
        wait_for(lambda: _files(world["media"]), seconds=60, workers=[doomed], what="the file")
    finally:
        stop(doomed, kill=True)
    run.refresh_from_db()
    assert (run.status, run.attempts) == (ReportRun.Status.RUNNING, 1)
    return run


def _made_once(world, run: ReportRun, log: str) -> None:
    """Made on the second attempt: one file (the killed attempt's removed), one e-mail."""
    run.refresh_from_db()
    assert run.status == ReportRun.Status.READY, f"{run.error}\n{log[-3000:]}"
    assert run.attempts == 2
    assert _files(world["media"]) == [world["media"] / run.file.name]  # none orphaned
    assert len(_files(world["mail"])) == 1, log[-3000:]


def test_a_report_whose_worker_is_killed_is_made_at_once_after_a_restart(world):
    with redis_server(world["port"]) as broker:
        run = _killed_while_making_a_report(world, broker)
        began = time.monotonic()
        worker = _worker(world, broker)  # the same node name: it takes back what it held
        try:
            wait_for(
                lambda: ReportRun.objects.get().is_finished,
                seconds=30,
                workers=[worker],
                what="the report after the restart",
            )
        finally:
            log = stop(worker)
    assert time.monotonic() - began < 30
    _made_once(world, run, log)


def test_a_report_whose_worker_never_comes_back_is_made_once_after_the_time_limit(world):
    with redis_server(world["port"]) as broker:
        run = _killed_while_making_a_report(world, broker)
        worker = _worker(world, broker, node=f"other-{world['node']}")
        try:
            # Past the time limit nothing can still be running it: the sweep takes it back.
            later = timezone.now() + datetime.timedelta(seconds=app.conf.task_time_limit + 61)
            assert runs.sweep(now=later) == 1  # taken back and sent
            wait_for(
                lambda: ReportRun.objects.get().is_finished,
                seconds=60,
                workers=[worker],
                what="the report",
            )
        finally:
            log = stop(worker)
    _made_once(world, run, log)
