"""The Celery app of a worker that is to be killed while it makes a report: it writes the
report's file, then waits, so the test can kill it between the file and the database."""

from __future__ import annotations

import time

from django.core.files.storage import FileSystemStorage

from smw.celery import app

_save = FileSystemStorage._save


def _save_then_wait(self, name, content):
    name = _save(self, name, content)
    time.sleep(120)
    return name


FileSystemStorage._save = _save_then_wait

__all__ = ["app"]
