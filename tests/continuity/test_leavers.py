"""A worker leaves: not deactivated while owning anything; after the handover nothing is
orphaned and each case's timeline says who took over."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import workflow as accounts_workflow
from cases.models import Case, CaseEvent, Group
from continuity import leavers
from smw.errors import Refused
from tests import factories
from zat.models import ActionPoint, AgendaItem, Attendee, Meeting


@pytest.fixture
def owning(cast):
    """The worker owns an open case, a group with open cases and an open ZAT action point."""
    worker = cast.worker
    case = factories.create_case(school=cast.school_a, caseworker=worker, stage=Case.Stage.HELP)
    other = factories.create_case(school=cast.school_a, caseworker=worker, stage=Case.Stage.INTAKE)
    group = Group.objects.create(
        school=cast.school_a, worker=worker, name="Rouwgroep", kind=Group.Kind.GRIEF
    )
    group.cases.set([case, other])
    meeting = Meeting.objects.create(
        school=cast.school_a, starts_at=timezone.now(), created_by=cast.coordinator
    )
    Attendee.objects.create(meeting=meeting, user=worker, name=str(worker))
    item = AgendaItem.objects.create(
        meeting=meeting, anonymous_label="jongen groep 6", question="?", added_by=worker
    )
    action = ActionPoint.objects.create(
        item=item,
        description="Ouders bellen",
        owner_user=worker,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    return {"cases": [case, other], "group": group, "action": action}


def test_deactivation_is_refused_while_the_worker_owns_something(cast, owning):
    with pytest.raises(Refused, match="still owns 2 open cases, 1 group, 1 open ZAT action"):
        accounts_workflow.set_active(cast.worker, by=cast.manager, active=False)

    cast.worker.refresh_from_db()
    assert cast.worker.is_active


def test_the_person_page_says_what_is_still_owned(client, cast, owning):
    client.force_login(cast.manager)
    page = client.get(reverse("accounts:manage_user", args=[cast.worker.pk])).content.decode()
    assert "2 open cases" in page

    response = client.post(
        reverse("accounts:manage_user_active", args=[cast.worker.pk]), {"active": "0"}, follow=True
    )
    assert "still owns" in response.content.decode()
    cast.worker.refresh_from_db()
    assert cast.worker.is_active


def test_all_to_one_colleague_then_deactivation_orphans_nothing(client, cast, owning, colleague):
    client.force_login(cast.teamlead)
    url = reverse("continuity:leaver", args=[cast.worker.pk])
    page = client.get(url).content.decode()
    assert owning["cases"][0].number in page
    assert owning["cases"][0].pupil.last_name not in page  # metadata only
    assert "ZAT action point" in page
    assert "Ouders bellen" not in page  # an action's text is case content

    response = client.post(url, {"all_to": colleague.pk, "reason": "Vertrekt per 1 januari"})

    assert response.status_code == 302
    assert not leavers.owned_by(cast.worker)
    for case in owning["cases"]:
        case.refresh_from_db()
        assert case.caseworker == colleague
        event = case.events.filter(kind=CaseEvent.Kind.REASSIGNED).first()
        assert event.by == cast.teamlead
        assert "Vertrekt per 1 januari" in event.note
    owning["group"].refresh_from_db()
    owning["action"].refresh_from_db()
    assert owning["group"].worker == colleague
    assert owning["action"].owner_user == colleague
    assert owning["action"].item.meeting.attendees.filter(user=colleague).exists()

    accounts_workflow.set_active(cast.worker, by=cast.manager, active=False)
    cast.worker.refresh_from_db()
    assert not cast.worker.is_active
    assert not Case.objects.open().filter(caseworker=cast.worker).exists()
    # The team leader's page of the deactivated worker still opens (no orphan, no 404).
    assert client.get(url).status_code == 200
    assert client.get(reverse("cases:reassign", args=[cast.worker.pk])).status_code == 200


def test_one_by_one_and_a_colleague_not_at_the_school_is_refused(cast, owning, colleague):
    case_b = factories.create_case(
        school=cast.school_b, caseworker=cast.worker, stage=Case.Stage.INTAKE
    )
    # The colleague works at school A only: a case at school B cannot go to them.
    with pytest.raises(Refused, match=case_b.number):
        leavers.hand_over(
            cast.worker,
            by=cast.teamlead,
            owners={f"case-{case_b.pk}": colleague},
            reason="Vertrek",
        )
    case_b.refresh_from_db()
    assert case_b.caseworker == cast.worker

    first = owning["cases"][0]
    done = leavers.hand_over(
        cast.worker, by=cast.teamlead, owners={f"case-{first.pk}": colleague}, reason="Vertrek"
    )
    assert done == 1
    first.refresh_from_db()
    assert first.caseworker == colleague
    assert leavers.owned_by(cast.worker).cases  # the others stay until handed over


def test_handover_needs_a_reason(cast, owning, colleague):
    with pytest.raises(Refused, match="reason"):
        leavers.hand_over(
            cast.worker,
            by=cast.teamlead,
            owners={f"case-{owning['cases'][0].pk}": colleague},
            reason=" ",
        )


def test_a_deactivated_worker_who_still_owns_cases_is_on_the_team_page(client, cast, owning):
    # Deactivated before this rule existed: the team leader must still reach the cases.
    type(cast.worker).objects.filter(pk=cast.worker.pk).update(is_active=False)
    client.force_login(cast.teamlead)
    page = client.get(reverse("accounts:team")).content.decode()
    assert reverse("continuity:leaver", args=[cast.worker.pk]) in page
    assert client.get(reverse("cases:reassign", args=[cast.worker.pk])).status_code == 200


def test_a_coordinator_with_open_action_points_can_still_be_deactivated(cast, owning):
    owning["action"].owner_user = cast.coordinator
    owning["action"].save()
    accounts_workflow.set_active(cast.coordinator, by=cast.manager, active=False)
    cast.coordinator.refresh_from_db()
    assert not cast.coordinator.is_active
