"""The rights of pupils and parents (AVG, Jeugdwet): requests for inzage, afschrift, correctie,
aanvulling and vernietiging; corrections of pupil data with their history; and the requester's
own statement (eigen verklaring) that travels with the dossier.

Who may ask is decided in rights/rules.py, deadlines in rights/deadlines.py, who may see or
handle a request in rights/access.py, and every step in rights/workflow.py.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.log import ShownQuerySet
from cases.models import Case, Guardian, Pupil
from schools.models import Organisation
from vault.fields import EncryptedTextField

from .deadlines import add_months

# Jeugdwet art. 7.3.9: a dossier is destroyed within three months of the request.
ERASURE_MONTHS = 3


class RequestQuerySet(ShownQuerySet):
    def open(self) -> RequestQuerySet:
        return self.filter(status__in=RightsRequest.OPEN_STATUSES)


class RightsRequest(models.Model):
    """A request (verzoek) by or for a pupil to use their rights on the pupil's dossier."""

    class Kind(models.TextChoices):
        INSPECTION = "inzage", _("Inspection (inzage)")
        COPY = "afschrift", _("Copy (afschrift)")
        CORRECTION = "correctie", _("Correction (correctie)")
        STATEMENT = "aanvulling", _("Own statement (aanvulling / eigen verklaring)")
        ERASURE = "vernietiging", _("Destruction (vernietiging)")

    class Requester(models.TextChoices):
        PUPIL = "leerling", _("The pupil")
        PARENT_WITH_AUTHORITY = "ouder_gezag", _("A parent with parental authority (gezag)")
        PARENT_WITHOUT_AUTHORITY = "ouder_zonder", _("A parent without parental authority")
        OTHER = "anders", _("Someone else")

    class IdentityCheck(models.TextChoices):
        DOCUMENT = "legitimatie", _("Identity document shown in person")
        KNOWN = "bekend", _("Known in person to the case manager")
        SCHOOL = "school", _("Confirmed through the school's records")
        OTHER = "anders", _("Otherwise (described in the note)")

    class Status(models.TextChoices):
        RECEIVED = "ontvangen", _("Received, being prepared")
        SUBMITTED = "voorgelegd", _("Waiting for a decision")
        GRANTED = "toegewezen", _("Granted, to be carried out")
        READY_FOR_EXPORT = "klaar_export", _("Granted, export to be made and handed over")
        DONE = "afgerond", _("Done")
        REFUSED = "afgewezen", _("Refused")

    class RefusalGround(models.TextChoices):
        # The only grounds on which a request for destruction may be refused (Jeugdwet art.
        # 7.3.9 and 7.3.10, AVG art. 17 lid 3).
        OTHERS_INTEREST = "belang_ander", _("A substantial interest of another person")
        LEGAL_DUTY = "wettelijke_plicht", _("A legal duty to keep it (for example a legal hold)")

    OPEN_STATUSES = [Status.RECEIVED, Status.SUBMITTED, Status.GRANTED, Status.READY_FOR_EXPORT]

    pupil = models.ForeignKey(
        Pupil, on_delete=models.PROTECT, related_name="rights_requests", verbose_name=_("pupil")
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="rights_requests", verbose_name=_("case")
    )
    # The organisation of the case manager who registered it: its privacy officer decides.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    kind = models.CharField(_("what is asked"), max_length=12, choices=Kind.choices)
    requester = models.CharField(_("who asks"), max_length=12, choices=Requester.choices)
    guardian = models.ForeignKey(
        Guardian,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("parent"),
    )
    requester_name = models.CharField(_("name of the requester"), max_length=200)
    received_on = models.DateField(_("received on"))
    identity_check = models.CharField(
        _("how the identity was checked"), max_length=12, choices=IdentityCheck.choices
    )
    identity_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("identity checked by"),
    )
    identity_note = models.CharField(_("note on the identity check"), max_length=300, blank=True)
    consent_given = models.BooleanField(_("the consent needed is given"), default=False)
    description = models.TextField(_("what the request is about"), max_length=4000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    deadline = models.DateField(_("deadline"))
    extended_until = models.DateField(_("extended until"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), max_length=2000, blank=True)
    preparation_note = models.TextField(_("preparation"), max_length=4000, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Who put it forward: for a destruction, the one who proposes it (four eyes with the decider).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # For a parent with gezag of a pupil under 16: would access harm the child? (judgement)
    harms_child = models.BooleanField(_("access would harm the child"), null=True, blank=True)
    harm_reason = models.TextField(_("reason for this judgement"), max_length=2000, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), max_length=4000, blank=True)
    refusal_ground = models.CharField(
        _("ground for the refusal"), max_length=20, choices=RefusalGround.choices, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reminded_for = models.DateField(null=True, blank=True)  # the deadline last reminded of
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("request under the AVG")
        verbose_name_plural = _("requests under the AVG")
        indexes = [
            models.Index(fields=["organisation", "status"], name="rightsreq_org_status"),
            models.Index(fields=["case", "status"], name="rightsreq_case_status"),
        ]
        constraints = [
            models.CheckConstraint(
                name="rightsreq_extension_has_reason",
                condition=Q(extended_until__isnull=True) | ~Q(extension_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return _("Request %(number)s") % {"number": self.pk}

    @property
    def due_on(self) -> datetime.date:
        """The deadline that holds: the extended one, when extended."""
        return self.extended_until or self.deadline

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def days_left(self, today: datetime.date | None = None) -> int:
        return (self.due_on - (today or timezone.localdate())).days

    @property
    def destroy_by(self) -> datetime.date | None:
        """A request for destruction: the dossier is destroyed by this day (three months from
        receipt, Jeugdwet art. 7.3.9). None for other kinds."""
        if self.kind != self.Kind.ERASURE:
            return None
        return add_months(self.received_on, ERASURE_MONTHS)


class RequestStep(models.Model):
    """One step in a request's own history (also on the pupil's timeline as a CaseEvent)."""

    request = models.ForeignKey(RightsRequest, on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    what = models.CharField(max_length=200)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.what}"


class PupilCorrection(models.Model):
    """A correction of a pupil's data: the old value stays, visible in the history."""

    class Field(models.TextChoices):
        FIRST_NAME = "first_name", _("first name")
        LAST_NAME = "last_name", _("last name")
        DATE_OF_BIRTH = "date_of_birth", _("date of birth")
        SCHOOL = "school", _("school")
        GROUP = "group", _("group / class")

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(_("what"), max_length=16, choices=Field.choices)
    old_value = models.CharField(_("was"), max_length=200, blank=True)
    new_value = models.CharField(_("became"), max_length=200, blank=True)
    reason = models.CharField(_("reason"), max_length=500)
    request = models.ForeignKey(
        RightsRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("request"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )

    objects = ShownQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("correction of pupil data")
        verbose_name_plural = _("corrections of pupil data")

    def __str__(self) -> str:
        return f"{self.pupil_id} {self.field}"


class OwnStatement(models.Model):
    """The requester's own statement (eigen verklaring), added to the dossier when a correction
    is refused or an aanvulling is asked; it travels with every later export."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="own_statements")
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="own_statements"
    )
    request = models.ForeignKey(
        RightsRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="own_statements",
    )
    author_name = models.CharField(_("statement by"), max_length=200, blank=True)
    # Sealed with the pupil's key like the dossier's other free text (vault.fields).
    text = EncryptedTextField(_("own statement"), max_length=8000, pupil="pupil_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ShownQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("own statement (eigen verklaring)")
        verbose_name_plural = _("own statements (eigen verklaringen)")

    def __str__(self) -> str:
        return f"{self.pupil_id} {self.created_at:%Y-%m-%d}"
