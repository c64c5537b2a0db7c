"""Generated reports (registratie, rapportage, funding)."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from schools.models import Municipality, School


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

    @property
    def scope(self):
        return self.school or self.municipality

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)


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
