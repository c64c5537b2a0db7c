"""Django's admin is for operations: superusers only, and even there no pupil shows. Nothing
is deleted through it (the delete confirmation of a school or a user would list its pupils and
dossiers by name), and bad ids in its forms, links and bulk actions never give a server error."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from accounts.models import Membership, Role
from audit.models import AccessLog
from cases.models import Case
from schools.models import School
from tests import factories

BAD_IDS = ["abc", "-1", "0", "99999999", "99999999999999999999", "1.5", "%27", "_"]


@pytest.fixture
def root(db):
    return factories.create_user(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def operations(root) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(root)
    return client


@pytest.fixture
def pupil_at_a(cast):
    pupil = factories.create_pupil(school=cast.school_a, first_name="Zoë", last_name="Verborgen")
    factories.create_case(pupil=pupil, caseworker=cast.worker, stage=Case.Stage.HELP)
    return pupil


def _models():
    return [
        (model._meta.app_label, model._meta.model_name)
        for model in admin.site._registry
        if model._meta.app_label in {"accounts", "schools", "referrals", "audit"}
    ]


def test_the_admin_opens_for_a_superuser(operations):
    assert operations.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize("person", ["manager", "teamlead", "privacy", "worker"])
def test_the_admin_is_404_to_every_role_even_as_staff(cast, person):
    user = cast.by_name(person)
    user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 404


def test_no_delete_anywhere_in_the_admin(operations, cast, pupil_at_a):
    for app, model in _models():
        changelist = operations.get(reverse(f"admin:{app}_{model}_changelist"))
        assert changelist.status_code == 200, (app, model)
        assert "delete_selected" not in changelist.content.decode(), (app, model)
    response = operations.get(reverse("admin:schools_school_delete", args=[cast.school_a.pk]))
    assert response.status_code in (302, 403)
    assert "Verborgen" not in response.content.decode()
    response = operations.post(
        reverse("admin:schools_school_changelist"),
        {"action": "delete_selected", "_selected_action": [cast.school_a.pk], "post": "yes"},
    )
    assert "Verborgen" not in response.content.decode()
    assert School.objects.filter(pk=cast.school_a.pk).exists()
    response = operations.get(reverse("admin:accounts_user_delete", args=[cast.worker.pk]))
    assert response.status_code in (302, 403)
    assert "Verborgen" not in response.content.decode()


def test_the_superuser_sees_no_pupil_in_the_admin(operations, cast, pupil_at_a):
    pages = [reverse("admin:index")]
    for app, model in _models():
        pages.append(reverse(f"admin:{app}_{model}_changelist"))
    pages += [
        reverse("admin:schools_school_change", args=[cast.school_a.pk]),
        reverse("admin:accounts_user_change", args=[cast.worker.pk]),
    ]
    for page in pages:
        response = operations.get(page)
        assert response.status_code == 200, page
        assert "Verborgen" not in response.content.decode(), page


def test_the_user_form_offers_no_permissions_or_groups(operations, cast):
    html = operations.get(reverse("admin:accounts_user_change", args=[cast.worker.pk])).content
    assert b'name="user_permissions"' not in html
    assert b'name="groups"' not in html


@pytest.mark.parametrize("bad", BAD_IDS)
def test_bad_ids_in_admin_links_give_no_server_error(operations, cast, bad):
    for app, model in _models():
        for view in ("change", "history", "delete"):
            url = f"/admin/{app}/{model}/{bad}/{view}/"
            status = operations.get(url).status_code
            assert status < 500, (url, status)
            status = operations.post(url, {"name": "x"}).status_code
            assert status < 500, (url, status)
    url = f"/admin/accounts/user/{bad}/password/"
    assert operations.get(url).status_code < 500
    assert operations.post(url, {"password1": "x", "password2": "x"}).status_code < 500


@pytest.mark.parametrize("bad", BAD_IDS)
def test_bad_ids_in_admin_forms_and_bulk_actions_give_no_server_error(operations, cast, bad):
    for app, model in _models():
        changelist = f"/admin/{app}/{model}/"
        for data in (
            {"action": "delete_selected", "_selected_action": [bad], "index": "0"},
            {"action": bad, "_selected_action": [bad], "index": "0"},
            {"action": "", "select_across": bad, "_selected_action": [bad], "index": bad},
        ):
            status = operations.post(changelist, data).status_code
            assert status < 500, (changelist, data, status)
        for query in ({"o": bad}, {"p": bad}, {"q": bad}, {"id__exact": bad}, {bad: bad}):
            status = operations.get(changelist, query).status_code
            assert status < 500, (changelist, query, status)
        status = operations.post(
            f"/admin/{app}/{model}/add/",
            {
                "user": bad,
                "school": bad,
                "organisation": bad,
                "municipality": bad,
                "worker": bad,
                "school_year": bad,
                "municipalities": [bad],
                "role": bad,
            },
        ).status_code
        assert status < 500, (app, model, status)
    for query in (
        {"term": bad, "app_label": "accounts", "model_name": "membership", "field_name": "user"},
        {"term": "a", "app_label": bad, "model_name": bad, "field_name": bad},
        {
            "term": "a",
            "app_label": "accounts",
            "model_name": "membership",
            "field_name": "user",
            "page": bad,
        },
    ):
        assert operations.get("/admin/autocomplete/", query).status_code < 500


def test_a_role_given_in_the_admin_is_logged(operations, root, cast):
    person = factories.create_user(username="nieuw")
    response = operations.post(
        reverse("admin:accounts_membership_add"),
        {"user": person.pk, "role": Role.ADMIN},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=person)
    row = AccessLog.objects.get(action=AccessLog.Action.GRANT)
    assert row.user == root
    assert row.object_ref == f"accounts.membership:{membership.pk}"
    assert "nieuw" in row.description
