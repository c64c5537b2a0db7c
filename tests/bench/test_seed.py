"""seed_bench: a consistent region, the planted rows the benchmark reads, and no accidents.

The bench app is installed only under SMW_BENCH (`make bench`), so not here: the tests call its
seeding functions, and its command as an object, directly.
"""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, OuterRef, Subquery

from accounts.models import User
from bench.management.commands.seed_bench import Command as SeedBench
from bench.seed import SHOWCASE_EVENTS, SHOWCASE_ITEMS, Size, seed, seeded_scale
from cases.models import Case, CaseEvent, Contact
from referrals.models import Referral
from zat.models import Meeting

# The seeder erases and loads as the owner (TRUNCATE, setval), not as the app role.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("as_owner")]

SCALE = 0.004


@pytest.fixture
def region():
    return seed(SCALE, log=lambda *_: None)


def test_seed_builds_the_region_at_its_scale(region):
    size = Size.at(SCALE)
    assert seeded_scale() == SCALE
    assert Case.objects.count() == size.pupils
    assert Contact.objects.count() == pytest.approx(size.contacts, rel=0.05)
    assert Referral.objects.count() <= size.referrals
    assert Meeting.objects.count() == size.meetings
    assert User.objects.filter(username="bench-worker-1").exists()


def test_every_case_has_the_stage_of_its_last_stage_event(region):
    last_stage = (
        CaseEvent.objects.filter(case=OuterRef("pk"))
        .exclude(to_stage="")
        .order_by("-at", "-pk")
        .values("to_stage")[:1]
    )
    cases = list(Case.objects.annotate(last_stage=Subquery(last_stage)))
    assert cases
    assert [case.pk for case in cases if case.stage != case.last_stage] == []


def test_every_stage_occurs(region):
    stages = set(Case.objects.values_list("stage", flat=True))
    assert {Case.Stage.CLOSED, Case.Stage.HELP} <= stages


def test_the_planted_case_and_meeting_are_the_same_at_every_scale(region):
    case = Case.objects.annotate(n=Count("events")).get(pk=1)
    assert case.n == SHOWCASE_EVENTS
    assert case.caseworker.username == "bench-worker-1"
    assert case.is_open
    assert Meeting.objects.get(pk=1).items.count() == SHOWCASE_ITEMS


def test_seed_refuses_a_database_with_other_data():
    User.objects.create_user("zc", password="x" * 12)
    with pytest.raises(CommandError, match="seed_bench did not make"):
        call_command(SeedBench(), "--scale", str(SCALE))
    assert not User.objects.filter(username__startswith="bench-").exists()


def test_force_erases_other_data_and_seeds():
    User.objects.create_user("zc", password="x" * 12)
    seed(SCALE, force=True, log=lambda *_: None)
    assert not User.objects.filter(username="zc").exists()
    assert seeded_scale() == SCALE


def test_bench_logins_use_the_benchmark_password(region):
    assert User.objects.get(username="bench-zc-1").check_password("smw-bench-2026")


def test_the_ping_page_exists_only_for_the_benchmark(client, region):
    # SMW_BENCH is off outside `make bench`: the URL is not even routed.
    client.force_login(User.objects.get(username="bench-worker-1"))
    assert client.get("/bench/ping/").status_code == 404


def test_the_access_log_is_what_the_region_s_people_would_have_written(region):
    from django.db import connection

    from audit.models import AccessLog
    from bench.seed_access_log import ROWS_AT_SCALE_1

    rows = AccessLog.objects.count()
    assert rows == pytest.approx(ROWS_AT_SCALE_1 * SCALE, rel=0.1)
    assert region["audit_accesslog"] == rows
    # in time order, as a real log is written
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT at < lag(at) OVER (ORDER BY id) AS back "
            "FROM audit_accesslog) t WHERE back"
        )
        assert cursor.fetchone()[0] == 0
    worker = User.objects.get(username="bench-worker-1")
    # a worker's caseload page lists cases they had open that day
    listed = AccessLog.objects.filter(user=worker, path="/dossiers/").order_by("-at").first()
    assert 1 <= len(listed.pupil_ids) <= 25
    cases = Case.objects.filter(pupil_id__in=listed.pupil_ids)
    assert {c.caseworker_id for c in cases} == {worker.pk}
    assert all(c.signalled_on <= listed.at.date() for c in cases)
    # the planted pupil's extract is long, every kind of action occurs
    assert AccessLog.objects.filter(pupil_ids__contains=[1]).count() > 100
    assert set(AccessLog.objects.values_list("action", flat=True).distinct()) >= {
        "view",
        "create",
        "change",
        "print",
        "export",
        "refused",
    }
    # the indexes are back after the load
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'audit_accesslog'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"accesslog_pupil_ids", "accesslog_user_at", "accesslog_action_at"} <= names


def test_a_region_of_an_older_data_version_is_seeded_again(region):
    from schools.models import Organisation

    Organisation.objects.filter(pk=1).update(name="SMW Benchmarkregio (schaal 0.004, seed 2026)")
    assert seeded_scale() is None
