"""Time registration (urenregistratie): the indirect hours a school social worker registers."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.log import ShownQuerySet
from cases.models import Case
from schools.models import School


class TimeEntry(models.Model):
    """Indirect time. Direct client time comes from contacts and group sessions."""

    class Activity(models.TextChoices):
        CONSULTATION = "consultatie", _("Consultation")
        ZAT = "zat", _("ZAT")
        MEETING = "overleg", _("Meeting (overleg)")
        TRAINING = "deskundigheid", _("Training teachers (deskundigheidsbevordering)")
        ADMIN = "administratie", _("Administration and reporting")
        TRAVEL = "reistijd", _("Travel")
        OTHER = "overig", _("Other")

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="time_entries"
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="time_entries", verbose_name=_("school")
    )
    on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    activity = models.CharField(_("activity"), max_length=16, choices=Activity.choices)
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="time_entries",
        verbose_name=_("case (optional)"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ShownQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")
        indexes = [
            models.Index(fields=["worker", "on"], name="timeentry_worker_on"),
            models.Index(fields=["school", "on"], name="timeentry_school_on"),
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.get_activity_display()} {self.minutes}"
