"""Who may see the sociale kaart, consents and referrals. Built on cases.access: a referral is
as visible as its case, and the coordinator sees only that it exists, the kind of organisation
and its status."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Role, User
from cases import access as case_access
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
