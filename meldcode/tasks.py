"""Celery tasks: thin, call the functions the web requests call too."""

from __future__ import annotations

from celery import shared_task

from . import reminders


@shared_task
def meldcode_due_dates() -> int:
    """The daily e-mail about meldcode due dates (CELERY_BEAT_SCHEDULE)."""
    return reminders.send_daily()
