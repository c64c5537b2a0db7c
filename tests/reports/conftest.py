"""Fixtures of the report tests: a render that makes no PDF, and a broker that is away or
only records what it is given."""

from __future__ import annotations

import pytest
from kombu.exceptions import OperationalError


@pytest.fixture
def fake_render(monkeypatch):
    """The ids of the runs rendered; each 'PDF' names its run."""
    from reports import runs

    calls = []

    def render(run):
        calls.append(run.pk)
        return b"%PDF-1.7 fake " + str(run.pk).encode()

    monkeypatch.setattr(runs, "render_run", render)
    return calls


@pytest.fixture
def sent(monkeypatch):
    """The run ids handed to the broker (none is made)."""
    from reports.tasks import make_report_task

    ids = []
    monkeypatch.setattr(make_report_task, "apply_async", lambda args, **kw: ids.append(args[0]))
    return ids


@pytest.fixture
def broker_away(monkeypatch):
    """Redis cannot be reached: publishing fails as kombu fails on a refused connection."""
    from reports.tasks import make_report_task

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(make_report_task, "apply_async", refuse)
