"""Generated reports (registratie, rapportage, funding)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schools.models import Municipality, School


def stall_cutoffs(now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """(sent before, started before): a waiting run sent before the first was lost on its way
    (Redis restarted without its queue); a running run started before the second was lost with
    its worker, since the task's hard time limit would have ended it by then."""
    resend = datetime.timedelta(minutes=settings.SMW_REPORT_RESEND_MINUTES)
    running = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    return now - resend, now - running


class ReportRunQuerySet(models.QuerySet):
    def to_send(self, now: datetime.datetime):
        """Waiting runs that never reached the broker, or were sent so long ago that the
        message must have been lost."""
        sent_before, _started_before = stall_cutoffs(now)
        return self.filter(status=ReportRun.Status.QUEUED).filter(
            Q(sent_at__isnull=True) | Q(sent_at__lt=sent_before)
        )

    def stalled(self, now: datetime.datetime):
        """Running runs whose worker is gone (killed, crashed) with the attempt."""
        _sent_before, started_before = stall_cutoffs(now)
        return self.filter(status=ReportRun.Status.RUNNING, started_at__lt=started_before)

    def running_on(self, node: str):
        """Running runs whose attempt is held by a process of the Celery worker `node`."""
        return self.filter(status=ReportRun.Status.RUNNING, worker_node=node)

    def failed_since(self, when: datetime.datetime):
        return self.filter(status=ReportRun.Status.FAILED, finished_at__gte=when)


class ReportRun(models.Model):
    """One generated report: kind, scope, period, status and file. Idempotent per
    (kind, scope, period): asking again returns the existing run, or makes a new version
    on purpose; never two running at once (a partial unique constraint)."""

    class Kind(models.TextChoices):
        REGISTRATION = "registratie", _("Registration (monthly)")
        RAPPORTAGE = "rapportage", _("Rapportage")
        FUNDING = "financiering", _("Funding report")

    class Status(models.TextChoices):
        QUEUED = "wachtend", _("Waiting")
        RUNNING = "bezig", _("In progress")
        READY = "klaar", _("Ready")
        FAILED = "mislukt", _("Failed")

    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, null=True, blank=True, related_name="report_runs"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="report_runs"
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    label = models.CharField(_("period"), max_length=60)
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when made by the schedule."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When the run was last handed to the broker; empty while the broker could not be reached.
    sent_at = models.DateTimeField(null=True, blank=True)
    # Who holds the running attempt: the Celery worker's node name and the process id, so a
    # restarted worker, or the next delivery on the same node, can tell that it is gone.
    worker_node = models.CharField(max_length=255, blank=True, db_default="")
    worker_pid = models.PositiveIntegerField(null=True, blank=True)
    # The pupils the report names (the registration's pupils in care), as plain numbers like the
    # access log's: downloading the report is a print of each of them.
    pupil_ids = ArrayField(models.BigIntegerField(), default=list, db_default=[], blank=True)

    objects = ReportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-version", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "school", "municipality", "period_start", "period_end", "version"],
                nulls_distinct=False,
                name="reportrun_unique_version",
            ),
            models.UniqueConstraint(
                fields=["kind", "school", "municipality", "period_start", "period_end"],
                condition=Q(status__in=["wachtend", "bezig"]),
                nulls_distinct=False,
                name="reportrun_one_running",
            ),
            models.CheckConstraint(
                name="reportrun_one_scope",
                condition=Q(school__isnull=False, municipality__isnull=True)
                | Q(school__isnull=True, municipality__isnull=False),
            ),
            models.CheckConstraint(
                name="reportrun_period", condition=Q(period_end__gte=models.F("period_start"))
            ),
        ]
        indexes = [models.Index(fields=["school", "kind", "-period_start"], name="run_school")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.scope} {self.label} v{self.version}"

    def get_absolute_url(self) -> str:
        view = "reports:detail" if self.school_id else "reports:funding_run"
        return reverse(view, args=[self.pk])

    @property
    def scope(self):
        return self.school or self.municipality

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)

    @property
    def is_unsent(self) -> bool:
        """Waiting for the broker to be reachable again; the sweep sends it then."""
        return self.status == self.Status.QUEUED and self.sent_at is None

    @property
    def is_stalled(self) -> bool:
        """Lost on its way or with its worker: what ReportRunQuerySet.to_send (for a sent run)
        and .stalled find, for one run."""
        sent_before, started_before = stall_cutoffs(timezone.now())
        if self.status == self.Status.RUNNING:
            return self.started_at is not None and self.started_at < started_before
        return self.status == self.Status.QUEUED and bool(
            self.sent_at and self.sent_at < sent_before
        )

    @property
    def file_missing(self) -> bool:
        return self.status == self.Status.READY and not (
            self.file and self.file.storage.exists(self.file.name)
        )

    @property
    def error_class(self) -> str:
        """The kind of error alone ('OSError'), without its message, which may name anything."""
        return self.error.split(":", 1)[0].splitlines()[0] if self.error else ""


class FundingSnapshot(models.Model):
    """A municipality's funding report of one settled quarter, as it was first made: its
    protected figures (reports.funding: no count below 5, aggregates only, never a pupil).
    Every later page, export or PDF of that quarter shows these, so a case or contact
    registered late never shows up as a difference between two reports (docs/privacy.md)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="funding_snapshots"
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    made_at = models.DateTimeField(_("made at"), auto_now_add=True)
    figures = models.JSONField(encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("funding report figures")
        verbose_name_plural = _("funding report figures")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "period_start", "period_end"],
                name="fundingsnapshot_once_per_period",
            ),
            models.CheckConstraint(
                name="fundingsnapshot_period",
                condition=Q(period_end__gte=models.F("period_start")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.period_start}–{self.period_end}"
