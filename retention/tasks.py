"""Celery tasks: thin, call the functions the pages and commands call too."""

from __future__ import annotations

from celery import shared_task


@shared_task
def daily_retention() -> dict:
    """The daily job (CELERY_BEAT_SCHEDULE): melding holds, the due list, approved lists carried
    out, expired werkaantekeningen destroyed and their authors told. Destroys nothing that was
    not approved."""
    from .daily import run_daily

    return run_daily()


@shared_task
def carry_out_list(list_id: int) -> int:
    from .models import DestructionList
    from .workflow import carry_out

    return carry_out(DestructionList.objects.get(pk=list_id))


@shared_task
def remake_report_file(run_id: int) -> None:
    from .destroy import remake_report_file as remake

    remake(run_id)
