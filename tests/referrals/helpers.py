"""Factories only the referral tests need: sociale kaart entries, consents and referrals.

Keyword-only like tests/factories.py. They write rows directly, so a test can set up a state
(an expired consent, an overdue follow-up) that the workflow would never let it create today.
"""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from accounts.models import User
from cases.models import Case, Guardian
from referrals.models import Consent, Referral, ReferralStatusChange, SocialMapEntry
from schools.models import Municipality

_seq = itertools.count(1)


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def birthday_years_ago(years: int, *, plus_days: int = 0) -> datetime.date:
    """A date of birth such that the pupil turns `years` today (plus_days=1: tomorrow)."""
    today = timezone.localdate()
    try:
        born = today.replace(year=today.year - years)
    except ValueError:  # today is 29 February: its years-ago twin does not exist
        born = today.replace(year=today.year - years, day=28)
    return born + datetime.timedelta(days=plus_days)


def create_entry(
    *,
    name: str | None = None,
    kind: str = SocialMapEntry.Kind.WIJKTEAM,
    municipalities: list[Municipality] = (),
    active: bool = True,
    notes: str = "",
    application_procedure: str = "",
) -> SocialMapEntry:
    entry = SocialMapEntry.objects.create(
        name=name or f"Organisatie {next(_seq)}",
        kind=kind,
        active=active,
        notes=notes,
        application_procedure=application_procedure,
    )
    entry.municipalities.set(municipalities)
    return entry


def create_consent(
    *,
    case: Case,
    party: SocialMapEntry | None,
    purpose: str = Consent.Purpose.REFERRAL,
    given_on: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    withdrawn_on: datetime.date | None = None,
    by_pupil: bool = True,
    guardians: list[Guardian] = (),
    recorded_by: User | None = None,
) -> Consent:
    consent = Consent.objects.create(
        pupil=case.pupil,
        case=case,
        purpose=purpose,
        party=party,
        by_pupil=by_pupil,
        given_on=given_on or days_from_today(-7),
        valid_until=valid_until,
        withdrawn_on=withdrawn_on,
        recorded_by=recorded_by or case.caseworker,
    )
    consent.by_guardians.set(guardians)
    return consent


def create_referral(
    *,
    case: Case,
    destination: SocialMapEntry | None = None,
    status: str = Referral.Status.SUBMITTED,
    follow_up_on: datetime.date | None = None,
    status_changed_on: datetime.date | None = None,
    consent: Consent | None = None,
    acute_exception: bool = False,
    reason: str = "Somber en trekt zich terug.",
    question: str = "Graag diagnostiek en behandeling.",
    shared_information: str = "Verslag van de intake.",
) -> Referral:
    """A referral row in `status`; without consent it is an acute-exception referral."""
    destination = destination or create_entry()
    if consent is None and not acute_exception:
        consent = create_consent(case=case, party=destination)
    referral = Referral.objects.create(
        case=case,
        destination=destination,
        reason=reason,
        question=question,
        shared_information=shared_information,
        consent=consent,
        acute_exception=acute_exception,
        exception_reason="Acuut onveilig thuis." if acute_exception else "",
        follow_up_on=follow_up_on or days_from_today(14),
        status=status,
        status_changed_on=status_changed_on or days_from_today(-3),
        created_by=case.caseworker,
    )
    ReferralStatusChange.objects.create(
        referral=referral, status=status, on=referral.status_changed_on, by=case.caseworker
    )
    return referral
