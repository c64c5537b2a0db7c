"""Celery tasks: thin, call the functions the tests call too (CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from . import mail, scan


@shared_task(acks_late=True)
def scan_access_log() -> int:
    """New signals in the access log and sign-ins since the last scan."""
    return scan.scan()


@shared_task(acks_late=True)
def mail_waiting_signals() -> int:
    """Each privacy officer hears how many signals wait (07:30)."""
    return mail.mail_waiting_signals()
