"""Every page of the application manager against every role: only the application manager
opens them; everyone else gets 404, as for anything outside their scope. The approvals page
is the team leader's and the privacy officer's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role, RoleRequest
from referrals.models import SocialMapEntry
from tests import factories
from tests.conftest import PEOPLE

OK, NOT_FOUND = 200, 404

ALL_PEOPLE = [*PEOPLE, "privacy", "other_privacy", "safeguarding"]


@pytest.fixture
def objects(cast):
    entry = SocialMapEntry.objects.create(name="Buurtteam", kind=SocialMapEntry.Kind.WIJKTEAM)
    assignment = cast.worker.assignments.first()
    membership = cast.worker.memberships.first()
    return {
        "person": cast.worker.pk,
        "membership": membership.pk,
        "school": cast.school_a.pk,
        "assignment": assignment.pk,
        "entry": entry.pk,
    }


GET_PAGES = [
    ("accounts:manage", []),
    ("accounts:manage_user_new", []),
    ("accounts:manage_user", ["person"]),
    ("schools:manage", []),
    ("schools:manage_school_new", []),
    ("schools:manage_school", ["school"]),
    ("schools:manage_assignments", []),
    ("schools:manage_assignment_new", []),
    ("schools:manage_assignment", ["assignment"]),
    ("referrals:social_map_manage", []),
    ("referrals:social_map_new", []),
    ("referrals:social_map_edit", ["entry"]),
]
POST_ONLY = [
    ("accounts:manage_user_active", ["person"]),
    ("accounts:manage_role_give", ["person"]),
    ("accounts:manage_role_take", ["person", "membership"]),
    ("schools:manage_assignment_end", ["assignment"]),
]


def _url(name, args, objects):
    return reverse(name, args=[objects[a] for a in args])


@pytest.mark.parametrize("person", ALL_PEOPLE)
@pytest.mark.parametrize(("name", "args"), GET_PAGES)
def test_manage_pages_open_for_the_application_manager_alone(
    client, cast, objects, person, name, args
):
    client.force_login(cast.by_name(person))
    expected = OK if person == "manager" else NOT_FOUND
    assert client.get(_url(name, args, objects)).status_code == expected


@pytest.mark.parametrize("person", [p for p in ALL_PEOPLE if p != "manager"])
@pytest.mark.parametrize(("name", "args"), GET_PAGES + POST_ONLY)
def test_manage_posts_are_404_and_change_nothing_for_anyone_else(
    client, cast, objects, person, name, args
):
    client.force_login(cast.by_name(person))
    before = (cast.worker.memberships.count(), cast.worker.assignments.count())
    response = client.post(
        _url(name, args, objects),
        {"role": Role.WORKER, "organisation": cast.organisation.pk, "active": "0"},
    )
    assert response.status_code == NOT_FOUND
    cast.worker.refresh_from_db()
    assert cast.worker.is_active
    assert before == (cast.worker.memberships.count(), cast.worker.assignments.count())


def test_superuser_is_no_application_manager(client, cast, objects):
    client.force_login(factories.create_user(is_staff=True, is_superuser=True))
    for name, args in GET_PAGES:
        assert client.get(_url(name, args, objects)).status_code == NOT_FOUND, name


APPROVERS = {"teamlead", "other_teamlead", "privacy", "other_privacy"}


@pytest.mark.parametrize("person", ALL_PEOPLE)
def test_approvals_page_is_for_team_leaders_and_privacy_officers(client, cast, person):
    client.force_login(cast.by_name(person))
    expected = OK if person in APPROVERS else NOT_FOUND
    assert client.get(reverse("accounts:approvals")).status_code == expected


@pytest.mark.parametrize("person", [p for p in ALL_PEOPLE if p not in APPROVERS])
def test_deciding_is_404_for_anyone_but_an_approver(client, cast, person):
    request = RoleRequest.objects.create(
        user=cast.nobody,
        role=Role.WORKER,
        organisation=cast.organisation,
        requested_by=cast.manager,
    )
    client.force_login(cast.by_name(person))
    response = client.post(
        reverse("accounts:approval_decide", args=[request.pk]), {"decision": "approve"}
    )
    assert response.status_code == NOT_FOUND
    request.refresh_from_db()
    assert request.status == RoleRequest.Status.WAITING
    assert not cast.nobody.memberships.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/manage/abc/",
        "/accounts/manage/999999/",
        "/accounts/manage/99999999999999999999/",
        "/accounts/manage/-1/",
        "/scholen/beheer/999999/",
        "/scholen/beheer/99999999999999999999/",
        "/scholen/beheer/inzet/999999/",
        "/verwijzingen/sociale-kaart/beheer/999999/",
        "/verwijzingen/sociale-kaart/beheer/abc/",
    ],
)
def test_bad_ids_on_manage_pages_are_404(client, cast, path):
    client.force_login(cast.manager)
    assert client.get(path).status_code == NOT_FOUND
    assert client.post(path, {"name": "x"}).status_code == NOT_FOUND


def test_operations_accounts_are_not_managed_in_smw(client, cast):
    root = factories.create_user(username="root", is_staff=True, is_superuser=True)
    client.force_login(cast.manager)
    assert b"root" not in client.get(reverse("accounts:manage")).content
    assert client.get(reverse("accounts:manage_user", args=[root.pk])).status_code == NOT_FOUND
    response = client.post(
        reverse("accounts:manage_user", args=[root.pk]),
        {"username": "root", "first_name": "R", "last_name": "R", "email": "me@example.org"},
    )
    assert response.status_code == NOT_FOUND
    root.refresh_from_db()
    assert root.email != "me@example.org"
