"""The demo's four meldcode trajectories: at the steps the README promises, with their due
dates on the start pages of `smw` and `aandacht`; seeding again adds nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from demo.meldcode import seed_meldcode
from meldcode import workflow
from meldcode.deadlines import deadlines_of
from meldcode.models import Trajectory
from tests.conftest import demo_seeded

Step = Trajectory.Step


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    with demo_seeded(django_db_blocker):
        yield


@pytest.fixture
def seeded(_seeded_once, db):
    return None


def test_four_trajectories_at_their_steps(seeded):
    trajectories = list(Trajectory.objects.order_by("pk"))
    assert [t.step for t in trajectories] == [
        Step.CONSULTATION,
        Step.WEIGHING,
        Step.DECISION,
        Step.CLOSED,
    ]
    first, second, third, fourth = trajectories
    assert not first.consultations.exists()
    assert workflow.answers_of(second) == {"A1": True, "A2": False, "A3": True}
    assert workflow.next_question(second) == "A4"
    (due,) = deadlines_of(third, today=timezone.localdate(), step_days=10)
    assert due.kind == "feedback" and due.overdue
    assert third.legal_hold_since == third.reported_on
    assert fourth.outcome == Trajectory.Outcome.SAFE and fourth.monitoring
    assert fourth.help_until < timezone.localdate()


def test_seeding_again_adds_nothing(seeded):
    assert seed_meldcode() == 0
    assert Trajectory.objects.count() == 4


@pytest.mark.parametrize("username", ["smw", "aandacht"])
def test_the_logins_see_them_with_their_deadlines(seeded, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    page = client.get(reverse("meldcode:list"))
    assert len(page.context["open"]) == 3 and len(page.context["closed"]) == 1
    assert "(overdue)" in page.content.decode() or "(te laat)" in page.content.decode()
    for trajectory in Trajectory.objects.all():
        assert client.get(reverse("meldcode:detail", args=[trajectory.pk])).status_code == 200
