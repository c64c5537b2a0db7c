"""Dates on the pages read as Dutch: "19 nov 2026", not Django's title-cased "19 Nov 2026"."""

from __future__ import annotations

import datetime

from django.urls import reverse

from cases.models import Case
from tests import factories


def test_the_caseload_writes_short_months_in_lower_case(client, cast):
    case = factories.create_case(
        school=cast.school_a, caseworker=cast.worker, stage=Case.Stage.HELP
    )
    factories.create_contact(case=case, held_on=datetime.date(2026, 11, 19))
    client.force_login(cast.worker)

    html = client.get(reverse("cases:caseload")).content.decode()

    assert "19 nov 2026" in html
    assert "Nov" not in html
