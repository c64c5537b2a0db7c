"""Demo stand-ins (waarneming), as the team leader records them: smw2 stands in for smw this
week, did so last month, and smw will stand in for smw2 in a fortnight. Idempotent: a stand-in
of the same pair that overlaps is left as it is."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from cases.models import StandIn

# stand-in, for, first day and last day relative to today
STAND_INS = [
    ("smw2", "smw", -30, -26),
    ("smw2", "smw", -2, 4),
    ("smw", "smw2", 14, 18),
]


def seed_stand_ins() -> int:
    users = {u.username: u for u in User.objects.filter(username__in=["smw", "smw2", "teamleider"])}
    today = timezone.localdate()
    added = 0
    for stand_in, for_worker, first, last in STAND_INS:
        starts_on = today + datetime.timedelta(days=first)
        ends_on = today + datetime.timedelta(days=last)
        pair = StandIn.objects.filter(
            stand_in=users[stand_in], for_worker=users[for_worker], ended_at__isnull=True
        )
        if pair.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
            continue
        StandIn.objects.create(
            stand_in=users[stand_in],
            for_worker=users[for_worker],
            starts_on=starts_on,
            ends_on=ends_on,
            recorded_by=users["teamleider"],
            recorded_at=timezone.now() + datetime.timedelta(days=min(first, 0) - 3),
        )
        added += 1
    return added
