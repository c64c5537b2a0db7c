import pytest

from tests import factories
from tests.clock import clock  # noqa: F401 - birthdays, school years and holidays


@pytest.fixture
def colleague(cast):
    """A second worker of `organisation`, at school A only."""
    return factories.create_worker(
        username="colleague", organisation=cast.organisation, schools=[cast.school_a]
    )


@pytest.fixture(autouse=True)
def english(settings):
    """Pages and refusals in English, so the tests read what they check whatever the catalogue
    says (the Dutch catalogue is checked in tests/test_translations.py)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
