"""Middleware of SMW as a whole (the accounts app has its own, for sign-in and language)."""

from __future__ import annotations

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


class RefuseNulBytesMiddleware:
    """Answer 400 to a request with a NUL byte in its path, or in a GET or POST name or value.

    PostgreSQL cannot store NUL in text, so such a value would end in a server error wherever a
    view passes it on; form fields refuse it themselves, this refuses it for every parameter.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            message = _(
                "Your input contains an invalid character (NUL). Go back, remove it and try again."
            )
            html = render_to_string("400.html", {"message": message}, request=request)
            return HttpResponseBadRequest(html)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path:
            return True
        for data in (request.GET, request.POST):
            for name, values in data.lists():
                if "\x00" in name or any("\x00" in value for value in values):
                    return True
        return False
