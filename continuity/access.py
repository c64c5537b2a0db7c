"""Who may do what here. Team leader: the workers of their organisation (deactivated ones
included, so nothing they left is out of reach), metadata only. Worker: their own cases."""

from __future__ import annotations

from django.http import Http404

from accounts.access import team_workers
from accounts.models import Role, User


def team_member(user: User, pk: int) -> User:
    """A worker (active or not) of the organisations `user` leads; 404 otherwise."""
    if not user.has_role(Role.TEAMLEAD):
        raise Http404
    worker = team_workers(user, include_inactive=True).filter(pk=pk).first()
    if worker is None:
        raise Http404
    return worker


def require_teamlead(user: User) -> None:
    if not user.has_role(Role.TEAMLEAD):
        raise Http404


def require_worker(user: User) -> None:
    if not user.has_role(Role.WORKER):
        raise Http404


def team_organisations(user: User):
    return user.memberships.filter(role=Role.TEAMLEAD).values("organisation")
