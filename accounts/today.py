"""The start page "Vandaag": for each role, what needs the person today, most urgent first.

Each app contributes in a module `<app>/today.py` with provider functions, one per kind of work:

    from accounts.models import Role
    from accounts.today import Entry, Item, Urgency, provides

    @provides(Role.WORKER)
    def evaluations_due(user, today):
        rows = access.evaluations_due(user, today)   # one query, read through the app's access.py
        if rows: yield Item(title=..., count=..., urgency=..., entries=[Entry(...), ...])

A provider reads through its app's `access.py` (pupil names shown are logged there), makes one
query per kind whatever the number of rows (a window count gives the total in the same query as
the first rows) and yields nothing when nothing waits. The modules are found by
`autodiscover_modules("today")`, as the admin finds `admin.py`: a new feature adds its items by
adding a module, without touching the start pages.
"""

from __future__ import annotations

import datetime
import enum
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Window
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .models import Role, User

# How many rows of one kind the start page lists; the count says how many there are in all.
SHOWN_PER_KIND = 5


class Urgency(enum.IntEnum):
    """Most urgent first: late work, then work due now, then what is new, then information."""

    LATE = 0
    DUE = 1
    NEW = 2
    INFO = 3

    @classmethod
    def by_date(cls, due: datetime.date, today: datetime.date) -> Urgency:
        """Late once its day has passed, due until then."""
        return cls.LATE if due < today else cls.DUE

    @classmethod
    def by_deadline(cls, due: datetime.date, today: datetime.date, *, soon: int = 7) -> Urgency:
        """A deadline: late once passed, due within `soon` days, until then information."""
        if due < today:
            return cls.LATE
        return cls.DUE if (due - today).days <= soon else cls.INFO


@dataclass(frozen=True)
class Entry:
    """One thing to do, one click from where it is done."""

    label: str
    url: str
    date: datetime.date | None = None
    detail: str = ""
    late: bool = False


@dataclass(frozen=True)
class Item:
    """One kind of work waiting: a title, how many, and the first few entries (or one link)."""

    title: str
    count: int
    urgency: Urgency = Urgency.DUE
    url: str = ""  # where the whole list is, when there is one
    date: datetime.date | None = None  # the oldest or soonest of the kind
    entries: list[Entry] = field(default_factory=list)
    key: str = ""  # stable name of the kind, for tests and anchors

    @property
    def more(self) -> int:
        return max(self.count - len(self.entries), 0)


Provider = Callable[[User, datetime.date], Iterable[Item]]
_providers: dict[str, list[Provider]] = defaultdict(list)
_discovered = False


def provides(*roles: str) -> Callable[[Provider], Provider]:
    """Register a provider of start-page items for these roles."""

    def register(provider: Provider) -> Provider:
        for role in roles:
            if provider not in _providers[role]:
                _providers[role].append(provider)
        return provider

    return register


def providers_for(role: str) -> list[Provider]:
    global _discovered
    if not _discovered:
        autodiscover_modules("today")
        _discovered = True
    return list(_providers[role])


def items_for(user: User, role: str, today: datetime.date | None = None) -> list[Item]:
    """What waits for `user` in `role`, most urgent first (then soonest date first)."""
    if not user.has_role(role):
        return []
    today = today or timezone.localdate()
    items = [item for provider in providers_for(role) for item in provider(user, today)]
    far = datetime.date.max
    return sorted(items, key=lambda item: (item.urgency, item.date or far))


def first_rows(queryset: QuerySet, limit: int = SHOWN_PER_KIND) -> tuple[list, int]:
    """The first `limit` rows and the count of all, in one query (a window count)."""
    rows = list(queryset.annotate(_today_total=Window(Count("pk")))[:limit])
    return rows, (rows[0]._today_total if rows else 0)


# --- The application manager's items about people --------------------------------------------


@provides(Role.ADMIN)
def people_without_role(user: User, today: datetime.date):
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from .access import manageable_users

    people, count = first_rows(
        manageable_users(user)
        .filter(is_active=True, memberships__isnull=True)
        .prefetch_related(None)
        .order_by("date_joined", "pk")
    )
    if count:
        yield Item(
            key="people-without-role",
            title=_("People without a role"),
            count=count,
            urgency=Urgency.DUE,
            entries=[
                Entry(label=str(person), url=reverse("accounts:manage_user", args=[person.pk]))
                for person in people
            ],
        )


@provides(Role.TEAMLEAD, Role.PRIVACY)
def roles_waiting(user: User, today: datetime.date):
    """Roles that wait for this person's approval (the second person of two)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from .workflow import decidable_requests, is_approver

    if not is_approver(user):
        return
    count = decidable_requests(user).count()
    if count:
        yield Item(
            key="roles-waiting",
            title=_("Roles waiting for approval"),
            count=count,
            urgency=Urgency.DUE,
            url=reverse("accounts:approvals"),
        )
