"""The case's next step: one primary action, or the list of what is still missing for it;
starting a stage opens its form; the plan's goals are added and removed on one form."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import workflow
from cases.models import Case, Intake, Plan
from tests import factories


@pytest.fixture
def worker_client(client, cast, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(cast.worker)
    return client


def test_taking_on_a_signal_opens_its_intake_form(worker_client, cast):
    case = factories.create_case(school=cast.school_a)

    response = worker_client.post(reverse("cases:take_on", args=[case.pk]))

    assert response["Location"] == reverse("cases:intake", args=[case.pk])
    case.refresh_from_db()
    assert case.caseworker == cast.worker and case.stage == Case.Stage.INTAKE


def test_an_empty_intake_says_what_the_plan_still_needs(worker_client, cast):
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker)
    workflow.start_intake(case, by=cast.worker)
    url = reverse("cases:intake", args=[case.pk])

    version = Intake.objects.get(case=case).version
    response = worker_client.post(url, {"version": version, "next": "1"}, follow=True)

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == url
    assert "The intake is saved. Still needed for the plan of action:" in page
    assert "request for help" in page and "clarified problem" in page
    case.refresh_from_db()
    assert case.stage == Case.Stage.INTAKE
    detail = worker_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Still needed for the plan of action:" in detail
    assert "Complete the intake" in detail


def test_a_complete_intake_starts_the_plan_and_opens_its_form(worker_client, cast):
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker)
    workflow.start_intake(case, by=cast.worker)
    data = {
        "version": Intake.objects.get(case=case).version,
        "held_on": timezone.localdate().isoformat(),
        "request_for_help": "Weer meespelen.",
        "clarified_problem": "Buitengesloten.",
        "next": "1",
    }

    response = worker_client.post(reverse("cases:intake", args=[case.pk]), data)

    assert response["Location"] == reverse("cases:plan", args=[case.pk])
    case.refresh_from_db()
    assert case.stage == Case.Stage.PLAN
    plan_page = worker_client.get(response["Location"]).content.decode()
    evaluation = (timezone.localdate() + datetime.timedelta(weeks=6)).isoformat()
    assert f'name="evaluation_on" value="{evaluation}"' in plan_page
    assert plan_page.count('class="row g-2 align-items-end border-bottom pb-2 mb-2 goal-row"') == 3


def _plan_case(cast) -> Case:
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="intake")
    workflow.start_plan(case, by=cast.worker)
    return case


def _goals(*descriptions, total=None) -> dict:
    data = {
        "goals-TOTAL_FORMS": str(total or len(descriptions)),
        "goals-INITIAL_FORMS": "0",
        "goals-MIN_NUM_FORMS": "0",
        "goals-MAX_NUM_FORMS": "12",
    }
    for i, text in enumerate(descriptions):
        data[f"goals-{i}-domain"] = "leerling" if text else ""
        data[f"goals-{i}-description"] = text
    return data


def test_adding_and_removing_a_goal_keeps_what_was_typed_and_saves_nothing(worker_client, cast):
    case = _plan_case(cast)
    url = reverse("cases:plan", args=[case.pk])
    typed = {"version": 0, "planned_sessions": "5", **_goals("Eerste", "Tweede")}

    added = worker_client.post(url, {**typed, "add_goal": "1"}).content.decode()
    removed = worker_client.post(url, {**typed, "remove_goal": "0"}).content.decode()

    assert added.count("goal-row") == 3
    assert 'value="Eerste"' in added and 'value="Tweede"' in added
    assert 'name="planned_sessions" value="5"' in added
    assert 'value="Eerste"' not in removed and 'value="Tweede"' in removed
    assert not Plan.objects.get(case=case).goals.exists()


def test_saving_the_plan_with_next_starts_short_term_help(worker_client, cast):
    case = _plan_case(cast)
    today = timezone.localdate()
    data = {
        "version": Plan.objects.get(case=case).version,
        "evaluation_on": (today + datetime.timedelta(days=42)).isoformat(),
        "agreed_pupil": "on",
        "agreed_on": today.isoformat(),
        "next": "1",
        **_goals("Eerste", "Tweede", "Derde", "", total=4),
    }

    response = worker_client.post(reverse("cases:plan", args=[case.pk]), data)

    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    case.refresh_from_db()
    assert case.stage == Case.Stage.HELP
    assert [goal.description for goal in Plan.objects.get(case=case).goals.all()] == [
        "Eerste",
        "Tweede",
        "Derde",
    ]
    assert Intake.objects.filter(case=case).exists()
