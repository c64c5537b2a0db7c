"""People and cases around the cast that only the case tests need."""

from __future__ import annotations

import pytest
from django.utils import translation

from accounts.models import User
from cases.models import Case
from tests import factories
from tests.clock import clock  # noqa: F401 - a fixture for stand-ins and emergency access


@pytest.fixture
def english():
    """Messages in English, so a test can check that a refusal names what is missing."""
    with translation.override("en"):
        yield


@pytest.fixture
def colleague(cast) -> User:
    # works at school A like `worker`, same organisation, but is not this case's case manager:
    # without a stand-in record they must see nothing of the worker's cases
    return factories.create_worker(
        username="colleague", organisation=cast.organisation, schools=[cast.school_a]
    )


@pytest.fixture
def stand_in(cast) -> User:
    # covers for `worker` this week (waarneming): reads the dossier, changes nothing
    user = factories.create_worker(
        username="stand_in", organisation=cast.organisation, schools=[cast.school_a]
    )
    factories.create_stand_in(stand_in=user, for_worker=cast.worker)
    return user


@pytest.fixture
def dossier(cast) -> Case:
    """A case at school A in short-term help, managed by `worker`: intake, agreed plan with a
    goal, a parent and one contact with a summary and a work note."""
    case = factories.create_case(
        pupil=factories.create_pupil(
            school=cast.school_a, first_name="Daan", last_name="Jansen", group="7a"
        ),
        caseworker=cast.worker,
        stage=Case.Stage.HELP,
    )
    factories.create_guardian(pupil=case.pupil, name="Mirjam Jansen")
    factories.create_contact(
        case=case,
        author=cast.worker,
        summary="Daan vertelde over de ruzie thuis.",
        work_note="Vermoeden: vader drinkt; volgende keer navragen.",
    )
    return case
