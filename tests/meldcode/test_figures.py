"""The meldcode in the rapportage: trajectories, meldingen and advice asked of Veilig Thuis,
counted exactly against a count made in Python, small counts shown as "<5"."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cases.models import Case
from meldcode.figures import school_figures, true_counts
from meldcode.models import Consultation, Trajectory
from reports import figures
from reports.periods import Period
from tests import factories

D = datetime.date
TERM = Period.term(2025, 2)  # 1 January – 31 March 2026


def _trajectory(cast, *, school, started: D, reported: D | None = None, advice: list[D] = ()):
    case = factories.create_case(school=school, caseworker=cast.worker, stage=Case.Stage.INTAKE)
    trajectory = Trajectory.objects.create(
        case=case,
        organisation=cast.organisation,
        started_by=cast.worker,
        started_at=timezone.make_aware(datetime.datetime.combine(started, datetime.time(9))),
        step=Trajectory.Step.DECISION if reported else Trajectory.Step.CONSULTATION,
        reported_on=reported,
    )
    for day in advice:
        Consultation.objects.create(
            trajectory=trajectory,
            held_on=day,
            with_whom="Veilig Thuis",
            veilig_thuis=True,
            advice="Advies",
            by=cast.worker,
        )
    # a consultation that is not advice of Veilig Thuis never counts
    Consultation.objects.create(
        trajectory=trajectory, held_on=started, with_whom="AF", advice="X", by=cast.worker
    )
    return trajectory


@pytest.fixture
def world(cast):
    a, b = cast.school_a, cast.school_b
    made = []
    for i in range(6):  # six started in the term at school A, five with a melding in it
        made.append(
            _trajectory(
                cast,
                school=a,
                started=D(2026, 1, 5 + i),
                reported=D(2026, 2, 2 + i) if i < 5 else None,
                advice=[D(2026, 1, 20)] if i < 2 else [],
            )
        )
    # the edges: started the day before the term, and on its last day
    made.append(_trajectory(cast, school=a, started=D(2025, 12, 31), reported=D(2026, 4, 1)))
    made.append(_trajectory(cast, school=a, started=D(2026, 3, 31), advice=[D(2026, 4, 2)]))
    # another school: never in A's figures
    made.append(_trajectory(cast, school=b, started=D(2026, 2, 1), reported=D(2026, 2, 3)))
    return made


def _independent(school, period) -> dict[str, int]:
    mine = [t for t in Trajectory.objects.all() if t.case.school_id == school.pk]
    inside = lambda day: day is not None and period.start <= day <= period.end  # noqa: E731
    return {
        "trajectories": sum(inside(timezone.localtime(t.started_at).date()) for t in mine),
        "meldingen": sum(inside(t.reported_on) for t in mine),
        "advice": sum(
            inside(c.held_on) for t in mine for c in t.consultations.all() if c.veilig_thuis
        ),
    }


def test_counts_match_an_independent_count(cast, world):
    assert true_counts(cast.school_a, TERM) == _independent(cast.school_a, TERM)
    assert true_counts(cast.school_a, TERM) == {"trajectories": 7, "meldingen": 5, "advice": 2}
    assert true_counts(cast.school_b, TERM) == {"trajectories": 1, "meldingen": 1, "advice": 0}


def test_small_counts_are_suppressed(cast, world):
    assert school_figures(cast.school_a, TERM) == {
        "trajectories": 7,
        "meldingen": 5,
        "advice": "<5",
    }
    assert school_figures(cast.school_b, TERM) == {
        "trajectories": "<5",
        "meldingen": "<5",
        "advice": 0,
    }


def test_in_the_rapportage(cast, world):
    assert figures.rapportage(cast.school_a, TERM)["meldcode"] == {
        "trajectories": 7,
        "meldingen": 5,
        "advice": "<5",
    }


def test_in_the_funding_report(cast, world):
    from reports import funding

    result = funding.funding_figures(cast.north, TERM)
    rows = {row["key"]: row["cells"] for row in result["meldcode"]["rows"]}
    school_a, school_b = f"school:{cast.school_a.pk}", f"school:{cast.school_b.pk}"
    true_a, true_b = true_counts(cast.school_a, TERM), true_counts(cast.school_b, TERM)
    assert true_a == _independent(cast.school_a, TERM)
    assert true_a["trajectories"] == 7
    # one school per sector here: the secondary suppression may hide a large count too
    assert rows[school_a]["meldcode_trajectories"] in (7, "×")
    assert rows[school_a]["meldcode_meldingen"] in (5, "×")
    # small counts are hidden, and so is whatever would give them away
    assert rows[school_a]["meldcode_advice"] == "<5"
    assert rows[school_b]["meldcode_trajectories"] == "<5"
    assert rows[school_b]["meldcode_advice"] == 0
    assert rows["total"]["meldcode_trajectories"] in (
        true_a["trajectories"] + true_b["trajectories"],
        "×",
    )
    raw = funding._raw(cast.north, TERM)
    assert raw.count("meldcode_trajectories", "total") == 8
    assert raw.count("meldcode_meldingen", "total") == 6
    assert raw.count("meldcode_advice", "total") == 2
