"""The rules of a ZAT: who plans and invites, what may go on the agenda by name, and how
action points carry over to the next meeting of the same school."""

from __future__ import annotations

import pytest
from django.utils.formats import date_format

from cases.models import Case, CaseEvent
from referrals.models import Consent
from referrals.workflow import withdraw_consent
from smw.errors import Refused
from tests import factories
from zat import workflow
from zat.models import AgendaItem, Attendee, Meeting

from .helpers import (
    create_action,
    create_guest,
    create_item,
    create_meeting,
    create_zat_consent,
    days_from_today,
    give_zat_consent,
    local_time,
)


@pytest.fixture
def meeting(cast) -> Meeting:
    """Next week's ZAT at school A, chaired by its coordinator."""
    return create_meeting(school=cast.school_a, chair=cast.coordinator, starts_at=local_time(7))


def _add_named(meeting: Meeting, case: Case, *, by=None) -> AgendaItem:
    return workflow.add_item(
        meeting, by=by or case.caseworker, case=case, question="Hoe krijgen we hem weer op school?"
    )


# --- Named items need consent for the ZAT on the day of the meeting ---------------------------


def test_case_without_zat_consent_cannot_be_discussed_by_name(meeting, case):
    with pytest.raises(Refused) as refused:
        _add_named(meeting, case)

    message = str(refused.value)
    assert "Sanne Kok cannot be discussed by name" in message
    assert "no valid consent for discussion in the ZAT" in message
    assert date_format(meeting.day, "j F Y") in message
    assert not meeting.items.exists()


def test_consent_for_another_purpose_does_not_put_a_case_on_the_agenda(meeting, case):
    consent = create_zat_consent(case=case)
    Consent.objects.filter(pk=consent.pk).update(purpose=Consent.Purpose.REFERRAL)

    with pytest.raises(Refused, match="no valid consent"):
        _add_named(meeting, case)


def test_valid_zat_consent_puts_the_case_on_the_agenda_by_name(meeting, case):
    consent = give_zat_consent(case)

    item = _add_named(meeting, case)

    assert item.case == case
    assert item.consent == consent
    assert item.anonymous_label == ""
    assert workflow.shows_name(item)
    assert case.events.filter(kind=CaseEvent.Kind.ZAT).exists()


def test_consent_withdrawn_before_the_meeting_day_refuses_the_case(meeting, case):
    consent = give_zat_consent(case, given_on=days_from_today(-30))
    withdraw_consent(consent, by=case.caseworker, on=days_from_today(0))

    with pytest.raises(Refused, match="no valid consent"):
        _add_named(meeting, case)


def test_item_on_the_agenda_loses_the_name_when_consent_is_withdrawn(meeting, case):
    consent = give_zat_consent(case)
    item = _add_named(meeting, case)

    withdraw_consent(consent, by=case.caseworker, on=days_from_today(0))

    item.refresh_from_db()
    assert not workflow.shows_name(item)


def test_expired_consent_refuses_the_case_but_covers_its_last_day(cast, case):
    give_zat_consent(case, given_on=days_from_today(-30), valid_until=days_from_today(3))
    on_last_day = create_meeting(
        school=cast.school_a, chair=cast.coordinator, starts_at=local_time(3)
    )
    after_expiry = create_meeting(
        school=cast.school_a, chair=cast.coordinator, starts_at=local_time(4)
    )

    assert _add_named(on_last_day, case).consent is not None
    with pytest.raises(Refused, match="no valid consent"):
        _add_named(after_expiry, case)


def test_consent_is_judged_on_the_local_date_of_an_early_morning_meeting(cast, case):
    # 00:30 in Amsterdam is still the day before in UTC, which is how the row is read back
    give_zat_consent(case, given_on=days_from_today(-30), valid_until=days_from_today(6))
    created = create_meeting(
        school=cast.school_a, chair=cast.coordinator, starts_at=local_time(7, hour=0, minute=30)
    )
    meeting = Meeting.objects.get(pk=created.pk)

    assert meeting.day == days_from_today(7)
    with pytest.raises(Refused, match="no valid consent"):
        _add_named(meeting, case)


# --- Anonymous items --------------------------------------------------------------------------


def test_anonymous_item_needs_a_description(meeting, cast):
    with pytest.raises(Refused, match="without name or other identifying data"):
        workflow.add_item(
            meeting, by=cast.worker, question="Wat kan school doen?", anonymous_label=" "
        )
    assert not meeting.items.exists()


def test_anonymous_item_has_a_label_and_no_case(meeting, cast):
    item = workflow.add_item(
        meeting,
        by=cast.worker,
        question="Wat kan school doen?",
        anonymous_label="  leerling groep 6, jongen, 9 jaar ",
    )

    assert item.case is None
    assert item.consent is None
    assert item.anonymous_label == "leerling groep 6, jongen, 9 jaar"
    assert not workflow.shows_name(item)


def test_item_needs_a_question(meeting, cast):
    with pytest.raises(Refused, match="question for the team"):
        workflow.add_item(meeting, by=cast.worker, question="  ", anonymous_label="groep 3")


# --- Who plans, invites and puts items on the agenda -----------------------------------------


def test_coordinator_plans_a_meeting_and_chairs_it(cast):
    meeting = workflow.plan_meeting(
        school=cast.school_a, by=cast.coordinator, starts_at=local_time(10), place="Teamkamer"
    )

    assert meeting.chair == cast.coordinator
    assert list(meeting.attendees.values_list("user", flat=True)) == [cast.coordinator.pk]


@pytest.mark.parametrize("person", ["worker", "other_coordinator", "teamlead", "manager"])
def test_only_the_coordinator_of_the_school_plans_its_meetings(cast, person):
    with pytest.raises(Refused, match="Only the care coordinator"):
        workflow.plan_meeting(
            school=cast.school_a, by=cast.by_name(person), starts_at=local_time(10)
        )
    assert not Meeting.objects.exists()


def test_coordinator_adds_a_colleague_and_an_external_guest(meeting, cast):
    workflow.add_attendee(meeting, by=cast.coordinator, user=cast.worker)
    guest = workflow.add_attendee(
        meeting, by=cast.coordinator, name=" Ilse Post ", organisation="Leerplicht", role="lpa"
    )

    assert guest.user is None
    assert guest.name == "Ilse Post"
    assert meeting.attendees.filter(user=cast.worker).exists()


@pytest.mark.parametrize("person", ["worker", "other_coordinator"])
def test_only_the_coordinator_of_the_school_adds_attendees(meeting, cast, person):
    with pytest.raises(Refused, match="Only the care coordinator"):
        workflow.add_attendee(meeting, by=cast.by_name(person), name="Ilse Post")
    assert meeting.attendees.count() == 1  # the chair


def test_guest_needs_a_name_and_a_colleague_attends_once(meeting, cast):
    with pytest.raises(Refused, match="guest's name"):
        workflow.add_attendee(meeting, by=cast.coordinator, name="  ")
    with pytest.raises(Refused, match="already on the list"):
        workflow.add_attendee(meeting, by=cast.coordinator, user=cast.coordinator)


def test_worker_puts_only_their_own_cases_on_the_agenda(meeting, cast, case):
    colleague = factories.create_worker(organisation=cast.organisation, schools=[cast.school_a])
    colleagues_case = factories.create_case(
        school=cast.school_a, caseworker=colleague, stage=Case.Stage.HELP
    )
    give_zat_consent(colleagues_case)
    give_zat_consent(case)

    with pytest.raises(Refused, match="cannot put this case on this agenda"):
        _add_named(meeting, colleagues_case, by=cast.worker)
    assert _add_named(meeting, case, by=cast.worker).case == case
    assert list(workflow.cases_for_agenda(cast.worker, meeting)) == [case]


def test_coordinator_puts_any_open_case_of_the_school_on_the_agenda(meeting, cast, case):
    give_zat_consent(case)

    assert _add_named(meeting, case, by=cast.coordinator).added_by == cast.coordinator


def test_worker_of_another_school_cannot_add_an_anonymous_item(meeting, cast):
    with pytest.raises(Refused, match="cannot add items to this meeting"):
        workflow.add_item(
            meeting,
            by=cast.other_worker,
            question="Wat kan school doen?",
            anonymous_label="groep 4",
        )


# --- Action points ----------------------------------------------------------------------------


def test_open_action_points_of_earlier_meetings_carry_over(cast, meeting):
    earlier = create_meeting(
        school=cast.school_a, chair=cast.coordinator, starts_at=local_time(-40)
    )
    last = create_meeting(school=cast.school_a, chair=cast.coordinator, starts_at=local_time(-10))
    elsewhere = create_meeting(
        school=cast.school_c, chair=cast.other_coordinator, starts_at=local_time(-10)
    )
    later = create_meeting(school=cast.school_a, chair=cast.coordinator, starts_at=local_time(30))
    open_early = create_action(item=create_item(meeting=earlier), due_on=days_from_today(-20))
    create_action(item=create_item(meeting=earlier), done_on=days_from_today(-30))
    open_last = create_action(item=create_item(meeting=last))
    create_action(item=create_item(meeting=elsewhere))
    create_action(item=create_item(meeting=meeting))
    create_action(item=create_item(meeting=later))

    assert set(workflow.open_actions_before(meeting)) == {open_early, open_last}


def test_action_points_of_another_school_do_not_carry_over(cast):
    other = create_meeting(
        school=cast.school_c, chair=cast.other_coordinator, starts_at=local_time(-10)
    )
    create_action(item=create_item(meeting=other))
    next_at_c = create_meeting(
        school=cast.school_c, chair=cast.other_coordinator, starts_at=local_time(7)
    )
    next_at_a = create_meeting(
        school=cast.school_a, chair=cast.coordinator, starts_at=local_time(7)
    )

    assert workflow.open_actions_before(next_at_c).count() == 1
    assert not workflow.open_actions_before(next_at_a).exists()


def test_completing_an_action_removes_it_from_the_next_agenda(cast, meeting):
    last = create_meeting(school=cast.school_a, chair=cast.coordinator, starts_at=local_time(-10))
    action = create_action(item=create_item(meeting=last))

    workflow.complete_action(action, by=cast.coordinator)

    action.refresh_from_db()
    assert action.done_on == days_from_today(0)
    assert not workflow.open_actions_before(meeting).exists()

    workflow.reopen_action(action, by=cast.coordinator)

    assert list(workflow.open_actions_before(meeting)) == [action]


def test_action_owner_is_an_attendee_or_a_guest_of_this_meeting(cast, meeting):
    item = create_item(meeting=meeting)
    guest = create_guest(meeting=meeting)
    workflow.add_attendee(meeting, by=cast.coordinator, user=cast.worker)

    by_guest = workflow.add_action(
        item,
        by=cast.coordinator,
        description=" Huisbezoek ",
        due_on=days_from_today(14),
        owner_guest=guest,
    )
    by_worker = workflow.add_action(
        item,
        by=cast.coordinator,
        description="Gesprek ouders",
        due_on=days_from_today(14),
        owner_user=cast.worker,
    )

    assert (by_guest.owner, by_guest.description) == (guest, "Huisbezoek")
    assert by_worker.owner == cast.worker


def test_guest_of_another_meeting_cannot_own_an_action(cast, meeting):
    other = create_meeting(school=cast.school_a, chair=cast.coordinator, starts_at=local_time(-10))
    stranger = create_guest(meeting=other)

    with pytest.raises(Refused, match="must attend this meeting"):
        workflow.add_action(
            create_item(meeting=meeting),
            by=cast.coordinator,
            description="Bellen",
            due_on=days_from_today(14),
            owner_guest=stranger,
        )


def test_user_who_does_not_attend_cannot_own_an_action(cast, meeting):
    # the worker works at school A but is not on this meeting's list
    with pytest.raises(Refused, match="must attend this meeting"):
        workflow.add_action(
            create_item(meeting=meeting),
            by=cast.coordinator,
            description="Bellen",
            due_on=days_from_today(14),
            owner_user=cast.worker,
        )


def test_action_has_exactly_one_owner(cast, meeting):
    item = create_item(meeting=meeting)
    guest = create_guest(meeting=meeting)

    for owners in ({}, {"owner_user": cast.coordinator, "owner_guest": guest}):
        with pytest.raises(Refused, match="one owner"):
            workflow.add_action(
                item,
                by=cast.coordinator,
                description="Bellen",
                due_on=days_from_today(14),
                **owners,
            )
    assert not item.actions.exists()
    assert Attendee.objects.filter(meeting=meeting).count() == 2
