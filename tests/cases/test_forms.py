"""Bad input on every case form: the page comes back with the error on the right field and
everything that was typed still in it; nothing is saved.

The Dutch catalogue is still being written, so these tests look at which field has an error,
never at the wording.
"""

from __future__ import annotations

import datetime
import re
from html import escape

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLog
from cases.forms import IntakeForm
from cases.models import Case, Contact, Guardian, Intake, Plan, Pupil
from tests import factories

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def refused(client, url: str, data: dict, form: str = "form"):
    """POST `data`; the same page must come back (200) with errors. Returns (errors, html)."""
    response = client.post(url, data)
    assert response.status_code == 200, response.get("Location")
    errors = response.context[form].errors
    assert errors
    return errors, response.content.decode()


def typed(value) -> str:
    """How a typed value appears in the re-rendered HTML."""
    return escape(value.isoformat() if isinstance(value, datetime.date) else str(value))


@pytest.fixture
def worker_client(client, cast):
    client.force_login(cast.worker)
    return client


def managed_case(cast, stage: str) -> Case:
    return factories.create_case(school=cast.school_a, caseworker=cast.worker, stage=stage)


# --- Signal -------------------------------------------------------------------------------------

NOTICED = "Sem wordt in de pauze steeds buitengesloten door klasgenoten."


def signal_data(cast, **changes) -> dict:
    data = {
        "school": cast.school_a.pk,
        "first_name": "Sem",
        "last_name": "de Vries",
        "date_of_birth": days_ago(365 * 9),
        "group": "6b",
        "categories": ["pesten"],
        "noticed": NOTICED,
        "source": "leerkracht",
        "signalled_on": TODAY,
        "parents_informed": "on",
        "parents_agree": "on",
    }
    data |= changes
    return {key: value for key, value in data.items() if value is not None}


SIGNAL_REQUIRED = [
    "school",
    "first_name",
    "last_name",
    "date_of_birth",
    "categories",
    "noticed",
    "source",
    "signalled_on",
]
SIGNAL_TOO_LONG = {
    "first_name": "S" * 101,
    "last_name": "V" * 101,
    "group": "6" * 21,
    "noticed": "Gepest. " * 501,  # over 4000 characters
}


def assert_signal_not_saved():
    assert not Pupil.objects.exists()
    assert not Case.objects.exists()


def test_signal_form_requires_every_field_but_group_and_parents(worker_client, cast):
    errors, html = refused(
        worker_client,
        reverse("cases:signal_new"),
        signal_data(cast, **dict.fromkeys(SIGNAL_REQUIRED)),
    )

    assert set(errors) == set(SIGNAL_REQUIRED)
    assert 'name="group" value="6b"' in html
    assert_signal_not_saved()


def test_signal_form_rejects_too_long_text(worker_client, cast):
    errors, html = refused(
        worker_client, reverse("cases:signal_new"), signal_data(cast, **SIGNAL_TOO_LONG)
    )

    assert set(errors) == set(SIGNAL_TOO_LONG)
    for value in SIGNAL_TOO_LONG.values():
        assert typed(value) in html
    assert_signal_not_saved()


def test_signal_form_rejects_future_dates(worker_client, cast):
    errors, html = refused(
        worker_client,
        reverse("cases:signal_new"),
        signal_data(cast, date_of_birth=TOMORROW, signalled_on=TOMORROW),
    )

    assert set(errors) == {"date_of_birth", "signalled_on"}
    assert typed(TOMORROW) in html
    assert typed(NOTICED) in html
    assert_signal_not_saved()


SIGNAL_INCONSISTENT = [
    ("date_of_birth", days_ago(365 * 40 + 10)),  # a pupil of 40
    ("date_of_birth", days_ago(300)),  # a baby
    ("signalled_on", days_ago(2 * 365)),  # too long ago to be a new signal
    ("noticed", "Boos"),  # not a sentence
    ("source", "buurman"),
    ("categories", ["geen_categorie"]),
]


@pytest.mark.parametrize(("field", "value"), SIGNAL_INCONSISTENT, ids=lambda v: str(v)[:12])
def test_signal_form_rejects_implausible_value(worker_client, cast, field, value):
    errors, html = refused(
        worker_client, reverse("cases:signal_new"), signal_data(cast, **{field: value})
    )

    assert list(errors) == [field]
    if field != "categories":
        assert typed(value) in html
    assert typed(NOTICED if field != "noticed" else "de Vries") in html
    assert_signal_not_saved()


def test_signal_form_refuses_parents_agree_without_being_informed(worker_client, cast):
    errors, html = refused(
        worker_client, reverse("cases:signal_new"), signal_data(cast, parents_informed=None)
    )

    assert list(errors) == ["parents_informed"]
    assert re.search(r'name="parents_agree"[^>]*checked', html)
    assert_signal_not_saved()


def test_signal_form_refuses_a_school_outside_ones_own(worker_client, cast):
    errors, html = refused(
        worker_client, reverse("cases:signal_new"), signal_data(cast, school=cast.school_c.pk)
    )

    assert list(errors) == ["school"]
    assert typed(NOTICED) in html
    assert_signal_not_saved()


def test_valid_signal_is_registered(worker_client, cast):
    # the same data the other tests spoil: proof that each of them fails on its own field
    response = worker_client.post(reverse("cases:signal_new"), signal_data(cast))

    case = Case.objects.get()
    assert response.status_code == 302
    assert (case.pupil.full_name, case.caseworker) == ("Sem de Vries", cast.worker)


# --- Likely duplicates --------------------------------------------------------------------------


@pytest.fixture
def daan(cast) -> Pupil:
    """Daan Jansen, known from an earlier (closed) case at school A."""
    pupil = factories.create_pupil(
        school=cast.school_a, first_name="Daan", last_name="Jansen", date_of_birth=days_ago(3400)
    )
    factories.create_case(pupil=pupil, caseworker=cast.worker, stage=Case.Stage.CLOSED)
    return pupil


def dan_jansen(cast, daan, **changes) -> dict:
    return signal_data(
        cast, first_name="Dan", last_name="Jansen", date_of_birth=daan.date_of_birth, **changes
    )


def test_likely_duplicate_is_shown_and_no_pupil_is_created(worker_client, cast, daan):
    response = worker_client.post(reverse("cases:signal_new"), dan_jansen(cast, daan))

    assert response.status_code == 200
    assert response.context["duplicates"] == [daan]
    assert response.context["form"].non_field_errors()
    html = response.content.decode()
    assert "Daan Jansen" in html
    assert f'name="existing_pupil" value="{daan.pk}"' in html
    assert 'name="confirm_new"' in html
    assert typed(NOTICED) in html
    assert list(Pupil.objects.all()) == [daan]
    assert daan.cases.count() == 1


def test_choosing_the_existing_pupil_registers_the_signal_on_them(worker_client, cast, daan):
    response = worker_client.post(
        reverse("cases:signal_new"), dan_jansen(cast, daan, existing_pupil=daan.pk)
    )

    assert response.status_code == 302
    assert list(Pupil.objects.all()) == [daan]
    assert daan.cases.open().get().noticed == NOTICED


def test_confirming_a_different_pupil_registers_a_new_one(worker_client, cast, daan):
    response = worker_client.post(
        reverse("cases:signal_new"), dan_jansen(cast, daan, confirm_new="on")
    )

    assert response.status_code == 302
    dan = Pupil.objects.get(first_name="Dan")
    assert (dan.last_name, dan.school) == ("Jansen", cast.school_a)
    assert daan.cases.count() == 1


def test_a_pupil_with_an_open_case_is_refused_with_a_link_to_it(worker_client, cast, daan):
    open_case = factories.create_case(pupil=daan, caseworker=cast.worker)

    errors, html = refused(
        worker_client, reverse("cases:signal_new"), dan_jansen(cast, daan, existing_pupil=daan.pk)
    )

    assert "Deze leerling heeft al een open dossier." in errors["__all__"][0]
    assert f'href="{reverse("cases:detail", args=[open_case.pk])}"' in html
    assert typed(NOTICED) in html
    assert daan.cases.open().get() == open_case


def test_the_open_case_linked_from_the_refusal_is_in_the_access_log(worker_client, cast, daan):
    open_case = factories.create_case(pupil=daan, caseworker=cast.worker)

    refused(
        worker_client, reverse("cases:signal_new"), dan_jansen(cast, daan, existing_pupil=daan.pk)
    )

    assert AccessLog.objects.filter(
        user=cast.worker, action=AccessLog.Action.VIEW, pupil_ids__contains=[daan.pk]
    ).exists()
    assert open_case.is_open


def test_an_open_case_one_may_not_see_is_refused_without_a_link(client, cast, daan):
    # a colleague at the same school who is not the case manager must not learn its number
    colleague = factories.create_worker(schools=[cast.school_a])
    open_case = factories.create_case(pupil=daan, caseworker=cast.worker)
    client.force_login(colleague)

    errors, html = refused(
        client, reverse("cases:signal_new"), dan_jansen(cast, daan, existing_pupil=daan.pk)
    )

    assert errors["__all__"] == ["Deze leerling heeft al een open dossier."]
    assert reverse("cases:detail", args=[open_case.pk]) not in html
    assert typed(NOTICED) in html


def test_a_pupil_of_another_school_cannot_be_chosen(worker_client, cast):
    elsewhere = factories.create_pupil(school=cast.school_c, first_name="Dan", last_name="Jansen")

    response = worker_client.post(
        reverse("cases:signal_new"),
        signal_data(cast, first_name="Dan", last_name="Jansen", existing_pupil=elsewhere.pk),
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Case.objects.exists()


def test_duplicates_show_while_typing(worker_client, cast, daan):
    query = {
        "school": cast.school_a.pk,
        "first_name": "Dan",
        "last_name": "Jansen",
        "date_of_birth": daan.date_of_birth.isoformat(),
    }

    response = worker_client.get(reverse("cases:pupil_matches"), query)

    assert "Daan Jansen" in response.content.decode()


# --- Search -------------------------------------------------------------------------------------


def test_search_is_tolerant_of_typing_errors_and_stays_in_scope(client, cast, dossier, colleague):
    # dossier: Daan Jansen, the worker's own case at school A
    at_c = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_c, first_name="Kees", last_name="Jansen"),
        caseworker=cast.other_worker,
        stage=Case.Stage.INTAKE,
    )
    colleagues = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a, first_name="Lotte", last_name="Jansen"),
        caseworker=colleague,
        stage=Case.Stage.INTAKE,
    )
    url = f"{reverse('cases:search')}?q=Jansn"

    client.force_login(cast.worker)
    assert client.get(url).context["results"] == [dossier.pupil]

    client.force_login(cast.coordinator)  # the whole of school A, nothing of C
    found = client.get(url).context["results"]
    assert set(found) == {dossier.pupil, colleagues.pupil}

    client.force_login(cast.other_worker)
    assert client.get(url).context["results"] == [at_c.pupil]


# --- Intake -------------------------------------------------------------------------------------

STRENGTHS = "Sportief en behulpzaam in de klas"


def intake_data(**changes) -> dict:
    data = {
        "version": 1,
        "held_on": days_ago(40),
        "strengths": STRENGTHS,
        "request_for_help": "Ouders willen dat het pesten stopt.",
        "clarified_problem": "Wordt buitengesloten.",
    } | changes
    return {key: value for key, value in data.items() if value is not None}


INTAKE_TOO_LONG = {
    name: f"{name} " + "x" * Intake._meta.get_field(name).max_length
    for name in IntakeForm.Meta.fields
    if name != "held_on"
}


def assert_intake_unchanged(case):
    intake = Intake.objects.get(case=case)
    assert (intake.version, intake.strengths) == (1, "")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("version", None),  # the only required field: the text may grow over several visits
        ("held_on", TOMORROW),
        ("held_on", days_ago(61)),  # before the signal (60 days ago)
        ("held_on", "gisteren"),
    ],
    ids=["version", "future", "before_signal", "not_a_date"],
)
def test_intake_form_rejects_bad_value(worker_client, cast, field, value):
    case = managed_case(cast, Case.Stage.INTAKE)

    errors, html = refused(
        worker_client, reverse("cases:intake", args=[case.pk]), intake_data(**{field: value})
    )

    assert list(errors) == [field]
    assert STRENGTHS in html
    if value is not None:
        assert typed(value) in html
    assert_intake_unchanged(case)


def test_intake_form_rejects_too_long_text(worker_client, cast):
    case = managed_case(cast, Case.Stage.INTAKE)

    errors, html = refused(
        worker_client, reverse("cases:intake", args=[case.pk]), intake_data(**INTAKE_TOO_LONG)
    )

    assert set(errors) == set(INTAKE_TOO_LONG)
    for value in INTAKE_TOO_LONG.values():
        assert value in html
    assert_intake_unchanged(case)


def test_intake_saved_meanwhile_keeps_my_text_and_shows_the_conflict(worker_client, cast):
    case = managed_case(cast, Case.Stage.INTAKE)
    theirs = Intake.objects.get(case=case)
    theirs.version, theirs.strengths = 2, "Hun versie"
    theirs.save(update_fields=["version", "strengths"])

    errors, html = refused(
        worker_client, reverse("cases:intake", args=[case.pk]), intake_data(version=1)
    )

    assert "__all__" in errors
    assert STRENGTHS in html
    assert 'name="version" value="2"' in html  # the next save starts from their version
    assert Intake.objects.get(case=case).strengths == "Hun versie"


# --- Plan of action ----------------------------------------------------------------------------

GOAL = "Durft in de klas te zeggen wat hij wil"


def plan_data(plan: Plan, blank_row_domain: str = "", **changes) -> dict:
    goal = plan.goals.get()
    data = {
        "version": 1,
        "planned_sessions": 6,
        "evaluation_on": TODAY + datetime.timedelta(days=30),
        "agreed_pupil": "on",
        "agreed_parents": "on",
        "agreed_on": days_ago(40),
        "goals-TOTAL_FORMS": 2,
        "goals-INITIAL_FORMS": 1,
        "goals-MIN_NUM_FORMS": 0,
        "goals-MAX_NUM_FORMS": 12,
        "goals-0-id": goal.pk,
        "goals-0-domain": "leerling",
        "goals-0-description": GOAL,
        # the empty row for another goal, as a browser sends it untouched
        "goals-1-id": "",
        "goals-1-domain": blank_row_domain,
        "goals-1-description": "",
    } | changes
    return {key: value for key, value in data.items() if value is not None}


def first_option(html: str, name: str) -> str:
    """The value a browser sends for a <select> nobody touched: the selected or first option."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    selected = re.search(r'<option value="([^"]*)"[^>]*selected', select)
    return (selected or re.search(r'<option value="([^"]*)"', select)).group(1)


@pytest.fixture
def plan_case(cast) -> Case:
    return managed_case(cast, Case.Stage.PLAN)


def test_plan_saves_with_the_empty_goal_row_as_a_browser_sends_it(worker_client, plan_case):
    url = reverse("cases:plan", args=[plan_case.pk])
    plan = Plan.objects.get(case=plan_case)
    untouched = first_option(worker_client.get(url).content.decode(), "goals-1-domain")

    response = worker_client.post(url, plan_data(plan, blank_row_domain=untouched))

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.version == 2
    assert [g.description for g in plan.goals.all()] == [GOAL]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"agreed_pupil": None, "agreed_parents": None}, "agreed_on"),  # a date, but who?
        ({"agreed_on": None}, "agreed_on"),  # who, but when?
        ({"evaluation_on": days_ago(41)}, "evaluation_on"),  # before the agreement
        ({"agreed_on": TOMORROW}, "agreed_on"),
        ({"planned_sessions": 0}, "planned_sessions"),
        ({"planned_sessions": 51}, "planned_sessions"),
    ],
    ids=["who_agreed", "when_agreed", "evaluation_early", "future", "0_sessions", "51_sessions"],
)
def test_plan_form_rejects_inconsistent_data(worker_client, plan_case, changes, field):
    plan = Plan.objects.get(case=plan_case)

    errors, html = refused(
        worker_client, reverse("cases:plan", args=[plan_case.pk]), plan_data(plan, **changes)
    )

    assert list(errors) == [field]
    assert GOAL in html
    for value in changes.values():
        if value is not None:
            assert typed(value) in html
    assert Plan.objects.get(case=plan_case).version == 1


def test_plan_form_requires_version_and_complete_goals(worker_client, plan_case):
    plan = Plan.objects.get(case=plan_case)
    data = plan_data(plan, version=None, **{"goals-0-description": ""})

    response = worker_client.post(reverse("cases:plan", args=[plan_case.pk]), data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["version"]
    assert list(response.context["formset"].errors[0]) == ["description"]
    assert typed(data["evaluation_on"]) in response.content.decode()
    assert plan.goals.get().description != ""


def test_goal_rejects_too_long_text(worker_client, plan_case):
    plan = Plan.objects.get(case=plan_case)
    too_long = "Doel " * 61  # over 300 characters

    errors, html = refused(
        worker_client,
        reverse("cases:plan", args=[plan_case.pk]),
        plan_data(plan, **{"goals-0-description": too_long}),
        form="formset",
    )

    assert list(errors[0]) == ["description"]
    assert too_long in html
    assert plan.goals.get().description != too_long


def test_plan_needs_at_least_one_goal(worker_client, plan_case):
    plan = Plan.objects.get(case=plan_case)

    errors, _html = refused(
        worker_client,
        reverse("cases:plan", args=[plan_case.pk]),
        plan_data(plan, **{"goals-0-DELETE": "on"}),
    )

    assert "__all__" in errors
    assert plan.goals.count() == 1


# --- Evaluation ---------------------------------------------------------------------------------

EVALUATION_NOTE = "Het gaat beter op het plein"


@pytest.fixture
def evaluated_plan(cast) -> Plan:
    """The plan of a case in help, agreed 46 days ago, with one goal; not yet evaluated."""
    return Plan.objects.get(case=managed_case(cast, Case.Stage.HELP))


def evaluate(client, plan: Plan, **changes):
    goal = plan.goals.get()
    data = {
        "held_on": TODAY,
        "note": EVALUATION_NOTE,
        f"result_{goal.pk}": "behaald",
        f"note_{goal.pk}": "Speelt mee met voetbal",
    } | {key.replace("GOAL", str(goal.pk)): value for key, value in changes.items()}
    data = {key: value for key, value in data.items() if value is not None}
    return refused(client, reverse("cases:evaluation_new", args=[plan.case_id]), data)


def test_evaluation_form_requires_date_and_a_result_per_goal(worker_client, evaluated_plan):
    goal = evaluated_plan.goals.get()

    errors, html = evaluate(worker_client, evaluated_plan, held_on=None, result_GOAL=None)

    assert set(errors) == {"held_on", f"result_{goal.pk}"}
    assert EVALUATION_NOTE in html
    assert not evaluated_plan.evaluations.exists()


def test_evaluation_form_rejects_too_long_text(worker_client, evaluated_plan):
    goal = evaluated_plan.goals.get()
    note, goal_note = "n" * 2001, "g" * 501

    errors, html = evaluate(worker_client, evaluated_plan, note=note, note_GOAL=goal_note)

    assert set(errors) == {"note", f"note_{goal.pk}"}
    assert note in html
    assert goal_note in html
    assert not evaluated_plan.evaluations.exists()


@pytest.mark.parametrize(
    "held_on", [TOMORROW, days_ago(47)], ids=["future", "before_the_plan_was_agreed"]
)
def test_evaluation_form_rejects_an_impossible_date(worker_client, evaluated_plan, held_on):
    errors, html = evaluate(worker_client, evaluated_plan, held_on=held_on)

    assert list(errors) == ["held_on"]
    assert typed(held_on) in html
    assert EVALUATION_NOTE in html
    assert not evaluated_plan.evaluations.exists()


# --- Contact -----------------------------------------------------------------------------------

SUMMARY = "Gesprek over de ruzie met zijn zus"
CONTACT_REQUIRED = ["held_on", "minutes", "kind", "place", "summary"]
CONTACT_TOO_LONG = {"participants": "p" * 201, "summary": "s" * 4001, "work_note": "w" * 4001}


def contact_data(**changes) -> dict:
    data = {
        "held_on": TODAY,
        "minutes": 45,
        "kind": "ouders",
        "place": "thuis",
        "participants": "moeder en oma",
        "summary": SUMMARY,
        "work_note": "Oma lijkt de spil",
    } | changes
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def contact_case(cast) -> Case:
    return managed_case(cast, Case.Stage.HELP)


def test_contact_form_requires_date_minutes_kind_place_and_summary(worker_client, contact_case):
    errors, html = refused(
        worker_client,
        reverse("cases:contact_new", args=[contact_case.pk]),
        contact_data(**dict.fromkeys(CONTACT_REQUIRED)),
    )

    assert set(errors) == set(CONTACT_REQUIRED)
    assert "moeder en oma" in html
    assert "Oma lijkt de spil" in html
    assert not Contact.objects.exists()


def test_contact_form_rejects_too_long_text(worker_client, contact_case):
    errors, html = refused(
        worker_client,
        reverse("cases:contact_new", args=[contact_case.pk]),
        contact_data(**CONTACT_TOO_LONG),
    )

    assert set(errors) == set(CONTACT_TOO_LONG)
    for value in CONTACT_TOO_LONG.values():
        assert value in html
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("held_on", TOMORROW),
        ("held_on", days_ago(61)),  # before the signal (60 days ago)
        ("minutes", 3),
        ("minutes", 481),
        ("kind", "groep"),  # group contacts come from a group session only
    ],
    ids=["future", "before_signal", "3_minutes", "481_minutes", "group"],
)
def test_contact_form_rejects_implausible_value(worker_client, contact_case, field, value):
    errors, html = refused(
        worker_client,
        reverse("cases:contact_new", args=[contact_case.pk]),
        contact_data(**{field: value}),
    )

    assert list(errors) == [field]
    assert SUMMARY in html
    if field != "kind":
        assert f'value="{typed(value)}"' in html
    assert not Contact.objects.exists()


# --- Close, reopen, refer ----------------------------------------------------------------------

OUTCOME = "Sem speelt weer mee in de pauze"


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"reason": "", "outcome": ""}, {"reason", "outcome"}),
        ({"reason": "zomaar"}, {"reason"}),
        ({"outcome": "o" * 2001}, {"outcome"}),
    ],
    ids=["empty", "unknown_reason", "too_long"],
)
def test_close_form_rejects_bad_input(worker_client, cast, changes, fields):
    case = managed_case(cast, Case.Stage.HELP)
    data = {"reason": "advies_volstond", "outcome": OUTCOME} | changes

    errors, html = refused(worker_client, reverse("cases:close", args=[case.pk]), data)

    assert set(errors) == fields
    if data["outcome"]:
        assert data["outcome"] in html
    case.refresh_from_db()
    assert case.stage == Case.Stage.HELP


def test_close_refused_by_the_workflow_keeps_the_outcome(worker_client, cast):
    case = managed_case(cast, Case.Stage.HELP)  # agreed plan, but never evaluated

    errors, html = refused(
        worker_client,
        reverse("cases:close", args=[case.pk]),
        {"reason": "doel_bereikt", "outcome": OUTCOME},
    )

    assert list(errors) == ["__all__"]
    assert OUTCOME in html
    case.refresh_from_db()
    assert case.stage == Case.Stage.HELP


@pytest.mark.parametrize(("page", "stage"), [("reopen", Case.Stage.CLOSED)])
@pytest.mark.parametrize("reason", ["   ", "r" * 1001], ids=["blank", "too_long"])
def test_reason_forms_need_a_reason(worker_client, cast, page, stage, reason):
    case = managed_case(cast, stage)

    errors, html = refused(
        worker_client, reverse(f"cases:{page}", args=[case.pk]), {"reason": reason}
    )

    assert list(errors) == ["reason"]
    if reason.strip():
        assert reason in html
    case.refresh_from_db()
    assert case.stage == stage


# --- Parents and guardians ---------------------------------------------------------------------

GUARDIAN = {
    "name": "Mirjam de Vries",
    "relation": "moeder",
    "phone": "06 12345678",
    "email": "mirjam@example.org",
    "has_authority": "on",
}


@pytest.mark.parametrize(
    ("changes", "kept"),
    [
        ({"name": "", "relation": ""}, "mirjam@example.org"),
        ({"name": "n" * 201, "phone": "0" * 31}, "mirjam@example.org"),
        ({"phone": "bel maar", "email": "geen-adres", "relation": "buurvrouw"}, "Mirjam de Vries"),
    ],
    ids=["empty", "too_long", "malformed"],
)
def test_guardian_form_rejects_bad_input(worker_client, cast, changes, kept):
    case = managed_case(cast, Case.Stage.INTAKE)

    errors, html = refused(
        worker_client, reverse("cases:guardian_new", args=[case.pk]), GUARDIAN | changes
    )

    assert set(errors) == set(changes)
    assert kept in html
    for field, value in changes.items():
        if value and field != "relation":
            assert typed(value) in html
    assert not Guardian.objects.exists()


def test_guardian_edit_keeps_the_old_data_on_bad_input(worker_client, cast):
    case = managed_case(cast, Case.Stage.INTAKE)
    guardian = factories.create_guardian(pupil=case.pupil, name="Mirjam de Vries")

    errors, html = refused(
        worker_client,
        reverse("cases:guardian_edit", args=[case.pk, guardian.pk]),
        GUARDIAN | {"name": "Mirjam Jansen", "email": "kapot"},
    )

    assert list(errors) == ["email"]
    assert "Mirjam Jansen" in html
    guardian.refresh_from_db()
    assert guardian.name == "Mirjam de Vries"
