"""Asking for a report and making it. The web page and Celery beat call the same functions.

A run is idempotent per (kind, scope, period): asking again returns the one that is waiting,
running or ready; a new version is made only on purpose (or after a failure). The database
refuses two runs of the same report waiting or running at once (a partial unique constraint).

Every change of a run's status is one of the functions below. A run is made exactly once
however often its task is delivered: `claim` turns it from waiting to running in one UPDATE, so
a second delivery (Redis handing out a killed worker's task again, or the sweep's resend) finds
nothing to do. Nothing is lost while the broker is away: the run is saved as waiting, unsent,
and `sweep` (every two minutes, CELERY_BEAT_SCHEDULE) sends it once the broker is back.

A running run records who holds its attempt: the worker's node name and the process id. A
worker killed as a whole and started again under the same node name (`-n reports@%h`) takes
back the runs it held as soon as it is ready (`take_back_after_restart`); a pool process killed
while its worker lives on has its message delivered again at once, and `claim` on the same node
takes over from the dead process. Whatever else leaves a run running (a node that never comes
back, a renamed one) the sweep takes back once the task's time limit has passed. Taking back
sends the run again, or marks it failed after its last attempt.
"""

from __future__ import annotations

import datetime
import logging
import os
import traceback
from functools import partial

import redis.exceptions
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from kombu.exceptions import OperationalError

from accounts.models import Role, User
from smw.pdf import render_pdf

from .models import ReportRun
from .periods import Period

log = logging.getLogger(__name__)
Kind, Status = ReportRun.Kind, ReportRun.Status

# The first attempt and three retries (30 s, 60 s and 120 s later, reports.tasks).
MAX_ATTEMPTS = 4
# What publishing raises when Redis cannot be reached.
BROKER_ERRORS = (OperationalError, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


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
    """The run for this report: existing (waiting, running or ready) or a new one, sent to the
    workers once saved. A waiting run that never reached the broker is sent again."""
    scope = {"school": school, "municipality": municipality}
    same = ReportRun.objects.filter(
        kind=kind, period_start=period.start, period_end=period.end, **scope
    )
    for _attempt in range(3):
        try:
            with transaction.atomic():
                busy = same.filter(status__in=[Status.QUEUED, Status.RUNNING]).first()
                if busy is not None:
                    if busy.is_unsent:
                        transaction.on_commit(partial(send, busy))
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
                log.info("report run %s requested by %s", run.pk, by.pk if by else "schedule")
                transaction.on_commit(partial(send, run))
                return run
        except IntegrityError:
            # Someone asked for the same report at the same moment; take theirs.
            continue
    return same.order_by("-version").first()


def send(run: ReportRun) -> bool:
    """Hand a waiting run to the workers; False when the broker cannot be reached. The run then
    stays waiting and unsent (its page says it will be made once the broker is back) and the
    sweep sends it later. One attempt, bounded by CELERY_BROKER_CONNECTION_TIMEOUT, so a page
    never hangs on a broker that is away."""
    from .tasks import make_report_task

    try:
        make_report_task.apply_async((run.pk,), retry=False)
    except BROKER_ERRORS as exc:
        log.warning("report run %s not sent, the broker cannot be reached: %r", run.pk, exc)
        return False
    run.sent_at = timezone.now()
    ReportRun.objects.filter(pk=run.pk).update(sent_at=run.sent_at)
    return True


def claim(run_id: int, *, node: str = "") -> ReportRun | None:
    """Start an attempt: the waiting run becomes running, held by this process of the worker
    `node`. None when it is not waiting (made, being made, or failed): a duplicate delivery is
    a no-op, since the check and the change are one UPDATE. A run still running on this node
    whose process is gone (killed, the message delivered again at once) is taken over."""
    holder = {"worker_node": node, "worker_pid": os.getpid()}
    claimed = ReportRun.objects.filter(pk=run_id, status=Status.QUEUED).update(
        status=Status.RUNNING,
        started_at=timezone.now(),
        error="",
        attempts=F("attempts") + 1,
        **holder,
    )
    if not claimed and not _take_over(run_id, node):
        log.info("report run %s is not waiting; this delivery does nothing", run_id)
        return None
    return ReportRun.objects.select_related("school", "municipality").get(pk=run_id)


def _take_over(run_id: int, node: str) -> bool:
    """Start the next attempt of a run whose holder on this node is dead; on the last attempt
    the run fails instead. A run held elsewhere is left to its own node and the sweep. The
    UPDATE names the holder and the attempt, so of two deliveries at once only one takes over."""
    held = (
        ReportRun.objects.running_on(node)
        .filter(pk=run_id)
        .values("worker_pid", "attempts")
        .first()
    )
    if not node or held is None or held["worker_pid"] is None or alive(held["worker_pid"]):
        return False
    lost = ReportRun.objects.running_on(node).filter(pk=run_id, **held)
    why = f"was lost with its process {held['worker_pid']} on {node}"
    if held["attempts"] >= MAX_ATTEMPTS:
        take_back(ReportRun(pk=run_id), lost=lost, why=why)
        return False
    taken = lost.update(
        started_at=timezone.now(),
        error="",
        attempts=F("attempts") + 1,
        worker_pid=os.getpid(),
    )
    if taken:
        log.warning("report run %s: attempt %s %s; taken over", run_id, held["attempts"], why)
    return bool(taken)


def alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it runs, as someone else
    return True


def make_report(run_id: int, *, node: str = "") -> ReportRun | None:
    """Render the report's PDF and store it, in this process of the worker `node`; None when
    the run was not waiting. On failure the run keeps no file: it is marked failed with the
    error on the last attempt, and waits for the task's retry otherwise."""
    run = claim(run_id, node=node)
    if run is None:
        return None
    try:
        pdf = render_run(run)
    except Exception as exc:
        fail_attempt(run, exc)
        raise
    return finish(run, pdf)


def _attempt(run: ReportRun):
    """The run while this attempt still holds it: a later attempt, or the sweep, may have
    taken it over from an attempt that ran on too long."""
    return ReportRun.objects.filter(pk=run.pk, status=Status.RUNNING, attempts=run.attempts)


def _file_name(run: ReportRun, attempt: int) -> str:
    scope = (run.school or run.municipality).pk
    stem = f"{run.kind}-{scope}-{run.period_start:%Y%m%d}-v{run.version}"
    return f"reports/{run.created_at:%Y/%m}/{stem}-{attempt}.pdf"


def finish(run: ReportRun, pdf: bytes) -> ReportRun | None:
    """Store the PDF and mark the run ready, when this attempt still holds it. Each attempt
    writes a name of its own, and removes what an earlier, killed attempt may have written, so
    no file is left without its run."""
    storage = run.file.storage
    for earlier in range(1, run.attempts):
        storage.delete(_file_name(run, earlier))
    name = storage.save(_file_name(run, run.attempts), ContentFile(pdf))
    finished_at = timezone.now()
    if not _attempt(run).update(
        file=name, status=Status.READY, finished_at=finished_at, pupil_ids=run.pupil_ids
    ):
        storage.delete(name)
        log.warning(
            "report run %s: attempt %s was taken over; its file is removed", run.pk, run.attempts
        )
        return None
    run.file.name, run.status, run.finished_at = name, Status.READY, finished_at
    log.info("report run %s ready after %s attempt(s)", run.pk, run.attempts)
    transaction.on_commit(lambda: notify_ready(run.pk))
    return run


def fail_attempt(run: ReportRun, exc: BaseException) -> None:
    """After a failed attempt: failed for good on the last attempt, otherwise waiting again for
    the task's retry (sent now, as far as the sweep is concerned)."""
    error = "".join(traceback.format_exception_only(exc)).strip()[:2000]
    now = timezone.now()
    final = run.attempts >= MAX_ATTEMPTS
    if final:
        changes = {"status": Status.FAILED, "finished_at": now}
    else:
        changes = {"status": Status.QUEUED, "sent_at": now}
    _attempt(run).update(error=error, **changes)
    run.error = error
    for field, value in changes.items():
        setattr(run, field, value)
    log.exception("report run %s: attempt %s failed (final=%s)", run.pk, run.attempts, final)


@transaction.atomic
def take_back(
    run: ReportRun,
    *,
    now: datetime.datetime | None = None,
    lost=None,
    why: str = "did not finish within the time limit",
) -> ReportRun:
    """A run whose worker is gone (killed while it ran): waiting again and sent, or failed when
    it had its last attempt. Refuses (returns it unchanged) unless it is among `lost`: by
    default the stalled runs, running since before the time limit; `why` says how it was lost."""
    now = now or timezone.now()
    if lost is None:
        lost = ReportRun.objects.stalled(now)
    run = ReportRun.objects.select_for_update().get(pk=run.pk)
    if not lost.filter(pk=run.pk).exists():
        return run
    if run.attempts >= MAX_ATTEMPTS:
        run.status, run.finished_at = Status.FAILED, now
        run.error = f"WorkerLost: attempt {run.attempts} {why}"
    else:
        run.status, run.sent_at = Status.QUEUED, None
        transaction.on_commit(lambda: send(run))
    run.save(update_fields=["status", "finished_at", "error", "sent_at"])
    log.warning("report run %s: attempt %s %s; now %s", run.pk, run.attempts, why, run.status)
    return run


def take_back_after_restart(node: str) -> int:
    """The worker `node` has just started: no process of it can still be making the runs it
    held, so they are taken back at once rather than after the time limit. Returns how many."""
    lost = ReportRun.objects.running_on(node)
    why = f"was lost when worker {node} restarted"
    return sum(take_back(run, lost=lost, why=why).status != Status.RUNNING for run in lost)


def sweep(now: datetime.datetime | None = None) -> int:
    """Beat's job every two minutes: take back the runs a killed worker left running, and send
    the waiting runs that never reached a worker (the broker was away, or lost its queue). Ready
    and failed runs are never touched. Returns how many runs were sent (taken back ones too)."""
    now = now or timezone.now()
    sent = 0
    for run in ReportRun.objects.to_send(now).order_by("created_at"):
        if not send(run):
            break  # the broker is still away; the next sweep tries again
        sent += 1
    for run in ReportRun.objects.stalled(now):
        taken = take_back(run, now=now)
        sent += taken.status == Status.QUEUED and taken.sent_at is not None
    return sent


def retry_run(run: ReportRun, *, by: User) -> ReportRun:
    """A person's 'try again'. A failed run, or a ready one whose file is gone, is asked for
    again (a new version); a stalled run is taken back or sent again; a run on its way is left
    alone. Asking twice is asking once: the second click finds the new run on its way."""
    newest = (
        ReportRun.objects.filter(
            kind=run.kind,
            school=run.school,
            municipality=run.municipality,
            period_start=run.period_start,
            period_end=run.period_end,
        )
        .order_by("-version")
        .first()
    )
    if newest.pk != run.pk:
        return newest  # already asked again
    if run.status == Status.FAILED or run.file_missing:
        period = Period(run.period_start, run.period_end, run.label)
        return request_report(
            kind=run.kind,
            period=period,
            school=run.school,
            municipality=run.municipality,
            by=by,
            new_version=True,
        )
    if run.status == Status.RUNNING:
        return take_back(run)
    if run.is_stalled:
        send(run)
    return run


def render_run(run: ReportRun) -> bytes:
    template, compute = _generators()[run.kind]
    period = Period(run.period_start, run.period_end, run.label)
    figures = compute(run.school or run.municipality, period)
    # Who the report names, stored with its file by finish(): its download logs them.
    run.pupil_ids = [row["pupil_id"] for row in figures.get("pupils", [])]
    with override(settings.LANGUAGE_CODE):
        return render_pdf(
            template,
            {
                "run": run,
                "school": run.school,
                "municipality": run.municipality,
                "period": period,
                "figures": figures,
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
    link = settings.SMW_BASE_URL.rstrip("/") + run.get_absolute_url()
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
