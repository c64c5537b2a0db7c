"""A case of the cast's worker at school A, and trajectories on it at each step."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from cases.models import Case
from meldcode import workflow
from meldcode.models import Trajectory, Violence
from tests import factories


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def case(cast) -> Case:
    return factories.create_case(
        school=cast.school_a, caseworker=cast.worker, stage=Case.Stage.INTAKE
    )


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def at_step(case: Case, step: int, *, violence=(Violence.PHYSICAL,), officer=None) -> Trajectory:
    """A trajectory on `case` walked through the workflow up to `step` (1–4)."""
    worker = case.caseworker
    trajectory = workflow.start(case, by=worker)
    if step >= 2:
        workflow.record_signals(
            trajectory,
            by=worker,
            signals_on=days_ago(3),
            facts="Blauwe plekken op beide armen, gezien door de leerkracht op maandag.",
            sources="Leerkracht groep 6",
            interpretation="Mogelijk lichamelijk geweld thuis.",
            kindcheck=False,
            violence=list(violence),
        )
    if step >= 3:
        workflow.add_consultation(
            trajectory,
            by=officer or worker,
            held_on=days_ago(2),
            with_whom="Aandachtsfunctionaris",
            advice="Gesprek met ouders voeren.",
            with_safeguarding=True,
            veilig_thuis=True,
        )
        workflow.finish_consultation(trajectory, by=worker)
    if step >= 4:
        workflow.record_conversation(
            trajectory,
            by=worker,
            held_on=days_ago(1),
            with_whom="Moeder en kind",
            summary="Moeder herkent de zorgen.",
        )
    trajectory.refresh_from_db()
    return trajectory


def answer(trajectory: Trajectory, question: str, value: bool, **extra):
    return workflow.answer(
        trajectory,
        by=trajectory.case.caseworker,
        question=question,
        answer=value,
        motivation=f"Motivering bij {question}.",
        **extra,
    )
