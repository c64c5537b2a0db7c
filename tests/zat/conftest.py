"""What the ZAT tests share: English messages and a case of `worker` at school A."""

from __future__ import annotations

import pytest
from django.utils import translation

from cases.models import Case
from tests import factories


@pytest.fixture(autouse=True)
def english():
    """Messages in English, so a test can check what a refusal says."""
    with translation.override("en"):
        yield


@pytest.fixture
def client(client, settings):
    """The test client, reading pages in English whatever the default language is."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def case(cast) -> Case:
    """An open case at school A managed by `worker`; the pupil is ten, so the parents consent."""
    return factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a, first_name="Sanne", last_name="Kok"),
        caseworker=cast.worker,
        stage=Case.Stage.HELP,
    )
