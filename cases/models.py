"""Pupils in care and their cases: signal, intake, plan van aanpak, contacts, closure.

Only pupils with a signal are stored (data minimisation). Who may see what is decided in
cases/access.py; how a case moves is decided in cases/workflow.py.
"""

from __future__ import annotations

import datetime
import json

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateRangeField, RangeBoundary, RangeOperators
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Concat, Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.log import ShownQuerySet
from schools.models import School
from vault.fields import EncryptedCharField, EncryptedTextField


def minutes_field() -> models.PositiveSmallIntegerField:
    """Time spent with or for a pupil: 5 minutes up to a working day."""
    return models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(5), MaxValueValidator(480)]
    )


class Category(models.TextChoices):
    GRIEF = "rouw", _("Grief (rouwverwerking)")
    DIVORCE = "echtscheiding", _("Divorce")
    SEXUAL_ABUSE = "misbruik", _("Sexual abuse")
    BULLYING = "pesten", _("Bullying")
    BEHAVIOUR = "gedrag", _("Behaviour")
    SOCIAL_EMOTIONAL = "sociaal_emotioneel", _("Social-emotional")
    DEVELOPMENT = "ontwikkeling", _("Development")
    PARENTING = "opvoeding", _("Parenting")
    DOMESTIC_VIOLENCE = "huiselijk_geweld", _("Domestic violence / child abuse")
    ABSENTEEISM = "verzuim", _("School absenteeism")
    MENTAL_HEALTH = "psychisch", _("Mental health problems")
    SUBSTANCE_USE = "middelen", _("Substance use")
    POVERTY = "armoede", _("Poverty")
    OTHER = "overig", _("Other")


class Pupil(models.Model):
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="pupils", verbose_name=_("school")
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    group = models.CharField(
        _("group / class"), max_length=20, blank=True, help_text=_("For example 6b or H3A.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    objects = ShownQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("pupil")
        verbose_name_plural = _("pupils")
        indexes = [
            # cases.search asks these for its candidates: each name, the full name as it
            # searches it, and the names as icontains reads them. One column each: PostgreSQL
            # costs a trigram search on the second column of a GIN index as a full scan.
            GinIndex(OpClass("first_name", name="gin_trgm_ops"), name="pupil_first_name_trgm"),
            GinIndex(OpClass("last_name", name="gin_trgm_ops"), name="pupil_last_name_trgm"),
            GinIndex(
                OpClass(Concat("first_name", Value(" "), "last_name"), name="gin_trgm_ops"),
                name="pupil_full_name_trgm",
            ),
            GinIndex(
                OpClass(Upper("first_name"), name="gin_trgm_ops"), name="pupil_first_upper_trgm"
            ),
            GinIndex(
                OpClass(Upper("last_name"), name="gin_trgm_ops"), name="pupil_last_upper_trgm"
            ),
            models.Index(fields=["school", "last_name"], name="pupil_school_name"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: datetime.date) -> int:
        before_birthday = (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day)
        return day.year - self.date_of_birth.year - before_birthday


class Guardian(models.Model):
    class Relation(models.TextChoices):
        MOTHER = "moeder", _("Mother")
        FATHER = "vader", _("Father")
        PARENT = "ouder", _("Parent")
        FOSTER = "pleegouder", _("Foster parent")
        GUARDIAN = "voogd", _("Legal guardian")
        OTHER = "anders", _("Other")

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="guardians")
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    has_authority = models.BooleanField(_("has parental authority (gezag)"), default=True)

    objects = ShownQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("parent or guardian")
        verbose_name_plural = _("parents and guardians")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relation_display()})"


class CaseQuerySet(ShownQuerySet):
    def open(self) -> CaseQuerySet:
        return self.exclude(stage=Case.Stage.CLOSED)

    def at_schools(self, schools) -> CaseQuerySet:
        return self.filter(school__in=schools)

    def unassigned(self) -> CaseQuerySet:
        return self.filter(caseworker__isnull=True, stage=Case.Stage.SIGNAL)


class Case(models.Model):
    """A pupil's trajectory with SMW (hulpverleningstraject)."""

    class Stage(models.TextChoices):
        SIGNAL = "signal", _("Signalled")
        INTAKE = "intake", _("Intake")
        PLAN = "plan", _("Plan of action")
        HELP = "help", _("Short-term help")
        REFERRED = "referred", _("Referred")
        CLOSED = "closed", _("Closed")

    class Source(models.TextChoices):
        TEACHER = "leerkracht", _("Teacher")
        IB = "ib", _("Internal supervisor (IB)")
        COORDINATOR = "zorgcoordinator", _("Care coordinator")
        PARENT = "ouder", _("Parent")
        PUPIL = "leerling", _("Pupil")
        ZAT = "zat", _("ZAT")
        EXTERNAL = "extern", _("External")

    class ClosureReason(models.TextChoices):
        GOAL_REACHED = "doel_bereikt", _("Goal reached")
        REFERRED = "verwezen", _("Referred and handed over")
        ADVICE_SUFFICED = "advies_volstond", _("No help needed (advice sufficed)")
        DECLINED = "wil_niet", _("Parents/pupil do not want help")
        MOVED = "verhuisd", _("Moved / left the school")
        OTHER = "anders", _("Other")

    pupil = models.ForeignKey(
        Pupil, on_delete=models.PROTECT, related_name="cases", verbose_name=_("pupil")
    )
    # Copied from the pupil: every access rule filters on it.
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="cases", verbose_name=_("school")
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("case manager"),
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.SIGNAL)
    stage_changed_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    categories = ArrayField(
        models.CharField(max_length=24, choices=Category),
        verbose_name=_("problem categories"),
        default=list,
    )

    # The signal (aanmelding)
    source = models.CharField(_("signalled by"), max_length=16, choices=Source.choices)
    noticed = EncryptedTextField(_("what was noticed"), max_length=4000, pupil="pupil_id")
    signalled_on = models.DateField(_("signalled on"), default=timezone.localdate)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    parents_informed = models.BooleanField(_("parents are informed"), default=False)
    parents_agree = models.BooleanField(_("parents agree"), default=False)

    # Dates of each stage, for waiting times and reports
    intake_on = models.DateField(_("intake started"), null=True, blank=True)
    plan_on = models.DateField(_("plan started"), null=True, blank=True)
    help_on = models.DateField(_("help started"), null=True, blank=True)
    referred_on = models.DateField(_("referred on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    outcome = EncryptedTextField(_("outcome"), max_length=2000, blank=True, pupil="pupil_id")
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-signalled_on", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["caseworker", "stage"], name="case_worker_stage"),
            models.Index(fields=["school", "stage"], name="case_school_stage"),
            GinIndex(fields=["categories"], name="case_categories"),
        ]
        constraints = [
            models.CheckConstraint(
                name="closed_case_has_reason",
                condition=~Q(stage="closed") | (Q(closed_on__isnull=False) & ~Q(closure_reason="")),
            ),
            models.CheckConstraint(name="case_has_categories", condition=Q(categories__len__gt=0)),
            # Two signals submitted at the same moment cannot open two cases for one pupil.
            models.UniqueConstraint(
                fields=["pupil"], condition=~Q(stage="closed"), name="one_open_case_per_pupil"
            ),
        ]

    def __str__(self) -> str:
        return _("Case %(number)s") % {"number": self.number}

    @property
    def number(self) -> str:
        return f"{self.signalled_on:%Y}-{self.pk:05d}" if self.pk else "—"

    @property
    def is_open(self) -> bool:
        return self.stage != self.Stage.CLOSED

    @property
    def days_in_stage(self) -> int:
        return (timezone.now() - self.stage_changed_at).days

    def get_categories_display(self) -> list[str]:
        labels = dict(Category.choices)
        return [labels.get(c, c) for c in self.categories]


class CaseEvent(models.Model):
    """One line of the case timeline: who did what, when, from which stage to which, and why."""

    class Kind(models.TextChoices):
        SIGNALLED = "signalled", _("Signal registered")
        TAKEN_ON = "taken_on", _("Taken on")
        STAGE = "stage", _("Stage changed")
        INTAKE_SAVED = "intake", _("Intake recorded")
        PLAN_SAVED = "plan", _("Plan of action recorded")
        PLAN_AGREED = "plan_agreed", _("Plan agreed")
        EVALUATED = "evaluated", _("Plan evaluated")
        CONTACT = "contact", _("Contact")
        CLOSED = "closed", _("Closed")
        REOPENED = "reopened", _("Reopened")
        REASSIGNED = "reassigned", _("Case manager changed")
        CONSENT = "consent", _("Consent recorded")
        CONSENT_WITHDRAWN = "consent_off", _("Consent withdrawn")
        REFERRAL = "referral", _("Referral")
        REFERRAL_STATUS = "ref_status", _("Referral status")
        ZAT = "zat", _("On the ZAT agenda")
        GUARDIAN = "guardian", _("Parent or guardian recorded")
        EMERGENCY = "glass", _("Emergency access")
        MELDCODE = "meldcode", _("Meldcode")
        DOCUMENT = "document", _("Document added")
        DOCUMENT_REMOVED = "document_off", _("Document removed")
        DOSSIER_EXPORT = "dossier", _("Dossier export")
        MOVED = "moved", _("Moved to another school")
        NORM = "norm", _("Continued past the short-term norm")
        CONSENT_ASK = "consent_ask", _("Consent to ask again")
        DEADLINE = "deadline", _("Deadline moved")
        RIGHTS = "rights", _("Request under the AVG (rights)")
        PUPIL_CORRECTED = "pupil_fix", _("Pupil data corrected")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    from_stage = models.CharField(max_length=10, choices=Case.Stage.choices, blank=True)
    to_stage = models.CharField(max_length=10, choices=Case.Stage.choices, blank=True)
    # Reasons and outcomes in the pupil's words: sealed like the rest of the dossier.
    note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "-at"], name="caseevent_case_at")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.at:%Y-%m-%d}"


class VersionedText(models.Model):
    """Optimistic locking: a save states the version it started from. Every saved version is
    kept as a TextVersion (who, when, what), so what changed between two can be shown.

    See workflow.save_versioned and cases/versions.py.
    """

    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        abstract = True


class TextVersion(models.Model):
    """One saved version of an intake or a plan of action: its texts as they were, who saved
    them and when. Only ever added (workflow.save_versioned)."""

    class Text(models.TextChoices):
        INTAKE = "intake", _("Intake")
        PLAN = "plan", _("Plan of action")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="text_versions")
    text = models.CharField(max_length=8, choices=Text.choices)
    version = models.PositiveIntegerField()
    # The texts as JSON, sealed with the pupil's key like the texts themselves (`values`).
    sealed_values = EncryptedTextField(blank=True, default="")
    saved_at = models.DateTimeField(default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        ordering = ["case", "text", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "text", "version"], name="one_text_version")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.text} v{self.version}"

    @property
    def values(self) -> dict:
        return json.loads(self.sealed_values) if self.sealed_values else {}

    @values.setter
    def values(self, values: dict) -> None:
        self.sealed_values = json.dumps(values, cls=DjangoJSONEncoder)


class Intake(VersionedText):
    """Signals, problems, earlier interventions and their results on a row (brochure)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="intake")
    held_on = models.DateField(_("intake held on"), null=True, blank=True)
    signals = EncryptedTextField(_("signals"), max_length=4000, blank=True)
    problems = EncryptedTextField(_("problems"), max_length=4000, blank=True)
    earlier_interventions = EncryptedTextField(
        _("earlier interventions and their results"), max_length=4000, blank=True
    )
    influence_home = EncryptedTextField(_("influences: home"), max_length=2000, blank=True)
    influence_school = EncryptedTextField(_("influences: school"), max_length=2000, blank=True)
    influence_peers = EncryptedTextField(_("influences: peers"), max_length=2000, blank=True)
    influence_health = EncryptedTextField(_("influences: health"), max_length=2000, blank=True)
    strengths = EncryptedTextField(_("strengths"), max_length=2000, blank=True)
    request_for_help = EncryptedTextField(
        _("request for help (hulpvraag)"), max_length=2000, blank=True
    )
    clarified_problem = EncryptedTextField(_("clarified problem"), max_length=4000, blank=True)

    # The free texts, in the order of the form; read by the versions, the export and destruction.
    TEXTS = (
        "signals",
        "problems",
        "earlier_interventions",
        "influence_home",
        "influence_school",
        "influence_peers",
        "influence_health",
        "strengths",
        "request_for_help",
        "clarified_problem",
    )
    REQUIRED_FOR_PLAN = ("held_on", "request_for_help", "clarified_problem")

    class Meta:
        verbose_name = _("intake")

    def __str__(self) -> str:
        return f"Intake {self.case_id}"

    def missing_for_plan(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in self.REQUIRED_FOR_PLAN
            if not getattr(self, name)
        ]


class Plan(VersionedText):
    """Plan van aanpak: bounded goals in the triangle family–pupil–school, agreed by all."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan")
    planned_sessions = models.PositiveSmallIntegerField(
        _("planned number of sessions"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    evaluation_on = models.DateField(_("evaluation date"), null=True, blank=True)
    agreed_pupil = models.BooleanField(_("agreed by the pupil"), default=False)
    agreed_parents = models.BooleanField(_("agreed by the parents"), default=False)
    agreed_school = models.BooleanField(_("agreed by the school"), default=False)
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan of action")
        indexes = [models.Index(fields=["evaluation_on"], name="plan_evaluation_on")]

    def __str__(self) -> str:
        return f"Plan {self.case_id}"

    @property
    def is_agreed(self) -> bool:
        return self.agreed_on is not None and (
            self.agreed_pupil or self.agreed_parents or self.agreed_school
        )

    def missing_for_help(self) -> list[str]:
        missing = []
        if not self.goals.exists():
            missing.append(str(_("at least one goal")))
        if self.agreed_on is None:
            missing.append(str(_("the date the plan was agreed")))
        if not (self.agreed_pupil or self.agreed_parents or self.agreed_school):
            missing.append(str(_("who agreed to the plan")))
        if self.evaluation_on is None:
            missing.append(str(_("an evaluation date")))
        return missing


class Goal(models.Model):
    class Domain(models.TextChoices):
        FAMILY = "gezin", _("Family")
        PUPIL = "leerling", _("Pupil")
        SCHOOL = "school", _("School")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    domain = models.CharField(_("domain"), max_length=8, choices=Domain.choices)
    description = EncryptedCharField(_("goal"), max_length=300, pupil="plan.case.pupil_id")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("goal")

    def __str__(self) -> str:
        return self.description


class Evaluation(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="evaluations")
    held_on = models.DateField(_("evaluated on"))
    note = EncryptedTextField(_("note"), max_length=2000, blank=True, pupil="plan.case.pupil_id")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("evaluation")

    def __str__(self) -> str:
        return f"Evaluation {self.plan_id} {self.held_on}"


class GoalResult(models.Model):
    class Result(models.TextChoices):
        ACHIEVED = "behaald", _("Achieved")
        PARTLY = "deels", _("Partly achieved")
        NOT = "niet", _("Not achieved")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="results")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="results")
    result = models.CharField(_("result"), max_length=8, choices=Result.choices)
    note = EncryptedCharField(
        _("note"), max_length=500, blank=True, pupil="evaluation.plan.case.pupil_id"
    )

    class Meta:
        ordering = ["goal_id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "goal"], name="one_result_per_goal")
        ]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.result}"


class Group(models.Model):
    """A gespreksgroep (e.g. rouwgroep) with several pupils, each on their own case."""

    class Kind(models.TextChoices):
        GRIEF = "rouwgroep", _("Grief group")
        DIVORCE = "echtscheidingsgroep", _("Divorce group")
        SOCIAL_SKILLS = "sova", _("Social skills group")
        RESILIENCE = "weerbaarheid", _("Resilience group")
        OTHER = "anders", _("Other group")

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="groups")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    cases = models.ManyToManyField(Case, related_name="groups", verbose_name=_("participants"))
    started_on = models.DateField(_("starts on"), default=timezone.localdate)

    objects = ShownQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("group")

    def __str__(self) -> str:
        return self.name


class GroupSession(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"))
    minutes = minutes_field()
    topic = models.CharField(_("topic"), max_length=200, blank=True)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.group} {self.held_on}"


class Contact(models.Model):
    """A contactmoment. The work note is its author's alone: never listed, reported or exported."""

    class Kind(models.TextChoices):
        PUPIL = "leerling", _("Conversation with pupil")
        PARENTS = "ouders", _("Conversation with parents")
        FAMILY = "gezin", _("Family conversation")
        HOME_VISIT = "huisbezoek", _("Home visit")
        GROUP = "groep", _("Group session")
        PHONE = "telefonisch", _("Telephone")
        TEACHER = "leerkracht", _("Consultation with teacher")
        MEDIATION = "bemiddeling", _("Mediation school–parents")
        FAMILY_INVESTIGATION = "gezinsonderzoek", _("Family investigation")
        OTHER = "anders", _("Other")

    class Place(models.TextChoices):
        SCHOOL = "school", _("School")
        HOME = "thuis", _("At home")
        ONLINE = "online", _("Online")
        ELSEWHERE = "elders", _("Elsewhere")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("date"))
    minutes = minutes_field()
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    place = models.CharField(_("place"), max_length=8, choices=Place.choices)
    participants = models.CharField(_("who took part"), max_length=200, blank=True)
    summary = EncryptedTextField(_("summary for the file"), max_length=4000)
    work_note = EncryptedTextField(
        _("work note"),
        max_length=4000,
        blank=True,
        help_text=_("Private: only you will ever see this. Never in a report, export or list."),
    )
    group_session = models.ForeignKey(
        GroupSession, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ShownQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("contact")
        indexes = [models.Index(fields=["case", "-held_on"], name="contact_case_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"


class Consultation(models.Model):
    """Advice to a teacher or IB'er, tied to a case or anonymous (no pupil data)."""

    class With(models.TextChoices):
        TEACHER = "leerkracht", _("Teacher")
        IB = "ib", _("Internal supervisor (IB)")
        COORDINATOR = "zorgcoordinator", _("Care coordinator")
        OTHER = "anders", _("Other")

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="consultations")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="consultations"
    )
    held_on = models.DateField(_("date"))
    minutes = minutes_field()
    with_whom = models.CharField(_("with"), max_length=16, choices=With.choices)
    question = EncryptedTextField(_("question"), max_length=2000)
    advice = EncryptedTextField(_("advice"), max_length=2000)

    objects = ShownQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("consultation")

    def __str__(self) -> str:
        return f"{self.get_with_whom_display()} {self.held_on}"


class DateRange(models.Func):
    """PostgreSQL's daterange(lower, upper, bounds), for the stand-in's overlap constraint."""

    function = "DATERANGE"
    output_field = DateRangeField()


class StandInQuerySet(models.QuerySet):
    def active(self, now: datetime.datetime | None = None) -> StandInQuerySet:
        """Stand-ins that give access right now: begun, not past their last day, not ended."""
        now = now or timezone.now()
        today = timezone.localdate(now)
        return self.filter(starts_on__lte=today, ends_on__gte=today).filter(
            Q(ended_at__isnull=True) | Q(ended_at__gt=now)
        )

    def future(self) -> StandInQuerySet:
        return self.filter(starts_on__gt=timezone.localdate(), ended_at__isnull=True)

    def past(self, now: datetime.datetime | None = None) -> StandInQuerySet:
        now = now or timezone.now()
        return self.filter(Q(ends_on__lt=timezone.localdate(now)) | Q(ended_at__lte=now))


class StandIn(models.Model):
    """Waarneming: a worker covers a colleague's cases for a period (read access).

    Recorded by the team leader (cases/stand_ins.py). Access starts on `starts_on` and ends
    after `ends_on`, or at `ended_at` when the team leader ends it early: the access checks
    compare with today, so nothing has to run at midnight.
    """

    stand_in = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="stand_ins",
        verbose_name=_("stand-in"),
    )
    for_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="covered_by",
        verbose_name=_("for"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    ended_at = models.DateTimeField(_("ended early at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = StandInQuerySet.as_manager()

    class Meta:
        verbose_name = _("stand-in")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="standin_period", condition=Q(ends_on__gte=models.F("starts_on"))
            ),
            models.CheckConstraint(
                name="standin_not_self", condition=~Q(stand_in=models.F("for_worker"))
            ),
            # One stand-in at a time for the same pair (the workflow says so in words first;
            # this holds when two team leaders save at once). An ended one no longer counts.
            ExclusionConstraint(
                name="standin_no_overlap",
                expressions=[
                    ("stand_in", RangeOperators.EQUAL),
                    ("for_worker", RangeOperators.EQUAL),
                    (
                        DateRange("starts_on", "ends_on", RangeBoundary(inclusive_upper=True)),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                condition=Q(ended_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stand_in} ⇄ {self.for_worker}"

    def is_active(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        today = timezone.localdate(now)
        ended = self.ended_at is not None and self.ended_at <= now
        return self.starts_on <= today <= self.ends_on and not ended

    def has_started(self) -> bool:
        return self.starts_on <= timezone.localdate()

    def is_over(self) -> bool:
        return self.ends_on < timezone.localdate() or (
            self.ended_at is not None and self.ended_at <= timezone.now()
        )


class EmergencyAccess(models.Model):
    """Break-the-glass: a worker of the school who is not the case manager opens a case in an
    emergency, with a reason. Read-only, until the end of that day (`until`); the access checks
    compare with now, so it ends by itself. Shown to the case manager (timeline) and, through
    the access log's GLASS row, to the privacy officer (cases/emergency.py)."""

    case = models.ForeignKey(
        "Case", on_delete=models.CASCADE, related_name="emergency_accesses", verbose_name=_("case")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="emergency_accesses",
        verbose_name=_("who"),
    )
    reason = models.CharField(_("reason"), max_length=200)
    opened_at = models.DateTimeField(_("opened at"))
    until = models.DateTimeField(_("until"))

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        indexes = [
            models.Index(fields=["user", "case", "until"], name="emergency_user_case_until"),
            models.Index(fields=["case", "-opened_at"], name="emergency_case_opened"),
        ]
        constraints = [
            models.CheckConstraint(
                name="emergency_until_after_opened", condition=Q(until__gt=models.F("opened_at"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.case_id} {self.opened_at:%Y-%m-%d %H:%M}"

    def is_active(self) -> bool:
        return self.opened_at <= timezone.now() < self.until
