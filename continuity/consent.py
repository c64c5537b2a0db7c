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
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Role, User
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
    date = date_format(birthday(pupil, age), "j F Y")
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


def marked_for(user: User, day: datetime.date | None = None):
    """For the worker's start page: the consents on the pupils of their own open cases that the
    daily task marked to ask again, still valid, and not yet followed by a newer consent for the
    same purpose and party. One query; each row carries `open_case`, the pupil's open case of
    the worker (where the new consent is recorded). Listed through `.shown()`: the pupils of the
    rows fetched are noted."""
    if not user.has_role(Role.WORKER):
        return Consent.objects.none()
    day = day or timezone.localdate()
    own = Case.objects.open().filter(caseworker=user)
    newer = Consent.objects.annotate(same_party=Coalesce("party", 0)).filter(
        Q(given_on__gt=OuterRef("given_on"))
        | Q(given_on=OuterRef("given_on"), pk__gt=OuterRef("pk")),
        pupil=OuterRef("pupil"),
        purpose=OuterRef("purpose"),
        same_party=Coalesce(OuterRef("party"), 0),
        withdrawn_on__isnull=True,
    )
    case_of = own.filter(pupil=OuterRef("pupil")).order_by("-signalled_on", "-pk").values("pk")[:1]
    return (
        Consent.objects.filter(ask_again__isnull=False, pupil__in=own.values("pupil"))
        .valid_on(day)
        .exclude(Exists(newer))
        .annotate(open_case=Subquery(case_of))
        .select_related("pupil", "ask_again")
        .order_by("ask_again__since", "pk")
        .shown()
    )
