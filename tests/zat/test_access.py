"""Every ZAT page against every person in the cast, and the cost of a long agenda.

A meeting is seen by the coordinator of its school (who runs it) and the workers assigned to
the school this year. Outside that scope is 404; a worker managing the attendee list is 403.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Case
from tests import factories
from tests.conftest import PEOPLE
from zat.models import ActionPoint, AgendaItem, Meeting

from .helpers import create_action, create_guest, create_item, create_meeting, local_time

OK, FOUND, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404

RUNS = {"coordinator": OK}
TAKES_PART = {"coordinator": OK, "worker": OK}
# page -> {person: status}; everyone not named gets 404. The meeting is at school A: the
# coordinator runs it and `worker` is assigned there; the other worker and coordinator are at C.
MATRIX: dict[str, dict[str, int]] = {
    "list": TAKES_PART | {"other_worker": OK, "other_coordinator": OK},
    "new": RUNS | {"other_coordinator": OK},
    "detail": TAKES_PART,
    "attendee_add": RUNS | {"worker": FORBIDDEN},
    "item_add": TAKES_PART,
    "minutes": TAKES_PART,
    "item": TAKES_PART,
    "action_toggle": {"coordinator": FOUND, "worker": FOUND},
}
POST_PAGES = {"action_toggle"}


@pytest.fixture
def meeting(cast) -> Meeting:
    """Next week's ZAT at school A with one anonymous item and one action point."""
    meeting = create_meeting(school=cast.school_a, chair=cast.coordinator, starts_at=local_time(7))
    create_action(item=create_item(meeting=meeting, anonymous_label="leerling groep 7"))
    return meeting


def _url(page: str, meeting: Meeting) -> str:
    name = f"zat:{page}"
    if page in ("list", "new"):
        return reverse(name)
    if page == "item":
        return reverse(name, args=[meeting.items.get().pk])
    if page == "action_toggle":
        return reverse(name, args=[ActionPoint.objects.get(item__meeting=meeting).pk])
    return reverse(name, args=[meeting.pk])


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("page", MATRIX)
def test_zat_page_access(cast, meeting, page, person):
    client = Client()
    client.force_login(cast.by_name(person))
    url = _url(page, meeting)

    response = client.post(url) if page in POST_PAGES else client.get(url)

    assert response.status_code == MATRIX[page].get(person, NOT_FOUND)


def test_meeting_list_shows_only_meetings_in_scope(cast, meeting):
    create_meeting(school=cast.school_c, chair=cast.other_coordinator, starts_at=local_time(8))

    def listed(person: str) -> list[Meeting]:
        client = Client()
        client.force_login(cast.by_name(person))
        return client.get(reverse("zat:list")).context["upcoming"]

    assert [m.school for m in listed("coordinator")] == [cast.school_a]
    assert [m.school for m in listed("worker")] == [cast.school_a]
    assert [m.school for m in listed("other_coordinator")] == [cast.school_c]


@pytest.mark.parametrize("person", ["other_worker", "other_coordinator", "teamlead"])
def test_action_toggle_outside_scope_changes_nothing(cast, meeting, person):
    client = Client()
    client.force_login(cast.by_name(person))

    client.post(_url("action_toggle", meeting))

    assert ActionPoint.objects.get().done_on is None


def test_worker_cannot_post_an_attendee(cast, meeting):
    client = Client()
    client.force_login(cast.worker)

    response = client.post(_url("attendee_add", meeting), {"name": "Ilse Post"})

    assert response.status_code == FORBIDDEN
    assert meeting.attendees.count() == 1


def test_worker_ticks_off_an_action_and_returns_to_the_meeting(cast, meeting):
    client = Client()
    client.force_login(cast.worker)

    response = client.post(_url("action_toggle", meeting), {"meeting": meeting.pk})

    assert response.url == reverse("zat:detail", args=[meeting.pk])
    assert ActionPoint.objects.get().done


# --- A long agenda costs no extra queries -----------------------------------------------------


def _add_named_items(cast, meeting: Meeting, count: int) -> None:
    """`count` named items, each with consent and an action point (a guest's or the chair's),
    and as many open action points from the previous meeting."""
    guest = create_guest(meeting=meeting)
    previous = Meeting.objects.filter(school=meeting.school, starts_at__lt=meeting.starts_at).get()
    for n in range(count):
        case = factories.create_case(
            school=cast.school_a, caseworker=cast.worker, stage=Case.Stage.SIGNAL
        )
        item = create_item(meeting=meeting, case=case, advice="Advies.")
        create_action(item=item, owner_guest=guest if n % 2 else None)
        create_action(item=create_item(meeting=previous, case=case), owner_guest=None)


@pytest.fixture
def long_agenda(cast):
    """A client of the coordinator, a meeting with a previous one, and a way to fill it."""
    create_meeting(school=cast.school_a, chair=cast.coordinator, starts_at=local_time(-30))
    meeting = create_meeting(school=cast.school_a, chair=cast.coordinator, starts_at=local_time(7))
    client = Client()
    client.force_login(cast.coordinator)
    return client, meeting, lambda count: _add_named_items(cast, meeting, count)


def _queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_meeting_page_queries_do_not_grow_with_the_agenda(long_agenda):
    client, meeting, add = long_agenda
    url = reverse("zat:detail", args=[meeting.pk])
    add(1)
    client.get(url)  # warm the caches that a first request fills

    one = _queries(client, url)
    add(29)
    thirty = _queries(client, url)

    assert AgendaItem.objects.filter(meeting=meeting).count() == 30
    assert len(thirty) == len(one)


def test_minutes_queries_do_not_grow_with_the_agenda(long_agenda):
    # the access log gets one row naming every pupil, written in one INSERT
    # (which rides in the session's UPDATE statement when the session is saved)
    client, meeting, add = long_agenda
    url = reverse("zat:minutes", args=[meeting.pk])
    add(1)
    client.get(url)

    one = _queries(client, url)
    add(29)
    thirty = _queries(client, url)

    def is_log(sql: str) -> bool:
        return 'INSERT INTO "audit_accesslog"' in sql

    assert sum(map(is_log, one)) == sum(map(is_log, thirty)) == 1
    assert len(thirty) == len(one)
    from audit.models import AccessLog

    last = AccessLog.objects.filter(object_ref=f"zat.meeting:{meeting.pk}", action="print").first()
    assert len(set(last.pupil_ids)) == len(last.pupil_ids) == 30
