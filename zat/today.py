"""The ZAT's items on the start pages (accounts/today.py): action points to do, the worker's
cases on a coming agenda, and the coordinator's next meeting with its agenda."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.today import Entry, Item, Urgency, first_rows, provides

from . import access


def _action_entries(actions, today: datetime.date, *, with_owner: bool = False) -> list[Entry]:
    return [
        Entry(
            label=action.description,
            url=reverse("zat:detail", args=[action.item.meeting_id]) + f"#item-{action.item_id}",
            detail=(f"{action.owner}, " if with_owner else "")
            + _("ZAT of %(date)s") % {"date": date_format(action.item.meeting.day, "j b")},
            date=action.due_on,
            late=action.due_on < today,
        )
        for action in actions
    ]


@provides(Role.WORKER)
def my_action_points(user: User, today: datetime.date):
    actions, count = first_rows(access.my_open_actions(user))
    if count:
        first = actions[0].due_on
        yield Item(
            key="zat-actions",
            title=_("Your ZAT action points"),
            count=count,
            urgency=Urgency.by_date(first, today),
            url=reverse("zat:list"),
            date=first,
            entries=_action_entries(actions, today),
        )


@provides(Role.WORKER)
def my_cases_on_the_agenda(user: User, today: datetime.date):
    items, count = first_rows(access.my_cases_on_coming_agendas(user, timezone.now()))
    if count:
        yield Item(
            key="zat-agenda",
            title=_("Your cases on a coming ZAT agenda"),
            count=count,
            urgency=Urgency.INFO,
            url=reverse("zat:list"),
            date=items[0].meeting.day,
            entries=[
                Entry(
                    label=item.case.pupil.full_name,
                    url=reverse("zat:item", args=[item.pk]),
                    detail=_("ZAT %(school)s") % {"school": item.meeting.school.name},
                    date=item.meeting.day,
                )
                for item in items
            ],
        )


@provides(Role.COORDINATOR)
def next_meeting(user: User, today: datetime.date):
    meeting = access.next_meeting_at_my_school(user, timezone.now())
    if meeting is None:
        return
    items = access.meeting_items(meeting)
    yield Item(
        key="zat-next",
        title=_("Next ZAT meeting: %(date)s, %(school)s")
        % {
            "date": date_format(timezone.localtime(meeting.starts_at), "j F, H:i"),
            "school": meeting.school.name,
        },
        count=len(items),
        urgency=Urgency.DUE if (meeting.day - today).days <= 7 else Urgency.INFO,
        url=reverse("zat:detail", args=[meeting.pk]),
        date=meeting.day,
        entries=[
            Entry(
                label=_agenda_label(item),
                url=reverse("zat:item", args=[item.pk]),
            )
            for item in items[:5]
        ],
    )


def _agenda_label(item) -> str:
    if item.show_name:
        return item.case.pupil.full_name
    if item.case_id:
        return _("Pupil (anonymous)")
    return item.anonymous_label


@provides(Role.COORDINATOR)
def open_action_points(user: User, today: datetime.date):
    actions, count = first_rows(access.open_actions_at_my_school(user))
    if count:
        first = actions[0].due_on
        yield Item(
            key="zat-open-actions",
            title=_("Open ZAT action points"),
            count=count,
            urgency=Urgency.by_date(first, today),
            url=reverse("zat:list"),
            date=first,
            entries=_action_entries(actions, today, with_owner=True),
        )
