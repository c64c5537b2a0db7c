"""What the privacy officer reviews: signals raised by the scan of the access log (privacy.scan),
each with its reason, and the reviews of them, which are only ever added (a trigger refuses
UPDATE, DELETE and TRUNCATE, as on the access log)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessSignal(models.Model):
    class Kind(models.TextChoices):
        NO_RELATION = "relation", _("Read without a care relation")
        GLASS = "glass", _("Emergency access")
        BULK = "bulk", _("Many pupils in a short time")
        HOURS = "hours", _("Read outside working hours")
        REFUSED = "refused", _("Refused attempt")
        TWO_ADDRESSES = "addresses", _("Signed in from two addresses")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # PROTECT: people are deactivated, never deleted, while a signal refers to them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("who"),
    )
    pupil_ids = ArrayField(
        models.BigIntegerField(), verbose_name=_("pupils"), default=list, blank=True
    )
    # When it happened (the first log row or sign-in it concerns), not when the scan found it.
    at = models.DateTimeField(_("when"), db_index=True)
    found_at = models.DateTimeField(_("found"), auto_now_add=True)
    # Why this is a signal, in words without case content.
    reason = models.CharField(_("reason"), max_length=300)
    # The audit.AccessLog rows (or, for sign-ins, axes' AccessLog rows) it rests on.
    log_ids = ArrayField(models.BigIntegerField(), default=list, blank=True)
    # One signal per finding, however often the scan looks at the same rows.
    dedup_key = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [GinIndex(fields=["pupil_ids"], name="accesssignal_pupil_ids")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M} {self.user_id}"


class SignalReview(models.Model):
    """A privacy officer's note on a signal. Append-only: a later review adds to it."""

    signal = models.ForeignKey(
        AccessSignal, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("signal")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    note = models.TextField(_("note"), max_length=2000)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.signal_id} {self.at:%Y-%m-%d %H:%M} {self.reviewer_id}"


class ScanMark(models.Model):
    """How far the scan got: the last access log row and sign-in it looked at."""

    name = models.CharField(max_length=20, unique=True, default="scan")
    last_log_id = models.BigIntegerField(default=0)
    last_login_id = models.BigIntegerField(default=0)
    scanned_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.last_log_id}/{self.last_login_id}"
