"""A week before the deadline the case manager and the privacy officer get one e-mail, with a
link behind login and no pupil data; an extended deadline is reminded of again."""

from __future__ import annotations

import datetime

from django.core import mail
from django.utils import timezone

from rights import workflow
from rights.reminders import send_reminders
from rights.tasks import remind_deadlines

from .conftest import register


def test_a_week_before_the_deadline_one_mail_without_pupil_data(cast, case):
    cast.worker.email, cast.privacy.email = "w@example.org", "p@example.org"
    cast.worker.save()
    cast.privacy.save()
    received = timezone.localdate() - datetime.timedelta(days=20)
    request = register(case, cast.worker, received_on=received)
    today = request.deadline - datetime.timedelta(days=8)
    assert send_reminders(today) == 0

    today = request.deadline - datetime.timedelta(days=7)
    assert send_reminders(today) == 2
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["p@example.org", "w@example.org"]
    for message in mail.outbox:
        assert "/rechten/" in message.body
        assert "Noor" not in message.body + message.subject
        assert "Bakker" not in message.body + message.subject
    assert send_reminders(today) == 0  # once per deadline

    workflow.extend_deadline(
        request,
        by=cast.worker,
        until=request.deadline + datetime.timedelta(days=30),
        reason="Veel stukken",
    )
    request.refresh_from_db()
    assert send_reminders(request.due_on - datetime.timedelta(days=7)) == 2


def test_a_closed_request_is_not_reminded_of(cast, case):
    cast.worker.email = "w@example.org"
    cast.worker.save()
    request = register(case, cast.worker)
    request.status = request.Status.DONE
    request.save()
    assert send_reminders(request.deadline) == 0


def test_the_beat_task_runs_the_same_function(cast, case):
    assert remind_deadlines.delay().get() == 0
