"""End to end through a real Celery worker and the machine's Redis: enqueue, the worker makes
the PDF, the run becomes ready, the file opens."""

from __future__ import annotations

import datetime
import io
import os
import time
import uuid

import pytest
from django.db import transaction
from pypdf import PdfReader

from reports import runs
from reports.models import ReportRun
from reports.periods import Period
from smw.celery import app
from tests import factories

from .workers import start_worker, stop, use_broker

BROKER = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0"


@pytest.fixture
def worker(tmp_path, settings, monkeypatch):
    queue = f"smw-test-{uuid.uuid4().hex[:8]}"
    settings.MEDIA_ROOT = tmp_path
    use_broker(monkeypatch, BROKER, queue)
    process = start_worker(BROKER, queue, tmp_path)
    yield process
    stop(process)
    app._after_fork()


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_registration_is_made_by_a_real_worker(worker):
    school = factories.create_school(name="Celeryschool")
    factories.create_worker(schools=[school])
    period = Period.previous_month(datetime.date.today())
    with transaction.atomic():
        run = runs.request_report(kind=ReportRun.Kind.REGISTRATION, school=school, period=period)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.is_finished:
            break
        if worker.poll() is not None:
            pytest.fail(f"the Celery worker stopped:\n{worker.stdout.read()}")
        time.sleep(0.5)
    log = stop(worker)
    assert run.status == ReportRun.Status.READY, f"{run.status}: {run.error}\n{log[-3000:]}"
    assert "reports.tasks.make_report_task[" in log  # the worker, not this process, made it
    with run.file.open("rb") as handle:
        pdf = PdfReader(io.BytesIO(handle.read()))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Celeryschool" in text
