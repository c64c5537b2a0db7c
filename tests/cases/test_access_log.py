"""Every case page that shows a pupil logs it, for the user and the request that showed it: the
access functions note what they hand out, list pages log the rows they fetched, refusals of an
existing case are logged as such, and writes are logged by the workflow."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLog
from cases.models import Case, Consultation, Group
from tests import access_log, factories

VIEW, CHANGE, CREATE, REFUSED = (
    AccessLog.Action.VIEW,
    AccessLog.Action.CHANGE,
    AccessLog.Action.CREATE,
    AccessLog.Action.REFUSED,
)
TODAY = timezone.localdate()


@pytest.fixture
def worker_client(client, cast):
    client.force_login(cast.worker)
    return client


# Pages of one case that show it (its pupil's name, and for most its content).
CASE_PAGES = [
    "detail",
    "intake",
    "plan",
    "evaluation_new",
    "contact_new",
    "close",
    "guardian_new",
]


@pytest.mark.parametrize("page", CASE_PAGES)
def test_a_case_page_on_get_logs_a_view_of_its_pupil(worker_client, cast, dossier, page):
    url = reverse(f"cases:{page}", args=[dossier.pk])

    response, written = access_log.get(worker_client, url)

    assert response.status_code == 200
    assert dossier.pupil.full_name in response.content.decode()
    row = written.only(VIEW)
    assert (row.user, row.pupil_ids, row.path) == (cast.worker, [dossier.pupil_id], url)
    assert row.object_ref == f"cases.case:{dossier.pk}"


def test_the_guardian_form_logs_a_view(worker_client, cast, dossier):
    guardian = dossier.pupil.guardians.get()
    url = reverse("cases:guardian_edit", args=[dossier.pk, guardian.pk])

    _, written = access_log.get(worker_client, url)

    assert written.pupils() == {dossier.pupil_id}


def test_the_progress_page_logs_a_view_for_the_coordinator(client, cast, dossier):
    client.force_login(cast.coordinator)

    _, written = access_log.get(client, reverse("cases:progress", args=[dossier.pk]))

    row = written.only(VIEW)
    assert (row.user, row.pupil_ids) == (cast.coordinator, [dossier.pupil_id])
    assert row.description == "progress"


def test_the_caseload_logs_the_pupils_of_its_page_and_new_signals(worker_client, cast, dossier):
    signal = factories.create_case(school=cast.school_b)
    closed = factories.create_case(
        school=cast.school_a, caseworker=cast.worker, stage=Case.Stage.CLOSED
    )
    elsewhere = factories.create_case(school=cast.school_c)

    response, written = access_log.get(worker_client, reverse("cases:caseload"))

    assert written.pupils() == {dossier.pupil_id, signal.pupil_id}
    assert written.actions() == {VIEW}
    html = response.content.decode()
    assert closed.pupil.full_name not in html
    assert elsewhere.pupil.full_name not in html


def test_a_paginated_caseload_logs_only_the_page_shown(worker_client, cast):
    cases = [
        factories.create_case(school=cast.school_a, caseworker=cast.worker, stage=Case.Stage.HELP)
        for _ in range(27)
    ]

    first = access_log.get(worker_client, reverse("cases:caseload"))[1].pupils()
    second = access_log.get(worker_client, reverse("cases:caseload"), {"page": 2})[1].pupils()

    assert (len(first), len(second)) == (25, 2)
    assert first | second == {case.pupil_id for case in cases}


def test_the_school_caseload_logs_the_coordinators_page(client, cast, dossier):
    other = factories.create_case(school=cast.school_b, caseworker=cast.worker)
    client.force_login(cast.coordinator)

    _, written = access_log.get(client, reverse("cases:school"))

    assert written.pupils() == {dossier.pupil_id}
    assert other.pupil_id not in written.pupils()


def test_search_logs_the_pupils_it_found(worker_client, cast, dossier):
    unseen = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_c, first_name="Eva", last_name="Jansen")
    )

    response, written = access_log.get(worker_client, reverse("cases:search"), {"q": "Jansen"})

    assert "Daan Jansen" in response.content.decode()
    assert written.pupils() == {dossier.pupil_id}
    assert unseen.pupil_id not in written.pupils()


def test_a_search_that_finds_nothing_logs_no_pupil(worker_client, dossier):
    _, written = access_log.get(worker_client, reverse("cases:search"), {"q": "Zwaluw"})
    assert written.pupils() == set()


def test_duplicate_suggestions_are_logged(worker_client, cast, dossier):
    url = reverse("cases:pupil_matches")
    query = {"school": cast.school_a.pk, "first_name": "Dan", "last_name": "Jansen"}

    response, written = access_log.get(worker_client, url, query)

    assert "Daan Jansen" in response.content.decode()
    assert written.pupils() == {dossier.pupil_id}


def _signal(cast, **changes) -> dict:
    return {
        "school": cast.school_a.pk,
        "first_name": "Sem",
        "last_name": "de Vries",
        "date_of_birth": TODAY - datetime.timedelta(days=365 * 9),
        "group": "6b",
        "categories": ["pesten"],
        "noticed": "Stil in de klas.",
        "source": "leerkracht",
        "signalled_on": TODAY,
        "parents_informed": "on",
        "parents_agree": "on",
    } | changes


def test_the_duplicates_the_signal_form_shows_are_logged(worker_client, cast, dossier):
    data = _signal(
        cast, first_name="Dan", last_name="Jansen", date_of_birth=dossier.pupil.date_of_birth
    )

    response, written = access_log.post(worker_client, reverse("cases:signal_new"), data)

    assert response.status_code == 200
    assert "Daan Jansen" in response.content.decode()
    assert written.pupils() == {dossier.pupil_id}
    assert CREATE not in written.actions()


def test_the_open_case_a_refusal_links_to_is_logged(worker_client, cast, dossier):
    data = _signal(cast, existing_pupil=dossier.pupil_id)

    response, written = access_log.post(worker_client, reverse("cases:signal_new"), data)

    assert reverse("cases:detail", args=[dossier.pk]) in response.content.decode()
    assert written.only(VIEW).pupil_ids == [dossier.pupil_id]


def test_another_pupils_guardian_is_a_logged_refusal(worker_client, cast, dossier):
    other = factories.create_case(school=cast.school_a, caseworker=cast.worker)
    guardian = factories.create_guardian(pupil=other.pupil)
    url = reverse("cases:guardian_edit", args=[dossier.pk, guardian.pk])

    response, written = access_log.get(worker_client, url)

    assert response.status_code == 404
    assert written.only(REFUSED).pupil_ids == [other.pupil_id]


def test_registering_a_signal_logs_a_creation(worker_client, cast):
    data = _signal(cast)

    response, written = access_log.post(worker_client, reverse("cases:signal_new"), data)

    assert response.status_code == 302
    case = Case.objects.get()
    assert written.only(CREATE).pupil_ids == [case.pupil_id]


def test_logging_a_contact_logs_a_change(worker_client, cast, dossier):
    data = {
        "held_on": TODAY,
        "minutes": 30,
        "kind": "ouders",
        "place": "thuis",
        "summary": "Gesprek.",
    }

    response, written = access_log.post(
        worker_client, reverse("cases:contact_new", args=[dossier.pk]), data
    )

    assert response.status_code == 302
    assert written.only(CHANGE).pupil_ids == [dossier.pupil_id]


def test_the_consultations_list_logs_the_pupils_of_tied_consultations(worker_client, cast, dossier):
    for case in (dossier, None):
        Consultation.objects.create(
            school=cast.school_a,
            worker=cast.worker,
            case=case,
            held_on=TODAY,
            with_whom="leerkracht",
            minutes=20,
            question="Hoe verder?",
            advice="Rust geven.",
        )

    _, written = access_log.get(worker_client, reverse("cases:consultation_list"))

    assert written.pupils() == {dossier.pupil_id}


def test_a_group_page_logs_its_participants(worker_client, cast, dossier):
    other = factories.create_case(school=cast.school_a, caseworker=cast.worker)
    group = Group.objects.create(
        school=cast.school_a, worker=cast.worker, name="Rots en water", kind="training"
    )
    group.cases.set([dossier, other])

    _, written = access_log.get(worker_client, reverse("cases:group_detail", args=[group.pk]))

    assert written.pupils() == {dossier.pupil_id, other.pupil_id}


# --- Refusals ----------------------------------------------------------------------------------


def test_an_existing_case_out_of_scope_is_a_logged_refusal(client, cast, dossier):
    client.force_login(cast.other_worker)

    response, written = access_log.get(client, reverse("cases:detail", args=[dossier.pk]))

    assert response.status_code == 404
    assert written.actions() == {REFUSED}
    assert written.only(REFUSED).pupil_ids == [dossier.pupil_id]


def test_a_missing_case_is_a_404_without_a_row(worker_client):
    response, written = access_log.get(worker_client, reverse("cases:detail", args=[999999]))

    assert response.status_code == 404
    assert written.rows == []


def test_a_stand_in_opening_a_write_page_is_a_logged_refusal(client, stand_in, dossier):
    client.force_login(stand_in)

    response, written = access_log.get(client, reverse("cases:intake", args=[dossier.pk]))

    assert response.status_code == 403
    assert written.actions() == {REFUSED}
    assert written.only(REFUSED).pupil_ids == [dossier.pupil_id]


def test_a_coordinator_opening_the_dossier_pages_is_refused(client, cast, dossier):
    client.force_login(cast.coordinator)

    response, written = access_log.get(client, reverse("cases:contact_new", args=[dossier.pk]))

    assert response.status_code == 404
    assert written.actions() == {REFUSED}


PUPIL_PAGES = [*CASE_PAGES, "progress", "reopen"]


@pytest.mark.parametrize("page", PUPIL_PAGES)
def test_the_privacy_officer_never_opens_a_case(client, cast, dossier, page):
    """The privacy officer reads the log, never the case: every case page is a 404, and
    trying is itself logged."""
    client.force_login(cast.privacy)

    response, written = access_log.get(client, reverse(f"cases:{page}", args=[dossier.pk]))

    assert response.status_code == 404
    assert dossier.pupil.full_name not in response.content.decode()
    assert written.actions() == {REFUSED}


@pytest.mark.parametrize(
    "page", ["caseload", "school", "search", "signal_new", "group_list", "consultation_list"]
)
def test_the_privacy_officer_has_no_case_list(client, cast, dossier, page):
    client.force_login(cast.privacy)

    response, written = access_log.get(client, reverse(f"cases:{page}"), {"q": "Jansen"})

    assert response.status_code == 404
    assert written.pupils() == set()
