"""Middleware of SMW as a whole (the accounts app has its own, for sign-in and language)."""

from __future__ import annotations

from django.contrib import admin
from django.http import Http404, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _


class NoStoreMiddleware:
    """Every page, download and partial says `Cache-Control: no-store, private`.

    Nearly every response carries pupil data or follows from a signed-in session, so neither the
    browser nor a proxy may keep a copy. Static files never come this far: WhiteNoise, above
    this middleware, answers them with its own long caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        return response


class AdminOnlyForSuperusersMiddleware:
    """Every page of Django's admin, its login page included, is 404 to anyone but an active
    superuser (smw/admin_rules.py): the admin is for operations, never for the application manager,
    who could otherwise step around the approval of roles.

    The admin would send others to its own login page, which tells that it exists and offers a
    sign-in without the second factor. Superusers sign in through SMW's login like everyone else.
    Listed before LoginRequiredMiddleware, so an anonymous visitor gets the 404 too, and before
    CsrfViewMiddleware, so a POST without a token does not answer 403 instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.app_name == admin.site.name and not admin.site.has_permission(
            request
        ):
            raise Http404
        return None


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
