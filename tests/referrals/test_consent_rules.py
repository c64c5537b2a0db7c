"""Whose consent a referral needs, by age on the day; recording, validity and withdrawal."""

from __future__ import annotations

import datetime

import pytest

from cases.models import CaseEvent
from referrals import workflow
from referrals.consent import missing_consent, required_consent
from referrals.models import Consent
from smw.errors import Refused
from tests import factories

from .helpers import birthday_years_ago, create_consent, days_from_today

BORN = datetime.date(2012, 5, 10)
BEFORE_12 = datetime.date(2024, 5, 9)
ON_12 = datetime.date(2024, 5, 10)
BEFORE_16 = datetime.date(2028, 5, 9)
ON_16 = datetime.date(2028, 5, 10)


@pytest.fixture
def pupil(db):
    pupil = factories.create_pupil(date_of_birth=BORN)
    factories.create_guardian(pupil=pupil, name="Ilse Kok", relation="moeder")
    factories.create_guardian(pupil=pupil, name="Ruud Kok", relation="vader")
    return pupil


def _parent_ids(pupil) -> set[int]:
    return set(pupil.guardians.values_list("pk", flat=True))


# --- Who must consent, on the boundary days -------------------------------------------------


@pytest.mark.parametrize(
    ("day", "age", "needs_pupil", "needs_parents"),
    [
        (BEFORE_12, 11, False, True),
        (ON_12, 12, True, True),
        (BEFORE_16, 15, True, True),
        (ON_16, 16, True, False),
    ],
    ids=["day-before-12th-birthday", "12th-birthday", "day-before-16th-birthday", "16th-birthday"],
)
def test_required_consent_follows_the_age_on_the_day(pupil, day, age, needs_pupil, needs_parents):
    need = required_consent(pupil, day)

    assert need.age == age
    assert need.pupil is needs_pupil
    assert [g.name for g in need.guardians] == (["Ilse Kok", "Ruud Kok"] if needs_parents else [])


@pytest.mark.parametrize(
    ("day", "by_pupil", "by_parents", "complete"),
    [
        (BEFORE_12, False, True, True),  # under 12: the parents decide
        (BEFORE_12, True, False, False),  # the pupil's own consent does not replace theirs
        (ON_12, False, True, False),  # from 12 the pupil must consent too
        (ON_12, True, False, False),  # ... and the parents still must
        (ON_12, True, True, True),
        (BEFORE_16, True, False, False),
        (BEFORE_16, True, True, True),
        (ON_16, True, False, True),  # from 16 the pupil alone
        (ON_16, False, True, False),  # the parents cannot consent for a 16-year-old
    ],
)
def test_missing_consent_on_the_boundary_days(pupil, day, by_pupil, by_parents, complete):
    guardian_ids = _parent_ids(pupil) if by_parents else set()

    missing = missing_consent(pupil, day, by_pupil=by_pupil, guardian_ids=guardian_ids)

    assert (missing == []) is complete


def test_missing_consent_names_the_pupil_when_their_own_consent_is_missing(pupil):
    missing = missing_consent(pupil, ON_12, by_pupil=False, guardian_ids=_parent_ids(pupil))

    assert missing == ["the pupil's own consent (the pupil is 12)"]


@pytest.mark.parametrize(
    ("day", "age", "needs_pupil", "needs_parents"),
    [
        (datetime.date(2024, 2, 28), 11, False, True),
        (datetime.date(2024, 2, 29), 12, True, True),
        (datetime.date(2028, 2, 28), 15, True, True),
        (datetime.date(2028, 2, 29), 16, True, False),
    ],
)
def test_pupil_born_on_29_february_changes_rules_on_the_leap_day(
    db, day, age, needs_pupil, needs_parents
):
    pupil = factories.create_pupil(date_of_birth=datetime.date(2012, 2, 29))
    factories.create_guardian(pupil=pupil, name="Ilse Kok")

    need = required_consent(pupil, day)

    assert (need.age, need.pupil, bool(need.guardians)) == (age, needs_pupil, needs_parents)


@pytest.mark.parametrize(
    ("day", "age"), [(datetime.date(2025, 2, 28), 12), (datetime.date(2025, 3, 1), 13)]
)
def test_pupil_born_on_29_february_is_a_year_older_from_1_march_in_other_years(db, day, age):
    pupil = factories.create_pupil(date_of_birth=datetime.date(2012, 2, 29))

    assert required_consent(pupil, day).age == age


def test_missing_consent_names_the_parent_who_did_not_consent(pupil):
    ilse = pupil.guardians.get(name="Ilse Kok")

    missing = missing_consent(pupil, BEFORE_12, by_pupil=False, guardian_ids={ilse.pk})

    assert missing == ["consent of Ruud Kok (parental authority)"]


def test_parent_without_parental_authority_is_not_required(db):
    pupil = factories.create_pupil(date_of_birth=BORN)
    mother = factories.create_guardian(pupil=pupil, name="Ilse Kok")
    factories.create_guardian(pupil=pupil, name="Ruud Kok", has_authority=False)

    assert [g.name for g in required_consent(pupil, BEFORE_12).guardians] == ["Ilse Kok"]
    assert missing_consent(pupil, BEFORE_12, by_pupil=False, guardian_ids={mother.pk}) == []


def test_consent_of_a_parent_without_parental_authority_does_not_count(db):
    pupil = factories.create_pupil(date_of_birth=BORN)
    factories.create_guardian(pupil=pupil, name="Ilse Kok")
    father = factories.create_guardian(pupil=pupil, name="Ruud Kok", has_authority=False)

    missing = missing_consent(pupil, BEFORE_12, by_pupil=False, guardian_ids={father.pk})

    assert missing == ["consent of Ilse Kok (parental authority)"]


@pytest.mark.parametrize("day", [BEFORE_12, ON_12, BEFORE_16])
def test_under_16_without_a_parent_with_authority_consent_is_incomplete(db, day):
    pupil = factories.create_pupil(date_of_birth=BORN)
    factories.create_guardian(pupil=pupil, name="Ruud Kok", has_authority=False)

    missing = missing_consent(pupil, day, by_pupil=True, guardian_ids=set())

    assert "a parent with parental authority: record the parents on the case first" in missing


def test_16_year_old_without_any_parent_recorded_can_consent_alone(db):
    pupil = factories.create_pupil(date_of_birth=BORN)

    assert missing_consent(pupil, ON_16, by_pupil=True, guardian_ids=set()) == []


# --- Recording consent ----------------------------------------------------------------------


@pytest.fixture
def young_case(cast):
    """A case of a 10-year-old at school A, two parents with gezag, managed by `worker`."""
    pupil = factories.create_pupil(school=cast.school_a, date_of_birth=birthday_years_ago(10))
    factories.create_guardian(pupil=pupil, name="Ilse Kok", relation="moeder")
    factories.create_guardian(pupil=pupil, name="Ruud Kok", relation="vader")
    return factories.create_case(pupil=pupil, caseworker=cast.worker, stage="help")


def _record(case, by, **overrides):
    arguments = {
        "purpose": Consent.Purpose.REFERRAL,
        "given_on": days_from_today(0),
        "by_pupil": False,
        "guardian_ids": _parent_ids(case.pupil),
        "party": None,
    }
    arguments.update(overrides)
    return workflow.record_consent(case, by=by, **arguments)


def test_complete_consent_is_recorded_on_the_timeline(cast, young_case, altrecht):
    consent = _record(young_case, cast.worker, party=altrecht)

    assert set(consent.by_guardians.values_list("name", flat=True)) == {"Ilse Kok", "Ruud Kok"}
    assert consent.case == young_case and consent.pupil == young_case.pupil
    assert young_case.events.filter(kind=CaseEvent.Kind.CONSENT).count() == 1


def test_consent_of_one_of_two_parents_is_refused_naming_the_other(cast, young_case, altrecht):
    ilse = young_case.pupil.guardians.get(name="Ilse Kok")

    with pytest.raises(Refused, match="consent of Ruud Kok") as refused:
        _record(young_case, cast.worker, party=altrecht, guardian_ids={ilse.pk})

    assert "Ilse Kok" not in str(refused.value)
    assert not Consent.objects.exists()


def test_consent_without_any_parent_recorded_is_refused_under_16(cast, altrecht):
    case = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a, date_of_birth=birthday_years_ago(14)),
        caseworker=cast.worker,
        stage="help",
    )

    with pytest.raises(Refused, match="record the parents on the case first"):
        _record(case, cast.worker, party=altrecht, by_pupil=True, guardian_ids=set())


def test_consent_on_the_12th_birthday_needs_the_pupil(cast, altrecht):
    pupil = factories.create_pupil(school=cast.school_a, date_of_birth=birthday_years_ago(12))
    factories.create_guardian(pupil=pupil, name="Ilse Kok")
    case = factories.create_case(pupil=pupil, caseworker=cast.worker, stage="help")

    with pytest.raises(Refused, match="the pupil's own consent"):
        _record(case, cast.worker, party=altrecht, by_pupil=False)
    assert _record(case, cast.worker, party=altrecht, by_pupil=True).by_pupil


def test_consent_the_day_before_the_16th_birthday_still_needs_the_parents(cast, altrecht):
    pupil = factories.create_pupil(
        school=cast.school_a, date_of_birth=birthday_years_ago(16, plus_days=1)
    )
    factories.create_guardian(pupil=pupil, name="Ilse Kok")
    case = factories.create_case(pupil=pupil, caseworker=cast.worker, stage="help")

    with pytest.raises(Refused, match="consent of Ilse Kok"):
        _record(case, cast.worker, party=altrecht, by_pupil=True, guardian_ids=set())


def test_consent_on_the_16th_birthday_is_the_pupils_alone(cast, altrecht):
    pupil = factories.create_pupil(school=cast.school_a, date_of_birth=birthday_years_ago(16))
    factories.create_guardian(pupil=pupil, name="Ilse Kok")
    case = factories.create_case(pupil=pupil, caseworker=cast.worker, stage="help")

    consent = _record(case, cast.worker, party=altrecht, by_pupil=True, guardian_ids=set())

    assert consent.by_pupil and not consent.by_guardians.exists()


def test_consent_given_in_the_future_is_refused(cast, young_case, altrecht):
    with pytest.raises(Refused, match="cannot be given in the future"):
        _record(young_case, cast.worker, party=altrecht, given_on=days_from_today(1))


def test_consent_valid_until_before_it_was_given_is_refused(cast, young_case, altrecht):
    with pytest.raises(Refused, match="lies before the date it was given"):
        _record(
            young_case,
            cast.worker,
            party=altrecht,
            given_on=days_from_today(-3),
            valid_until=days_from_today(-4),
        )


def test_consent_valid_only_on_the_day_it_was_given_is_accepted(cast, young_case, altrecht):
    consent = _record(young_case, cast.worker, party=altrecht, valid_until=days_from_today(0))

    assert consent.valid_until == consent.given_on


@pytest.mark.parametrize("purpose", [Consent.Purpose.SHARE, Consent.Purpose.REFERRAL])
def test_consent_to_share_or_refer_without_a_named_party_is_refused(cast, young_case, purpose):
    with pytest.raises(Refused, match="Name the party"):
        _record(young_case, cast.worker, purpose=purpose, party=None)


@pytest.mark.parametrize("purpose", [Consent.Purpose.SMW, Consent.Purpose.ZAT])
def test_consent_for_smw_or_the_zat_needs_no_named_party(cast, young_case, purpose):
    assert _record(young_case, cast.worker, purpose=purpose, party=None).party is None


def test_consent_of_a_parent_of_another_pupil_is_refused(cast, young_case, altrecht):
    stranger = factories.create_guardian(
        pupil=factories.create_pupil(school=cast.school_a), name="Els Vos"
    )

    with pytest.raises(Refused, match="Choose only parents of this pupil"):
        _record(
            young_case,
            cast.worker,
            party=altrecht,
            guardian_ids=_parent_ids(young_case.pupil) | {stranger.pk},
        )


def test_only_the_case_manager_records_consent(cast, young_case, altrecht):
    colleague = factories.create_worker(organisation=cast.organisation, schools=[cast.school_a])

    with pytest.raises(Refused, match="Only the case manager"):
        _record(young_case, colleague, party=altrecht)


# --- Validity -------------------------------------------------------------------------------

GIVEN, UNTIL, WITHDRAWN = days_from_today(-20), days_from_today(-10), days_from_today(-5)


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        (GIVEN - datetime.timedelta(days=1), False),
        (GIVEN, True),
        (UNTIL, True),
        (UNTIL + datetime.timedelta(days=1), False),
    ],
    ids=["day-before-given", "given-on", "valid-until", "day-after-valid-until"],
)
def test_consent_is_valid_from_given_on_through_valid_until(case, altrecht, day, valid):
    consent = create_consent(case=case, party=altrecht, given_on=GIVEN, valid_until=UNTIL)

    assert consent.is_valid_on(day) is valid
    assert Consent.objects.valid_on(day).filter(pk=consent.pk).exists() is valid


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        (WITHDRAWN - datetime.timedelta(days=1), True),
        (WITHDRAWN, False),
        (WITHDRAWN + datetime.timedelta(days=1), False),
    ],
    ids=["day-before-withdrawal", "withdrawn-on", "day-after-withdrawal"],
)
def test_withdrawn_consent_is_invalid_from_the_withdrawal_day_on(case, altrecht, day, valid):
    consent = create_consent(case=case, party=altrecht, given_on=GIVEN, withdrawn_on=WITHDRAWN)

    assert consent.is_valid_on(day) is valid
    assert Consent.objects.valid_on(day).filter(pk=consent.pk).exists() is valid


# --- Withdrawal -----------------------------------------------------------------------------


@pytest.mark.parametrize("days_after_given", [0, 20], ids=["on-given-on", "today"])
def test_withdrawal_between_given_on_and_today_is_recorded(cast, case, altrecht, days_after_given):
    consent = create_consent(case=case, party=altrecht, given_on=GIVEN)
    on = GIVEN + datetime.timedelta(days=days_after_given)

    workflow.withdraw_consent(consent, by=cast.worker, on=on, note="Ouders willen het niet meer")

    consent.refresh_from_db()
    assert consent.withdrawn_on == on
    event = case.events.get(kind=CaseEvent.Kind.CONSENT_WITHDRAWN)
    assert "Ouders willen het niet meer" in event.note


def test_second_withdrawal_is_refused(cast, case, altrecht):
    consent = create_consent(case=case, party=altrecht, given_on=GIVEN)
    workflow.withdraw_consent(consent, by=cast.worker, on=WITHDRAWN)

    with pytest.raises(Refused, match="already withdrawn"):
        workflow.withdraw_consent(consent, by=cast.worker, on=days_from_today(0))

    consent.refresh_from_db()
    assert consent.withdrawn_on == WITHDRAWN


@pytest.mark.parametrize(
    "on",
    [GIVEN - datetime.timedelta(days=1), days_from_today(1)],
    ids=["before-given-on", "tomorrow"],
)
def test_withdrawal_outside_given_on_and_today_is_refused(cast, case, altrecht, on):
    consent = create_consent(case=case, party=altrecht, given_on=GIVEN)

    with pytest.raises(Refused, match="between the consent and today"):
        workflow.withdraw_consent(consent, by=cast.worker, on=on)

    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_only_the_case_manager_withdraws_consent(cast, case, altrecht):
    consent = create_consent(case=case, party=altrecht, given_on=GIVEN)

    with pytest.raises(Refused, match="Only the case manager"):
        workflow.withdraw_consent(consent, by=cast.other_worker, on=days_from_today(0))
