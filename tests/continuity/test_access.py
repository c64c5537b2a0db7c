"""Every role against every continuity page: outside one's scope is 404 (read-only 403)."""

import pytest
from django.urls import reverse

from cases.models import Case
from tests import factories
from tests.conftest import PEOPLE

OK, FORBIDDEN, NOT_FOUND = 200, 403, 404

# page -> {person: status}; people not named get 404.
MATRIX = {
    "leaver": {"teamlead": OK},  # the worker of `organisation`
    "leaver_other": {"other_teamlead": OK},
    "next_year": {"teamlead": OK, "other_teamlead": OK},
    "summer": {"worker": OK, "other_worker": OK},
    "move": {"worker": OK},  # the case manager alone (a coordinator has no dossier)
}


def _url(page, cast, case):
    return {
        "leaver": lambda: reverse("continuity:leaver", args=[cast.worker.pk]),
        "leaver_other": lambda: reverse("continuity:leaver", args=[cast.other_worker.pk]),
        "next_year": lambda: reverse("continuity:next_year"),
        "summer": lambda: reverse("continuity:summer"),
        "move": lambda: reverse("continuity:move", args=[case.pk]),
    }[page]()


@pytest.fixture
def case(cast):
    return factories.create_case(
        school=cast.school_a, caseworker=cast.worker, stage=Case.Stage.HELP
    )


@pytest.mark.parametrize(
    ("page", "person", "expected"),
    [
        (page, person, statuses.get(person, NOT_FOUND))
        for page, statuses in MATRIX.items()
        for person in PEOPLE
    ],
)
def test_access_matrix(client, cast, case, page, person, expected):
    client.force_login(cast.by_name(person))
    assert client.get(_url(page, cast, case)).status_code == expected


def test_a_stand_in_reads_the_case_but_cannot_move_it(client, cast, case, colleague):
    factories.create_stand_in(stand_in=colleague, for_worker=cast.worker)
    client.force_login(colleague)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == OK
    assert client.get(reverse("continuity:move", args=[case.pk])).status_code == FORBIDDEN


@pytest.mark.parametrize("person", PEOPLE)
def test_only_the_case_manager_records_a_reason_to_go_on(client, cast, case, person):
    client.force_login(cast.by_name(person))
    response = client.post(reverse("continuity:norm_reason", args=[case.pk]), {"reason": "x"})
    assert response.status_code == (302 if person == "worker" else NOT_FOUND)


def test_the_team_leader_of_another_organisation_cannot_hand_over(client, cast, case):
    client.force_login(cast.other_teamlead)
    response = client.post(
        reverse("continuity:leaver", args=[cast.worker.pk]),
        {"all_to": cast.other_worker.pk, "reason": "x"},
    )
    assert response.status_code == NOT_FOUND
    case.refresh_from_db()
    assert case.caseworker == cast.worker


@pytest.mark.parametrize("page", list(MATRIX))
def test_anonymous_is_sent_to_login(client, cast, case, page):
    response = client.get(_url(page, cast, case))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
