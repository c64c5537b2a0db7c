"""Search finds a pupil by name, by the number of one of their cases and by school, and only
within the searcher's own scope."""

from __future__ import annotations

from django.urls import reverse

from cases.models import Case
from tests import factories


def _found(client, text: str) -> str:
    return client.get(reverse("cases:search"), {"q": text}).content.decode()


def test_search_finds_a_pupil_by_case_number(client, cast, dossier):
    other = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="intake")
    client.force_login(cast.worker)

    page = _found(client, dossier.number)

    assert dossier.number.startswith(f"{dossier.signalled_on:%Y}-0")
    assert "Daan Jansen" in page
    assert other.pupil.full_name not in page


def test_case_number_without_leading_zeros_and_of_another_year_is_precise(client, cast, dossier):
    client.force_login(cast.worker)
    year = dossier.signalled_on.year

    assert "Daan Jansen" in _found(client, f"{year}-{dossier.pk}")
    assert "Daan Jansen" not in _found(client, f"{year - 1}-{dossier.pk:05d}")


def test_search_finds_the_pupils_of_a_school(client, cast, dossier):
    at_b = factories.create_case(school=cast.school_b, caseworker=cast.worker, stage="intake")
    client.force_login(cast.worker)

    page = _found(client, "School B")

    assert at_b.pupil.full_name in page
    assert "Daan Jansen" not in page


def test_search_by_number_stays_within_scope(client, cast, dossier):
    client.force_login(cast.other_worker)

    assert "Daan Jansen" not in _found(client, dossier.number)


def test_the_caseload_filter_takes_a_case_number(client, cast, dossier):
    other = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="intake")
    client.force_login(cast.worker)

    page = client.get(reverse("cases:caseload"), {"q": dossier.number}).content.decode()

    assert "Daan Jansen" in page
    assert other.pupil.full_name not in page
    assert Case.objects.filter(pk=other.pk).exists()
