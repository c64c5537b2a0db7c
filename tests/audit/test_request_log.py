"""One row per request: what the access functions note while a request runs is written once,
by action, with every pupil it showed."""

from __future__ import annotations

from audit.log import Action, note, request_log
from audit.models import AccessLog
from cases.models import Case
from tests import factories


def _request(rf, user):
    request = rf.get("/dossiers/?pagina=2", REMOTE_ADDR="192.0.2.60")
    request.user = user
    return request


def test_notes_of_one_request_become_one_row_per_action(rf, db):
    user = factories.create_user()
    case = factories.create_case()
    with request_log(_request(rf, user)):
        note(Action.VIEW, [3, 4], obj=case, description="caseload")
        note(Action.VIEW, [4, 5, None], description="search")
        note(Action.REFUSED, [9])

    rows = {row.action: row for row in AccessLog.objects.all()}
    assert set(rows) == {"view", "refused"}
    assert rows["view"].pupil_ids == [3, 4, 5]
    assert rows["view"].object_ref == f"cases.case:{case.pk}"
    assert rows["view"].description == "caseload; search"
    assert rows["view"].path == "/dossiers/?pagina=2"
    assert rows["view"].ip_address == "192.0.2.60"
    assert rows["refused"].pupil_ids == [9]


def test_nothing_noted_writes_nothing(rf, db):
    with request_log(_request(rf, factories.create_user())):
        pass
    assert not AccessLog.objects.exists()


def test_outside_a_request_nothing_is_noted(db):
    note(Action.VIEW, [1])
    assert not AccessLog.objects.exists()


def test_a_shown_queryset_notes_the_rows_it_fetches_and_a_count_notes_none(rf, db):
    cases = [factories.create_case() for _ in range(3)]
    shown = Case.objects.order_by("pk").shown()
    with request_log(_request(rf, factories.create_user())):
        assert shown.count() == 3
        assert shown.exists()
        assert list(shown.values_list("pk", flat=True))
    assert not AccessLog.objects.exists()

    with request_log(_request(rf, factories.create_user())):
        page = list(shown.filter(pk__in=[c.pk for c in cases])[:2])
    assert AccessLog.objects.get().pupil_ids == [c.pupil_id for c in page]


def test_a_shown_queryset_follows_a_path_to_the_pupil(rf, db):
    case = factories.create_case()
    with request_log(_request(rf, factories.create_user())):
        assert Case.objects.filter(pk=case.pk).shown("pupil__pk").get() == case
    assert AccessLog.objects.get().pupil_ids == [case.pupil_id]


def test_an_unshown_queryset_notes_nothing(rf, db):
    factories.create_case()
    with request_log(_request(rf, factories.create_user())):
        assert list(Case.objects.all())
    assert not AccessLog.objects.exists()
