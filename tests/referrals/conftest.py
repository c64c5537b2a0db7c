"""The case, organisation and language the referral tests share."""

from __future__ import annotations

import pytest
from django.utils import translation

from cases.models import Case
from referrals.models import SocialMapEntry
from tests import factories

from .helpers import birthday_years_ago, create_entry


@pytest.fixture(autouse=True)
def english():
    """Messages in English, so a test can check what a refusal says."""
    with translation.override("en"):
        yield


@pytest.fixture
def case(cast) -> Case:
    """A case at school A in short-term help, managed by `worker`; a 13-year-old pupil."""
    return factories.create_case(
        pupil=factories.create_pupil(
            school=cast.school_a,
            first_name="Sanne",
            last_name="Kok",
            date_of_birth=birthday_years_ago(13, plus_days=-100),
        ),
        caseworker=cast.worker,
        stage=Case.Stage.HELP,
    )


@pytest.fixture
def altrecht(cast) -> SocialMapEntry:
    return create_entry(
        name="Altrecht Jeugd",
        kind=SocialMapEntry.Kind.YOUTH_MENTAL_HEALTH,
        municipalities=[cast.north],
    )


@pytest.fixture
def client(client, settings):
    """The test client, reading pages in English whatever the default language is."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
