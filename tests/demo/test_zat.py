"""The demo ZAT meetings: believable, consent-proof, carry-over visible, and idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from demo.zat import seed_meetings
from referrals.consent import missing_consent
from referrals.models import Consent
from zat import workflow
from zat.models import ActionPoint, AgendaItem, Attendee, Meeting

SCHOOLS = ["OBS De Regenboog", "CBS Het Kompas"]
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    """seed_demo and seed_meetings once for this module (the demo caseload takes seconds),
    inside a transaction that is rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
            call_command("seed_demo", stdout=io.StringIO())
            seed_meetings()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_once, db):
    """Each test runs in a savepoint of the seeded transaction."""


def _snapshot() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (Meeting, Attendee, AgendaItem, ActionPoint, Consent)
    )


def test_seeding_twice_changes_nothing(seeded):
    before = _snapshot()

    assert seed_meetings() == 0
    assert _snapshot() == before


@pytest.mark.parametrize("school", SCHOOLS)
def test_each_school_has_past_meetings_and_an_upcoming_one(seeded, school):
    now = timezone.now()
    at_school = Meeting.objects.filter(school__name=school)

    assert at_school.filter(starts_at__lt=now).count() in (1, 2)
    upcoming = at_school.get(starts_at__gte=now)
    assert upcoming.items.exists()
    assert upcoming.chair.username in ("zc", "zc2")


@pytest.mark.parametrize("school", SCHOOLS)
def test_external_guests_attend(seeded, school):
    guests = Attendee.objects.filter(meeting__school__name=school, user__isnull=True)

    assert {"jeugdarts", "leerplichtambtenaar", "buurtteam"} <= set(
        guests.values_list("role", flat=True)
    )


def test_named_items_rest_on_complete_zat_consent(seeded):
    named = AgendaItem.objects.filter(case__isnull=False).select_related("consent", "meeting")

    # two cases per school: named in a past meeting each, and the first again in the next one
    assert named.count() == 6
    for item in named:
        consent = item.consent
        assert consent.purpose == Consent.Purpose.ZAT
        assert consent.is_valid_on(item.meeting.day)
        assert item.anonymous_label == ""
        guardian_ids = set(consent.by_guardians.values_list("pk", flat=True))
        assert not missing_consent(
            consent.pupil, consent.given_on, by_pupil=consent.by_pupil, guardian_ids=guardian_ids
        )


def test_anonymous_items_carry_no_case(seeded):
    anonymous = AgendaItem.objects.filter(case__isnull=True)

    assert anonymous.count() >= 4
    assert not anonymous.filter(anonymous_label="").exists()
    assert not anonymous.filter(consent__isnull=False).exists()


@pytest.mark.parametrize("school", SCHOOLS)
def test_open_overdue_action_points_carry_over_to_the_upcoming_meeting(seeded, school):
    today = timezone.localdate()
    actions = ActionPoint.objects.filter(item__meeting__school__name=school)
    upcoming = Meeting.objects.get(school__name=school, starts_at__gte=timezone.now())

    carried = list(workflow.open_actions_before(upcoming))

    assert actions.filter(done_on__isnull=False).exists()
    assert [a for a in carried if a.due_on < today]
    assert {a.owner_guest is not None for a in carried} == {True, False}
    assert all(a.item.advice for a in carried)


def test_coordinator_opens_the_upcoming_meeting_and_its_minutes(seeded):
    upcoming = Meeting.objects.get(school__name="OBS De Regenboog", starts_at__gte=timezone.now())
    client = Client()
    client.force_login(User.objects.get(username="zc"))

    page = client.get(reverse("zat:detail", args=[upcoming.pk]))

    assert page.status_code == 200
    assert len(page.context["carried_over"]) >= 2
    assert client.get(reverse("zat:minutes", args=[upcoming.pk])).status_code == 200


def test_meetings_fall_on_school_days(seeded):
    from django.utils import timezone

    days = {timezone.localtime(m.starts_at).weekday() for m in Meeting.objects.all()}
    assert days and max(days) < 5
