"""A pupil moves school: within the organisation the case goes along and the old coordinator
loses sight of it; outside it the case closes; the duplicate check looks across the schools."""

import datetime

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from cases import workflow
from cases.models import Case, CaseEvent, Pupil
from cases.search import likely_duplicates
from continuity import moves
from smw.errors import Refused
from tests import factories


@pytest.fixture
def coordinator_b(cast):
    return factories.create_coordinator(username="coordinator_b", school=cast.school_b)


def test_moving_within_the_organisation(client, cast, coordinator_b):
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")
    factories.create_contact(case=case)
    progress = reverse("cases:progress", args=[case.pk])
    client.force_login(cast.coordinator)
    assert client.get(progress).status_code == 200

    client.force_login(cast.worker)
    response = client.post(
        reverse("continuity:move", args=[case.pk]),
        {"where": "within", "to_school": cast.school_b.pk, "moved_on": _today()},
    )
    assert response.status_code == 302

    case.refresh_from_db()
    case.pupil.refresh_from_db()
    assert (case.school, case.pupil.school, case.caseworker) == (
        cast.school_b,
        cast.school_b,
        cast.worker,
    )
    event = case.events.get(kind=CaseEvent.Kind.MOVED)
    assert "School A" in event.note and "School B" in event.note
    # one date format throughout: "4 December 2026", not "04-12-2026"
    assert date_format(_today(), "j F Y") in event.note
    assert case.contacts.count() == 1  # the history moved along
    # From the move the old school's coordinator gets 404; the new one sees the case.
    client.force_login(cast.coordinator)
    assert client.get(progress).status_code == 404
    client.force_login(coordinator_b)
    assert client.get(progress).status_code == 200


def test_moving_to_a_school_where_i_do_not_work_needs_a_new_case_manager(cast, colleague):
    case = factories.create_case(school=cast.school_b, caseworker=cast.worker, stage="intake")
    # The colleague works at school A, the worker at A and B: moving from B to A is fine
    # for the worker; a worker who is not at A must name the colleague.
    only_b = factories.create_worker(organisation=cast.organisation, schools=[cast.school_b])
    case.caseworker = only_b
    case.save()
    with pytest.raises(Refused, match="choose the new case manager"):
        moves.move_within(case, by=only_b, to_school=cast.school_a, moved_on=_today())

    moves.move_within(
        case, by=only_b, to_school=cast.school_a, moved_on=_today(), to_worker=colleague
    )
    case.refresh_from_db()
    assert case.caseworker == colleague
    assert "case manager" in case.events.get(kind=CaseEvent.Kind.MOVED).note


def test_a_move_is_not_dated_ahead_nor_to_another_organisations_school(cast):
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="intake")
    with pytest.raises(Refused):
        moves.move_within(
            case,
            by=cast.worker,
            to_school=cast.school_b,
            moved_on=_today() + datetime.timedelta(days=1),
        )
    with pytest.raises(Refused, match="school of your organisation"):
        moves.move_within(case, by=cast.worker, to_school=cast.school_c, moved_on=_today())


def test_moving_outside_closes_with_the_reason_moved(client, cast):
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")
    client.force_login(cast.worker)
    url = reverse("continuity:move", args=[case.pk])
    response = client.post(url, {"where": "outside", "moved_on": _today(), "outcome": ""})
    assert "Describe the outcome" in response.content.decode()  # what was typed stays

    client.post(url, {"where": "outside", "moved_on": _today(), "outcome": "Naar Zwolle."})

    case.refresh_from_db()
    assert case.stage == Case.Stage.CLOSED
    assert case.closure_reason == Case.ClosureReason.MOVED
    assert "Naar Zwolle." in case.outcome


def test_the_move_page_leads_to_the_dossier_export_for_a_warm_handover(client, cast):
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")
    client.force_login(cast.worker)
    page = client.get(reverse("continuity:move", args=[case.pk])).content.decode()
    start = reverse("dossier:start", args=[case.pk])
    assert f'href="{start}"' in page
    # the link leads to the export's start, where a warm handover is one of the purposes
    form = client.get(start)
    assert form.status_code == 200
    assert 'value="overdracht"' in form.content.decode()


def test_only_the_case_manager_moves_a_case(client, cast, colleague):
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")
    for person in (colleague, cast.coordinator, cast.teamlead, cast.other_worker):
        client.force_login(person)
        assert client.get(reverse("continuity:move", args=[case.pk])).status_code in (403, 404)


def test_duplicate_check_finds_a_pupil_at_another_school_of_the_organisation(cast):
    moved = factories.create_pupil(
        school=cast.school_a,
        first_name="Noor",
        last_name="Bakker",
        date_of_birth=datetime.date(2015, 3, 1),
    )
    elsewhere = factories.create_pupil(
        school=cast.school_c,
        first_name="Noor",
        last_name="Bakker",
        date_of_birth=datetime.date(2015, 3, 1),
    )
    found = list(likely_duplicates(cast.school_b.pk, "Noor", "Bakker", datetime.date(2015, 3, 1)))
    assert found == [moved]  # school C is another organisation's
    assert elsewhere not in found


def test_signal_for_a_pupil_who_moved_uses_the_same_pupil(cast):
    moved = factories.create_pupil(school=cast.school_a, first_name="Noor", last_name="Bakker")
    factories.create_case(pupil=moved, caseworker=cast.worker, stage="closed")

    case = workflow.register_signal(
        by=cast.worker,
        school=cast.school_b,
        existing_pupil=moved.pk,
        first_name="",
        last_name="",
        date_of_birth=moved.date_of_birth,
        group="",
        confirm_new=False,
        categories=["pesten"],
        noticed="Nieuw op school, wordt gepest.",
        source=Case.Source.TEACHER,
        parents_informed=True,
        parents_agree=True,
    )
    assert case.pupil == moved
    assert Pupil.objects.count() == 1
    moved.refresh_from_db()
    assert moved.school == cast.school_b


def test_signal_for_a_pupil_with_an_open_case_at_another_school_is_refused(cast):
    moved = factories.create_pupil(school=cast.school_a)
    factories.create_case(pupil=moved, caseworker=cast.worker, stage="help")
    with pytest.raises(workflow.OpenCaseExists):
        workflow.register_signal(
            by=cast.worker,
            school=cast.school_b,
            existing_pupil=moved.pk,
            first_name="",
            last_name="",
            date_of_birth=moved.date_of_birth,
            group="",
            confirm_new=False,
            categories=["pesten"],
            noticed="x",
            source=Case.Source.TEACHER,
            parents_informed=True,
            parents_agree=True,
        )


def _today():
    from django.utils import timezone

    return timezone.localdate()
