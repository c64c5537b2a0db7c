"""Real Celery workers and a Redis of the test's own for the end-to-end report tests: the worker
is a separate process that reaches the test database and writes to the test's MEDIA_ROOT."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

from django.conf import settings

from smw.celery import app

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
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


def use_broker(monkeypatch, broker: str, queue: str) -> None:
    """This process sends its tasks to `broker`, on a queue of the test's own."""
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", broker)
    monkeypatch.setenv("CELERY_BROKER_URL", broker)  # Celery prefers it to the setting
    monkeypatch.setitem(app.conf, "task_default_queue", queue)
    # Connections made earlier in this process may point at another broker: start afresh.
    app._after_fork()


def start_worker(
    broker: str, queue: str, media: Path, *, node: str = "", app_module: str = "smw", **env
):
    """A solo worker on `queue`, named `node` (by default after the queue); its output is read
    with .communicate() once it has stopped."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "MEDIA_ROOT": str(media),
        "SMW_REQUIRE_2FA": "false",
        **env,
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            app_module,
            "worker",
            "--hostname",
            node or f"{queue}@%h",
            "--pool=solo",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop(process: subprocess.Popen, *, kill: bool = False) -> str:
    """Stop a process (SIGKILL when `kill`, else SIGTERM) and return what it wrote."""
    if process.poll() is None:
        process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
    try:
        return process.communicate(timeout=20)[0] or ""
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()[0] or ""


def wait_for(condition, *, seconds: float, workers=(), what: str = "the condition"):
    """Poll `condition` until it is true; fail early when a worker has stopped."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        for worker in workers:
            if worker.poll() is not None:
                raise AssertionError(f"a Celery worker stopped:\n{worker.stdout.read()[-3000:]}")
        time.sleep(0.3)
    raise AssertionError(f"waited {seconds} s for {what}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def redis_server(port: int):
    """A Redis without persistence on `port` while the block runs: stopping it loses its queue."""
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: _answers(port), seconds=10, what=f"Redis on port {port}")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False
