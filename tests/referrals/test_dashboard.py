"""The worker's referral dashboard: what needs attention, and a page that stays cheap."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Case
from referrals import access
from referrals.models import Referral
from tests import factories

from .helpers import create_referral, days_from_today

Status = Referral.Status


def _referral_for(worker, school, first_name: str, **fields) -> Referral:
    case = factories.create_case(
        pupil=factories.create_pupil(school=school, first_name=first_name, last_name="Test"),
        caseworker=worker,
        stage=Case.Stage.REFERRED,
    )
    return create_referral(case=case, **fields)


def _names(referrals) -> set[str]:
    return {r.case.pupil.first_name for r in referrals}


@pytest.fixture
def dashboard(client, cast):
    def open_dashboard(user=None):
        client.force_login(user or cast.worker)
        response = client.get(reverse("referrals:dashboard"))
        assert response.status_code == 200
        return response

    return open_dashboard


def test_follow_up_date_passed_is_listed_as_overdue(cast, dashboard):
    _referral_for(cast.worker, cast.school_a, "Overdue", follow_up_on=days_from_today(-1))
    _referral_for(cast.worker, cast.school_a, "Today", follow_up_on=days_from_today(0))

    response = dashboard()

    assert _names(response.context["overdue"]) == {"Overdue"}
    assert "Overdue Test" in response.content.decode()


def test_waiting_list_is_listed_even_before_the_follow_up_date(cast, dashboard):
    _referral_for(cast.worker, cast.school_a, "Waiting", status=Status.WAITING)
    _referral_for(cast.worker, cast.school_a, "Submitted", status=Status.SUBMITTED)

    response = dashboard()

    assert _names(response.context["waiting"]) == {"Waiting"}
    assert _names(response.context["overdue"]) == set()
    assert _names(response.context["running"]) == {"Waiting", "Submitted"}


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN])
def test_finished_referrals_are_not_listed_even_when_overdue(cast, dashboard, status):
    _referral_for(
        cast.worker, cast.school_a, "Finished", status=status, follow_up_on=days_from_today(-5)
    )

    response = dashboard()

    assert response.context["overdue"] == []
    assert response.context["waiting"] == []
    assert response.context["running"] == []
    assert "Finished Test" not in response.content.decode()


def test_other_workers_referrals_are_not_listed(cast, dashboard):
    _referral_for(cast.other_worker, cast.school_c, "Elsewhere", follow_up_on=days_from_today(-1))
    _referral_for(cast.other_worker, cast.school_c, "Queued", status=Status.WAITING)

    response = dashboard()

    assert response.context["overdue"] == []
    assert response.context["waiting"] == []
    assert response.context["running"] == []
    assert _names(dashboard(cast.other_worker).context["overdue"]) == {"Elsewhere"}


def test_needs_attention_is_a_passed_follow_up_of_a_running_referral_or_a_waiting_list(cast):
    _referral_for(cast.worker, cast.school_a, "Overdue", follow_up_on=days_from_today(-1))
    _referral_for(cast.worker, cast.school_a, "Today", follow_up_on=days_from_today(0))
    _referral_for(cast.worker, cast.school_a, "Waiting", status=Status.WAITING)
    _referral_for(
        cast.worker,
        cast.school_a,
        "Completed",
        status=Status.COMPLETED,
        follow_up_on=days_from_today(-1),
    )

    assert _names(access.needs_attention(cast.worker)) == {"Overdue", "Waiting"}


@pytest.mark.parametrize("person", ["coordinator", "teamlead", "officer", "manager", "nobody"])
def test_dashboard_is_for_workers_only(client, cast, person):
    client.force_login(cast.by_name(person))

    assert client.get(reverse("referrals:dashboard")).status_code == 404


def _count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("referrals:dashboard"))
    assert response.status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_the_number_of_referrals(client, cast):
    client.force_login(cast.worker)

    def add(n: int) -> None:
        _referral_for(
            cast.worker,
            cast.school_a,
            f"Pupil{n}",
            status=Status.WAITING if n % 2 else Status.SUBMITTED,
            follow_up_on=days_from_today(-1 if n % 3 else 7),
        )

    add(0)
    with_one = _count_queries(client)
    for n in range(1, 20):
        add(n)
    with_twenty = _count_queries(client)

    assert Referral.objects.count() == 20
    assert with_twenty == with_one
