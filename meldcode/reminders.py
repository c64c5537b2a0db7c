"""The daily e-mail about meldcode due dates: a link behind login, never a pupil's name.

Each case manager hears about their own open trajectories, each aandachtsfunctionaris about
their organisation's, when a due date has passed or falls by the next working day. Nothing is
sent on a weekend or a public holiday.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Role, User

from .access import step_working_days
from .deadlines import add_working_days, deadlines_of, is_working_day
from .models import Trajectory


def due_counts(today: datetime.date) -> dict[User, int]:
    """Per person, how many deadlines of the trajectories they follow need attention."""
    horizon = add_working_days(today, 1)
    counts: dict[User, int] = defaultdict(int)
    officers: dict[int, list[User]] = {}
    trajectories = Trajectory.objects.open().select_related("case__caseworker")
    for trajectory in trajectories:
        days = step_working_days(trajectory.organisation_id)
        due = [d for d in deadlines_of(trajectory, today=today, step_days=days) if d.due <= horizon]
        if not due:
            continue
        people = set()
        if trajectory.case.caseworker and trajectory.case.caseworker.is_active:
            people.add(trajectory.case.caseworker)
        if trajectory.organisation_id not in officers:
            officers[trajectory.organisation_id] = list(
                User.objects.filter(
                    is_active=True,
                    memberships__role=Role.SAFEGUARDING,
                    memberships__organisation=trajectory.organisation_id,
                ).distinct()
            )
        people.update(officers[trajectory.organisation_id])
        for person in people:
            counts[person] += len(due)
    return counts


def send_daily(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    if not is_working_day(today):
        return 0
    link = settings.SMW_BASE_URL.rstrip("/") + reverse("meldcode:list")
    sent = 0
    with override(settings.LANGUAGE_CODE):
        subject = _("SMW: meldcode due dates need attention")
        for person, count in sorted(due_counts(today).items(), key=lambda pc: pc[0].pk):
            if not person.email:
                continue
            body = _(
                "Hello %(name)s,\n\n%(count)s due dates of meldcode trajectories you follow "
                "have passed or fall by the next working day. Sign in to SMW to see them:\n\n"
                "%(link)s\n\nFor privacy this e-mail names no pupil."
            ) % {"name": person.get_full_name() or person.username, "count": count, "link": link}
            sent += send_mail(subject, body, None, [person.email])
    return sent
