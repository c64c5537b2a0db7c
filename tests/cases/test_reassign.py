"""The team leader hands a worker's open cases to a colleague; sees no pupil while doing so."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases import workflow
from cases.models import Case, CaseEvent
from cases.workflow import TransitionRefused
from tests import factories


@pytest.fixture
def colleague(cast):
    # same organisation, also works at school A
    return factories.create_worker(
        username="colleague", organisation=cast.organisation, schools=[cast.school_a]
    )


@pytest.fixture
def case(cast):
    return factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")


def test_teamlead_reassigns_an_open_case(cast, colleague, case):
    event = workflow.reassign_case(case, by=cast.teamlead, to=colleague, reason="ziekte")
    case.refresh_from_db()
    assert case.caseworker == colleague
    assert event.kind == CaseEvent.Kind.REASSIGNED
    assert "ziekte" in event.note


@pytest.mark.parametrize("who", ["other_teamlead", "coordinator", "worker", "manager"])
def test_only_the_teamlead_of_the_organisation_reassigns(cast, colleague, case, who):
    with pytest.raises(TransitionRefused):
        workflow.reassign_case(case, by=cast.by_name(who), to=colleague, reason="ziekte")
    case.refresh_from_db()
    assert case.caseworker == cast.worker


def test_new_case_manager_must_work_at_the_school(cast, case):
    elsewhere = factories.create_worker(organisation=cast.organisation, schools=[cast.school_c])
    with pytest.raises(TransitionRefused):
        workflow.reassign_case(case, by=cast.teamlead, to=elsewhere, reason="verlof")


def test_closed_case_and_missing_reason_are_refused(cast, colleague):
    closed = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="closed")
    with pytest.raises(TransitionRefused):
        workflow.reassign_case(closed, by=cast.teamlead, to=colleague, reason="verlof")
    open_case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="plan")
    with pytest.raises(TransitionRefused):
        workflow.reassign_case(open_case, by=cast.teamlead, to=colleague, reason="  ")


def test_reassign_page_shows_numbers_not_pupils(client, cast, colleague, case):
    client.force_login(cast.teamlead)
    response = client.get(reverse("cases:reassign", args=[cast.worker.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert case.number in page
    assert case.pupil.last_name not in page
    assert case.noticed not in page


def test_reassign_page_moves_the_chosen_cases(client, cast, colleague, case):
    client.force_login(cast.teamlead)
    url = reverse("cases:reassign", args=[cast.worker.pk])
    response = client.post(url, {"cases": [case.pk], "to": colleague.pk, "reason": "ziekte"})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).caseworker == colleague


def test_reassign_page_keeps_input_on_errors(client, cast, colleague, case):
    client.force_login(cast.teamlead)
    url = reverse("cases:reassign", args=[cast.worker.pk])
    response = client.post(url, {"cases": [case.pk], "to": colleague.pk, "reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert Case.objects.get(pk=case.pk).caseworker == cast.worker


@pytest.mark.parametrize(
    "who", ["other_teamlead", "coordinator", "worker", "officer", "manager", "nobody"]
)
def test_reassign_page_is_404_outside_the_team(client, cast, case, who):
    client.force_login(cast.by_name(who))
    assert client.get(reverse("cases:reassign", args=[cast.worker.pk])).status_code == 404
