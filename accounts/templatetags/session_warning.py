"""{% session_warning %}: the warning every signed-in page gives before its session ends
(templates/_session_warning.html, static/smw/session.js)."""

from __future__ import annotations

from django import template
from django.conf import settings

from accounts.sessions import seconds_left

register = template.Library()


@register.inclusion_tag("_session_warning.html", takes_context=True)
def session_warning(context: template.Context) -> dict:
    request = context["request"]
    return {
        "idle": settings.SESSION_COOKIE_AGE,
        "left": seconds_left(request.session),
        "warn": settings.SESSION_WARNING_SECONDS,
        "csrf_token": context.get("csrf_token"),
        "csp_nonce": context.get("csp_nonce"),
    }
