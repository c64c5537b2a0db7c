"""Asking for a report and making it. The web page and Celery beat call the same functions.

A run is idempotent per (kind, scope, period): asking again returns the one that is waiting,
running or ready; a new version is made only on purpose (or after a failure). The database
refuses two runs of the same report waiting or running at once (a partial unique constraint).
"""

from __future__ import annotations

import logging
import traceback

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Role, User
from smw.pdf import render_pdf

from .models import ReportRun
from .periods import Period

log = logging.getLogger(__name__)
Kind, Status = ReportRun.Kind, ReportRun.Status


def _generators():
    from . import figures, funding

    return {
        Kind.REGISTRATION: ("reports/pdf/registration.html", figures.registration),
        Kind.RAPPORTAGE: ("reports/pdf/rapportage.html", figures.rapportage),
        Kind.FUNDING: ("reports/pdf/funding.html", funding.settled_figures),
    }


def request_report(
    *,
    kind: str,
    period: Period,
    school=None,
    municipality=None,
    by: User | None = None,
    new_version: bool = False,
) -> ReportRun:
    """The run for this report: existing (waiting, running or ready) or a new one, queued."""
    scope = {"school": school, "municipality": municipality}
    same = ReportRun.objects.filter(
        kind=kind, period_start=period.start, period_end=period.end, **scope
    )
    for _attempt in range(3):
        try:
            with transaction.atomic():
                busy = same.filter(status__in=[Status.QUEUED, Status.RUNNING]).first()
                if busy is not None:
                    return busy
                latest = same.order_by("-version").first()
                if latest is not None and latest.status == Status.READY and not new_version:
                    return latest
                run = ReportRun.objects.create(
                    kind=kind,
                    period_start=period.start,
                    period_end=period.end,
                    label=period.label,
                    version=(latest.version + 1) if latest else 1,
                    requested_by=by,
                    **scope,
                )
                from .tasks import make_report_task

                make_report_task.delay_on_commit(run.pk)
                return run
        except IntegrityError:
            # Someone asked for the same report at the same moment; take theirs.
            continue
    return same.order_by("-version").first()


def start(run_id: int) -> ReportRun | None:
    """Mark the run as running; None when it is already finished (a duplicate delivery)."""
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().get(pk=run_id)
        if run.status == Status.READY:
            return None
        run.status, run.started_at, run.error = Status.RUNNING, timezone.now(), ""
        run.attempts += 1
        run.save(update_fields=["status", "started_at", "error", "attempts"])
        return run


def make_report(run_id: int, *, final_attempt: bool = True) -> ReportRun | None:
    """Render the report's PDF and store it. On failure the run keeps no file: it is marked
    failed with the error on the final attempt, and put back in the queue otherwise."""
    run = start(run_id)
    if run is None:
        return None
    try:
        pdf = render_run(run)
    except Exception as exc:
        run.error = "".join(traceback.format_exception_only(exc)).strip()[:2000]
        run.status = Status.FAILED if final_attempt else Status.QUEUED
        run.finished_at = timezone.now() if final_attempt else None
        run.save(update_fields=["error", "status", "finished_at"])
        log.exception("report run %s failed (final=%s)", run.pk, final_attempt)
        raise
    scope = (run.school or run.municipality).pk
    name = f"{run.kind}-{scope}-{run.period_start:%Y%m%d}-v{run.version}.pdf"
    run.file.save(name, ContentFile(pdf), save=False)
    run.status, run.finished_at = Status.READY, timezone.now()
    run.save(update_fields=["file", "status", "finished_at"])
    transaction.on_commit(lambda: notify_ready(run.pk))
    return run


def render_run(run: ReportRun) -> bytes:
    template, compute = _generators()[run.kind]
    period = Period(run.period_start, run.period_end, run.label)
    with override(settings.LANGUAGE_CODE):
        return render_pdf(
            template,
            {
                "run": run,
                "school": run.school,
                "municipality": run.municipality,
                "period": period,
                "figures": compute(run.school or run.municipality, period),
                "made_at": timezone.localtime(),
            },
        )


def recipients(run: ReportRun) -> list[User]:
    """Who hears that the report is ready: the school's coordinators, and who asked for it."""
    people = []
    if run.school_id:
        people = list(
            User.objects.filter(
                is_active=True, memberships__role=Role.COORDINATOR, memberships__school=run.school
            )
        )
    else:
        people = list(
            User.objects.filter(
                is_active=True,
                memberships__role=Role.MUNICIPALITY,
                memberships__municipality=run.municipality,
            )
        )
    if run.requested_by and run.requested_by not in people:
        people.append(run.requested_by)
    return [p for p in people if p.email]


def notify_ready(run_id: int) -> int:
    """E-mail a link behind login: the PDF itself never travels by e-mail."""
    run = ReportRun.objects.select_related("school", "municipality").get(pk=run_id)
    view = "reports:detail" if run.school_id else "reports:funding_run"
    link = settings.SMW_BASE_URL.rstrip("/") + reverse(view, args=[run.pk])
    sent = 0
    with override(settings.LANGUAGE_CODE):
        subject = _("SMW: %(kind)s %(scope)s %(period)s is ready") % {
            "kind": run.get_kind_display(),
            "scope": run.scope,
            "period": run.label,
        }
        for person in recipients(run):
            body = _(
                "Hello %(name)s,\n\nThe %(kind)s for %(scope)s, %(period)s, is ready. "
                "Sign in to SMW to read it:\n\n%(link)s\n\nFor privacy the report itself is not "
                "attached to this e-mail."
            ) % {
                "name": person.get_full_name() or person.username,
                "kind": run.get_kind_display().lower(),
                "scope": run.scope,
                "period": run.label,
                "link": link,
            }
            sent += send_mail(subject, body, None, [person.email])
    return sent
