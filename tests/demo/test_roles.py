"""The demo's application manager has no power outside SMW's own pages, and one role asked by
them waits for the team leader or the privacy officer to approve it."""

from __future__ import annotations

import pytest

from accounts.models import Role, RoleRequest, User
from accounts.workflow import decidable_requests
from tests.conftest import demo_seeded


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with demo_seeded(django_db_blocker):
        yield


@pytest.fixture
def demo(seeded, db):
    return None


def test_beheer_is_neither_staff_nor_superuser_and_has_no_group(demo):
    beheer = User.objects.get(username="beheer")
    assert (beheer.is_staff, beheer.is_superuser) == (False, False)
    assert not beheer.groups.exists()
    assert not beheer.user_permissions.exists()
    assert User.objects.filter(is_staff=True).count() == 0


def test_one_role_request_waits_for_teamleider_and_privacy(demo):
    waiting = RoleRequest.objects.get(status=RoleRequest.Status.WAITING)
    assert waiting.requested_by.username == "beheer"
    assert waiting.role == Role.COORDINATOR
    assert not waiting.user.memberships.filter(school=waiting.school).exists()
    for approver in ("teamleider", "privacy"):
        assert list(decidable_requests(User.objects.get(username=approver))) == [waiting]
    for other in ("beheer", "smw", "zc", "gemeente", "aandacht"):
        assert not decidable_requests(User.objects.get(username=other)).exists()
