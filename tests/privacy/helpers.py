"""Access log rows and sign-ins at a chosen moment, as the middleware and axes would write them."""

from __future__ import annotations

import datetime
from unittest import mock

from django.utils import timezone

from audit.models import AccessLog

AMSTERDAM = timezone.get_default_timezone()


def local(year, month, day, hour=10, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


# A Tuesday morning, well inside working hours.
TUESDAY = local(2026, 11, 10, 10, 0)


def log_row(
    user, action="view", pupils=(), *, at=None, path="/dossiers/1/", ip="192.0.2.1", description=""
):
    """One access log row; `at` defaults to now."""
    with mock.patch("django.utils.timezone.now", return_value=at or timezone.now()):
        return AccessLog.objects.create(
            user=user,
            action=action,
            pupil_ids=[p if isinstance(p, int) else p.pk for p in pupils],
            path=path,
            ip_address=ip,
            description=description,
        )


def sign_in(username, *, at, ip, logout=None):
    from axes.models import AccessLog as SignIn

    with mock.patch("django.utils.timezone.now", return_value=at):
        row = SignIn.objects.create(
            username=username,
            ip_address=ip,
            user_agent="test",
            http_accept="*/*",
            path_info="/accounts/login/",
            logout_time=logout,
        )
    return row
