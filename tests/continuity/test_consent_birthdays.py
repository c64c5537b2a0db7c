"""Birthdays that change consent: a consent of the parents alone is not enough from the 12th
birthday; parents' consent no longer counts from the 16th. Marked "ask again" by the daily
task, shown to the worker, and a ZAT item or referral relying on it is refused with the reason.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseEvent
from continuity.consent import ask_again_reason, mark_consents_to_ask_again
from continuity.models import ConsentToAskAgain
from referrals import workflow as referral_workflow
from referrals.models import Consent, SocialMapEntry
from smw.errors import Refused
from tests import factories
from zat import workflow as zat_workflow
from zat.models import Meeting

BORN = datetime.date(2014, 5, 20)
DAY_BEFORE_12 = datetime.date(2026, 5, 19)  # 11 years and 364 days
TWELVE = datetime.date(2026, 5, 20)
DAY_BEFORE_16 = datetime.date(2030, 5, 19)  # 15 years and 364 days
SIXTEEN = datetime.date(2030, 5, 20)


@pytest.fixture
def child(cast):
    pupil = factories.create_pupil(school=cast.school_a, date_of_birth=BORN)
    mother = factories.create_guardian(pupil=pupil)
    case = factories.create_case(pupil=pupil, caseworker=cast.worker, stage="help")
    return case, mother


def _consent(case, mother, purpose, *, given_on, by_pupil=False, party=None):
    consent = Consent.objects.create(
        pupil=case.pupil,
        case=case,
        purpose=purpose,
        party=party,
        by_pupil=by_pupil,
        given_on=given_on,
        recorded_by=case.caseworker,
    )
    consent.by_guardians.set([mother])
    return consent


@pytest.mark.parametrize("purpose", Consent.Purpose.values)
def test_parents_alone_at_11_no_longer_enough_from_the_12th_birthday(child, purpose):
    case, mother = child
    consent = _consent(case, mother, purpose, given_on=datetime.date(2025, 9, 1))

    assert ask_again_reason(consent, DAY_BEFORE_12) is None
    reason = ask_again_reason(consent, TWELVE)
    assert "12th birthday (20 May 2026)" in reason
    assert "pupil must consent too" in reason


@pytest.mark.parametrize("purpose", Consent.Purpose.values)
def test_pupil_and_parents_at_11_still_count_at_12(child, purpose):
    case, mother = child
    consent = _consent(case, mother, purpose, given_on=datetime.date(2025, 9, 1), by_pupil=True)
    assert ask_again_reason(consent, TWELVE) is None


@pytest.mark.parametrize("purpose", Consent.Purpose.values)
def test_parents_consent_no_longer_counts_from_the_16th_birthday(child, purpose):
    case, mother = child
    consent = _consent(case, mother, purpose, given_on=datetime.date(2025, 9, 1))
    assert "16th birthday (20 May 2030)" in ask_again_reason(consent, SIXTEEN)


@pytest.mark.parametrize("purpose", Consent.Purpose.values)
def test_pupil_and_parents_at_14_count_at_15y364d_and_16(child, purpose):
    case, mother = child
    consent = _consent(case, mother, purpose, given_on=datetime.date(2028, 9, 1), by_pupil=True)
    assert ask_again_reason(consent, DAY_BEFORE_16) is None
    assert ask_again_reason(consent, SIXTEEN) is None  # the youth's own consent holds


def test_a_zat_item_relying_on_a_parents_only_consent_is_refused_at_12(cast, child, clock):
    case, mother = child
    _consent(case, mother, Consent.Purpose.ZAT, given_on=datetime.date(2025, 9, 1))

    def meeting_on(day):
        clock.set(day, hour=8)
        return Meeting.objects.create(
            school=cast.school_a,
            starts_at=timezone.now() + datetime.timedelta(hours=2),
            created_by=cast.coordinator,
        )

    before = meeting_on(DAY_BEFORE_12)
    item = zat_workflow.add_item(before, by=cast.worker, question="Hoe verder?", case=case)
    assert zat_workflow.shows_name(item)

    on_birthday = meeting_on(TWELVE)
    with pytest.raises(Refused, match="cannot be discussed by name: Ask again: since the 12th"):
        zat_workflow.add_item(on_birthday, by=cast.worker, question="Hoe verder?", case=case)
    # The item added before the birthday no longer shows the name at a meeting after it.
    assert not zat_workflow.shows_name(item, TWELVE)


def test_a_referral_relying_on_a_parents_only_consent_is_refused_at_16(cast, child, clock):
    case, mother = child
    party = SocialMapEntry.objects.create(name="Jeugd-GGZ Noord", kind="jeugd_ggz")
    consent = _consent(
        case, mother, Consent.Purpose.REFERRAL, given_on=datetime.date(2025, 9, 1), party=party
    )
    consent.by_pupil = True  # given at 11 with the pupil: counts at 12 and at 16
    consent.save()
    parents_only = _consent(
        case, mother, Consent.Purpose.REFERRAL, given_on=datetime.date(2029, 1, 1), party=party
    )
    clock.set(SIXTEEN)
    assert list(referral_workflow.valid_referral_consents(case, party)) == [consent]

    with pytest.raises(Refused, match="16th birthday"):
        referral_workflow.refer(
            case,
            by=cast.worker,
            destination=party,
            reason="r",
            question="q",
            shared_information="s",
            follow_up_on=SIXTEEN + datetime.timedelta(days=14),
            consent=parents_only,
        )


def test_the_daily_task_marks_on_the_birthday_and_the_worker_sees_it(client, cast, child, clock):
    case, mother = child
    consent = _consent(case, mother, Consent.Purpose.SHARE, given_on=datetime.date(2025, 9, 1))

    clock.set(DAY_BEFORE_12)
    assert mark_consents_to_ask_again() == 0
    clock.set(TWELVE, hour=0, minute=5)
    assert mark_consents_to_ask_again() == 1
    assert mark_consents_to_ask_again() == 0  # once

    mark = ConsentToAskAgain.objects.get(consent=consent)
    assert mark.since == TWELVE
    assert case.events.filter(kind=CaseEvent.Kind.CONSENT_ASK).exists()

    clock.set(TWELVE, hour=9)
    client.force_login(cast.worker)
    start = client.get(reverse("schools:mine")).content.decode()
    assert "Consents to ask again" in start
    assert case.pupil.full_name in start
    assert (
        "Consent to ask again"
        in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    )


def test_the_task_runs_each_night(settings, child, clock):
    from continuity.tasks import mark_consents_to_ask_again as task

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "continuity.tasks.mark_consents_to_ask_again" in scheduled
    case, mother = child
    _consent(case, mother, Consent.Purpose.ZAT, given_on=datetime.date(2025, 9, 1))
    clock.set(SIXTEEN)
    assert task.delay().get() == 1
