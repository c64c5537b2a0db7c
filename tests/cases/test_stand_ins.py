"""Stand-ins (waarneming): the team leader records who stands in for whom, from and until; the
access starts and ends on those dates by itself, or when the team leader ends it early. Every
change is a GRANT row in the access log, without pupil data."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse

from audit.models import AccessLog
from cases.models import StandIn
from cases.stand_ins import StandInRefused, delete_stand_in, end_stand_in, record_stand_in
from tests import factories
from tests.clock import school_day

DAY = datetime.timedelta(days=1)


@pytest.fixture
def colleague(cast):
    # works at school A for the same organisation: the stand-in to be
    return factories.create_worker(
        username="colleague", organisation=cast.organisation, schools=[cast.school_a]
    )


def _form(stand_in, for_worker, starts_on, ends_on) -> dict:
    return {
        "stand_in": stand_in.pk,
        "for_worker": for_worker.pk,
        "starts_on": f"{starts_on:%Y-%m-%d}",
        "ends_on": f"{ends_on:%Y-%m-%d}",
    }


def _opens(client, user, case) -> int:
    client.force_login(user)  # again: the session's expiry follows the clock
    return client.get(reverse("cases:detail", args=[case.pk])).status_code


def test_stand_in_access_starts_and_ends_on_its_dates(client, cast, dossier, colleague, clock):
    day = school_day()
    clock.set(day, 9)
    client.force_login(cast.teamlead)
    response = client.post(
        reverse("cases:stand_in_new"), _form(colleague, cast.worker, day + DAY, day + 2 * DAY)
    )
    record = StandIn.objects.get()
    assert response["Location"] == reverse("cases:stand_in_detail", args=[record.pk])
    assert record.recorded_by == cast.teamlead

    clock.set(day, 23, 59, 59)
    assert _opens(client, colleague, dossier) == 404
    clock.set(day + DAY, 0, 0, 1)
    assert _opens(client, colleague, dossier) == 200
    # read, never write
    assert client.get(reverse("cases:contact_new", args=[dossier.pk])).status_code == 403
    clock.set(day + 2 * DAY, 23, 59, 59)
    assert _opens(client, colleague, dossier) == 200
    clock.set(day + 3 * DAY, 0, 0, 1)
    assert _opens(client, colleague, dossier) == 404


def test_a_stand_in_ended_early_stops_at_once(client, cast, dossier, colleague, clock):
    day = school_day()
    clock.set(day, 9)
    record = record_stand_in(
        by=cast.teamlead,
        stand_in=colleague,
        for_worker=cast.worker,
        starts_on=day,
        ends_on=day + 5 * DAY,
    )
    assert _opens(client, colleague, dossier) == 200

    clock.set(day + DAY, 11)
    client.force_login(cast.teamlead)
    assert client.get(reverse("cases:stand_in_end", args=[record.pk])).status_code == 200
    response = client.post(reverse("cases:stand_in_end", args=[record.pk]))
    assert response["Location"] == reverse("cases:stand_in_detail", args=[record.pk])
    record.refresh_from_db()
    assert record.ended_at == clock.now
    assert _opens(client, colleague, dossier) == 404
    clock.set(day + 2 * DAY, 9)
    assert _opens(client, colleague, dossier) == 404

    # the list shows it among the past ones; it cannot be ended twice or deleted
    client.force_login(cast.teamlead)
    page = client.get(reverse("cases:stand_in_list")).content.decode()
    assert page.index("Afgelopen") < page.index(reverse("cases:stand_in_detail", args=[record.pk]))
    with pytest.raises(StandInRefused):
        end_stand_in(record, by=cast.teamlead)
    with pytest.raises(StandInRefused):
        delete_stand_in(record, by=cast.teamlead)
    # a new stand-in for the same pair may follow
    record_stand_in(
        by=cast.teamlead,
        stand_in=colleague,
        for_worker=cast.worker,
        starts_on=day + 3 * DAY,
        ends_on=day + 4 * DAY,
    )


def test_only_a_stand_in_that_has_not_begun_can_be_deleted(client, cast, colleague, clock):
    day = school_day()
    clock.set(day, 9)
    client.force_login(cast.teamlead)
    begun = record_stand_in(
        by=cast.teamlead, stand_in=colleague, for_worker=cast.worker, starts_on=day, ends_on=day
    )
    coming = record_stand_in(
        by=cast.teamlead,
        stand_in=cast.worker,
        for_worker=colleague,
        starts_on=day + DAY,
        ends_on=day + DAY,
    )
    response = client.post(reverse("cases:stand_in_delete", args=[begun.pk]), follow=True)
    assert "Een waarneming die is begonnen kan niet worden verwijderd" in response.content.decode()
    assert StandIn.objects.filter(pk=begun.pk).exists()
    # a coming one cannot be ended, only deleted
    response = client.post(reverse("cases:stand_in_end", args=[coming.pk]), follow=True)
    assert "nog niet begonnen" in response.content.decode()

    response = client.post(reverse("cases:stand_in_delete", args=[coming.pk]))
    assert response["Location"] == reverse("cases:stand_in_list")
    assert not StandIn.objects.filter(pk=coming.pk).exists()


def test_every_change_is_a_grant_row_without_pupil_data(client, cast, dossier, colleague, clock):
    day = school_day()
    clock.set(day, 9)
    client.force_login(cast.teamlead)
    client.post(reverse("cases:stand_in_new"), _form(colleague, cast.worker, day, day + DAY))
    record = StandIn.objects.get()
    client.post(reverse("cases:stand_in_end", args=[record.pk]))
    client.post(reverse("cases:stand_in_new"), _form(cast.worker, colleague, day + DAY, day + DAY))
    coming = StandIn.objects.get(stand_in=cast.worker)
    client.post(reverse("cases:stand_in_delete", args=[coming.pk]))

    rows = list(AccessLog.objects.filter(action=AccessLog.Action.GRANT).order_by("pk"))
    assert [row.description.split(":")[0] for row in rows] == [
        "stand-in recorded",
        "stand-in ended early",
        "stand-in recorded",
        "stand-in deleted",
    ]
    assert {row.user for row in rows} == {cast.teamlead}
    assert all(row.pupil_ids == [] for row in rows)
    assert f"colleague for {cast.worker.username}" in rows[0].description
    assert rows[0].object_ref == f"cases.standin:{record.pk}"
    assert rows[3].object_ref == f"cases.standin:{coming.pk}"
    assert dossier.pupil.last_name not in " ".join(row.description for row in rows)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ends_on": -1}, "De laatste dag ligt vóór de eerste dag."),
        ({"starts_on": -1, "ends_on": 1}, "Een waarneming kan niet in het verleden beginnen."),
        ({"self": True}, "Iemand kan niet voor zichzelf waarnemen."),
        ({"ends_on": 400}, "Een waarneming duurt hoogstens een jaar."),
        ({"overlap": True}, "neemt in een deel van deze periode al waar voor"),
        ({"bad_date": True}, "Voer een geldige datum in."),
    ],
)
def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(
    client, cast, colleague, clock, change, message
):
    day = school_day()
    clock.set(day, 9)
    if change.get("overlap"):
        record_stand_in(
            by=cast.teamlead,
            stand_in=colleague,
            for_worker=cast.worker,
            starts_on=day + 3 * DAY,
            ends_on=day + 9 * DAY,
        )
    before = StandIn.objects.count()
    for_worker = colleague if change.get("self") else cast.worker
    data = _form(
        colleague,
        for_worker,
        day + change.get("starts_on", 2) * DAY,
        day + change.get("ends_on", 4) * DAY,
    )
    if change.get("bad_date"):
        data["ends_on"] = "2026-02-30"
    client.force_login(cast.teamlead)
    response = client.post(reverse("cases:stand_in_new"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'value="{data["starts_on"]}"' in page
    assert StandIn.objects.count() == before


def test_stand_in_and_colleague_must_be_workers_of_the_team(client, cast, colleague, clock):
    clock.set(school_day(), 9)
    client.force_login(cast.teamlead)
    day = school_day() + DAY
    response = client.post(
        reverse("cases:stand_in_new"), _form(cast.other_worker, cast.worker, day, day)
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    with pytest.raises(StandInRefused):
        record_stand_in(
            by=cast.teamlead,
            stand_in=cast.other_worker,
            for_worker=cast.worker,
            starts_on=day,
            ends_on=day,
        )
    assert not StandIn.objects.exists()


@pytest.mark.parametrize(
    "who", ["worker", "coordinator", "manager", "privacy", "safeguarding", "officer", "nobody"]
)
def test_only_a_team_leader_sees_the_stand_in_pages(client, cast, colleague, who):
    record = factories.create_stand_in(stand_in=colleague, for_worker=cast.worker)
    client.force_login(cast.by_name(who))
    for url in [
        reverse("cases:stand_in_list"),
        reverse("cases:stand_in_new"),
        reverse("cases:stand_in_detail", args=[record.pk]),
        reverse("cases:stand_in_end", args=[record.pk]),
        reverse("cases:stand_in_delete", args=[record.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("cases:stand_in_end", args=[record.pk])).status_code == 404
    assert (
        client.post(
            reverse("cases:stand_in_new"),
            _form(colleague, cast.worker, datetime.date.today(), datetime.date.today()),
        ).status_code
        == 404
    )
    with pytest.raises(StandInRefused):
        record_stand_in(
            by=cast.by_name(who),
            stand_in=colleague,
            for_worker=cast.worker,
            starts_on=datetime.date.today(),
            ends_on=datetime.date.today(),
        )
    record.refresh_from_db()
    assert record.ended_at is None


def test_the_team_leader_of_another_organisation_sees_none_of_them(client, cast, colleague):
    record = factories.create_stand_in(stand_in=colleague, for_worker=cast.worker)
    client.force_login(cast.other_teamlead)
    page = client.get(reverse("cases:stand_in_list")).content.decode()
    assert str(colleague) not in page
    assert client.get(reverse("cases:stand_in_detail", args=[record.pk])).status_code == 404
    assert client.post(reverse("cases:stand_in_end", args=[record.pk])).status_code == 404
    assert client.post(reverse("cases:stand_in_delete", args=[record.pk])).status_code == 404
    with pytest.raises(StandInRefused):
        end_stand_in(record, by=cast.other_teamlead)
    assert StandIn.objects.get(pk=record.pk).ended_at is None


def test_the_team_leader_finds_the_pages_from_the_start_page(client, cast, colleague):
    record = factories.create_stand_in(stand_in=colleague, for_worker=cast.worker)
    client.force_login(cast.teamlead)
    start = client.get(reverse("accounts:team")).content.decode()
    assert reverse("cases:stand_in_list") in start
    page = client.get(reverse("cases:stand_in_list")).content.decode()
    assert reverse("cases:stand_in_detail", args=[record.pk]) in page
    detail = client.get(reverse("cases:stand_in_detail", args=[record.pk])).content.decode()
    assert "School A" in detail  # where the stand-in reads: both work there
    assert reverse("cases:stand_in_end", args=[record.pk]) in detail


def test_the_database_refuses_an_overlapping_stand_in_for_the_same_pair(cast, colleague):
    factories.create_stand_in(stand_in=colleague, for_worker=cast.worker)
    with pytest.raises(IntegrityError):
        factories.create_stand_in(stand_in=colleague, for_worker=cast.worker)
