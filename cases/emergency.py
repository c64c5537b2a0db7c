"""Break-the-glass (noodtoegang): a worker opens a colleague's case in an emergency.

Who may: a worker of the case manager's organisation, assigned this school year to the case's
school, who is neither the case manager nor standing in for them (cases/access.py
`emergency_cases`). They write why; the case opens read-only until the end of that day and then
closes by itself, because every access check compares `until` with now. The case manager sees
it on the timeline and their caseload; the privacy officer in the access log (a GLASS row with
the pupil and the reason), where it is a signal to review.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.log import Action, note
from smw.errors import Refused

from .access import can_open_emergency
from .models import Case, CaseEvent, EmergencyAccess

MIN_REASON_CHARS = 20
MIN_REASON_WORDS = 3


class EmergencyRefused(Refused):
    """Break-the-glass refused; str(exc) says why."""


def end_of_day(moment: datetime.datetime) -> datetime.datetime:
    """Local midnight after `moment`: when an emergency access opened at `moment` ends."""
    next_day = timezone.localtime(moment).date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min))


def clean_reason(reason: str) -> str:
    """The reason with its white space tidied; refused when it does not say enough."""
    reason = " ".join(reason.split())
    if not reason:
        raise EmergencyRefused(
            _("Write why you must open this case in an emergency."), field="reason"
        )
    if len(reason) < MIN_REASON_CHARS or len(reason.split()) < MIN_REASON_WORDS:
        raise EmergencyRefused(
            _(
                "Describe the emergency in at least %(chars)d characters and %(words)d words, "
                "so the case manager and the privacy officer can follow it."
            )
            % {"chars": MIN_REASON_CHARS, "words": MIN_REASON_WORDS},
            field="reason",
        )
    return reason


@transaction.atomic
def open_emergency_access(case: Case, *, by: User, reason: str) -> EmergencyAccess:
    """Open `case` read-only for `by` until the end of today, with `reason`; on the case's
    timeline and in the access log (GLASS, the pupil, the reason)."""
    if not can_open_emergency(by, case):
        raise EmergencyRefused(_("You cannot open this case with emergency access."))
    reason = clean_reason(reason)
    now = timezone.now()
    access = EmergencyAccess.objects.create(
        case=case, user=by, reason=reason, opened_at=now, until=end_of_day(now)
    )
    # Not record_event(): someone reading the case is no activity on it.
    CaseEvent.objects.create(case=case, by=by, at=now, kind=CaseEvent.Kind.EMERGENCY, note=reason)
    note(Action.GLASS, [case.pupil_id], obj=case, description=reason)
    return access
