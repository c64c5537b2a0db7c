"""The application manager keeps schools, organisations, municipalities, assignments and the
sociale kaart in SMW's own pages: every change through a workflow function, an assignment (which
widens a worker's access) in the access log, and every bad input a Dutch message, never a 500."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from audit.models import AccessLog
from referrals.models import SocialMapEntry
from schools.models import Assignment, Municipality, Organisation, School, SchoolYear


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def manager_client(cast) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(cast.manager)
    return client


def _school_data(cast, **extra):
    return {
        "name": "OBS Nieuw",
        "brin": "33xy",
        "sector": "PO",
        "municipality": cast.north.pk,
        "active": "on",
        **extra,
    }


def test_add_and_change_a_school(manager_client, cast):
    response = manager_client.post(reverse("schools:manage_school_new"), _school_data(cast))
    assert response.status_code == 302
    school = School.objects.get(brin="33XY")
    assert (school.name, school.municipality, school.active) == ("OBS Nieuw", cast.north, True)
    response = manager_client.post(
        reverse("schools:manage_school", args=[school.pk]),
        _school_data(cast, name="OBS Nieuw Noord", active=""),
    )
    assert response.status_code == 302
    school.refresh_from_db()
    assert (school.name, school.active) == ("OBS Nieuw Noord", False)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"brin": "12"}, "BRIN code is two digits"),
        ({"brin": "AB12"}, "BRIN code is two digits"),
        ({"municipality": "abc"}, "Select a valid choice"),
        ({"municipality": "99999999"}, "Select a valid choice"),
        ({"sector": "XX"}, "Select a valid choice"),
        ({"name": ""}, "This field is required"),
    ],
)
def test_a_bad_school_says_why_and_keeps_what_was_typed(manager_client, cast, extra, message):
    response = manager_client.post(
        reverse("schools:manage_school_new"), _school_data(cast, **extra)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not School.objects.filter(name="OBS Nieuw").exists()


def test_a_school_with_a_brin_in_use_is_refused(manager_client, cast):
    response = manager_client.post(
        reverse("schools:manage_school_new"), _school_data(cast, brin=cast.school_a.brin)
    )
    assert response.status_code == 200
    assert "exists already" in response.content.decode()


def test_add_organisation_and_municipality(manager_client, cast):
    manager_client.post(
        reverse("schools:manage_add_organisation"), {"organisation-name": "SMW Oost"}
    )
    manager_client.post(reverse("schools:manage_add_municipality"), {"municipality-name": "Oost"})
    assert Organisation.objects.filter(name="SMW Oost").exists()
    assert Municipality.objects.filter(name="Oost").exists()
    response = manager_client.post(
        reverse("schools:manage_add_municipality"), {"municipality-name": "oost"}, follow=True
    )
    assert "exists already" in response.content.decode()
    assert Municipality.objects.filter(name__iexact="oost").count() == 1


def _assignment_data(cast, **extra):
    return {
        "worker": cast.worker.pk,
        "school": cast.school_c.pk,
        "school_year": SchoolYear.current().pk,
        "contracted_hours": "120",
        "funding_source": Assignment.FundingSource.SCHOOL,
        **extra,
    }


def test_an_assignment_given_changed_and_removed_is_logged(manager_client, cast):
    response = manager_client.post(reverse("schools:manage_assignment_new"), _assignment_data(cast))
    assert response.status_code == 302
    assignment = Assignment.objects.get(worker=cast.worker, school=cast.school_c)
    assert assignment.contracted_hours == Decimal("120")
    manager_client.post(
        reverse("schools:manage_assignment", args=[assignment.pk]),
        _assignment_data(cast, contracted_hours="80"),
    )
    assignment.refresh_from_db()
    assert assignment.contracted_hours == Decimal("80")
    manager_client.post(reverse("schools:manage_assignment_end", args=[assignment.pk]))
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    rows = AccessLog.objects.filter(action=AccessLog.Action.GRANT, user=cast.manager).order_by("pk")
    assert [r.description.split(":")[0] for r in rows] == [
        "assignment given",
        "assignment changed",
        "assignment taken",
    ]
    assert all(r.pupil_ids == [] for r in rows)


@pytest.mark.parametrize(
    "extra",
    [
        {"worker": "abc"},
        {"worker": "99999999"},
        {"school": "-1"},
        {"school_year": "abc"},
        {"contracted_hours": "abc"},
        {"contracted_hours": "0"},
        {"contracted_hours": "1e400"},
        {"funding_source": "bank"},
    ],
)
def test_a_bad_assignment_says_why(manager_client, cast, extra):
    response = manager_client.post(
        reverse("schools:manage_assignment_new"), _assignment_data(cast, **extra)
    )
    assert response.status_code == 200
    assert 'class="invalid-feedback' in response.content.decode()
    assert not Assignment.objects.filter(school=cast.school_c, worker=cast.worker).exists()


def test_only_a_worker_is_assigned_and_never_the_manager(manager_client, cast):
    for person in (cast.manager, cast.teamlead):
        response = manager_client.post(
            reverse("schools:manage_assignment_new"), _assignment_data(cast, worker=person.pk)
        )
        assert response.status_code == 200
    assert (
        not Assignment.objects.filter(school=cast.school_c)
        .exclude(worker=cast.other_worker)
        .exists()
    )


def test_a_double_assignment_is_refused(manager_client, cast):
    response = manager_client.post(
        reverse("schools:manage_assignment_new"),
        _assignment_data(cast, school=cast.school_a.pk),
    )
    assert response.status_code == 200
    assert "already" in response.content.decode()


@pytest.mark.parametrize("year", ["abc", "-1", "99999999"])
def test_a_school_year_not_understood_shows_the_current_one(manager_client, cast, year):
    response = manager_client.get(reverse("schools:manage_assignments"), {"school_year": year})
    assert response.status_code == 200
    assert response.context["year"] == SchoolYear.current()
    assert "Not understood" in response.content.decode()


def test_the_manage_pages_show_no_pupil(manager_client, cast):
    from tests import factories

    factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a, last_name="Verborgen"),
        caseworker=cast.worker,
    )
    for url in [
        reverse("accounts:manage"),
        reverse("accounts:manage_user", args=[cast.worker.pk]),
        reverse("schools:manage"),
        reverse("schools:manage_school", args=[cast.school_a.pk]),
        reverse("schools:manage_assignments"),
        reverse("referrals:social_map_manage"),
    ]:
        response = manager_client.get(url)
        assert response.status_code == 200
        assert "Verborgen" not in response.content.decode(), url


def test_add_and_change_a_sociale_kaart_entry(manager_client, cast):
    data = {
        "name": "Buurtteam Oost",
        "kind": SocialMapEntry.Kind.WIJKTEAM,
        "municipalities": [cast.north.pk, cast.south.pk],
        "waiting_weeks": "3",
        "active": "on",
    }
    assert manager_client.post(reverse("referrals:social_map_new"), data).status_code == 302
    entry = SocialMapEntry.objects.get(name="Buurtteam Oost")
    assert set(entry.municipalities.all()) == {cast.north, cast.south}
    response = manager_client.post(
        reverse("referrals:social_map_edit", args=[entry.pk]),
        {**data, "municipalities": [cast.north.pk], "active": ""},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert not entry.active
    assert list(entry.municipalities.all()) == [cast.north]


@pytest.mark.parametrize(
    "extra",
    [
        {"municipalities": ["abc"]},
        {"kind": "bank"},
        {"waiting_weeks": "abc"},
        {"waiting_weeks": "1000"},
        {"website": "not a url"},
        {"name": ""},
    ],
)
def test_a_bad_entry_says_why(manager_client, cast, extra):
    data = {"name": "Buurtteam Oost", "kind": "wijkteam", "municipalities": [cast.north.pk]}
    response = manager_client.post(reverse("referrals:social_map_new"), {**data, **extra})
    assert response.status_code == 200
    assert 'class="invalid-feedback' in response.content.decode()
    assert not SocialMapEntry.objects.exists()
