"""Who may see the sociale kaart, consents and referrals. Built on cases.access: a referral is
as visible as its case, and the coordinator sees only that it exists, the kind of organisation
and its status."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Role, User
from cases import access as case_access
from cases.models import Case
from schools.access import assigned_schools, coordinated_schools

from .models import TERMINAL, Consent, Referral, SocialMapEntry
from .workflow import next_statuses


def can_use_social_map(user: User) -> bool:
    return user.has_role(Role.WORKER) or user.has_role(Role.COORDINATOR)


def social_map(user: User) -> QuerySet[SocialMapEntry]:
    if not can_use_social_map(user):
        raise Http404
    return SocialMapEntry.objects.filter(active=True).prefetch_related("municipalities")


def home_municipalities(user: User):
    """The municipalities of the schools someone works at: the default filter."""
    from schools.models import Municipality

    schools = (
        assigned_schools(user)
        .values("municipality")
        .union(coordinated_schools(user).values("municipality"))
    )
    return Municipality.objects.filter(pk__in=schools)


def get_entry_for_user(user: User, pk: int) -> SocialMapEntry:
    entry = social_map(user).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def get_referral_for_user(user: User, pk: int, *, write: bool = False) -> Referral:
    referral = (
        Referral.objects.select_related("case__pupil", "destination", "consent")
        .filter(pk=pk)
        .first()
    )
    if referral is None:
        raise Http404
    case_access.check_dossier_part(user, referral.case, referral, write=write)
    return referral


def get_consent_for_user(user: User, pk: int, *, write: bool = False) -> Consent:
    consent = (
        Consent.objects.select_related("case__pupil").filter(pk=pk, case__isnull=False).first()
    )
    if consent is None:
        raise Http404
    case_access.check_dossier_part(user, consent.case, consent, write=write)
    return consent


def can_change_status(user: User, referral: Referral) -> bool:
    """The case manager may record a status while the referral has not ended."""
    return referral.case.caseworker_id == user.pk and bool(next_statuses(referral))


def my_referrals(user: User) -> QuerySet[Referral]:
    """Referrals on the worker's own cases."""
    if not user.has_role(Role.WORKER):
        raise Http404
    return (
        Referral.objects.filter(case__caseworker=user)
        .select_related("case__pupil", "destination")
        .shown("case__pupil_id")
    )


def needs_attention(user: User) -> QuerySet[Referral]:
    """Follow-up date passed (and still running), or on a waiting list."""
    today = timezone.localdate()
    return my_referrals(user).filter(
        Q(follow_up_on__lt=today, status__in=_active()) | Q(status=Referral.Status.WAITING)
    )


def running_referrals(user: User) -> QuerySet[Referral]:
    """The worker's referrals that have not ended (rejected, withdrawn or completed)."""
    return my_referrals(user).filter(status__in=_active())


def _active() -> list[str]:
    # In the order of Referral.Status, as the partial index referral_running_case lists them.
    return [s for s in Referral.Status.values if s not in TERMINAL]


# --- The start page "Vandaag" (referrals/today.py) ---------------------------------------------

# A consent shows on the start page from this long before it ends until this long after.
CONSENT_ASK_AGAIN = datetime.timedelta(days=30)


def follow_ups_due(user: User, today: datetime.date) -> QuerySet[Referral]:
    """The worker's running referrals whose follow-up date has come; the most late first."""
    if not user.has_role(Role.WORKER):
        return Referral.objects.none()
    return (
        my_referrals(user)
        .filter(follow_up_on__lte=today, status__in=_active())
        .order_by("follow_up_on", "pk")
    )


def consents_to_ask_again(user: User, today: datetime.date) -> QuerySet[Consent]:
    """Consents on the worker's open cases that end within a month or ended in the last month,
    not withdrawn, and not yet followed by a newer consent for the same purpose and party."""
    from django.db.models import Exists, OuterRef
    from django.db.models.functions import Coalesce

    if not user.has_role(Role.WORKER):
        return Consent.objects.none()
    newer = Consent.objects.annotate(same_party=Coalesce("party", 0)).filter(
        case=OuterRef("case"),
        purpose=OuterRef("purpose"),
        same_party=Coalesce(OuterRef("party"), 0),
        given_on__gt=OuterRef("given_on"),
        withdrawn_on__isnull=True,
    )
    return (
        Consent.objects.filter(
            case__caseworker=user,
            withdrawn_on__isnull=True,
            valid_until__gte=today - CONSENT_ASK_AGAIN,
            valid_until__lte=today + CONSENT_ASK_AGAIN,
        )
        .exclude(case__stage=Case.Stage.CLOSED)
        .exclude(Exists(newer))
        .select_related("case__pupil", "party")
        .order_by("valid_until", "pk")
        .shown("case__pupil_id")
    )
