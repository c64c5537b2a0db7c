"""The funding report (verantwoording) of one municipality over a period: what the SMW it funds
delivered at its schools, per school, per sector and in total. Aggregated: never a pupil.

Every count is made by PostgreSQL in grouped queries — the same aggregates grouped by school,
by sector and over everything — so the number of queries does not depend on the number of
schools or cases. Counts from 1 to 4 are shown as "<5", and the counts that would let someone
work them out from a total are hidden too (reports.suppression). Hours are not counts and are
shown as they are; a median is shown only when it rests on at least 5 cases.

The definitions follow the rapportage of one school (reports.figures), so a school's row here
matches its rapportage: direct hours are contacts plus each group session once (not once per
participant), indirect hours are time entries, contracted hours are pro rata by the days of the
period within each school year.

A municipality receives the report of a settled calendar quarter only, made once and then read
from its snapshot (settled_figures; docs/privacy.md): no two reports it can get overlap, and a
late registration never changes one it has had.

What never appears in the result: a pupil's name, date of birth, any free text of a case, or a
count below 5.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from cases.models import Case, Category, Consultation, Contact, GroupSession
from referrals.models import Referral, SocialMapEntry
from schools.models import Assignment, Municipality, School, SchoolYear
from timesheet.models import TimeEntry

from .figures import DaysBetween, Median, _moments, _round, hours
from .models import FundingSnapshot
from .periods import Period, settled_quarters
from .suppression import HIDDEN, SMALL, WITHHELD, Group, suppress

TOTAL = "total"
# the fewest cases a median may rest on
MEDIAN_MINIMUM = 5
REFERRED = Case.ClosureReason.REFERRED


def _school_key(pk: int) -> str:
    return f"school:{pk}"


def _sector_key(code: str) -> str:
    return f"sector:{code}"


# --- Grouped queries -------------------------------------------------------------------------


def _per_level(queryset: models.QuerySet, school: str, aggregates: dict) -> dict[str, dict]:
    """`aggregates` over `queryset` per school, per sector and over everything, in one query
    that reads the rows once (GROUP BY GROUPING SETS): {row key: {alias: value}}. `school` is
    the path from the queryset's model to its school.

    Django groups by the school and its sector; the statement it makes is given the two other
    levels. Rows of the sector level have no school, the total row neither."""
    sector = f"{school}__sector"
    grouped = queryset.order_by().values(school, sector).annotate(**aggregates)
    compiler = grouped.query.get_compiler(using=grouped.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # no schools at all: every figure is 0
        return {}
    by_school, by_sector = (compiler.compile(column[0])[0] for column in compiler.select[:2])
    if not sql.endswith(" GROUP BY 1, 2"):  # pragma: no cover - a new Django's way to group
        raise RuntimeError(f"unexpected grouping in {sql[-60:]!r}")
    sql = (
        sql.removesuffix(" GROUP BY 1, 2")
        + f" GROUP BY GROUPING SETS (({by_school}, {by_sector}), ({by_sector}), ())"
    )
    aliases = [alias for _expression, _sql, alias in compiler.select]
    result: dict[str, dict] = {}  # the empty grouping set gives the total row, even of no rows
    with connections[grouped.db].cursor() as cursor:
        cursor.execute(sql, params)
        for values in cursor.fetchall():
            row = dict(zip(aliases, values, strict=True))
            school_pk, sector_code = row.pop(school), row.pop(sector)
            if school_pk is not None:
                result[_school_key(school_pk)] = row
            elif sector_code is not None:
                result[_sector_key(sector_code)] = row
            else:
                result[TOTAL] = row
    return result


def _case_figures(schools: list[int], period: Period) -> dict[str, dict]:
    within = (period.start, period.end)
    signalled = Q(signalled_on__range=within)
    active = Q(signalled_on__lte=period.end) & (
        Q(closed_on__isnull=True) | Q(closed_on__gte=period.start)
    )
    closed = Q(closed_on__range=within)
    referred = closed & (Q(closure_reason=REFERRED) | Q(referred_on__isnull=False))
    open_at_end = Q(signalled_on__lte=period.end) & (
        Q(closed_on__isnull=True) | Q(closed_on__gt=period.end)
    )
    intake = Q(intake_on__range=within)
    aggregates = {
        "opened": Count("pk", filter=signalled),
        "active": Count("pk", filter=active),
        "closed": Count("pk", filter=closed),
        "open_end": Count("pk", filter=open_at_end),
        "referred": Count("pk", filter=referred),
        "resolved": Count("pk", filter=closed & ~referred),
        "intakes": Count("pk", filter=intake),
        "waiting_median": Median(DaysBetween("intake_on", "signalled_on"), filter=intake),
        "duration_median": Median(DaysBetween("closed_on", "signalled_on"), filter=closed),
    }
    for index, (code, _label) in enumerate(Category.choices):
        aggregates[f"category_{index}"] = Count(
            "pk", filter=active & Q(categories__contains=[code])
        )
    for index, (code, _label) in enumerate(Case.ClosureReason.choices):
        aggregates[f"reason_{index}"] = Count("pk", filter=closed & Q(closure_reason=code))
    cases = Case.objects.filter(school__in=schools)
    return _per_level(cases, "school", aggregates)


def _contact_figures(municipality: Municipality, period: Period) -> dict[str, dict]:
    # Through the municipality, unlike the other sources: told how many cases a large
    # municipality has, PostgreSQL scans every contact of the period (Utrecht on the bench
    # data: 43 -> 78 ms) instead of reading each case's contacts by its index.
    contacts = Contact.objects.filter(
        case__school__municipality=municipality, held_on__range=(period.start, period.end)
    )
    return _per_level(
        contacts,
        "case__school",
        {
            "pupils": Count("case__pupil", distinct=True),
            # a group session's contacts: its minutes count once, from the session
            "own_minutes": Sum("minutes", filter=Q(group_session__isnull=True)),
        },
    )


def _group_session_figures(schools: list[int], period: Period) -> dict[str, dict]:
    sessions = GroupSession.objects.filter(
        group__school__in=schools, held_on__range=(period.start, period.end)
    )
    return _per_level(
        sessions, "group__school", {"sessions": Count("pk"), "session_minutes": Sum("minutes")}
    )


def _time_entry_figures(schools: list[int], period: Period) -> dict[str, dict]:
    entries = TimeEntry.objects.filter(school__in=schools, on__range=(period.start, period.end))
    aggregates = {"entry_minutes": Sum("minutes")}
    for index, (code, _label) in enumerate(TimeEntry.Activity.choices):
        aggregates[f"activity_{index}"] = Sum("minutes", filter=Q(activity=code))
    return _per_level(entries, "school", aggregates)


def _consultation_figures(schools: list[int], period: Period) -> dict[str, dict]:
    consultations = Consultation.objects.filter(
        school__in=schools, held_on__range=(period.start, period.end)
    )
    return _per_level(consultations, "school", {"consultations": Count("pk")})


def _referral_figures(schools: list[int], period: Period) -> dict[str, dict]:
    start, end = _moments(period)
    referrals = Referral.objects.filter(
        case__school__in=schools, created_at__gte=start, created_at__lt=end
    )
    aggregates = {"referrals": Count("pk")}
    for index, (code, _label) in enumerate(SocialMapEntry.Kind.choices):
        aggregates[f"destination_{index}"] = Count("pk", filter=Q(destination__kind=code))
    return _per_level(referrals, "case__school", aggregates)


def _meldcode_figures(schools: list[int], period: Period) -> tuple[dict, dict]:
    """Meldcode trajectories started and meldingen to Veilig Thuis made in the period, and the
    (anonymous) advice asked of Veilig Thuis (meldcode.figures counts the same per school)."""
    from meldcode.models import Consultation as MeldcodeConsultation
    from meldcode.models import Trajectory

    start, end = _moments(period)
    within = (period.start, period.end)
    trajectories = _per_level(
        Trajectory.objects.filter(case__school__in=schools),
        "case__school",
        {
            "trajectories": Count("pk", filter=Q(started_at__gte=start, started_at__lt=end)),
            "meldingen": Count("pk", filter=Q(reported_on__range=within)),
        },
    )
    advice = _per_level(
        MeldcodeConsultation.objects.filter(
            trajectory__case__school__in=schools, veilig_thuis=True, held_on__range=within
        ),
        "trajectory__case__school",
        {"advice": Count("pk")},
    )
    return trajectories, advice


def _contracted(municipality: Municipality, period: Period) -> dict[str, Decimal]:
    """Contracted hours per school, per sector and in total, pro rata for `period`: each
    overlapping school year's hours times the share of its days (365 or 366) within the period;
    the rule of reports.figures.contracted_hours, in three grouped queries."""
    first, last = SchoolYear.start_year_for(period.start), SchoolYear.start_year_for(period.end)
    assignments = Assignment.objects.filter(
        school__municipality=municipality, school_year__start_year__range=(first, last)
    ).order_by()
    year = "school_year__start_year"
    exact: dict[str, Decimal] = {}
    for level, key in (("school", _school_key), ("school__sector", _sector_key), (None, None)):
        rows = assignments.values(*filter(None, (level, year))).annotate(h=Sum("contracted_hours"))
        for row in rows:
            row_key = key(row[level]) if level else TOTAL
            exact[row_key] = exact.get(row_key, Decimal(0)) + _pro_rata(row["h"], row[year], period)
    return {row_key: _round(value) for row_key, value in exact.items()}


def _pro_rata(contracted: Decimal, start_year: int, period: Period) -> Decimal:
    school_year = SchoolYear(start_year=start_year)
    overlap = (min(period.end, school_year.end) - max(period.start, school_year.start)).days + 1
    return contracted * overlap / ((school_year.end - school_year.start).days + 1)


# --- The raw figures -------------------------------------------------------------------------


@dataclass
class _Row:
    key: str
    level: str  # "school", "sector" or "total"
    label: str
    sector: str = ""
    brin: str = ""


@dataclass
class _Raw:
    """Every figure before suppression. Never shown: funding_figures() is what a page, a PDF or
    an export may use."""

    rows: list[_Row]
    counts: dict[tuple[str, str], int] = field(default_factory=dict)  # (column, row key)
    hours: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    # (median or None without cases, the number of cases it rests on)
    medians: dict[tuple[str, str], tuple[Decimal | None, int]] = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)

    def count(self, column: str, row: str) -> int:
        return self.counts[(column, row)]


# (column key, alias in the query results, label): the counts broken down by a choice
def _breakdowns() -> dict[str, list[tuple[str, str, str]]]:
    return {
        "categories": [
            (f"category:{code}", f"category_{i}", str(label))
            for i, (code, label) in enumerate(Category.choices)
        ],
        "closures": [
            (f"reason:{code}", f"reason_{i}", str(label))
            for i, (code, label) in enumerate(Case.ClosureReason.choices)
        ],
        "referrals": [
            (f"destination:{code}", f"destination_{i}", str(label))
            for i, (code, label) in enumerate(SocialMapEntry.Kind.choices)
        ],
        "indirect": [
            (f"activity:{code}", f"activity_{i}", str(label))
            for i, (code, label) in enumerate(TimeEntry.Activity.choices)
        ],
    }


def _raw(municipality: Municipality, period: Period) -> _Raw:
    """All figures of the report, unsuppressed, in a fixed number of queries."""
    schools = list(
        School.objects.filter(municipality=municipality)
        .order_by("name", "pk")
        .values("pk", "name", "brin", "sector", "active")
    )
    # The sources are read for these schools by their ids, not through a join on the
    # municipality: PostgreSQL then knows how few of all rows they are and reads them by the
    # school indexes, rather than scanning every case of the region.
    ids = [school["pk"] for school in schools]
    cases = _case_figures(ids, period)
    contacts = _contact_figures(municipality, period)
    sessions = _group_session_figures(ids, period)
    entries = _time_entry_figures(ids, period)
    consultations = _consultation_figures(ids, period)
    referrals = _referral_figures(ids, period)
    meldcode, meldcode_advice = _meldcode_figures(ids, period)
    contracted = _contracted(municipality, period)
    breakdowns = _breakdowns()

    def value(source: dict, row: str, alias: str) -> int:
        return (source.get(row) or {}).get(alias) or 0

    count_sources: list[tuple[str, dict, str]] = [
        ("pupils", contacts, "pupils"),
        ("opened", cases, "opened"),
        ("active", cases, "active"),
        ("closed", cases, "closed"),
        ("open_end", cases, "open_end"),
        ("resolved", cases, "resolved"),
        ("referred", cases, "referred"),
        ("intakes", cases, "intakes"),
        ("referrals", referrals, "referrals"),
        ("group_sessions", sessions, "sessions"),
        ("consultations", consultations, "consultations"),
        ("meldcode_trajectories", meldcode, "trajectories"),
        ("meldcode_meldingen", meldcode, "meldingen"),
        ("meldcode_advice", meldcode_advice, "advice"),
    ]
    count_sources += [(key, cases, alias) for key, alias, _l in breakdowns["categories"]]
    count_sources += [(key, cases, alias) for key, alias, _l in breakdowns["closures"]]
    count_sources += [(key, referrals, alias) for key, alias, _l in breakdowns["referrals"]]

    def figures_of(row: str) -> tuple[dict, dict, dict]:
        counts = {column: value(source, row, alias) for column, source, alias in count_sources}
        direct = value(contacts, row, "own_minutes") + value(sessions, row, "session_minutes")
        indirect = value(entries, row, "entry_minutes")
        hour_values = {
            "contracted": contracted.get(row, Decimal("0.0")),
            "direct": hours(direct),
            "indirect": hours(indirect),
            "delivered": hours(direct + indirect),
        }
        for column, alias, _label in breakdowns["indirect"]:
            hour_values[column] = hours(value(entries, row, alias))
        medians = {}
        for column, alias in (("waiting_median", "intakes"), ("duration_median", "closed")):
            median = (cases.get(row) or {}).get(column)
            exact = None if median is None else _round(Decimal(str(median)))
            medians[column] = (exact, counts[alias])
        return counts, hour_values, medians

    raw = _Raw(rows=[])
    sectors: dict[str, list[_Row]] = {}
    for school in schools:
        row = _Row(
            _school_key(school["pk"]), "school", school["name"], school["sector"], school["brin"]
        )
        counts, hour_values, medians = figures_of(row.key)
        # a school no longer served stays in the report while it has something to report
        if not school["active"] and not any(counts.values()) and not any(hour_values.values()):
            continue
        sectors.setdefault(row.sector, []).append(row)
    for code, label in School.Sector.choices:
        if code not in sectors:
            continue
        raw.rows += sectors[code]
        raw.rows.append(_Row(_sector_key(code), "sector", str(label), code))
    raw.rows.append(_Row(TOTAL, "total", _("Total")))

    for row in raw.rows:
        counts, hour_values, medians = figures_of(row.key)
        raw.counts |= {(column, row.key): n for column, n in counts.items()}
        raw.hours |= {(column, row.key): h for column, h in hour_values.items()}
        raw.medians |= {(column, row.key): m for column, m in medians.items()}

    raw.groups = list(_groups(raw, count_columns=[c for c, _s, _a in count_sources]))
    return raw


def _groups(raw: _Raw, count_columns: list[str]) -> Iterable[Group]:
    """The sums that tie the counts together, for the secondary suppression."""
    breakdowns = _breakdowns()
    schools_of: dict[str, list[str]] = {}
    for row in raw.rows:
        if row.level == "school":
            schools_of.setdefault(row.sector, []).append(row.key)
    # down the table: the schools of a sector add up to the sector, the sectors to the total
    for column in count_columns:
        for sector, schools in schools_of.items():
            yield Group.of([(column, s) for s in schools], (column, _sector_key(sector)))
        yield Group.of([(column, _sector_key(s)) for s in schools_of], (column, TOTAL))
    # across a row: a breakdown adds up to its total
    across = [
        ([key for key, _a, _l in breakdowns["categories"]], "active"),  # at least: overlapping
        ([key for key, _a, _l in breakdowns["closures"]], "closed"),
        (["resolved", "referred"], "closed"),
        (["closed", "open_end"], "active"),
        ([key for key, _a, _l in breakdowns["referrals"]], "referrals"),
    ]
    for row in raw.rows:
        for members, total in across:
            yield Group.of([(column, row.key) for column in members], (total, row.key))


# --- The report ------------------------------------------------------------------------------


@dataclass
class _Column:
    key: str
    label: str
    kind: str  # "count", "hours", "percentage" or "days"


def funding_figures(municipality: Municipality, period: Period) -> dict:
    """The funding report of `municipality` over `period`, ready for a template or an export.

    {
      "municipality": name,
      "period": {"start": date, "end": date, "label": str},
      "small": "<5", "hidden": "×", "small_median": "<5 cases" (translated),
      "withheld": ".", "uses_withheld": whether a count is shown as ".",
      "tables": [table, …],          # in report order; each also at figures[table["key"]]
      "hours": table, "indirect": table, "cases": table, "categories": table,
      "closures": table, "outcome": table, "referrals": table, "waiting": table,
      "activities": table,
    }
    table: {"key", "title", "note", "columns": [{"key", "label", "kind"}], "rows": [row, …]}
        kind: "count" (int, "<5", "×" or "."), "hours" (Decimal), "percentage" (int, None when
        there is nothing to divide by, "×" when it would give a hidden count away) or "days"
        (Decimal, None without cases, "<5 cases" when fewer than 5 cases)
    row: {"level": "school" | "sector" | "total", "key", "label", "sector", "brin",
          "cells": {column key: value}, "values": [value per column, in column order]}
        rows come sector by sector: its schools by name, then the sector; the total last.

    Breakdown tables (indirect, categories, closures, referrals) have a column for each choice
    that occurs in the municipality in the period, then their total column.
    """
    return _present(municipality.name, period, _protect(municipality, period))


def offered_quarters(
    municipalities: models.QuerySet[Municipality], today: datetime.date
) -> dict[str, Period]:
    """The quarters whose funding report `municipalities` can get on `today`, newest first by
    key ("2026-Q3"): the settled ones, back to the first case or time entry at their schools."""
    schools = School.objects.filter(municipality__in=municipalities)
    firsts = [
        Case.objects.filter(school__in=schools).aggregate(first=models.Min("signalled_on")),
        TimeEntry.objects.filter(school__in=schools).aggregate(first=models.Min("on")),
    ]
    known = [first["first"] for first in firsts if first["first"] is not None]
    if not known:
        return {}
    return settled_quarters(today, since=min(known))


def settled_figures(municipality: Municipality, period: Period) -> dict:
    """The funding report of a settled quarter as the municipality first received it: made
    once and stored (reports.models.FundingSnapshot), read from there ever after. A case or
    contact registered late changes no report already made, so two reports of one quarter
    can never be set side by side to single it out. The figures are those of funding_figures.
    """
    scope = {"municipality": municipality, "period_start": period.start, "period_end": period.end}
    snapshot = FundingSnapshot.objects.filter(**scope).first()
    if snapshot is None:
        # Two requests at once: the unique constraint lets one store its figures, and
        # get_or_create gives the other those.
        snapshot, created = FundingSnapshot.objects.get_or_create(
            **scope, defaults={"figures": _protect(municipality, period)}
        )
        if created:  # read back, as every later request reads it
            snapshot.refresh_from_db(fields=["figures"])
    return _present(municipality.name, period, snapshot.figures)


def _tables(occurring: dict[str, list[str]]) -> list[tuple[str, str, str, list[_Column]]]:
    """The report's tables in order: (key, title, note, columns). `occurring`: per breakdown,
    the keys of its choices that occur in the municipality in the period."""
    breakdowns = _breakdowns()

    def breakdown(name: str) -> list[_Column]:
        labels = {key: label for key, _alias, label in breakdowns[name]}
        kind = "hours" if name == "indirect" else "count"
        return [_Column(key, labels[key], kind) for key in occurring[name]]

    count, hour, percentage, days = "count", "hours", "percentage", "days"
    return [
        (
            "hours",
            _("Hours contracted and delivered"),
            _(
                "Contracted: the school year's hours, pro rata by the days of the period. "
                "Direct: contacts with pupils and parents, a group session counted once. "
                "Indirect: registered time (consultation, ZAT, training, administration, travel)."
            ),
            [
                _Column("contracted", _("Contracted"), hour),
                _Column("direct", _("Direct"), hour),
                _Column("indirect", _("Indirect"), hour),
                _Column("delivered", _("Delivered"), hour),
                _Column("delivered_share", _("Delivered of contracted (%)"), percentage),
            ],
        ),
        (
            "indirect",
            _("Indirect hours by activity"),
            "",
            [
                *breakdown("indirect"),
                _Column("indirect", _("Indirect"), hour),
            ],
        ),
        (
            "cases",
            _("Pupils and cases"),
            _(
                "Pupils reached: different pupils with at least one contact in the period. "
                "New signals: cases signalled in the period. Active: cases open at some moment "
                "in the period."
            ),
            [
                _Column("pupils", _("Pupils reached"), count),
                _Column("opened", _("New signals (cases opened)"), count),
                _Column("active", _("Cases active in the period"), count),
                _Column("closed", _("Cases closed"), count),
                _Column("open_end", _("Open at the end of the period"), count),
            ],
        ),
        (
            "categories",
            _("Problem categories"),
            _("Cases active in the period; a case can have more than one category."),
            [
                *breakdown("categories"),
                _Column("active", _("Cases active in the period"), count),
            ],
        ),
        (
            "closures",
            _("Cases closed by reason"),
            "",
            [*breakdown("closures"), _Column("closed", _("Cases closed"), count)],
        ),
        (
            "outcome",
            _("Resolved within school and family, or referred"),
            _(
                "Referred: closed with the reason 'referred and handed over', or referred to "
                "external help during the case. Every other closure was resolved within school "
                "and family."
            ),
            [
                _Column("resolved", _("Resolved within school and family"), count),
                _Column("referred", _("Referred"), count),
                _Column("closed", _("Cases closed"), count),
                _Column("resolved_share", _("Resolved (%)"), percentage),
                _Column("referred_share", _("Referred (%)"), percentage),
            ],
        ),
        (
            "referrals",
            _("Referrals by destination"),
            _("Referrals made in the period, by the kind of organisation referred to."),
            [
                *breakdown("referrals"),
                _Column("referrals", _("Referrals"), count),
            ],
        ),
        (
            "waiting",
            _("Waiting time and duration"),
            _(
                "Median number of days from signal to intake (cases whose intake was in the "
                "period) and from signal to closure (cases closed in the period); shown only "
                "when it rests on at least 5 cases."
            ),
            [
                _Column("intakes", _("Intakes"), count),
                _Column("waiting_median", _("Median waiting time (days)"), days),
                _Column("closed", _("Cases closed"), count),
                _Column("duration_median", _("Median duration (days)"), days),
            ],
        ),
        (
            "activities",
            _("Group sessions and consultations"),
            "",
            [
                _Column("group_sessions", _("Group sessions held"), count),
                _Column("consultations", _("Consultations held"), count),
            ],
        ),
        (
            "meldcode",
            _("Meldcode huiselijk geweld en kindermishandeling"),
            _(
                "Meldcode trajectories started in the period, meldingen to Veilig Thuis made in "
                "it, and the (anonymous) advice asked of Veilig Thuis."
            ),
            [
                _Column("meldcode_trajectories", _("Meldcode trajectories started"), count),
                _Column("meldcode_meldingen", _("Meldingen to Veilig Thuis"), count),
                _Column("meldcode_advice", _("Advice asked of Veilig Thuis"), count),
            ],
        ),
    ]


def _protect(municipality: Municipality, period: Period) -> dict:
    """Every value the report shows, after suppression and without its words: what a
    snapshot stores (JSON; hours and medians as Decimal, which JSON keeps as text).

    {"rows": [{"key", "level", "label", "sector", "brin"}, …],
     "occurring": {breakdown: [column key, …]},
     "cells": {row key: {column key: value}},
     "uses_withheld": bool}

    A median resting on fewer than 5 cases is stored as SMALL: never the median itself."""
    raw = _raw(municipality, period)
    shown = suppress(raw.counts, raw.groups)
    occurring = {
        name: [key for key, _alias, _label in choices if source[(key, TOTAL)]]
        for name, choices in _breakdowns().items()
        for source in [raw.hours if name == "indirect" else raw.counts]
    }

    def cell(column: str, row: str):
        at = (column, row)
        if at in shown:
            return shown[at]
        if at in raw.hours:
            return raw.hours[at]
        if at in raw.medians:
            median, cases = raw.medians[at]
            if cases == 0:
                return None
            return SMALL if cases < MEDIAN_MINIMUM else median
        return _derived(column, row, raw, shown)

    columns = {column.key for _k, _t, _n, of in _tables(occurring) for column in of}
    return {
        "rows": [
            {"key": r.key, "level": r.level, "label": r.label, "sector": r.sector, "brin": r.brin}
            for r in raw.rows
        ],
        "occurring": occurring,
        "cells": {
            row.key: {column: cell(column, row.key) for column in columns} for row in raw.rows
        },
        "uses_withheld": WITHHELD in shown.values(),
    }


def _present(municipality: str, period: Period, protected: dict) -> dict:
    """The report for a template or an export (see funding_figures) from its protected values
    (_protect), in the language of the moment."""
    small_median = _("<5 cases")
    sectors = dict(School.Sector.choices)

    def label(row: dict) -> str:
        if row["level"] == "sector":
            return str(sectors.get(row["sector"], row["sector"]))
        return _("Total") if row["level"] == "total" else row["label"]

    def typed(column: _Column, value):
        if column.kind == "days" and value == SMALL:
            return small_median
        if column.kind in ("hours", "days") and value is not None:
            return Decimal(value)
        return value

    result = {
        "municipality": municipality,
        "period": {"start": period.start, "end": period.end, "label": period.label},
        "small": SMALL,
        "hidden": HIDDEN,
        "withheld": WITHHELD,
        "uses_withheld": protected["uses_withheld"],
        "small_median": small_median,
        "tables": [],
    }
    for key, title, note, columns in _tables(protected["occurring"]):
        table = {
            "key": key,
            "title": title,
            "note": note,
            "columns": [vars(column) for column in columns],
            "rows": [],
        }
        for row in protected["rows"]:
            values = protected["cells"][row["key"]]
            # .get: a snapshot stored before a column existed has no value for it
            cells = {column.key: typed(column, values.get(column.key)) for column in columns}
            table["rows"].append(
                {
                    "level": row["level"],
                    "key": row["key"],
                    "label": label(row),
                    "sector": row["sector"],
                    "brin": row["brin"],
                    "cells": cells,
                    "values": list(cells.values()),
                }
            )
        result["tables"].append(table)
        result[key] = table
    return result


def _derived(column: str, row: str, raw: _Raw, shown: dict) -> int | str | None:
    """Whole percentages, rounded as in the rapportage. A share of cases is shown only where
    the counts it comes from are shown: a share of a shown total would give a hidden count
    away. None where there is nothing to divide by."""
    if column == "delivered_share":
        contracted, delivered = raw.hours[("contracted", row)], raw.hours[("delivered", row)]
        return round(delivered * 100 / contracted) if contracted else None
    part = {"resolved_share": "resolved", "referred_share": "referred"}[column]
    closed = raw.count("closed", row)
    if closed == 0:
        return None
    if not all(isinstance(shown[(c, row)], int) for c in ("resolved", "referred", "closed")):
        return HIDDEN
    return round(Decimal(raw.count(part, row) * 100) / closed)
