"""ZAT pages log the pupils whose names they show (only items with a valid ZAT consent show a
name), the minutes are a print of them, and refused meetings and items are logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AccessLog
from cases.models import Case
from referrals.workflow import withdraw_consent
from tests import access_log, factories
from zat.models import Meeting

from .helpers import create_item, create_meeting, create_zat_consent, days_from_today, local_time

VIEW, CHANGE, PRINT, REFUSED = (
    AccessLog.Action.VIEW,
    AccessLog.Action.CHANGE,
    AccessLog.Action.PRINT,
    AccessLog.Action.REFUSED,
)


@pytest.fixture
def meeting(cast, case) -> Meeting:
    """A ZAT at school A with a named item (Sanne Kok), an item whose consent was withdrawn
    and an anonymous one."""
    meeting = create_meeting(school=cast.school_a, chair=cast.coordinator, starts_at=local_time(7))
    create_item(meeting=meeting, case=case)
    withdrawn_case = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a, first_name="Joris", last_name="Dekker"),
        caseworker=cast.worker,
        stage=Case.Stage.HELP,
    )
    consent = create_zat_consent(case=withdrawn_case, given_on=days_from_today(-30))
    create_item(meeting=meeting, case=withdrawn_case, consent=consent)
    withdraw_consent(consent, by=cast.worker, on=days_from_today(0))
    create_item(meeting=meeting, anonymous_label="leerling groep 5")
    return meeting


@pytest.mark.parametrize("person", ["coordinator", "worker"])
def test_the_meeting_page_logs_the_named_pupils_only(client, cast, case, meeting, person):
    client.force_login(cast.by_name(person))
    url = reverse("zat:detail", args=[meeting.pk])

    response, written = access_log.get(client, url)

    html = response.content.decode()
    assert "Sanne Kok" in html
    assert "Dekker" not in html
    row = written.only(VIEW)
    assert (row.user, row.pupil_ids, row.path) == (cast.by_name(person), [case.pupil_id], url)


def test_an_item_page_logs_its_named_pupil(client, cast, case, meeting):
    item = meeting.items.get(case=case)
    client.force_login(cast.worker)

    _, written = access_log.get(client, reverse("zat:item", args=[item.pk]))

    assert written.only(VIEW).pupil_ids == [case.pupil_id]


def test_an_anonymous_item_page_logs_no_pupil(client, cast, meeting):
    item = meeting.items.get(case__isnull=True)
    client.force_login(cast.worker)

    _, written = access_log.get(client, reverse("zat:item", args=[item.pk]))

    assert written.pupils() == set()


def test_the_agenda_form_logs_the_cases_it_offers(client, cast, case, meeting):
    client.force_login(cast.worker)

    response, written = access_log.get(client, reverse("zat:item_add", args=[meeting.pk]))

    assert "Sanne Kok" in response.content.decode()
    assert case.pupil_id in written.pupils()


def test_the_minutes_are_a_print_of_the_named_pupils(client, cast, case, meeting):
    client.force_login(cast.coordinator)

    response, written = access_log.get(client, reverse("zat:minutes", args=[meeting.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert written.only(PRINT).pupil_ids == [case.pupil_id]
    assert VIEW not in written.actions()


def test_recording_advice_logs_a_change(client, cast, case, meeting):
    item = meeting.items.get(case=case)
    client.force_login(cast.coordinator)

    response, written = access_log.post(
        client,
        reverse("zat:item", args=[item.pk]),
        {"discussion": "Besproken.", "advice": "Huisbezoek."},
    )

    assert response.status_code == 302
    assert written.only(CHANGE).pupil_ids == [case.pupil_id]


@pytest.mark.parametrize("person", ["other_worker", "other_coordinator", "privacy"])
def test_an_item_out_of_scope_is_a_logged_refusal(client, cast, case, meeting, person):
    item = meeting.items.get(case=case)
    client.force_login(cast.by_name(person))

    response, written = access_log.get(client, reverse("zat:item", args=[item.pk]))

    assert response.status_code == 404
    assert written.actions() == {REFUSED}
    assert written.only(REFUSED).pupil_ids == [case.pupil_id]


def test_a_meeting_out_of_scope_is_a_logged_refusal(client, cast, case, meeting):
    client.force_login(cast.other_worker)

    response, written = access_log.get(client, reverse("zat:detail", args=[meeting.pk]))

    assert response.status_code == 404
    assert written.only(REFUSED).pupil_ids == [case.pupil_id]


def test_a_missing_meeting_is_a_404_without_a_row(client, cast):
    client.force_login(cast.worker)

    response, written = access_log.get(client, reverse("zat:detail", args=[999999]))

    assert response.status_code == 404
    assert written.rows == []
