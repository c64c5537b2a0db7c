"""Every case page against every person in the cast, and what each may read.

Outside one's scope is 404 (a case's existence leaks nothing); inside but read-only is 403.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AccessLog
from cases import access
from cases.models import Case, Contact, Evaluation, GoalResult
from tests import factories
from tests.conftest import PEOPLE

OK, FOUND, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404

# Pages that change a case: the case manager opens them; a reader (stand-in) gets 403.
WRITE_PAGES = [
    "intake",
    "plan",
    "evaluation_new",
    "contact_new",
    "close",
    "reopen",
    "guardian_new",
    "guardian_edit",
]
POST_PAGES = {"take_on", "transition"}  # require POST; the workflow refuses what it must
SIGNALLERS = {"worker": OK, "other_worker": OK, "coordinator": OK, "other_coordinator": OK}

# page -> {person: status}; everyone not named gets 404. `dossier` is the worker's own case at
# school A; `stand_in` covers for the worker this week; `colleague` works at school A too but
# has no stand-in record.
MATRIX: dict[str, dict[str, int]] = {
    "caseload": {"worker": OK, "other_worker": OK, "stand_in": OK, "colleague": OK},
    "school": {"coordinator": OK, "other_coordinator": OK},
    "search": SIGNALLERS | {"stand_in": OK, "colleague": OK},
    "signal_new": SIGNALLERS | {"stand_in": OK, "colleague": OK},
    "pupil_matches": SIGNALLERS | {"stand_in": OK, "colleague": OK},
    "detail": {"worker": OK, "coordinator": FOUND, "stand_in": OK},
    "progress": {"coordinator": OK},
    # the workflow refuses (already taken on / not a next stage) and redirects to the dossier
    "take_on": {"worker": FOUND, "stand_in": FOUND},
    "transition": {"worker": FOUND, "stand_in": FOUND},
    **{page: {"worker": OK, "stand_in": FORBIDDEN} for page in WRITE_PAGES},
    # break-the-glass: only a colleague at the school who cannot read the case already
    "emergency": {"colleague": OK},
}

EVERYONE = [*PEOPLE, "stand_in", "colleague"]


def _url(page: str, case: Case) -> str:
    name = f"cases:{page}"
    if page in ("caseload", "school", "signal_new"):
        return reverse(name)
    if page == "search":
        return f"{reverse(name)}?q=Jansen"
    if page == "pupil_matches":
        return f"{reverse(name)}?school={case.school_id}&first_name=Daan&last_name=Jansen"
    if page == "transition":
        return reverse(name, args=[case.pk, "plan"])
    if page == "guardian_edit":
        return reverse(name, args=[case.pk, case.pupil.guardians.get().pk])
    return reverse(name, args=[case.pk])


def _request(client, page: str, case: Case):
    url = _url(page, case)
    return client.post(url) if page in POST_PAGES else client.get(url)


def _status(client, page: str, case: Case) -> int:
    return _request(client, page, case).status_code


def _someone(request, cast, name: str):
    if name in ("stand_in", "colleague"):
        return request.getfixturevalue(name)
    return cast.by_name(name)


@pytest.mark.parametrize("name", EVERYONE)
def test_access_matrix(request, cast, dossier, name):
    # One person, every page: the whole row is compared so a failure shows every wrong answer.
    expected = {page: statuses.get(name, NOT_FOUND) for page, statuses in MATRIX.items()}
    client = Client()
    client.force_login(_someone(request, cast, name))

    actual = {page: _status(client, page, dossier) for page in MATRIX}

    assert actual == expected
    dossier.refresh_from_db()
    assert (dossier.stage, dossier.caseworker) == (Case.Stage.HELP, cast.worker)


def test_anonymous_is_sent_to_login(client, dossier):
    for page in MATRIX:
        response = _request(client, page, dossier)
        assert response.status_code == FOUND, page
        assert response["Location"].startswith(reverse("accounts:login")), page


def test_missing_case_is_404_like_a_forbidden_one(client, cast):
    client.force_login(cast.worker)

    assert client.get(reverse("cases:detail", args=[999999])).status_code == NOT_FOUND
    assert client.get(reverse("cases:progress", args=[999999])).status_code == NOT_FOUND


def test_coordinator_is_sent_from_the_dossier_to_the_progress_page(client, cast, dossier):
    client.force_login(cast.coordinator)

    response = client.get(reverse("cases:detail", args=[dossier.pk]))

    assert response.status_code == FOUND
    assert response["Location"] == reverse("cases:progress", args=[dossier.pk])


def test_coordinator_cannot_read_contact_summary(client, cast, dossier):
    summary = Contact.objects.get(case=dossier).summary
    client.force_login(cast.coordinator)
    progress = reverse("cases:progress", args=[dossier.pk])
    case_pages = [
        progress,
        reverse("cases:detail", args=[dossier.pk]),  # followed to the progress page
        f"{reverse('cases:search')}?q=Jansen",
        reverse("schools:detail", args=[cast.school_a.pk]),
    ]
    # … and every page in the coordinator's navigation
    nav = [item["url"] for item in client.get(progress).context["nav_items"]]

    for url in case_pages + nav:
        response = client.get(url, follow=True)
        assert response.status_code == OK, url
        assert summary not in response.content.decode(), url
    response = client.get(progress)
    assert "Daan Jansen" in response.content.decode()  # the case is shown, the talk is not
    assert response.context["contact_count"] == 1
    assert reverse("cases:school") in nav


def test_nobody_but_author_reads_work_note(client, cast, dossier, stand_in):
    contact = Contact.objects.get(case=dossier)
    detail = reverse("cases:detail", args=[dossier.pk])

    client.force_login(cast.worker)
    assert contact.work_note in client.get(detail).content.decode()

    client.force_login(stand_in)
    page = client.get(detail)
    assert page.status_code == OK
    assert contact.summary in page.content.decode()  # the stand-in reads the dossier …
    assert contact.work_note not in page.content.decode()  # … but not the work note

    client.force_login(cast.coordinator)
    page = client.get(detail, follow=True)
    assert contact.work_note not in page.content.decode()


@pytest.fixture
def evaluated(dossier) -> Evaluation:
    """The dossier's plan, evaluated: a result with a note, and a note on the evaluation."""
    for goal in dossier.plan.goals.all():
        goal.description = "Durft in de klas iets te vragen"
        goal.save()
    evaluation = factories.create_evaluation(
        plan=dossier.plan,
        result=GoalResult.Result.PARTLY,
        note="Moeder twijfelt of de aanpak thuis werkt.",
    )
    for result in evaluation.results.all():
        result.note = "Vraagt alleen iets als de juf naast hem staat."
        result.save()
    return evaluation


def test_coordinator_sees_results_but_not_notes(client, cast, dossier, evaluated):
    client.force_login(cast.coordinator)
    page = client.get(reverse("cases:progress", args=[dossier.pk])).content.decode()
    assert "Durft in de klas iets te vragen" in page
    assert str(GoalResult.Result.PARTLY.label) in page
    assert evaluated.note not in page
    assert evaluated.results.get().note not in page


def test_worker_sees_results_and_notes(client, cast, dossier, evaluated):
    client.force_login(cast.worker)
    page = client.get(reverse("cases:detail", args=[dossier.pk])).content.decode()
    assert str(GoalResult.Result.PARTLY.label) in page
    assert evaluated.note in page
    assert evaluated.results.get().note in page


def test_progress_plan_does_not_read_the_notes(dossier, evaluated):
    with CaptureQueriesContext(connection) as queries:
        plan = access.progress_plan(dossier)
        evaluations = list(plan.evaluations.all())
        results = list(evaluations[0].results.all())
        assert evaluations[0].note == ""
        assert results[0].note == ""
        assert results[0].goal.description == "Durft in de klas iets te vragen"
    reads = [query["sql"] for query in queries]
    assert len(reads) == 4  # the plan, its goals, its evaluations, their results with the goals
    assert not [sql for sql in reads if '."note"' in sql]


def test_work_note_of_a_former_case_manager_stays_with_its_author(client, cast, dossier):
    former = factories.create_worker(schools=[cast.school_a], organisation=cast.organisation)
    factories.create_contact(
        case=dossier, author=former, summary="Eerder gesprek.", work_note="Mijn eigen twijfel."
    )
    client.force_login(cast.worker)

    content = client.get(reverse("cases:detail", args=[dossier.pk])).content.decode()

    assert "Eerder gesprek." in content
    assert "Mijn eigen twijfel." not in content


def test_coordinator_of_another_school_gets_404(client, cast, dossier):
    client.force_login(cast.other_coordinator)

    assert client.get(reverse("cases:detail", args=[dossier.pk])).status_code == NOT_FOUND
    assert client.get(reverse("cases:progress", args=[dossier.pk])).status_code == NOT_FOUND
    assert "Daan" not in client.get(reverse("cases:school")).content.decode()
    assert "Daan" not in client.get(f"{reverse('cases:search')}?q=Jansen").content.decode()


def test_stand_in_cannot_change_the_stage(client, cast, stand_in):
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="intake")
    client.force_login(stand_in)

    client.post(reverse("cases:transition", args=[case.pk, "plan"]))

    case.refresh_from_db()
    assert case.stage == Case.Stage.INTAKE


def test_stand_in_record_that_has_ended_opens_nothing(client, cast, dossier, colleague):
    factories.create_stand_in(
        stand_in=colleague,
        for_worker=cast.worker,
        starts_on=dossier.signalled_on,
        ends_on=dossier.signalled_on,
    )
    client.force_login(colleague)

    assert client.get(reverse("cases:detail", args=[dossier.pk])).status_code == NOT_FOUND


def test_worker_of_the_school_reads_an_untaken_signal_and_takes_it_on(client, cast, colleague):
    case = factories.create_case(school=cast.school_a)
    client.force_login(colleague)

    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == OK
    assert client.get(reverse("cases:contact_new", args=[case.pk])).status_code == FORBIDDEN
    client.post(reverse("cases:take_on", args=[case.pk]))

    case.refresh_from_db()
    assert case.caseworker == colleague
    assert client.get(reverse("cases:contact_new", args=[case.pk])).status_code == OK


def test_untaken_signal_is_hidden_from_a_worker_of_another_school(client, cast):
    case = factories.create_case(school=cast.school_a)
    client.force_login(cast.other_worker)

    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == NOT_FOUND
    assert client.post(reverse("cases:take_on", args=[case.pk])).status_code == NOT_FOUND


def test_viewing_a_dossier_writes_an_access_log_row_with_the_pupil(client, cast, dossier):
    client.force_login(cast.worker)

    client.get(reverse("cases:detail", args=[dossier.pk]))

    row = AccessLog.objects.exclude(pupil_ids=[]).get(user=cast.worker)
    assert row.pupil_ids == [dossier.pupil_id]
    assert row.action == AccessLog.Action.VIEW
    assert row.object_ref == f"cases.case:{dossier.pk}"


def test_viewing_progress_writes_an_access_log_row_with_the_pupil(client, cast, dossier):
    client.force_login(cast.coordinator)

    client.get(reverse("cases:progress", args=[dossier.pk]))

    assert (
        AccessLog.objects.filter(
            user=cast.coordinator, pupil_ids__contains=[dossier.pupil_id]
        ).count()
        == 1
    )


def test_refused_dossier_writes_a_refusal_not_a_view(client, cast, dossier):
    client.force_login(cast.other_worker)

    client.get(reverse("cases:detail", args=[dossier.pk]))

    rows = AccessLog.objects.filter(pupil_ids__contains=[dossier.pupil_id])
    assert [(row.user, row.action, row.path) for row in rows] == [
        (cast.other_worker, AccessLog.Action.REFUSED, f"/dossiers/{dossier.pk}/")
    ]


def test_team_page_shows_counts_but_no_pupil_names(client, cast, dossier):
    factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a, first_name="Fenna", last_name="Kuiper"),
        caseworker=cast.worker,
        stage=Case.Stage.INTAKE,
    )
    factories.create_case(school=cast.school_b, caseworker=cast.worker, stage=Case.Stage.CLOSED)
    client.force_login(cast.teamlead)

    response = client.get(reverse("accounts:team"))

    assert response.status_code == OK
    worker = next(w for w in response.context["workers"] if w.pk == cast.worker.pk)
    assert (worker.n_open, worker.n_help, worker.n_intake) == (2, 1, 1)
    content = response.content.decode()
    for text in ("Daan", "Jansen", "Fenna", "Kuiper", Contact.objects.get().summary):
        assert text not in content


def test_team_page_of_another_organisation_leaves_the_worker_out(client, cast, dossier):
    client.force_login(cast.other_teamlead)

    response = client.get(reverse("accounts:team"))

    assert cast.worker.pk not in {w.pk for w in response.context["workers"]}
