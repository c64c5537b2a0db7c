"""The absolute session lifetime: a sign-in lasts SESSION_MAX_SECONDS, however active.

The idle limit (SESSION_COOKIE_AGE) starts again at every request, so on its own an active
session never ends. Each sign-in notes its time in the session; SessionLifetimeMiddleware signs
out a session older than the maximum.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.utils.timezone import now

SIGNED_IN_AT = "smw_signed_in_at"


def stamp_sign_in(sender, request, user, **kwargs) -> None:
    """On user_logged_in: the time of this sign-in, as a POSIX timestamp (JSON keeps it)."""
    request.session[SIGNED_IN_AT] = now().timestamp()


def signed_in_too_long(session: SessionBase) -> bool:
    """Whether the sign-in of `session` is older than SESSION_MAX_SECONDS.

    A session without the time counts as too old: it was made before SMW noted the time, so
    it may have been kept alive for any length already, and signing in once more costs little.
    """
    signed_in_at = session.get(SIGNED_IN_AT)
    if not isinstance(signed_in_at, int | float):
        return True
    return now().timestamp() - signed_in_at >= settings.SESSION_MAX_SECONDS


def seconds_left(session: SessionBase) -> int:
    """Seconds until the sign-in of `session` reaches SESSION_MAX_SECONDS (0 when it has)."""
    signed_in_at = session.get(SIGNED_IN_AT)
    if not isinstance(signed_in_at, int | float):
        return 0
    return max(0, int(signed_in_at + settings.SESSION_MAX_SECONDS - now().timestamp()))
