"""ZAT meetings (zorg- en adviesteam): agenda, consent, advice, action points and minutes."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from audit.log import ShownQuerySet
from cases.models import Case
from referrals.models import Consent
from schools.models import School


class Meeting(models.Model):
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="zat_meetings", verbose_name=_("school")
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chair"),
    )
    notes = models.TextField(_("general notes"), max_length=4000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("ZAT meeting")
        verbose_name_plural = _("ZAT meetings")
        indexes = [models.Index(fields=["school", "-starts_at"], name="meeting_school_date")]

    def __str__(self) -> str:
        return f"ZAT {self.school} {date_format(self.day, 'j F Y')}"

    @property
    def day(self) -> datetime.date:
        """The meeting's date in local time: consent is judged on this day. (`starts_at.date()`
        would give the UTC date once the row is read back, a day early for a meeting before 2:00.)
        """
        return timezone.localdate(self.starts_at)


class Attendee(models.Model):
    """A user of SMW, or an external guest (no login) by name, organisation and role."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=100, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=Q(user__isnull=False), name="attendee_once"
            )
        ]

    def __str__(self) -> str:
        return self.name


class AgendaItem(models.Model):
    """A case discussed by name (needs valid ZAT consent) or an anonymous consultation item."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="zat_items"
    )
    consent = models.ForeignKey(
        Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="zat_items"
    )
    anonymous_label = models.CharField(
        _("description without pupil data"),
        max_length=200,
        blank=True,
        help_text=_("For example: pupil group 6, boy, 9 years."),
    )
    question = models.TextField(_("question for the team"), max_length=2000)
    discussion = models.TextField(_("discussion"), max_length=4000, blank=True)
    advice = models.TextField(_("advice or decision"), max_length=4000, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = ShownQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                name="named_item_has_consent",
                condition=Q(case__isnull=True) | Q(consent__isnull=False),
            ),
            models.CheckConstraint(
                name="anonymous_item_has_label",
                condition=Q(case__isnull=False) | ~Q(anonymous_label=""),
            ),
        ]

    def __str__(self) -> str:
        return self.anonymous_label or f"item {self.pk}"

    @property
    def is_named(self) -> bool:
        return self.case_id is not None


class ActionPoint(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="zat_actions",
        verbose_name=_("owner"),
    )
    owner_guest = models.ForeignKey(
        Attendee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("owner (guest)"),
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="action_has_one_owner",
                condition=(Q(owner_user__isnull=False) & Q(owner_guest__isnull=True))
                | (Q(owner_user__isnull=True) & Q(owner_guest__isnull=False)),
            )
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def owner(self):
        return self.owner_user or self.owner_guest

    @property
    def done(self) -> bool:
        return self.done_on is not None
