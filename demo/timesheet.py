"""Demo time registration: indirect hours of the demo workers over the last weeks, so the
week view, the registration and the funding report have believable figures."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from schools.models import Assignment
from timesheet.models import TimeEntry

A = TimeEntry.Activity
# activity, minutes, weekday (0 = Monday) and a note
WEEK = [
    (A.CONSULTATION, 45, 0, "Consultatie leerkracht groep 6"),
    (A.MEETING, 60, 1, "Zorgoverleg met IB"),
    (A.ADMIN, 60, 2, "Verslaglegging en registratie"),
    (A.TRAVEL, 30, 2, ""),
    (A.TRAINING, 90, 3, "Teamscholing: signaleren van rouw"),
    (A.ADMIN, 30, 4, "Dossiers bijwerken"),
]


def seed_time_entries(weeks: int = 10) -> int:
    """Create the entries unless the demo workers already have some; returns how many."""
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    assignments = Assignment.objects.current().select_related("worker", "school")
    if TimeEntry.objects.filter(worker__in=[a.worker for a in assignments]).exists():
        return 0
    entries = []
    for assignment in assignments:
        for week in range(1, weeks + 1):
            start = monday - datetime.timedelta(weeks=week)
            for activity, minutes, weekday, note in WEEK:
                if rng.random() < 0.3:  # not every week has every activity
                    continue
                day = start + datetime.timedelta(days=weekday)
                if day > today or day < assignment.school_year.start:
                    continue
                entries.append(
                    TimeEntry(
                        worker=assignment.worker,
                        school=assignment.school,
                        on=day,
                        minutes=minutes + rng.choice([-15, 0, 0, 15]),
                        activity=activity,
                        note=note,
                    )
                )
    TimeEntry.objects.bulk_create(entries)
    return len(entries)
