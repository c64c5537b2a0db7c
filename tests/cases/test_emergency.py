"""Break-the-glass (noodtoegang): a colleague of the school opens a case in an emergency with a
reason; read-only, until midnight, on the case's timeline and in the access log. Everyone else
still gets 404."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLog
from cases.emergency import EmergencyRefused, end_of_day, open_emergency_access
from cases.models import CaseEvent, EmergencyAccess
from tests import factories
from tests.clock import school_day

REASON = "Leerling belt in paniek, casemanager ziek en niet bereikbaar."


def _emergency_url(case) -> str:
    return reverse("cases:emergency", args=[case.pk])


def _detail_url(case) -> str:
    return reverse("cases:detail", args=[case.pk])


def test_colleagues_cases_are_searched_only_when_asked(client, cast, dossier, colleague):
    """An ordinary search shows (and logs) none of a colleague's pupils: it offers the search
    for emergency access, as a link."""
    client.force_login(colleague)
    page = client.get(reverse("cases:search"), {"q": "Daan"}).content.decode()
    assert _emergency_url(dossier) not in page
    assert dossier.pupil.full_name not in page
    assert dossier.number not in page
    assert "?q=Daan&amp;noodtoegang=on" in page
    assert not AccessLog.objects.filter(user=colleague, pupil_ids__contains=[dossier.pupil_id])


def test_search_offers_a_colleagues_case_as_noodtoegang(client, cast, dossier, colleague):
    client.force_login(colleague)
    page = client.get(reverse("cases:search"), {"q": "Daan", "noodtoegang": "on"})
    page = page.content.decode()
    assert _emergency_url(dossier) in page
    assert "noodtoegang" in page
    # offered, not opened: the dossier itself stays closed, and nothing of its content shows
    assert f'href="{_detail_url(dossier)}"' not in page
    assert "ruzie thuis" not in page
    assert client.get(_detail_url(dossier)).status_code == 404


def test_the_form_warns_that_it_is_logged_and_reviewed(client, cast, dossier, colleague):
    client.force_login(colleague)
    response = client.get(_emergency_url(dossier))
    assert response.status_code == 200
    page = response.content.decode()
    assert "vastgelegd en beoordeeld" in page
    assert "functionaris gegevensbescherming" in page
    assert "ruzie thuis" not in page


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Schrijf op waarom je dit dossier met noodtoegang moet openen."),
        ("   ", "Schrijf op waarom je dit dossier met noodtoegang moet openen."),
        ("Dringend nu!", "minstens 20 tekens en 3 woorden"),
        ("Zelfmoordgedachtenuitgesproken", "minstens 20 tekens en 3 woorden"),  # one word
        ("ik moet dit", "minstens 20 tekens en 3 woorden"),  # three words, too short
    ],
)
def test_a_reason_is_required(client, cast, dossier, colleague, reason, message):
    client.force_login(colleague)
    response = client.post(_emergency_url(dossier), {"reason": reason})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    if reason.strip():
        assert reason in page  # what was typed comes back
    assert not EmergencyAccess.objects.exists()
    assert not AccessLog.objects.filter(action=AccessLog.Action.GLASS).exists()
    assert client.get(_detail_url(dossier)).status_code == 404


def test_opening_gives_read_only_access_until_midnight(client, cast, dossier, colleague, clock):
    day = school_day()
    clock.set(day, 10, 15)
    client.force_login(colleague)
    response = client.post(_emergency_url(dossier), {"reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == _detail_url(dossier)

    page = client.get(_detail_url(dossier)).content.decode()
    assert "ruzie thuis" in page  # the dossier, contact summaries included
    assert "met noodtoegang geopend" in page
    assert "Vermoeden: vader drinkt" not in page  # a work note stays its author's
    assert client.get(reverse("cases:contact_new", args=[dossier.pk])).status_code == 403
    assert client.get(reverse("cases:intake", args=[dossier.pk])).status_code == 403
    # opening it again today goes straight to the case
    assert client.get(_emergency_url(dossier))["Location"] == _detail_url(dossier)

    access = EmergencyAccess.objects.get()
    assert timezone.localtime(access.until) == timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )

    clock.set(day, 23, 59, 59)
    client.force_login(colleague)
    assert client.get(_detail_url(dossier)).status_code == 200

    clock.set(day + datetime.timedelta(days=1), 0, 0, 1)
    client.force_login(colleague)
    assert client.get(_detail_url(dossier)).status_code == 404
    # and it can be opened again, with a new reason, which is logged again
    assert client.get(_emergency_url(dossier)).status_code == 200


def test_every_opening_is_logged_with_pupil_and_reason(client, cast, dossier, colleague):
    client.force_login(colleague)
    client.post(_emergency_url(dossier), {"reason": f"  {REASON}\n"})
    row = AccessLog.objects.get(action=AccessLog.Action.GLASS)
    assert row.user == colleague
    assert row.pupil_ids == [dossier.pupil_id]
    assert row.description == REASON
    assert row.object_ref == f"cases.case:{dossier.pk}"
    assert row.path == _emergency_url(dossier)


def test_the_case_manager_sees_who_opened_it_and_why(client, cast, dossier, colleague):
    client.force_login(colleague)
    client.post(_emergency_url(dossier), {"reason": REASON})
    event = dossier.events.get(kind=CaseEvent.Kind.EMERGENCY)
    assert event.by == colleague
    assert event.note == REASON

    client.force_login(cast.worker)
    detail = client.get(_detail_url(dossier)).content.decode()
    assert "met noodtoegang geopend" in detail
    assert REASON in detail
    caseload = client.get(reverse("cases:caseload")).content.decode()
    assert "met noodtoegang zijn geopend" in caseload
    assert str(colleague) in caseload and REASON in caseload


def test_an_emergency_read_is_no_activity_on_the_case(client, cast, dossier, colleague):
    before = type(dossier).objects.get(pk=dossier.pk).last_activity_at
    client.force_login(colleague)
    client.post(_emergency_url(dossier), {"reason": REASON})
    assert type(dossier).objects.get(pk=dossier.pk).last_activity_at == before


@pytest.fixture
def outsiders(cast, stand_in):
    """Everyone who must not open the dossier with emergency access."""
    people = {
        name: cast.by_name(name)
        for name in [
            "worker",  # the case manager: has the case already
            "other_worker",
            "coordinator",
            "other_coordinator",
            "teamlead",
            "other_teamlead",
            "officer",
            "manager",
            "nobody",
            "privacy",
            "other_privacy",
            "safeguarding",
        ]
    }
    people["stand_in"] = stand_in  # reads it already
    # another organisation's worker at the same school
    people["other_organisation_at_school"] = factories.create_worker(
        organisation=cast.other_organisation, schools=[cast.school_a]
    )
    # the same organisation, but not at this school
    people["same_organisation_elsewhere"] = factories.create_worker(
        organisation=cast.organisation, schools=[cast.school_c]
    )
    # at this school, but only last school year
    last_year = factories.SchoolYear.objects.get_or_create(
        start_year=factories.SchoolYear.start_year_for_today() - 1
    )[0]
    people["last_year_at_school"] = factories.create_worker(
        organisation=cast.organisation, schools=[cast.school_a], year=last_year
    )
    return people


def test_only_a_colleague_at_the_school_may_open_it(client, cast, dossier, outsiders):
    for name, user in outsiders.items():
        client.force_login(user)
        assert client.get(_emergency_url(dossier)).status_code == 404, name
        assert client.post(_emergency_url(dossier), {"reason": REASON}).status_code == 404, name
        search = client.get(reverse("cases:search"), {"q": "Daan", "noodtoegang": "on"})
        assert _emergency_url(dossier) not in search.content.decode(), name
        with pytest.raises(EmergencyRefused):
            open_emergency_access(dossier, by=user, reason=REASON)
    assert not EmergencyAccess.objects.exists()
    assert not dossier.events.filter(kind=CaseEvent.Kind.EMERGENCY).exists()


def test_an_untaken_signal_needs_no_emergency_access(client, cast, colleague):
    signal = factories.create_case(school=cast.school_a)
    client.force_login(colleague)
    assert client.get(_emergency_url(signal)).status_code == 404
    assert client.get(_detail_url(signal)).status_code == 200


def test_a_missing_case_is_404(client, colleague):
    client.force_login(colleague)
    assert client.get(reverse("cases:emergency", args=[999999])).status_code == 404


def test_emergency_access_ends_at_local_midnight_also_across_a_clock_change():
    # the night summer time ends in Europe/Amsterdam: 25 hours
    opened = timezone.make_aware(datetime.datetime(2026, 10, 24, 23, 30))
    until = timezone.localtime(end_of_day(opened))
    assert (until.date(), until.time()) == (datetime.date(2026, 10, 25), datetime.time.min)
    opened = timezone.make_aware(datetime.datetime(2026, 10, 25, 0, 0))
    assert timezone.localtime(end_of_day(opened)).date() == datetime.date(2026, 10, 26)
