"""Celery tasks: thin, call the functions the web requests call too."""

from __future__ import annotations

from celery import shared_task

from . import kept_forms


@shared_task
def delete_expired_kept_forms() -> int:
    """Text kept after an ended session, past its time (CELERY_BEAT_SCHEDULE)."""
    return kept_forms.delete_expired()
