"""A ZAT item's discussion and advice are recorded by the item's worker and the meeting's chair
only; a colleague of the school reads them. A named case's timeline says who recorded it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import CaseEvent
from smw.errors import Refused
from tests import factories
from zat import workflow

from .helpers import create_item, create_meeting


@pytest.fixture
def colleague(cast):
    """Another worker assigned to school A: sees the meeting, is not the item's worker."""
    return factories.create_worker(username="colleague", schools=[cast.school_a])


@pytest.fixture
def item(cast, case):
    meeting = create_meeting(school=cast.school_a, chair=cast.coordinator)
    return create_item(meeting=meeting, case=case, added_by=cast.worker, advice="Eerste advies.")


def test_the_case_manager_records_advice_and_the_timeline_says_so(cast, item):
    workflow.record_advice(item, by=cast.worker, discussion="Besproken.", advice="Huisbezoek.")

    item.refresh_from_db()
    assert item.advice == "Huisbezoek."
    event = item.case.events.filter(kind=CaseEvent.Kind.ZAT).latest("pk")
    assert event.by == cast.worker
    assert event.note.startswith("Advice recorded")


def test_the_chair_records_advice(cast, item):
    workflow.record_advice(item, by=cast.coordinator, discussion="", advice="Jeugdarts kijkt mee.")

    item.refresh_from_db()
    assert item.advice == "Jeugdarts kijkt mee."


def test_a_colleague_of_the_school_cannot_overwrite_the_advice(item, colleague):
    with pytest.raises(Refused):
        workflow.record_advice(item, by=colleague, discussion="", advice="Overschreven.")

    item.refresh_from_db()
    assert item.advice == "Eerste advies."


def test_a_colleague_reads_the_advice_without_a_form_and_a_forged_post_changes_nothing(
    client, item, colleague
):
    client.force_login(colleague)
    url = reverse("zat:item", args=[item.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert "Eerste advies." in page.text
    assert 'name="advice"' not in page.text

    response = client.post(url, {"discussion": "", "advice": "Overschreven."})
    assert response.status_code == 200
    assert "Only the worker of this item and the chair can record its advice." in response.text
    item.refresh_from_db()
    assert item.advice == "Eerste advies."
