"""End to end through a real Celery worker and the machine's Redis: enqueue, the worker makes
the PDF, the run becomes ready, the file opens."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import transaction
from pypdf import PdfReader

from reports import runs
from reports.models import ReportRun
from reports.periods import Period
from smw.celery import app
from tests import factories

BROKER = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0"
ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    """The test database as a DATABASE_URL that the worker's settings read back to the same
    connection: the host may be a socket directory (the embedded PostgreSQL) or in OPTIONS."""
    db = settings.DATABASES["default"]  # the test database by now
    auth = quote(db.get("USER") or "postgres", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    options = {key: str(value) for key, value in (db.get("OPTIONS") or {}).items()}
    host = db.get("HOST") or ""
    if host.startswith("/"):
        options["host"], host = host, ""
    elif host:
        host = f"{host}:{db.get('PORT') or 5432}"
    query = f"?{urlencode(options)}" if options else ""
    return f"postgresql://{auth}@{host}/{quote(db['NAME'], safe='')}{query}"


@pytest.fixture
def worker(tmp_path, settings, monkeypatch):
    queue = f"smw-test-{uuid.uuid4().hex[:8]}"
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", BROKER)
    monkeypatch.setitem(app.conf, "task_default_queue", queue)
    # Connections made earlier in this process may point at another broker: start afresh.
    app._after_fork()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": BROKER,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "MEDIA_ROOT": str(tmp_path),
        "SMW_REQUIRE_2FA": "false",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "smw",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
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
    worker.terminate()
    log = worker.communicate(timeout=20)[0]
    assert run.status == ReportRun.Status.READY, f"{run.status}: {run.error}\n{log[-3000:]}"
    assert "reports.tasks.make_report_task[" in log  # the worker, not this process, made it
    with run.file.open("rb") as handle:
        pdf = PdfReader(io.BytesIO(handle.read()))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Celeryschool" in text
