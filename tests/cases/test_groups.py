"""Group work: a gespreksgroep with sessions, each session counted on each participant's case."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import workflow
from cases.models import Case, CaseEvent, Category, Contact, Group, GroupSession, Pupil
from tests import factories

TODAY = timezone.localdate()


def _case(*, worker, school, stage=Case.Stage.INTAKE, name="Sam") -> Case:
    """A case of `worker` at `school` (local until tests/factories.py has create_case)."""
    pupil = Pupil.objects.create(
        school=school, first_name=name, last_name="Jansen", date_of_birth=datetime.date(2015, 3, 1)
    )
    closed = {"closed_on": TODAY, "closure_reason": Case.ClosureReason.OTHER}
    return Case.objects.create(
        pupil=pupil,
        school=school,
        caseworker=worker,
        stage=stage,
        categories=[Category.GRIEF],
        source=Case.Source.TEACHER,
        noticed="Verdrietig sinds het overlijden van opa.",
        reported_by=worker,
        **(closed if stage == Case.Stage.CLOSED else {}),
    )


def _group(*, worker, school, cases, started_on=None) -> Group:
    group = Group.objects.create(
        school=school,
        worker=worker,
        name="Rouwgroep",
        kind=Group.Kind.GRIEF,
        started_on=started_on or TODAY - datetime.timedelta(days=14),
    )
    group.cases.set(cases)
    return group


@pytest.fixture
def group(cast) -> Group:
    cases = [_case(worker=cast.worker, school=cast.school_a, name=n) for n in ("Ada", "Bo")]
    return _group(worker=cast.worker, school=cast.school_a, cases=cases)


def _session_data(**overrides) -> dict:
    return {
        "held_on": TODAY.isoformat(),
        "minutes": "60",
        "topic": "Herinneringen",
        "summary": "Iedereen bracht een foto mee en vertelde erover.",
    } | overrides


def _group_data(cast, cases, **overrides) -> dict:
    return {
        "school": cast.school_a.pk,
        "name": "Rouwgroep groep 7",
        "kind": Group.Kind.GRIEF,
        "started_on": TODAY.isoformat(),
        "participants": [c.pk for c in cases],
    } | overrides


# --- Who may open the pages ------------------------------------------------------------------


def _urls(group: Group) -> list[str]:
    return [
        reverse("cases:group_list"),
        reverse("cases:group_new"),
        reverse("cases:group_detail", args=[group.pk]),
        reverse("cases:group_session_new", args=[group.pk]),
    ]


def test_worker_opens_every_group_page(client, cast, group):
    client.force_login(cast.worker)
    for url in _urls(group):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("person", ["coordinator", "teamlead", "officer", "manager", "nobody"])
def test_group_pages_are_404_for_anyone_who_is_not_a_worker(client, cast, group, person):
    client.force_login(cast.by_name(person))
    for url in _urls(group):
        assert client.get(url).status_code == 404, url


def test_another_worker_cannot_open_or_add_to_the_group(client, cast, group):
    # the other worker's own pages work, but this group does not exist for them
    client.force_login(cast.other_worker)
    assert client.get(reverse("cases:group_detail", args=[group.pk])).status_code == 404
    url = reverse("cases:group_session_new", args=[group.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _session_data()).status_code == 404
    assert not GroupSession.objects.exists()
    assert group not in client.get(reverse("cases:group_list")).context["groups"]


def test_group_at_a_school_the_worker_left_is_404(client, cast):
    cases = [_case(worker=cast.worker, school=cast.school_c, name=n) for n in ("Ada", "Bo")]
    old = _group(worker=cast.worker, school=cast.school_c, cases=cases)
    client.force_login(cast.worker)
    assert client.get(reverse("cases:group_detail", args=[old.pk])).status_code == 404


def test_missing_group_is_404(client, cast):
    client.force_login(cast.worker)
    assert client.get(reverse("cases:group_detail", args=[999999])).status_code == 404


def test_navigation_offers_groups_and_consultations_to_workers_only(client, cast):
    client.force_login(cast.worker)
    urls = {i["url"] for i in client.get(reverse("cases:group_list")).context["nav_items"]}
    assert {reverse("cases:group_list"), reverse("cases:consultation_list")} <= urls
    client.force_login(cast.coordinator)
    urls = {i["url"] for i in client.get(reverse("cases:school")).context["nav_items"]}
    assert reverse("cases:group_list") not in urls
    assert reverse("cases:consultation_list") not in urls


# --- Lists and detail ------------------------------------------------------------------------


def test_empty_group_list_says_so(client, cast):
    client.force_login(cast.worker)
    response = client.get(reverse("cases:group_list"))
    assert response.context["groups"] == []
    assert "alert-info" in response.content.decode()


def test_group_list_counts_participants_and_sessions(client, cast, group):
    workflow.record_group_session(
        group, by=cast.worker, held_on=TODAY, minutes=45, topic="Start", summary="Kennismaking."
    )
    client.force_login(cast.worker)
    (listed,) = client.get(reverse("cases:group_list")).context["groups"]
    assert (listed.participant_count, listed.session_count) == (2, 1)
    assert listed.last_session_on == TODAY


def test_group_detail_shows_participants_and_sessions(client, cast, group):
    workflow.record_group_session(
        group, by=cast.worker, held_on=TODAY, minutes=45, topic="Boosheid", summary="Gesprek."
    )
    client.force_login(cast.worker)
    response = client.get(reverse("cases:group_detail", args=[group.pk]))
    html = response.content.decode()
    assert "Ada Jansen" in html and "Bo Jansen" in html
    assert "Boosheid" in html
    assert [s.minutes for s in response.context["sessions"]] == [45]


# --- Starting a group ------------------------------------------------------------------------


def test_worker_starts_a_group_with_own_open_cases(client, cast):
    cases = [_case(worker=cast.worker, school=cast.school_a, name=n) for n in ("Ada", "Bo")]
    client.force_login(cast.worker)
    response = client.post(reverse("cases:group_new"), _group_data(cast, cases))
    group = Group.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:group_detail", args=[group.pk])
    assert (group.worker, group.school) == (cast.worker, cast.school_a)
    assert set(group.cases.all()) == set(cases)


def test_group_with_a_pupil_of_another_school_is_refused(client, cast):
    cases = [
        _case(worker=cast.worker, school=cast.school_a, name="Ada"),
        _case(worker=cast.worker, school=cast.school_b, name="Bo"),
    ]
    client.force_login(cast.worker)
    response = client.post(reverse("cases:group_new"), _group_data(cast, cases))
    assert response.status_code == 200
    assert "participants" in response.context["form"].errors
    assert not Group.objects.exists()


def test_group_with_another_workers_case_is_refused(client, cast):
    colleague = factories.create_worker(schools=[cast.school_a])
    cases = [
        _case(worker=cast.worker, school=cast.school_a, name="Ada"),
        _case(worker=colleague, school=cast.school_a, name="Bo"),
    ]
    client.force_login(cast.worker)
    response = client.post(reverse("cases:group_new"), _group_data(cast, cases))
    assert "participants" in response.context["form"].errors
    assert not Group.objects.exists()


def test_group_with_a_closed_case_is_refused(client, cast):
    cases = [
        _case(worker=cast.worker, school=cast.school_a, name="Ada"),
        _case(worker=cast.worker, school=cast.school_a, name="Bo", stage=Case.Stage.CLOSED),
    ]
    client.force_login(cast.worker)
    response = client.post(reverse("cases:group_new"), _group_data(cast, cases))
    assert "participants" in response.context["form"].errors
    assert not Group.objects.exists()


def test_group_needs_two_participants(client, cast):
    cases = [_case(worker=cast.worker, school=cast.school_a)]
    client.force_login(cast.worker)
    response = client.post(reverse("cases:group_new"), _group_data(cast, cases))
    assert "participants" in response.context["form"].errors
    assert not Group.objects.exists()


def test_group_at_a_school_the_worker_is_not_assigned_to_is_refused(client, cast):
    cases = [_case(worker=cast.worker, school=cast.school_c, name=n) for n in ("Ada", "Bo")]
    client.force_login(cast.worker)
    data = _group_data(cast, cases, school=cast.school_c.pk)
    response = client.post(reverse("cases:group_new"), data)
    assert "school" in response.context["form"].errors
    assert not Group.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("name", "Rouwgroep " * 11),
        ("started_on", ""),
        ("started_on", (TODAY + datetime.timedelta(days=61)).isoformat()),
        ("started_on", (TODAY - datetime.timedelta(days=400)).isoformat()),
        ("kind", "tovergroep"),
    ],
)
def test_bad_group_input_is_refused_on_the_field(client, cast, field, value):
    cases = [_case(worker=cast.worker, school=cast.school_a, name=n) for n in ("Ada", "Bo")]
    client.force_login(cast.worker)
    data = _group_data(cast, cases, **{field: value})
    response = client.post(reverse("cases:group_new"), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not Group.objects.exists()


def test_refused_group_keeps_the_typed_input(client, cast):
    cases = [_case(worker=cast.worker, school=cast.school_a, name=n) for n in ("Ada", "Bo")]
    client.force_login(cast.worker)
    data = _group_data(cast, cases, name="Rouwgroep na de zomer", participants=[cases[0].pk])
    html = client.post(reverse("cases:group_new"), data).content.decode()
    assert 'value="Rouwgroep na de zomer"' in html
    assert re.search(rf'value="{cases[0].pk}"[^>]*checked', html)
    assert not re.search(rf'value="{cases[1].pk}"[^>]*checked', html)


def test_start_group_refuses_another_workers_case(cast):
    # the workflow holds the rule too, whatever page or script calls it
    colleague = factories.create_worker(schools=[cast.school_a])
    cases = [
        _case(worker=cast.worker, school=cast.school_a, name="Ada"),
        _case(worker=colleague, school=cast.school_a, name="Bo"),
    ]
    with pytest.raises(workflow.TransitionRefused):
        workflow.start_group(
            by=cast.worker,
            school=cast.school_a,
            name="Rouwgroep",
            kind=Group.Kind.GRIEF,
            started_on=TODAY,
            cases=cases,
        )
    assert not Group.objects.exists()


# --- Sessions --------------------------------------------------------------------------------


def test_session_adds_one_contact_to_each_open_participant_case(client, cast):
    ada, bo = (_case(worker=cast.worker, school=cast.school_a, name=n) for n in ("Ada", "Bo"))
    closed = _case(worker=cast.worker, school=cast.school_a, name="Cas", stage=Case.Stage.CLOSED)
    group = _group(worker=cast.worker, school=cast.school_a, cases=[ada, bo, closed])
    client.force_login(cast.worker)
    response = client.post(
        reverse("cases:group_session_new", args=[group.pk]), _session_data(minutes="75")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:group_detail", args=[group.pk])
    session = GroupSession.objects.get()
    assert (session.group, session.minutes, session.topic) == (group, 75, "Herinneringen")
    for case in (ada, bo):
        (contact,) = case.contacts.all()
        assert (contact.kind, contact.minutes, contact.group_session) == (
            Contact.Kind.GROUP,
            75,
            session,
        )
        assert contact.summary == "Iedereen bracht een foto mee en vertelde erover."
        assert case.events.filter(kind=CaseEvent.Kind.CONTACT).count() == 1
    assert not closed.contacts.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("held_on", ""),
        ("held_on", (TODAY + datetime.timedelta(days=1)).isoformat()),
        ("held_on", (TODAY - datetime.timedelta(days=15)).isoformat()),  # before the start
        ("minutes", ""),
        ("minutes", "0"),
        ("minutes", "4"),
        ("minutes", "1000"),
        ("topic", ""),
        ("topic", "x" * 201),
        ("summary", ""),
        ("summary", "   "),
        ("summary", "x" * 4001),
    ],
)
def test_bad_session_input_is_refused_on_the_field(client, cast, group, field, value):
    client.force_login(cast.worker)
    url = reverse("cases:group_session_new", args=[group.pk])
    response = client.post(url, _session_data(**{field: value}))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not GroupSession.objects.exists()
    assert not Contact.objects.exists()


def test_refused_session_keeps_the_typed_text(client, cast, group):
    client.force_login(cast.worker)
    url = reverse("cases:group_session_new", args=[group.pk])
    response = client.post(url, _session_data(minutes="1000", summary="Een eigen verhaal."))
    html = response.content.decode()
    assert "minutes" in response.context["form"].errors
    assert "Een eigen verhaal." in html
    assert 'value="Herinneringen"' in html
    assert 'value="1000"' in html


def test_empty_session_form_shows_every_required_field(client, cast, group):
    client.force_login(cast.worker)
    url = reverse("cases:group_session_new", args=[group.pk])
    response = client.post(url, {})
    assert set(response.context["form"].errors) == {"held_on", "minutes", "topic", "summary"}
    assert "is-invalid" in response.content.decode()
