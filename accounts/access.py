"""Who holds which role. Pages for a role someone does not hold answer 404, like anything
else outside their scope, so their existence leaks nothing."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from schools.models import Assignment

from .models import Role, User


def require_role(user: User, role: str) -> None:
    if not user.has_role(role):
        raise Http404


def team_workers(user: User, *, include_inactive: bool = False) -> QuerySet[User]:
    """The active workers employed by the organisations this teamlead leads; with
    `include_inactive`, deactivated ones too (their cases must never be out of reach)."""
    organisations = user.memberships.filter(role=Role.TEAMLEAD).values("organisation")
    active = {} if include_inactive else {"is_active": True}
    return (
        User.objects.filter(
            memberships__role=Role.WORKER,
            memberships__organisation__in=organisations,
            **active,
        )
        .distinct()
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.current().select_related("school", "school_year"),
                to_attr="current_assignments",
            )
        )
    )


def manageable_users(user: User) -> QuerySet[User]:
    """Everyone but operations' accounts (superuser, staff), for the application manager; nobody
    for anyone else."""
    if not user.has_role(Role.ADMIN):
        return User.objects.none()
    return User.objects.filter(is_superuser=False, is_staff=False).prefetch_related(
        Prefetch(
            "memberships",
            queryset=_memberships_with_scope(),
        )
    )


def get_manageable_user(user: User, pk: int) -> User:
    """One person the application manager manages; 404 for anyone else or a missing id."""
    try:
        return manageable_users(user).get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None


def _memberships_with_scope():
    from .models import Membership

    return Membership.objects.select_related("organisation", "school", "municipality")
