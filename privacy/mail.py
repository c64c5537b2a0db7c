"""The privacy officer's morning e-mail: how many signals wait, and a link behind login. No pupil,
no person, no reason in the mail: those are for the page."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from accounts.models import Role, User

from .access import Scope


def waiting(scope: Scope):
    """The signals in scope nobody has reviewed yet."""
    return scope.signals().filter(reviews__isnull=True)


def waiting_count(scope: Scope) -> int:
    return waiting(scope).count()


def mail_waiting_signals() -> int:
    """One e-mail to each active privacy officer with an address; the number sent."""
    link = settings.SMW_BASE_URL.rstrip("/") + reverse("privacy:signals")
    sent = 0
    officers = (
        User.objects.filter(is_active=True, memberships__role=Role.PRIVACY)
        .exclude(email="")
        .distinct()
    )
    with override(settings.LANGUAGE_CODE):
        for officer in officers:
            count = waiting_count(Scope(officer))
            if not count:
                continue  # nothing waits: no mail
            subject = ngettext(
                "SMW: %(count)d access signal waits for review",
                "SMW: %(count)d access signals wait for review",
                count,
            ) % {"count": count}
            body = _(
                "Hello %(name)s,\n\n%(waiting)s\n\nSign in to SMW to review them:\n\n%(link)s\n\n"
                "For privacy this e-mail names no pupils or people."
            ) % {
                "name": officer.get_full_name() or officer.username,
                "waiting": ngettext(
                    "%(count)d signal in the access log waits for your review.",
                    "%(count)d signals in the access log wait for your review.",
                    count,
                )
                % {"count": count},
                "link": link,
            }
            sent += send_mail(subject, body, None, [officer.email])
    return sent
