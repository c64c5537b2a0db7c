"""The demo caseload of `manage.py seed_demo` (demo/cases.py): believable, complete and repeatable.

The demo is seeded once for this module, inside a transaction that is rolled back afterwards.
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import User
from cases import access
from cases.models import (
    Case,
    CaseEvent,
    Consultation,
    Contact,
    Evaluation,
    Group,
    GroupSession,
    Guardian,
    Intake,
    Plan,
    Pupil,
)
from demo.cases import DEMO_BRINS
from tests.conftest import demo_seeded

# The caseload of demo/cases.py; the old dossiers of demo/retention.py are of a closed school.
CASELOAD = Case.objects.filter(school__brin__in=DEMO_BRINS)
SECTOR_AGES = {"PO": (4, 12), "SBO": (4, 14), "SO": (4, 14), "VO": (12, 18), "MBO": (16, 20)}


def _counts() -> dict[str, int]:
    pupils = Pupil.objects.filter(school__brin__in=DEMO_BRINS)
    cases = Case.objects.filter(pupil__in=pupils)
    return {
        "pupils": pupils.count(),
        "cases": cases.count(),
        "contacts": Contact.objects.filter(case__in=cases).count(),
        "events": CaseEvent.objects.filter(case__in=cases).count(),
        "guardians": Guardian.objects.filter(pupil__in=pupils).count(),
        "consultations": Consultation.objects.filter(school__brin__in=DEMO_BRINS).count(),
        "groups": Group.objects.filter(school__brin__in=DEMO_BRINS).count(),
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """(counts after the first run, counts after the second run, output of the second run)."""
    with demo_seeded(django_db_blocker):
        first = _counts()
        out = io.StringIO()
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            call_command("seed_demo", stdout=out)
        yield first, _counts(), out.getvalue()


@pytest.fixture
def demo(seeded, db):
    return seeded


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_seeding_twice_gives_the_same_data(demo):
    first, second, output = demo
    assert first == second
    assert 35 <= first["pupils"] <= 50  # the caseload and a few scenarios (continuity)
    assert first["cases"] >= first["pupils"]
    assert first["contacts"] > 2 * first["cases"]
    assert "nothing added" in output


def test_every_stage_and_every_closure_reason_occurs(demo):
    assert set(Case.objects.values_list("stage", flat=True)) == set(Case.Stage.values)
    closed = Case.objects.filter(stage=Case.Stage.CLOSED)
    assert set(closed.values_list("closure_reason", flat=True)) == set(Case.ClosureReason.values)


def test_closed_cases_have_reason_outcome_and_date(demo):
    for case in Case.objects.filter(stage=Case.Stage.CLOSED):
        assert case.closure_reason and case.outcome.strip() and case.closed_on, case.pk
    assert not Case.objects.open().exclude(closed_on=None).exists()


def test_workers_have_a_caseload(demo):
    for username in ("smw", "smw2"):
        worker = user(username)
        own = Case.objects.filter(caseworker=worker)
        assert own.open().count() >= 10, username
        assert 15 <= own.count() <= 22, username
        assert access.caseload(worker).count() == own.open().count()


def test_coordinators_see_their_school(demo):
    for username in ("zc", "zc2"):
        coordinator = user(username)
        cases = access.school_cases(coordinator)
        assert 5 <= cases.count() <= 12, username
        assert cases.values("school").distinct().count() == 1


def test_untaken_signals_wait_at_a_school_of_each_worker(demo):
    for username, coordinator in (("smw", "zc"), ("smw2", "zc2")):
        waiting = access.new_signals(user(username))
        assert waiting.exists(), username
        for case in waiting:
            assert case.caseworker is None and case.stage == Case.Stage.SIGNAL
            assert case.reported_by == user(coordinator)
            assert case.source == Case.Source.COORDINATOR


def test_cases_are_spread_over_all_six_schools(demo):
    brins = set(CASELOAD.values_list("school__brin", flat=True))
    assert brins == set(DEMO_BRINS)


def test_no_date_lies_in_the_future_and_signals_are_recent(demo):
    today, now = timezone.localdate(), timezone.now()
    year_ago = today - datetime.timedelta(days=365)
    for case in CASELOAD.all():
        assert year_ago <= case.signalled_on <= today
        for name in ("intake_on", "plan_on", "help_on", "referred_on", "closed_on"):
            day = getattr(case, name)
            assert day is None or case.signalled_on <= day <= today, (case.pk, name, day)
        assert case.stage_changed_at <= now and case.last_activity_at <= now
        assert case.stage_changed_at <= case.last_activity_at
    for contact in Contact.objects.filter(case__in=CASELOAD).select_related("case"):
        assert contact.case.signalled_on <= contact.held_on <= today
        assert 20 <= contact.minutes <= 60
        assert contact.created_at <= now
    assert not CaseEvent.objects.filter(at__gt=now).exists()
    assert not Evaluation.objects.filter(held_on__gt=today).exists()
    assert not Plan.objects.filter(agreed_on__gt=today).exists()
    assert not Intake.objects.filter(held_on__gt=today).exists()
    assert not Intake.objects.filter(updated_at__gt=now).exists()
    assert not GroupSession.objects.filter(held_on__gt=today).exists()
    assert not Consultation.objects.filter(held_on__gt=today).exists()
    assert not Pupil.objects.filter(created_at__gt=now).exists()


def test_the_timeline_follows_the_dates(demo):
    for case in CASELOAD.prefetch_related("events"):
        events = sorted(case.events.all(), key=lambda e: e.at)
        assert events[0].kind == CaseEvent.Kind.SIGNALLED
        assert timezone.localtime(events[0].at).date() == case.signalled_on
        assert max(e.at for e in events) == case.last_activity_at
        moves = {e.to_stage: timezone.localtime(e.at).date() for e in events if e.to_stage}
        for stage, name in (("intake", "intake_on"), ("plan", "plan_on"), ("help", "help_on")):
            if stage in moves and getattr(case, name):
                assert getattr(case, name) <= moves[stage]


def test_pupils_fit_their_sector(demo):
    today = timezone.localdate()
    for pupil in Pupil.objects.filter(school__brin__in=DEMO_BRINS).select_related("school"):
        low, high = SECTOR_AGES[pupil.school.sector]
        assert low <= pupil.age_on(today) <= high, (pupil, pupil.school.sector)
        assert pupil.group
        assert pupil.guardians.exists()


def test_guardians_include_divorce_without_authority_and_a_foster_parent(demo):
    assert Guardian.objects.filter(relation=Guardian.Relation.FATHER, has_authority=False).exists()
    assert Guardian.objects.filter(relation=Guardian.Relation.FOSTER).exists()
    assert Guardian.objects.filter(relation=Guardian.Relation.GUARDIAN, has_authority=True).exists()


def test_plans_evaluations_and_overdue_evaluations(demo):
    today = timezone.localdate()
    agreed = Plan.objects.exclude(agreed_on=None)
    assert agreed.exists()
    for plan in Plan.objects.prefetch_related("goals"):
        assert 1 <= len(plan.goals.all()) <= 3
    for plan in agreed:
        assert plan.agreed_pupil or plan.agreed_parents or plan.agreed_school
    evaluations = Evaluation.objects.prefetch_related("results", "plan__goals")
    assert evaluations.exists()
    for evaluation in evaluations:
        assert {r.goal_id for r in evaluation.results.all()} == {
            g.pk for g in evaluation.plan.goals.all()
        }
    overdue = Plan.objects.filter(evaluation_on__lt=today, case__stage=Case.Stage.HELP)
    assert overdue.filter(evaluations=None).count() >= 2


def test_grief_group_sessions_count_on_each_participants_case(demo):
    group = Group.objects.get(kind=Group.Kind.GRIEF)
    assert group.worker == user("smw") and group.school.brin == "04AB"
    participants = list(group.cases.all())
    sessions = list(group.sessions.all())
    assert 3 <= len(participants) <= 4 and 2 <= len(sessions) <= 3
    for case in participants:
        assert case.contacts.filter(group_session__group=group).count() == len(sessions)


def test_consultations_tied_to_a_case_and_anonymous(demo):
    assert Consultation.objects.filter(case=None).count() >= 2
    tied = Consultation.objects.exclude(case=None).select_related("case")
    assert tied.count() >= 2
    for consultation in tied:
        assert consultation.case.school_id == consultation.school_id


def test_work_notes_are_written_by_the_case_manager(demo):
    notes = Contact.objects.exclude(work_note="").select_related("case")
    assert notes.count() >= 3
    for contact in notes:
        assert contact.author_id == contact.case.caseworker_id


def test_every_case_has_several_categories(demo):
    for case in CASELOAD.all():
        assert len(case.categories) >= 2, case.pk
