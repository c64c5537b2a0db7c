"""The real stack for the benchmark: gunicorn with 2 workers and Celery with 2 worker processes,
on loopback, against a bench database; Redis as the broker on a queue of its own."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from vault.crypto import key_file_value

BASE_DIR = Path(__file__).resolve().parent.parent
OUT_DIR = BASE_DIR / "var" / "bench"
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/11")
QUEUE = "smw-bench"


def bench_env(database_url: str) -> dict[str, str]:
    """The environment of every process of one benchmark phase.

    Production settings, except: the bench database, SMW_BENCH on (it installs the bench app:
    seed_bench and /bench/ping/), no second factor (the benchmark measures pages, not TOTP),
    its own media folder and Celery queue, and no cache: a page asked for 25 times does all its
    work 25 times (the funding report's protected counts would otherwise be remembered after
    the first; measure_funding times that apart).
    """
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        SMW_BENCH="true",
        SMW_REQUIRE_2FA="false",
        CELERY_BROKER_URL=BROKER_URL,
        CELERY_TASK_DEFAULT_QUEUE=QUEUE,
        MEDIA_ROOT=str(OUT_DIR / "media"),
        EMAIL_URL="consolemail://",
        CACHE_URL="dummycache://",
        LOG_LEVEL="WARNING",
        # Many sign-ins from one address in a row are the benchmark, not an attack.
        AXES_FAILURE_LIMIT="1000",
        # the master key of the dossier text: the bench databases' own, kept beside them
        SMW_DATA_KEY=os.environ.get("SMW_DATA_KEY") or key_file_value(OUT_DIR / "data-key"),
    )
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Stack:
    """gunicorn (and, with `celery=True`, two Celery worker processes) for one database."""

    def __init__(self, database_url: str, *, celery: bool = False):
        self.env = bench_env(database_url)
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.celery = celery
        self.processes: list[subprocess.Popen] = []
        OUT_DIR.mkdir(parents=True, exist_ok=True)

    def _start(self, name: str, args: list[str]) -> subprocess.Popen:
        log = open(OUT_DIR / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-m", *args],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def __enter__(self) -> Stack:
        self.gunicorn = self._start(
            "gunicorn",
            [
                "gunicorn",
                "smw.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "120",
            ],
        )
        if self.celery:
            self.worker = self._start(
                "celery",
                [
                    "celery",
                    "-A",
                    "smw",
                    "worker",
                    "--queues",
                    QUEUE,
                    "--concurrency",
                    "2",
                    "--pool",
                    "prefork",
                    "--loglevel",
                    "WARNING",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
            )
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"{process.args[2]} stopped; see {OUT_DIR}/*.log")
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{self.base_url}/healthz", timeout=5) as response,  # noqa: S310
            ):
                if response.status == 200 and (not self.celery or self.celery_children()):
                    return
            time.sleep(0.3)
        raise RuntimeError("the stack did not come up in time")

    def celery_children(self) -> list[int]:
        """The pids of the two Celery worker processes (the prefork pool's children)."""
        import psutil

        try:
            return [child.pid for child in psutil.Process(self.worker.pid).children()]
        except psutil.NoSuchProcess:
            return []

    def __exit__(self, *exc) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
