"""Middleware for the whole site."""

from __future__ import annotations

from django.utils.cache import patch_cache_control


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
