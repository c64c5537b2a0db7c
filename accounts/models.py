"""People and the roles they hold, each role with its scope."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WORKER = "worker", _("School social worker")
    COORDINATOR = "coordinator", _("Care coordinator")
    TEAMLEAD = "teamlead", _("Team leader")
    MUNICIPALITY = "municipality", _("Municipal policy officer")
    ADMIN = "admin", _("Application manager")
    PRIVACY = "privacy", _("Privacy officer")
    SAFEGUARDING = "safeguarding", _("Safeguarding officer (meldcode)")


# The order in which a person with several roles meets their start pages.
ROLE_ORDER = [
    Role.WORKER,
    Role.SAFEGUARDING,
    Role.COORDINATOR,
    Role.TEAMLEAD,
    Role.PRIVACY,
    Role.MUNICIPALITY,
    Role.ADMIN,
]


class User(AbstractUser):
    email = models.EmailField(_("email address"), blank=True)

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def roles(self) -> list[str]:
        """The user's role codes, in ROLE_ORDER. Cached per request (the user object is)."""
        if not self.is_authenticated or not self.is_active:
            return []
        held = set(self.memberships.values_list("role", flat=True))
        return [role.value for role in ROLE_ORDER if role in held]

    def has_role(self, role: str) -> bool:
        return role in self.roles


class Membership(models.Model):
    """A role with its scope: coordinator of a school, teamlead of an organisation, …

    Workers and teamleads belong to an organisation (their employer); which schools a worker
    serves comes from their assignments. Coordinators hold a school, officers a municipality;
    the application manager's role has no scope.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role)
    organisation = models.ForeignKey(
        "schools.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("school"),
    )
    municipality = models.ForeignKey(
        "schools.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("municipality"),
    )

    # Which scope each role needs; the others must stay empty.
    SCOPE = {
        Role.WORKER: "organisation",
        Role.TEAMLEAD: "organisation",
        Role.PRIVACY: "organisation",
        Role.SAFEGUARDING: "organisation",
        Role.COORDINATOR: "school",
        Role.MUNICIPALITY: "municipality",
        Role.ADMIN: None,
    }

    class Meta:
        ordering = ["user", "role"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    models.Q(
                        role__in=["worker", "teamlead", "privacy", "safeguarding"],
                        organisation__isnull=False,
                        school__isnull=True,
                        municipality__isnull=True,
                    )
                    | models.Q(
                        role="coordinator",
                        organisation__isnull=True,
                        school__isnull=False,
                        municipality__isnull=True,
                    )
                    | models.Q(
                        role="municipality",
                        organisation__isnull=True,
                        school__isnull=True,
                        municipality__isnull=False,
                    )
                    | models.Q(
                        role="admin",
                        organisation__isnull=True,
                        school__isnull=True,
                        municipality__isnull=True,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation", "school", "municipality"],
                nulls_distinct=False,
                name="membership_unique",
            ),
        ]

    def __str__(self) -> str:
        scope = self.organisation or self.school or self.municipality
        label = self.get_role_display()
        return f"{self.user}: {label} – {scope}" if scope else f"{self.user}: {label}"

    def clean(self) -> None:
        needed = self.SCOPE.get(self.role)
        errors = {}
        for field in ("organisation", "school", "municipality"):
            value = getattr(self, f"{field}_id")
            if field == needed and value is None:
                errors[field] = _("This role needs a %(field)s.") % {
                    "field": self._meta.get_field(field).verbose_name
                }
            elif field != needed and value is not None:
                errors[field] = _("Leave this empty for this role.")
        if errors:
            raise ValidationError(errors)


class PendingForm(models.Model):
    """What a person typed into a form that arrived after their session had ended, kept for
    them alone until they sign in again (accounts.kept_forms). No admin shows it and nothing
    logs it; it is deleted once shown again, when someone else signs in, or when it expires."""

    # The browser holds the token in an HttpOnly cookie; the table holds only its hash.
    token_hash = models.CharField(max_length=64)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=2000)
    data = models.JSONField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("kept form")
        verbose_name_plural = _("kept forms")
        constraints = [
            models.UniqueConstraint(fields=["token_hash", "path"], name="pending_form_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.path}"


# Roles whose grant waits for a second person (four-eyes): every role but the municipal policy
# officer's, which shows figures only. The application manager's own role is among them: it
# manages people, so a second application manager is never made by one alone.
NEEDS_APPROVAL = frozenset(role for role in Role if role != Role.MUNICIPALITY)


class RoleRequest(models.Model):
    """A role the application manager asked for someone, waiting for a second person: a team
    leader or privacy officer (of the role's organisation, for a role of an organisation). The
    membership exists only once approved."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="role_requests", verbose_name=_("for")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role)
    organisation = models.ForeignKey(
        "schools.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
    )
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.WAITING
    )
    decided_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("role request")
        verbose_name_plural = _("role requests")
        constraints = [
            models.CheckConstraint(
                name="rolerequest_not_for_oneself",
                condition=~models.Q(user=models.F("requested_by")),
            ),
            models.CheckConstraint(
                name="rolerequest_not_decided_by_requester_or_subject",
                condition=models.Q(decided_by__isnull=True)
                | (
                    ~models.Q(decided_by=models.F("requested_by"))
                    & ~models.Q(decided_by=models.F("user"))
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation", "school"],
                condition=models.Q(status="waiting"),
                nulls_distinct=False,
                name="rolerequest_one_waiting",
            ),
        ]

    def __str__(self) -> str:
        scope = self.organisation or self.school
        label = self.get_role_display()
        return f"{self.user}: {label} – {scope}" if scope else f"{self.user}: {label}"
