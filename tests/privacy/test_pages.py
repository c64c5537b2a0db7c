"""The privacy officer's pages: their organisation's log and nobody else's, 404 for every other
role, bad input answered in Dutch, reviews that are only ever added, reading that is logged."""

from __future__ import annotations

import datetime

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from audit.models import AccessLog
from cases.models import Case
from privacy.extract import pupil_extract
from privacy.models import AccessSignal, SignalReview
from tests import factories

from .helpers import TUESDAY, log_row, sign_in


@pytest.fixture
def case(cast) -> Case:
    return factories.create_case(
        school=cast.school_a, caseworker=cast.worker, stage="intake", reported_by=cast.worker
    )


@pytest.fixture
def other_case(cast) -> Case:
    """At school C, served by the other organisation."""
    return factories.create_case(school=cast.school_c, caseworker=cast.other_worker, stage="intake")


@pytest.fixture
def signal(cast, case) -> AccessSignal:
    row = log_row(cast.worker, "view", [case.pupil], at=TUESDAY.replace(hour=21))
    return AccessSignal.objects.create(
        kind=AccessSignal.Kind.HOURS,
        user=cast.worker,
        at=row.at,
        reason="Leerlingen ingezien buiten werktijd",
        dedup_key=f"hours:{cast.worker.pk}:test",
        pupil_ids=[case.pupil_id],
        log_ids=[row.pk],
    )


def pages(case, signal) -> list[str]:
    return [
        reverse("privacy:overview"),
        reverse("privacy:log"),
        reverse("privacy:pupils") + "?q=" + case.pupil.last_name,
        reverse("privacy:extract", args=[case.pupil_id]),
        reverse("privacy:extract", args=[case.pupil_id]) + "?format=csv",
        reverse("privacy:person", args=[signal.user_id]),
        reverse("privacy:sign_ins"),
        reverse("privacy:failed_sign_ins"),
        reverse("privacy:signals"),
        reverse("privacy:signal", args=[signal.pk]),
    ]


OTHER_ROLES = [
    "worker",
    "other_worker",
    "coordinator",
    "teamlead",
    "officer",
    "manager",
    "nobody",
    "safeguarding",
]


@pytest.mark.parametrize("name", OTHER_ROLES)
def test_every_other_role_gets_404_on_every_page(client, cast, case, signal, name):
    client.force_login(cast.by_name(name))
    for url in pages(case, signal):
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("privacy:signal", args=[signal.pk]), {"note": "gezien"})
    assert response.status_code == 404
    assert not SignalReview.objects.exists()


def test_privacy_officer_opens_every_page(client, cast, case, signal):
    client.force_login(cast.privacy)
    for url in pages(case, signal):
        assert client.get(url).status_code == 200, url
    pdf = client.get(reverse("privacy:extract", args=[case.pupil_id]) + "?format=pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_privacy_officer_starts_on_the_overview(client, cast, signal):
    client.force_login(cast.privacy)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("privacy:overview")
    page = response.content.decode()
    assert 'data-today="access-signals"' in page and "Signalen wachten op beoordeling" in page
    assert f"{reverse('privacy:signals')}?kind={signal.kind}" in page
    nav = [item["url"] for item in response.context["nav_items"]]
    assert reverse("privacy:signals") in nav and reverse("privacy:log") in nav


def test_other_organisations_privacy_officer_sees_nothing_of_it(client, cast, case, signal):
    log_row(cast.coordinator, "view", [case.pupil], path="/dossiers/school/")
    client.force_login(cast.other_privacy)
    for url in [
        reverse("privacy:extract", args=[case.pupil_id]),
        reverse("privacy:extract", args=[case.pupil_id]) + "?format=csv",
        reverse("privacy:extract", args=[case.pupil_id]) + "?format=pdf",
        reverse("privacy:person", args=[cast.worker.pk]),
        reverse("privacy:signal", args=[signal.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    log_page = client.get(reverse("privacy:log"))
    assert log_page.status_code == 200
    assert log_page.context["page"].paginator.count == 0
    assert (
        client.get(reverse("privacy:signals") + "?status=all").context["page"].paginator.count == 0
    )
    found = client.get(reverse("privacy:pupils"), {"q": case.pupil.last_name})
    assert case.pupil.full_name not in found.content.decode()
    assert client.get(reverse("privacy:overview")).context["waiting"] == 0


def test_the_organisation_sees_its_peoples_rows_and_its_pupils_rows(client, cast, case, other_case):
    by_worker = log_row(cast.worker, "view", [], path="/scholen/")
    about_pupil = log_row(cast.other_worker, "refused", [case.pupil])
    not_ours = log_row(cast.other_worker, "view", [other_case.pupil])
    client.force_login(cast.privacy)
    shown = {row.pk for row in client.get(reverse("privacy:log")).context["page"].object_list}
    assert {by_worker.pk, about_pupil.pk} <= shown
    assert not_ours.pk not in shown
    client.force_login(cast.other_privacy)
    shown = {row.pk for row in client.get(reverse("privacy:log")).context["page"].object_list}
    assert not_ours.pk in shown and about_pupil.pk in shown  # their worker's attempt
    assert by_worker.pk not in shown


def test_extract_lists_exactly_the_reads_made(client, cast, case):
    client.force_login(cast.worker)
    client.get(reverse("cases:detail", args=[case.pk]))
    client.get(reverse("cases:detail", args=[case.pk]))
    client.force_login(cast.coordinator)
    client.get(reverse("cases:progress", args=[case.pk]))
    made = list(
        AccessLog.objects.filter(pupil_ids__contains=[case.pupil_id]).order_by("-at", "-pk")
    )
    assert len(made) >= 3
    rows = pupil_extract(case.pupil)
    assert [(r.who, r.page) for r in rows] == [(str(m.user), m.path) for m in made]
    assert {r.who for r in rows} == {str(cast.worker), str(cast.coordinator)}
    assert rows[-1].page == reverse("cases:detail", args=[case.pk])
    assert rows[0].role == "Zorgcoördinator" or rows[0].role  # the coordinator's role, named
    # the period bounds what is listed
    later = made[0].at + datetime.timedelta(seconds=1)
    assert pupil_extract(case.pupil_id, start=later) == []
    assert len(pupil_extract(case.pupil_id, end=later)) == len(made)

    # the privacy officer reading it is itself a read of the pupil, and shows in the extract
    client.force_login(cast.privacy)
    page = client.get(reverse("privacy:extract", args=[case.pupil_id]))
    assert case.pupil.full_name in page.content.decode()
    assert len(page.context["page"].object_list) == len(made)
    rows = pupil_extract(case.pupil)
    assert len(rows) == len(made) + 1
    assert rows[0].who == str(cast.privacy)
    csv = client.get(reverse("privacy:extract", args=[case.pupil_id]) + "?format=csv")
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0] == "Wanneer;Wie;Rol;Actie;Wat;Pagina;Adres"
    assert len(lines) == 1 + len(made) + 1  # header, the reads, the privacy officer's view
    assert AccessLog.objects.filter(
        user=cast.privacy, action="export", pupil_ids=[case.pupil_id]
    ).exists()


def test_log_page_notes_the_pupils_it_names(client, cast, case):
    log_row(cast.worker, "view", [case.pupil])
    client.force_login(cast.privacy)
    response = client.get(reverse("privacy:log"))
    assert case.pupil.full_name in response.content.decode()
    assert AccessLog.objects.filter(
        user=cast.privacy, action="view", pupil_ids__contains=[case.pupil_id]
    ).exists()


def test_log_filters(client, cast, case):
    other = factories.create_case(school=cast.school_b, caseworker=cast.worker, stage="intake")
    log_row(cast.worker, "view", [case.pupil], at=TUESDAY)
    log_row(cast.worker, "export", [other.pupil], at=TUESDAY + datetime.timedelta(days=2))
    log_row(cast.coordinator, "view", [case.pupil], at=TUESDAY + datetime.timedelta(days=3))
    client.force_login(cast.privacy)

    def shown(**query):
        response = client.get(reverse("privacy:log"), query)
        assert response.status_code == 200
        return sorted(
            (row.user.username, row.action, row.pupil_ids)
            for row in response.context["page"].object_list
            if row.user_id != cast.privacy.pk
        )

    assert shown(pupil=other.pupil_id) == [("worker", "export", [other.pupil_id])]
    assert shown(user=cast.coordinator.pk) == [("coordinator", "view", [case.pupil_id])]
    assert shown(action="export") == [("worker", "export", [other.pupil_id])]
    assert shown(school=cast.school_b.pk) == [("worker", "export", [other.pupil_id])]
    assert shown(start="2026-11-12", end="2026-11-12") == [("worker", "export", [other.pupil_id])]


@pytest.mark.parametrize(
    "query, message",
    [
        ({"pupil": "abc"}, "Niet begrepen"),
        ({"pupil": "999999"}, "Geen leerling met dit nummer op een school waar je organisatie"),
        ({"user": "999999"}, "Niet begrepen"),
        ({"action": "delete"}, "Niet begrepen"),
        ({"school": "x"}, "Niet begrepen"),
        ({"start": "2026-13-45"}, "Niet begrepen"),
        ({"start": "2026-11-12", "end": "2026-11-01"}, "Het einde van de periode ligt vóór"),
    ],
)
def test_bad_log_filters_get_dutch_messages(client, cast, case, query, message):
    log_row(cast.worker, "view", [case.pupil])
    client.force_login(cast.privacy)
    response = client.get(reverse("privacy:log"), query)
    assert response.status_code == 200
    assert message in response.content.decode()
    # the rest of the page still shows, without the filter it did not understand
    assert response.context["page"].paginator.count >= 1


@pytest.mark.parametrize(
    "url, query, message",
    [
        ("privacy:pupils", {"q": "a"}, "Typ minstens twee letters"),
        ("privacy:signals", {"status": "x", "kind": "y"}, "Niet begrepen"),
        ("privacy:sign_ins", {"page": "x"}, "Inloggen"),
    ],
)
def test_other_bad_input_gets_dutch_messages(client, cast, url, query, message):
    client.force_login(cast.privacy)
    response = client.get(reverse(url), query)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_bad_month_on_the_person_page(client, cast):
    client.force_login(cast.privacy)
    url = reverse("privacy:person", args=[cast.worker.pk])
    response = client.get(url, {"month": "2026-13"})
    assert response.status_code == 200
    assert "Geef de maand als jaar en maand" in response.content.decode()


def test_person_page_shows_that_month(client, cast, case):
    in_month = log_row(cast.worker, "view", [case.pupil], at=TUESDAY)
    log_row(cast.worker, "view", [case.pupil], at=TUESDAY - datetime.timedelta(days=40))
    client.force_login(cast.privacy)
    response = client.get(reverse("privacy:person", args=[cast.worker.pk]), {"month": "2026-11"})
    assert [row.pk for row in response.context["page"].object_list] == [in_month.pk]
    # someone outside the organisation: 404
    assert client.get(reverse("privacy:person", args=[cast.other_worker.pk])).status_code == 404


def test_sign_ins_and_failures_of_the_organisation_only(client, cast, settings):
    from axes.models import AccessAttempt, AccessFailureLog

    sign_in("worker", at=TUESDAY, ip="192.0.2.10")
    sign_in("other_worker", at=TUESDAY, ip="192.0.2.99")
    AccessFailureLog.objects.create(
        username="coordinator", ip_address="192.0.2.11", locked_out=True
    )
    AccessFailureLog.objects.create(username="other_worker", ip_address="192.0.2.98")
    AccessAttempt.objects.create(
        username="coordinator",
        ip_address="192.0.2.11",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        get_data="",
        post_data="",
    )
    client.force_login(cast.privacy)
    page = client.get(reverse("privacy:sign_ins")).content.decode()
    assert "192.0.2.10" in page and "192.0.2.99" not in page
    page = client.get(reverse("privacy:failed_sign_ins")).content.decode()
    assert "192.0.2.11" in page and "192.0.2.98" not in page
    assert "Nu geblokkeerd" in page and "Niemand is geblokkeerd" not in page


# --- Reviews ------------------------------------------------------------------------------------


def test_review_needs_a_note_and_keeps_what_was_typed(client, cast, signal):
    client.force_login(cast.privacy)
    url = reverse("privacy:signal", args=[signal.pk])
    response = client.post(url, {"note": "   "})
    assert response.status_code == 200
    assert "Schrijf een notitie" in response.content.decode()
    assert not SignalReview.objects.exists()
    response = client.post(url, {"note": "x" * 2001})
    assert response.status_code == 200
    assert "x" * 2001 in response.content.decode()


def test_review_is_kept_and_the_signal_stops_waiting(client, cast, signal):
    client.force_login(cast.privacy)
    url = reverse("privacy:signal", args=[signal.pk])
    response = client.post(url, {"note": "Avonddienst, afgestemd met teamleider."})
    assert response.status_code == 302
    review = SignalReview.objects.get()
    assert (review.signal, review.reviewer) == (signal, cast.privacy)
    waiting = client.get(reverse("privacy:signals"))
    assert waiting.context["page"].paginator.count == 0
    reviewed = client.get(reverse("privacy:signals"), {"status": "reviewed"})
    assert [s.pk for s in reviewed.context["page"].object_list] == [signal.pk]
    client.post(url, {"note": "Later: nogmaals nagevraagd."})
    assert SignalReview.objects.filter(signal=signal).count() == 2
    assert "Avonddienst" in client.get(url).content.decode()


def _refused(operation) -> str:
    with pytest.raises(DatabaseError) as refused, transaction.atomic():
        operation()
    return str(refused.value)


def test_reviews_are_append_only(cast, signal, as_owner):
    review = SignalReview.objects.create(signal=signal, reviewer=cast.privacy, note="Gezien.")
    review.note = "Toch niet"
    assert "append-only" in _refused(review.save)
    assert "append-only" in _refused(
        lambda: SignalReview.objects.filter(pk=review.pk).update(note="")
    )
    assert "append-only" in _refused(review.delete)
    assert SignalReview.objects.get().note == "Gezien."


def test_reviews_cannot_be_truncated(db, as_owner):
    def truncate():
        with transaction.get_connection().cursor() as cursor:
            cursor.execute("TRUNCATE privacy_signalreview")

    assert "append-only" in _refused(truncate)


def test_app_role_may_only_add_reviews():
    from audit.privileges import APPEND_ONLY_TABLES

    assert "privacy_signalreview" in APPEND_ONLY_TABLES


def test_two_addresses_signal_shows_both_sign_ins(client, cast, scan_from_the_start):
    import datetime as dt

    from privacy.scan import scan

    sign_in("worker", at=TUESDAY, ip="192.0.2.10")
    sign_in("worker", at=TUESDAY + dt.timedelta(hours=1), ip="198.51.100.7")
    scan(TUESDAY + dt.timedelta(days=400))
    signal = AccessSignal.objects.get(kind=AccessSignal.Kind.TWO_ADDRESSES)
    client.force_login(cast.privacy)
    page = client.get(reverse("privacy:signal", args=[signal.pk])).content.decode()
    assert "192.0.2.10" in page and "198.51.100.7" in page


def test_bad_values_are_not_echoed_into_date_and_number_fields(client, cast):
    client.force_login(cast.privacy)
    page = client.get(reverse("privacy:log"), {"start": "2026-13-45", "pupil": "abc"})
    html = page.content.decode()
    assert 'value="2026-13-45"' not in html and 'value="abc"' not in html
    page = client.get(reverse("privacy:log"), {"start": "2026-11-02", "pupil": "12"})
    html = page.content.decode()
    assert 'value="2026-11-02"' in html


def test_extract_rows_are_tuples_of_the_seven_columns(cast, case):
    row = log_row(cast.worker, "view", [case.pupil], path="/dossiers/1/", ip="192.0.2.5")
    ((when, who, role, action, what, page, address),) = pupil_extract(case.pupil)
    assert (when, who, page, address) == (row.at, str(cast.worker), "/dossiers/1/", "192.0.2.5")
    assert role == "Schoolmaatschappelijk werker"
    assert (action, what) == ("bekeken", "")


def test_log_links_only_to_people_whose_month_the_officer_may_open(client, cast, case):
    """A read of the organisation's pupil by someone outside it (here the application manager)
    is shown, but their month is not the officer's to open: no link that answers 404."""
    log_row(cast.manager, "view", [case.pupil])
    log_row(cast.worker, "view", [case.pupil])
    client.force_login(cast.privacy)
    response = client.get(reverse("privacy:log"))
    html = response.content.decode()
    assert reverse("privacy:person", args=[cast.worker.pk]) in html
    assert reverse("privacy:person", args=[cast.manager.pk]) not in html
    assert str(cast.manager) in html
    assert client.get(reverse("privacy:person", args=[cast.worker.pk])).status_code == 200
