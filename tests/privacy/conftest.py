import pytest


@pytest.fixture
def scan_from_the_start(db):
    """The scan looks at every row, however long ago (its first run starts 30 days back)."""
    from privacy.models import ScanMark

    ScanMark.objects.create(name="scan")
