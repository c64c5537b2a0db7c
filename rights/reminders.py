"""The daily e-mail a week before a request's deadline: a link behind login, never a pupil.

The case manager and the deciders of the organisation hear once per deadline (an extended
deadline is reminded of again), when it falls within a week or has passed.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import User

from .access import decider_organisations
from .deadlines import REMIND_DAYS_BEFORE
from .models import RightsRequest


def _deciders(organisation_id: int) -> list[User]:
    return [
        user
        for user in User.objects.filter(
            is_active=True,
            memberships__organisation=organisation_id,
            memberships__role__in=["privacy", "teamlead"],
        ).distinct()
        if decider_organisations(user).filter(pk=organisation_id).exists()
    ]


def due_requests(today: datetime.date) -> list[RightsRequest]:
    """Open requests whose deadline lies within a week and that were not reminded of yet."""
    horizon = today + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    return [
        r
        for r in RightsRequest.objects.open().select_related("case__caseworker")
        if r.due_on <= horizon and r.reminded_for != r.due_on
    ]


@transaction.atomic
def send_reminders(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    counts: dict[User, int] = defaultdict(int)
    deciders: dict[int, list[User]] = {}
    due = due_requests(today)
    for rights_request in due:
        people = set()
        caseworker = rights_request.case.caseworker
        if caseworker is not None and caseworker.is_active:
            people.add(caseworker)
        if rights_request.organisation_id not in deciders:
            deciders[rights_request.organisation_id] = _deciders(rights_request.organisation_id)
        people.update(deciders[rights_request.organisation_id])
        for person in people:
            counts[person] += 1
    link = settings.SMW_BASE_URL.rstrip("/") + reverse("rights:list")
    sent = 0
    with override(settings.LANGUAGE_CODE):
        subject = _("SMW: the deadline of an AVG request is near")
        for person, count in sorted(counts.items(), key=lambda pc: pc[0].pk):
            if not person.email:
                continue
            body = _(
                "Hello %(name)s,\n\n%(count)s requests under the AVG that you handle must be "
                "answered within a week, or are past their deadline. Sign in to SMW to see "
                "them:\n\n%(link)s\n\nFor privacy this e-mail names no pupil."
            ) % {"name": person.get_full_name() or person.username, "count": count, "link": link}
            sent += send_mail(subject, body, None, [person.email])
    for rights_request in due:
        RightsRequest.objects.filter(pk=rights_request.pk).update(
            reminded_for=rights_request.due_on
        )
    return sent
