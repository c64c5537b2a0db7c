"""Who sees which reports. School reports: the coordinator of the school and the workers
assigned to it this year. Municipality (funding) reports: the officers of that municipality and
the team leaders of the organisation. Outside one's scope is 404."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.access import require_role
from accounts.models import Role, User
from audit.log import Action, note, refuse
from schools.access import assigned_schools, coordinated_schools, territory_schools

from .models import ReportRun


def report_schools(user: User):
    """Schools whose registration and rapportage the user may see and request."""
    from schools.models import School

    ids = assigned_schools(user).values("pk").union(coordinated_schools(user).values("pk"))
    return School.objects.filter(pk__in=ids).order_by("name")


def report_municipalities(user: User):
    """Municipalities whose funding report the user may see: an officer their own territory,
    a team leader those where the organisation's workers are assigned this year."""
    from schools.access import team_schools
    from schools.models import Municipality

    ids = (
        territory_schools(user)
        .values("municipality")
        .union(team_schools(user).values("municipality"))
    )
    return Municipality.objects.filter(pk__in=ids).order_by("name")


def visible_runs(user: User) -> QuerySet[ReportRun]:
    school_kinds = [ReportRun.Kind.REGISTRATION, ReportRun.Kind.RAPPORTAGE]
    return ReportRun.objects.filter(
        Q(kind__in=school_kinds, school__in=report_schools(user).values("pk"))
        | Q(municipality__in=report_municipalities(user).values("pk"))
    ).select_related("school", "municipality", "requested_by")


def visible_school_runs(user: User) -> QuerySet[ReportRun]:
    """The registrations and rapportages of the user's schools: the archive. (visible_runs
    without its municipality branch, whose OR would make PostgreSQL read every run ever made.)"""
    school_kinds = [ReportRun.Kind.REGISTRATION, ReportRun.Kind.RAPPORTAGE]
    return ReportRun.objects.filter(
        kind__in=school_kinds, school__in=report_schools(user).values("pk")
    ).select_related("school", "municipality", "requested_by")


def get_run_for_user(user: User, pk: int) -> ReportRun:
    """A run the user may see, and so ask for again: the same people read and request a report."""
    run = visible_runs(user).filter(pk=pk).first()
    if run is None:
        other = ReportRun.objects.filter(pk=pk).first()
        if other is not None:
            refuse(other, other.pupil_ids)
        raise Http404
    return run


def get_run_for_download(user: User, pk: int) -> ReportRun:
    """A ready run to download: a print of every pupil the report names (unless its file was
    lost, which the download page says instead)."""
    run = get_run_for_user(user, pk)
    if run.status != ReportRun.Status.READY:
        raise Http404
    if not run.file_missing:
        note(Action.PRINT, run.pupil_ids, obj=run, description=str(run))
    return run


def funding_figures_shown(municipality, *, action: str = Action.VIEW, description: str) -> None:
    """The funding report on screen or exported: figures only, no pupil; logged all the same."""
    note(action, obj=municipality, description=description)


def recently_failed_runs(user: User) -> QuerySet[ReportRun]:
    """The application manager's list of runs that failed in the last week: which report and
    when, never its figures or pupils. 404 for everyone else."""
    require_role(user, Role.ADMIN)
    week_ago = timezone.now() - datetime.timedelta(days=7)
    return (
        ReportRun.objects.failed_since(week_ago)
        .select_related("school", "municipality")
        .order_by("-finished_at")
    )


def recent_ready_runs(
    user: User, since: datetime.datetime, *, funding: bool
) -> QuerySet[ReportRun]:
    """The start page: reports made ready since `since` that the user may download; the funding
    reports of their municipalities, or the registrations and rapportages of their schools.
    Listing them names the report, not a pupil; the download is logged as a print."""
    runs = (
        visible_runs(user).filter(municipality__isnull=False)
        if funding
        else visible_school_runs(user)
    )
    return runs.filter(status=ReportRun.Status.READY, finished_at__gte=since).order_by(
        "-finished_at", "-pk"
    )
