"""The start pages "Vandaag": each role's items appear for a scenario and disappear when the
work is done; the number of queries does not grow with the number of items."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.today import Item, Urgency, items_for
from audit.models import AccessLog
from cases.models import Case
from continuity.holidays import summer_holiday
from continuity.models import ConsentToAskAgain
from privacy.models import AccessSignal, SignalReview
from referrals.models import Consent, Referral
from reports.models import ReportRun
from retention import workflow as retention_workflow
from rights import workflow as rights_workflow
from rights.models import RightsRequest
from schools.models import School
from tests import factories
from tests.referrals.helpers import create_consent, create_referral
from tests.zat.helpers import create_action, create_item, create_meeting, local_time

TODAY = timezone.localdate


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def keys(page: str) -> set[str]:
    return set(re.findall(r'data-today="([^"]+)"', page))


def page_of(client, user: User, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- Helpers for the kinds of other apps ------------------------------------------------------


def rights_request(cast) -> RightsRequest:
    """An inspection asked by the mother of a pupil of 13, on a case of `worker`."""
    pupil = factories.create_pupil(school=cast.school_a, date_of_birth=days(-13 * 366))
    mother = factories.create_guardian(pupil=pupil, has_authority=True)
    case = factories.create_case(pupil=pupil, caseworker=cast.worker, stage=Case.Stage.INTAKE)
    return rights_workflow.register_request(
        case,
        by=cast.worker,
        kind=RightsRequest.Kind.INSPECTION,
        requester=RightsRequest.Requester.PARENT_WITH_AUTHORITY,
        guardian=mother,
        requester_name="",
        received_on=TODAY(),
        identity_check=RightsRequest.IdentityCheck.DOCUMENT,
    )


def closed_with_work_notes(cast) -> Case:
    """A case of `worker` closed 25 days ago, a work note of theirs still on it."""
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")
    factories.create_contact(case=case, work_note="Nog overzetten naar het dossier")
    Case.objects.filter(pk=case.pk).update(
        stage=Case.Stage.CLOSED, closed_on=days(-25), closure_reason="doel_bereikt"
    )
    return case


def consent_to_ask_again(cast) -> Consent:
    """A consent of the parents alone on an open case of `worker`, marked by the daily task."""
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")
    consent = create_consent(
        case=case, party=None, purpose=Consent.Purpose.ZAT, given_on=days(-400)
    )
    ConsentToAskAgain.objects.create(consent=consent, since=days(-2), reason="12th birthday")
    return consent


def evaluation_in_summer(cast) -> Case:
    """A case of `worker` whose evaluation falls in next summer's holiday at school A."""
    holiday = summer_holiday(School.Region.NORTH, TODAY().year + 1)
    School.objects.filter(pk=cast.school_a.pk).update(region=School.Region.NORTH)
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")
    case.plan.evaluation_on = holiday.first + datetime.timedelta(days=3)
    case.plan.save()
    return case


# --- The worker ----------------------------------------------------------------------------


def worker_world(cast, n: int) -> dict[str, list]:
    """`n` of each kind of work waiting for `worker` at school A."""
    worker, school = cast.worker, cast.school_a
    world: dict[str, list] = {k: [] for k in ("signal", "evaluation", "norm", "referral")}
    world |= {"consent": [], "action": [], "agenda": []}
    world |= {"rights": [], "work_notes": [], "birthday": [], "summer": []}
    meeting = create_meeting(school=school, chair=cast.coordinator, starts_at=local_time(5))
    past_meeting = create_meeting(school=school, chair=cast.coordinator, starts_at=local_time(-9))
    for _ in range(n):
        world["signal"].append(factories.create_case(school=school))
        late = factories.create_case(school=school, caseworker=worker, stage=Case.Stage.HELP)
        late.plan.evaluation_on = days(-2)
        late.plan.save()
        world["evaluation"].append(late)
        world["norm"].append(
            factories.create_case(
                school=school, caseworker=worker, stage=Case.Stage.HELP, signalled_on=days(-200)
            )
        )
        helped = factories.create_case(school=school, caseworker=worker, stage=Case.Stage.HELP)
        world["referral"].append(create_referral(case=helped, follow_up_on=days(-1)))
        world["consent"].append(
            create_consent(
                case=helped, party=None, purpose=Consent.Purpose.SHARE, valid_until=days(10)
            )
        )
        item = create_item(meeting=past_meeting)
        world["action"].append(create_action(item=item, owner_user=worker, due_on=days(-3)))
        world["agenda"].append(create_item(meeting=meeting, case=helped, added_by=worker))
        world["rights"].append(rights_request(cast))
        world["work_notes"].append(closed_with_work_notes(cast))
        world["birthday"].append(consent_to_ask_again(cast))
        world["summer"].append(evaluation_in_summer(cast))
    return world


WORKER_KEYS = {
    "new-signals",
    "evaluations",
    "help-past-norm",
    "referral-follow-ups",
    "consents",
    "zat-actions",
    "zat-agenda",
    "rights-requests",
    "work-notes-expiring",
    "consents-birthday",
    "summer-deadlines",
}


def test_the_worker_lands_on_what_waits_for_them(client, cast):
    world = worker_world(cast, 1)
    page = page_of(client, cast.worker, reverse("schools:mine"))
    assert keys(page) >= WORKER_KEYS
    assert "empty" not in keys(page)
    # each item is one click from where it is done
    assert reverse("cases:evaluation_new", args=[world["evaluation"][0].pk]) in page
    assert reverse("referrals:detail", args=[world["referral"][0].pk]) in page
    assert reverse("cases:detail", args=[world["signal"][0].pk]) in page
    assert world["signal"][0].pupil.full_name in page
    assert reverse("rights:detail", args=[world["rights"][0].pk]) in page
    assert reverse("cases:detail", args=[world["work_notes"][0].pk]) in page
    birthday = world["birthday"][0]
    assert reverse("referrals:consent_new", args=[birthday.case_id]) in page
    assert birthday.pupil.full_name in page
    assert reverse("continuity:summer") in page


def test_the_worker_items_are_most_urgent_first(cast):
    worker_world(cast, 1)
    items = items_for(cast.worker, "worker", TODAY())
    urgencies = [item.urgency for item in items]
    assert urgencies == sorted(urgencies)
    assert items[0].urgency is Urgency.LATE


def test_the_worker_items_disappear_when_done(client, cast):
    world = worker_world(cast, 1)
    signal = world["signal"][0]
    Case.objects.filter(pk=signal.pk).update(caseworker=cast.worker, stage=Case.Stage.INTAKE)
    factories.create_evaluation(plan=world["evaluation"][0].plan)
    Case.objects.filter(pk=world["norm"][0].pk).update(
        stage=Case.Stage.CLOSED, closed_on=TODAY(), closure_reason="doel_bereikt"
    )
    Referral.objects.filter(pk=world["referral"][0].pk).update(follow_up_on=days(14))
    old = world["consent"][0]
    create_consent(case=old.case, party=None, purpose=old.purpose, given_on=TODAY())
    world["action"][0].done_on = TODAY()
    world["action"][0].save()
    meeting = world["agenda"][0].meeting
    meeting.starts_at = local_time(-1)
    meeting.save()
    RightsRequest.objects.filter(pk=world["rights"][0].pk).update(status=RightsRequest.Status.DONE)
    world["work_notes"][0].contacts.update(work_note="")
    asked = world["birthday"][0]
    create_consent(case=asked.case, party=None, purpose=asked.purpose, given_on=TODAY())
    summer = world["summer"][0].plan
    summer.evaluation_on = summer_holiday(School.Region.NORTH, TODAY().year + 1).first_school_day
    summer.save()

    page = page_of(client, cast.worker, reverse("schools:mine"))
    assert keys(page) == {"empty"}


def test_deadlines_of_the_worker_weigh_by_how_near_they_are(cast):
    request = rights_request(cast)
    assert request.due_on > days(7)
    by_key = {item.key: item for item in items_for(cast.worker, "worker", TODAY())}
    assert by_key["rights-requests"].urgency is Urgency.INFO
    RightsRequest.objects.filter(pk=request.pk).update(deadline=days(3))
    by_key = {item.key: item for item in items_for(cast.worker, "worker", TODAY())}
    assert by_key["rights-requests"].urgency is Urgency.DUE
    RightsRequest.objects.filter(pk=request.pk).update(deadline=days(-1))
    by_key = {item.key: item for item in items_for(cast.worker, "worker", TODAY())}
    assert by_key["rights-requests"].urgency is Urgency.LATE
    assert by_key["rights-requests"].entries[0].late
    # work notes destroyed within the week are due
    closed_with_work_notes(cast)
    by_key = {item.key: item for item in items_for(cast.worker, "worker", TODAY())}
    assert by_key["work-notes-expiring"].urgency is Urgency.DUE


def test_a_worker_without_work_reads_that_all_is_done(client, cast):
    page = page_of(client, cast.worker, reverse("schools:mine"))
    assert keys(page) == {"empty"}
    assert "Alles is gedaan" in page


def test_the_names_on_the_worker_start_page_are_logged(client, cast):
    world = worker_world(cast, 1)
    page_of(client, cast.worker, reverse("schools:mine"))
    logged = {
        pk
        for row in AccessLog.objects.filter(user=cast.worker, action=AccessLog.Action.VIEW)
        for pk in row.pupil_ids
    }
    for kind in ("signal", "evaluation", "norm"):
        assert world[kind][0].pupil_id in logged
    for kind in ("rights", "birthday"):
        assert world[kind][0].pupil_id in logged
    assert world["summer"][0].pupil_id in logged
    assert world["referral"][0].case.pupil_id in logged


def test_another_worker_sees_none_of_it(client, cast):
    worker_world(cast, 1)
    page = page_of(client, cast.other_worker, reverse("schools:mine"))
    assert keys(page) == {"empty"}


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("role", "url_name"),
    [
        ("worker", "schools:mine"),
        ("coordinator", "schools:coordinator"),
        ("teamlead", "accounts:team"),
        ("privacy", "privacy:overview"),
    ],
)
def test_the_query_count_does_not_grow_with_the_items(
    client, cast, django_assert_num_queries, role, url_name
):
    world = {
        "worker": worker_world,
        "coordinator": coordinator_world,
        "teamlead": team_world,
        "privacy": privacy_world,
    }
    build = world[role]
    user = cast.by_name(role)
    client.force_login(user)
    url = reverse(url_name)
    build(cast, 1)
    client.get(url)  # the first request warms caches (content types, the session)
    one = count_queries(client, url)
    build(cast, 49)
    with django_assert_num_queries(one):
        page = client.get(url).content.decode()
    assert "and 45 more" in page or "en nog 45" in page


# --- The coordinator -------------------------------------------------------------------------


def coordinator_world(cast, n: int) -> dict[str, list]:
    school = cast.school_a
    meeting = create_meeting(school=school, chair=cast.coordinator, starts_at=local_time(3))
    world: dict[str, list] = {"signal": [], "action": [], "run": []}
    for _ in range(n):
        world["signal"].append(factories.create_case(school=school, signalled_on=days(-12)))
        item = create_item(meeting=meeting)
        world["action"].append(create_action(item=item, owner_user=cast.worker, due_on=days(-1)))
        run = ReportRun.objects.create(
            kind=ReportRun.Kind.REGISTRATION,
            school=school,
            period_start=days(-40),
            period_end=days(-10),
            label="periode",
            version=ReportRun.objects.count() + 1,
            status=ReportRun.Status.READY,
            finished_at=timezone.now(),
        )
        world["run"].append(run)
    world["meeting"] = [meeting]
    return world


def test_the_coordinator_lands_on_what_waits(client, cast):
    world = coordinator_world(cast, 1)
    page = page_of(client, cast.coordinator, reverse("schools:coordinator"))
    assert {"untaken-signals", "zat-next", "zat-open-actions", "new-reports"} <= keys(page)
    assert reverse("cases:progress", args=[world["signal"][0].pk]) in page
    assert reverse("zat:detail", args=[world["meeting"][0].pk]) in page
    assert reverse("reports:download", args=[world["run"][0].pk]) in page
    # the school's cases by stage
    assert f"{reverse('cases:school')}?stage=signal" in page


def test_the_coordinator_items_disappear_when_done(client, cast):
    world = coordinator_world(cast, 1)
    Case.objects.filter(pk=world["signal"][0].pk).update(
        caseworker=cast.worker, stage=Case.Stage.INTAKE
    )
    world["action"][0].done_on = TODAY()
    world["action"][0].save()
    world["meeting"][0].starts_at = local_time(-1)
    world["meeting"][0].save()
    ReportRun.objects.filter(pk=world["run"][0].pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=40)
    )
    page = page_of(client, cast.coordinator, reverse("schools:coordinator"))
    assert keys(page) == {"empty"}


def test_the_coordinator_of_another_school_sees_none_of_it(client, cast):
    coordinator_world(cast, 1)
    page = page_of(client, cast.other_coordinator, reverse("schools:coordinator"))
    assert keys(page) == {"empty"}


# --- The team leader -------------------------------------------------------------------------


def team_world(cast, n: int) -> dict[str, list]:
    world: dict[str, list] = {"late": [], "signal": [], "stand_in": [], "needing": [], "leaver": []}
    for _ in range(n):
        case = factories.create_case(
            school=cast.school_a,
            caseworker=cast.worker,
            stage=Case.Stage.HELP,
            signalled_on=days(-200),
        )
        world["late"].append(case)
        world["signal"].append(factories.create_case(school=cast.school_b))
        colleague = factories.create_worker(organisation=cast.organisation, schools=[cast.school_a])
        world["stand_in"].append(
            factories.create_stand_in(stand_in=colleague, for_worker=cast.worker)
        )
        # the worker has no assignment at school C: the case needs another case manager
        world["needing"].append(
            factories.create_case(
                school=cast.school_c, caseworker=cast.worker, stage=Case.Stage.INTAKE
            )
        )
        leaver = factories.create_worker(organisation=cast.organisation, schools=[cast.school_a])
        world["leaver"].append(
            factories.create_case(school=cast.school_a, caseworker=leaver, stage=Case.Stage.INTAKE)
        )
        type(leaver).objects.filter(pk=leaver.pk).update(is_active=False)
    return world


def test_the_team_leader_sees_late_work_signals_without_manager_and_stand_ins(client, cast):
    world = team_world(cast, 1)
    page = page_of(client, cast.teamlead, reverse("accounts:team"))
    assert {"team-late", "without-case-manager", "stand-ins"} <= keys(page)
    assert {"cases-needing-manager", "leavers-owning"} <= keys(page)
    assert reverse("cases:reassign", args=[cast.worker.pk]) in page
    assert world["needing"][0].number in page
    leaver = world["leaver"][0].caseworker
    assert reverse("continuity:leaver", args=[leaver.pk]) in page
    assert reverse("cases:stand_in_detail", args=[world["stand_in"][0].pk]) in page
    # metadata only: no pupil
    assert world["late"][0].pupil.full_name not in page
    assert world["signal"][0].pupil.full_name not in page


def test_the_team_leader_items_disappear_when_done(client, cast):
    world = team_world(cast, 1)
    Case.objects.filter(pk=world["late"][0].pk).update(
        stage=Case.Stage.CLOSED, closed_on=TODAY(), closure_reason="doel_bereikt"
    )
    Case.objects.filter(pk=world["signal"][0].pk).update(
        caseworker=cast.worker, stage=Case.Stage.INTAKE
    )
    world["stand_in"][0].ended_at = timezone.now() - datetime.timedelta(minutes=1)
    world["stand_in"][0].save()
    factories.create_assignment(worker=cast.worker, school=cast.school_c)
    Case.objects.filter(pk=world["leaver"][0].pk).update(caseworker=cast.worker)
    page = page_of(client, cast.teamlead, reverse("accounts:team"))
    assert keys(page) == {"empty"}


def test_another_team_leader_sees_none_of_it(client, cast):
    team_world(cast, 1)
    page = page_of(client, cast.other_teamlead, reverse("accounts:team"))
    assert keys(page) == {"empty"}


# --- The privacy officer -----------------------------------------------------------------------


def privacy_world(cast, n: int) -> dict[str, list]:
    world: dict[str, list] = {"signal": [], "rights": []}
    for _ in range(n):
        world["rights"].append(rights_request(cast))
        world["signal"].append(
            AccessSignal.objects.create(
                kind=AccessSignal.Kind.HOURS,
                user=cast.worker,
                at=timezone.now() - datetime.timedelta(days=1),
                reason="Leerlingen ingezien buiten werktijd",
                dedup_key=f"hours:{cast.worker.pk}:{AccessSignal.objects.count()}",
            )
        )
    return world


def old_dossier(cast) -> Case:
    """A case of `worker` closed 22 years ago: past the default retention term."""
    return factories.create_case(
        school=cast.school_a,
        caseworker=cast.worker,
        stage=Case.Stage.CLOSED,
        signalled_on=datetime.date(TODAY().year - 22, 9, 1),
    )


def test_the_privacy_officer_lands_on_signals_requests_and_lists(client, cast):
    world = privacy_world(cast, 1)
    old_dossier(cast)
    proposed = retention_workflow.propose_list(cast.organisation, by=cast.teamlead)
    page = page_of(client, cast.privacy, reverse("privacy:overview"))
    assert {"access-signals", "rights-requests", "destruction-lists"} <= keys(page)
    assert reverse("rights:detail", args=[world["rights"][0].pk]) in page
    assert reverse("retention:list", args=[proposed.pk]) in page
    assert f"{reverse('privacy:signals')}?kind={AccessSignal.Kind.HOURS}" in page
    # metadata only: the request's pupil by name (logged), no case content
    assert world["rights"][0].pupil.full_name in page
    # the other organisation's privacy officer sees none of it (the signals are the worker's)
    assert not {"rights-requests", "destruction-lists", "access-signals"} & keys(
        page_of(client, cast.other_privacy, reverse("privacy:overview"))
    )


def test_the_privacy_officer_items_disappear_when_done(client, cast):
    world = privacy_world(cast, 1)
    old_dossier(cast)
    proposed = retention_workflow.propose_list(cast.organisation, by=cast.teamlead)
    RightsRequest.objects.filter(pk=world["rights"][0].pk).update(
        status=RightsRequest.Status.REFUSED
    )
    SignalReview.objects.create(signal=world["signal"][0], reviewer=cast.privacy, note="Gezien.")
    retention_workflow.approve_list(proposed, by=cast.privacy, note="Akkoord")
    page = page_of(client, cast.privacy, reverse("privacy:overview"))
    assert keys(page) == {"empty"}


def test_the_team_leader_proposes_due_dossiers_and_sees_them_go_to_the_privacy_officer(
    client, cast
):
    case = old_dossier(cast)
    page = page_of(client, cast.teamlead, reverse("accounts:team"))
    assert "dossiers-to-propose" in keys(page)
    assert reverse("retention:overview") in page
    assert case.pupil.full_name not in page
    assert "destruction-lists" not in keys(
        page_of(client, cast.privacy, reverse("privacy:overview"))
    )
    retention_workflow.propose_list(cast.organisation, by=cast.teamlead)
    assert "dossiers-to-propose" not in keys(
        page_of(client, cast.teamlead, reverse("accounts:team"))
    )
    assert "destruction-lists" in keys(page_of(client, cast.privacy, reverse("privacy:overview")))


def test_who_proposed_a_list_is_not_asked_to_decide_it(client, cast):
    old_dossier(cast)
    factories.add_role(cast.teamlead, "privacy", organisation=cast.organisation)
    retention_workflow.propose_list(cast.organisation, by=cast.teamlead)
    assert "destruction-lists" not in keys(
        page_of(client, cast.teamlead, reverse("privacy:overview"))
    )
    assert "destruction-lists" in keys(page_of(client, cast.privacy, reverse("privacy:overview")))


# --- The municipality and the application manager ---------------------------------------------


def test_the_municipality_finds_the_funding_reports_to_download(client, cast):
    run = factories.create_report_run(
        municipality=cast.north, period_start=days(-120), period_end=days(-30)
    )
    ReportRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    page = page_of(client, cast.officer, reverse("schools:territory"))
    assert "funding-reports" in keys(page)
    assert reverse("reports:download", args=[run.pk]) in page
    ReportRun.objects.filter(pk=run.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=200)
    )
    assert keys(page_of(client, cast.officer, reverse("schools:territory"))) == {"empty"}


def test_the_application_manager_sees_what_is_left_to_set_up(client, cast):
    newcomer = factories.create_user(username="nieuw")
    bare = factories.create_school(name="School zonder inzet", municipality=cast.north)
    page = page_of(client, cast.manager, reverse("accounts:manage"))
    assert "people-without-role" in keys(page)
    assert reverse("accounts:manage_user", args=[newcomer.pk]) in page
    assert f"?school={bare.pk}" in page
    # done: the newcomer gets a role, every school an assignment (or is no longer active)
    factories.add_role(newcomer, "coordinator", school=cast.school_a)
    for school in (bare, cast.school_c):
        school.active = False
        school.save()
    cast.nobody.is_active = False
    cast.nobody.save()
    page = page_of(client, cast.manager, reverse("accounts:manage"))
    assert not {k for k in keys(page) if k.startswith(("people", "unassigned"))}


def test_an_item_counts_what_it_does_not_list():
    item = Item(title="x", count=7, entries=[])
    assert item.more == 7
