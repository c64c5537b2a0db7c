"""The dossier export: the whole dossier of a pupil as one PDF and a ZIP with JSON, for inzage
or afschrift by the pupil or parents, or sections of it for a warm handover to a referral
destination. Made in the background (dossier/exports.py), reviewed before it is handed over
(items withheld with a ground), and removed from the server 30 days after the handover."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Pupil
from referrals.models import SocialMapEntry
from schools.models import Organisation

# A handed-over export's files stay this long on the server.
KEEP_DAYS = 30


class Section(models.TextChoices):
    """The parts of a dossier, in the order the export shows them."""

    PUPIL = "leerling", _("Pupil and parents")
    SIGNAL = "signaal", _("Signal")
    INTAKE = "intake", _("Intake")
    PLAN = "plan", _("Plan of action with goals and evaluations")
    CONTACTS = "contacten", _("Contact summaries")
    WORK_NOTES = "werkaantekeningen", _("Working notes (werkaantekeningen)")
    GROUPS = "groepen", _("Group sessions")
    CONSULTATIONS = "consultaties", _("Consultations")
    CONSENTS = "toestemmingen", _("Consents")
    REFERRALS = "verwijzingen", _("Referrals with their status history")
    ZAT = "zat", _("ZAT items with advice")
    TIMELINE = "tijdlijn", _("Timeline")
    ATTACHMENTS = "bijlagen", _("Attachments")
    OWN_STATEMENTS = "eigen_verklaringen", _("Own statements (eigen verklaring)")
    ACCESS_LOG = "toegangslog", _("Who saw the dossier (access log)")


# A warm handover shares what the worker chooses of these; the working notes and the access
# log are the pupil's and parents' to see, not a destination's.
HANDOVER_SECTIONS = [s for s in Section if s not in (Section.WORK_NOTES, Section.ACCESS_LOG)]


class ItemKind(models.TextChoices):
    """The kinds of item a reviewer can withhold."""

    GUARDIAN = "ouder", _("parent or guardian")
    SIGNAL = "signaal", _("signal")
    INTAKE = "intake", _("intake")
    PLAN = "plan", _("plan of action")
    EVALUATION = "evaluatie", _("evaluation")
    CONTACT = "contact", _("contact summary")
    WORK_NOTE = "werkaantekening", _("working note")
    GROUP_SESSION = "groepsbijeenkomst", _("group session")
    CONSULTATION = "consultatie", _("consultation")
    CONSENT = "toestemming", _("consent")
    REFERRAL = "verwijzing", _("referral")
    ZAT_ITEM = "zat", _("ZAT item")
    EVENT = "tijdlijn", _("timeline entry")
    OWN_STATEMENT = "eigen_verklaring", _("own statement")
    ATTACHMENT = "bijlage", _("attachment")


class Ground(models.TextChoices):
    THIRD_PARTY = "derde", _("the privacy of another person (for example the other parent)")
    CHILD = "kind", _("the interest of the child")


class DossierExportQuerySet(models.QuerySet):
    def to_send(self, now: datetime.datetime):
        """Waiting exports that never reached the broker, or whose message must be lost."""
        from reports.models import stall_cutoffs

        sent_before, _started_before = stall_cutoffs(now)
        return self.filter(status=DossierExport.Status.QUEUED).filter(
            Q(sent_at__isnull=True) | Q(sent_at__lt=sent_before)
        )

    def stalled(self, now: datetime.datetime):
        """Exports being made by a worker that is gone (past the task's time limit)."""
        from reports.models import stall_cutoffs

        _sent_before, started_before = stall_cutoffs(now)
        return self.filter(status=DossierExport.Status.RUNNING, started_at__lt=started_before)

    def expired(self, today: datetime.date):
        """Handed-over exports past their last day whose files are still on the server."""
        return self.filter(expires_on__lt=today, files_removed_at__isnull=True)


class DossierExport(models.Model):
    class Purpose(models.TextChoices):
        INZAGE = "inzage", _("Inspection (inzage)")
        AFSCHRIFT = "afschrift", _("Copy (afschrift)")
        HANDOVER = "overdracht", _("Warm handover to a referral destination")

    class Requester(models.TextChoices):
        PUPIL = "leerling", _("the pupil")
        PARENTS = "ouders", _("the parents")

    class Status(models.TextChoices):
        QUEUED = "wachtend", _("Waiting")
        RUNNING = "bezig", _("In progress")
        READY = "klaar", _("Ready")
        FAILED = "mislukt", _("Failed")

    pupil = models.ForeignKey(
        Pupil, on_delete=models.PROTECT, related_name="dossier_exports", verbose_name=_("pupil")
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        related_name="dossier_exports",
        verbose_name=_("started from case"),
    )
    cases = models.ManyToManyField(Case, related_name="+", verbose_name=_("cases"))
    # The organisation of the case manager who started it: its privacy officer hands it over.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    requester = models.CharField(
        _("asked for by"), max_length=8, choices=Requester.choices, blank=True
    )
    # The request under the AVG this inzage or afschrift answers: handing the export over
    # closes it (dossier.workflow.hand_over).
    request = models.ForeignKey(
        "rights.RightsRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossier_exports",
        verbose_name=_("request"),
    )
    destination = models.ForeignKey(
        SocialMapEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("destination"),
    )
    sections = ArrayField(
        models.CharField(max_length=20, choices=Section), verbose_name=_("sections")
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)

    # Making it (dossier/exports.py), as reports make a ReportRun.
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    step = models.CharField(_("step"), max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    made_at = models.DateTimeField(_("made at"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=0)
    pdf = models.FileField(upload_to="dossier/", blank=True)
    archive = models.FileField(upload_to="dossier/", blank=True)

    # Handing it over.
    handed_over_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handed over by"),
    )
    expires_on = models.DateField(_("removed from the server after"), null=True, blank=True)
    files_removed_at = models.DateTimeField(_("files removed at"), null=True, blank=True)

    objects = DossierExportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("dossier export")
        verbose_name_plural = _("dossier exports")
        indexes = [models.Index(fields=["pupil", "-created_at"], name="dossierexport_pupil")]
        constraints = [
            models.CheckConstraint(
                name="dossierexport_handover_has_destination",
                condition=~Q(purpose="overdracht") | Q(destination__isnull=False),
            ),
            models.CheckConstraint(
                name="dossierexport_request_has_requester",
                condition=Q(purpose="overdracht") | ~Q(requester=""),
            ),
            models.CheckConstraint(
                name="dossierexport_handover_answers_no_request",
                condition=~Q(purpose="overdracht") | Q(request__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return _("Dossier export %(number)s") % {"number": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("dossier:detail", args=[self.pk])

    @property
    def is_request(self) -> bool:
        """Inzage or afschrift: the pupil's or parents' own right, handled by the privacy
        officer; a handover is the case manager's."""
        return self.purpose != self.Purpose.HANDOVER

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)

    @property
    def is_unsent(self) -> bool:
        return self.status == self.Status.QUEUED and self.sent_at is None

    @property
    def is_handed_over(self) -> bool:
        return self.handed_over_at is not None

    @property
    def has_files(self) -> bool:
        return (
            self.status == self.Status.READY
            and self.files_removed_at is None
            and bool(self.pdf)
            and bool(self.archive)
        )

    @property
    def days_left(self) -> int | None:
        if self.expires_on is None:
            return None
        return (self.expires_on - timezone.localdate()).days

    def get_sections_display(self) -> list[str]:
        labels = dict(Section.choices)
        return [str(labels.get(s, s)) for s in self.sections]


class Withholding(models.Model):
    """An item the reviewer keeps out of the export, with the ground. The export names the kind
    and the ground, never the content."""

    export = models.ForeignKey(DossierExport, on_delete=models.CASCADE, related_name="withheld")
    kind = models.CharField(_("kind of item"), max_length=20, choices=ItemKind)
    object_id = models.PositiveBigIntegerField()
    ground = models.CharField(_("ground"), max_length=8, choices=Ground)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "object_id"]
        verbose_name = _("withheld item")
        verbose_name_plural = _("withheld items")
        constraints = [
            models.UniqueConstraint(
                fields=["export", "kind", "object_id"], name="withholding_once_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.export_id} {self.kind}:{self.object_id}"

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.object_id}"
