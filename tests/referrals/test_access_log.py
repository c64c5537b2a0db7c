"""Referral and consent pages log the pupil they show; the dashboard logs the pupils of its
lists; a referral made is an export of the pupil's data; a refusal of an existing referral is
logged as such."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.log import request_log
from audit.models import AccessLog
from referrals import workflow
from referrals.models import Referral
from tests import access_log, factories

from .helpers import create_consent, create_referral, days_from_today

VIEW, CHANGE, EXPORT, REFUSED = (
    AccessLog.Action.VIEW,
    AccessLog.Action.CHANGE,
    AccessLog.Action.EXPORT,
    AccessLog.Action.REFUSED,
)


@pytest.fixture
def referral(case, altrecht) -> Referral:
    consent = create_consent(case=case, party=altrecht)
    return create_referral(case=case, destination=altrecht, consent=consent)


def _pages(referral):
    case = referral.case
    return {
        "detail": reverse("referrals:detail", args=[referral.pk]),
        "consent_withdraw": reverse("referrals:consent_withdraw", args=[referral.consent.pk]),
        "consent_new": reverse("referrals:consent_new", args=[case.pk]),
        "referral_new": reverse("referrals:referral_new", args=[case.pk]),
    }


@pytest.mark.parametrize("page", ["detail", "consent_withdraw", "consent_new", "referral_new"])
def test_a_referral_or_consent_page_logs_a_view_of_the_pupil(client, cast, referral, page):
    client.force_login(cast.worker)
    url = _pages(referral)[page]

    response, written = access_log.get(client, url)

    assert response.status_code == 200
    row = written.only(VIEW)
    assert (row.user, row.pupil_ids, row.path) == (cast.worker, [referral.case.pupil_id], url)


def test_the_referral_page_names_the_referral_it_showed(client, cast, referral):
    client.force_login(cast.worker)

    _, written = access_log.get(client, reverse("referrals:detail", args=[referral.pk]))

    assert written.only(VIEW).object_ref == f"referrals.referral:{referral.pk}"


def test_the_dashboard_logs_the_pupils_of_its_referrals(client, cast, referral):
    other = factories.create_case(school=cast.school_c, caseworker=cast.other_worker)
    create_referral(case=other, status=Referral.Status.WAITING)
    client.force_login(cast.worker)

    response, written = access_log.get(client, reverse("referrals:dashboard"))

    assert referral.case.pupil.full_name in response.content.decode()
    assert written.pupils() == {referral.case.pupil_id}


def test_a_status_change_logs_a_change(client, cast, referral):
    client.force_login(cast.worker)
    data = {"status": Referral.Status.INTAKE, "on": days_from_today(0).isoformat(), "note": ""}

    response, written = access_log.post(
        client, reverse("referrals:detail", args=[referral.pk]), data
    )

    assert response.status_code == 302
    assert written.only(CHANGE).pupil_ids == [referral.case.pupil_id]


def test_making_a_referral_exports_the_pupils_data(rf, cast, case, altrecht):
    consent = create_consent(case=case, party=altrecht)
    request = rf.post("/verwijzingen/")
    request.user = cast.worker

    with request_log(request):
        referral = workflow.refer(
            case,
            by=cast.worker,
            destination=altrecht,
            reason="Somber.",
            question="Behandeling?",
            shared_information="Samenvatting.",
            follow_up_on=days_from_today(14),
            consent=consent,
        )

    row = AccessLog.objects.get(action=EXPORT)
    assert (row.user, row.pupil_ids) == (cast.worker, [case.pupil_id])
    assert row.object_ref == f"referrals.referral:{referral.pk}"
    assert AccessLog.objects.get(action=CHANGE).pupil_ids == [case.pupil_id]


@pytest.mark.parametrize("person", ["other_worker", "coordinator", "privacy"])
def test_an_existing_referral_out_of_scope_is_a_logged_refusal(client, cast, referral, person):
    client.force_login(cast.by_name(person))

    response, written = access_log.get(client, reverse("referrals:detail", args=[referral.pk]))

    assert response.status_code == 404
    assert written.actions() == {REFUSED}
    assert written.only(REFUSED).pupil_ids == [referral.case.pupil_id]


def test_a_missing_referral_is_a_404_without_a_row(client, cast):
    client.force_login(cast.worker)

    response, written = access_log.get(client, reverse("referrals:detail", args=[999999]))

    assert response.status_code == 404
    assert written.rows == []
