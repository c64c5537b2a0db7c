"""The overview pages cost the same number of queries whatever the caseload (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Case
from tests import factories

# page -> who opens it
PAGES = {
    "cases:caseload": "worker",
    "cases:school": "coordinator",
    "accounts:team": "teamlead",
}

# A mix, so that every column has something to look up: own cases in each open stage (with
# contacts, plans and evaluation dates), signals at the worker's schools nobody took on, and for
# the teamlead cases spread over more workers of the organisation.
STAGES = [Case.Stage.INTAKE, Case.Stage.PLAN, Case.Stage.HELP, Case.Stage.REFERRED]


def add_cases(cast, count: int, *, workers) -> None:
    for n in range(count):
        if n % 5 == 4:
            factories.create_case(school=cast.school_a)  # untaken signal
            continue
        case = factories.create_case(
            school=cast.school_a, caseworker=workers[n % len(workers)], stage=STAGES[n % 4]
        )
        factories.create_contact(case=case)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(("page", "person"), PAGES.items())
def test_overview_uses_the_same_number_of_queries_for_1_and_50_cases(client, cast, page, person):
    client.force_login(cast.by_name(person))
    url = reverse(page)
    add_cases(cast, 1, workers=[cast.worker])
    client.get(url)  # warm up: session, caches
    with_one = queries(client, url)

    colleagues = [
        factories.create_worker(organisation=cast.organisation, schools=[cast.school_a])
        for _ in range(3)
    ]
    add_cases(cast, 49, workers=[cast.worker, cast.worker, *colleagues])
    with_fifty = queries(client, url)

    assert with_fifty == with_one
