"""The funding report's figures in one hand-written SQL statement: the yardstick the benchmark
holds reports.funding against (docs/performance.md). Every source is read once, grouped by
school, by sector and in total with GROUPING SETS; the result is keyed like reports.funding's
raw figures, so the two can be compared figure by figure."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

from django.db import connection

from cases.models import Case, Category
from referrals.models import SocialMapEntry
from timesheet.models import TimeEntry

LEVELS = "GROUPING SETS ((s.id, s.sector), (s.sector), ())"


def _filtered_counts(prefix: str, expression: str, choices) -> str:
    return ", ".join(
        f"'{prefix}:{code}', count(*) FILTER (WHERE {expression.format(code=code)})"
        for code, _label in choices
    )


def _statement() -> str:
    period = "BETWEEN %(start)s AND %(end)s"
    active = "c.signalled_on <= %(end)s AND (c.closed_on IS NULL OR c.closed_on >= %(start)s)"
    closed = f"c.closed_on {period}"
    referred = f"{closed} AND (c.closure_reason = 'verwezen' OR c.referred_on IS NOT NULL)"
    categories = _filtered_counts(
        "category", active + " AND c.categories @> ARRAY['{code}']::varchar[]", Category.choices
    )
    reasons = _filtered_counts(
        "reason", closed + " AND c.closure_reason = '{code}'", Case.ClosureReason.choices
    )
    destinations = _filtered_counts("destination", "d.kind = '{code}'", SocialMapEntry.Kind.choices)
    activities = ", ".join(
        f"'activity:{code}', coalesce(sum(t.minutes) FILTER (WHERE t.activity = '{code}'), 0)"
        for code, _label in TimeEntry.Activity.choices
    )
    # Each part: (grouping, school, sector, figures as jsonb).
    return f"""
WITH s AS (SELECT id, sector FROM schools_school WHERE municipality_id = %(municipality)s),
parts AS (
    SELECT GROUPING(s.id, s.sector) AS g, s.id AS school, s.sector, jsonb_build_object(
        'opened', count(*) FILTER (WHERE c.signalled_on {period}),
        'active', count(*) FILTER (WHERE {active}),
        'closed', count(*) FILTER (WHERE {closed}),
        'open_end', count(*) FILTER (WHERE c.signalled_on <= %(end)s
                                     AND (c.closed_on IS NULL OR c.closed_on > %(end)s)),
        'referred', count(*) FILTER (WHERE {referred}),
        'resolved', count(*) FILTER (WHERE {closed} AND NOT ({referred})),
        'intakes', count(*) FILTER (WHERE c.intake_on {period}),
        'waiting_median', percentile_cont(0.5) WITHIN GROUP (ORDER BY c.intake_on - c.signalled_on)
                          FILTER (WHERE c.intake_on {period}),
        'duration_median', percentile_cont(0.5) WITHIN GROUP (ORDER BY c.closed_on - c.signalled_on)
                           FILTER (WHERE {closed})
    ) || jsonb_build_object({categories}) || jsonb_build_object({reasons}) AS figures
    FROM cases_case c JOIN s ON s.id = c.school_id
    GROUP BY {LEVELS}
  UNION ALL
    SELECT GROUPING(s.id, s.sector), s.id, s.sector, jsonb_build_object(
        'pupils', count(DISTINCT c.pupil_id),
        'own_minutes', coalesce(sum(k.minutes) FILTER (WHERE k.group_session_id IS NULL), 0))
    FROM cases_contact k JOIN cases_case c ON c.id = k.case_id JOIN s ON s.id = c.school_id
    WHERE k.held_on {period}
    GROUP BY {LEVELS}
  UNION ALL
    SELECT GROUPING(s.id, s.sector), s.id, s.sector, jsonb_build_object(
        'group_sessions', count(*), 'session_minutes', coalesce(sum(gs.minutes), 0))
    FROM cases_groupsession gs JOIN cases_group gr ON gr.id = gs.group_id
         JOIN s ON s.id = gr.school_id
    WHERE gs.held_on {period}
    GROUP BY {LEVELS}
  UNION ALL
    SELECT GROUPING(s.id, s.sector), s.id, s.sector, jsonb_build_object(
        'indirect_minutes', coalesce(sum(t.minutes), 0), {activities})
    FROM timesheet_timeentry t JOIN s ON s.id = t.school_id
    WHERE t.on {period}
    GROUP BY {LEVELS}
  UNION ALL
    SELECT GROUPING(s.id, s.sector), s.id, s.sector, jsonb_build_object('consultations', count(*))
    FROM cases_consultation q JOIN s ON s.id = q.school_id
    WHERE q.held_on {period}
    GROUP BY {LEVELS}
  UNION ALL
    SELECT GROUPING(s.id, s.sector), s.id, s.sector,
           jsonb_build_object('referrals', count(*)) || jsonb_build_object({destinations})
    FROM referrals_referral r JOIN cases_case c ON c.id = r.case_id
         JOIN s ON s.id = c.school_id JOIN referrals_socialmapentry d ON d.id = r.destination_id
    WHERE r.created_at >= %(from)s AND r.created_at < %(until)s
    GROUP BY {LEVELS}
  UNION ALL
    SELECT GROUPING(s.id, s.sector), s.id, s.sector, jsonb_build_object('contracted', round(sum(
        a.contracted_hours
        * (LEAST(%(end)s, make_date(y.start_year + 1, 7, 31))
           - GREATEST(%(start)s, make_date(y.start_year, 8, 1)) + 1)
        / (make_date(y.start_year + 1, 7, 31) - make_date(y.start_year, 8, 1) + 1)), 1))
    FROM schools_assignment a JOIN schools_schoolyear y ON y.id = a.school_year_id
         JOIN s ON s.id = a.school_id
    WHERE make_date(y.start_year, 8, 1) <= %(end)s
      AND make_date(y.start_year + 1, 7, 31) >= %(start)s
    GROUP BY {LEVELS}
)
SELECT g, school, sector, figures FROM parts"""  # noqa: S608 - codes from our own choices


def funding_sql(municipality_id: int, start: datetime.date, end: datetime.date) -> dict:
    """{(figure, row key): value}, row keys as in reports.funding: "school:<pk>",
    "sector:<code>", "total"."""
    from django.utils import timezone

    moments = {
        "from": timezone.make_aware(datetime.datetime.combine(start, datetime.time.min)),
        "until": timezone.make_aware(
            datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
        ),
    }
    with connection.cursor() as cursor:
        cursor.execute(
            _statement(), {"municipality": municipality_id, "start": start, "end": end} | moments
        )
        rows = cursor.fetchall()
    result: dict[tuple[str, str], object] = {}
    for grouping, school, sector, figures in rows:
        if isinstance(figures, str):  # Django leaves jsonb undecoded
            figures = json.loads(figures)
        key = {0: f"school:{school}", 2: f"sector:{sector}"}.get(grouping, "total")
        for name, value in figures.items():
            result[(name, key)] = value
    return result


def _hours(minutes) -> Decimal:
    from reports.figures import hours

    return hours(int(minutes or 0))


def compare(raw, sql: dict) -> bool:
    """Do the app's raw figures (reports.funding._raw: before suppression) equal the SQL's,
    for every row?"""
    from reports.figures import _round

    differences = []
    rows = {key for _name, key in raw.counts}
    for (column, key), value in raw.counts.items():
        expected = sql.get((column, key), 0) or 0
        if value != expected:
            differences.append((column, key, value, expected))
    for key in rows:
        minutes = (sql.get(("own_minutes", key)) or 0) + (sql.get(("session_minutes", key)) or 0)
        direct = _hours(minutes)
        checks = {
            "direct": direct,
            "indirect": _hours(sql.get(("indirect_minutes", key))),
            "contracted": Decimal(str(sql.get(("contracted", key)) or "0.0")),
        }
        for column, expected in checks.items():
            if raw.hours.get((column, key)) != expected:
                differences.append((column, key, raw.hours.get((column, key)), expected))
        for column in ("waiting_median", "duration_median"):
            median, _cases = raw.medians[(column, key)]
            value = sql.get((column, key))
            expected = None if value is None else _round(Decimal(str(value)))
            if median != expected:
                differences.append((column, key, median, expected))
    if differences:
        print(f"  funding differences ({len(differences)}): {differences[:5]}", flush=True)
    return not differences
