"""Sealed text costs the case page no extra query: the pupil key is unwrapped once per process
and kept; a process that has not met the key yet fetches every key the page's rows need in one
query. (The time it costs is measured by `make bench`, docs/performance.md.)"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Case, Contact
from tests import factories
from vault import crypto
from vault.existing import open_existing


def queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def full_case(cast, contacts: int) -> Case:
    case = factories.create_case(
        school=cast.school_a, caseworker=cast.worker, stage=Case.Stage.HELP, noticed="Valt stil"
    )
    factories.create_evaluation(plan=case.plan, note="Gaat beter")
    for n in range(contacts):
        factories.create_contact(case=case, summary=f"Gesprek nummer {n}", work_note=f"Noot {n}")
    return case


def test_the_case_page_costs_the_same_queries_sealed_as_plain(client, cast):
    case = full_case(cast, 20)
    client.force_login(cast.worker)
    url = reverse("cases:detail", args=[case.pk])
    client.get(url)  # warm up: session, caches

    sealed, html = queries(client, url)
    assert "Gesprek nummer 19" in html and "Noot 3" in html and "Gaat beter" in html

    open_existing()  # the same rows as plain text: the page as it was before the encryption
    assert not crypto.is_sealed(
        Contact.objects.filter(case=case).values_list("summary", flat=True)[0]
    )
    plain, html = queries(client, url)
    assert "Gesprek nummer 19" in html

    assert sealed == plain


def test_a_process_that_has_not_met_the_key_needs_one_query_more(client, cast):
    case = full_case(cast, 20)
    client.force_login(cast.worker)
    url = reverse("cases:detail", args=[case.pk])
    client.get(url)
    warm, _html = queries(client, url)

    crypto.forget_cached_keys()
    cold, html = queries(client, url)

    assert "Gesprek nummer 7" in html
    assert cold == warm + 1


def test_lists_over_many_pupils_fetch_their_keys_in_one_query(cast):
    cases = [full_case(cast, 1) for _ in range(6)]
    crypto.forget_cached_keys()
    with CaptureQueriesContext(connection) as captured:
        summaries = [c.summary for c in Contact.objects.filter(case__in=cases)]
    assert len(summaries) == 6 and all(s.startswith("Gesprek") for s in summaries)
    assert len(captured) == 2  # the contacts, and every key they need
