"""The daily e-mail: a link, a count, no pupil; to the case manager and the organisation's
aandachtsfunctionaris; nothing on a weekend or public holiday."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import mail

from meldcode import reminders
from meldcode.models import Trajectory
from tests import factories

from .conftest import answer, at_step, days_ago

MONDAY = datetime.date(2026, 12, 7)


def _overdue_melding(case):
    trajectory = at_step(case, 4)
    answer(trajectory, "A1", True)
    answer(trajectory, "A2", True)
    Trajectory.objects.filter(pk=trajectory.pk).update(
        reported_on=datetime.date(2026, 11, 20), step_since=datetime.date(2026, 11, 20)
    )
    return trajectory


def test_a_link_to_the_case_manager_and_the_aandachtsfunctionaris(cast, case):
    cast.worker.email = "worker@smw.example"
    cast.worker.save()
    cast.safeguarding.email = "af@smw.example"
    cast.safeguarding.save()
    other = factories.create_safeguarding_officer(organisation=cast.other_organisation)
    other.email = "other@smw.example"
    other.save()
    trajectory = _overdue_melding(case)
    assert reminders.send_daily(MONDAY) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["af@smw.example", "worker@smw.example"]
    for message in mail.outbox:
        assert settings.SMW_BASE_URL.rstrip("/") + "/meldcode/" in message.body
        assert trajectory.case.pupil.last_name not in message.body
        assert message.attachments == []


def test_nothing_on_a_weekend_or_holiday(cast, case):
    cast.worker.email = "worker@smw.example"
    cast.worker.save()
    _overdue_melding(case)
    assert reminders.send_daily(datetime.date(2026, 12, 5)) == 0  # Saturday
    assert reminders.send_daily(datetime.date(2026, 12, 25)) == 0  # Christmas
    assert mail.outbox == []


def test_nothing_when_nothing_is_due(cast, case):
    cast.worker.email = "worker@smw.example"
    cast.worker.save()
    at_step(case, 2)  # step 2 since today: due after ten working days
    assert reminders.due_counts(days_ago(0)) == {}
