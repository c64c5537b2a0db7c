"""Birthdays that change consent (the age rules of referrals.consent):

- a consent of the parents alone, given before the 12th birthday, is no longer enough from it:
  the pupil must consent too;
- a consent without the pupil's own, given before the 16th birthday, no longer counts from it:
  the youth decides alone.

The rule is computed on the day asked (`ask_again_reason`), so a ZAT item or a referral that
relies on such a consent is refused whether or not the daily task has run; the task marks it
"opnieuw vragen" on the birthday, for the timeline and the worker's start page.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from audit.log import Action, note
from cases.models import Case, CaseEvent, Pupil
from referrals.consent import missing_consent
from referrals.models import Consent

from .models import ConsentToAskAgain

# The birthdays on which whose consent is needed changes.
THRESHOLDS = (12, 16)


def birthday(pupil: Pupil, age: int) -> datetime.date:
    dob = pupil.date_of_birth
    try:
        return dob.replace(year=dob.year + age)
    except ValueError:  # born on 29 February: the birthday is 1 March in other years
        return datetime.date(dob.year + age, 3, 1)


def ask_again_reason(consent: Consent, day: datetime.date | None = None) -> str | None:
    """Why `consent` must be asked again on `day` (a birthday since it was given made it
    incomplete), or None while it still counts as given."""
    day = day or timezone.localdate()
    pupil = consent.pupil
    crossed = [
        age for age in THRESHOLDS if pupil.age_on(consent.given_on) < age <= pupil.age_on(day)
    ]
    if not crossed:
        return None
    guardian_ids = {g.pk for g in consent.by_guardians.all()}
    if not missing_consent(pupil, day, by_pupil=consent.by_pupil, guardian_ids=guardian_ids):
        return None
    age = crossed[-1]
    date = birthday(pupil, age).strftime("%d-%m-%Y")
    if age == 16:
        return _(
            "Ask again: since the 16th birthday (%(date)s) the consent of the parents no longer "
            "counts; the pupil consents alone."
        ) % {"date": date}
    return _(
        "Ask again: since the 12th birthday (%(date)s) the consent of the parents alone is no "
        "longer enough; the pupil must consent too."
    ) % {"date": date}


def still_counts(consent: Consent, day: datetime.date) -> bool:
    return consent.is_valid_on(day) and ask_again_reason(consent, day) is None


def counting(consents, day: datetime.date) -> list[Consent]:
    """The consents of a queryset that are valid on `day` and not to be asked again."""
    rows = consents.valid_on(day).select_related("pupil").prefetch_related("by_guardians")
    return [c for c in rows if ask_again_reason(c, day) is None]


def refusal_for(pupil_id: int, purpose: str, day: datetime.date) -> str | None:
    """The reason, for a refusal, when the pupil's consent for `purpose` is valid on `day` but a
    birthday made it one to ask again; None when there is no such consent."""
    stale = (
        Consent.objects.filter(pupil=pupil_id, purpose=purpose)
        .valid_on(day)
        .select_related("pupil")
        .prefetch_related("by_guardians")
    )
    for consent in stale:
        reason = ask_again_reason(consent, day)
        if reason:
            return reason
    return None


def _candidates(day: datetime.date):
    """Valid consents without the pupil's own of pupils aged 12 or more: the only ones a
    birthday can make incomplete (one the pupil gave too stays complete)."""
    twelve_years_ago = (
        day.replace(year=day.year - 12)
        if not (day.month == 2 and day.day == 29)
        else datetime.date(day.year - 12, 2, 28)
    )
    return (
        Consent.objects.valid_on(day)
        .filter(by_pupil=False, pupil__date_of_birth__lte=twelve_years_ago)
        .exclude(ask_again__isnull=False)
        .select_related("pupil", "case")
        .prefetch_related("by_guardians")
    )


def mark_consents_to_ask_again(day: datetime.date | None = None) -> int:
    """The daily task: mark every consent a birthday made incomplete, and say so on the case's
    timeline (by the case manager, or whoever recorded the consent). Idempotent."""
    from cases.workflow import record_event

    day = day or timezone.localdate()
    marked = 0
    for consent in _candidates(day):
        reason = ask_again_reason(consent, day)
        if reason is None:
            continue
        with transaction.atomic():
            _mark, created = ConsentToAskAgain.objects.get_or_create(
                consent=consent, defaults={"since": day, "reason": reason[:300]}
            )
            if not created:
                continue
            marked += 1
            case = consent.case or (
                Case.objects.filter(pupil=consent.pupil_id).order_by("-signalled_on").first()
            )
            if case is not None:
                by = case.caseworker or consent.recorded_by
                record_event(
                    case,
                    by=by,
                    kind=CaseEvent.Kind.CONSENT_ASK,
                    note=f"{consent.get_purpose_display()}: {reason}"[:500],
                )
    return marked


def consents_to_ask_again(user: User, day: datetime.date | None = None) -> list[tuple]:
    """For the worker's start page: (case, consent, reason) for the consents of their own open
    cases a birthday made incomplete. The pupils are shown by name, so noted."""
    if not user.has_role(Role.WORKER):
        return []
    day = day or timezone.localdate()
    cases = {
        c.pupil_id: c for c in Case.objects.filter(caseworker=user).open().select_related("pupil")
    }
    if not cases:
        return []
    found = []
    for consent in (
        Consent.objects.filter(pupil__in=list(cases), by_pupil=False)
        .valid_on(day)
        .select_related("pupil")
        .prefetch_related("by_guardians")
        .order_by("pupil__last_name", "purpose")
    ):
        reason = ask_again_reason(consent, day)
        if reason:
            found.append((cases[consent.pupil_id], consent, reason))
    note(Action.VIEW, [case.pupil_id for case, _c, _r in found], description="consents to ask")
    return found
