"""Time on a case touches the pupil's data: the week page, the entry forms (whose case choices
name pupils) and every write are logged; somebody else's entry is a logged refusal."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLog
from cases.models import Case
from tests import access_log, factories
from timesheet.models import TimeEntry

VIEW, CREATE, CHANGE, REFUSED = (
    AccessLog.Action.VIEW,
    AccessLog.Action.CREATE,
    AccessLog.Action.CHANGE,
    AccessLog.Action.REFUSED,
)


@pytest.fixture
def case(cast) -> Case:
    return factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a, first_name="Sanne", last_name="Kok"),
        caseworker=cast.worker,
        stage=Case.Stage.HELP,
    )


@pytest.fixture
def entry(cast, case) -> TimeEntry:
    return TimeEntry.objects.create(
        worker=cast.worker,
        school=cast.school_a,
        on=timezone.localdate(),
        minutes=30,
        activity=TimeEntry.Activity.MEETING,
        case=case,
    )


def test_the_week_page_logs_the_pupils_of_its_entries(client, cast, case, entry):
    client.force_login(cast.worker)

    response, written = access_log.get(client, reverse("timesheet:week"))

    assert "Sanne Kok" in response.content.decode()
    assert written.pupils() == {case.pupil_id}


@pytest.mark.parametrize("page", ["timesheet:entry_edit", "timesheet:entry_delete"])
def test_an_entry_page_logs_its_pupil(client, cast, case, entry, page):
    client.force_login(cast.worker)
    url = reverse(page, args=[entry.pk])

    response, written = access_log.get(client, url)

    assert response.status_code == 200
    assert case.pupil_id in written.pupils()
    assert written.only(VIEW).path == url


def test_the_new_entry_form_logs_the_cases_it_offers(client, cast, case):
    client.force_login(cast.worker)

    response, written = access_log.get(client, reverse("timesheet:entry_new"))

    assert "Sanne Kok" in response.content.decode()
    assert written.pupils() == {case.pupil_id}


def test_time_on_a_case_logs_a_creation(client, cast, case):
    client.force_login(cast.worker)
    data = {
        "school": cast.school_a.pk,
        "on": timezone.localdate().isoformat(),
        "minutes": "45",
        "activity": TimeEntry.Activity.MEETING,
        "case": case.pk,
        "note": "",
    }

    response, written = access_log.post(client, reverse("timesheet:entry_new"), data)

    assert response.status_code == 302
    assert written.only(CREATE).pupil_ids == [case.pupil_id]


def test_deleting_time_on_a_case_logs_a_change(client, cast, case, entry):
    client.force_login(cast.worker)

    _, written = access_log.post(client, reverse("timesheet:entry_delete", args=[entry.pk]))

    assert not TimeEntry.objects.exists()
    assert written.only(CHANGE).pupil_ids == [case.pupil_id]


def test_another_workers_attempt_on_an_entry_is_a_logged_refusal(client, cast, case, entry):
    client.force_login(cast.other_worker)

    response, written = access_log.get(client, reverse("timesheet:entry_edit", args=[entry.pk]))

    assert response.status_code == 404
    assert written.only(REFUSED).pupil_ids == [case.pupil_id]


@pytest.mark.parametrize("person", ["coordinator", "privacy"])
def test_for_anyone_but_a_worker_the_time_pages_do_not_exist(client, cast, entry, person):
    client.force_login(cast.by_name(person))

    for url in (reverse("timesheet:week"), reverse("timesheet:entry_edit", args=[entry.pk])):
        response, written = access_log.get(client, url)
        assert response.status_code == 404
        assert written.pupils() == set()
