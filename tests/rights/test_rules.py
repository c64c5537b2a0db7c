"""Who may ask, at every birthday boundary (the ages the consent rules compute), and parents
with and without gezag."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cases.models import Pupil
from rights.models import RightsRequest
from rights.rules import who_may_ask
from rights.workflow import RightsRefused
from tests import factories

from .conftest import born_years_ago, father, mother, register

Requester = RightsRequest.Requester


def _pupil(years, days_more=0):
    return Pupil(date_of_birth=born_years_ago(years, days_more))


@pytest.mark.parametrize(
    ("years", "days_more", "allowed"),
    [(11, 364, False), (12, 0, True), (15, 364, True), (16, 0, True)],
)
def test_the_pupil_may_ask_from_twelve(years, days_more, allowed):
    verdict = who_may_ask(
        _pupil(years, days_more),
        Requester.PUPIL,
        timezone.localdate(),
        consent_given=False,
        authority=False,
    )
    assert verdict.allowed is allowed
    assert verdict.age == (years if allowed or days_more == 0 else 11)


@pytest.mark.parametrize(
    ("years", "days_more", "allowed_without_consent"),
    [(11, 364, True), (12, 0, True), (15, 364, True), (16, 0, False)],
)
def test_a_parent_with_gezag_asks_until_sixteen_then_only_with_consent(
    years, days_more, allowed_without_consent
):
    pupil = _pupil(years, days_more)
    today = timezone.localdate()
    without = who_may_ask(
        pupil, Requester.PARENT_WITH_AUTHORITY, today, consent_given=False, authority=True
    )
    assert without.allowed is allowed_without_consent
    assert without.needs_harm_judgement is allowed_without_consent
    with_consent = who_may_ask(
        pupil, Requester.PARENT_WITH_AUTHORITY, today, consent_given=True, authority=True
    )
    assert with_consent.allowed


@pytest.mark.parametrize(("years", "days_more"), [(11, 364), (12, 0), (15, 364), (16, 0)])
def test_a_parent_without_gezag_asks_only_with_consent(db, years, days_more):
    pupil = factories.create_pupil(date_of_birth=born_years_ago(years, days_more))
    today = timezone.localdate()
    refused = who_may_ask(
        pupil, Requester.PARENT_WITHOUT_AUTHORITY, today, consent_given=False, authority=False
    )
    assert not refused.allowed
    assert refused.needs_consent
    assert "toestemming" in refused.message
    assert who_may_ask(
        pupil, Requester.PARENT_WITHOUT_AUTHORITY, today, consent_given=True, authority=False
    ).allowed


def test_the_age_counts_on_the_day_of_receipt_not_today():
    pupil = _pupil(12, 0)  # twelve today
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    verdict = who_may_ask(pupil, Requester.PUPIL, yesterday, consent_given=False, authority=False)
    assert not verdict.allowed
    assert verdict.age == 11


def test_someone_else_needs_consent(cast, case):
    with pytest.raises(RightsRefused, match="toestemming"):
        register(case, cast.worker, requester=Requester.OTHER, guardian=None, requester_name="Oma")
    request = register(
        case,
        cast.worker,
        requester=Requester.OTHER,
        guardian=None,
        requester_name="Oma",
        consent_given=True,
    )
    assert request.consent_given


def test_a_parent_without_gezag_cannot_be_registered_as_one_with_gezag(cast, case):
    with pytest.raises(RightsRefused, match="gezag"):
        register(case, cast.worker, guardian=father(case))


def test_a_pupil_under_twelve_is_refused_at_registration(cast, case):
    case.pupil.date_of_birth = born_years_ago(11, 364)
    case.pupil.save()
    with pytest.raises(RightsRefused, match="12"):
        register(case, cast.worker, requester=Requester.PUPIL, guardian=None)
    assert not RightsRequest.objects.exists()


def test_the_pupil_of_twelve_is_registered_under_their_own_name(cast, case):
    case.pupil.date_of_birth = born_years_ago(12)
    case.pupil.save()
    request = register(case, cast.worker, requester=Requester.PUPIL, guardian=mother(case))
    assert request.requester_name == "Noor Bakker"
    assert request.guardian is None


def test_a_request_for_destruction_is_registered_under_the_same_rules(cast, case):
    request = register(case, cast.worker, kind=RightsRequest.Kind.ERASURE)
    assert request.kind == RightsRequest.Kind.ERASURE
    with pytest.raises(RightsRefused):
        register(case, cast.worker, kind=RightsRequest.Kind.ERASURE, guardian=father(case))
