"""What each start page shows, and what it must not show."""

from __future__ import annotations

from django.urls import reverse

from accounts.models import User
from schools.models import SchoolYear
from tests import factories


def test_worker_sees_only_this_years_assignments(client, cast):
    last_year = SchoolYear.objects.create(start_year=SchoolYear.start_year_for_today() - 1)
    old_school = factories.create_school(name="Vorig jaar school")
    factories.create_assignment(worker=cast.worker, school=old_school, year=last_year)
    client.force_login(cast.worker)
    response = client.get(reverse("schools:mine"))
    names = [a.school.name for a in response.context["assignments"]]
    assert sorted(names) == ["School A", "School B"]
    assert response.context["total_hours"] == 400


def test_worker_cannot_open_last_years_school(client, cast):
    last_year = SchoolYear.objects.create(start_year=SchoolYear.start_year_for_today() - 1)
    old_school = factories.create_school(name="Vorig jaar school")
    factories.create_assignment(worker=cast.worker, school=old_school, year=last_year)
    client.force_login(cast.worker)
    assert client.get(reverse("schools:detail", args=[old_school.pk])).status_code == 404


def test_coordinator_sees_workers_of_own_school_only(client, cast):
    client.force_login(cast.coordinator)
    response = client.get(reverse("schools:coordinator"))
    ((school, assignments),) = response.context["schools"]
    assert school == cast.school_a
    assert [a.worker for a in assignments] == [cast.worker]
    assert "School C" not in response.content.decode()


def test_teamlead_sees_only_own_organisation(client, cast):
    client.force_login(cast.teamlead)
    response = client.get(reverse("accounts:team"))
    workers = response.context["workers"]
    assert [w.username for w in workers] == ["worker"]
    assert workers[0].total_hours == 400


def test_officer_sees_territory_figures(client, cast):
    client.force_login(cast.officer)
    response = client.get(reverse("schools:territory"))
    schools = {s.name: s for s in response.context["schools"]}
    assert set(schools) == {"School A", "School B"}
    assert schools["School A"].contracted_hours == 200
    assert schools["School A"].worker_count == 1
    assert response.context["total_hours"] == 400
    assert "worker" not in response.content.decode().lower().split("workers")[0]


def test_empty_states(client, db):
    lonely = factories.create_worker(username="lonely")
    client.force_login(lonely)
    response = client.get(reverse("schools:mine"))
    assert response.context["assignments"] == []
    assert "alert-info" in response.content.decode()


def test_manager_page_is_paginated(client, cast):
    for _ in range(30):
        factories.create_user()
    client.force_login(cast.manager)
    response = client.get(reverse("accounts:manage"))
    assert len(response.context["users"].object_list) == 25
    second = client.get(reverse("accounts:manage") + "?page=2")
    total = User.objects.filter(is_superuser=False, is_staff=False).count()
    assert total > 25
    assert len(second.context["users"].object_list) == total - 25
