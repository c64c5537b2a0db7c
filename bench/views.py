"""The benchmark's minimal logged-in page: the yardstick for throughput (docs/performance.md)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def ping(request: HttpRequest) -> HttpResponse:
    """The whole middleware stack (session, login, locale, CSP…) and no database work of its
    own: what every page costs before it does anything."""
    return HttpResponse("ok", content_type="text/plain")
