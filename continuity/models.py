"""Continuity over people and school years: the short-term norm of an organisation and the
reasons to go on past it, pupils who move school, and consents a birthday made incomplete.

The rules live in continuity/<topic>.py (and cases/norm.py for the norm); these rows are what
they leave behind.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Pupil
from referrals.models import Consent
from schools.models import Organisation, School


class ShortTermNorm(models.Model):
    """Kortdurende hulp has a norm per organisation: at most this many contacts, or this many
    months from the intake. Without a row the defaults of settings apply."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="short_term_norm",
        verbose_name=_("organisation"),
    )
    max_contacts = models.PositiveSmallIntegerField(
        _("at most this many contacts"),
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_months = models.PositiveSmallIntegerField(
        _("at most this many months"),
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )

    class Meta:
        verbose_name = _("short-term norm")
        verbose_name_plural = _("short-term norms")
        constraints = [
            models.CheckConstraint(
                name="norm_positive",
                condition=models.Q(max_contacts__gt=0, max_months__gt=0),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.max_contacts} / {self.max_months}"


class NormContinuation(models.Model):
    """Why a case goes on past the short-term norm, as the case manager recorded it."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="norm_continuations", verbose_name=_("case")
    )
    reason = models.TextField(_("reason to continue"), max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("reason to continue past the norm")

    def __str__(self) -> str:
        return f"{self.case_id} {self.at:%Y-%m-%d}"


class SchoolMove(models.Model):
    """A pupil moved to another school of the organisation; the case went along on `moved_on`."""

    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, related_name="school_moves")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="school_moves")
    from_school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("from school")
    )
    to_school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("to school")
    )
    moved_on = models.DateField(_("moved on"))
    from_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    to_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-moved_on", "-pk"]
        verbose_name = _("school move")
        constraints = [
            models.CheckConstraint(
                name="move_to_another_school",
                condition=~models.Q(from_school=models.F("to_school")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.pupil_id}: {self.from_school_id} → {self.to_school_id} {self.moved_on}"


class ConsentToAskAgain(models.Model):
    """A consent a birthday made incomplete ("opnieuw vragen"), marked by the daily task. The
    rule itself is computed (continuity.consent.ask_again_reason), so nothing depends on the
    task having run; the mark is what the timeline and the start page remember."""

    consent = models.OneToOneField(
        Consent, on_delete=models.CASCADE, related_name="ask_again", verbose_name=_("consent")
    )
    since = models.DateField(_("since"))
    reason = models.CharField(_("reason"), max_length=300)
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-since", "-pk"]
        verbose_name = _("consent to ask again")
        verbose_name_plural = _("consents to ask again")

    def __str__(self) -> str:
        return f"{self.consent_id} {self.since}"
