"""Every role against every page of the foundation, including the 404s.

Outside one's scope is 404, never 403, so the existence of a page or school leaks nothing.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.conftest import PEOPLE

OK, NOT_FOUND, REDIRECT = 200, 404, 302

# page -> {person: expected status}; people not named get 404.
MATRIX: dict[str, dict[str, int]] = {
    "schools:mine": {"worker": OK, "other_worker": OK},
    "schools:coordinator": {"coordinator": OK, "other_coordinator": OK},
    "schools:territory": {"officer": OK},
    "accounts:team": {"teamlead": OK, "other_teamlead": OK},
    "accounts:manage": {"manager": OK},
    "school_a": {"worker": OK, "coordinator": OK, "teamlead": OK},
    "school_c": {"other_worker": OK, "other_coordinator": OK, "other_teamlead": OK},
}

# Pages everyone who is signed in may open.
EVERYONE = {
    "accounts:password_change": OK,
    "accounts:recovery_codes": OK,
    "accounts:otp_setup": OK,
}


def _url(name: str, cast) -> str:
    if name == "school_a":
        return reverse("schools:detail", args=[cast.school_a.pk])
    if name == "school_c":
        return reverse("schools:detail", args=[cast.school_c.pk])
    return reverse(name)


CASES = [
    (page, person, expected.get(person, NOT_FOUND))
    for page, expected in MATRIX.items()
    for person in PEOPLE
] + [(page, person, status) for page, status in EVERYONE.items() for person in PEOPLE]


@pytest.mark.parametrize(("page", "person", "expected"), CASES)
def test_access_matrix(client, cast, page, person, expected):
    client.force_login(cast.by_name(person))
    response = client.get(_url(page, cast))
    assert response.status_code == expected


@pytest.mark.parametrize("page", [*MATRIX, *EVERYONE])
def test_anonymous_is_sent_to_login(client, cast, page):
    response = client.get(_url(page, cast))
    assert response.status_code == REDIRECT
    assert response["Location"].startswith(reverse("accounts:login"))


def test_missing_school_is_404_like_a_forbidden_one(client, cast):
    client.force_login(cast.worker)
    assert client.get(reverse("schools:detail", args=[999999])).status_code == NOT_FOUND


@pytest.mark.parametrize(
    ("person", "start"),
    [
        ("worker", "schools:mine"),
        ("coordinator", "schools:coordinator"),
        ("teamlead", "accounts:team"),
        ("officer", "schools:territory"),
        ("manager", "accounts:manage"),
        ("safeguarding", "meldcode:list"),
    ],
)
def test_home_leads_to_the_start_page_of_the_role(client, cast, person, start):
    client.force_login(cast.by_name(person))
    response = client.get(reverse("home"))
    assert response.status_code == REDIRECT
    assert response["Location"] == reverse(start)


def test_person_without_role_sees_explanation(client, cast):
    client.force_login(cast.nobody)
    response = client.get(reverse("home"))
    assert response.status_code == OK
    assert b"accounts/no_role" not in response.content
    assert response.templates[0].name == "accounts/no_role.html"


def test_navigation_shows_only_own_roles(client, cast):
    client.force_login(cast.worker)
    response = client.get(reverse("schools:mine"))
    urls = {item["url"] for item in response.context["nav_items"]}
    assert {reverse("schools:mine"), reverse("cases:caseload")} <= urls
    foreign = {
        reverse("schools:coordinator"),
        reverse("cases:school"),
        reverse("accounts:team"),
        reverse("schools:territory"),
        reverse("accounts:manage"),
    }
    assert not urls & foreign


def test_navigation_of_officer_has_no_case_pages(client, cast):
    client.force_login(cast.officer)
    response = client.get(reverse("schools:territory"))
    urls = {item["url"] for item in response.context["nav_items"]}
    assert urls == {reverse("schools:territory"), reverse("reports:funding")}


# Django's admin, its login page and a model it does not have (Case) among them: nothing tells a
# person who is not a superuser that it exists.
ADMIN_PAGES = ["/admin/", "/admin/login/", "/admin/schools/school/", "/admin/cases/case/"]


@pytest.mark.parametrize("page", ADMIN_PAGES)
@pytest.mark.parametrize("person", PEOPLE)
def test_django_admin_is_404_to_every_role(client, cast, person, page):
    client.force_login(cast.by_name(person))
    assert client.get(page).status_code == NOT_FOUND


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_django_admin_is_404_to_anonymous(client, cast, page):
    assert client.get(page).status_code == NOT_FOUND


def test_admin_login_form_is_404_even_when_posted(cast):
    response = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "manager", "password": "x"}
    )
    assert response.status_code == NOT_FOUND


def test_django_admin_opens_for_a_superuser(client, cast):
    client.force_login(factories.create_user(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:index")).status_code == OK
    assert client.get(reverse("admin:schools_school_changelist")).status_code == OK


def test_django_admin_is_404_to_staff_who_is_no_superuser(client, cast):
    cast.manager.is_staff = True
    cast.manager.save()
    client.force_login(cast.manager)
    assert client.get(reverse("admin:index")).status_code == NOT_FOUND


def test_healthz_needs_no_login(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == OK
    assert response.json()["checks"]["database"] == "ok"
