"""Celery tasks: thin, take ids, call the functions the web page calls too."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import runs, schedule
from .models import ReportRun


@shared_task(
    bind=True,
    acks_late=True,
    max_retries=None,  # the run counts its attempts (runs.MAX_ATTEMPTS), whoever sent it
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
)
def make_report_task(self, run_id: int) -> None:
    try:
        runs.make_report(run_id, node=self.request.hostname or "")
    except Exception as exc:
        run = ReportRun.objects.get(pk=run_id)
        if run.status != ReportRun.Status.QUEUED:
            return  # the run is marked failed with its error; nothing half-made is kept
        # Back off: 30 s, 60 s, 120 s.
        raise self.retry(exc=exc, countdown=30 * 2 ** max(run.attempts - 1, 0)) from exc


def take_back_after_restart(sender, **kwargs) -> int:
    """Celery's worker_ready (reports.apps): the runs this node held before it was killed."""
    return runs.take_back_after_restart(sender.hostname)


@shared_task(acks_late=True)
def sweep_report_runs() -> int:
    """Send the reports that never reached a worker; take back those a killed worker left."""
    return runs.sweep()


@shared_task(acks_late=True)
def monthly_registrations() -> int:
    """Last month's registration for every school in service (CELERY_BEAT_SCHEDULE)."""
    return schedule.monthly_registrations(timezone.localdate())


@shared_task(acks_late=True)
def quarterly_funding() -> int:
    """Each municipality's funding report for the quarter settled most recently."""
    return schedule.quarterly_funding(timezone.localdate())


@shared_task(acks_late=True)
def term_rapportages() -> int:
    """The rapportage of the term that just ended (and of the school year on 1 August)."""
    return schedule.term_rapportages(timezone.localdate())
