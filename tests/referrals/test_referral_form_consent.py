"""The referral form records a missing parent and the consent together with the referral, all or
nothing; closing a referred case says the one handover rule before the worker answers."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from referrals.models import Consent, Referral

from .helpers import create_referral


def _referral_data(destination, **extra) -> dict:
    return {
        "destination": destination.pk,
        "reason": "Traumabehandeling nodig.",
        "question": "Kunnen jullie een intake plannen?",
        "shared_information": "Samenvatting van de intake.",
        "follow_up_on": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
        "submit": "on",
        **extra,
    }


def test_a_missing_parent_and_the_consent_are_recorded_with_the_referral(
    client, cast, case, altrecht
):
    client.force_login(cast.worker)
    data = _referral_data(
        altrecht,
        new_consent_by_pupil="on",
        new_consent_given_on=timezone.localdate().isoformat(),
        new_guardian_name="Anouk Kok",
        new_guardian_relation="moeder",
        new_guardian_has_authority="on",
        new_guardian_consents="on",
    )

    response = client.post(reverse("referrals:referral_new", args=[case.pk]), data)

    referral = Referral.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", args=[referral.pk])
    guardian = case.pupil.guardians.get()
    assert guardian.name == "Anouk Kok" and guardian.has_authority
    consent = referral.consent
    assert consent.purpose == Consent.Purpose.REFERRAL and consent.party == altrecht
    assert consent.by_pupil and list(consent.by_guardians.all()) == [guardian]
    case.refresh_from_db()
    assert case.stage == Case.Stage.REFERRED


def test_an_incomplete_consent_saves_nothing_and_keeps_the_text(client, cast, case, altrecht):
    client.force_login(cast.worker)
    data = _referral_data(altrecht, new_consent_by_pupil="on")

    response = client.post(reverse("referrals:referral_new", args=[case.pk]), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "a parent with parental authority" in page
    assert "Traumabehandeling nodig." in page and "Kunnen jullie een intake plannen?" in page
    assert not Referral.objects.exists() and not Consent.objects.exists()
    assert not case.pupil.guardians.exists()


def test_the_form_asks_for_consent_or_a_choice(client, cast, case, altrecht):
    client.force_login(cast.worker)

    response = client.post(
        reverse("referrals:referral_new", args=[case.pk]), _referral_data(altrecht)
    )

    assert "record below who consents" in response.content.decode()
    assert not Referral.objects.exists()


def test_closing_a_referred_case_shows_the_rule_and_the_referral_first(client, cast, case):
    referral = create_referral(case=case, status=Referral.Status.SUBMITTED)
    Case.objects.filter(pk=case.pk).update(stage=Case.Stage.REFERRED)
    client.force_login(cast.worker)
    url = reverse("cases:close", args=[case.pk])

    page = client.get(url).content.decode()

    assert "handed over once help has started" in page
    assert reverse("referrals:detail", args=[referral.pk]) in page
    assert 'name="handover_note"' in page
    response = client.post(url, {"reason": "verwezen", "outcome": "Overgedragen."})
    assert "This field is required." in response.content.decode()
    case.refresh_from_db()
    assert case.stage == Case.Stage.REFERRED


def test_once_help_has_started_closing_asks_no_handover_question(client, cast, case):
    referral = create_referral(case=case, status=Referral.Status.STARTED)
    Case.objects.filter(pk=case.pk).update(stage=Case.Stage.REFERRED, referred_on=case.signalled_on)
    client.force_login(cast.worker)
    url = reverse("cases:close", args=[case.pk])

    assert 'name="handover_note"' not in client.get(url).content.decode()
    detail = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert f'action="{url}"' in detail  # closing is offered on the referral itself
    response = client.post(url, {"reason": "verwezen", "outcome": "Overgedragen."})

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Case.Stage.CLOSED
    assert "handover complete" in case.events.latest("at").note
