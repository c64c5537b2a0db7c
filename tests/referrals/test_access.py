"""Every referrals page against every person in the cast, plus the coordinator's progress view,
the read-only stand-in and the access log.

Outside one's scope is 404 (a referral's existence leaks nothing); inside but read-only is 403.
The sociale kaart is not about a pupil: every worker and coordinator may use it.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AccessLog
from cases.models import Case
from referrals.models import Referral
from tests import factories
from tests.conftest import PEOPLE

from .helpers import create_consent, create_referral, days_from_today

OK, FOUND, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404

SOCIAL_MAP_USERS = {"worker", "other_worker", "coordinator", "other_coordinator"}

# page -> {person: expected status}; people not named get 404.
MATRIX: dict[str, dict[str, int]] = {
    # every worker has their own referral dashboard (other_worker's is empty: see below)
    "dashboard": {"worker": OK, "other_worker": OK},
    "social_map": dict.fromkeys(SOCIAL_MAP_USERS, OK),
    "entry": dict.fromkeys(SOCIAL_MAP_USERS, OK),
    # the pupil's consents and referrals: the case manager only; the coordinator of the school
    # sees the progress page instead, never these
    "consent_new": {"worker": OK},
    "consent_withdraw": {"worker": OK},
    "referral_new": {"worker": OK},
    "detail": {"worker": OK},
    "detail_post": {"worker": FOUND},
}

WORDS_THE_COORDINATOR_MUST_NOT_READ = [
    "Somber en trekt zich terug.",  # reason
    "Graag diagnostiek en behandeling.",  # question
    "Verslag van de intake.",  # information shared
    "Altrecht Jeugd",  # the organisation itself: only its kind is shown
]


@pytest.fixture
def world(cast, case, altrecht):
    """The worker's case at school A with a consent and a submitted referral to Altrecht."""
    case.stage = Case.Stage.REFERRED
    case.save(update_fields=["stage"])
    consent = create_consent(case=case, party=altrecht)
    referral = create_referral(case=case, destination=altrecht, consent=consent)
    return {"case": case, "entry": altrecht, "consent": consent, "referral": referral}


def _request(client, page: str, world):
    if page in ("dashboard", "social_map"):
        return client.get(reverse(f"referrals:{page}"))
    if page == "entry":
        return client.get(reverse("referrals:entry", args=[world["entry"].pk]))
    if page in ("consent_new", "referral_new"):
        return client.get(reverse(f"referrals:{page}", args=[world["case"].pk]))
    if page == "consent_withdraw":
        return client.get(reverse("referrals:consent_withdraw", args=[world["consent"].pk]))
    if page == "detail":
        return client.get(reverse("referrals:detail", args=[world["referral"].pk]))
    assert page == "detail_post"
    return client.post(
        reverse("referrals:detail", args=[world["referral"].pk]),
        {"status": Referral.Status.INTAKE, "on": days_from_today(0).isoformat(), "note": ""},
    )


CASES = [
    (page, person, expected.get(person, NOT_FOUND))
    for page, expected in MATRIX.items()
    for person in PEOPLE
]


@pytest.mark.parametrize(("page", "person", "expected"), CASES)
def test_access_matrix(client, cast, world, page, person, expected):
    client.force_login(cast.by_name(person))

    response = _request(client, page, world)

    assert response.status_code == expected
    world["referral"].refresh_from_db()
    changed = world["referral"].status == Referral.Status.INTAKE
    assert changed is (page == "detail_post" and expected == FOUND)


@pytest.mark.parametrize("page", MATRIX)
def test_anonymous_is_sent_to_login(client, world, page):
    response = _request(client, page, world)

    assert response.status_code == FOUND
    assert response["Location"].startswith(reverse("accounts:login"))


def test_other_workers_dashboard_shows_nothing_of_this_referral(client, cast, world):
    client.force_login(cast.other_worker)

    page = client.get(reverse("referrals:dashboard")).content.decode()

    assert world["case"].pupil.full_name not in page
    assert "Altrecht Jeugd" not in page


# --- The coordinator ------------------------------------------------------------------------


def test_coordinator_sees_kind_and_status_of_a_referral_on_the_progress_page(client, cast, world):
    client.force_login(cast.coordinator)

    response = client.get(reverse("cases:progress", args=[world["case"].pk]))

    assert response.status_code == OK
    page = response.content.decode()
    assert "Youth mental health care (jeugd-GGZ)" in page
    assert "Submitted" in page


@pytest.mark.parametrize("text", WORDS_THE_COORDINATOR_MUST_NOT_READ)
def test_coordinator_never_reads_what_the_referral_says(client, cast, world, text):
    client.force_login(cast.coordinator)

    page = client.get(reverse("cases:progress", args=[world["case"].pk])).content.decode()

    assert text not in page


def test_coordinator_never_reads_the_acute_exception_reason(client, cast, world):
    create_referral(case=world["case"], acute_exception=True)
    client.force_login(cast.coordinator)

    page = client.get(reverse("cases:progress", args=[world["case"].pk])).content.decode()

    assert "Acuut onveilig thuis." not in page


def test_coordinator_opening_the_dossier_is_sent_to_the_progress_page(client, cast, world):
    client.force_login(cast.coordinator)

    response = client.get(reverse("cases:detail", args=[world["case"].pk]))

    assert response.status_code == FOUND
    assert response["Location"] == reverse("cases:progress", args=[world["case"].pk])


# --- The stand-in reads, never writes -------------------------------------------------------


@pytest.fixture
def stand_in(cast):
    # covers for `worker` this week (waarneming): reads the dossier, changes nothing
    user = factories.create_worker(
        username="stand_in", organisation=cast.organisation, schools=[cast.school_a]
    )
    factories.create_stand_in(stand_in=user, for_worker=cast.worker)
    return user


def test_stand_in_reads_the_referral(client, world, stand_in):
    client.force_login(stand_in)

    response = client.get(reverse("referrals:detail", args=[world["referral"].pk]))

    assert response.status_code == OK
    assert "Somber en trekt zich terug." in response.content.decode()


@pytest.mark.parametrize(
    ("name", "target", "data"),
    [
        ("consent_new", "case", {"purpose": "aanmelding", "by_pupil": "on"}),
        ("consent_withdraw", "consent", {"note": "Ouders trekken in"}),
        ("referral_new", "case", {"reason": "x", "question": "y", "shared_information": "z"}),
        ("detail", "referral", {"status": Referral.Status.INTAKE, "note": ""}),
    ],
)
def test_stand_in_cannot_write(client, world, stand_in, name, target, data):
    client.force_login(stand_in)
    data = {"on": days_from_today(0).isoformat(), "given_on": days_from_today(0), **data}

    response = client.post(reverse(f"referrals:{name}", args=[world[target].pk]), data)

    assert response.status_code == FORBIDDEN
    world["referral"].refresh_from_db()
    world["consent"].refresh_from_db()
    assert world["referral"].status == Referral.Status.SUBMITTED
    assert world["consent"].withdrawn_on is None
    assert world["case"].consents.count() == 1
    assert world["case"].referrals.count() == 1


# --- The access log -------------------------------------------------------------------------


def test_viewing_a_referral_is_logged_with_the_pupil(client, cast, world):
    client.force_login(cast.worker)

    client.get(reverse("referrals:detail", args=[world["referral"].pk]))

    log = AccessLog.objects.get(object_ref=f"referrals.referral:{world['referral'].pk}")
    assert log.user == cast.worker
    assert log.action == AccessLog.Action.VIEW
    assert log.pupil_ids == [world["case"].pupil_id]


def test_refused_viewer_leaves_a_refusal_not_a_view_in_the_log(client, cast, world):
    client.force_login(cast.other_worker)

    client.get(reverse("referrals:detail", args=[world["referral"].pk]))

    rows = AccessLog.objects.filter(pupil_ids__contains=[world["case"].pupil_id])
    assert [(row.user, row.action) for row in rows] == [
        (cast.other_worker, AccessLog.Action.REFUSED)
    ]
