"""Celery tasks: thin, take ids, call the functions the pages call too."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from . import exports, workflow
from .models import DossierExport


@shared_task(
    bind=True,
    acks_late=True,
    max_retries=None,  # the export counts its attempts (exports.MAX_ATTEMPTS)
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
)
def make_export_task(self, export_id: int) -> None:
    try:
        exports.make_export(export_id)
    except Exception as exc:
        export = DossierExport.objects.get(pk=export_id)
        if export.status != DossierExport.Status.QUEUED:
            return  # failed for good, with its error; nothing half-made is kept
        raise self.retry(exc=exc, countdown=30 * 2 ** max(export.attempts - 1, 0)) from exc


@shared_task(acks_late=True)
def sweep_dossier_exports() -> int:
    """Send the exports that never reached a worker; take back those a lost worker left."""
    return exports.sweep()


@shared_task(acks_late=True)
def remove_expired_exports() -> int:
    """The files of exports handed over more than 30 days ago leave the server."""
    return workflow.remove_expired()
