"""The only place that knows which schools a person may see.

A worker sees the schools they are assigned to this school year; a coordinator their own school;
a teamlead the schools where their organisation's workers are assigned; a municipal officer the
schools in their territory (as figures only). Anything else answers 404.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from accounts.models import Role, User

from .models import Assignment, School, SchoolYear


def assigned_schools(user: User, year: SchoolYear | None = None) -> QuerySet[School]:
    """Schools where `user` works as SMW in `year` (default: the current school year)."""
    if not user.has_role(Role.WORKER):
        return School.objects.none()
    year_filter = (
        Q(assignments__school_year=year)
        if year
        else Q(assignments__school_year__start_year=SchoolYear.start_year_for_today())
    )
    return School.objects.filter(year_filter, assignments__worker=user).distinct()


def coordinated_schools(user: User) -> QuerySet[School]:
    return School.objects.filter(memberships__user=user, memberships__role=Role.COORDINATOR)


def territory_schools(user: User) -> QuerySet[School]:
    return School.objects.filter(
        municipality__memberships__user=user,
        municipality__memberships__role=Role.MUNICIPALITY,
    )


def team_schools(user: User) -> QuerySet[School]:
    organisations = user.memberships.filter(role=Role.TEAMLEAD).values("organisation")
    return School.objects.filter(
        assignments__school_year__start_year=SchoolYear.start_year_for_today(),
        assignments__worker__memberships__role=Role.WORKER,
        assignments__worker__memberships__organisation__in=organisations,
    ).distinct()


def visible_schools(user: User) -> QuerySet[School]:
    """Schools whose page `user` may open: as worker, coordinator or teamlead."""
    ids = (
        assigned_schools(user)
        .values("pk")
        .union(coordinated_schools(user).values("pk"), team_schools(user).values("pk"))
    )
    return School.objects.filter(pk__in=ids).select_related("municipality")


def get_school_for_user(user: User, pk: int) -> School:
    """A school whose page the user may open; another school that exists is a refusal."""
    from audit.log import refuse

    school = visible_schools(user).filter(pk=pk).first()
    if school is None:
        other = School.objects.filter(pk=pk).first()
        if other is not None:
            refuse(other)
        raise Http404
    return school


def school_assignments(school: School) -> QuerySet[Assignment]:
    return (
        Assignment.objects.current()
        .filter(school=school)
        .select_related("worker", "school_year")
        .order_by("worker__first_name", "worker__last_name")
    )


def my_assignments(user: User) -> QuerySet[Assignment]:
    if not user.has_role(Role.WORKER):
        return Assignment.objects.none()
    return (
        Assignment.objects.current()
        .filter(worker=user)
        .select_related("school__municipality", "school_year")
    )


def territory_overview(user: User) -> QuerySet[School]:
    """The officer's schools with this year's contracted hours: figures, never a pupil."""
    if not user.has_role(Role.MUNICIPALITY):
        raise Http404
    current = Q(assignments__school_year__start_year=SchoolYear.start_year_for_today())
    return (
        territory_schools(user)
        .select_related("municipality")
        .annotate(
            contracted_hours=Sum("assignments__contracted_hours", filter=current),
            worker_count=Count("assignments__worker", filter=current, distinct=True),
        )
        .order_by("municipality__name", "sector", "name")
    )


# --- The application manager's start page (schools/today.py) ----------------------------------


def schools_without_assignment(user: User, start_year: int) -> QuerySet[School]:
    """Active schools with no worker assigned in the school year starting in `start_year`;
    master data, no pupil. 404 for anyone but the application manager."""
    if not user.has_role(Role.ADMIN):
        raise Http404
    return (
        School.objects.filter(active=True)
        .exclude(assignments__school_year__start_year=start_year)
        .order_by("name", "pk")
    )
