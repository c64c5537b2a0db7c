"""Each signal is raised by its scenario, once, and not by ordinary work."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from privacy.models import AccessSignal, ScanMark
from privacy.scan import CARE_RELATIONS, scan
from tests import factories

from .helpers import TUESDAY, local, log_row, sign_in

Kind = AccessSignal.Kind
pytestmark = pytest.mark.usefixtures("scan_from_the_start")
LATER = timezone.now() + datetime.timedelta(days=1)


def kinds() -> list[str]:
    return sorted(AccessSignal.objects.values_list("kind", flat=True))


@pytest.fixture
def case(cast) -> Case:
    return factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="intake")


@pytest.fixture
def colleague(cast):
    """A worker of the same organisation at the same school, not the case manager."""
    return factories.create_worker(
        username="colleague", organisation=cast.organisation, schools=[cast.school_a]
    )


# --- 1. A read without a care relation ---------------------------------------------------------


def test_read_by_case_manager_and_coordinator_raises_nothing(cast, case):
    log_row(cast.worker, "view", [case.pupil], at=TUESDAY)
    log_row(cast.worker, "change", [case.pupil], at=TUESDAY)
    log_row(cast.coordinator, "view", [case.pupil], at=TUESDAY)
    assert scan(LATER) == 0
    assert kinds() == []


def test_read_by_a_colleague_without_relation_is_a_finding(cast, case, colleague):
    row = log_row(colleague, "view", [case.pupil], at=TUESDAY, path=f"/dossiers/{case.pk}/")
    assert scan(LATER) == 1
    signal = AccessSignal.objects.get()
    assert (signal.kind, signal.user, signal.pupil_ids) == (
        Kind.NO_RELATION,
        colleague,
        [case.pupil_id],
    )
    assert signal.log_ids == [row.pk]
    assert "zonder" in signal.reason  # the reason is in Dutch
    assert f"/dossiers/{case.pk}/" in signal.reason


def test_coordinator_of_another_school_is_a_finding(cast, case):
    log_row(cast.other_coordinator, "export", [case.pupil], at=TUESDAY)
    scan(LATER)
    assert kinds() == [Kind.NO_RELATION]


def test_stand_in_reads_only_on_their_dates(cast, case, colleague):
    factories.create_stand_in(
        stand_in=colleague,
        for_worker=cast.worker,
        starts_on=datetime.date(2026, 11, 9),
        ends_on=datetime.date(2026, 11, 13),
    )
    log_row(colleague, "view", [case.pupil], at=TUESDAY)
    assert scan(LATER) == 0
    log_row(colleague, "view", [case.pupil], at=local(2026, 11, 16))  # the Monday after
    assert scan(LATER) == 1
    assert kinds() == [Kind.NO_RELATION]


def test_emergency_access_covers_that_day_only(cast, case, colleague):
    log_row(colleague, "glass", [case.pupil], at=TUESDAY, description="Leerling in nood")
    log_row(colleague, "view", [case.pupil], at=TUESDAY + datetime.timedelta(minutes=1))
    scan(LATER)
    assert kinds() == [Kind.GLASS]
    log_row(colleague, "view", [case.pupil], at=TUESDAY + datetime.timedelta(days=1))
    scan(LATER)
    assert kinds() == [Kind.GLASS, Kind.NO_RELATION]


def test_care_relations_are_a_list_of_functions():
    names = {relation.__name__ for relation in CARE_RELATIONS}
    assert {"is_case_manager", "is_stand_in", "is_school_coordinator"} <= names
    assert "had_emergency_access" in names


# --- 2. Break-the-glass ------------------------------------------------------------------------


def test_every_emergency_access_is_a_signal_with_its_reason(cast, case, colleague):
    log_row(colleague, "glass", [case.pupil], at=TUESDAY, description="Vader belt, acuut")
    scan(LATER)
    signal = AccessSignal.objects.get()
    assert signal.kind == Kind.GLASS
    assert signal.pupil_ids == [case.pupil_id]
    assert "Vader belt, acuut" in signal.reason


# --- 3. Many pupils in a short time ------------------------------------------------------------


def _own_cases(cast, n):
    return [
        factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="intake")
        for _ in range(n)
    ]


def test_thirty_pupils_in_ten_minutes_is_one_signal(cast):
    cases = _own_cases(cast, 32)
    for i, case in enumerate(cases):
        log_row(cast.worker, "view", [case.pupil], at=TUESDAY + datetime.timedelta(seconds=15 * i))
    assert scan(LATER) == 1
    signal = AccessSignal.objects.get()
    assert signal.kind == Kind.BULK
    assert len(signal.pupil_ids) >= 30
    assert scan(LATER) == 0  # found once


def test_burst_across_two_scans_is_found(cast):
    cases = _own_cases(cast, 30)
    for case in cases[:20]:
        log_row(cast.worker, "view", [case.pupil], at=TUESDAY)
    assert scan(LATER) == 0
    for case in cases[20:]:
        log_row(cast.worker, "view", [case.pupil], at=TUESDAY + datetime.timedelta(minutes=3))
    assert scan(LATER) == 1
    assert kinds() == [Kind.BULK]


def test_twenty_nine_pupils_or_thirty_spread_out_raise_nothing(cast):
    cases = _own_cases(cast, 30)
    for case in cases[:29]:
        log_row(cast.worker, "view", [case.pupil], at=TUESDAY)
    # the thirtieth comes a quarter of an hour later
    log_row(cast.worker, "view", [cases[29].pupil], at=TUESDAY + datetime.timedelta(minutes=15))
    # and a list page showing all of them is one page, not thirty opened
    log_row(cast.worker, "view", [c.pupil for c in cases], at=TUESDAY, path="/dossiers/")
    assert scan(LATER) == 0


def test_the_limit_is_a_setting(cast, settings):
    settings.SMW_BULK_READ_PUPILS = 3
    for case in _own_cases(cast, 3):
        log_row(cast.worker, "view", [case.pupil], at=TUESDAY)
    scan(LATER)
    assert kinds() == [Kind.BULK]


# --- 4. Outside working hours ------------------------------------------------------------------


def test_reads_in_the_evening_and_weekend_are_signals(cast, case):
    log_row(cast.worker, "view", [case.pupil], at=local(2026, 11, 10, 21, 15))
    log_row(cast.worker, "view", [case.pupil], at=local(2026, 11, 10, 22, 0))  # same evening
    log_row(cast.worker, "view", [case.pupil], at=local(2026, 11, 14, 11, 0))  # a Saturday
    log_row(cast.worker, "view", [case.pupil], at=local(2026, 11, 11, 6, 59))
    log_row(cast.worker, "view", [case.pupil], at=local(2026, 11, 11, 7, 0))  # in hours
    log_row(cast.worker, "view", [], at=local(2026, 11, 12, 23, 0))  # no pupil shown
    scan(LATER)
    signals = AccessSignal.objects.filter(kind=Kind.HOURS).order_by("at")
    assert [timezone.localtime(s.at).strftime("%d %H:%M") for s in signals] == [
        "10 21:15",
        "11 06:59",
        "14 11:00",
    ]
    assert len(signals[0].log_ids) == 2
    # one date format throughout, in Dutch
    assert "10 november 2026 21:15" in signals[0].reason


def test_working_hours_are_settings(cast, case, settings):
    settings.SMW_WORKING_HOURS = "07:00-22:00"
    settings.SMW_WORKING_DAYS = "1-6"
    log_row(cast.worker, "view", [case.pupil], at=local(2026, 11, 10, 21, 15))
    log_row(cast.worker, "view", [case.pupil], at=local(2026, 11, 14, 11, 0))
    log_row(cast.worker, "view", [case.pupil], at=local(2026, 11, 15, 11, 0))  # Sunday
    scan(LATER)
    assert kinds() == [Kind.HOURS]


# --- 5. Refused attempts -----------------------------------------------------------------------


def test_refused_attempt_is_a_signal(cast, case):
    log_row(cast.other_worker, "refused", [case.pupil], at=TUESDAY, path=f"/dossiers/{case.pk}/")
    scan(LATER)
    signal = AccessSignal.objects.get()
    assert (signal.kind, signal.user) == (Kind.REFUSED, cast.other_worker)
    assert f"/dossiers/{case.pk}/" in signal.reason


# --- 6. Two addresses at once ------------------------------------------------------------------


def test_sign_in_from_a_second_address_during_a_session(cast):
    sign_in("worker", at=TUESDAY, ip="192.0.2.10")
    sign_in("worker", at=TUESDAY + datetime.timedelta(hours=2), ip="198.51.100.7")
    assert scan(LATER) == 1
    signal = AccessSignal.objects.get()
    assert (signal.kind, signal.user) == (Kind.TWO_ADDRESSES, cast.worker)
    assert "198.51.100.7" in signal.reason and "192.0.2.10" in signal.reason


def test_sign_ins_that_do_not_overlap_raise_nothing(cast):
    # signed out before signing in elsewhere
    sign_in("worker", at=TUESDAY, ip="192.0.2.10", logout=TUESDAY + datetime.timedelta(hours=1))
    sign_in("worker", at=TUESDAY + datetime.timedelta(hours=2), ip="198.51.100.7")
    # the same address twice
    sign_in("coordinator", at=TUESDAY, ip="192.0.2.20")
    sign_in("coordinator", at=TUESDAY + datetime.timedelta(hours=1), ip="192.0.2.20")
    # longer ago than a session lasts
    sign_in("teamlead", at=TUESDAY, ip="192.0.2.30")
    sign_in("teamlead", at=TUESDAY + datetime.timedelta(hours=11), ip="192.0.2.31")
    # two people, two addresses
    sign_in("privacy", at=TUESDAY, ip="192.0.2.40")
    sign_in("safeguarding", at=TUESDAY, ip="192.0.2.41")
    assert scan(LATER) == 0


# --- The scan itself and ordinary work ---------------------------------------------------------


def test_scan_remembers_how_far_it_got_and_leaves_the_last_minute(cast, case, colleague):
    row = log_row(colleague, "refused", [case.pupil])
    assert scan(timezone.now()) == 0  # too fresh: it may belong to a transaction still open
    assert scan(LATER) == 1
    assert ScanMark.objects.get().last_log_id == row.pk
    assert scan(LATER) == 0


def test_ordinary_work_raises_nothing(client, cast, case, settings):
    """The cast at work through the pages: case manager, coordinator, privacy officer."""
    settings.SMW_WORKING_HOURS = "00:00-24:00"  # whenever the suite runs
    settings.SMW_WORKING_DAYS = "1-7"
    signal_case = factories.create_case(school=cast.school_b, reported_by=cast.coordinator)
    pages = {
        cast.worker: [
            reverse("cases:caseload"),
            reverse("cases:detail", args=[case.pk]),
            reverse("cases:detail", args=[signal_case.pk]),  # a new signal at their school
            reverse("cases:intake", args=[case.pk]),
        ],
        cast.coordinator: [reverse("cases:school"), reverse("cases:progress", args=[case.pk])],
        cast.privacy: [
            reverse("privacy:extract", args=[case.pupil_id]),
            reverse("privacy:log"),
        ],
    }
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 200, url
    from audit.models import AccessLog

    assert AccessLog.objects.filter(pupil_ids__contains=[case.pupil_id]).count() >= 3
    assert scan(LATER) == 0
    assert kinds() == []


def test_a_days_findings_gather_in_one_signal_until_it_is_reviewed(cast, case, colleague):
    from privacy.models import SignalReview

    other = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="intake")
    log_row(colleague, "view", [case.pupil], at=TUESDAY)
    scan(LATER)
    log_row(colleague, "view", [other.pupil], at=TUESDAY + datetime.timedelta(hours=1))
    assert scan(LATER) == 0  # the same day: the waiting signal gains the row
    signal = AccessSignal.objects.get()
    assert signal.pupil_ids == [case.pupil_id, other.pupil_id]
    assert len(signal.log_ids) == 2
    SignalReview.objects.create(signal=signal, reviewer=cast.privacy, note="Nagevraagd.")
    log_row(colleague, "view", [case.pupil], at=TUESDAY + datetime.timedelta(hours=2))
    assert scan(LATER) == 1  # after the review: a new signal, the reviewed one unchanged
    signal.refresh_from_db()
    assert len(signal.log_ids) == 2


def test_the_first_scan_starts_thirty_days_back(cast, case, colleague, db):
    from privacy.models import ScanMark

    ScanMark.objects.all().delete()
    now = timezone.now()
    log_row(colleague, "refused", [case.pupil], at=now - datetime.timedelta(days=31))
    recent = log_row(colleague, "refused", [case.pupil], at=now - datetime.timedelta(days=29))
    assert scan(now) == 1
    assert AccessSignal.objects.get().log_ids == [recent.pk]
