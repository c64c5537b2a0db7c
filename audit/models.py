"""The access log: every read, change, export and print of pupil data (NEN 7513 style).

Append-only: database triggers (migrations 0002 and 0003) refuse UPDATE, DELETE and TRUNCATE,
so not even the application or a superuser in a shell can rewrite history; in production the
app role may not even try (audit/privileges.py, docs/operations.md).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        CREATE = "create", _("created")
        CHANGE = "change", _("changed")
        EXPORT = "export", _("exported")
        PRINT = "print", _("printed")
        # Asked for something that exists but lies outside one's scope: answered 404.
        REFUSED = "refused", _("refused")
        # A role, assignment or stand-in given or taken: who granted what to whom.
        GRANT = "grant", _("role changed")
        # A case opened in an emergency by a worker who is not its case manager.
        GLASS = "glass", _("emergency access")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # PROTECT: people are deactivated, never deleted, while the log refers to them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("who"),
        # accesslog_user_at (user, -at) serves every lookup by person: one index fewer to keep
        # up on every request.
        db_index=False,
    )
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    # What was seen, as "app.model:pk", and a short human description; no content.
    object_ref = models.CharField(_("object"), max_length=100, blank=True)
    description = models.CharField(_("what"), max_length=200, blank=True)
    # Every pupil the request showed or concerned, as plain numbers, not foreign keys: the log
    # outlives the pupil's record. One row per request and action; a GIN index finds a pupil's
    # rows (`pupil_ids__contains=[pk]`) however long the list pages were.
    pupil_ids = ArrayField(
        models.BigIntegerField(), verbose_name=_("pupils"), default=list, blank=True
    )
    path = models.CharField(_("page"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [
            models.Index(fields=["user", "-at"], name="accesslog_user_at"),
            GinIndex(fields=["pupil_ids"], name="accesslog_pupil_ids"),
            # The review page filtered by action (refusals, break-the-glass), newest first.
            models.Index(fields=["action", "-at"], name="accesslog_action_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action} {self.object_ref}"
