"""The minutes PDF: what the team agreed, and no pupil data beyond what consent allows."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from audit.models import AccessLog
from cases.models import Case
from referrals.workflow import withdraw_consent
from tests import factories
from zat.models import Meeting

from .helpers import (
    create_action,
    create_guest,
    create_item,
    create_meeting,
    days_from_today,
    give_zat_consent,
    local_time,
)


@pytest.fixture
def meeting(cast, case) -> Meeting:
    """Last week's ZAT at school A: a consented item (Sanne Kok), an item whose consent was
    withdrawn after the meeting (Joris Dekker), an anonymous one; a guest from the GGD."""
    meeting = create_meeting(
        school=cast.school_a, chair=cast.coordinator, starts_at=local_time(-7, hour=14)
    )
    guest = create_guest(meeting=meeting, name="Dr. Yildiz", organisation="GGD regio Utrecht")
    named = create_item(
        meeting=meeting,
        case=case,
        consent=give_zat_consent(case, given_on=days_from_today(-30)),
        question="Hoe kan Sanne weer veilig naar school?",
        advice="Huisbezoek door jeugdarts en SMW.",
    )
    create_action(
        item=named,
        owner_guest=guest,
        description="Jeugdarts nodigt ouders uit",
        due_on=days_from_today(14),
    )
    withdrawn_case = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a, first_name="Joris", last_name="Dekker"),
        caseworker=cast.worker,
        stage=Case.Stage.HELP,
    )
    withdrawn = give_zat_consent(withdrawn_case, given_on=days_from_today(-30))
    create_item(
        meeting=meeting,
        case=withdrawn_case,
        consent=withdrawn,
        question="Is verwijzing naar jeugd-GGZ nodig?",
    )
    withdraw_consent(withdrawn, by=cast.worker, on=days_from_today(0))
    create_item(
        meeting=meeting,
        anonymous_label="leerling groep 5, meisje, 8 jaar",
        question="Wat kan de leerkracht doen bij faalangst?",
        advice="Leerkracht volgt de training faalangst.",
    )
    factories.create_contact(
        case=case,
        summary="Moeder vertelt over de scheiding.",
        work_note="Vermoeden van spanningen thuis.",
    )
    # at the school, never on any agenda
    factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a, first_name="Femke", last_name="Wouters"),
        caseworker=cast.worker,
        stage=Case.Stage.HELP,
    )
    return meeting


def _download(client, user, meeting: Meeting):
    client.force_login(user)
    return client.get(reverse("zat:minutes", args=[meeting.pk]))


def _text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def minutes(client, cast, meeting) -> str:
    response = _download(client, cast.coordinator, meeting)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="ZAT-')
    return _text(response)


def test_minutes_show_school_date_and_attendees(minutes, cast, meeting):
    assert "School A" in minutes
    assert date_format(timezone.localtime(meeting.starts_at), "l j F Y, H:i") in minutes
    assert str(cast.coordinator) in minutes
    assert "Dr. Yildiz" in minutes
    assert "GGD regio Utrecht" in minutes


def test_minutes_show_questions_advice_and_action_points(minutes):
    assert "Hoe kan Sanne weer veilig naar school?" in minutes
    assert "Huisbezoek door jeugdarts en SMW." in minutes
    assert "Jeugdarts nodigt ouders uit" in minutes
    assert "Leerkracht volgt de training faalangst." in minutes


def test_minutes_name_the_consented_pupil_and_label_the_anonymous_item(minutes):
    assert "Sanne Kok" in minutes
    assert "leerling groep 5, meisje, 8 jaar" in minutes


def test_minutes_drop_the_name_once_consent_is_withdrawn(minutes):
    assert "Is verwijzing naar jeugd-GGZ nodig?" in minutes
    assert "Dekker" not in minutes
    assert "Joris" not in minutes


def test_minutes_never_show_contact_summaries_work_notes_or_other_pupils(minutes):
    assert "scheiding" not in minutes
    assert "spanningen" not in minutes
    assert "Femke" not in minutes
    assert "Wouters" not in minutes


def test_download_logs_a_print_for_the_named_pupil(client, cast, meeting, case):
    _download(client, cast.coordinator, meeting)

    exports = AccessLog.objects.filter(action=AccessLog.Action.PRINT)
    assert [(row.user, row.pupil_ids) for row in exports] == [(cast.coordinator, [case.pupil_id])]
    assert exports.get().object_ref == f"zat.meeting:{meeting.pk}"


def test_download_of_anonymous_minutes_logs_a_print_without_a_pupil(client, cast):
    meeting = create_meeting(school=cast.school_a, chair=cast.coordinator)
    create_item(meeting=meeting, anonymous_label="leerling groep 8")

    _download(client, cast.worker, meeting)

    assert list(AccessLog.objects.values_list("action", "pupil_ids", "user")) == [
        (AccessLog.Action.PRINT, [], cast.worker.pk)
    ]
