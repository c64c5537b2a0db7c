"""Who funds and employs SMW, the schools it works at, and who is seconded where."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BRIN_VALIDATOR = RegexValidator(
    regex=r"^\d{2}[A-Z]{2}(\d{2})?$",
    message=_(
        "A BRIN code is two digits and two capital letters, optionally followed by two digits "
        "(for example 12AB or 12AB01)."
    ),
)


class Organisation(models.Model):
    """The SMW provider that employs the workers."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A gemeente that funds SMW for the schools in its territory."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    class Region(models.TextChoices):
        """The holiday region of the school (vakantieregio): its summer holiday differs."""

        NORTH = "noord", _("North")
        MIDDLE = "midden", _("Middle")
        SOUTH = "zuid", _("South")

    class Sector(models.TextChoices):
        PO = "PO", _("Primary education (PO)")
        SBO = "SBO", _("Special primary education (SBO)")
        SO = "SO", _("Special education (SO)")
        VO = "VO", _("Secondary education (VO)")
        MBO = "MBO", _("Vocational education (MBO)")

    name = models.CharField(_("name"), max_length=200)
    brin = models.CharField(
        _("BRIN code"),
        max_length=6,
        unique=True,
        validators=[BRIN_VALIDATOR],
        help_text=_("For example 12AB or 12AB01."),
    )
    sector = models.CharField(_("sector"), max_length=3, choices=Sector.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="schools",
        verbose_name=_("municipality"),
    )
    active = models.BooleanField(_("active"), default=True)
    region = models.CharField(
        _("holiday region"),
        max_length=6,
        choices=Region.choices,
        default=Region.MIDDLE,
        db_default=Region.MIDDLE,  # rows inserted in bulk (the benchmark's seed) too
        help_text=_("The region whose school holidays the school follows."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(brin__regex=r"^\d{2}[A-Z]{2}(\d{2})?$"),
                name="school_brin_format",
            ),
            models.UniqueConstraint(
                Upper("name"), "municipality", name="school_name_per_municipality"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.brin:
            self.brin = self.brin.strip().upper()


class SchoolYearQuerySet(models.QuerySet):
    def containing(self, day: datetime.date) -> SchoolYearQuerySet:
        return self.filter(start_year=SchoolYear.start_year_for(day))


class SchoolYear(models.Model):
    """A Dutch school year: 1 August to 31 July, written 2026-2027."""

    start_year = models.PositiveSmallIntegerField(
        _("first calendar year"),
        unique=True,
        validators=[MinValueValidator(2000)],
        help_text=_("2026 for the school year 2026-2027."),
    )

    objects = SchoolYearQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("school year")
        verbose_name_plural = _("school years")

    def __str__(self) -> str:
        return self.name

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    @property
    def name(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.start_year, 8, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 7, 31)

    @staticmethod
    def start_year_for(day: datetime.date) -> int:
        return day.year if day.month >= 8 else day.year - 1

    @classmethod
    def start_year_for_today(cls) -> int:
        return cls.start_year_for(timezone.localdate())

    @classmethod
    def current(cls) -> SchoolYear:
        """The school year of today, created on first use so a fresh install always has one."""
        year, _created = cls.objects.get_or_create(
            start_year=cls.start_year_for(timezone.localdate())
        )
        return year


class AssignmentQuerySet(models.QuerySet):
    def current(self) -> AssignmentQuerySet:
        return self.filter(school_year__start_year=SchoolYear.start_year_for_today())


class Assignment(models.Model):
    """Inzet/detachering: a worker seconded to a school for a school year."""

    class FundingSource(models.TextChoices):
        MUNICIPALITY = "gemeente", _("Municipality")
        SCHOOL = "school", _("School")
        PARTNERSHIP = "samenwerkingsverband", _("Samenwerkingsverband")

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("school social worker"),
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("school")
    )
    school_year = models.ForeignKey(
        SchoolYear,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("school year"),
    )
    contracted_hours = models.DecimalField(
        _("contracted hours"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text=_("Hours for the whole school year."),
    )
    funding_source = models.CharField(
        _("funding source"), max_length=24, choices=FundingSource.choices
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["school__name"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "school", "school_year"],
                name="one_assignment_per_worker_school_year",
            ),
            models.CheckConstraint(
                condition=models.Q(contracted_hours__gt=0), name="assignment_hours_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker} – {self.school} ({self.school_year})"

    @property
    def hours_per_week(self) -> Decimal:
        """Contracted hours spread over the 40 school weeks of a Dutch school year."""
        return (self.contracted_hours / 40).quantize(Decimal("0.1"))
