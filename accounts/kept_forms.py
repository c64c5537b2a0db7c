"""Typed text that survives an ended session.

A form posted after its session ended (idle, or at SESSION_MAX_SECONDS) only leads to the login
page, and what was typed would be gone. Every form drawn by {% form_frame %} (every form with
fields to type in) carries its owner: the signed id of the person the page was made for
(OWNER_FIELD). Such a post is kept
here for that person alone, for KEPT_FOR, under a random token in a short-lived HttpOnly cookie.
After signing in as the same person, the page the form was posted to shows the text again
(KeptFormMiddleware), to check and save once more. Signing in as anyone else deletes it.

Nothing goes into the browser's storage, passwords and the CSRF token are never kept, and the
text is never logged.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone

from .models import PendingForm, User

OWNER_FIELD = "_smw_owner"
COOKIE = "smw_kept_form"
KEPT_FOR = timedelta(minutes=30)
_SALT = "accounts.kept_forms.owner"
# Fields whose names contain these are never kept: secrets a person types again anyway.
_SECRET_NAMES = ("password", "otp", "token")
_NOT_KEPT = {"csrfmiddlewaretoken", OWNER_FIELD}


def owner_value(user: User) -> str:
    """The OWNER_FIELD value of a form made for `user`."""
    return signing.dumps(user.pk, salt=_SALT)


def _posted_owner(request: HttpRequest) -> int | None:
    try:
        owner = signing.loads(request.POST.get(OWNER_FIELD, ""), salt=_SALT)
    except signing.BadSignature:
        return None
    return owner if isinstance(owner, int) else None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def keep_posted_form(
    request: HttpRequest, response: HttpResponse, *, signed_in: User | None = None
) -> bool:
    """Keep what a POST without a valid session carried, for the owner its form names; the
    token goes into a cookie on `response`. `signed_in` is the person whose session is being
    ended right now: then the form must be theirs. Returns whether anything was kept."""
    owner = _posted_owner(request) if request.method == "POST" else None
    if owner is None or (signed_in is not None and owner != signed_in.pk):
        return False
    data = {
        name: request.POST.getlist(name)
        for name in request.POST
        if name not in _NOT_KEPT and not any(word in name.lower() for word in _SECRET_NAMES)
    }
    if not data or not User.objects.filter(pk=owner, is_active=True).exists():
        return False
    now = timezone.now()
    PendingForm.objects.filter(expires_at__lte=now).delete()
    # One token per browser, so that forms of several tabs are each kept.
    token = request.COOKIES.get(COOKIE) or secrets.token_urlsafe(32)
    PendingForm.objects.update_or_create(
        token_hash=_hash(token),
        path=request.path,
        defaults={"user_id": owner, "data": data, "expires_at": now + KEPT_FOR},
    )
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(KEPT_FOR.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return True


def take_kept_form(request: HttpRequest) -> QueryDict | None:
    """The text kept in this browser for the signed-in person and the page asked for, taken out
    of the store: it is shown once. Text kept for anyone else is deleted unseen."""
    token = request.COOKIES.get(COOKIE)
    if not token or not request.user.is_authenticated:
        return None
    kept = PendingForm.objects.filter(token_hash=_hash(token))
    kept.exclude(user=request.user).delete()
    kept.filter(expires_at__lte=timezone.now()).delete()
    if request.method != "GET":
        return None
    row = kept.filter(path=request.path).first()
    # Deleted before it is shown: two requests at once cannot both show it.
    if row is None or not PendingForm.objects.filter(pk=row.pk).delete()[0]:
        return None
    data = QueryDict(mutable=True)
    for name, values in row.data.items():
        data.setlist(name, values)
    return data


def anything_kept(request: HttpRequest) -> bool:
    """Whether this browser's cookie still names kept text."""
    token = request.COOKIES.get(COOKIE)
    return bool(token) and PendingForm.objects.filter(token_hash=_hash(token)).exists()


def delete_expired() -> int:
    """Delete kept text past its time (a periodic task: nothing stays when no one returns)."""
    return PendingForm.objects.filter(expires_at__lte=timezone.now()).delete()[0]
