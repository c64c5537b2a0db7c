"""Pages of the whole site that no app owns."""

from __future__ import annotations

import sys

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults

from .session_store import CONNECTION_ERRORS


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database that cannot be reached is told as such (503), so the person knows
    that trying again in a moment may work; any other error is Django's 500 page."""
    if isinstance(sys.exc_info()[1], CONNECTION_ERRORS):
        # Rendered without the request, as Django's own 500 page is: nothing here may need
        # the database.
        return HttpResponse(loader.get_template("503.html").render(), status=503)
    return defaults.server_error(request)
