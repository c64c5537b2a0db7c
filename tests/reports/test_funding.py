"""The funding report of a municipality, checked against a count made here.

The world: Gemeente Noord with two primary schools (De Regenboog, Het Anker) and a secondary
school (Het Lyceum), plus an inactive school with nothing to report; Gemeente Zuid with Het
Baken, whose rows must never be counted. The period is the calendar year 2026, which spans two
school years (so contracted hours are pro rata over both); cases, contacts, group sessions,
time entries, consultations and referrals sit on both sides of its edges (31 December 2025,
1 January 2026, 31 December 2026, 1 January 2027, in Amsterdam time).

Every figure is counted again in plain Python over the rows the test made (the `oracle_*`
functions), the telling ones are also written out by hand, and the shown counts are attacked
with the solver of test_suppression: no hidden count may be worked out.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import User
from cases.models import Case, Category, Consultation, Contact, GroupSession
from referrals.models import Referral, SocialMapEntry
from reports import charts, funding, runs
from reports import figures as school_figures
from reports.exports import funding_csv, funding_xlsx, inert
from reports.models import ReportRun
from reports.periods import Period
from reports.suppression import HIDDEN, SMALL, WITHHELD, Group
from schools.models import Assignment, Municipality, School, SchoolYear
from smw.pdf import render_pdf
from tests import factories
from timesheet.models import TimeEntry

from .builders import (
    at,
    create_case,
    create_contact,
    create_group_session,
    create_referral,
    create_time_entry,
)
from .test_suppression import possible_values

Stage = Case.Stage
Reason = Case.ClosureReason
Kind = SocialMapEntry.Kind
Activity = TimeEntry.Activity
D = datetime.date
YEAR = Period(D(2026, 1, 1), D(2026, 12, 31), "2026")

SECRETS = (
    "VRIJE-TEKST-SIGNAAL",
    "UITKOMST-VRIJE-TEKST",
    "GEHEIM-GESPREKSVERSLAG",
    "PRIVE-WERKNOTITIE",
    "GEHEIME-VRAAG",
    "GEHEIM-ADVIES",
)


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@dataclass
class World:
    north: Municipality
    south: Municipality
    regenboog: School
    anker: School
    lyceum: School
    baken: School
    wendy: User
    karim: User


def _consultation(*, school: School, worker: User, held_on: datetime.date) -> Consultation:
    return Consultation.objects.create(
        school=school,
        worker=worker,
        held_on=held_on,
        minutes=30,
        with_whom=Consultation.With.TEACHER,
        question="GEHEIME-VRAAG over de klas",
        advice="GEHEIM-ADVIES voor de leerkracht",
    )


@pytest.fixture
def world(db) -> World:
    north = factories.create_municipality(name="Gemeente Noord")
    south = factories.create_municipality(name="Gemeente Zuid")
    regenboog = factories.create_school(name="Basisschool De Regenboog", municipality=north)
    anker = factories.create_school(name="Basisschool Het Anker", municipality=north)
    lyceum = factories.create_school(name="Het Lyceum", municipality=north, sector="VO")
    baken = factories.create_school(name="Het Baken", municipality=south)
    old = factories.create_school(name="De Oude School", municipality=north, sector="SO")
    School.objects.filter(pk=old.pk).update(active=False)
    wendy = factories.create_worker(username="wendy", first_name="Wendy", last_name="Werker")
    karim = factories.create_worker(username="karim", first_name="Karim", last_name="Kaya")
    zora = factories.create_coordinator(username="zora", school=regenboog)

    years = {y: SchoolYear.objects.get_or_create(start_year=y)[0] for y in range(2024, 2028)}
    for worker, school, year, hours in [
        (wendy, regenboog, 2025, "200"),
        (karim, regenboog, 2025, "120"),
        (wendy, regenboog, 2026, "180"),
        (karim, anker, 2025, "100"),
        (karim, anker, 2026, "150"),
        (wendy, lyceum, 2026, "365"),
        (wendy, lyceum, 2024, "500"),  # ended before the period
        (karim, lyceum, 2027, "400"),  # starts after it
        (wendy, baken, 2025, "400"),  # another municipality
    ]:
        factories.create_assignment(worker=worker, school=school, year=years[year], hours=hours)

    def case(school, first, last, signalled, *, intake=None, referred=None, closed=None, **kw):
        moves = [
            (at(day), stage)
            for day, stage in (
                (intake, Stage.INTAKE),
                (referred, Stage.REFERRED),
                (closed, Stage.CLOSED),
            )
            if day
        ]
        return create_case(
            school=school,
            first_name=first,
            last_name=last,
            signalled_on=signalled,
            moves=moves,
            caseworker=kw.pop("worker", wendy),
            reported_by=zora,
            closure_reason=kw.pop("reason", Reason.GOAL_REACHED),
            **kw,
        )

    r, a = regenboog, anker
    c = {
        # signalled the day before the period; intake on its fifth day
        "anna": case(
            r,
            "Anna",
            "Aalders",
            D(2025, 12, 31),
            intake=D(2026, 1, 5),
            categories=["pesten", "gedrag"],
        ),
        "bram": case(
            r,
            "Bram",
            "Bosman",
            D(2026, 1, 1),
            intake=D(2026, 1, 13),
            closed=D(2026, 6, 30),
            categories=["pesten"],
        ),
        "cees": case(r, "Cees", "Claassen", D(2026, 12, 31), categories=["rouw"]),
        # signalled the day after: in nothing
        "dirk": case(r, "Dirk", "Dekker", D(2027, 1, 1)),
        # closed the day before: not active
        "eva": case(
            r,
            "Eva",
            "Evers",
            D(2025, 9, 1),
            intake=D(2025, 9, 10),
            closed=D(2025, 12, 31),
            categories=["echtscheiding"],
        ),
        # closed on the first day
        "fleur": case(
            r,
            "Fleur",
            "Fokkens",
            D(2025, 10, 1),
            intake=D(2025, 10, 8),
            closed=D(2026, 1, 1),
            reason=Reason.ADVICE_SUFFICED,
            categories=["pesten", "gedrag"],
        ),
        # referred on the way, closed on the last day with "goal reached": referred
        "gijs": case(
            r,
            "Gijs",
            "Groen",
            D(2026, 3, 1),
            intake=D(2026, 3, 11),
            referred=D(2026, 4, 1),
            closed=D(2026, 12, 31),
            categories=["psychisch", "gedrag"],
        ),
        # closed the day after the period: open at its end
        "hanna": case(
            r,
            "Hanna",
            "Hoek",
            D(2026, 5, 1),
            intake=D(2026, 5, 8),
            closed=D(2027, 1, 1),
            reason=Reason.DECLINED,
            categories=["gedrag"],
        ),
        "iris": case(
            r,
            "Iris",
            "Ivens",
            D(2026, 2, 2),
            intake=D(2026, 2, 20),
            closed=D(2026, 9, 15),
            reason=Reason.REFERRED,
            categories=["pesten", "psychisch"],
        ),
        "joost": case(
            r,
            "Joost",
            "Jacobs",
            D(2026, 2, 10),
            intake=D(2026, 2, 17),
            closed=D(2026, 10, 1),
            categories=["gedrag", "opvoeding"],
        ),
        "kees": case(
            r,
            "Kees",
            "Kok",
            D(2026, 4, 1),
            intake=D(2026, 4, 6),
            closed=D(2026, 11, 20),
            categories=["pesten"],
        ),
        "lars": case(
            r,
            "Lars",
            "Lamers",
            D(2026, 6, 1),
            intake=D(2026, 6, 15),
            closed=D(2026, 12, 1),
            reason=Reason.REFERRED,
            categories=["pesten", "gedrag"],
        ),
        "mila": case(
            r, "Mila", "Meijer", D(2026, 9, 1), intake=D(2026, 9, 4), categories=["gedrag"]
        ),
        "noor": case(r, "Noor", "Nijland", D(2026, 10, 1), categories=["verzuim"]),
        "otto": case(
            a,
            "Otto",
            "Oosterhuis",
            D(2026, 1, 15),
            intake=D(2026, 1, 20),
            closed=D(2026, 5, 1),
            worker=karim,
        ),
        "piet": case(
            a,
            "Piet",
            "Peeters",
            D(2026, 3, 1),
            intake=D(2026, 3, 3),
            closed=D(2026, 7, 1),
            reason=Reason.MOVED,
            categories=["gedrag"],
            worker=karim,
        ),
        # intake on the last day
        "quinten": case(
            a,
            "Quinten",
            "Quist",
            D(2026, 11, 30),
            intake=D(2026, 12, 31),
            categories=["rouw"],
            worker=karim,
        ),
        # intake the day after
        "roos": case(a, "Roos", "Rijnders", D(2026, 12, 20), intake=D(2027, 1, 1), worker=karim),
        # Gemeente Zuid
        "baken1": case(
            baken,
            "Berend",
            "Botterweg",
            D(2026, 3, 1),
            intake=D(2026, 3, 5),
            closed=D(2026, 6, 1),
            reason=Reason.REFERRED,
        ),
        "baken2": case(baken, "Bente", "Bruinsma", D(2026, 4, 1), categories=["rouw"]),
    }
    lyceum_names = [
        ("Sanne", "Smeets"),
        ("Tim", "Terpstra"),
        ("Umut", "Uysal"),
        ("Vera", "Verbeek"),
        ("Wout", "Wijnands"),
        ("Xander", "Xhofleer"),
        ("Yara", "Yilmaz"),
        ("Zeynep", "Zandvliet"),
        ("Daan", "Dijkhuis"),
    ]
    lyceum_cases = []
    for i, (first, last) in enumerate(lyceum_names):
        signalled = D(2026, 1, 10) + datetime.timedelta(days=35 * i)
        closed = signalled + datetime.timedelta(days=70) if i % 2 == 0 else None
        lyceum_cases.append(
            case(
                lyceum,
                first,
                last,
                signalled,
                intake=signalled + datetime.timedelta(days=6 + i),
                referred=signalled + datetime.timedelta(days=30) if i == 4 else None,
                closed=closed,
                reason=Reason.GOAL_REACHED if i % 4 == 0 else Reason.REFERRED,
                categories=[["verzuim"], ["psychisch", "verzuim"], ["middelen"]][i % 3],
            )
        )

    contact = create_contact
    contact(case=c["anna"], held_on=D(2025, 12, 31), minutes=45)
    contact(case=c["anna"], held_on=D(2026, 1, 1), minutes=30)
    contact(case=c["bram"], held_on=D(2026, 2, 1), minutes=60, summary="GEHEIM-GESPREKSVERSLAG")
    contact(case=c["gijs"], held_on=D(2026, 12, 31), minutes=40, work_note="PRIVE-WERKNOTITIE")
    contact(case=c["hanna"], held_on=D(2027, 1, 1), minutes=50)
    contact(case=c["iris"], held_on=D(2026, 3, 1), minutes=30, kind=Contact.Kind.PARENTS)
    contact(case=c["joost"], held_on=D(2026, 4, 4), minutes=25)
    contact(case=c["otto"], held_on=D(2026, 2, 1), minutes=45)
    contact(case=c["piet"], held_on=D(2026, 3, 5), minutes=50)
    contact(case=c["quinten"], held_on=D(2026, 12, 31), minutes=30)
    contact(case=c["baken1"], held_on=D(2026, 3, 10), minutes=120)
    for i, lyceum_case in enumerate(lyceum_cases):
        contact(
            case=lyceum_case, held_on=lyceum_case.signalled_on + datetime.timedelta(10), minutes=40
        )
        if i < 6:
            contact(
                case=lyceum_case,
                held_on=lyceum_case.signalled_on + datetime.timedelta(20),
                minutes=30,
                kind=Contact.Kind.PARENTS,
            )
    session = create_group_session
    session(worker=wendy, cases=[c["anna"], c["bram"]], held_on=D(2026, 1, 1), minutes=60)
    session(worker=wendy, cases=[c["fleur"], c["anna"]], held_on=D(2025, 12, 31), minutes=45)
    session(worker=karim, cases=[c["quinten"], c["roos"]], held_on=D(2026, 12, 31), minutes=90)
    for week in range(5):
        session(
            worker=wendy,
            cases=lyceum_cases[:4],
            held_on=D(2026, 3, 2) + datetime.timedelta(weeks=week),
            minutes=50,
        )
    session(worker=wendy, cases=[c["baken1"], c["baken2"]], held_on=D(2026, 4, 2), minutes=90)

    for worker, school, on, minutes, activity in [
        (wendy, regenboog, D(2025, 12, 31), 25, Activity.ADMIN),
        (wendy, regenboog, D(2026, 1, 1), 90, Activity.ZAT),
        (wendy, regenboog, D(2026, 6, 1), 60, Activity.ADMIN),
        (karim, regenboog, D(2026, 12, 31), 120, Activity.TRAINING),
        (wendy, regenboog, D(2027, 1, 1), 20, Activity.TRAVEL),
        (karim, anker, D(2026, 3, 1), 45, Activity.MEETING),
        (karim, anker, D(2026, 9, 1), 60, Activity.ZAT),
        (wendy, lyceum, D(2026, 5, 1), 30, Activity.ADMIN),
        (wendy, lyceum, D(2026, 10, 1), 15, Activity.TRAVEL),
        (wendy, baken, D(2026, 3, 10), 45, Activity.MEETING),
    ]:
        create_time_entry(worker=worker, school=school, on=on, minutes=minutes, activity=activity)

    for school, day in [
        (regenboog, D(2025, 12, 31)),
        (regenboog, D(2026, 1, 1)),
        (regenboog, D(2026, 2, 1)),
        (regenboog, D(2026, 12, 31)),
        (regenboog, D(2027, 1, 1)),
        (baken, D(2026, 3, 3)),
        *[(lyceum, D(2026, 2 + n, 10)) for n in range(6)],
    ]:
        _consultation(school=school, worker=wendy, held_on=day)

    for referred_case, kind, created_at in [
        (c["anna"], Kind.YOUTH_DOCTOR, at(D(2025, 12, 31), 23, 30)),  # the evening before
        (c["anna"], Kind.WIJKTEAM, at(D(2026, 1, 1), 0, 30)),  # just after midnight
        (c["iris"], Kind.WIJKTEAM, at(D(2026, 3, 1))),
        (c["gijs"], Kind.YOUTH_MENTAL_HEALTH, at(D(2026, 4, 1))),
        (c["bram"], Kind.VEILIG_THUIS, at(D(2026, 12, 31), 23, 30)),  # the last evening
        (c["hanna"], Kind.GP, at(D(2027, 1, 1), 0, 30)),  # just after
        (c["baken1"], Kind.WIJKTEAM, at(D(2026, 3, 4))),
        *[
            (
                lyceum_case,
                Kind.YOUTH_MENTAL_HEALTH if i % 2 else Kind.ATTENDANCE,
                at(lyceum_case.signalled_on + datetime.timedelta(days=15)),
            )
            for i, lyceum_case in enumerate(lyceum_cases[:6])
        ],
    ]:
        create_referral(
            case=referred_case, kind=kind, status=Referral.Status.SUBMITTED, created_at=created_at
        )
    return World(north, south, regenboog, anker, lyceum, baken, wendy, karim)


# --- The oracle: the same figures, counted in Python over every row made ---------------------


def in_period(day: datetime.date | None, period: Period = YEAR) -> bool:
    return day is not None and period.start <= day <= period.end


def one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def hours(minutes: int) -> Decimal:
    return one_decimal(Decimal(minutes) / 60)


def row_schools(world: World) -> dict[str, set[int]]:
    """Which schools each row of the report covers."""
    po, vo = {world.regenboog.pk, world.anker.pk}, {world.lyceum.pk}
    return {
        f"school:{world.regenboog.pk}": {world.regenboog.pk},
        f"school:{world.anker.pk}": {world.anker.pk},
        "sector:PO": po,
        f"school:{world.lyceum.pk}": vo,
        "sector:VO": vo,
        "total": po | vo,
    }


def oracle_meldcode(schools: set[int], period: Period) -> dict[str, int]:
    from meldcode.models import Trajectory

    start, end = at(period.start, 0), at(period.end + datetime.timedelta(days=1), 0)
    mine = [t for t in Trajectory.objects.select_related("case") if t.case.school_id in schools]
    return {
        "meldcode_trajectories": sum(1 for t in mine if start <= t.started_at < end),
        "meldcode_meldingen": sum(1 for t in mine if in_period(t.reported_on, period)),
        "meldcode_advice": sum(
            1
            for t in mine
            for c in t.consultations.all()
            if c.veilig_thuis and in_period(c.held_on, period)
        ),
    }


def oracle_counts(schools: set[int], period: Period = YEAR) -> dict[str, int]:
    cases = [c for c in Case.objects.all() if c.school_id in schools]
    active = [
        c
        for c in cases
        if c.signalled_on <= period.end and (c.closed_on is None or c.closed_on >= period.start)
    ]
    closed = [c for c in cases if in_period(c.closed_on, period)]
    referred = [c for c in closed if c.closure_reason == Reason.REFERRED or c.referred_on]
    start, end = at(period.start, 0), at(period.end + datetime.timedelta(days=1), 0)
    referrals = [
        r
        for r in Referral.objects.select_related("case", "destination")
        if r.case.school_id in schools and start <= r.created_at < end
    ]
    contacts = [
        x
        for x in Contact.objects.select_related("case")
        if x.case.school_id in schools and in_period(x.held_on, period)
    ]
    counts = {
        "pupils": len({x.case.pupil_id for x in contacts}),
        "opened": sum(1 for c in cases if in_period(c.signalled_on, period)),
        "active": len(active),
        "closed": len(closed),
        "open_end": sum(
            1
            for c in cases
            if c.signalled_on <= period.end and (c.closed_on is None or c.closed_on > period.end)
        ),
        "resolved": len(closed) - len(referred),
        "referred": len(referred),
        "intakes": sum(1 for c in cases if in_period(c.intake_on, period)),
        "referrals": len(referrals),
        "group_sessions": sum(
            1
            for s in GroupSession.objects.select_related("group")
            if s.group.school_id in schools and in_period(s.held_on, period)
        ),
        "consultations": sum(
            1
            for x in Consultation.objects.all()
            if x.school_id in schools and in_period(x.held_on, period)
        ),
    }
    counts |= oracle_meldcode(schools, period)
    for code, _label in Category.choices:
        counts[f"category:{code}"] = sum(1 for c in active if code in c.categories)
    for code, _label in Reason.choices:
        counts[f"reason:{code}"] = sum(1 for c in closed if c.closure_reason == code)
    for code, _label in Kind.choices:
        counts[f"destination:{code}"] = sum(1 for r in referrals if r.destination.kind == code)
    return counts


def oracle_hours(schools: set[int], period: Period = YEAR) -> dict[str, Decimal]:
    direct = sum(
        x.minutes
        for x in Contact.objects.select_related("case")
        if x.case.school_id in schools and in_period(x.held_on, period) and not x.group_session_id
    ) + sum(
        s.minutes
        for s in GroupSession.objects.select_related("group")
        if s.group.school_id in schools and in_period(s.held_on, period)
    )
    entries = [e for e in TimeEntry.objects.all() if e.school_id in schools and in_period(e.on)]
    contracted = Decimal(0)
    for assignment in Assignment.objects.select_related("school_year"):
        if assignment.school_id not in schools:
            continue
        year = assignment.school_year
        first, last = max(period.start, year.start), min(period.end, year.end)
        if first <= last:
            days_in_year = (year.end - year.start).days + 1
            contracted += assignment.contracted_hours * ((last - first).days + 1) / days_in_year
    indirect = sum(e.minutes for e in entries)
    result = {
        "contracted": one_decimal(contracted),
        "direct": hours(direct),
        "indirect": hours(indirect),
        "delivered": hours(direct + indirect),
    }
    for code, _label in Activity.choices:
        result[f"activity:{code}"] = hours(sum(e.minutes for e in entries if e.activity == code))
    return result


def oracle_medians(schools: set[int], period: Period = YEAR) -> dict[str, tuple]:
    cases = [c for c in Case.objects.all() if c.school_id in schools]
    waits = [(c.intake_on - c.signalled_on).days for c in cases if in_period(c.intake_on, period)]
    durations = [
        (c.closed_on - c.signalled_on).days for c in cases if in_period(c.closed_on, period)
    ]

    def median(values):
        if not values:
            return None
        return one_decimal(Decimal(str(statistics.median(values))))

    return {
        "waiting_median": (median(waits), len(waits)),
        "duration_median": (median(durations), len(durations)),
    }


def true_sums(world: World, columns: list[str]) -> list[Group]:
    """The sums that hold exactly in this world, for the attacker: schools in a sector, sectors
    in the total, and the breakdowns that add up (not the categories: they overlap)."""
    sectors = {
        "sector:PO": [f"school:{world.regenboog.pk}", f"school:{world.anker.pk}"],
        "sector:VO": [f"school:{world.lyceum.pk}"],
    }
    groups = []
    for column in columns:
        for sector, schools in sectors.items():
            groups.append(Group.of([(column, s) for s in schools], (column, sector)))
        groups.append(Group.of([(column, s) for s in sectors], (column, "total")))
    reasons = [f"reason:{code}" for code, _label in Reason.choices]
    destinations = [f"destination:{code}" for code, _label in Kind.choices]
    for row in row_schools(world):
        for members, total in [
            (reasons, "closed"),
            (["resolved", "referred"], "closed"),
            (["closed", "open_end"], "active"),
            (destinations, "referrals"),
        ]:
            groups.append(Group.of([(m, row) for m in members], (total, row)))
    return groups


def shown_counts(figures: dict) -> dict[tuple[str, str], int | str]:
    """Every count the report shows, by (column, row); the same cell in two tables must agree."""
    cells: dict = {}
    for table in figures["tables"]:
        for column in table["columns"]:
            if column["kind"] != "count":
                continue
            for row in table["rows"]:
                value = row["cells"][column["key"]]
                assert cells.setdefault((column["key"], row["key"]), value) == value
    return cells


# --- The raw figures ---------------------------------------------------------------------------


def test_every_raw_figure_matches_a_count_made_in_python(world):
    raw = funding._raw(world.north, YEAR)
    rows = row_schools(world)
    assert [row.key for row in raw.rows] == list(rows)
    for key, schools in rows.items():
        for column, expected in oracle_counts(schools).items():
            assert raw.counts[(column, key)] == expected, (column, key)
        for column, expected in oracle_hours(schools).items():
            assert raw.hours[(column, key)] == expected, (column, key)
        for column, expected in oracle_medians(schools).items():
            assert raw.medians[(column, key)] == expected, (column, key)


def test_figures_written_out(world):
    raw = funding._raw(world.north, YEAR)
    r, a, v = (f"school:{s.pk}" for s in (world.regenboog, world.anker, world.lyceum))

    def counts(column):
        return [raw.counts[(column, key)] for key in (r, a, "sector:PO", v, "sector:VO", "total")]

    def hours_of(column):
        return [raw.hours[(column, key)] for key in (r, a, "sector:PO", v, "sector:VO", "total")]

    # De Regenboog: Bram (1 January) to Cees (31 December); not Anna (31 December 2025) or Dirk
    assert counts("opened") == [10, 4, 14, 9, 9, 23]
    # Fleur closed on 1 January counts, Eva on 31 December 2025 and Hanna on 1 January 2027 not
    assert counts("closed") == [7, 2, 9, 5, 5, 14]
    # Gijs (referred on the way), Iris and Lars (closed as referred); Lyceum: two closed as
    # referred and one referred on the way
    assert counts("referred") == [3, 0, 3, 3, 3, 6]
    assert counts("resolved") == [4, 2, 6, 2, 2, 8]
    # Eva closed before the period and Dirk signalled after it
    assert counts("active") == [12, 4, 16, 9, 9, 25]
    assert counts("open_end") == [5, 2, 7, 4, 4, 11]
    # Anna on 1 January (and in the group), Bram, Gijs, Iris, Joost; not Hanna (2027) or Fleur
    # (only in the group of 31 December 2025)
    assert counts("pupils") == [5, 4, 9, 9, 9, 18]
    # Anna's wijkteam at 00:30 on 1 January and Bram's Veilig Thuis at 23:30 on 31 December
    assert counts("referrals") == [4, 0, 4, 6, 6, 10]
    assert counts("group_sessions") == [1, 1, 2, 5, 5, 7]
    assert counts("consultations") == [3, 0, 3, 6, 6, 9]
    assert counts("intakes") == [9, 3, 12, 9, 9, 21]
    # pro rata: 212 of 365 days of 2025-2026 and 153 of 365 of 2026-2027
    # De Regenboog (320 × 212 + 180 × 153) / 365; Het Anker (100 × 212 + 150 × 153) / 365;
    # Het Lyceum 365 × 153 / 365; not 2024-2025 or 2027-2028
    assert hours_of("contracted") == [
        Decimal("261.3"),
        Decimal("121.0"),
        Decimal("382.3"),
        Decimal("153.0"),
        Decimal("153.0"),
        Decimal("535.3"),
    ]
    assert raw.hours[("contracted", r)] == school_figures.contracted_hours(world.regenboog, YEAR)
    # De Regenboog: contacts 30 + 60 + 40 + 30 + 25, the group of 1 January once (60)
    assert raw.hours[("direct", r)] == Decimal("4.1")  # 245 minutes
    assert raw.hours[("indirect", r)] == Decimal("4.5")  # ZAT 90, admin 60, training 120
    assert raw.hours[("delivered", r)] == Decimal("8.6")  # 515 minutes
    # waits 3, 5, 5, 7, 7, 10, 12, 14, 18 days at De Regenboog; three at Het Anker
    assert raw.medians[("waiting_median", r)] == (Decimal("7.0"), 9)
    assert raw.medians[("waiting_median", a)] == (Decimal("5.0"), 3)


def test_a_school_row_matches_its_rapportage(world):
    raw = funding._raw(world.north, YEAR)
    for school in (world.regenboog, world.anker, world.lyceum):
        rapportage = school_figures.rapportage(school, YEAR)
        key = f"school:{school.pk}"
        assert raw.hours[("contracted", key)] == rapportage["hours"]["contracted"]
        assert raw.hours[("direct", key)] == rapportage["hours"]["direct"]
        assert raw.hours[("indirect", key)] == rapportage["hours"]["indirect"]
        assert raw.hours[("delivered", key)] == rapportage["hours"]["spent"]
        assert raw.counts[("opened", key)] == rapportage["signals_total"]
        assert raw.counts[("active", key)] == rapportage["active_cases"]
        assert raw.counts[("closed", key)] == rapportage["closures_total"]
        assert raw.counts[("referrals", key)] == rapportage["referrals_total"]


def test_another_municipality_counts_only_its_own(world):
    raw = funding._raw(world.south, YEAR)
    key = f"school:{world.baken.pk}"
    assert [row.key for row in raw.rows] == [key, "sector:PO", "total"]
    assert oracle_counts({world.baken.pk}) == {
        column: raw.counts[(column, key)] for column in oracle_counts({world.baken.pk})
    }
    assert raw.counts[("opened", "total")] == 2
    assert raw.hours[("contracted", "total")] == Decimal("232.3")  # 400 × 212 / 365
    assert raw.hours[("direct", "total")] == Decimal("3.5")  # 120 minutes and a group of 90


def test_an_inactive_school_stays_while_it_has_something_to_report(world):
    raw = funding._raw(world.north, YEAR)
    assert "De Oude School" not in [row.label for row in raw.rows]
    old = School.objects.get(name="De Oude School")
    create_time_entry(worker=world.wendy, school=old, on=D(2026, 3, 1), minutes=60, activity="zat")
    raw = funding._raw(world.north, YEAR)
    assert (
        [row.key for row in raw.rows]
        == [
            *list(row_schools(world))[:3],
            f"school:{old.pk}",
            "sector:SO",  # sectors in their own order: PO, SBO, SO, VO, MBO
            *list(row_schools(world))[3:],
        ]
    )
    assert raw.hours[("indirect", "sector:SO")] == Decimal("1.0")


# --- What is shown -----------------------------------------------------------------------------


def test_every_shown_figure_follows_from_the_count_made_in_python(world):
    result = funding.funding_figures(world.north, YEAR)
    rows = row_schools(world)
    expected = {key: oracle_counts(schools) for key, schools in rows.items()}
    expected_hours = {key: oracle_hours(schools) for key, schools in rows.items()}
    expected_medians = {key: oracle_medians(schools) for key, schools in rows.items()}
    small_median = gettext("<5 cases")
    for table in result["tables"]:
        assert [row["key"] for row in table["rows"]] == list(rows)
        for row in table["rows"]:
            assert row["values"] == [row["cells"][c["key"]] for c in table["columns"]]
            true = expected[row["key"]]
            hours_, medians = expected_hours[row["key"]], expected_medians[row["key"]]
            for column in table["columns"]:
                key, shown = column["key"], row["cells"][column["key"]]
                if column["kind"] == "count":
                    if true[key] == 0:
                        assert shown == 0
                    elif true[key] <= 4:
                        assert shown == SMALL
                    else:
                        assert shown in (true[key], HIDDEN), (key, row["key"])
                elif column["kind"] == "hours":
                    assert shown == hours_[key]
                elif column["kind"] == "days":
                    median, cases = medians[key]
                    assert shown == (None if not cases else small_median if cases < 5 else median)
                elif key == "delivered_share":
                    assert shown == round(hours_["delivered"] * 100 / hours_["contracted"])
                else:
                    part = true[key.removesuffix("_share")]
                    outcome = row_cells(result, "outcome", row["key"])
                    counts = [outcome[c] for c in ("resolved", "referred", "closed")]
                    if true["closed"] == 0:
                        assert shown is None
                    elif all(isinstance(n, int) for n in counts):
                        assert shown == round(Decimal(part * 100) / true["closed"])
                    else:
                        assert shown == HIDDEN


def row_cells(result: dict, table: str, row: str) -> dict:
    return next(r["cells"] for r in result[table]["rows"] if r["key"] == row)


def test_small_counts_are_hidden_and_so_is_what_would_give_them_away(world):
    result = funding.funding_figures(world.north, YEAR)
    r, a, v = (f"school:{s.pk}" for s in (world.regenboog, world.anker, world.lyceum))
    activities = {key: row_cells(result, "activities", key) for key in (r, a, "sector:PO", v)}
    # one group session at each primary school: 1 + 1 = 2 would pin both down, so more goes
    assert activities[r]["group_sessions"] == activities[a]["group_sessions"] == SMALL
    assert activities["sector:PO"]["group_sessions"] == SMALL
    assert activities[v]["group_sessions"] == HIDDEN
    # Het Anker's two closures are small; De Regenboog's seven cover them within the sector
    assert row_cells(result, "cases", a)["closed"] == SMALL
    assert row_cells(result, "cases", r)["closed"] == HIDDEN
    # the medians: nine intakes at De Regenboog, three at Het Anker
    assert row_cells(result, "waiting", r)["waiting_median"] == Decimal("7.0")
    assert row_cells(result, "waiting", a)["waiting_median"] == gettext("<5 cases")
    # the share of a hidden count is hidden
    assert row_cells(result, "outcome", a)["resolved_share"] == HIDDEN


def test_no_hidden_count_can_be_worked_out(world):
    result = funding.funding_figures(world.north, YEAR)
    rows = row_schools(world)
    truth = {key: oracle_counts(schools) for key, schools in rows.items()}
    shown = shown_counts(result)
    # a column a table leaves out (nothing in it anywhere) is known to be zero throughout
    for column in truth["total"]:
        for key in rows:
            shown.setdefault((column, key), truth[key][column])
            assert shown[(column, key)] in (truth[key][column], SMALL, HIDDEN)
    assert sum(value == SMALL for value in shown.values()) > 20
    assert sum(value == HIDDEN for value in shown.values()) > 5
    groups = true_sums(world, list(truth["total"]))
    for cell, (low, high) in possible_values(shown, groups).items():
        column, key = cell
        assert low <= truth[key][column] <= high, cell
        assert low < high, f"{cell} can be worked out: {truth[key][column]}"


def assert_no_pupil(text: str) -> None:
    """No first or last name of any pupil made here, as a word ("Noor" is in "Gemeente Noord")."""
    for case in Case.objects.select_related("pupil"):
        for name in (case.pupil.first_name, case.pupil.last_name):
            assert not re.search(rf"\b{re.escape(name)}\b", text), name


def test_the_result_holds_no_pupil_and_no_free_text(world):
    text = repr(funding.funding_figures(world.north, YEAR))
    assert_no_pupil(text)
    for case in Case.objects.select_related("pupil"):
        assert str(case.pupil.date_of_birth) not in text
    for secret in SECRETS:
        assert secret not in text
    assert "Het Baken" not in text


def test_the_tables_show_only_columns_that_occur(world):
    result = funding.funding_figures(world.north, YEAR)
    assert [c["key"] for c in result["closures"]["columns"]] == [
        "reason:doel_bereikt",
        "reason:verwezen",
        "reason:advies_volstond",
        "reason:verhuisd",
        "closed",
    ]
    assert [c["key"] for c in result["referrals"]["columns"]] == [
        "destination:wijkteam",
        "destination:jeugd_ggz",
        "destination:veilig_thuis",
        "destination:leerplicht",
        "referrals",
    ]
    assert [c["key"] for c in result["indirect"]["columns"]] == [
        "activity:zat",
        "activity:overleg",
        "activity:deskundigheid",
        "activity:administratie",
        "activity:reistijd",
        "indirect",
    ]
    assert [t["key"] for t in result["tables"]] == [
        "hours",
        "indirect",
        "cases",
        "categories",
        "closures",
        "outcome",
        "referrals",
        "waiting",
        "activities",
        "meldcode",
    ]
    assert result["municipality"] == "Gemeente Noord"
    assert result["period"] == {"start": YEAR.start, "end": YEAR.end, "label": "2026"}


def test_a_municipality_without_schools(db):
    municipality = factories.create_municipality()
    result = funding.funding_figures(municipality, YEAR)
    total = result["hours"]["rows"][0]
    assert [row["level"] for row in result["hours"]["rows"]] == ["total"]
    assert total["cells"]["contracted"] == Decimal("0.0")
    assert total["cells"]["delivered_share"] is None
    assert row_cells(result, "waiting", "total")["waiting_median"] is None


def test_charts_draw_only_what_the_tables_show(world):
    result = funding.funding_figures(world.north, YEAR)
    drawn = charts.funding_charts(result)
    assert "535,3 uren" in drawn["hours"]
    assert "Totaal: gecontracteerd" in drawn["hours"] and "Totaal: geleverd" in drawn["hours"]
    assert "contracted" not in drawn["hours"] and "delivered" not in drawn["hours"]
    total = result["categories"]["rows"][-1]["cells"]
    for column in result["categories"]["columns"]:
        if column["key"] == "active":
            continue
        value = total[column["key"]]
        if isinstance(value, int):
            assert f"{column['label']}: {value}" in drawn["categories"]
        else:
            assert column["label"] not in drawn["categories"]
    # every destination is small in total: no chart at all
    assert all(
        isinstance(v, str)
        for k, v in result["referrals"]["rows"][-1]["cells"].items()
        if k != "referrals"
    )
    assert drawn["referrals"] == ""


def test_the_body_for_a_web_page_has_no_inline_style(world):
    """The site's Content-Security-Policy refuses inline styles; the PDF styles it instead."""
    result = funding.funding_figures(world.north, YEAR)
    html = render_to_string("reports/_funding_body.html", {"figures": result})
    assert "style=" not in html and "<style" not in html
    assert html.count("<table") == len(result["tables"])
    assert html.count('role="img"') == 3  # hours, categories, outcome; no destination: all small
    assert "&lt;5" in html and "<5" not in html


# --- Queries -----------------------------------------------------------------------------------


def _busy_municipality(schools: int) -> Municipality:
    municipality = factories.create_municipality()
    worker = factories.create_worker()
    year, _created = SchoolYear.objects.get_or_create(start_year=2025)
    for n in range(schools):
        school = factories.create_school(
            municipality=municipality, sector=["PO", "VO", "SO"][n % 3]
        )
        factories.create_assignment(worker=worker, school=school, year=year, hours="100")
        cases = [
            create_case(
                school=school,
                first_name=f"Kind{n}{k}",
                last_name="Test",
                signalled_on=D(2026, 2, 1 + k),
                moves=[(at(D(2026, 3, 2)), Stage.INTAKE), (at(D(2026, 5, 1)), "closed")][: k + 1],
                caseworker=worker,
                reported_by=worker,
            )
            for k in range(2)
        ]
        for case in cases:
            create_contact(case=case, held_on=D(2026, 3, 10), minutes=30)
            create_referral(
                case=case, kind="wijkteam", status="aangemeld", created_at=at(D(2026, 3, 11))
            )
        create_group_session(worker=worker, cases=cases, held_on=D(2026, 3, 12), minutes=45)
        create_time_entry(
            worker=worker, school=school, on=D(2026, 3, 12), minutes=15, activity="zat"
        )
        _consultation(school=school, worker=worker, held_on=D(2026, 3, 13))
    return municipality


def _queries(municipality: Municipality) -> int:
    with CaptureQueriesContext(connection) as queries:
        funding.funding_figures(municipality, YEAR)
    return len(queries.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_schools(db):
    small, large = _busy_municipality(2), _busy_municipality(40)
    assert funding._raw(large, YEAR).counts[("opened", "total")] == 80
    assert _queries(small) == _queries(large)


def test_a_row_of_only_small_counts_is_withheld_and_explained(db):
    """Four referrals from one school, each to another kind of organisation: the row's total
    is "<5", and four counts of at least 1 adding up to at most 4 would all be 1. Its counts
    are withheld as ".", its zeros with them, and the legend says what "." means."""
    municipality = factories.create_municipality()
    worker = factories.create_worker()
    year, _created = SchoolYear.objects.get_or_create(start_year=2025)
    small_school, busy_school = (
        factories.create_school(municipality=municipality, sector="PO") for _n in range(2)
    )
    plan = {small_school: ["wijkteam", "jeugdarts", "huisarts", "leerplicht"]}
    plan[busy_school] = ["wijkteam"] * 6 + ["jeugdarts"] * 7 + ["huisarts"] * 5
    plan[busy_school] += ["leerplicht"] * 8 + ["veilig_thuis"] * 9
    for school, kinds in plan.items():
        factories.create_assignment(worker=worker, school=school, year=year, hours="100")
        for k, kind in enumerate(kinds):
            case = create_case(
                school=school,
                first_name=f"Kind{school.pk}x{k}",
                last_name="Test",
                signalled_on=D(2026, 2, 2),
                moves=[],
                caseworker=worker,
                reported_by=worker,
            )
            create_referral(case=case, kind=kind, status="aangemeld", created_at=at(D(2026, 3, 2)))
    result = funding.funding_figures(municipality, YEAR)
    row = row_cells(result, "referrals", f"school:{small_school.pk}")
    assert row["referrals"] == SMALL
    assert {value for key, value in row.items() if key != "referrals"} == {WITHHELD}
    assert row["destination:veilig_thuis"] == WITHHELD  # a zero, withheld with the rest
    assert result["uses_withheld"]
    with translation.override("nl"):
        html = render_to_string("reports/_funding_body.html", {"figures": result})
    assert "<dt>.</dt>" in html
    about = [line[:1] for line in read_csv(funding_csv(result))]
    assert ["."] in about


# --- Exports -----------------------------------------------------------------------------------

DANGEROUS = {
    "regenboog": '=HYPERLINK("http://example.com","klik")',
    "anker": "+31 Basisschool Het Anker",
    "lyceum": "-Het Lyceum",
    "municipality": "@Gemeente Noord",
}


@pytest.fixture
def dangerous(world) -> dict:
    for key in ("regenboog", "anker", "lyceum"):
        School.objects.filter(pk=getattr(world, key).pk).update(name=DANGEROUS[key])
    Municipality.objects.filter(pk=world.north.pk).update(name=DANGEROUS["municipality"])
    world.north.refresh_from_db()
    return funding.funding_figures(world.north, YEAR)


def test_text_that_looks_like_a_formula_is_made_inert():
    for text in ["=1+2", "+31", "-2", "@SUM(A1)", "\tx", "\rx"]:
        assert inert(text) == "'" + text
    for text in ["Het Lyceum", "<5", "×", "", "12,5", "3 = 3"]:
        assert inert(text) == text


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_csv_has_the_figures_and_no_formula(world, dangerous):
    lines = read_csv(funding_csv(dangerous))
    assert lines[0] == [gettext("Funding report"), "'" + DANGEROUS["municipality"]]
    cells = [cell for line in lines for cell in line]
    for name in DANGEROUS.values():
        assert "'" + name in cells
        assert name not in cells
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    # the hours table: the head row after its title, then a row per school, sector, total
    start = lines.index([dangerous["hours"]["title"]])
    head = lines[start + 1]
    assert head[:4] == [gettext("Level"), gettext("Sector"), gettext("Name"), gettext("BRIN code")]
    regenboog = next(line for line in lines[start:] if line[2:3] == ["'" + DANGEROUS["regenboog"]])
    assert regenboog[:2] == [gettext("School"), "PO"]
    assert regenboog[3] == world.regenboog.brin
    assert regenboog[4:8] == ["261,3", "4,1", "4,5", "8,6"]
    # every table, every row, every value as the figures have it
    for table in dangerous["tables"]:
        start = lines.index([table["title"]])
        assert lines[start + 1][4:] == [c["label"] for c in table["columns"]]
        for offset, row in enumerate(table["rows"], start=2):
            assert lines[start + offset][4:] == [csv_text(value) for value in row["values"]]
    text = "\n".join(cells)
    assert_no_pupil(text)
    for secret in SECRETS:
        assert secret not in text


def csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return str(value)


def test_xlsx_has_the_same_numbers_and_inert_text(world, dangerous):
    book = load_workbook(io.BytesIO(funding_xlsx(dangerous)))
    assert len(book.sheetnames) == 1 + len(dangerous["tables"])
    about = book.worksheets[0]
    assert about["B1"].value == "'" + DANGEROUS["municipality"]
    assert about["B1"].data_type == "s"
    for sheet, table in zip(book.worksheets[1:], dangerous["tables"], strict=True):
        rows = list(sheet.iter_rows())
        assert all(cell.font.bold for cell in rows[0])
        assert [cell.value for cell in rows[0][4:]] == [c["label"] for c in table["columns"]]
        for cells, row in zip(rows[1:], table["rows"], strict=True):
            for cell, value in zip(cells[4:], row["values"], strict=True):
                if isinstance(value, Decimal):
                    assert cell.value == float(value)
                    assert cell.data_type == "n"
                elif isinstance(value, int):
                    assert cell.value == value
                    assert cell.data_type == "n"
                else:
                    assert cell.value == value  # None, "<5", "×", "<5 cases"
        names = [cells[2].value for cells in rows[1:]]
        for key in ("regenboog", "anker", "lyceum"):
            assert "'" + DANGEROUS[key] in names
            assert sheet.cell(row=2 + names.index("'" + DANGEROUS[key]), column=3).data_type == "s"
        for cells in rows:
            for cell in cells:
                assert cell.data_type != "f"
    hours = book.worksheets[1]
    regenboog = next(row for row in hours.iter_rows(values_only=True) if row[2].endswith('klik")'))
    assert list(regenboog[4:8]) == [261.3, 4.1, 4.5, 8.6]


# --- PDF -----------------------------------------------------------------------------------


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_pdf_has_the_figures_and_no_pupil(world):
    result = funding.funding_figures(world.north, YEAR)
    pdf = render_pdf(
        "reports/pdf/funding.html",
        {
            "municipality": world.north,
            "period": YEAR,
            "figures": result,
            "made_at": at(D(2027, 1, 5), 14),
        },
    )
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Gemeente Noord" in text
    for school in ("Basisschool De Regenboog", "Basisschool Het Anker", "Het Lyceum"):
        assert school in text
    for value in ("261,3", "121,0", "382,3", "153,0", "535,3", "4,1", "8,6", "7,0"):
        assert value in text
    assert SMALL in text and HIDDEN in text
    for table in result["tables"]:
        assert table["title"] in text
    assert_no_pupil(text)
    for secret in SECRETS:
        assert secret not in text
    assert "Het Baken" not in text
    title = PdfReader(io.BytesIO(pdf)).metadata.title
    assert "Gemeente Noord" in title and "2026" in title


def test_a_funding_run_makes_the_pdf(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    run = ReportRun.objects.create(
        kind=ReportRun.Kind.FUNDING,
        municipality=world.north,
        period_start=YEAR.start,
        period_end=YEAR.end,
        label=YEAR.label,
    )
    text = pdf_text(runs.render_run(run))
    assert "Gemeente Noord" in text
    assert "535,3" in text
    assert_no_pupil(text)
