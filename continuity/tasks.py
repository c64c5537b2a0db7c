"""Celery tasks: thin, call the functions the pages call too."""

from __future__ import annotations

from celery import shared_task

from . import consent


@shared_task
def mark_consents_to_ask_again() -> int:
    """Each night: the consents a birthday (12, 16) made incomplete are marked
    (CELERY_BEAT_SCHEDULE)."""
    return consent.mark_consents_to_ask_again()
