"""Who sees which ZAT meetings: the coordinator of the school (who runs them) and the school
social workers assigned to the school this year. Nobody else; outside scope is 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Role, User
from schools.access import assigned_schools, coordinated_schools

from .models import AgendaItem, Meeting


def meeting_schools(user: User):
    from schools.models import School

    ids = assigned_schools(user).values("pk").union(coordinated_schools(user).values("pk"))
    return School.objects.filter(pk__in=ids)


def visible_meetings(user: User) -> QuerySet[Meeting]:
    if not (user.has_role(Role.WORKER) or user.has_role(Role.COORDINATOR)):
        return Meeting.objects.none()
    return Meeting.objects.filter(
        Q(school__in=assigned_schools(user).values("pk"))
        | Q(school__in=coordinated_schools(user).values("pk"))
    )


def runs_meetings_at(user: User, school) -> bool:
    return coordinated_schools(user).filter(pk=school.pk).exists()


def get_meeting_for_user(user: User, pk: int, *, manage: bool = False) -> Meeting:
    """The meeting; 404 outside scope; 403 when `manage` and the user is not the coordinator."""
    meeting = visible_meetings(user).select_related("school", "chair").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    if manage and not runs_meetings_at(user, meeting.school):
        raise PermissionDenied
    return meeting


def get_item_for_user(user: User, pk: int) -> AgendaItem:
    item = AgendaItem.objects.select_related("meeting__school", "case__pupil").filter(pk=pk).first()
    if item is None or not visible_meetings(user).filter(pk=item.meeting_id).exists():
        raise Http404
    return item
