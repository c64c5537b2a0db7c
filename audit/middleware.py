"""Writes the request's access log once its response is ready (audit/log.py)."""

from __future__ import annotations

from .log import deferred_logs, request_log


class AccessLogMiddleware:
    """Everything a request's access functions noted becomes one row per action, written after
    the view (and any 404 it answered), before the response leaves: if the row cannot be written,
    the page is not shown. Under AccessLogCommitMiddleware the rows are written with the session
    save, in its transaction, or after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_log(request):
            response = self.get_response(request)
        return response


class AccessLogCommitMiddleware:
    """Listed just above the session middleware: the rows of the access log are written in the
    statement of the session save at the end of the request (smw.session_store), so a request
    commits once; when no session is saved (an error page, a sign-out) or its save fails, they are
    written after it, on their own (audit.log.deferred_logs)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with deferred_logs():
            return self.get_response(request)
