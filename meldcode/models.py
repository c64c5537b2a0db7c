"""The meldcode huiselijk geweld en kindermishandeling: a trajectory on a case through its five
steps, with the afwegingskader (meldcode/afwegingskader.py) and Veilig Thuis.

Who may see or change a trajectory is decided in meldcode/access.py; how it moves in
meldcode/workflow.py. Every step is recorded with who and when, in the worker's own words.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.log import ShownQuerySet
from cases.models import Case
from schools.models import Organisation
from vault.fields import EncryptedTextField


class Violence(models.TextChoices):
    PHYSICAL = "lichamelijk", _("Physical abuse")
    PSYCHOLOGICAL = "psychisch", _("Psychological abuse")
    NEGLECT = "verwaarlozing", _("Neglect")
    SEXUAL = "seksueel", _("Sexual abuse")
    WITNESS = "getuige", _("Witnessing domestic violence")
    HONOUR = "eergerelateerd", _("Honour-related violence")
    FORCED_MARRIAGE = "huwelijksdwang", _("Forced marriage")
    FGM = "vgv", _("Female genital mutilation")
    OTHER = "anders", _("Other")


# Forms of violence for which Veilig Thuis must be contacted straight away.
ACUTE_VIOLENCE = (Violence.HONOUR, Violence.FORCED_MARRIAGE, Violence.FGM)


class TrajectoryQuerySet(ShownQuerySet):
    def open(self) -> TrajectoryQuerySet:
        return self.exclude(step=Trajectory.Step.CLOSED)


class Trajectory(models.Model):
    """One meldcode trajectory on a case: the five steps in order, then closed."""

    class Step(models.IntegerChoices):
        SIGNALS = 1, _("1. Map the signals")
        CONSULTATION = 2, _("2. Collegial consultation")
        CONVERSATION = 3, _("3. Conversation with parents and child")
        WEIGHING = 4, _("4. Weigh (afwegingskader)")
        DECISION = 5, _("5. Decide")
        CLOSED = 6, _("Closed")

    class Outcome(models.TextChoices):
        NO_SUSPICION = "geen_vermoeden", _("No suspicion (A1)")
        SAFE = "veilig", _("Lasting safety, with agreements about monitoring (A5)")
        REPORTED = "gemeld", _("Reported to Veilig Thuis")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="meldcode_trajectories")
    # The organisation of the worker who started it: its aandachtsfunctionaris follows it.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices, default=Step.SIGNALS)
    step_since = models.DateField(_("in this step since"), default=timezone.localdate)

    # Step 1: signals
    facts = EncryptedTextField(_("observed facts"), max_length=4000, blank=True)
    sources = EncryptedTextField(_("sources of the facts"), max_length=2000, blank=True)
    interpretation = EncryptedTextField(_("interpretation"), max_length=4000, blank=True)
    kindcheck = models.BooleanField(
        _("kindcheck: a parent's own problem is a risk for the child"), null=True, blank=True
    )
    kindcheck_note = EncryptedTextField(_("kindcheck explanation"), max_length=2000, blank=True)
    violence = ArrayField(
        models.CharField(max_length=16, choices=Violence),
        verbose_name=_("forms of violence suspected"),
        default=list,
        blank=True,
    )
    signals_on = models.DateField(_("signals mapped on"), null=True, blank=True)
    signals_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    # Step 3: conversation with parents and child
    conversation_on = models.DateField(_("conversation held on"), null=True, blank=True)
    conversation_with = models.CharField(_("with whom"), max_length=300, blank=True)
    conversation_summary = EncryptedTextField(_("what was said"), max_length=4000, blank=True)
    conversation_skipped = EncryptedTextField(
        _("reason the conversation was skipped"), max_length=2000, blank=True
    )
    conversation_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    # Step 5: melding to Veilig Thuis
    reported_on = models.DateField(_("reported to Veilig Thuis on"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    reported_how = models.CharField(_("how"), max_length=200, blank=True)
    vt_reference = models.CharField(_("Veilig Thuis reference"), max_length=50, blank=True)
    feedback_on = models.DateField(_("Veilig Thuis feedback received on"), null=True, blank=True)
    feedback = EncryptedTextField(_("Veilig Thuis feedback"), max_length=4000, blank=True)
    # Step 5: help organised (A4 yes)
    help_until = models.DateField(_("help term ends on"), null=True, blank=True)
    help_manager = models.CharField(_("case manager of the help"), max_length=200, blank=True)
    help_agreements = EncryptedTextField(_("help agreed"), max_length=4000, blank=True)
    monitoring = EncryptedTextField(_("agreements about monitoring"), max_length=4000, blank=True)

    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    # A melding asks for a legal hold on the dossier (Veilig Thuis dossiers are kept longer);
    # the retention rules read this once they exist.
    legal_hold_since = models.DateField(_("legal hold since"), null=True, blank=True)

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("meldcode trajectory")
        verbose_name_plural = _("meldcode trajectories")
        indexes = [models.Index(fields=["organisation", "step"], name="meldcode_org_step")]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=~Q(step=6), name="one_open_meldcode_per_case"
            ),
            models.CheckConstraint(
                name="closed_meldcode_has_outcome",
                condition=~Q(step=6) | (Q(closed_on__isnull=False) & ~Q(outcome="")),
            ),
        ]

    def __str__(self) -> str:
        return _("Meldcode trajectory %(number)s") % {"number": self.pk}

    @property
    def is_open(self) -> bool:
        return self.step != self.Step.CLOSED

    @property
    def acute(self) -> bool:
        """A form of violence was chosen for which Veilig Thuis must be contacted at once."""
        return any(v in ACUTE_VIOLENCE for v in self.violence)

    def get_violence_display(self) -> list[str]:
        labels = dict(Violence.choices)
        return [str(labels.get(v, v)) for v in self.violence]


class Consultation(models.Model):
    """Step 2: a collegial consultation, with the aandachtsfunctionaris or Veilig Thuis."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="consultations"
    )
    held_on = models.DateField(_("held on"))
    with_whom = models.CharField(_("with whom"), max_length=300)
    with_safeguarding = models.BooleanField(_("with the aandachtsfunctionaris"), default=False)
    veilig_thuis = models.BooleanField(_("(anonymous) advice from Veilig Thuis"), default=False)
    advice = EncryptedTextField(
        _("advice given"), max_length=4000, pupil="trajectory.case.pupil_id"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("consultation")

    def __str__(self) -> str:
        return f"{self.trajectory_id} {self.held_on}"


class Answer(models.Model):
    """Step 4: one answer of the afwegingskader, with its motivation."""

    class Question(models.TextChoices):
        A1 = "A1", _("A1. Is there a suspicion of domestic violence or child abuse?")
        A2 = "A2", _("A2. Is there acute or structural unsafety?")
        A3 = "A3", _("A3. Can I offer or organise effective help?")
        A4 = "A4", _("A4. Do those involved accept the help?")
        A5 = "A5", _("A5. Does the help lead to lasting safety within the agreed term?")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(_("question"), max_length=2, choices=Question.choices)
    answer = models.BooleanField(_("answer"))
    motivation = EncryptedTextField(
        _("motivation"), max_length=4000, pupil="trajectory.case.pupil_id"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["question"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "question"], name="one_answer_each")
        ]

    def __str__(self) -> str:
        return f"{self.trajectory_id} {self.question}={self.answer}"


class Setting(models.Model):
    """The organisation's meldcode setting: after how many working days a step is open too long."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="meldcode_setting"
    )
    step_working_days = models.PositiveSmallIntegerField(
        _("working days before a step is open too long"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = _("meldcode setting")

    def __str__(self) -> str:
        return str(self.organisation)
