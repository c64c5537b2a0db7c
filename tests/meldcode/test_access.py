"""Who may open which meldcode page: every page for every role, and the dossier for the
aandachtsfunctionaris only with a trajectory. Outside the scope 404, read-only 403."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AccessLog
from cases.models import Case
from meldcode.models import Trajectory
from tests import factories

from .conftest import at_step

READ = ["meldcode:detail", "meldcode:pdf"]
WRITE = [
    "meldcode:signals",
    "meldcode:conversation",
    "meldcode:weigh",
    "meldcode:melding",
    "meldcode:help",
    "meldcode:feedback",
]
POSTS = ["meldcode:finish_consultation", "meldcode:close"]
OUTSIDERS = [
    "other_worker",
    "coordinator",
    "other_coordinator",
    "teamlead",
    "officer",
    "manager",
    "nobody",
    "privacy",
]


@pytest.fixture
def trajectory(cast, case) -> Trajectory:
    return at_step(case, 2)


@pytest.fixture
def other_officer(cast):
    return factories.create_safeguarding_officer(
        username="other_safeguarding", organisation=cast.other_organisation
    )


def _get(client, user, name, pk):
    client.force_login(user)
    return client.get(reverse(name, args=[pk]))


@pytest.mark.parametrize("name", [*READ, *WRITE, "meldcode:consultation_new"])
def test_the_case_manager_opens_every_page(client, cast, trajectory, name):
    # a step page that is not the current step still opens; saving it is refused
    assert _get(client, cast.worker, name, trajectory.pk).status_code in (200, 302)


@pytest.mark.parametrize("who", [*OUTSIDERS, "other_officer"])
@pytest.mark.parametrize("name", [*READ, *WRITE, *POSTS, "meldcode:consultation_new"])
def test_outsiders_get_404(client, cast, trajectory, other_officer, who, name):
    user = other_officer if who == "other_officer" else cast.by_name(who)
    client.force_login(user)
    url = reverse(name, args=[trajectory.pk])
    response = client.post(url) if name in POSTS else client.get(url)
    assert response.status_code == 404


@pytest.mark.parametrize("who", [w for w in OUTSIDERS if w != "other_worker"])
def test_without_a_meldcode_role_there_is_no_list(client, cast, who):
    client.force_login(cast.by_name(who))
    assert client.get(reverse("meldcode:list")).status_code == 404


@pytest.mark.parametrize("name", WRITE)
def test_the_aandachtsfunctionaris_reads_but_does_not_record_steps(client, cast, trajectory, name):
    assert _get(client, cast.safeguarding, name, trajectory.pk).status_code == 403
    assert _get(client, cast.safeguarding, "meldcode:detail", trajectory.pk).status_code == 200
    client.force_login(cast.safeguarding)
    for post in POSTS:
        assert client.post(reverse(post, args=[trajectory.pk])).status_code == 403


def test_the_aandachtsfunctionaris_adds_a_consultation(client, cast, trajectory):
    client.force_login(cast.safeguarding)
    url = reverse("meldcode:consultation_new", args=[trajectory.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"held_on": "", "with_whom": "Sanne de Vries", "advice": "Eerst gesprek met moeder."},
    )
    assert response.status_code == 200 and "with_whom" not in response.context["form"].errors
    assert "Sanne de Vries" in response.content.decode()  # what was typed comes back
    response = client.post(
        url,
        {
            "held_on": trajectory.signals_on.isoformat(),
            "with_whom": "Sanne de Vries",
            "advice": "Eerst gesprek met moeder.",
        },
    )
    assert response.status_code == 302
    consultation = trajectory.consultations.get()
    assert consultation.by == cast.safeguarding and consultation.with_safeguarding


def test_the_aandachtsfunctionaris_sees_the_organisations_list(client, cast, trajectory):
    closed = at_step(
        factories.create_case(school=cast.school_b, caseworker=cast.worker, stage="intake"), 4
    )
    from .conftest import answer

    answer(closed, "A1", False)
    client.force_login(cast.safeguarding)
    page = client.get(reverse("meldcode:list"))
    assert page.status_code == 200
    assert [t.pk for t in page.context["open"]] == [trajectory.pk]
    assert [t.pk for t in page.context["closed"]] == [closed.pk]
    row = AccessLog.objects.filter(user=cast.safeguarding, path=reverse("meldcode:list")).get()
    assert sorted(row.pupil_ids) == sorted([trajectory.case.pupil_id, closed.case.pupil_id])


@pytest.mark.parametrize("who", ["other_officer", "other_worker"])
def test_another_organisations_people_see_an_empty_list(
    client, cast, trajectory, other_officer, who
):
    client.force_login(other_officer if who == "other_officer" else cast.other_worker)
    page = client.get(reverse("meldcode:list"))
    assert page.context["open"] == [] and page.context["closed"] == []


def test_the_aandachtsfunctionaris_reads_the_dossier_only_with_a_trajectory(
    client, cast, trajectory, other_officer
):
    client.force_login(cast.safeguarding)
    response = client.get(reverse("cases:detail", args=[trajectory.case_id]))
    assert response.status_code == 200
    assert "Meldcode" in response.content.decode()
    assert client.post(reverse("cases:close", args=[trajectory.case_id])).status_code == 403
    without = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="intake")
    assert client.get(reverse("cases:detail", args=[without.pk])).status_code == 404
    client.force_login(other_officer)
    assert client.get(reverse("cases:detail", args=[trajectory.case_id])).status_code == 404


def test_a_stand_in_reads_but_does_not_write(client, cast, trajectory):
    stand_in = factories.create_worker(organisation=cast.organisation, schools=[cast.school_a])
    factories.create_stand_in(stand_in=stand_in, for_worker=cast.worker)
    assert _get(client, stand_in, "meldcode:detail", trajectory.pk).status_code == 200
    assert _get(client, stand_in, "meldcode:signals", trajectory.pk).status_code == 403
    assert _get(client, stand_in, "meldcode:consultation_new", trajectory.pk).status_code == 403


def test_the_coordinator_sees_no_trace(client, cast, trajectory):
    client.force_login(cast.coordinator)
    progress = client.get(reverse("cases:progress", args=[trajectory.case_id]))
    assert progress.status_code == 200
    text = progress.content.decode()
    assert "eldcode" not in text and "Veilig Thuis" not in text
    start_page = client.get(reverse("schools:coordinator")).content.decode()
    assert reverse("meldcode:list") not in start_page


def test_the_detail_is_logged(client, cast, trajectory):
    client.force_login(cast.safeguarding)
    client.get(reverse("meldcode:detail", args=[trajectory.pk]))
    row = AccessLog.objects.get(user=cast.safeguarding, action="view")
    assert row.pupil_ids == [trajectory.case.pupil_id]
    assert row.object_ref == f"meldcode.trajectory:{trajectory.pk}"


def test_start_from_the_case_page(client, cast, case):
    client.force_login(cast.worker)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("meldcode:start", args=[case.pk]) in page
    response = client.post(reverse("meldcode:start", args=[case.pk]))
    trajectory = Trajectory.objects.get(case=case)
    assert response.url == reverse("meldcode:detail", args=[trajectory.pk])
    # the coordinator cannot start one
    client.force_login(cast.coordinator)
    assert client.post(reverse("meldcode:start", args=[case.pk])).status_code == 404


def test_the_teamlead_only_counts(cast, trajectory):
    from meldcode.access import team_counts

    assert team_counts(cast.teamlead) == {"open": 1, "closed": 0, "reported": 0}
    assert team_counts(cast.other_teamlead) == {"open": 0, "closed": 0, "reported": 0}


def test_start_page_of_the_aandachtsfunctionaris(client, cast):
    client.force_login(cast.safeguarding)
    assert client.get("/").url == reverse("meldcode:list")


def test_due_dates_on_the_workers_start_page(client, cast, trajectory):
    client.force_login(cast.worker)
    page = client.get(reverse("schools:mine")).content.decode()
    assert reverse("meldcode:detail", args=[trajectory.pk]) in page
    assert trajectory.case.pupil.full_name in page


def test_a_closed_case_offers_no_start(client, cast):
    closed = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="closed")
    client.force_login(cast.worker)
    page = client.get(reverse("cases:detail", args=[closed.pk])).content.decode()
    assert reverse("meldcode:start", args=[closed.pk]) not in page
    assert Case.objects.filter(pk=closed.pk).exists()


@pytest.mark.parametrize("who", ["worker", "safeguarding", "stand_in"])
def test_the_pdf_is_made_from_the_same_data_and_logged_as_export(client, cast, trajectory, who):
    from .test_pdf import pdf_text

    if who == "stand_in":
        user = factories.create_worker(organisation=cast.organisation, schools=[cast.school_a])
        factories.create_stand_in(stand_in=user, for_worker=cast.worker)
    else:
        user = cast.by_name(who)
    client.force_login(user)
    response = client.get(reverse("meldcode:pdf", args=[trajectory.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert trajectory.case.pupil.full_name in text
    assert "Blauwe plekken op beide armen" in text
    row = AccessLog.objects.get(user=user)
    assert row.action == "export" and row.pupil_ids == [trajectory.case.pupil_id]


def test_no_trace_in_the_zat_pages_or_minutes(client, cast, trajectory):
    from tests.zat.helpers import create_item, create_meeting, local_time

    from .test_pdf import pdf_text

    case = trajectory.case
    meeting = create_meeting(
        school=cast.school_a, chair=cast.coordinator, starts_at=local_time(-7, hour=14)
    )
    create_item(meeting=meeting, case=case, question="Hoe gaat het op school?")
    client.force_login(cast.coordinator)
    for name in ("zat:detail", "zat:list", "cases:school"):
        args = [meeting.pk] if name == "zat:detail" else []
        text = client.get(reverse(name, args=args)).content.decode()
        assert "eldcode" not in text and "Veilig Thuis" not in text, name
    minutes = pdf_text(client.get(reverse("zat:minutes", args=[meeting.pk])).content)
    assert case.pupil.full_name in minutes
    assert "eldcode" not in minutes and "Veilig Thuis" not in minutes
    assert "Blauwe plekken" not in minutes


def test_the_team_page_counts_without_pupils(client, cast, trajectory):
    client.force_login(cast.teamlead)
    page = client.get(reverse("accounts:team"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Meldcode" in text
    assert trajectory.case.pupil.last_name not in text
    assert reverse("meldcode:detail", args=[trajectory.pk]) not in text
