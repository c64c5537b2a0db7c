"""The figures of the registratie (monthly) and the rapportage (term, school year) of one school.

Every figure is counted by PostgreSQL: grouped queries, aggregates and subqueries whose number
does not grow with the number of cases. The results are plain dicts and lists of numbers, codes,
labels (translated when the function runs), dates and Decimals, ready for a template.

What never appears here: contact summaries, work notes, or any free text of a case. The list of
pupils in care holds name, group, stage, case manager and a next step derived from the stage.

Hours are Decimals with one decimal. A group session is one contact on each participant's case
(cases.workflow.record_group_session) but one stretch of the worker's time: contacts are counted
per pupil, while direct hours count each group session once.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cases.models import Case, CaseEvent, Category, Contact, GroupSession
from referrals.models import Referral, SocialMapEntry
from schools.models import Assignment, School, SchoolYear
from timesheet.models import TimeEntry
from zat.models import Meeting

from .periods import Period

Stage = Case.Stage
OPEN_STAGES = [Stage.SIGNAL, Stage.INTAKE, Stage.PLAN, Stage.HELP, Stage.REFERRED]
ONE_DECIMAL = Decimal("0.1")


# --- Helpers ---------------------------------------------------------------------------------


class Median(models.Aggregate):
    """The median of a numeric expression: PostgreSQL's percentile_cont(0.5); None over no rows."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)%(filter)s"
    output_field = models.FloatField()


class DaysBetween(models.Func):
    """`later - earlier` for two date columns: a whole number of days in PostgreSQL."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = models.IntegerField()

    def __init__(self, later: str, earlier: str):
        super().__init__(F(later), F(earlier))


def median_days(queryset: models.QuerySet, *, start: str, end: str) -> dict:
    """The median number of days from date field `start` to `end` over `queryset`, in one query.

    {"median_days": Decimal with one decimal or None when there are no rows, "cases": count}
    """
    result = queryset.aggregate(median=Median(DaysBetween(end, start)), cases=Count("pk"))
    median = result["median"]
    return {
        "median_days": None if median is None else _round(Decimal(str(median))),
        "cases": result["cases"],
    }


def hours(minutes: int | None) -> Decimal:
    return _round(Decimal(minutes or 0) / 60)


def _round(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _moments(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """The period as [start, end) of aware datetimes: local midnight to the midnight after it."""
    start = datetime.datetime.combine(period.start, datetime.time.min)
    end = datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(start), timezone.make_aware(end)


def _rows(choices, counts: dict, key: str, extra: dict | None = None) -> list[dict]:
    """One row per choice that occurs in `counts`, in the order of the choices; `extra` adds
    more values to a choice's row."""
    extra = extra or {}
    return [
        {key: code, "label": str(label), "count": counts[code], **extra.get(code, {})}
        for code, label in choices
        if code in counts
    ]


def stage_on(day: datetime.date) -> models.Expression:
    """The stage a case had at the end of `day`.

    The to_stage of its latest timeline event with a to_stage up to local midnight after `day`;
    a case without such an event (made before timelines, or signalled with an earlier date than
    it was registered) falls back to its stage dates.
    """
    before = timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )
    latest = (
        CaseEvent.objects.filter(case=OuterRef("pk"), at__lt=before)
        .exclude(to_stage="")
        .order_by("-at", "-pk")
        .values("to_stage")[:1]
    )
    from_dates = models.Case(
        When(closed_on__lte=day, then=Value(Stage.CLOSED)),
        When(referred_on__lte=day, then=Value(Stage.REFERRED)),
        When(help_on__lte=day, then=Value(Stage.HELP)),
        When(plan_on__lte=day, then=Value(Stage.PLAN)),
        When(intake_on__lte=day, then=Value(Stage.INTAKE)),
        default=Value(Stage.SIGNAL),
        output_field=models.CharField(),
    )
    return Coalesce(Subquery(latest), from_dates, output_field=models.CharField())


def open_cases_on(school: School, day: datetime.date) -> models.QuerySet:
    """Cases of `school` signalled on or before `day` and not closed at its end, annotated
    with `stage_then` (their stage at the end of `day`)."""
    return (
        Case.objects.filter(school=school, signalled_on__lte=day)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))
        .annotate(stage_then=stage_on(day))
        .exclude(stage_then=Stage.CLOSED)
    )


def _next_step(stage: str, evaluation_on: datetime.date | None, taken_on: bool) -> str:
    if stage == Stage.SIGNAL:
        return _("Plan the intake") if taken_on else _("Take on the signal")
    if stage == Stage.HELP:
        if evaluation_on is None:
            return _("Set an evaluation date")
        return _("Evaluation on %(date)s") % {"date": formats.date_format(evaluation_on, "j F Y")}
    return {
        Stage.INTAKE: _("Complete the intake and make the plan"),
        Stage.PLAN: _("Agree the plan of action"),
        Stage.REFERRED: _("Follow up the referral"),
    }[stage]


def _worker_name(first: str | None, last: str | None, username: str | None) -> str | None:
    if username is None:
        return None
    return f"{first or ''} {last or ''}".strip() or username


def _contacts(school: School, period: Period) -> models.QuerySet:
    return Contact.objects.filter(case__school=school, held_on__range=(period.start, period.end))


def _group_sessions(school: School, period: Period) -> models.QuerySet:
    return GroupSession.objects.filter(
        group__school=school, held_on__range=(period.start, period.end)
    )


def _time_entries(school: School, period: Period) -> models.QuerySet:
    return TimeEntry.objects.filter(school=school, on__range=(period.start, period.end))


def _referrals(school: School, period: Period) -> models.QuerySet:
    start, end = _moments(period)
    return Referral.objects.filter(case__school=school, created_at__gte=start, created_at__lt=end)


def _closures(school: School, period: Period) -> models.QuerySet:
    return Case.objects.filter(school=school, closed_on__range=(period.start, period.end))


def _closures_by_reason(school: School, period: Period) -> list[dict]:
    counts = dict(
        _closures(school, period)
        .values_list("closure_reason")
        .annotate(n=Count("pk"))
        .values_list("closure_reason", "n")
    )
    return _rows(Case.ClosureReason.choices, counts, "reason")


def _referrals_by_destination(school: School, period: Period) -> list[dict]:
    counts = dict(
        _referrals(school, period)
        .values_list("destination__kind")
        .annotate(n=Count("pk"))
        .values_list("destination__kind", "n")
    )
    return _rows(SocialMapEntry.Kind.choices, counts, "kind")


def _total(rows: list[dict], key: str = "count") -> int:
    return sum(row[key] for row in rows)


# --- Registratie -----------------------------------------------------------------------------


def as_of(period: Period, today: datetime.date | None = None) -> datetime.date:
    """The last day a report over `period` can count: its end, or today while it lasts (a
    monthly registration made before the month ends counts up to and including today)."""
    return min(period.end, today or timezone.localdate())


def registration(school: School, period: Period) -> dict:
    """The monthly registratie of `school` over `period`.

    new_signals: int — cases signalled in the period
    open_by_stage: [{stage, label, count}] — every open stage, at the end of the period
    open_total: int
    closures_by_reason: [{reason, label, count}] — Case.closed_on in the period
    closures_total: int
    contacts_by_kind: [{kind, label, count, hours}] — contacts with pupils and parents
    contacts_total: int
    direct_hours: Decimal — contacts, each group session once
    indirect_by_activity: [{activity, label, count, hours}] — time entries at the school
    indirect_hours: Decimal
    total_hours: Decimal — direct + indirect
    referrals_by_destination: [{kind, label, count}] — referrals made in the period
    referrals_by_status: [{status, label, count}] — the same referrals by their status now
    referrals_total: int
    zat_meetings: int — ZAT meetings at the school in the period
    pupils: [{name, group, stage, stage_label, worker, next_step, evaluation_on}] — in care
        at the end of the period, by last name; worker is None for a signal nobody took on
    """
    meeting_start, meeting_end = _moments(period)
    new_signals = Case.objects.filter(
        school=school, signalled_on__range=(period.start, period.end)
    ).count()

    last_day = as_of(period)
    open_cases = open_cases_on(school, last_day)
    by_stage = dict(
        open_cases.values_list("stage_then").annotate(n=Count("pk")).values_list("stage_then", "n")
    )
    open_by_stage = [
        {"stage": stage.value, "label": str(stage.label), "count": by_stage.get(stage, 0)}
        for stage in OPEN_STAGES
    ]

    closures = _closures_by_reason(school, period)

    contacts = {
        row["kind"]: row
        for row in _contacts(school, period)
        .values("kind")
        .annotate(n=Count("pk"), own=Sum("minutes", filter=Q(group_session__isnull=True)))
    }
    session_minutes = _group_sessions(school, period).aggregate(m=Sum("minutes"))["m"] or 0
    if session_minutes and Contact.Kind.GROUP not in contacts:
        contacts[Contact.Kind.GROUP] = {"n": 0, "own": 0}
    minutes_by_kind = {kind: row["own"] or 0 for kind, row in contacts.items()}
    if session_minutes:
        minutes_by_kind[Contact.Kind.GROUP] += session_minutes
    contacts_by_kind = _rows(
        Contact.Kind.choices,
        {kind: row["n"] for kind, row in contacts.items()},
        "kind",
        {kind: {"hours": hours(m)} for kind, m in minutes_by_kind.items()},
    )
    direct_minutes = sum(minutes_by_kind.values())

    indirect = {
        row["activity"]: row
        for row in _time_entries(school, period)
        .values("activity")
        .annotate(n=Count("pk"), m=Sum("minutes"))
    }
    indirect_by_activity = _rows(
        TimeEntry.Activity.choices,
        {activity: row["n"] for activity, row in indirect.items()},
        "activity",
        {activity: {"hours": hours(row["m"])} for activity, row in indirect.items()},
    )
    indirect_minutes = sum(row["m"] for row in indirect.values())

    referrals = _referrals(school, period)
    by_status = dict(
        referrals.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    referrals_by_status = _rows(Referral.Status.choices, by_status, "status")

    zat_meetings = Meeting.objects.filter(
        school=school, starts_at__gte=meeting_start, starts_at__lt=meeting_end
    ).count()

    pupils = [
        {
            "name": f"{row['pupil__first_name']} {row['pupil__last_name']}",
            "group": row["pupil__group"],
            "stage": row["stage_then"],
            "stage_label": str(Stage(row["stage_then"]).label),
            "worker": _worker_name(
                row["caseworker__first_name"],
                row["caseworker__last_name"],
                row["caseworker__username"],
            ),
            "next_step": _next_step(
                row["stage_then"],
                row["plan__evaluation_on"],
                taken_on=row["caseworker__username"] is not None,
            ),
            "evaluation_on": row["plan__evaluation_on"],
            "pupil_id": row["pupil_id"],
        }
        for row in open_cases.order_by("pupil__last_name", "pupil__first_name", "pk").values(
            "pupil_id",
            "stage_then",
            "pupil__first_name",
            "pupil__last_name",
            "pupil__group",
            "caseworker__first_name",
            "caseworker__last_name",
            "caseworker__username",
            "plan__evaluation_on",
        )
    ]

    return {
        "new_signals": new_signals,
        "open_by_stage": open_by_stage,
        "open_total": _total(open_by_stage),
        "closures_by_reason": closures,
        "closures_total": _total(closures),
        "contacts_by_kind": contacts_by_kind,
        "contacts_total": _total(contacts_by_kind),
        "direct_hours": hours(direct_minutes),
        "indirect_by_activity": indirect_by_activity,
        "indirect_hours": hours(indirect_minutes),
        "total_hours": hours(direct_minutes + indirect_minutes),
        "referrals_by_destination": _referrals_by_destination(school, period),
        "referrals_by_status": referrals_by_status,
        "referrals_total": _total(referrals_by_status),
        "zat_meetings": zat_meetings,
        "pupils": pupils,
        # the day the figures run to: the period's end, or today while the period lasts
        "as_of": last_day,
        "partial": last_day < period.end,
    }


# --- Rapportage ------------------------------------------------------------------------------


def contracted_hours(school: School, period: Period) -> Decimal:
    """The hours contracted at `school` for `period`: each overlapping school year's hours,
    pro rata by the days of the period within that school year (365 or 366 days)."""
    first, last = SchoolYear.start_year_for(period.start), SchoolYear.start_year_for(period.end)
    per_year = (
        Assignment.objects.filter(school=school, school_year__start_year__range=(first, last))
        .values_list("school_year__start_year")
        .annotate(h=Sum("contracted_hours"))
        .values_list("school_year__start_year", "h")
    )
    total = Decimal(0)
    for start_year, contracted in per_year:
        year = SchoolYear(start_year=start_year)
        overlap = (min(period.end, year.end) - max(period.start, year.start)).days + 1
        total += contracted * overlap / ((year.end - year.start).days + 1)
    return _round(total)


def rapportage(school: School, period: Period) -> dict:
    """The rapportage of `school` over `period` (a term or a school year).

    months: [{label, start, signals, contacts, direct_hours}] — one row per period.months()
    signals_total: int — cases signalled in the period
    contacts_total: int
    active_cases: int — signalled on or before the end, not closed before the start
    categories: [{category, label, count}] — problem categories of those cases, most first
    closures_by_reason: [{reason, label, count}] — Case.closed_on in the period
    closures_total: int
    referrals_by_destination: [{kind, label, count}] — referrals made in the period
    referrals_total: int
    waiting: {median_days, cases} — signal → intake, cases whose intake_on is in the period
    duration: {median_days, cases} — signal → closure, cases closed in the period
    hours: {contracted, direct, indirect, spent, percentage} — Decimals; percentage is spent
        as a whole percentage of contracted, None without a contract
    """
    within = (period.start, period.end)

    signals = dict(
        Case.objects.filter(school=school, signalled_on__range=within)
        .annotate(month=TruncMonth("signalled_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    contacts = {
        row["month"]: row
        for row in _contacts(school, period)
        .annotate(month=TruncMonth("held_on"))
        .values("month")
        .annotate(n=Count("pk"), own=Sum("minutes", filter=Q(group_session__isnull=True)))
    }
    sessions = dict(
        _group_sessions(school, period)
        .annotate(month=TruncMonth("held_on"))
        .values_list("month")
        .annotate(m=Sum("minutes"))
        .values_list("month", "m")
    )
    months, direct_minutes = [], 0
    for month in period.months():
        row = contacts.get(month.start, {"n": 0, "own": 0})
        minutes = (row["own"] or 0) + sessions.get(month.start, 0)
        direct_minutes += minutes
        months.append(
            {
                "label": month.label,
                "start": month.start,
                "signals": signals.get(month.start, 0),
                "contacts": row["n"],
                "direct_hours": hours(minutes),
            }
        )

    active = Case.objects.filter(school=school, signalled_on__lte=period.end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=period.start)
    )
    by_category = (
        active.annotate(
            category=models.Func(
                F("categories"), function="unnest", output_field=models.CharField()
            )
        )
        .values_list("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
    labels = dict(Category.choices)
    order = list(labels)
    categories = sorted(
        (
            {"category": code, "label": str(labels.get(code, code)), "count": n}
            for code, n in by_category
        ),
        key=lambda row: (
            -row["count"],
            order.index(row["category"]) if row["category"] in order else len(order),
        ),
    )

    closures = _closures_by_reason(school, period)
    destinations = _referrals_by_destination(school, period)

    indirect_minutes = _time_entries(school, period).aggregate(m=Sum("minutes"))["m"] or 0
    contracted = contracted_hours(school, period)
    spent = hours(direct_minutes + indirect_minutes)
    # While the period lasts, what was spent is set against the part of the contract that has
    # passed (in December, a third of the school year), not against the whole year.
    last_day = as_of(period)
    if last_day >= period.end:
        contracted_to_date = contracted
    elif last_day < period.start:
        contracted_to_date = Decimal(0)
    else:
        contracted_to_date = contracted_hours(school, Period(period.start, last_day, ""))

    from meldcode.figures import school_figures

    return {
        "months": months,
        "signals_total": _total(months, "signals"),
        "contacts_total": _total(months, "contacts"),
        "active_cases": active.count(),
        # meldcode: {trajectories, meldingen, advice}, counts from 1 to 4 shown as "<5"
        "meldcode": school_figures(school, period),
        "categories": categories,
        "closures_by_reason": closures,
        "closures_total": _total(closures),
        "referrals_by_destination": destinations,
        "referrals_total": _total(destinations),
        "waiting": median_days(
            Case.objects.filter(school=school, intake_on__range=within),
            start="signalled_on",
            end="intake_on",
        ),
        "duration": median_days(_closures(school, period), start="signalled_on", end="closed_on"),
        "hours": {
            "contracted": contracted,
            "direct": hours(direct_minutes),
            "indirect": hours(indirect_minutes),
            "spent": spent,
            "contracted_to_date": contracted_to_date,
            "percentage": round(spent * 100 / contracted_to_date) if contracted_to_date else None,
        },
        "as_of": last_day,
        "partial": last_day < period.end,
    }
