"""Celery tasks: thin, call the functions the tests call too (CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from . import reminders


@shared_task
def remind_deadlines() -> int:
    """The daily e-mail a week before an AVG request's deadline."""
    return reminders.send_reminders()
