"""Factories only the ZAT tests need: meetings, guests, consent for the ZAT, items and actions.

Keyword-only like tests/factories.py. `create_*` write rows directly, so a test can set up a
state the meetings functions would refuse today (a past meeting, an item whose consent has
since been withdrawn); `give_zat_consent` goes through referrals.workflow.record_consent.
"""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from accounts.models import User
from cases.models import Case
from referrals.consent import required_consent
from referrals.models import Consent
from referrals.workflow import record_consent
from schools.models import School
from tests import factories
from zat.models import ActionPoint, AgendaItem, Attendee, Meeting

_seq = itertools.count(1)


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def local_time(days: int, *, hour: int = 15, minute: int = 0) -> datetime.datetime:
    """An aware datetime in local time, `days` from today."""
    return timezone.make_aware(
        datetime.datetime.combine(days_from_today(days), datetime.time(hour, minute))
    )


def create_meeting(
    *, school: School, chair: User, starts_at: datetime.datetime | None = None, place: str = ""
) -> Meeting:
    """A meeting with its chair on the attendee list, as plan_meeting makes it; any date."""
    meeting = Meeting.objects.create(
        school=school,
        starts_at=starts_at or local_time(7),
        place=place,
        chair=chair,
        created_by=chair,
    )
    Attendee.objects.create(
        meeting=meeting, user=chair, name=str(chair), organisation=school.name, role="voorzitter"
    )
    return meeting


def create_guest(
    *,
    meeting: Meeting,
    name: str = "Dr. Yildiz",
    organisation: str = "GGD regio Utrecht",
    role: str = "jeugdarts",
) -> Attendee:
    return Attendee.objects.create(meeting=meeting, name=name, organisation=organisation, role=role)


def create_zat_consent(
    *,
    case: Case,
    given_on: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    withdrawn_on: datetime.date | None = None,
) -> Consent:
    """A consent row for discussion in the ZAT, without checking who gave it."""
    return Consent.objects.create(
        pupil=case.pupil,
        case=case,
        purpose=Consent.Purpose.ZAT,
        by_pupil=True,
        given_on=given_on or days_from_today(-60),
        valid_until=valid_until,
        withdrawn_on=withdrawn_on,
        recorded_by=case.caseworker or case.reported_by,
    )


def give_zat_consent(
    case: Case,
    *,
    given_on: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> Consent:
    """A complete ZAT consent recorded by the case manager through the workflow; a parent with
    gezag is added when the pupil's age asks for one and none is recorded."""
    given_on = given_on or days_from_today(-30)
    need = required_consent(case.pupil, given_on)
    guardian_ids: set[int] = set()
    if need.age < 16:
        guardians = list(need.guardians) or [factories.create_guardian(pupil=case.pupil)]
        guardian_ids = {guardian.pk for guardian in guardians}
    return record_consent(
        case,
        by=case.caseworker,
        purpose=Consent.Purpose.ZAT,
        given_on=given_on,
        by_pupil=need.pupil,
        guardian_ids=guardian_ids,
        valid_until=valid_until,
    )


def create_item(
    *,
    meeting: Meeting,
    case: Case | None = None,
    consent: Consent | None = None,
    anonymous_label: str = "",
    question: str | None = None,
    advice: str = "",
    added_by: User | None = None,
) -> AgendaItem:
    """An agenda item; a named one gets a ZAT consent row unless one is given."""
    if case is not None and consent is None:
        consent = create_zat_consent(case=case)
    if case is None and not anonymous_label:
        anonymous_label = f"leerling groep {next(_seq) % 8 + 1}, jongen"
    return AgendaItem.objects.create(
        meeting=meeting,
        case=case,
        consent=consent,
        anonymous_label=anonymous_label,
        question=question or f"Wat is er nodig? ({next(_seq)})",
        advice=advice,
        added_by=added_by or meeting.chair,
        position=meeting.items.count() + 1,
    )


def create_action(
    *,
    item: AgendaItem,
    owner_user: User | None = None,
    owner_guest: Attendee | None = None,
    description: str | None = None,
    due_on: datetime.date | None = None,
    done_on: datetime.date | None = None,
) -> ActionPoint:
    """An action point; owned by the meeting's chair unless told otherwise."""
    if owner_user is None and owner_guest is None:
        owner_user = item.meeting.chair
    return ActionPoint.objects.create(
        item=item,
        description=description or f"Actie {next(_seq)}",
        owner_user=owner_user,
        owner_guest=owner_guest,
        due_on=due_on or days_from_today(14),
        done_on=done_on,
    )
