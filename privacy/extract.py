"""Who saw a pupil's data: when, who (in which role), what they did, which page, from where.

The per-pupil extract of the access log (NEN 7513): the privacy officer's review page, its CSV
and PDF, and the pupil's or parents' request for inspection (inzage) use the same rows.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import NamedTuple

from accounts.models import ROLE_ORDER, Membership, Role, User
from audit.models import AccessLog

from .rows import pupil_extract_rows


class ExtractRow(NamedTuple):
    """One row of the extract; a tuple (when, who, role, action, what, page, address) too."""

    when: datetime.datetime
    who: str
    role: str
    action: str
    what: str
    page: str
    address: str


def roles_of(user_ids) -> dict[int, str]:
    """Each user's roles, in Dutch or English as the request is, in ROLE_ORDER."""
    held: dict[int, set[str]] = defaultdict(set)
    for user_id, role in Membership.objects.filter(user__in=set(user_ids)).values_list(
        "user", "role"
    ):
        held[user_id].add(role)
    return {
        user_id: ", ".join(str(Role(r).label) for r in ROLE_ORDER if r in roles)
        for user_id, roles in held.items()
    }


def describe(row: AccessLog) -> str:
    """What was opened, without content: the page's own description, else the object."""
    return row.description or row.object_ref


def as_rows(log_rows) -> list[ExtractRow]:
    log_rows = list(log_rows)
    user_ids = {row.user_id for row in log_rows}
    users = {u.pk: u for u in User.objects.filter(pk__in=user_ids)}
    roles = roles_of(user_ids)
    return [
        ExtractRow(
            when=row.at,
            who=str(users[row.user_id]),
            role=roles.get(row.user_id, ""),
            action=row.get_action_display(),
            what=describe(row),
            page=row.path,
            address=row.ip_address or "",
        )
        for row in log_rows
    ]


def pupil_extract(
    pupil,
    *,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> list[ExtractRow]:
    """Every access log row about `pupil` (a Pupil or its id) from `start` until before `end`,
    newest first, as (when, who, role, action, what, page, address)."""
    pupil_id = getattr(pupil, "pk", pupil)
    return as_rows(pupil_extract_rows(int(pupil_id), start=start, end=end))
