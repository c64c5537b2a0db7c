"""A wrong value in a link (a query parameter) never gives a server error: the page opens
without it, and where a person could be misled it says the value was not understood."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from cases.models import Case
from referrals.models import SocialMapEntry
from tests import factories
from tests.zat.helpers import create_action, create_item, create_meeting, local_time


@pytest.fixture(autouse=True)
def english(settings):
    """Pages in English, so a test can read what they say."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def case(cast) -> Case:
    """A case at school A in short-term help, managed by `worker`."""
    return factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a),
        caseworker=cast.worker,
        stage=Case.Stage.HELP,
    )


@pytest.fixture
def entry(cast) -> SocialMapEntry:
    entry = SocialMapEntry.objects.create(name="Buurtteam Noord", kind=SocialMapEntry.Kind.WIJKTEAM)
    entry.municipalities.add(cast.north)
    return entry


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- The three reported URLs -----------------------------------------------------------------


def test_a_nul_byte_in_the_search_is_refused_with_the_400_page(client, cast):
    client.force_login(cast.worker)
    response = client.get(reverse("cases:search"), {"q": "Sanne\x00"})
    assert response.status_code == 400
    assert "invalid character (NUL)" in response.content.decode()


def test_a_case_that_is_no_number_leaves_the_referral_buttons_off_the_entry(
    client, cast, case, entry
):
    client.force_login(cast.worker)
    response = client.get(reverse("referrals:entry", args=[entry.pk]), {"case": "abc"})
    assert response.status_code == 200
    assert reverse("referrals:referral_new", args=[case.pk]) not in response.content.decode()


def test_the_referral_buttons_show_for_ones_own_case(client, cast, case, entry):
    client.force_login(cast.worker)
    response = client.get(reverse("referrals:entry", args=[entry.pk]), {"case": case.pk})
    assert reverse("referrals:referral_new", args=[case.pk]) in response.content.decode()


def test_the_referral_buttons_stay_off_for_a_case_of_another_worker(client, cast, entry):
    theirs = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_c), caseworker=cast.other_worker
    )
    client.force_login(cast.worker)
    response = client.get(reverse("referrals:entry", args=[entry.pk]), {"case": theirs.pk})
    assert response.status_code == 200
    assert reverse("referrals:referral_new", args=[theirs.pk]) not in response.content.decode()


@pytest.mark.parametrize("destination", ["abc", "-1", "99999999", "1.5"])
def test_a_destination_that_is_no_organisation_opens_the_empty_referral_form(
    client, cast, case, entry, destination
):
    client.force_login(cast.worker)
    url = reverse("referrals:referral_new", args=[case.pk])
    response = client.get(url, {"destination": destination})
    assert response.status_code == 200
    assert response.context["form"]["destination"].value() is None
    assert _messages(response) == ["The organisation in the link was not found; choose it below."]


def test_a_destination_from_the_sociale_kaart_is_filled_in(client, cast, case, entry):
    client.force_login(cast.worker)
    url = reverse("referrals:referral_new", args=[case.pk])
    response = client.get(url, {"destination": entry.pk})
    assert response.context["form"]["destination"].value() == entry.pk
    assert _messages(response) == []


def test_a_party_that_is_no_organisation_opens_the_empty_consent_form(client, cast, case):
    client.force_login(cast.worker)
    response = client.get(reverse("referrals:consent_new", args=[case.pk]), {"party": "abc"})
    assert response.status_code == 200
    assert response.context["form"]["party"].value() is None
    assert _messages(response) == ["The organisation in the link was not found; choose it below."]


# --- Filters that are not understood ---------------------------------------------------------


def test_an_unknown_stage_on_the_caseload_says_the_filter_was_not_applied(client, cast, case):
    client.force_login(cast.worker)
    response = client.get(reverse("cases:caseload"), {"stage": "nonsense", "sort": "name"})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [case]
    assert _messages(response) == ["Not understood, so not applied: Stage, Sort by."]


def test_the_understood_filters_still_apply_next_to_a_wrong_one(client, cast, case):
    client.force_login(cast.worker)
    response = client.get(reverse("cases:caseload"), {"stage": Case.Stage.INTAKE, "sort": "x"})
    assert list(response.context["page"].object_list) == []
    assert _messages(response) == ["Not understood, so not applied: Sort by."]


def test_an_unknown_stage_on_the_school_caseload_shows_the_open_cases(client, cast, case):
    closed = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a), stage=Case.Stage.CLOSED
    )
    client.force_login(cast.coordinator)
    response = client.get(reverse("cases:school"), {"stage": "gesloten!"})
    assert response.status_code == 200
    shown = list(response.context["page"].object_list)
    assert case in shown and closed not in shown
    assert _messages(response) == ["Not understood, so not applied: Stage."]


def test_an_unknown_municipality_on_the_sociale_kaart_says_so(client, cast, entry):
    client.force_login(cast.worker)
    response = client.get(reverse("referrals:social_map"), {"municipality": "abc"})
    assert response.status_code == 200
    assert _messages(response) == ["Not understood, so not applied: Municipality."]


def test_a_search_longer_than_the_field_says_so(client, cast):
    client.force_login(cast.worker)
    response = client.get(reverse("cases:search"), {"q": "x" * 101})
    assert response.status_code == 200
    assert response.context["results"] == []
    assert _messages(response) == ["Not understood, so not applied: Name."]


# --- Values a link or a button carries to the next page --------------------------------------


def test_a_school_in_the_link_that_is_not_yours_leaves_the_time_form_unfilled(client, cast):
    client.force_login(cast.worker)
    for school in ["abc", cast.school_c.pk]:
        response = client.get(reverse("timesheet:entry_new"), {"school": school})
        assert response.status_code == 200
        assert response.context["form"]["school"].value() is None
        assert _messages(response) == ["Not understood, so not applied: School."]


def test_the_school_in_the_link_is_filled_in_on_the_time_form(client, cast):
    client.force_login(cast.worker)
    response = client.get(reverse("timesheet:entry_new"), {"school": cast.school_b.pk})
    assert response.context["form"]["school"].value() == cast.school_b.pk


@pytest.mark.parametrize("back", ["abc", "-1", "99999999", "other school"])
def test_ticking_off_an_action_returns_to_its_own_meeting_when_the_other_is_unknown(
    client, cast, back
):
    meeting = create_meeting(school=cast.school_a, chair=cast.coordinator, starts_at=local_time(7))
    elsewhere = create_meeting(
        school=cast.school_c, chair=cast.other_coordinator, starts_at=local_time(7)
    )
    action = create_action(item=create_item(meeting=meeting, anonymous_label="groep 7"))
    back = elsewhere.pk if back == "other school" else back
    client.force_login(cast.coordinator)
    response = client.post(reverse("zat:action_toggle", args=[action.pk]), {"meeting": back})
    assert response.status_code == 302
    assert response["Location"] == reverse("zat:detail", args=[meeting.pk])


def test_ticking_off_an_action_returns_to_the_meeting_it_was_ticked_on(client, cast):
    earlier = create_meeting(school=cast.school_a, chair=cast.coordinator, starts_at=local_time(-7))
    later = create_meeting(school=cast.school_a, chair=cast.coordinator, starts_at=local_time(7))
    action = create_action(item=create_item(meeting=earlier, anonymous_label="groep 7"))
    client.force_login(cast.coordinator)
    response = client.post(reverse("zat:action_toggle", args=[action.pk]), {"meeting": later.pk})
    assert response["Location"] == reverse("zat:detail", args=[later.pk])
