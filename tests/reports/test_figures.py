"""The figures of the registratie and the rapportage, each checked against a count made here.

The world: Basisschool De Regenboog with cases in every stage, moved at known moments (some just
inside and just outside the edges of March 2026 and of term 2 of 2025-2026, in Amsterdam time),
contacts, a group session, time entries, referrals and ZAT meetings; and Het Baken, another
school whose rows must never be counted. Every expected figure is computed in plain Python over
all rows the test made (the `oracle_*` functions), and the most telling ones are also written
out by hand.
"""

from __future__ import annotations

import datetime
import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from accounts.models import User
from cases.models import Case, CaseEvent, Category, Contact, GroupSession, Plan
from referrals.models import Referral, SocialMapEntry
from reports import figures
from reports.charts import bar_chart
from reports.periods import Period
from schools.models import Assignment, School, SchoolYear
from smw.pdf import render_pdf
from tests import factories
from timesheet.models import TimeEntry
from zat.models import Meeting

from .builders import (
    at,
    create_case,
    create_contact,
    create_group_session,
    create_meeting,
    create_referral,
    create_time_entry,
)

Stage = Case.Stage
D = datetime.date
MARCH = Period.month(2026, 3)
TERM = Period.term(2025, 2)  # 1 January – 31 March 2026

SECRETS = (
    "GEHEIM-GESPREKSVERSLAG-ANNA",
    "PRIVE-WERKNOTITIE-ANNA",
    "GEHEIM-HUISBEZOEK-CEES",
    "PRIVE-NOTITIE-CEES",
    "VRIJE-TEKST-SIGNAAL",
    "UITKOMST-VRIJE-TEKST",
)


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@dataclass
class World:
    school: School
    other: School
    wendy: User
    karim: User
    cases: dict[str, Case]


@pytest.fixture
def world(db) -> World:
    school = factories.create_school(name="Basisschool De Regenboog")
    other = factories.create_school(name="Het Baken")
    wendy = factories.create_worker(username="wendy", first_name="Wendy", last_name="Werker")
    karim = factories.create_worker(username="karim", first_name="Karim", last_name="Kaya")
    zora = factories.create_coordinator(username="zora", school=school)
    y2025, _ = SchoolYear.objects.get_or_create(start_year=2025)
    y2026, _ = SchoolYear.objects.get_or_create(start_year=2026)
    y2027, _ = SchoolYear.objects.get_or_create(start_year=2027)
    factories.create_assignment(worker=wendy, school=school, year=y2025, hours="200")
    factories.create_assignment(worker=karim, school=school, year=y2025, hours="120")
    factories.create_assignment(worker=wendy, school=school, year=y2026, hours="180")
    factories.create_assignment(worker=karim, school=school, year=y2027, hours="366")
    # another school, same worker: never counted for De Regenboog
    factories.create_assignment(worker=wendy, school=other, year=y2025, hours="400")

    def case(first, last, signalled_on, moves=(), worker=wendy, **kwargs):
        return create_case(
            school=kwargs.pop("school", school),
            first_name=first,
            last_name=last,
            signalled_on=signalled_on,
            moves=moves,
            caseworker=worker,
            reported_by=zora,
            **kwargs,
        )

    cases = {
        # in help since February, evaluation in April
        "anna": case(
            "Anna",
            "Aalders",
            D(2026, 1, 10),
            [
                (at(D(2026, 1, 21)), Stage.INTAKE),
                (at(D(2026, 2, 5)), Stage.PLAN),
                (at(D(2026, 2, 20)), Stage.HELP),
            ],
            categories=["pesten", "gedrag"],
            evaluation_on=D(2026, 4, 15),
            group="7a",
        ),
        # a new signal in March that nobody has taken on
        "bram": case("Bram", "Bosman", D(2026, 3, 5), worker=None, categories=["verzuim"]),
        "cees": case(
            "Cees",
            "Claassen",
            D(2026, 2, 1),
            [(at(D(2026, 3, 10)), Stage.INTAKE)],
            categories=["rouw"],
        ),
        # closed in March
        "dirk": case(
            "Dirk",
            "Dekker",
            D(2025, 12, 1),
            [(at(D(2025, 12, 15)), Stage.INTAKE), (at(D(2026, 3, 20)), Stage.CLOSED)],
            worker=karim,
            categories=["echtscheiding"],
        ),
        # plan at 23:30 on 31 March, help at 00:15 on 1 April (22:15 UTC on 31 March)
        "eva": case(
            "Eva",
            "Evers",
            D(2026, 3, 2),
            [
                (at(D(2026, 3, 9)), Stage.INTAKE),
                (at(D(2026, 3, 31), 23, 30), Stage.PLAN),
                (at(D(2026, 4, 1), 0, 15), Stage.HELP),
            ],
            worker=karim,
            categories=["sociaal_emotioneel", "pesten"],
            evaluation_on=D(2026, 5, 1),
        ),
        "fleur": case(
            "Fleur",
            "Fokkens",
            D(2026, 2, 10),
            [(at(D(2026, 2, 20)), Stage.INTAKE), (at(D(2026, 3, 12)), Stage.REFERRED)],
            categories=["psychisch"],
        ),
        # closed on 2 April: still in care at the end of March
        "gijs": case(
            "Gijs",
            "Groen",
            D(2026, 1, 5),
            [(at(D(2026, 1, 17)), Stage.INTAKE), (at(D(2026, 4, 2)), Stage.CLOSED)],
            categories=["verzuim", "opvoeding"],
            closure_reason=Case.ClosureReason.MOVED,
        ),
        # signalled on 1 April: after both periods
        "hanna": case("Hanna", "Hoek", D(2026, 4, 1)),
        # closed in February: in the term, not in March
        "iris": case(
            "Iris",
            "Ivens",
            D(2025, 10, 1),
            [
                (at(D(2025, 10, 10)), Stage.INTAKE),
                (at(D(2025, 11, 1)), Stage.PLAN),
                (at(D(2025, 11, 15)), Stage.HELP),
                (at(D(2026, 2, 27)), Stage.CLOSED),
            ],
            worker=karim,
            categories=["rouw"],
            closure_reason=Case.ClosureReason.GOAL_REACHED,
        ),
        # closed on 5 March, reopened on 10 April: closed at the end of March
        "joost": case(
            "Joost",
            "Jacobs",
            D(2025, 11, 1),
            [
                (at(D(2025, 11, 10)), Stage.INTAKE),
                (at(D(2026, 3, 5)), Stage.CLOSED),
                (at(D(2026, 4, 10)), Stage.INTAKE),
            ],
            categories=["gedrag"],
        ),
        # made before timelines existed: its stage comes from its dates
        "kees": case(
            "Kees",
            "Kok",
            D(2026, 2, 1),
            [
                (at(D(2026, 2, 11)), Stage.INTAKE),
                (at(D(2026, 2, 20)), Stage.PLAN),
                (at(D(2026, 3, 1)), Stage.HELP),
            ],
            worker=karim,
            categories=["armoede"],
            evaluation_on=D(2026, 3, 30),
            events=False,
        ),
        # closed on 31 December: before the term
        "lars": case(
            "Lars",
            "Lamers",
            D(2025, 9, 1),
            [(at(D(2025, 9, 10)), Stage.INTAKE), (at(D(2025, 12, 31), 16), Stage.CLOSED)],
            closure_reason=Case.ClosureReason.DECLINED,
        ),
        # signalled on the first day of the term
        "mila": case("Mila", "Meijer", D(2026, 1, 1), worker=None, categories=["middelen"]),
        # signalled on the last day before the term
        "noor": case("Noor", "Nijland", D(2025, 12, 31), categories=["huiselijk_geweld"]),
        # Het Baken
        "otto": case(
            "Otto",
            "Oosterhuis",
            D(2026, 3, 10),
            [(at(D(2026, 3, 15)), Stage.INTAKE)],
            school=other,
        ),
        "piet": case(
            "Piet",
            "Peters",
            D(2026, 1, 2),
            [(at(D(2026, 1, 8)), Stage.INTAKE), (at(D(2026, 3, 3)), Stage.CLOSED)],
            school=other,
            categories=["rouw"],
        ),
    }
    c = cases
    create_contact(case=c["anna"], held_on=D(2026, 2, 10), minutes=30)
    create_contact(
        case=c["anna"],
        held_on=D(2026, 3, 3),
        minutes=45,
        summary="GEHEIM-GESPREKSVERSLAG-ANNA",
        work_note="PRIVE-WERKNOTITIE-ANNA",
    )
    create_contact(case=c["anna"], held_on=D(2026, 3, 17), minutes=60, kind=Contact.Kind.PARENTS)
    create_contact(
        case=c["cees"],
        held_on=D(2026, 3, 10),
        minutes=90,
        kind=Contact.Kind.HOME_VISIT,
        summary="GEHEIM-HUISBEZOEK-CEES",
        work_note="PRIVE-NOTITIE-CEES",
    )
    create_contact(case=c["fleur"], held_on=D(2026, 3, 31), minutes=15, kind=Contact.Kind.PHONE)
    create_contact(case=c["gijs"], held_on=D(2026, 1, 20), minutes=50, kind=Contact.Kind.FAMILY)
    create_contact(case=c["gijs"], held_on=D(2026, 2, 3), minutes=40)
    create_contact(case=c["hanna"], held_on=D(2026, 4, 1), minutes=50)
    create_contact(case=c["dirk"], held_on=D(2025, 12, 31), minutes=55)
    create_contact(case=c["dirk"], held_on=D(2026, 3, 18), minutes=35, kind=Contact.Kind.PARENTS)
    create_contact(case=c["otto"], held_on=D(2026, 3, 20), minutes=120)
    create_group_session(
        worker=wendy, cases=[c["anna"], c["cees"]], held_on=D(2026, 3, 24), minutes=60
    )
    create_group_session(
        worker=wendy, cases=[c["gijs"], c["anna"]], held_on=D(2026, 1, 27), minutes=45
    )
    create_group_session(
        worker=wendy, cases=[c["otto"], c["piet"]], held_on=D(2026, 3, 2), minutes=90
    )

    entry = create_time_entry
    activity = TimeEntry.Activity
    entry(worker=wendy, school=school, on=D(2026, 3, 2), minutes=30, activity=activity.ADMIN)
    entry(worker=wendy, school=school, on=D(2026, 3, 12), minutes=90, activity=activity.ZAT)
    entry(worker=karim, school=school, on=D(2026, 3, 31), minutes=120, activity=activity.TRAINING)
    entry(worker=wendy, school=school, on=D(2026, 2, 28), minutes=60, activity=activity.ADMIN)
    entry(worker=karim, school=school, on=D(2026, 1, 15), minutes=45, activity=activity.MEETING)
    entry(worker=wendy, school=school, on=D(2026, 4, 1), minutes=20, activity=activity.TRAVEL)
    entry(worker=wendy, school=school, on=D(2025, 12, 31), minutes=25, activity=activity.ADMIN)
    entry(worker=wendy, school=other, on=D(2026, 3, 10), minutes=45, activity=activity.MEETING)

    kind, status = SocialMapEntry.Kind, Referral.Status
    create_referral(
        case=c["fleur"],
        kind=kind.YOUTH_MENTAL_HEALTH,
        status=status.WAITING,
        created_at=at(D(2026, 3, 12)),
    )
    create_referral(
        case=c["anna"],
        kind=kind.WIJKTEAM,
        status=status.SUBMITTED,
        created_at=at(D(2026, 3, 31), 23),
    )
    create_referral(
        case=c["cees"],
        kind=kind.VEILIG_THUIS,
        status=status.PREPARED,
        created_at=at(D(2026, 4, 1), 0, 30),
    )
    create_referral(
        case=c["gijs"],
        kind=kind.WIJKTEAM,
        status=status.STARTED,
        created_at=at(D(2026, 2, 15)),
    )
    create_referral(
        case=c["noor"],
        kind=kind.YOUTH_DOCTOR,
        status=status.PREPARED,
        created_at=at(D(2025, 12, 31), 23, 30),
    )
    create_referral(
        case=c["otto"], kind=kind.GP, status=status.SUBMITTED, created_at=at(D(2026, 3, 16))
    )

    create_meeting(school=school, starts_at=at(D(2026, 3, 12), 15), by=zora)
    create_meeting(school=school, starts_at=at(D(2026, 3, 1), 0, 30), by=zora)
    create_meeting(school=school, starts_at=at(D(2026, 4, 1), 0, 30), by=zora)
    create_meeting(school=school, starts_at=at(D(2026, 2, 28), 23, 30), by=zora)
    create_meeting(school=other, starts_at=at(D(2026, 3, 12), 15), by=zora)
    return World(school=school, other=other, wendy=wendy, karim=karim, cases=cases)


# --- The oracle: the same figures, counted in Python over every row made ------------------------


def one_decimal(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def in_period(day: datetime.date, period: Period) -> bool:
    return period.start <= day <= period.end


def moment_in_period(moment: datetime.datetime, period: Period) -> bool:
    return at(period.start, 0) <= moment < at(period.end + datetime.timedelta(days=1), 0)


def ordered(choices, counter: Counter, key: str, extra=None) -> list[dict]:
    extra = extra or {}
    return [
        {key: code, "label": str(label), "count": counter[code], **extra.get(code, {})}
        for code, label in choices
        if counter[code]
    ]


def stage_at_end(case: Case, day: datetime.date) -> str:
    before = at(day + datetime.timedelta(days=1), 0)
    events = [
        e for e in CaseEvent.objects.all() if e.case_id == case.pk and e.to_stage and e.at < before
    ]
    if events:
        return max(events, key=lambda e: (e.at, e.pk)).to_stage
    for field, stage in [
        ("closed_on", Stage.CLOSED),
        ("referred_on", Stage.REFERRED),
        ("help_on", Stage.HELP),
        ("plan_on", Stage.PLAN),
        ("intake_on", Stage.INTAKE),
    ]:
        if getattr(case, field) and getattr(case, field) <= day:
            return stage
    return Stage.SIGNAL


def in_care(school: School, day: datetime.date) -> list[Case]:
    return [
        c
        for c in Case.objects.all()
        if c.school_id == school.pk
        and c.signalled_on <= day
        and (c.closed_on is None or c.closed_on > day)
        and stage_at_end(c, day) != Stage.CLOSED
    ]


def direct_minutes(school: School, period: Period) -> tuple[Counter, Counter, int]:
    """(contacts per kind, minutes per kind with each group session once, total minutes)"""
    count, minutes = Counter(), Counter()
    for contact in Contact.objects.select_related("case"):
        if contact.case.school_id == school.pk and in_period(contact.held_on, period):
            count[contact.kind] += 1
            if contact.group_session_id is None:
                minutes[contact.kind] += contact.minutes
    for session in GroupSession.objects.select_related("group"):
        if session.group.school_id == school.pk and in_period(session.held_on, period):
            minutes[Contact.Kind.GROUP] += session.minutes
    return count, minutes, sum(minutes.values())


def school_entries(school: School, period: Period) -> list[TimeEntry]:
    return [
        e for e in TimeEntry.objects.all() if e.school_id == school.pk and in_period(e.on, period)
    ]


def school_referrals(school: School, period: Period) -> list[Referral]:
    return [
        r
        for r in Referral.objects.select_related("case", "destination")
        if r.case.school_id == school.pk and moment_in_period(r.created_at, period)
    ]


def closures(school: School, period: Period) -> list[Case]:
    return [
        c
        for c in Case.objects.all()
        if c.school_id == school.pk and c.closed_on and in_period(c.closed_on, period)
    ]


def oracle_registration(school: School, period: Period) -> dict:
    cases = [c for c in Case.objects.all() if c.school_id == school.pk]
    open_cases = in_care(school, period.end)
    stages = Counter(stage_at_end(c, period.end) for c in open_cases)
    contact_count, contact_minutes, direct = direct_minutes(school, period)
    entries = school_entries(school, period)
    entry_count = Counter(e.activity for e in entries)
    entry_minutes = Counter()
    for e in entries:
        entry_minutes[e.activity] += e.minutes
    indirect = sum(entry_minutes.values())
    referrals = school_referrals(school, period)
    closed = Counter(c.closure_reason for c in closures(school, period))
    plans = {p.case_id: p for p in Plan.objects.all()}
    meetings = [
        m
        for m in Meeting.objects.all()
        if m.school_id == school.pk and moment_in_period(m.starts_at, period)
    ]

    def next_step(case, stage):
        evaluation_on = plans[case.pk].evaluation_on if case.pk in plans else None
        if stage == Stage.HELP:
            date = formats.date_format(evaluation_on, "j F Y")
            return gettext("Evaluation on %(date)s") % {"date": date}
        if stage == Stage.SIGNAL:
            return gettext("Plan the intake" if case.caseworker_id else "Take on the signal")
        return gettext(
            {
                Stage.INTAKE: "Complete the intake and make the plan",
                Stage.PLAN: "Agree the plan of action",
                Stage.REFERRED: "Follow up the referral",
            }[stage]
        )

    pupils = []
    for c in sorted(open_cases, key=lambda c: (c.pupil.last_name, c.pupil.first_name, c.pk)):
        stage = stage_at_end(c, period.end)
        pupils.append(
            {
                "name": f"{c.pupil.first_name} {c.pupil.last_name}",
                "group": c.pupil.group,
                "stage": stage,
                "stage_label": str(Stage(stage).label),
                "worker": str(c.caseworker) if c.caseworker else None,
                "next_step": next_step(c, stage),
                "evaluation_on": plans[c.pk].evaluation_on if c.pk in plans else None,
                "pupil_id": c.pupil_id,
            }
        )
    return {
        "new_signals": sum(1 for c in cases if in_period(c.signalled_on, period)),
        "open_by_stage": [
            {"stage": s.value, "label": str(s.label), "count": stages[s]}
            for s in [Stage.SIGNAL, Stage.INTAKE, Stage.PLAN, Stage.HELP, Stage.REFERRED]
        ],
        "open_total": len(open_cases),
        "closures_by_reason": ordered(Case.ClosureReason.choices, closed, "reason"),
        "closures_total": sum(closed.values()),
        "contacts_by_kind": ordered(
            Contact.Kind.choices,
            contact_count,
            "kind",
            {k: {"hours": one_decimal(m)} for k, m in contact_minutes.items()},
        ),
        "contacts_total": sum(contact_count.values()),
        "direct_hours": one_decimal(direct),
        "indirect_by_activity": ordered(
            TimeEntry.Activity.choices,
            entry_count,
            "activity",
            {k: {"hours": one_decimal(m)} for k, m in entry_minutes.items()},
        ),
        "indirect_hours": one_decimal(indirect),
        "total_hours": one_decimal(direct + indirect),
        "referrals_by_destination": ordered(
            SocialMapEntry.Kind.choices,
            Counter(r.destination.kind for r in referrals),
            "kind",
        ),
        "referrals_by_status": ordered(
            Referral.Status.choices, Counter(r.status for r in referrals), "status"
        ),
        "referrals_total": len(referrals),
        "zat_meetings": len(meetings),
        "pupils": pupils,
        "as_of": min(period.end, timezone.localdate()),
        "partial": timezone.localdate() < period.end,
    }


def median_or_none(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return Decimal(str(statistics.median(values))).quantize(Decimal("0.1"))


def oracle_meldcode(school: School, period: Period) -> dict:
    """The meldcode's counts of the rapportage, counted in Python, 1 to 4 shown as "<5"."""
    from meldcode.models import Trajectory

    mine = [t for t in Trajectory.objects.all() if t.case.school_id == school.pk]
    counts = {
        "trajectories": sum(
            1 for t in mine if in_period(timezone.localtime(t.started_at).date(), period)
        ),
        "meldingen": sum(1 for t in mine if t.reported_on and in_period(t.reported_on, period)),
        "advice": sum(
            1
            for t in mine
            for c in t.consultations.all()
            if c.veilig_thuis and in_period(c.held_on, period)
        ),
    }
    return {key: "<5" if 1 <= n <= 4 else n for key, n in counts.items()}


def oracle_rapportage(school: School, period: Period) -> dict:
    cases = [c for c in Case.objects.all() if c.school_id == school.pk]
    months = []
    for month in period.months():
        count, _minutes, direct = direct_minutes(school, month)
        months.append(
            {
                "label": month.label,
                "start": month.start,
                "signals": sum(1 for c in cases if in_period(c.signalled_on, month)),
                "contacts": sum(count.values()),
                "direct_hours": one_decimal(direct),
            }
        )
    active = [
        c
        for c in cases
        if c.signalled_on <= period.end and (c.closed_on is None or c.closed_on >= period.start)
    ]
    categories = Counter(category for c in active for category in c.categories)
    order = [code for code, _label in Category.choices]
    closed = closures(school, period)
    _count, _minutes, direct = direct_minutes(school, period)
    indirect = sum(e.minutes for e in school_entries(school, period))
    contracted = Decimal(0)
    for year in SchoolYear.objects.all():
        first, last = max(period.start, year.start), min(period.end, year.end)
        if first > last:
            continue
        year_hours = sum(
            a.contracted_hours
            for a in Assignment.objects.all()
            if a.school_id == school.pk and a.school_year_id == year.pk
        )
        contracted += year_hours * ((last - first).days + 1) / ((year.end - year.start).days + 1)
    contracted = contracted.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    spent = one_decimal(direct + indirect)
    waits = [
        (c.intake_on - c.signalled_on).days
        for c in cases
        if c.intake_on and in_period(c.intake_on, period)
    ]
    durations = [(c.closed_on - c.signalled_on).days for c in closed]
    referrals = school_referrals(school, period)
    return {
        "months": months,
        "signals_total": sum(m["signals"] for m in months),
        "contacts_total": sum(m["contacts"] for m in months),
        "active_cases": len(active),
        "categories": sorted(
            (
                {"category": code, "label": str(dict(Category.choices)[code]), "count": n}
                for code, n in categories.items()
            ),
            key=lambda row: (-row["count"], order.index(row["category"])),
        ),
        "closures_by_reason": ordered(
            Case.ClosureReason.choices, Counter(c.closure_reason for c in closed), "reason"
        ),
        "closures_total": len(closed),
        "referrals_by_destination": ordered(
            SocialMapEntry.Kind.choices, Counter(r.destination.kind for r in referrals), "kind"
        ),
        "referrals_total": len(referrals),
        "meldcode": oracle_meldcode(school, period),
        "waiting": {"median_days": median_or_none(waits), "cases": len(waits)},
        "duration": {"median_days": median_or_none(durations), "cases": len(durations)},
        "hours": {
            "contracted": contracted,
            "direct": one_decimal(direct),
            "indirect": one_decimal(indirect),
            "spent": spent,
            # the oracle's periods have ended: the whole contract is the contract to date
            "contracted_to_date": contracted,
            "percentage": round(spent * 100 / contracted) if contracted else None,
        },
        "as_of": period.end,
        "partial": False,
    }


# --- Registratie -----------------------------------------------------------------------------


def test_registration_matches_a_count_made_in_python(world):
    result = figures.registration(world.school, MARCH)
    expected = oracle_registration(world.school, MARCH)
    assert set(result) == set(expected)
    for key in expected:
        assert result[key] == expected[key], key


def test_registration_figures_written_out(world):
    result = figures.registration(world.school, MARCH)

    assert result["new_signals"] == 2  # Bram 5 March, Eva 2 March; not Hanna on 1 April
    # Eva: plan at 23:30 on 31 March, help 45 minutes later; Gijs closed only on 2 April;
    # Joost closed on 5 March and reopened in April; Kees has no timeline
    assert {row["stage"]: row["count"] for row in result["open_by_stage"]} == {
        Stage.SIGNAL: 3,
        Stage.INTAKE: 2,
        Stage.PLAN: 1,
        Stage.HELP: 2,
        Stage.REFERRED: 1,
    }
    assert result["open_total"] == 9
    # Joost's closure on 5 March is undone by his reopening (Case.closed_on is cleared)
    assert result["closures_by_reason"] == [
        {
            "reason": "advies_volstond",
            "label": str(Case.ClosureReason.ADVICE_SUFFICED.label),
            "count": 1,
        }
    ]
    assert [(r["kind"], r["count"], r["hours"]) for r in result["contacts_by_kind"]] == [
        ("leerling", 1, Decimal("0.8")),
        ("ouders", 2, Decimal("1.6")),
        ("huisbezoek", 1, Decimal("1.5")),
        ("groep", 2, Decimal("1.0")),  # two pupils, one hour of the worker's time
        ("telefonisch", 1, Decimal("0.3")),
    ]
    assert result["contacts_total"] == 7
    assert result["direct_hours"] == Decimal("5.1")  # 305 minutes
    assert [(r["activity"], r["hours"]) for r in result["indirect_by_activity"]] == [
        ("zat", Decimal("1.5")),
        ("deskundigheid", Decimal("2.0")),
        ("administratie", Decimal("0.5")),
    ]
    assert result["indirect_hours"] == Decimal("4.0")
    assert result["total_hours"] == Decimal("9.1")  # 545 minutes
    assert [(r["kind"], r["count"]) for r in result["referrals_by_destination"]] == [
        ("wijkteam", 1),
        ("jeugd_ggz", 1),
    ]
    assert [(r["status"], r["count"]) for r in result["referrals_by_status"]] == [
        ("aangemeld", 1),
        ("wachtlijst", 1),
    ]
    assert result["referrals_total"] == 2
    assert result["zat_meetings"] == 2  # 00:30 on 1 March counts, 00:30 on 1 April does not
    assert [(p["name"], p["stage"], p["worker"]) for p in result["pupils"]] == [
        ("Anna Aalders", Stage.HELP, "Wendy Werker"),
        ("Bram Bosman", Stage.SIGNAL, None),
        ("Cees Claassen", Stage.INTAKE, "Wendy Werker"),
        ("Eva Evers", Stage.PLAN, "Karim Kaya"),
        ("Fleur Fokkens", Stage.REFERRED, "Wendy Werker"),
        ("Gijs Groen", Stage.INTAKE, "Wendy Werker"),
        ("Kees Kok", Stage.HELP, "Karim Kaya"),
        ("Mila Meijer", Stage.SIGNAL, None),
        ("Noor Nijland", Stage.SIGNAL, "Wendy Werker"),
    ]
    assert result["pupils"][0]["group"] == "7a"
    assert result["pupils"][0]["evaluation_on"] == D(2026, 4, 15)
    assert "15 april 2026" in result["pupils"][0]["next_step"]
    assert result["pupils"][1]["next_step"] == gettext("Take on the signal")  # Bram
    assert result["pupils"][8]["next_step"] == gettext("Plan the intake")  # Noor, taken on


def test_registration_holds_no_free_text_of_a_case(world):
    text = repr(figures.registration(world.school, MARCH))
    for secret in SECRETS:
        assert secret not in text


def test_registration_of_the_other_school_counts_only_its_own(world):
    result = figures.registration(world.other, MARCH)
    assert result == oracle_registration(world.other, MARCH)
    assert result["new_signals"] == 1
    assert [p["name"] for p in result["pupils"]] == ["Otto Oosterhuis"]
    assert result["direct_hours"] == Decimal("3.5")  # 120 minutes of contact, a 90-minute group
    assert result["zat_meetings"] == 1


def _report_queries(school: School) -> int:
    with CaptureQueriesContext(connection) as queries:
        figures.registration(school, MARCH)
        figures.rapportage(school, TERM)
    return len(queries.captured_queries)


def _busy_school(cases: int) -> School:
    school = factories.create_school()
    worker = factories.create_worker(first_name="Wim", last_name="Wouters")
    for n in range(cases):
        case = create_case(
            school=school,
            first_name=f"Kind{n}",
            last_name="Test",
            signalled_on=D(2026, 2, 1 + n % 28),
            moves=[
                (at(D(2026, 3, 2)), Stage.INTAKE),
                (at(D(2026, 3, 3)), Stage.PLAN),
                (at(D(2026, 3, 4)), Stage.HELP),
            ]
            * (n % 2),
            caseworker=worker,
            reported_by=worker,
            evaluation_on=D(2026, 4, 1),
        )
        create_contact(case=case, held_on=D(2026, 3, 10), minutes=30)
        create_referral(
            case=case, kind="wijkteam", status="aangemeld", created_at=at(D(2026, 3, 11))
        )
        create_time_entry(
            worker=worker, school=school, on=D(2026, 3, 12), minutes=15, activity="overleg"
        )
    return school


def test_the_number_of_queries_does_not_grow_with_the_cases(db):
    small, large = _busy_school(2), _busy_school(30)
    assert figures.registration(large, MARCH)["open_total"] == 30
    assert _report_queries(small) == _report_queries(large)


# --- Rapportage ------------------------------------------------------------------------------


def test_rapportage_matches_a_count_made_in_python(world):
    result = figures.rapportage(world.school, TERM)
    expected = oracle_rapportage(world.school, TERM)
    assert set(result) == set(expected)
    for key in expected:
        assert result[key] == expected[key], key


def test_rapportage_figures_written_out(world):
    result = figures.rapportage(world.school, TERM)

    assert [
        (m["start"], m["signals"], m["contacts"], m["direct_hours"]) for m in result["months"]
    ] == [
        (D(2026, 1, 1), 3, 3, Decimal("1.6")),  # Anna, Gijs, Mila; Gijs 50 + group 45
        (D(2026, 2, 1), 3, 2, Decimal("1.2")),  # Cees, Fleur, Kees; 30 + 40
        (D(2026, 3, 1), 2, 7, Decimal("5.1")),  # Bram, Eva
    ]
    assert result["months"][0]["label"] == "januari 2026"
    assert result["signals_total"] == 8
    assert result["contacts_total"] == 12
    # not Hanna (signalled 1 April) or Lars (closed 31 December)
    assert result["active_cases"] == 12
    assert result["categories"][:2] == [
        {"category": "rouw", "label": str(Category.GRIEF.label), "count": 2},
        {"category": "pesten", "label": str(Category.BULLYING.label), "count": 2},
    ]
    assert sum(row["count"] for row in result["categories"]) == 15
    assert [(r["reason"], r["count"]) for r in result["closures_by_reason"]] == [
        ("doel_bereikt", 1),  # Iris, 27 February
        ("advies_volstond", 1),  # Dirk, 20 March
    ]
    assert [(r["kind"], r["count"]) for r in result["referrals_by_destination"]] == [
        ("wijkteam", 2),
        ("jeugd_ggz", 1),
    ]
    # waits of 7, 10, 10, 11, 12 and 37 days
    assert result["waiting"] == {"median_days": Decimal("10.5"), "cases": 6}
    # Dirk 109 days, Iris 149 days
    assert result["duration"] == {"median_days": Decimal("129.0"), "cases": 2}
    assert result["hours"] == {
        "contracted": Decimal("78.9"),  # (200 + 120) × 90 / 365
        "direct": Decimal("7.8"),  # 470 minutes
        "indirect": Decimal("5.8"),  # 345 minutes
        "spent": Decimal("13.6"),  # 815 minutes
        "contracted_to_date": Decimal("78.9"),  # the term has ended
        "percentage": 17,
    }


def test_rapportage_of_a_school_year_matches_python(world):
    year = Period.school_year(2025)
    assert figures.rapportage(world.school, year) == oracle_rapportage(world.school, year)
    assert figures.rapportage(world.school, year)["hours"]["contracted"] == Decimal("320.0")


def test_rapportage_of_the_other_school_counts_only_its_own(world):
    result = figures.rapportage(world.other, TERM)
    assert result == oracle_rapportage(world.other, TERM)
    assert result["signals_total"] == 2
    assert result["hours"]["contracted"] == Decimal("98.6")  # 400 × 90 / 365


def test_contracted_hours_are_pro_rata_over_two_school_years(world):
    summer = Period(D(2026, 7, 1), D(2026, 8, 31), "zomer 2026")
    # 320 hours × 31/365 of 2025-2026, 180 hours × 31/365 of 2026-2027
    assert figures.contracted_hours(world.school, summer) == Decimal("42.5")
    assert figures.rapportage(world.school, summer) == oracle_rapportage(world.school, summer)


def test_contracted_hours_count_a_leap_school_year_as_366_days(world):
    summer = Period(D(2027, 7, 1), D(2027, 8, 31), "zomer 2027")
    # 180 × 31/365 of 2026-2027 (15.29) and 366 × 31/366 of 2027-2028 (31.0)
    assert figures.contracted_hours(world.school, summer) == Decimal("46.3")


def test_rapportage_without_cases_or_contract(db):
    school = factories.create_school()
    result = figures.rapportage(school, TERM)
    assert result["waiting"] == {"median_days": None, "cases": 0}
    assert result["duration"] == {"median_days": None, "cases": 0}
    assert result["hours"] == {
        "contracted": Decimal("0.0"),
        "direct": Decimal("0.0"),
        "indirect": Decimal("0.0"),
        "spent": Decimal("0.0"),
        "contracted_to_date": Decimal("0.0"),
        "percentage": None,
    }
    assert [m["signals"] for m in result["months"]] == [0, 0, 0]


# --- Median ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("waits", "median"),
    [
        ([3, 8, 1], Decimal("3.0")),
        ([3, 8, 1, 20], Decimal("5.5")),
        ([4], Decimal("4.0")),
        ([1, 2], Decimal("1.5")),
        ([5, 5, 9, 1, 30], Decimal("5.0")),
        ([], None),
    ],
)
def test_median_days(db, waits, median):
    school = factories.create_school()
    worker = factories.create_worker()
    for n, wait in enumerate(waits):
        signalled_on = D(2026, 1, 1 + n)
        create_case(
            school=school,
            first_name=f"Kind{n}",
            last_name="Mediaan",
            signalled_on=signalled_on,
            moves=[(at(signalled_on + datetime.timedelta(days=wait)), Stage.INTAKE)],
            caseworker=worker,
            reported_by=worker,
        )
    result = figures.median_days(
        Case.objects.filter(school=school), start="signalled_on", end="intake_on"
    )
    assert result == {"median_days": median, "cases": len(waits)}
    assert median == median_or_none(waits)


# --- Charts ----------------------------------------------------------------------------------


def test_bar_chart_is_an_accessible_svg_with_a_fixed_viewbox():
    svg = bar_chart(["Jan <1>", "Feb"], [3, Decimal("1.5")], title="Uren & zo", unit="uur")
    assert svg.startswith("<svg ")
    assert 'role="img"' in svg
    assert 'viewBox="0 0 640 60"' in svg
    assert "<title>Uren &amp; zo</title>" in svg
    assert 'aria-label="Uren &amp; zo. Jan &lt;1&gt;: 3 uur; Feb: 1,5 uur"' in svg
    assert "Jan <1>" not in svg
    with pytest.raises(ValueError):
        bar_chart(["a"], [1, 2], title="x")


def test_bar_chart_without_data_says_so():
    svg = bar_chart([], [], title="Leeg")
    assert 'role="img"' in svg
    assert "aria-label=" in svg


# --- PDFs ------------------------------------------------------------------------------------


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def n(value) -> str:
    return formats.number_format(value)


def test_registration_pdf(world):
    result = figures.registration(world.school, MARCH)
    pdf = render_pdf(
        "reports/pdf/registration.html",
        {
            "school": world.school,
            "period": MARCH,
            "figures": result,
            "made_at": at(D(2026, 4, 2), 14),
        },
    )
    text = pdf_text(pdf)

    assert pdf.startswith(b"%PDF")
    assert "Pagina 1 van" in text
    assert "SMW" in text
    assert "Basisschool De Regenboog" in text
    assert "maart 2026" in text
    assert f"{gettext('Made on')} 2 april 2026" in text
    for row in result["open_by_stage"]:
        assert f"{row['label']} {row['count']}" in text
    for row in result["contacts_by_kind"]:
        assert f"{row['label']} {row['count']} {n(row['hours'])}" in text
    for row in result["indirect_by_activity"]:
        assert f"{row['label']} {n(row['hours'])}" in text
    for row in result["closures_by_reason"] + result["referrals_by_destination"]:
        assert f"{row['label']} {row['count']}" in text
    for row in result["referrals_by_status"]:
        assert f"{row['label']} {row['count']}" in text
    assert f"{n(result['contacts_total'])} {n(result['direct_hours'])}" in text
    assert f"{gettext('ZAT meetings')} {result['zat_meetings']}" in text
    assert f"{gettext('New signals')} {result['new_signals']}" in text
    assert n(result["total_hours"]) in text
    for pupil in result["pupils"]:
        assert pupil["name"] in text
        assert pupil["next_step"] in text
    for name in ("Dirk Dekker", "Hanna Hoek", "Joost Jacobs", "Otto Oosterhuis"):
        assert name not in text
    for secret in SECRETS:
        assert secret not in text


def test_rapportage_pdf(world):
    result = figures.rapportage(world.school, TERM)
    pdf = render_pdf(
        "reports/pdf/rapportage.html",
        {
            "school": world.school,
            "period": TERM,
            "figures": result,
            "made_at": at(D(2026, 4, 2), 14),
        },
    )
    text = pdf_text(pdf)

    assert "Pagina 1 van" in text
    assert "SMW" in text
    assert "Basisschool De Regenboog" in text
    assert TERM.label in text
    assert f"{gettext('Made on')} 2 april 2026" in text
    for month in result["months"]:
        assert (
            f"{month['label']} {month['signals']} {month['contacts']} {n(month['direct_hours'])}"
            in text
        )
    for row in result["categories"] + result["closures_by_reason"]:
        assert f"{row['label']} {row['count']}" in text
    for row in result["referrals_by_destination"]:
        assert f"{row['label']} {row['count']}" in text
    assert f"{n(result['waiting']['median_days'])} {result['waiting']['cases']}" in text
    assert f"{n(result['duration']['median_days'])} {result['duration']['cases']}" in text
    for value in result["hours"].values():
        assert n(value) in text
    for secret in SECRETS:
        assert secret not in text
    assert "Anna" not in text  # the rapportage names no pupils
