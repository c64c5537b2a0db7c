"""The application manager cannot step around the approval of roles: no page or POST of SMW or
of the admin makes them (or anyone they manage) superuser or staff, gives a permission or a
group, or a role with case access without a second person. The approval path itself works and
every step is in the access log."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.models import NEEDS_APPROVAL, Membership, Role, RoleRequest, User
from audit.models import AccessLog
from tests import factories

SNEAKY = {
    "is_superuser": "on",
    "is_staff": "on",
    "groups": "1",
    "user_permissions": "1",
    "password": "pbkdf2_sha256$1$x$y",
    "password1": "Sneaky-password-2026",
    "password2": "Sneaky-password-2026",
}


@pytest.fixture
def group(db):
    group = Group.objects.create(name="Alles")
    group.permissions.set(Permission.objects.all())
    return group


def _scope(cast, role):
    needed = Membership.SCOPE[Role(role)]
    return {
        "organisation": {"organisation": cast.organisation.pk},
        "school": {"school": cast.school_a.pk},
        "municipality": {"municipality": cast.north.pk},
        None: {},
    }[needed]


def _assert_no_power(user: User) -> None:
    user.refresh_from_db()
    assert not user.is_superuser
    assert not user.is_staff
    assert not user.groups.exists()
    assert not user.user_permissions.exists()
    assert not user.has_usable_password() or user.check_password("x-test-password-1")


def _person_data(user: User, **extra) -> dict:
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": "Anders",
        "email": "someone@example.org",
        **SNEAKY,
        **extra,
    }


def test_own_account_form_sets_no_superuser_staff_group_or_permission(client, cast, group):
    client.force_login(cast.manager)
    response = client.post(
        reverse("accounts:manage_user", args=[cast.manager.pk]),
        _person_data(cast.manager, groups=str(group.pk)),
    )
    assert response.status_code == 302
    cast.manager.refresh_from_db()
    assert cast.manager.last_name == "Anders"  # the form did save, and only its own fields
    _assert_no_power(cast.manager)


def test_new_user_form_sets_no_superuser_staff_group_or_permission(client, cast, group):
    client.force_login(cast.manager)
    response = client.post(
        reverse("accounts:manage_user_new"),
        _person_data(User(username="nieuw", first_name="Nieuw"), groups=str(group.pk)),
    )
    assert response.status_code == 302
    person = User.objects.get(username="nieuw")
    assert not person.has_usable_password()
    assert not person.memberships.exists()
    _assert_no_power(person)


def test_forms_offer_no_superuser_staff_permission_or_group(client, cast):
    client.force_login(cast.manager)
    for url in [
        reverse("accounts:manage_user_new"),
        reverse("accounts:manage_user", args=[cast.manager.pk]),
        reverse("accounts:manage_user", args=[cast.worker.pk]),
    ]:
        html = client.get(url).content.decode()
        for name in ["is_superuser", "is_staff", "groups", "user_permissions", "password"]:
            assert f'name="{name}"' not in html, (url, name)


@pytest.mark.parametrize("role", Role.values)
def test_no_role_for_oneself(client, cast, role):
    client.force_login(cast.manager)
    client.post(
        reverse("accounts:manage_role_give", args=[cast.manager.pk]),
        {"role": role, **_scope(cast, role)},
    )
    assert list(cast.manager.memberships.values_list("role", flat=True)) == [Role.ADMIN]
    assert not RoleRequest.objects.exists()


def test_no_taking_back_ones_own_role(client, cast):
    client.force_login(cast.manager)
    own = cast.manager.memberships.get()
    client.post(reverse("accounts:manage_role_take", args=[cast.manager.pk, own.pk]))
    assert cast.manager.memberships.filter(pk=own.pk).exists()


def test_making_someone_application_manager_waits_for_approval(client, cast):
    person = factories.create_user(username="nieuw")
    client.force_login(cast.manager)
    client.post(reverse("accounts:manage_role_give", args=[person.pk]), {"role": Role.ADMIN})
    assert not person.memberships.exists()
    assert RoleRequest.objects.get(user=person).role == Role.ADMIN


@pytest.mark.parametrize("role", sorted(NEEDS_APPROVAL - {Role.ADMIN}))
def test_a_role_with_case_access_for_another_manager_waits_for_approval(client, cast, role):
    colleague = factories.create_manager(username="colleague")
    client.force_login(cast.manager)
    response = client.post(
        reverse("accounts:manage_role_give", args=[colleague.pk]),
        {"role": role, **_scope(cast, role)},
    )
    assert response.status_code == 302
    assert list(colleague.memberships.values_list("role", flat=True)) == [Role.ADMIN]
    request = RoleRequest.objects.get(user=colleague)
    assert (request.role, request.status, request.requested_by) == (
        role,
        RoleRequest.Status.WAITING,
        cast.manager,
    )


def test_the_colleague_cannot_approve_for_the_manager_either(client, cast):
    """Two application managers together still need a team leader or privacy officer."""
    colleague = factories.create_manager(username="colleague")
    request = RoleRequest.objects.create(
        user=cast.manager, role=Role.WORKER, organisation=cast.organisation, requested_by=colleague
    )
    client.force_login(colleague)
    assert client.get(reverse("accounts:approvals")).status_code == 404
    client.post(reverse("accounts:approval_decide", args=[request.pk]), {"decision": "approve"})
    client.force_login(cast.manager)
    client.post(reverse("accounts:approval_decide", args=[request.pk]), {"decision": "approve"})
    request.refresh_from_db()
    assert request.status == RoleRequest.Status.WAITING
    assert not cast.manager.memberships.exclude(role=Role.ADMIN).exists()


def test_a_manager_who_is_also_team_leader_approves_neither_own_request_nor_own_role(client, cast):
    factories.add_role(cast.manager, Role.TEAMLEAD, organisation=cast.organisation)
    colleague = factories.create_manager(username="colleague")
    mine = RoleRequest.objects.create(
        user=cast.nobody,
        role=Role.WORKER,
        organisation=cast.organisation,
        requested_by=cast.manager,
    )
    for_me = RoleRequest.objects.create(
        user=cast.manager, role=Role.WORKER, organisation=cast.organisation, requested_by=colleague
    )
    client.force_login(cast.manager)
    assert list(client.get(reverse("accounts:approvals")).context["waiting"]) == []
    for request in (mine, for_me):
        response = client.post(
            reverse("accounts:approval_decide", args=[request.pk]), {"decision": "approve"}
        )
        assert response.status_code == 302
        request.refresh_from_db()
        assert request.status == RoleRequest.Status.WAITING
    assert not cast.nobody.memberships.exists()
    assert not cast.manager.memberships.filter(role=Role.WORKER).exists()


def test_a_team_leader_of_another_organisation_cannot_approve(client, cast):
    request = RoleRequest.objects.create(
        user=cast.nobody,
        role=Role.WORKER,
        organisation=cast.organisation,
        requested_by=cast.manager,
    )
    client.force_login(cast.other_teamlead)
    assert list(client.get(reverse("accounts:approvals")).context["waiting"]) == []
    client.post(reverse("accounts:approval_decide", args=[request.pk]), {"decision": "approve"})
    request.refresh_from_db()
    assert request.status == RoleRequest.Status.WAITING
    assert not cast.nobody.memberships.exists()


def test_the_e_mail_of_someone_with_case_access_stays_as_it_is(client, cast):
    """Otherwise the manager could send that person's password reset to themselves."""
    client.force_login(cast.manager)
    before = cast.teamlead.email
    response = client.post(
        reverse("accounts:manage_user", args=[cast.teamlead.pk]),
        {
            "username": "teamlead",
            "first_name": "T",
            "last_name": "L",
            "email": "beheer@example.org",
        },
    )
    assert response.status_code == 200
    assert "e-mail address cannot be changed" in response.content.decode() or response.context[
        "form"
    ].errors.get("email")
    cast.teamlead.refresh_from_db()
    assert cast.teamlead.email == before


def test_the_e_mail_of_someone_waiting_for_a_role_stays_as_it_is(client, cast):
    person = factories.create_user(username="nieuw", email="nieuw@example.org")
    RoleRequest.objects.create(
        user=person, role=Role.WORKER, organisation=cast.organisation, requested_by=cast.manager
    )
    client.force_login(cast.manager)
    response = client.post(
        reverse("accounts:manage_user", args=[person.pk]),
        {"username": "nieuw", "first_name": "N", "last_name": "N", "email": "beheer@example.org"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    person.refresh_from_db()
    assert person.email == "nieuw@example.org"


def test_the_e_mail_of_someone_without_case_access_can_change(client, cast):
    client.force_login(cast.manager)
    response = client.post(
        reverse("accounts:manage_user", args=[cast.officer.pk]),
        {"username": "officer", "first_name": "O", "last_name": "O", "email": "new@example.org"},
    )
    assert response.status_code == 302
    cast.officer.refresh_from_db()
    assert cast.officer.email == "new@example.org"


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/accounts/user/{me}/change/",
        "/admin/accounts/user/{me}/password/",
        "/admin/accounts/user/add/",
        "/admin/accounts/membership/add/",
        "/admin/auth/group/add/",
        "/admin/auth/group/",
    ],
)
def test_the_admin_is_closed_to_the_manager(client, cast, path):
    client.force_login(cast.manager)
    url = path.format(me=cast.manager.pk)
    assert client.get(url).status_code == 404
    data = {
        **_person_data(cast.manager),
        "role": Role.WORKER,
        "user": cast.manager.pk,
        "organisation": cast.organisation.pk,
        "name": "Alles",
    }
    assert client.post(url, data).status_code == 404
    assert list(cast.manager.memberships.values_list("role", flat=True)) == [Role.ADMIN]
    _assert_no_power(cast.manager)
    assert not Group.objects.filter(name="Alles").exists()


def test_the_admin_stays_closed_to_a_manager_made_staff_by_someone(client, cast):
    cast.manager.is_staff = True
    cast.manager.save()
    client.force_login(cast.manager)
    response = client.post(
        f"/admin/accounts/user/{cast.manager.pk}/change/", _person_data(cast.manager)
    )
    assert response.status_code == 404
    cast.manager.refresh_from_db()
    assert not cast.manager.is_superuser


# --- The approval path -----------------------------------------------------------------------


def _grant_rows():
    return list(AccessLog.objects.filter(action=AccessLog.Action.GRANT).order_by("pk"))


@pytest.mark.parametrize("approver", ["teamlead", "privacy"])
def test_a_team_leader_or_privacy_officer_approves_and_it_is_logged(client, cast, approver):
    person = factories.create_user(username="nieuw")
    client.force_login(cast.manager)
    client.post(
        reverse("accounts:manage_role_give", args=[person.pk]),
        {"role": Role.WORKER, "organisation": cast.organisation.pk},
    )
    assert not person.memberships.exists()
    request = RoleRequest.objects.get(user=person)

    client.force_login(cast.by_name(approver))
    page = client.get(reverse("accounts:approvals"))
    assert list(page.context["waiting"]) == [request]
    response = client.post(
        reverse("accounts:approval_decide", args=[request.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    membership = person.memberships.get()
    assert (membership.role, membership.organisation) == (Role.WORKER, cast.organisation)
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (
        RoleRequest.Status.APPROVED,
        cast.by_name(approver),
    )

    asked, approved = _grant_rows()
    assert asked.user == cast.manager
    assert "requested for nieuw" in asked.description
    assert approved.user == cast.by_name(approver)
    assert "nieuw approved" in approved.description and "asked by manager" in approved.description
    assert approved.object_ref == f"accounts.membership:{membership.pk}"
    assert asked.pupil_ids == [] and approved.pupil_ids == []

    # decided once: a second decision changes nothing
    client.post(reverse("accounts:approval_decide", args=[request.pk]), {"decision": "refuse"})
    request.refresh_from_db()
    assert request.status == RoleRequest.Status.APPROVED


def test_a_refusal_gives_no_role_and_is_logged(client, cast):
    person = factories.create_user(username="nieuw")
    request = RoleRequest.objects.create(
        user=person, role=Role.TEAMLEAD, organisation=cast.organisation, requested_by=cast.manager
    )
    client.force_login(cast.teamlead)
    client.post(reverse("accounts:approval_decide", args=[request.pk]), {"decision": "refuse"})
    request.refresh_from_db()
    assert request.status == RoleRequest.Status.REFUSED
    assert not person.memberships.exists()
    (row,) = _grant_rows()
    assert row.user == cast.teamlead and "refused" in row.description


@pytest.mark.parametrize("decision", ["", "maybe", "approve\x01"])
def test_a_decision_not_understood_changes_nothing(client, cast, decision):
    request = RoleRequest.objects.create(
        user=cast.nobody,
        role=Role.WORKER,
        organisation=cast.organisation,
        requested_by=cast.manager,
    )
    client.force_login(cast.teamlead)
    response = client.post(
        reverse("accounts:approval_decide", args=[request.pk]), {"decision": decision}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RoleRequest.Status.WAITING


def test_a_municipal_role_is_given_at_once_and_logged(client, cast):
    person = factories.create_user(username="nieuw")
    client.force_login(cast.manager)
    client.post(
        reverse("accounts:manage_role_give", args=[person.pk]),
        {"role": Role.MUNICIPALITY, "municipality": cast.north.pk},
    )
    assert person.memberships.get().municipality == cast.north
    (row,) = _grant_rows()
    assert row.user == cast.manager and "given to nieuw" in row.description


def test_taking_a_role_back_is_at_once_and_logged(client, cast):
    membership = cast.worker.memberships.get()
    client.force_login(cast.manager)
    client.post(reverse("accounts:manage_role_take", args=[cast.worker.pk, membership.pk]))
    assert not cast.worker.memberships.exists()
    (row,) = _grant_rows()
    assert "taken from worker" in row.description


def test_deactivating_is_logged_and_not_for_oneself(client, cast):
    client.force_login(cast.manager)
    client.post(reverse("accounts:manage_user_active", args=[cast.worker.pk]), {"active": "0"})
    client.post(reverse("accounts:manage_user_active", args=[cast.manager.pk]), {"active": "0"})
    cast.worker.refresh_from_db()
    cast.manager.refresh_from_db()
    assert not cast.worker.is_active
    assert cast.manager.is_active
    (row,) = _grant_rows()
    assert "worker deactivated" in row.description


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"role": "superuser"},
        {"role": Role.WORKER},
        {"role": Role.WORKER, "organisation": "abc"},
        {"role": Role.WORKER, "organisation": "99999999"},
        {"role": Role.COORDINATOR, "organisation": "1"},
        {"role": Role.MUNICIPALITY, "school": "1"},
    ],
)
def test_a_role_form_not_understood_says_so(client, cast, data):
    person = factories.create_user(username="nieuw")
    client.force_login(cast.manager)
    response = client.post(reverse("accounts:manage_role_give", args=[person.pk]), data)
    assert response.status_code == 200
    assert response.context["role_form"].errors
    assert not person.memberships.exists()
    assert not RoleRequest.objects.exists()
