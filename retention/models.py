"""The bewaartermijn kept by the system: the term per organisation and per dossier, legal holds,
destruction lists proposed by a team leader and approved by the privacy officer (four eyes), and
the destruction records, which are only ever added (a trigger refuses UPDATE, DELETE and
TRUNCATE, as on the access log).

A dossier is a pupil's: all cases of one pupil are kept and destroyed together, and its term runs
from the end of the last help (the last closed case). What is destroyed and what stays as an
anonymous remnant is decided in retention/destroy.py; when a dossier is due in retention/terms.py.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Pupil
from schools.models import Organisation, School

# Jeugdwet art. 7.3.8: twenty years after the end of help, unless a longer term is needed.
DEFAULT_YEARS = 20
# The professional codes: a werkaantekening is destroyed at the latest when the help ends; this
# many days after closure gives the author time to move what belongs in the dossier.
DEFAULT_GRACE_DAYS = 30


def add_years(day: datetime.date, years: int) -> datetime.date:
    """`day` plus whole years; 29 February becomes 28 February in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class Policy(models.Model):
    """An organisation's bewaartermijn and the grace period of werkaantekeningen."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="retention_policy"
    )
    years = models.PositiveSmallIntegerField(
        _("retention term (years after the end of help)"),
        default=DEFAULT_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("20 years under the Jeugdwet (art. 7.3.8); a Wmo contract may be shorter."),
    )
    basis = models.CharField(
        _("legal basis"), max_length=200, default="Jeugdwet art. 7.3.8", blank=True
    )
    work_note_grace_days = models.PositiveSmallIntegerField(
        _("days after closure until work notes are destroyed"),
        default=DEFAULT_GRACE_DAYS,
        validators=[MinValueValidator(0), MaxValueValidator(90)],
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policies")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.years}"


class Extension(models.Model):
    """A longer term for one dossier, with the reason; the longest one counts."""

    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, related_name="retention_extensions")
    years = models.PositiveSmallIntegerField(
        _("years after the end of help"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    reason = models.CharField(_("reason"), max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-years", "-at"]
        verbose_name = _("longer retention term")

    def __str__(self) -> str:
        return f"{self.pupil_id}: {self.years}"


class LegalHoldQuerySet(models.QuerySet):
    def active(self) -> LegalHoldQuerySet:
        return self.filter(lifted_at__isnull=True)


class LegalHold(models.Model):
    """Bewaarplicht: while a hold is on, the dossier is not destroyed, whatever its term."""

    class Kind(models.TextChoices):
        VEILIG_THUIS = "veilig_thuis", _("Melding to Veilig Thuis")
        COMPLAINT = "klacht", _("Complaint")
        COURT = "rechtszaak", _("Court case")
        INSPECTORATE = "inspectie", _("Request from the inspectorate")
        OTHER = "anders", _("Other legal duty")

    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, related_name="legal_holds")
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=300)
    review_on = models.DateField(_("review on"))
    # The meldcode trajectory whose melding put the hold on (meldcode's legal_hold_since).
    trajectory = models.OneToOneField(
        "meldcode.Trajectory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_hold",
    )
    since = models.DateField(_("since"), default=timezone.localdate)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    lift_reason = models.CharField(_("reason for lifting"), max_length=300, blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["review_on", "pk"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        indexes = [
            models.Index(fields=["pupil"], condition=Q(lifted_at__isnull=True), name="hold_active")
        ]
        constraints = [
            models.CheckConstraint(
                name="hold_lifted_with_reason",
                condition=Q(lifted_at__isnull=True) | ~Q(lift_reason=""),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.pupil_id})"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None

    @property
    def review_due(self) -> bool:
        return self.is_active and self.review_on <= timezone.localdate()


class DestructionList(models.Model):
    """Dossiers proposed for destruction by a team leader, approved (or not) by the privacy
    officer. Nobody decides on a list they proposed (four eyes, also in the database)."""

    class Status(models.TextChoices):
        PROPOSED = "voorgesteld", _("Proposed")
        APPROVED = "goedgekeurd", _("Approved")
        REJECTED = "afgewezen", _("Rejected")
        DONE = "uitgevoerd", _("Destroyed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="destruction_lists"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=500, blank=True)
    done_at = models.DateTimeField(_("destroyed at"), null=True, blank=True)
    certificate = models.FileField(upload_to="retention/%Y/", blank=True)
    # Early destruction on request (AVG art. 17, Jeugdwet art. 7.3.9): the one dossier of a
    # granted request for destruction. Proposed by the case manager who put the request forward,
    # approved by the decider who granted it (four eyes as above); made approved, never proposed.
    request = models.OneToOneField(
        "rights.RightsRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="destruction_list",
        verbose_name=_("request"),
    )

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("destruction list")
        verbose_name_plural = _("destruction lists")
        constraints = [
            models.CheckConstraint(
                name="destructionlist_four_eyes",
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("proposed_by")),
            ),
            # One list waiting per organisation: a second proposal would double the work. (A
            # list on request is approved when made and does not count.)
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status="voorgesteld", request__isnull=True),
                name="destructionlist_one_proposed",
            ),
            models.CheckConstraint(
                name="destructionlist_request_decided",
                condition=Q(request__isnull=True)
                | (Q(decided_by__isnull=False) & ~Q(status="voorgesteld")),
            ),
        ]

    def __str__(self) -> str:
        return _("Destruction list %(number)s") % {"number": self.pk}

    @property
    def on_request(self) -> bool:
        return self.request_id is not None


class DestructionItem(models.Model):
    """One dossier on a list, with the term as it stood when proposed. No personal data."""

    destruction_list = models.ForeignKey(
        DestructionList, on_delete=models.CASCADE, related_name="items"
    )
    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    case_numbers = ArrayField(models.CharField(max_length=20), default=list)
    last_closed_on = models.DateField(_("help ended on"))
    years = models.PositiveSmallIntegerField(_("term (years)"))
    term_ended_on = models.DateField(_("term ended on"))
    rule = models.CharField(_("rule"), max_length=200)
    # Set when the approved list was carried out, or why this dossier was kept after all.
    destroyed_at = models.DateTimeField(null=True, blank=True)
    skipped_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["term_ended_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["destruction_list", "pupil"], name="item_once")
        ]

    def __str__(self) -> str:
        return f"{self.destruction_list_id}: {self.pupil_id}"


class DestructionRecord(models.Model):
    """What was destroyed, when, by whom, approved by whom, under which rule: the proof, kept
    without any personal data (the pupil as a number, as in the access log). Append-only.

    `manage.py reapply_destructions` reads these after a restore from a backup and destroys the
    dossiers again."""

    pupil_number = models.BigIntegerField(_("pupil number"), db_index=True)
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case_numbers = ArrayField(models.CharField(max_length=20), verbose_name=_("cases"))
    destruction_list = models.ForeignKey(
        DestructionList, on_delete=models.PROTECT, related_name="records", null=True
    )
    destroyed_at = models.DateTimeField(_("destroyed at"), default=timezone.now)
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    rule = models.CharField(_("rule"), max_length=200)
    last_closed_on = models.DateField(_("help ended on"))
    term_ended_on = models.DateField(_("term ended on"))
    kinds = ArrayField(models.CharField(max_length=20), verbose_name=_("kinds of data"))

    class Meta:
        ordering = ["-destroyed_at", "-pk"]
        verbose_name = _("destruction record")
        verbose_name_plural = _("destruction records")

    def __str__(self) -> str:
        return f"{self.pupil_number} {self.destroyed_at:%Y-%m-%d}"

    def kind_labels(self) -> list[str]:
        from .destroy import KINDS

        return [str(KINDS.get(kind, kind)) for kind in self.kinds]


class WorkNoteNotice(models.Model):
    """That the author was told their work notes on a closed case will be destroyed: once at
    closure, once a week before. Keeps the daily job from telling twice."""

    class Kind(models.TextChoices):
        CLOSED = "gesloten", _("At closure")
        WEEK_BEFORE = "week", _("A week before")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    closed_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "author", "kind", "closed_on"], name="worknotenotice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.author_id} {self.kind}"
