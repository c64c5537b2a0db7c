"""The morning e-mail: how many signals wait, a link behind login, no pupil or person in it."""

from __future__ import annotations

from django.core import mail

from privacy.mail import mail_waiting_signals
from privacy.models import AccessSignal, SignalReview
from privacy.tasks import mail_waiting_signals as task
from tests import factories

from .helpers import TUESDAY, log_row


def _signal(cast, pupil, n):
    return AccessSignal.objects.create(
        kind=AccessSignal.Kind.HOURS,
        user=cast.worker,
        at=TUESDAY,
        reason=f"Leerling {pupil.full_name} ingezien door {cast.worker} om 21:15",
        dedup_key=f"test:{n}",
        pupil_ids=[pupil.pk],
    )


def test_each_privacy_officer_hears_how_many_signals_wait(cast, settings):
    settings.SMW_BASE_URL = "https://smw.example.nl"
    cast.privacy.email = "fg@smw-noord.nl"
    cast.privacy.save()
    cast.other_privacy.email = "fg@smw-elders.nl"
    cast.other_privacy.save()
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="intake")
    log_row(cast.worker, "view", [case.pupil])
    signals = [_signal(cast, case.pupil, n) for n in range(3)]
    SignalReview.objects.create(signal=signals[0], reviewer=cast.privacy, note="Gezien.")

    assert task.delay().get() == 1  # nothing waits for the other organisation: no mail

    (message,) = mail.outbox
    assert message.to == ["fg@smw-noord.nl"]
    assert message.subject == "SMW: 2 signalen in het toegangslog wachten op beoordeling"
    assert "https://smw.example.nl/privacy/signalen/" in message.body
    assert "2 signalen in het toegangslog wachten op je beoordeling" in message.body
    text = message.subject + message.body
    for secret in [
        case.pupil.first_name,
        case.pupil.last_name,
        str(cast.worker),
        cast.worker.username,
        str(case.pupil_id),
        case.school.name,
        "21:15",
    ]:
        assert secret not in text


def test_no_mail_without_address_or_when_nothing_waits(cast):
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="intake")
    _signal(cast, case.pupil, 1)
    assert mail_waiting_signals() == 0  # the privacy officer has no address
    assert mail.outbox == []


def test_the_mail_is_sent_at_half_past_seven():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["SMW: privacy officers told of waiting signals"]
    assert entry["task"] == "privacy.tasks.mail_waiting_signals"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({7}, {30})
    scan = settings.CELERY_BEAT_SCHEDULE["SMW: access log scanned for signals"]
    assert scan["schedule"].minute == set(range(0, 60, 5))
