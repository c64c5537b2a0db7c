"""Time registration: the week view, and logging and correcting one's own indirect time."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import constants as message_levels
from django.urls import reverse
from django.utils import timezone

from cases import workflow
from cases.models import Case, Group
from smw.errors import Refused
from tests import factories
from timesheet.models import TimeEntry
from timesheet.week import iso_week, week_overview, week_start_of
from timesheet.workflow import delete_time, editable_since, log_time, update_time

Activity = TimeEntry.Activity
NOT_FOUND = 404

pytestmark = pytest.mark.django_db


def _today() -> datetime.date:
    return timezone.localdate()


def _entry(*, worker, school, on=None, minutes=60, activity=Activity.ZAT, **fields) -> TimeEntry:
    """An entry written straight to the table: the domain rules are not what is tested here."""
    return TimeEntry.objects.create(
        worker=worker,
        school=school,
        on=on or _today(),
        minutes=minutes,
        activity=activity,
        **fields,
    )


def _own_case(cast, school=None) -> Case:
    return factories.create_case(
        school=school or cast.school_a, caseworker=cast.worker, stage=Case.Stage.INTAKE
    )


def _form_data(cast, **overrides) -> dict:
    data = {
        "school": cast.school_a.pk,
        "on": _today().isoformat(),
        "minutes": "45",
        "activity": Activity.MEETING,
        "case": "",
        "note": "Overleg met de IB'er over groep 7",
    }
    return data | overrides


def _week_url(school, day) -> str:
    return f"{reverse('timesheet:week')}?school={school.pk}&week={iso_week(day)}"


def _messages(response) -> list:
    return list(response.context["messages"])


# --- The week view ---------------------------------------------------------------------------


@pytest.fixture
def busy_week(cast):
    """A week at school A: indirect time, a pupil contact and a group session with three
    participants; plus time elsewhere and in other weeks that must not count."""
    monday = week_start_of(_today())
    tuesday = monday + datetime.timedelta(days=1)
    worker, school = cast.worker, cast.school_a
    _entry(worker=worker, school=school, on=monday, minutes=60, activity=Activity.ZAT)
    _entry(worker=worker, school=school, on=monday, minutes=30, activity=Activity.CONSULTATION)
    _entry(worker=worker, school=school, on=tuesday, minutes=45, activity=Activity.ZAT)
    factories.create_contact(case=_own_case(cast), author=worker, held_on=monday, minutes=45)
    participants = [_own_case(cast) for _ in range(3)]
    group = Group.objects.create(
        school=school,
        worker=worker,
        name="Rouwgroep",
        kind=Group.Kind.GRIEF,
        started_on=monday - datetime.timedelta(days=14),
    )
    group.cases.set(participants)
    workflow.record_group_session(
        group, by=worker, held_on=tuesday, minutes=90, topic="Herinneringen", summary=""
    )
    # not this school, not this week, not this worker:
    _entry(worker=worker, school=cast.school_b, on=monday, minutes=120)
    _entry(worker=worker, school=school, on=monday - datetime.timedelta(days=1), minutes=120)
    _entry(worker=cast.other_worker, school=school, on=monday, minutes=120)
    factories.create_contact(
        case=_own_case(cast, school=cast.school_b), author=worker, held_on=monday, minutes=60
    )
    return monday


def test_week_sums_indirect_time_per_activity(cast, busy_week):
    overview = week_overview(cast.worker, cast.school_a, busy_week)
    assert overview["indirect"][Activity.ZAT] == Decimal("1.75")
    assert overview["indirect"][Activity.CONSULTATION] == Decimal("0.50")
    assert overview["indirect"][Activity.TRAVEL] == 0
    assert overview["indirect_hours"] == Decimal("2.25")


def test_group_session_with_three_participants_counts_once_as_direct_time(cast, busy_week):
    overview = week_overview(cast.worker, cast.school_a, busy_week)
    # 45 minutes with a pupil + one 90-minute session (three contacts in the files)
    assert overview["direct_hours"] == Decimal("2.25")
    assert overview["total_hours"] == Decimal("4.50")


def test_week_is_measured_against_the_contracted_hours_per_week(cast, busy_week):
    overview = week_overview(cast.worker, cast.school_a, busy_week)
    assert overview["contracted_hours"] == Decimal("5.0")  # 200 hours a year / 40 weeks
    assert overview["balance"] == Decimal("-0.50")
    assert overview["status"] == "under"


def test_week_shows_every_day_with_its_direct_and_indirect_hours(cast, busy_week):
    days = week_overview(cast.worker, cast.school_a, busy_week)["days"]
    assert [d["date"].weekday() for d in days] == list(range(7))
    monday, tuesday = days[0], days[1]
    zat = list(Activity).index(Activity.ZAT)
    assert monday["cells"][zat] == Decimal("1.00")
    assert monday["direct_hours"] == Decimal("0.75")
    assert monday["total_hours"] == Decimal("2.25")
    assert tuesday["direct_hours"] == Decimal("1.50")
    assert tuesday["total_hours"] == Decimal("2.25")
    assert days[6]["total_hours"] == 0


def test_more_than_contracted_is_shown_as_over(cast):
    monday = week_start_of(_today())
    _entry(worker=cast.worker, school=cast.school_a, on=monday, minutes=360)
    overview = week_overview(cast.worker, cast.school_a, monday)
    assert overview["status"] == "over"
    assert overview["balance_abs"] == Decimal("1.00")


def test_week_page_shows_the_requested_school_and_week(client, cast, busy_week):
    client.force_login(cast.worker)
    response = client.get(_week_url(cast.school_a, busy_week))
    assert response.status_code == 200
    overview = response.context["overview"]
    assert overview["school"] == cast.school_a
    assert overview["total_hours"] == Decimal("4.50")
    content = response.content.decode()
    assert "<caption>" in content and 'scope="row"' in content
    previous = busy_week - datetime.timedelta(days=7)
    assert iso_week(previous) in response.context["previous_url"]
    assert iso_week(busy_week + datetime.timedelta(days=7)) in response.context["next_url"]


def test_week_page_defaults_to_this_week_at_the_first_school(client, cast):
    client.force_login(cast.worker)
    response = client.get(reverse("timesheet:week"))
    assert response.status_code == 200
    overview = response.context["overview"]
    assert overview["school"] == cast.school_a
    assert overview["week_start"] == week_start_of(_today())


def test_week_page_refuses_a_school_the_worker_is_not_assigned_to(client, cast):
    client.force_login(cast.worker)
    response = client.get(_week_url(cast.school_c, _today()))
    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    assert "overview" not in response.context


def test_week_page_refuses_a_malformed_week(client, cast):
    client.force_login(cast.worker)
    response = client.get(
        reverse("timesheet:week"), {"school": cast.school_a.pk, "week": "2025-W99"}
    )
    assert "week" in response.context["form"].errors


def test_worker_without_assignment_sees_an_empty_state(client, cast):
    unassigned = factories.create_worker(organisation=cast.organisation)
    client.force_login(unassigned)
    response = client.get(reverse("timesheet:week"))
    assert response.status_code == 200
    assert response.context["no_assignment"] is True
    assert "overview" not in response.context


def test_hours_are_in_the_workers_navigation(client, cast):
    client.force_login(cast.worker)
    response = client.get(reverse("timesheet:week"))
    assert reverse("timesheet:week") in {i["url"] for i in response.context["nav_items"]}


# --- The editable window ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "since"),
    [
        (datetime.date(2025, 3, 15), datetime.date(2025, 2, 1)),
        (datetime.date(2025, 3, 1), datetime.date(2025, 2, 1)),
        (datetime.date(2025, 1, 31), datetime.date(2024, 12, 1)),
    ],
)
def test_editable_since_is_the_first_day_of_the_previous_month(today, since):
    assert editable_since(today) == since


# --- Registering ------------------------------------------------------------------------------


def test_worker_registers_time_and_returns_to_the_week(client, cast):
    client.force_login(cast.worker)
    response = client.post(reverse("timesheet:entry_new"), _form_data(cast))
    entry = TimeEntry.objects.get()
    assert (entry.worker, entry.school, entry.minutes) == (cast.worker, cast.school_a, 45)
    assert response.status_code == 302
    assert response["Location"] == _week_url(cast.school_a, _today())


def test_worker_registers_time_on_one_of_their_own_cases(client, cast):
    case = _own_case(cast)
    client.force_login(cast.worker)
    client.post(reverse("timesheet:entry_new"), _form_data(cast, case=case.pk))
    assert TimeEntry.objects.get().case == case


def test_a_future_date_is_refused_on_the_field_and_the_input_is_kept(client, cast):
    client.force_login(cast.worker)
    tomorrow = (_today() + datetime.timedelta(days=1)).isoformat()
    response = client.post(reverse("timesheet:entry_new"), _form_data(cast, on=tomorrow))
    assert response.status_code == 200
    assert "on" in response.context["form"].errors
    assert "groep 7" in response.content.decode()
    assert tomorrow in response.content.decode()
    assert not TimeEntry.objects.exists()


def test_an_unassigned_school_is_refused_on_the_field_and_the_input_is_kept(client, cast):
    client.force_login(cast.worker)
    response = client.post(
        reverse("timesheet:entry_new"), _form_data(cast, school=cast.school_c.pk)
    )
    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    assert "groep 7" in response.content.decode()
    assert not TimeEntry.objects.exists()


def test_a_date_before_the_previous_month_is_refused(client, cast):
    client.force_login(cast.worker)
    too_old = editable_since(_today()) - datetime.timedelta(days=1)
    response = client.post(reverse("timesheet:entry_new"), _form_data(cast, on=too_old.isoformat()))
    assert "on" in response.context["form"].errors
    assert not TimeEntry.objects.exists()


def test_a_colleagues_case_cannot_be_chosen(client, cast):
    colleague = factories.create_worker(organisation=cast.organisation, schools=[cast.school_a])
    case = factories.create_case(
        school=cast.school_a, caseworker=colleague, stage=Case.Stage.INTAKE
    )
    client.force_login(cast.worker)
    response = client.post(reverse("timesheet:entry_new"), _form_data(cast, case=case.pk))
    assert "case" in response.context["form"].errors
    assert not TimeEntry.objects.exists()


def test_a_case_at_another_school_is_refused_on_the_case_field(client, cast):
    case = _own_case(cast, school=cast.school_b)
    client.force_login(cast.worker)
    response = client.post(reverse("timesheet:entry_new"), _form_data(cast, case=case.pk))
    assert "case" in response.context["form"].errors
    assert not TimeEntry.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"minutes": ""}, "minutes"),
        ({"minutes": "0"}, "minutes"),
        ({"minutes": "1000"}, "minutes"),
        ({"minutes": "veel"}, "minutes"),
        ({"note": "x" * 201}, "note"),
        ({"activity": "koffie"}, "activity"),
        ({"on": "gisteren"}, "on"),
        ({"school": ""}, "school"),
    ],
)
def test_bad_input_is_refused(client, cast, overrides, field):
    client.force_login(cast.worker)
    response = client.post(reverse("timesheet:entry_new"), _form_data(cast, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not TimeEntry.objects.exists()


def test_an_empty_form_shows_every_required_field(client, cast):
    client.force_login(cast.worker)
    response = client.post(reverse("timesheet:entry_new"), {})
    assert set(response.context["form"].errors) == {"school", "on", "minutes", "activity"}
    assert not TimeEntry.objects.exists()


# --- Correcting -------------------------------------------------------------------------------


def test_worker_corrects_an_entry_of_this_month(client, cast):
    entry = _entry(worker=cast.worker, school=cast.school_a, on=_today().replace(day=1))
    client.force_login(cast.worker)
    assert client.get(reverse("timesheet:entry_edit", args=[entry.pk])).status_code == 200
    data = _form_data(cast, on=entry.on.isoformat(), minutes="90", school=cast.school_b.pk)
    response = client.post(reverse("timesheet:entry_edit", args=[entry.pk]), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.minutes, entry.school) == (90, cast.school_b)


def test_worker_corrects_an_entry_of_the_previous_month(client, cast):
    first_day = editable_since(_today())
    entry = _entry(worker=cast.worker, school=cast.school_a, on=first_day)
    client.force_login(cast.worker)
    data = _form_data(cast, on=first_day.isoformat(), minutes="75")
    response = client.post(reverse("timesheet:entry_edit", args=[entry.pk]), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.minutes == 75


def test_an_older_entry_cannot_be_edited_and_shows_why(client, cast):
    old_day = editable_since(_today()) - datetime.timedelta(days=1)
    entry = _entry(worker=cast.worker, school=cast.school_a, on=old_day, minutes=60)
    client.force_login(cast.worker)
    url = reverse("timesheet:entry_edit", args=[entry.pk])
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][1] == 302
    assert [m.level for m in _messages(response)] == [message_levels.ERROR]
    assert response.redirect_chain[-1][0] == _week_url(cast.school_a, old_day)
    client.post(url, _form_data(cast, minutes="90"))
    entry.refresh_from_db()
    assert entry.minutes == 60


def test_an_older_entry_cannot_be_deleted(client, cast):
    old_day = editable_since(_today()) - datetime.timedelta(days=1)
    entry = _entry(worker=cast.worker, school=cast.school_a, on=old_day)
    client.force_login(cast.worker)
    response = client.post(reverse("timesheet:entry_delete", args=[entry.pk]), follow=True)
    assert [m.level for m in _messages(response)] == [message_levels.ERROR]
    assert TimeEntry.objects.filter(pk=entry.pk).exists()


def test_an_entry_cannot_be_moved_out_of_the_window(client, cast):
    entry = _entry(worker=cast.worker, school=cast.school_a)
    too_old = editable_since(_today()) - datetime.timedelta(days=1)
    client.force_login(cast.worker)
    response = client.post(
        reverse("timesheet:entry_edit", args=[entry.pk]),
        _form_data(cast, on=too_old.isoformat(), note="verplaatst"),
    )
    assert "on" in response.context["form"].errors
    assert "verplaatst" in response.content.decode()
    entry.refresh_from_db()
    assert entry.on == _today()


def test_worker_deletes_an_entry_after_confirming(client, cast):
    entry = _entry(worker=cast.worker, school=cast.school_a)
    client.force_login(cast.worker)
    url = reverse("timesheet:entry_delete", args=[entry.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert TimeEntry.objects.filter(pk=entry.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not TimeEntry.objects.filter(pk=entry.pk).exists()


def test_another_workers_entry_is_404(client, cast):
    entry = _entry(worker=cast.other_worker, school=cast.school_c)
    client.force_login(cast.worker)
    assert client.get(reverse("timesheet:entry_edit", args=[entry.pk])).status_code == NOT_FOUND
    response = client.post(reverse("timesheet:entry_edit", args=[entry.pk]), _form_data(cast))
    assert response.status_code == NOT_FOUND
    assert client.get(reverse("timesheet:entry_delete", args=[entry.pk])).status_code == NOT_FOUND
    assert client.post(reverse("timesheet:entry_delete", args=[entry.pk])).status_code == NOT_FOUND
    assert TimeEntry.objects.filter(pk=entry.pk).exists()


# --- The domain functions refuse on their own --------------------------------------------------


def _fields(cast, **overrides) -> dict:
    fields = {
        "school": cast.school_a,
        "on": _today(),
        "minutes": 30,
        "activity": Activity.ADMIN,
        "case": None,
        "note": "",
    }
    return fields | overrides


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"on": datetime.date(2000, 1, 1)}, id="too-old"),
        pytest.param({"on": datetime.date(2999, 1, 1)}, id="future"),
    ],
)
def test_log_time_refuses_dates_outside_the_window(cast, overrides):
    with pytest.raises(Refused):
        log_time(cast.worker, **_fields(cast, **overrides))


def test_log_time_refuses_an_unassigned_school(cast):
    with pytest.raises(Refused):
        log_time(cast.worker, **_fields(cast, school=cast.school_c))


def test_log_time_refuses_a_case_that_is_not_the_workers_own(cast):
    case = factories.create_case(
        school=cast.school_a,
        caseworker=factories.create_worker(schools=[cast.school_a]),
        stage=Case.Stage.INTAKE,
    )
    with pytest.raises(Refused):
        log_time(cast.worker, **_fields(cast, case=case))


def test_update_and_delete_refuse_another_workers_entry(cast):
    entry = _entry(worker=cast.other_worker, school=cast.school_c)
    with pytest.raises(Refused):
        update_time(entry, cast.worker, minutes=30)
    with pytest.raises(Refused):
        delete_time(entry, cast.worker)
    assert TimeEntry.objects.filter(pk=entry.pk, minutes=60).exists()


# --- Who may open the pages -------------------------------------------------------------------


@pytest.mark.parametrize(
    "person", ["coordinator", "teamlead", "officer", "manager", "nobody", "other_coordinator"]
)
def test_every_time_page_is_404_for_anyone_who_is_not_a_worker(client, cast, person):
    entry = _entry(worker=cast.worker, school=cast.school_a)
    client.force_login(cast.by_name(person))
    urls = [
        reverse("timesheet:week"),
        reverse("timesheet:entry_new"),
        reverse("timesheet:entry_edit", args=[entry.pk]),
        reverse("timesheet:entry_delete", args=[entry.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == NOT_FOUND, url
        assert client.post(url, _form_data(cast)).status_code == NOT_FOUND, url
    assert TimeEntry.objects.filter(pk=entry.pk, minutes=60).exists()


def test_week_input_has_no_maxlength_and_refuses_a_long_value(client, cast):
    """A week input may not carry maxlength (valid HTML); a long value is refused by the field."""
    client.force_login(cast.worker)
    page = client.get(reverse("timesheet:week")).content.decode()
    week_input = page.split('name="week"', 1)[1].split(">", 1)[0]
    assert "maxlength" not in week_input
    response = client.get(
        reverse("timesheet:week"), {"school": cast.school_a.pk, "week": "2" * 500}
    )
    assert response.status_code == 200
    assert "week" in response.context["form"].errors
