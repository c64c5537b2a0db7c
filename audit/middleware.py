"""Writes the request's access log once its response is ready (audit/log.py)."""

from __future__ import annotations

from .log import request_log


class AccessLogMiddleware:
    """Everything a request's access functions noted becomes one row per action, written after
    the view (and any 404 it answered), before the response leaves: if the row cannot be written,
    the page is not shown."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_log(request):
            response = self.get_response(request)
        return response
