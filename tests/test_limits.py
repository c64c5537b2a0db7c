"""Limits that say so: the page counts down to a field's maxlength (static/smw/limits.js, tried
in tests/browser/test_limits.py); the server holds to the same limit and says so in Dutch."""

from __future__ import annotations

from django.urls import reverse

from cases.models import Intake
from tests import factories


def test_an_over_long_intake_is_refused_in_dutch_and_kept_in_the_form(client, db):
    school = factories.create_school()
    worker = factories.create_worker(schools=[school])
    case = factories.create_case(school=school, caseworker=worker, stage="intake")
    client.force_login(worker)
    url = reverse("cases:intake", args=[case.pk])
    assert 'maxlength="4000"' in client.get(url).content.decode()  # the counter's limit

    response = client.post(url, {"version": case.intake.version, "signals": "x" * 10_000})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Zorg dat deze waarde niet meer dan 4000 tekens bevat (het zijn er nu 10000)." in page
    assert "x" * 10_000 in page
    assert Intake.objects.get(case=case).signals == ""
