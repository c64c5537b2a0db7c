"""A killed worker's report is made again at once: the next delivery on the same node takes
over from a pool process that is gone, and a worker started again under its node name takes
back the runs it held. A run held by a live process, or on another node, is left alone; two
deliveries at once take over once; the last attempt still ends in 'failed'."""

from __future__ import annotations

import datetime
import os
import subprocess
import threading

import pytest
from celery.signals import worker_ready
from django.db import connection

from reports import runs
from reports.models import ReportRun

from .builders import create_run

Status = ReportRun.Status
HERE, ELSEWHERE = "reports@here", "reports@elsewhere"
A_MINUTE = datetime.timedelta(minutes=1)


class _Consumer:
    """What Celery's worker_ready is sent by: the consumer of the worker that started."""

    hostname = HERE


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def dead_pid() -> int:
    """The id of a process that has ended and been waited for."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def _held(school, *, node=HERE, pid, attempts=1, **fields) -> ReportRun:
    return create_run(
        school,
        status=Status.RUNNING,
        ago=A_MINUTE,
        attempts=attempts,
        worker_node=node,
        worker_pid=pid,
        **fields,
    )


def test_claim_records_the_node_and_process_that_hold_the_attempt(cast):
    run = create_run(cast.school_a)
    claimed = runs.claim(run.pk, node=HERE)
    assert (claimed.status, claimed.attempts) == (Status.RUNNING, 1)
    assert (claimed.worker_node, claimed.worker_pid) == (HERE, os.getpid())


def test_a_delivery_on_the_same_node_takes_over_from_a_dead_process(cast, dead_pid, fake_render):
    run = _held(cast.school_a, pid=dead_pid)
    made = runs.make_report(run.pk, node=HERE)
    assert fake_render == [run.pk]
    assert (made.status, made.attempts) == (Status.READY, 2)
    run.refresh_from_db()
    assert (run.status, run.worker_pid) == (Status.READY, os.getpid())


def test_a_delivery_leaves_a_run_whose_process_still_runs(cast):
    run = _held(cast.school_a, pid=os.getppid())
    assert runs.claim(run.pk, node=HERE) is None
    run.refresh_from_db()
    assert (run.status, run.attempts, run.worker_pid) == (Status.RUNNING, 1, os.getppid())


def test_a_delivery_leaves_a_run_held_on_another_node(cast, dead_pid):
    run = _held(cast.school_a, node=ELSEWHERE, pid=dead_pid)
    assert runs.claim(run.pk, node=HERE) is None
    assert runs.claim(run.pk) is None  # nor without a node (made outside a worker)
    run.refresh_from_db()
    assert (run.status, run.attempts, run.worker_node) == (Status.RUNNING, 1, ELSEWHERE)


def test_a_dead_process_on_the_last_attempt_fails_the_run(cast, dead_pid, sent):
    run = _held(cast.school_a, pid=dead_pid, attempts=runs.MAX_ATTEMPTS)
    assert runs.claim(run.pk, node=HERE) is None
    assert sent == []
    run.refresh_from_db()
    assert (run.status, run.attempts, run.error_class) == (
        Status.FAILED,
        runs.MAX_ATTEMPTS,
        "WorkerLost",
    )
    assert run.finished_at is not None


@pytest.mark.django_db(transaction=True)  # each delivery on a connection of its own
def test_two_deliveries_at_once_take_over_once(cast, dead_pid, monkeypatch):
    run = _held(cast.school_a, pid=dead_pid)
    both_looked = threading.Barrier(2, timeout=10)

    def looked_then_dead(pid):
        both_looked.wait()  # both have read the dead holder before either takes over
        return False

    monkeypatch.setattr(runs, "alive", looked_then_dead)
    claims = []

    def deliver():
        try:
            claims.append(runs.claim(run.pk, node=HERE))
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert len(claims) == 2
    assert sum(claim is not None for claim in claims) == 1
    run.refresh_from_db()
    assert (run.status, run.attempts) == (Status.RUNNING, 2)


@pytest.mark.django_db(transaction=True)  # sent once the take-back is committed
def test_a_restarted_worker_takes_back_only_the_runs_it_held(cast, sent, dead_pid):
    held = _held(cast.school_a, pid=os.getpid())  # a pid on the old node means nothing now
    last = _held(cast.school_b, pid=dead_pid, attempts=runs.MAX_ATTEMPTS)
    elsewhere = _held(cast.school_c, node=ELSEWHERE, pid=dead_pid)
    ready = create_run(
        cast.school_a, status=Status.READY, ago=A_MINUTE, worker_node=HERE, version=0
    )
    failed = create_run(
        cast.school_b, status=Status.FAILED, ago=A_MINUTE, worker_node=HERE, version=0
    )

    worker_ready.send(sender=_Consumer())

    assert sent == [held.pk]
    held.refresh_from_db()
    assert (held.status, held.attempts) == (Status.QUEUED, 1)  # the claim counts the next
    last.refresh_from_db()
    assert (last.status, last.error_class) == (Status.FAILED, "WorkerLost")
    for untouched, status in ((elsewhere, Status.RUNNING), (ready, Status.READY)):
        untouched.refresh_from_db()
        assert untouched.status == status
    failed.refresh_from_db()
    assert (failed.status, failed.error) == (Status.FAILED, "")
