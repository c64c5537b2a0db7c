"""A case of `worker` at school A with a mother (gezag) and a father (no gezag), and helpers to
register a request and move it along."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from cases.models import Case
from rights import workflow
from rights.models import RightsRequest
from tests import factories


def born_years_ago(years: int, days_more: int = 0, on: datetime.date | None = None):
    """A date of birth that makes the pupil `years` old (and `days_more` days) on `on`."""
    on = on or timezone.localdate()
    try:
        birthday = on.replace(year=on.year - years)
    except ValueError:  # 29 February
        birthday = on.replace(year=on.year - years, day=28)
    return birthday - datetime.timedelta(days=days_more)


@pytest.fixture
def case(cast) -> Case:
    pupil = factories.create_pupil(
        school=cast.school_a,
        first_name="Noor",
        last_name="Bakker",
        date_of_birth=born_years_ago(13),
    )
    case = factories.create_case(pupil=pupil, caseworker=cast.worker, stage=Case.Stage.INTAKE)
    factories.create_guardian(pupil=pupil, name="Anna Bakker", has_authority=True)
    factories.create_guardian(
        pupil=pupil, name="Kees Bakker", relation="vader", has_authority=False
    )
    return case


def mother(case):
    return case.pupil.guardians.get(has_authority=True)


def father(case):
    return case.pupil.guardians.get(has_authority=False)


def register(case, by, **overrides) -> RightsRequest:
    fields = {
        "kind": RightsRequest.Kind.INSPECTION,
        "requester": RightsRequest.Requester.PARENT_WITH_AUTHORITY,
        "guardian": None,
        "requester_name": "",
        "received_on": timezone.localdate(),
        "identity_check": RightsRequest.IdentityCheck.DOCUMENT,
        "consent_given": False,
        "description": "",
    }
    fields.update(overrides)
    if "guardian" not in overrides:
        fields["guardian"] = mother(case)
    return workflow.register_request(case, by=by, **fields)


@pytest.fixture
def rights_request(cast, case) -> RightsRequest:
    return register(case, cast.worker)


@pytest.fixture
def submitted(cast, rights_request) -> RightsRequest:
    return workflow.submit_request(
        rights_request, by=cast.worker, preparation_note="Alles op orde."
    )
