"""The sociale kaart, consent, and referrals: SMW refers to external help and coordinates it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.log import ShownQuerySet
from cases.models import Case, Guardian, Pupil
from schools.models import Municipality
from vault.fields import EncryptedCharField, EncryptedTextField


class SocialMapEntry(models.Model):
    """An organisation on the sociale kaart that a worker can refer to."""

    class Kind(models.TextChoices):
        WIJKTEAM = "wijkteam", _("Neighbourhood team / CJG")
        YOUTH_MENTAL_HEALTH = "jeugd_ggz", _("Youth mental health care (jeugd-GGZ)")
        YOUTH_DOCTOR = "jeugdarts", _("Youth doctor / GGD")
        GP = "huisarts", _("General practitioner")
        VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
        ATTENDANCE = "leerplicht", _("Compulsory education officer (leerplicht)")
        YOUTH_CARE = "jeugdhulp", _("Youth care provider")
        SOCIAL_WORK = "maatschappelijk_werk", _("Social work")
        GROUPS = "gespreksgroepen", _("Support groups")
        OTHER = "overig", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    municipalities = models.ManyToManyField(
        Municipality, related_name="social_map", verbose_name=_("municipalities served")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    application_procedure = models.TextField(
        _("how to apply (aanmeldprocedure)"), max_length=3000, blank=True
    )
    waiting_weeks = models.PositiveSmallIntegerField(
        _("typical waiting time (weeks)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(104)],
    )
    notes = models.TextField(_("notes"), max_length=3000, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("sociale kaart entry")
        verbose_name_plural = _("sociale kaart")
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="socialmap_unique_name_kind")
        ]

    def __str__(self) -> str:
        return self.name


class ConsentQuerySet(ShownQuerySet):
    def valid_on(self, day: datetime.date) -> ConsentQuerySet:
        return self.filter(
            Q(given_on__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day),
        )


class Consent(models.Model):
    """Who consented to what, when, until when; and when it was withdrawn."""

    class Purpose(models.TextChoices):
        SMW = "aanmelding", _("Referral to school social work (aanmelding SMW)")
        SHARE = "delen", _("Sharing information with a named party")
        REFERRAL = "verwijzing", _("Referral to external help")
        ZAT = "zat", _("Discussion by name in the ZAT")

    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, related_name="consents")
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="consents", null=True, blank=True
    )
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices)
    party = models.ForeignKey(
        SocialMapEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name=_("named party"),
    )
    by_pupil = models.BooleanField(_("the pupil consented"), default=False)
    by_guardians = models.ManyToManyField(
        Guardian, blank=True, related_name="consents", verbose_name=_("parents who consented")
    )
    given_on = models.DateField(_("given on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                name="consent_valid_after_given",
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("given_on")),
            ),
            models.CheckConstraint(
                name="consent_withdrawn_after_given",
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_on})"

    def is_valid_on(self, day: datetime.date) -> bool:
        return (
            self.given_on <= day
            and (self.valid_until is None or day <= self.valid_until)
            and (self.withdrawn_on is None or day < self.withdrawn_on)
        )


class ReferralQuerySet(ShownQuerySet):
    def help_started(self) -> ReferralQuerySet:
        """Referrals where help has started at (or been completed by) the organisation: the
        handover is complete."""
        return self.filter(status__in=[Referral.Status.STARTED, Referral.Status.COMPLETED])


class Referral(models.Model):
    class Status(models.TextChoices):
        PREPARED = "voorbereid", _("Prepared")
        SUBMITTED = "aangemeld", _("Submitted")
        WAITING = "wachtlijst", _("On the waiting list")
        INTAKE = "intake", _("In intake")
        STARTED = "gestart", _("Help started")
        REJECTED = "afgewezen", _("Rejected")
        WITHDRAWN = "ingetrokken", _("Withdrawn")
        COMPLETED = "afgerond", _("Completed")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    destination = models.ForeignKey(
        SocialMapEntry,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("refer to"),
    )
    reason = EncryptedTextField(_("reason"), max_length=2000)
    question = EncryptedTextField(_("question for the organisation"), max_length=2000)
    shared_information = EncryptedTextField(_("information shared"), max_length=2000)
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("consent"),
    )
    acute_exception = models.BooleanField(_("acute safety: refer without consent"), default=False)
    exception_reason = EncryptedTextField(_("why there is no consent"), max_length=2000, blank=True)
    follow_up_on = models.DateField(_("follow up on"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PREPARED
    )
    status_changed_on = models.DateField(_("status since"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["status", "follow_up_on"], name="referral_status_followup"),
            # The worker's running referrals (referrals.access): a small index, where the
            # finished ones of ten years would otherwise be read on every dashboard.
            models.Index(
                fields=["case"],
                condition=Q(
                    status__in=["voorbereid", "aangemeld", "wachtlijst", "intake", "gestart"]
                ),
                name="referral_running_case",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="referral_exception_has_reason",
                condition=Q(acute_exception=False) | ~Q(exception_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.destination} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status not in TERMINAL

    @property
    def help_has_started(self) -> bool:
        """As ReferralQuerySet.help_started: the handover is complete."""
        return self.status in (Referral.Status.STARTED, Referral.Status.COMPLETED)


TERMINAL = {Referral.Status.REJECTED, Referral.Status.WITHDRAWN, Referral.Status.COMPLETED}


class ReferralStatusChange(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=12, choices=Referral.Status.choices)
    on = models.DateField(_("date"))
    note = EncryptedCharField(
        _("note"), max_length=1000, blank=True, pupil="referral.case.pupil_id"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.referral_id} → {self.status}"
