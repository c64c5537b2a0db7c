"""The only place that knows who may see or change a meldcode trajectory.

- worker: the trajectories of the cases they may open as a dossier: full as case manager,
  read-only as stand-in.
- safeguarding (aandachtsfunctionaris) of an organisation: every open and closed trajectory of
  that organisation; adds consultation notes; reads the dossier of those cases (cases.access).
- teamlead: counts per organisation only. coordinator, municipality, admin, privacy: nothing.
Outside one's scope is 404; inside but read-only is 403. Every read of pupil data is noted in
the access log.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from accounts.models import Role, User
from audit.log import Action, note

from .models import Setting, Trajectory


def _safeguarded_organisations(user: User) -> QuerySet:
    return user.memberships.filter(role=Role.SAFEGUARDING).values("organisation")


def _worker_trajectories(user: User) -> QuerySet[Trajectory]:
    from cases.access import _worker_case_ids

    if not user.has_role(Role.WORKER):
        return Trajectory.objects.none()
    return Trajectory.objects.filter(case__in=_worker_case_ids(user))


def safeguarded_trajectories(user: User) -> QuerySet[Trajectory]:
    """The aandachtsfunctionaris's trajectories: every one of their organisations."""
    if not user.has_role(Role.SAFEGUARDING):
        return Trajectory.objects.none()
    return Trajectory.objects.filter(organisation__in=_safeguarded_organisations(user))


def visible_trajectories(user: User) -> QuerySet[Trajectory]:
    """Every trajectory `user` may open, not yet logged (see `shown_trajectories`)."""
    ids = _worker_trajectories(user).values("pk").union(safeguarded_trajectories(user).values("pk"))
    return Trajectory.objects.filter(pk__in=ids)


def shown_trajectories(user: User) -> QuerySet[Trajectory]:
    """The list of trajectories for a page: the rows it fetches are noted in the access log."""
    return (
        visible_trajectories(user)
        .select_related("case__pupil", "case__school", "case__caseworker", "organisation")
        .shown("case__pupil_id")
    )


def can_see_meldcode(user: User) -> bool:
    return user.has_role(Role.WORKER) or user.has_role(Role.SAFEGUARDING)


def safeguards_case(user: User, case_id: int) -> bool:
    """The aandachtsfunctionaris reads the dossier of a case with a trajectory of their
    organisation (cases.access asks this)."""
    return safeguarded_trajectories(user).filter(case=case_id).exists()


def get_trajectory_for_user(
    user: User, pk: int, *, write: bool = False, export: bool = False
) -> Trajectory:
    """A trajectory the user may see (404 otherwise), noted in the access log (as an export
    with `export`); with `write`, only for its case manager (403 for the others who may read
    it)."""
    from cases.access import Level, access_level

    trajectory = (
        visible_trajectories(user)
        .select_related("case__pupil", "case__school", "case__caseworker", "organisation")
        .filter(pk=pk)
        .first()
    )
    if trajectory is None:
        raise Http404
    action = Action.EXPORT if export else Action.CHANGE if write else Action.VIEW
    note(action, [trajectory.case.pupil_id], obj=trajectory)
    if write and access_level(user, trajectory.case) is not Level.FULL:
        raise PermissionDenied
    return trajectory


def get_trajectory_for_consultation(user: User, pk: int) -> Trajectory:
    """A trajectory to add a consultation to: its case manager or aandachtsfunctionaris."""
    from .workflow import is_case_manager, safeguards

    trajectory = get_trajectory_for_user(user, pk)
    if not (is_case_manager(user, trajectory) or safeguards(user, trajectory)):
        raise PermissionDenied
    note(Action.CHANGE, [trajectory.case.pupil_id], obj=trajectory)
    return trajectory


def open_trajectory_of_case(user: User, case) -> Trajectory | None:
    """The case's open trajectory, or its last one, for the case page; None if not visible."""
    trajectory = (
        visible_trajectories(user).filter(case=case).order_by("step", "-started_at").first()
    )
    if trajectory is not None:
        note(Action.VIEW, [case.pupil_id], obj=trajectory, description="meldcode on case")
    return trajectory


def step_working_days(organisation_id: int) -> int:
    from .deadlines import DEFAULT_STEP_WORKING_DAYS

    setting = Setting.objects.filter(organisation=organisation_id).first()
    return setting.step_working_days if setting else DEFAULT_STEP_WORKING_DAYS


def team_counts(user: User) -> dict[str, int]:
    """The team leader's counts for their organisations: numbers only, no pupil."""
    if not user.has_role(Role.TEAMLEAD):
        raise Http404
    organisations = user.memberships.filter(role=Role.TEAMLEAD).values("organisation")
    return Trajectory.objects.filter(organisation__in=organisations).aggregate(
        open=Count("pk", filter=~Q(step=Trajectory.Step.CLOSED)),
        closed=Count("pk", filter=Q(step=Trajectory.Step.CLOSED)),
        reported=Count("pk", filter=Q(reported_on__isnull=False)),
    )
