from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django_htmx.http import HttpResponseClientRedirect

from . import kept_forms
from .sessions import signed_in_too_long

# Pages a signed-in but not yet verified person may still open.
_ALLOWED_URL_NAMES = (
    "accounts:otp_setup",
    "accounts:otp_verify",
    "accounts:logout",
    "set_language",
    "healthz",
)


class RequireTwoFactorMiddleware:
    """With SMW_REQUIRE_2FA on, every signed-in person must pass a second factor first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.SMW_REQUIRE_2FA
            and user.is_authenticated
            and not user.is_verified()
            and not self._allowed(request.path_info)
        ):
            from .twofactor import has_confirmed_device

            target = "accounts:otp_verify" if has_confirmed_device(user) else "accounts:otp_setup"
            query = QueryDict(mutable=True)
            query["next"] = request.get_full_path()
            # Encoded, so a query string of its own ("?a=1&b=2") survives the round trip.
            return redirect(f"{reverse(target)}?{query.urlencode(safe='/')}")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        if path.startswith(settings.STATIC_URL):
            return True
        return any(path == reverse(name) for name in _ALLOWED_URL_NAMES)


class SessionLifetimeMiddleware:
    """A sign-in older than SESSION_MAX_SECONDS is signed out and sent to the login page, with
    the page it asked for as `next`, however active the session was (accounts.sessions)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and signed_in_too_long(request.session):
            user = request.user
            logout(request)
            hours = round(settings.SESSION_MAX_SECONDS / 3600)
            messages.info(
                request,
                ngettext(
                    "Your session ended after %(hours)d hour; please sign in again.",
                    "Your session ended after %(hours)d hours; please sign in again.",
                    hours,
                )
                % {"hours": hours},
            )
            if request.headers.get("HX-Request") == "true":
                # A partial (a polled row) would show the login page inside the page: htmx
                # loads the login page in full instead, back to the page the partial is on.
                page = urlsplit(request.headers.get("HX-Current-URL", ""))
                here = page.path + (f"?{page.query}" if page.query else "")
                response = HttpResponseClientRedirect(redirect_to_login(here or "/")["Location"])
            else:
                response = redirect_to_login(request.get_full_path())
            kept_forms.keep_posted_form(request, response, signed_in=user)
            return response
        return self.get_response(request)


class LoginRequiredKeepingTextMiddleware(LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware; a form posted after its session ended is kept for
    the person it was made for, to show again once they have signed in (accounts.kept_forms)."""

    def handle_no_permission(self, request, view_func):
        response = super().handle_no_permission(request, view_func)
        if kept_forms.keep_posted_form(request, response):
            messages.info(
                request,
                gettext("Your session had ended. Sign in again; what you typed has been kept."),
            )
        return response


class KeptFormMiddleware:
    """Back on the page of a form kept after its session ended, signed in as its owner: the
    page's form is bound to the kept text as if just posted (request.POST), while the method
    stays GET, so nothing is saved until the person checks it and saves again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if kept_forms.COOKIE not in request.COOKIES:
            return self.get_response(request)
        kept = kept_forms.take_kept_form(request)
        if kept is not None:
            request.POST = kept
            message = "Your session had ended; your text has been kept. Check it and save again."
            messages.warning(request, gettext(message))
        response = self.get_response(request)
        if request.user.is_authenticated and not kept_forms.anything_kept(request):
            response.delete_cookie(kept_forms.COOKIE, samesite="Lax")
        return response


class DutchFirstLocaleMiddleware:
    """Dutch unless the person chose another language with the switch (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, which puts an
    English-language browser in English; SMW speaks Dutch to everyone by default.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
