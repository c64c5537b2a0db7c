"""Who sees which ZAT meetings: the coordinator of the school (who runs them) and the school
social workers assigned to the school this year. Nobody else; outside scope is 404.

A pupil's name shows on an item only with a valid ZAT consent; where it shows, handing the item
out notes a read of that pupil in the access log (or a print, for the minutes)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from accounts.models import Role, User
from audit.log import Action, note, refuse
from schools.access import assigned_schools, coordinated_schools

from .models import ActionPoint, AgendaItem, Meeting


def takes_part_in_zat(user: User) -> bool:
    """Workers and coordinators have ZAT meetings; for anyone else the pages do not exist."""
    return user.has_role(Role.WORKER) or user.has_role(Role.COORDINATOR)


def can_plan_meetings(user: User) -> bool:
    return user.has_role(Role.COORDINATOR)


def visible_meetings(user: User) -> QuerySet[Meeting]:
    if not takes_part_in_zat(user):
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
        other = Meeting.objects.filter(pk=pk).first()
        if other is not None:
            refuse(other, _named(other.items.select_related("consent", "meeting")))
        raise Http404
    if manage and not runs_meetings_at(user, meeting.school):
        raise PermissionDenied
    return meeting


def can_see_meeting(user: User, pk: int) -> bool:
    return visible_meetings(user).filter(pk=pk).exists()


def get_item_for_user(user: User, pk: int) -> AgendaItem:
    item = (
        AgendaItem.objects.select_related("meeting__school", "case__pupil", "consent")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    if not can_see_meeting(user, item.meeting_id):
        refuse(item, _named([item]))
    note(Action.VIEW, _named([item]), obj=item, description="ZAT item")
    return item


def _named(items) -> list[int]:
    """The pupils whose names these items show."""
    from .workflow import shows_name

    return [item.case.pupil_id for item in items if shows_name(item)]


def meeting_items(meeting: Meeting, *, action: str = Action.VIEW) -> list[AgendaItem]:
    """The meeting's agenda items, each with `show_name`; the names shown are logged as
    `action` (a view on the page, a print for the minutes)."""
    from .workflow import shows_name

    items = list(
        meeting.items.select_related("case__pupil", "consent", "added_by").prefetch_related(
            Prefetch(
                "actions",
                queryset=ActionPoint.objects.select_related("owner_user", "owner_guest"),
            )
        )
    )
    for item in items:
        item.show_name = shows_name(item)
    note(action, [i.case.pupil_id for i in items if i.show_name], obj=meeting, description="ZAT")
    return items


def can_record_advice(user: User, item: AgendaItem) -> bool:
    """The item's worker (who put it on the agenda, or the case manager of its case) and the
    meeting's chair record what was discussed and advised; other attendees read it."""
    return user.pk in {item.added_by_id, item.meeting.chair_id} or (
        item.case is not None and item.case.caseworker_id == user.pk
    )


def get_action_for_user(user: User, pk: int) -> ActionPoint:
    """An action point of an item the user may see; 404 otherwise."""
    action = ActionPoint.objects.select_related("item").filter(pk=pk).first()
    if action is None:
        raise Http404
    get_item_for_user(user, action.item_id)
    return action


def possible_attendees(meeting: Meeting) -> QuerySet[User]:
    """Colleagues with SMW access who may attend: the school's workers this year and its
    coordinators."""
    school = meeting.school
    return (
        User.objects.filter(is_active=True, memberships__role__in=[Role.WORKER, Role.COORDINATOR])
        .filter(
            pk__in=list(school.assignments.current().values_list("worker", flat=True))
            + list(school.memberships.values_list("user", flat=True))
        )
        .distinct()
    )


# --- The start page "Vandaag" (zat/today.py) ---------------------------------------------------


def my_open_actions(user: User) -> QuerySet[ActionPoint]:
    """Action points the user owns that are not done, at meetings they may see; soonest first.
    The page shows the action and the meeting, no pupil."""
    if not takes_part_in_zat(user):
        return ActionPoint.objects.none()
    return (
        ActionPoint.objects.filter(
            owner_user=user,
            done_on__isnull=True,
            item__meeting__in=visible_meetings(user).values("pk"),
        )
        .select_related("item__meeting__school")
        .order_by("due_on", "pk")
    )


def my_cases_on_coming_agendas(user: User, now) -> QuerySet[AgendaItem]:
    """Agenda items of coming meetings about the worker's own cases (their pupils are shown:
    the case is theirs), soonest meeting first."""
    if not user.has_role(Role.WORKER):
        return AgendaItem.objects.none()
    return (
        AgendaItem.objects.filter(
            case__caseworker=user,
            meeting__starts_at__gte=now,
            meeting__in=visible_meetings(user).values("pk"),
        )
        .select_related("case__pupil", "meeting__school")
        .order_by("meeting__starts_at", "position", "pk")
        .shown("case__pupil_id")
    )


def next_meeting_at_my_school(user: User, now) -> Meeting | None:
    """The coordinator's next ZAT meeting (at any of their schools)."""
    if not can_plan_meetings(user):
        return None
    return (
        Meeting.objects.filter(
            school__in=coordinated_schools(user).values("pk"), starts_at__gte=now
        )
        .select_related("school")
        .order_by("starts_at", "pk")
        .first()
    )


def open_actions_at_my_school(user: User) -> QuerySet[ActionPoint]:
    """The coordinator's school(s): action points not yet done, whoever owns them; soonest first.
    The page shows the action, its owner and the meeting, no pupil."""
    if not can_plan_meetings(user):
        return ActionPoint.objects.none()
    return (
        ActionPoint.objects.filter(
            done_on__isnull=True,
            item__meeting__school__in=coordinated_schools(user).values("pk"),
        )
        .select_related("item__meeting__school", "owner_user", "owner_guest")
        .order_by("due_on", "pk")
    )
