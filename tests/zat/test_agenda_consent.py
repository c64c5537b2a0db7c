"""Adding an agenda item, the coordinator sees which pupils have valid ZAT consent on the day of
the meeting and whom to ask for it; the e-mail to ask names no pupil."""

from __future__ import annotations

import re

from django.urls import reverse

from cases.models import Case
from tests import factories

from .helpers import create_meeting, create_zat_consent, days_from_today, local_time


def test_the_agenda_form_says_who_has_zat_consent_and_whom_to_ask(client, cast, case):
    consented = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a, first_name="Iris", last_name="Bos"),
        caseworker=cast.worker,
        stage=Case.Stage.HELP,
    )
    create_zat_consent(case=consented, given_on=days_from_today(-3))
    meeting = create_meeting(school=cast.school_a, chair=cast.coordinator, starts_at=local_time(7))
    cast.worker.email = "sanne.smw@example.org"
    cast.worker.save(update_fields=["email"])
    client.force_login(cast.coordinator)

    page = client.get(reverse("zat:item_add", args=[meeting.pk])).content.decode()

    with_consent = re.search(r'id="with-zat-consent">(.*?)</ul>', page, re.S).group(1)
    without = re.search(r'id="without-zat-consent">(.*?)</ul>', page, re.S).group(1)
    assert "Iris Bos" in with_consent and "Sanne Kok" not in with_consent
    assert "Sanne Kok" in without and "Iris Bos" not in without
    assert f"ask {cast.worker}" in without
    mailto = re.search(r'href="(mailto:[^"]*)"', without).group(1)
    assert "Sanne" not in mailto and "Kok" not in mailto
    assert f"/dossiers/{case.pk}/" in mailto.replace("%2F", "/")
    assert "Sanne Kok (Short-term help) – no ZAT consent" in page


def test_the_report_form_offers_only_the_periods_of_the_chosen_kind(client, cast):
    client.force_login(cast.coordinator)

    months = client.get(reverse("reports:archive")).content.decode()
    terms = client.get(reverse("reports:archive"), {"kind": "term"}).content.decode()

    def periods(page):
        select = re.search(r'<select name="period".*?</select>', page, re.S).group(0)
        return re.findall(r'<option value="([a-z])', select)

    assert periods(months) and set(periods(months)) == {"m"}
    assert periods(terms) and set(periods(terms)) == {"t"}
