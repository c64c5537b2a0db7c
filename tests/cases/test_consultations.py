"""Consultations: advice to a teacher or IB'er, tied to one of the worker's cases or anonymous."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, CaseEvent, Category, Consultation, Pupil
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
        categories=[Category.BEHAVIOUR],
        source=Case.Source.TEACHER,
        noticed="Onrustig in de klas.",
        reported_by=worker,
        **(closed if stage == Case.Stage.CLOSED else {}),
    )


def _consultation(*, worker, school, case=None, held_on=None) -> Consultation:
    return Consultation.objects.create(
        worker=worker,
        school=school,
        case=case,
        held_on=held_on or TODAY,
        minutes=30,
        with_whom=Consultation.With.TEACHER,
        question="Hoe ga ik om met een onrustige klas?",
        advice="Vaste structuur aan het begin van de dag.",
    )


def _data(cast, **overrides) -> dict:
    return {
        "school": cast.school_a.pk,
        "case": "",
        "held_on": TODAY.isoformat(),
        "minutes": "30",
        "with_whom": Consultation.With.TEACHER,
        "question": "Hoe ga ik om met een onrustige klas?",
        "advice": "Vaste structuur aan het begin van de dag.",
    } | overrides


URLS = ["cases:consultation_list", "cases:consultation_new"]


# --- Who may open the pages ------------------------------------------------------------------


@pytest.mark.parametrize("name", URLS)
def test_worker_opens_the_consultation_pages(client, cast, name):
    client.force_login(cast.worker)
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize("person", ["coordinator", "teamlead", "officer", "manager", "nobody"])
def test_consultation_pages_are_404_for_anyone_who_is_not_a_worker(client, cast, name, person):
    client.force_login(cast.by_name(person))
    assert client.get(reverse(name)).status_code == 404


def test_non_worker_cannot_post_a_consultation(client, cast):
    client.force_login(cast.coordinator)
    assert client.post(reverse("cases:consultation_new"), _data(cast)).status_code == 404
    assert not Consultation.objects.exists()


def test_worker_sees_only_own_consultations(client, cast):
    mine = _consultation(worker=cast.worker, school=cast.school_a)
    _consultation(worker=cast.other_worker, school=cast.school_c)
    client.force_login(cast.worker)
    response = client.get(reverse("cases:consultation_list"))
    assert list(response.context["page"].object_list) == [mine]
    assert "School C" not in response.content.decode()


# --- The list --------------------------------------------------------------------------------


def test_empty_consultation_list_says_so(client, cast):
    client.force_login(cast.worker)
    response = client.get(reverse("cases:consultation_list"))
    assert not response.context["page"].object_list
    assert "alert-info" in response.content.decode()


def test_consultation_list_shows_case_or_anonymous(client, cast):
    case = _case(worker=cast.worker, school=cast.school_a, name="Ada")
    _consultation(worker=cast.worker, school=cast.school_a, case=case)
    _consultation(worker=cast.worker, school=cast.school_b)
    client.force_login(cast.worker)
    html = client.get(reverse("cases:consultation_list")).content.decode()
    assert "Ada Jansen" in html
    assert reverse("cases:detail", args=[case.pk]) in html
    assert "School B" in html


def test_consultation_list_is_paginated(client, cast):
    for days in range(30):
        _consultation(
            worker=cast.worker, school=cast.school_a, held_on=TODAY - datetime.timedelta(days)
        )
    client.force_login(cast.worker)
    first = client.get(reverse("cases:consultation_list"))
    assert len(first.context["page"].object_list) == 25
    assert first.context["page"].object_list[0].held_on == TODAY
    second = client.get(reverse("cases:consultation_list") + "?page=2")
    assert len(second.context["page"].object_list) == 5


# --- Recording a consultation ----------------------------------------------------------------


def test_anonymous_consultation_stores_no_case(client, cast):
    client.force_login(cast.worker)
    response = client.post(reverse("cases:consultation_new"), _data(cast))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:consultation_list")
    consultation = Consultation.objects.get()
    assert consultation.case is None
    assert (consultation.worker, consultation.school) == (cast.worker, cast.school_a)
    assert not CaseEvent.objects.exists()


def test_consultation_about_own_case_is_tied_to_it(client, cast):
    case = _case(worker=cast.worker, school=cast.school_a)
    client.force_login(cast.worker)
    response = client.post(reverse("cases:consultation_new"), _data(cast, case=case.pk))
    assert response.status_code == 302
    assert Consultation.objects.get().case == case
    assert case.events.filter(kind=CaseEvent.Kind.CONTACT).count() == 1


def test_consultation_about_a_case_of_another_school_is_refused(client, cast):
    case = _case(worker=cast.worker, school=cast.school_b)
    client.force_login(cast.worker)
    response = client.post(reverse("cases:consultation_new"), _data(cast, case=case.pk))
    assert list(response.context["form"].errors) == ["case"]
    assert not Consultation.objects.exists()


@pytest.mark.parametrize("whose", ["colleague", "closed"])
def test_consultation_about_a_case_not_in_own_caseload_is_refused(client, cast, whose):
    if whose == "colleague":
        colleague = factories.create_worker(schools=[cast.school_a])
        case = _case(worker=colleague, school=cast.school_a)
    else:
        case = _case(worker=cast.worker, school=cast.school_a, stage=Case.Stage.CLOSED)
    client.force_login(cast.worker)
    response = client.post(reverse("cases:consultation_new"), _data(cast, case=case.pk))
    assert list(response.context["form"].errors) == ["case"]
    assert not Consultation.objects.exists()


def test_consultation_at_a_school_the_worker_is_not_assigned_to_is_refused(client, cast):
    client.force_login(cast.worker)
    response = client.post(reverse("cases:consultation_new"), _data(cast, school=cast.school_c.pk))
    assert list(response.context["form"].errors) == ["school"]
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("held_on", ""),
        ("held_on", (TODAY + datetime.timedelta(days=1)).isoformat()),
        ("minutes", ""),
        ("minutes", "0"),
        ("minutes", "1000"),
        ("with_whom", ""),
        ("question", ""),
        ("question", "x" * 2001),
        ("advice", ""),
        ("advice", "x" * 2001),
    ],
)
def test_bad_consultation_input_is_refused_on_the_field(client, cast, field, value):
    client.force_login(cast.worker)
    response = client.post(reverse("cases:consultation_new"), _data(cast, **{field: value}))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not Consultation.objects.exists()


def test_refused_consultation_keeps_the_typed_text(client, cast):
    client.force_login(cast.worker)
    data = _data(cast, minutes="0", question="Mag ik dit delen met de ouders?")
    html = client.post(reverse("cases:consultation_new"), data).content.decode()
    assert "Mag ik dit delen met de ouders?" in html
    assert "Vaste structuur aan het begin van de dag." in html
    assert 'value="0"' in html
    assert "is-invalid" in html


def test_empty_consultation_form_shows_every_required_field(client, cast):
    client.force_login(cast.worker)
    response = client.post(reverse("cases:consultation_new"), {})
    assert set(response.context["form"].errors) == {
        "school",
        "held_on",
        "minutes",
        "with_whom",
        "question",
        "advice",
    }
