"""The sociale kaart: find an organisation by kind, municipality and (misspelt) name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from referrals.models import SocialMapEntry

from .helpers import create_entry

Kind = SocialMapEntry.Kind


@pytest.fixture
def entries(cast, altrecht):
    create_entry(name="Buurtteam Noord", kind=Kind.WIJKTEAM, municipalities=[cast.north])
    create_entry(name="Sociaal Team Zuid", kind=Kind.WIJKTEAM, municipalities=[cast.south])
    create_entry(
        name="Huisartsenpraktijk Lombok",
        kind=Kind.GP,
        municipalities=[cast.north, cast.south],
        application_procedure="Ouders maken zelf een afspraak.",
    )
    create_entry(
        name="Opgeheven Stichting", kind=Kind.WIJKTEAM, municipalities=[cast.north], active=False
    )


@pytest.fixture
def search(client, cast, entries):
    def run(user=None, **params) -> list[str]:
        client.force_login(user or cast.worker)
        response = client.get(reverse("referrals:social_map"), params)
        assert response.status_code == 200
        return [entry.name for entry in response.context["page"].object_list]

    return run


def test_search_by_kind(search):
    assert search(kind=Kind.WIJKTEAM, municipality="") == ["Buurtteam Noord", "Sociaal Team Zuid"]


def test_search_by_municipality(search, cast):
    assert search(municipality=cast.south.pk) == [
        "Huisartsenpraktijk Lombok",
        "Sociaal Team Zuid",
    ]


def test_worker_sees_the_municipality_of_their_schools_first(search):
    # school A and B both lie in "north": that is the default filter
    assert search() == ["Altrecht Jeugd", "Buurtteam Noord", "Huisartsenpraktijk Lombok"]


def test_all_municipalities_can_be_chosen(search):
    assert search(municipality="") == [
        "Altrecht Jeugd",
        "Buurtteam Noord",
        "Huisartsenpraktijk Lombok",
        "Sociaal Team Zuid",
    ]


@pytest.mark.parametrize("text", ["altrect", "Altrecht", "ALTRECHT jeugd"])
def test_search_by_name_tolerates_typing_errors(search, text):
    assert search(q=text, municipality="") == ["Altrecht Jeugd"]


def test_search_finds_words_in_the_application_procedure(search):
    assert search(q="afspraak", municipality="") == ["Huisartsenpraktijk Lombok"]


def test_search_without_a_match_says_so(client, cast, entries):
    client.force_login(cast.worker)

    response = client.get(reverse("referrals:social_map"), {"q": "zwemvereniging"})

    assert list(response.context["page"].object_list) == []
    assert "No organisation matches this search." in response.content.decode()


def test_kind_municipality_and_text_combine(search, cast):
    assert search(kind=Kind.WIJKTEAM, municipality=cast.north.pk, q="buurtteam") == [
        "Buurtteam Noord"
    ]
    assert search(kind=Kind.GP, municipality=cast.north.pk, q="buurtteam") == []


def test_inactive_organisations_are_hidden(search):
    assert "Opgeheven Stichting" not in search(municipality="")
    assert search(q="Opgeheven", municipality="") == []


def test_inactive_organisation_page_is_not_found(client, cast, entries):
    gone = SocialMapEntry.objects.get(name="Opgeheven Stichting")
    client.force_login(cast.worker)

    assert client.get(reverse("referrals:entry", args=[gone.pk])).status_code == 404


def test_coordinator_searches_the_sociale_kaart_too(search, cast):
    assert search(cast.coordinator, q="altrect", municipality="") == ["Altrecht Jeugd"]


def test_entry_page_shows_how_to_apply(client, cast, entries):
    lombok = SocialMapEntry.objects.get(name="Huisartsenpraktijk Lombok")
    client.force_login(cast.worker)

    page = client.get(reverse("referrals:entry", args=[lombok.pk])).content.decode()

    assert "Ouders maken zelf een afspraak." in page


def test_a_waiting_time_of_zero_weeks_reads_as_none(client, cast):
    at_once = create_entry(name="Huisarts Noord", kind=Kind.GP, municipalities=[cast.north])
    at_once.waiting_weeks = 0
    at_once.save()
    later = create_entry(name="Buurtteam Noord", municipalities=[cast.north])
    later.waiting_weeks = 2
    later.save()
    client.force_login(cast.worker)

    listing = client.get(reverse("referrals:social_map"), {"municipality": ""}).content.decode()
    detail = client.get(reverse("referrals:entry", args=[at_once.pk])).content.decode()

    assert "no waiting time" in listing and "0 weeks" not in listing
    assert "waiting time about 2 weeks" in listing
    assert "none: usually at once" in detail and "0 weeks" not in detail
