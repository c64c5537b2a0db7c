"""The access log's query layer (audit/queries.py): the per-pupil extract, the review page's rows
and a paginator that never counts millions."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from audit.queries import LogPaginator, log_rows, pupil_extract_rows, school_pupil_ids
from cases.models import Pupil
from tests import factories

T0 = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))


def _row(user, action, pupil_ids, *, minutes: int) -> int:
    """A row written at T0 + minutes (`at` is set by the database on insert otherwise; the log
    can't be updated afterwards, so the row is inserted as it was)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_accesslog (at, user_id, action, object_ref, description, "
            "pupil_ids, path, ip_address) VALUES (%s, %s, %s, '', '', %s, '/', NULL) "
            "RETURNING id",
            [T0 + datetime.timedelta(minutes=minutes), user.pk, action, list(pupil_ids)],
        )
        return cursor.fetchone()[0]


@pytest.fixture
def log(db):
    ann, bob, eve = (factories.create_user(username=n) for n in ("ann", "bob", "eve"))
    rows = {
        "ann_list": _row(ann, "view", [1, 2, 3], minutes=0),
        "ann_one": _row(ann, "view", [2], minutes=10),
        "bob_print": _row(bob, "print", [2], minutes=20),
        "bob_other": _row(bob, "view", [7], minutes=30),
        "eve_refused": _row(eve, "refused", [3, 9], minutes=40),
        "eve_nothing": _row(eve, "view", [], minutes=50),
        "eve_outside": _row(eve, "view", [8], minutes=60),
    }
    return {"ann": ann, "bob": bob, "eve": eve, **rows}


def _ids(rows) -> list[int]:
    return [row.pk for row in rows]


def test_the_extract_lists_every_row_with_the_pupil_newest_first(log):
    rows = pupil_extract_rows(2)
    assert _ids(rows) == [log["bob_print"], log["ann_one"], log["ann_list"]]
    assert rows[0].user == log["bob"]
    assert _ids(pupil_extract_rows(9)) == [log["eve_refused"]]
    assert _ids(pupil_extract_rows(4)) == []


def test_the_extract_keeps_to_its_period(log):
    start = T0 + datetime.timedelta(minutes=10)
    end = T0 + datetime.timedelta(minutes=20)
    assert _ids(pupil_extract_rows(2, start=start, end=end)) == [log["ann_one"]]
    assert _ids(pupil_extract_rows(2, start=start)) == [log["bob_print"], log["ann_one"]]
    assert _ids(pupil_extract_rows(2, end=T0.date())) == []
    assert len(pupil_extract_rows(2, start=T0.date(), end=T0.date() + datetime.timedelta(1))) == 3


def test_the_extract_reads_one_query_with_its_users(log, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert [row.user.username for row in pupil_extract_rows(2)] == ["bob", "ann", "ann"]


def test_the_review_rows_are_those_by_the_scope_s_staff_or_about_its_pupils(log):
    rows = log_rows(scope_user_ids=[log["ann"].pk], scope_pupil_ids=[7, 9])
    assert _ids(rows) == [log["eve_refused"], log["bob_other"], log["ann_one"], log["ann_list"]]
    assert _ids(log_rows(scope_user_ids=[], scope_pupil_ids=[])) == []
    assert _ids(log_rows(scope_user_ids=[log["eve"].pk], scope_pupil_ids=[])) == [
        log["eve_outside"],
        log["eve_nothing"],
        log["eve_refused"],
    ]


def test_the_scopes_may_be_querysets(log):
    users = type(log["ann"]).objects.filter(username__in=["ann", "bob"]).values("pk")
    factories.create_pupil()  # a pupil of nobody's rows
    pupils = Pupil.objects.filter(pk__in=[]).values("pk")
    rows = log_rows(scope_user_ids=users, scope_pupil_ids=pupils)
    assert _ids(rows) == [log["bob_other"], log["bob_print"], log["ann_one"], log["ann_list"]]


def test_the_review_filters(log):
    everyone = [log[n].pk for n in ("ann", "bob", "eve")]

    def rows(**filters):
        return _ids(log_rows(scope_user_ids=everyone, scope_pupil_ids=[], **filters))

    assert rows(pupil_id=3) == [log["eve_refused"], log["ann_list"]]
    assert rows(user_id=log["bob"].pk) == [log["bob_other"], log["bob_print"]]
    assert rows(action="refused") == [log["eve_refused"]]
    assert rows(action="print", pupil_id=2) == [log["bob_print"]]
    assert rows(
        start=T0 + datetime.timedelta(minutes=30), end=T0 + datetime.timedelta(hours=1)
    ) == [
        log["eve_nothing"],
        log["eve_refused"],
        log["bob_other"],
    ]
    assert rows(school_pupil_ids=[8, 1]) == [log["eve_outside"], log["ann_list"]]
    assert rows(school_pupil_ids=[]) == []
    assert rows(user_id=log["ann"].pk, action="print") == []


def test_the_school_filter_takes_the_school_s_pupils(log):
    school = factories.create_school()
    mine = [factories.create_pupil(school=school).pk for _ in range(2)]
    other = factories.create_pupil().pk
    assert school_pupil_ids(school.pk) == sorted(mine)
    about_mine = _row(log["ann"], "view", [other, mine[1]], minutes=70)
    _row(log["ann"], "view", [other], minutes=80)
    for school_ids in (
        school_pupil_ids(school.pk),
        Pupil.objects.filter(school=school).values("pk"),
    ):
        rows = log_rows(
            scope_user_ids=[log["ann"].pk],
            scope_pupil_ids=[],
            school_pupil_ids=school_ids,
            start=T0 + datetime.timedelta(minutes=70),  # the fixture's made-up ids may be these
        )
        assert _ids(rows) == [about_mine]


def test_the_paginator_counts_no_further_than_its_cap(log, monkeypatch):
    rows = log_rows(scope_user_ids=[log[n].pk for n in ("ann", "bob", "eve")], scope_pupil_ids=[])
    paginator = LogPaginator(rows, 2)
    assert (paginator.count, paginator.num_pages, paginator.capped) == (7, 4, False)
    assert _ids(paginator.page(4)) == [log["ann_list"]]

    monkeypatch.setattr(LogPaginator, "MAX_COUNT", 5)
    capped = LogPaginator(rows, 2)
    assert (capped.count, capped.num_pages, capped.capped) == (5, 3, True)
    assert _ids(capped.page(3)) == [log["bob_print"]]


def test_the_scope_s_pupils_may_be_a_subquery_of_any_field(log):
    school = factories.create_school()
    pupil = factories.create_pupil(school=school)
    about = _row(log["eve"], "view", [pupil.pk], minutes=90)
    from cases.models import Case

    factories.create_case(pupil=pupil)
    rows = log_rows(
        scope_user_ids=[],
        scope_pupil_ids=Case.objects.filter(pupil__school=school).values("pupil_id"),
        start=T0 + datetime.timedelta(minutes=70),
    )
    assert _ids(rows) == [about]


def test_database_sessions_compile_no_queries(db):
    # JIT compiling costs the review page's counts hundreds of milliseconds.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
