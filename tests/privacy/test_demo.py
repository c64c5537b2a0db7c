"""The demo's privacy officer finds real signals and extracts in four weeks of history, and
the ordinary work in it raises none."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test.utils import override_settings
from django.urls import reverse

from accounts.models import User
from audit.models import AccessLog
from privacy.models import AccessSignal
from tests.conftest import demo_seeded

Kind = AccessSignal.Kind


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with demo_seeded(django_db_blocker):
        yield


@pytest.fixture
def demo(seeded, db):
    return None


def test_the_history_holds_the_genuine_signals_and_no_others(demo):
    found = {(s.kind, s.user.username) for s in AccessSignal.objects.select_related("user")}
    assert found == {
        (Kind.HOURS, "smw"),  # an evening at home
        (Kind.REFUSED, "smw"),  # a case of another school
        (Kind.GLASS, "smw"),  # emergency access to a new signal
        (Kind.TWO_ADDRESSES, "smw2"),  # the evening incident on Mohamed's account ...
        (Kind.BULK, "smw2"),
        (Kind.HOURS, "smw2"),
        (Kind.NO_RELATION, "smw2"),  # ... which opened Sanne's pupils too
    }
    # four weeks of ordinary work by the coordinators, the team leader and the privacy officer
    ordinary = User.objects.filter(username__in=["zc", "zc2", "privacy", "teamleider"])
    assert AccessLog.objects.filter(user__in=ordinary).count() > 20


def test_seeding_again_adds_nothing(demo):
    rows, signals = AccessLog.objects.count(), AccessSignal.objects.count()
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("seed_demo", stdout=io.StringIO())
    assert AccessSignal.objects.count() == signals
    assert AccessLog.objects.count() == rows


def test_the_privacy_login_sees_signals_and_extracts(demo, client):
    client.force_login(User.objects.get(username="privacy"))
    overview = client.get(reverse("privacy:overview"))
    assert overview.context["waiting"] == AccessSignal.objects.count()
    bulk = AccessSignal.objects.get(kind=Kind.BULK)
    page = client.get(reverse("privacy:signal", args=[bulk.pk])).content.decode()
    assert "Mohamed El Amrani" in page
    extract = client.get(reverse("privacy:extract", args=[bulk.pupil_ids[0]]))
    assert extract.context["page"].paginator.count >= 2
    assert "Mohamed El Amrani" in extract.content.decode()
    sign_ins = client.get(reverse("privacy:sign_ins")).content.decode()
    assert "185.220.101.47" in sign_ins
    failed = client.get(reverse("privacy:failed_sign_ins")).content.decode()
    assert "zc2" in failed


def test_every_demo_login_walking_its_pages_raises_no_signal(demo, settings):
    """Ordinary work: every demo login opens what its pages link to; the scan finds nothing."""
    import datetime

    from django.test import Client
    from django.utils import timezone

    from privacy.scan import scan
    from tests.test_every_page import DEMO_LOGINS, _walk

    settings.SMW_WORKING_HOURS = "00:00-24:00"  # whenever the suite runs
    settings.SMW_WORKING_DAYS = "1-7"
    before = AccessLog.objects.count()
    for username in dict.fromkeys([*DEMO_LOGINS, "privacy"]):
        client = Client()
        client.force_login(User.objects.get(username=username))
        _walk(client)
    assert AccessLog.objects.count() > before + 20
    new = scan(timezone.now() + datetime.timedelta(minutes=2))
    assert new == 0, list(AccessSignal.objects.order_by("-pk")[:new].values("kind", "reason"))
