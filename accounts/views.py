from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login

from referrals.models import SocialMapEntry
from reports.access import recently_failed_runs
from schools.models import Assignment, Municipality, Organisation, School, SchoolYear

from . import twofactor
from .access import manageable_users, require_role
from .forms import SetupTokenForm, TokenForm
from .models import Role

START_PAGES = {
    Role.WORKER: "schools:mine",
    Role.COORDINATOR: "schools:coordinator",
    Role.TEAMLEAD: "accounts:team",
    Role.MUNICIPALITY: "schools:territory",
    Role.ADMIN: "accounts:manage",
    Role.SAFEGUARDING: "meldcode:list",
}


def home(request: HttpRequest) -> HttpResponse:
    """Send each person to the start page of their first role."""
    for role in request.user.roles:
        if role in START_PAGES:
            return redirect(START_PAGES[role])
    return render(request, "accounts/no_role.html")


@require_POST
def extend_session(request: HttpRequest) -> HttpResponse:
    """ "Stay signed in" on the session warning: this request starts the idle time again."""
    request.session.modified = True  # saved with a new expiry, whatever the settings say
    return HttpResponse(status=204)


def team(request: HttpRequest) -> HttpResponse:
    """Teamlead: the organisation's workers with this year's schools and hours; no case content."""
    from cases.access import team_counts

    workers = list(team_counts(request.user))
    for worker in workers:
        worker.total_hours = sum(a.contracted_hours for a in worker.current_assignments)
    return render(
        request,
        "accounts/team.html",
        {"workers": workers, "school_year": SchoolYear.current()},
    )


def manage(request: HttpRequest) -> HttpResponse:
    """Application manager: master data and people; never case content."""
    require_role(request.user, Role.ADMIN)
    users = Paginator(manageable_users(request.user), 25).get_page(request.GET.get("page"))
    counts = [
        (_("Organisations"), Organisation.objects.count(), "admin:schools_organisation_changelist"),
        (
            _("Municipalities"),
            Municipality.objects.count(),
            "admin:schools_municipality_changelist",
        ),
        (_("Schools"), School.objects.count(), "admin:schools_school_changelist"),
        (_("School years"), SchoolYear.objects.count(), "admin:schools_schoolyear_changelist"),
        (_("Assignments"), Assignment.objects.count(), "admin:schools_assignment_changelist"),
        (_("Roles"), None, "admin:accounts_membership_changelist"),
        (
            _("Sociale kaart"),
            SocialMapEntry.objects.filter(active=True).count(),
            "admin:referrals_socialmapentry_changelist",
        ),
        (
            _("Failed reports (last week)"),
            recently_failed_runs(request.user).count(),
            "reports:failed",
        ),
    ]
    return render(
        request,
        "accounts/manage.html",
        {"users": users, "counts": counts, "school_year": SchoolYear.current()},
    )


# --- Two factors -----------------------------------------------------------------------------


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("home")


@never_cache
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Link an authenticator app: scan the QR code, confirm with a code, receive recovery codes."""
    user = request.user
    if twofactor.has_confirmed_device(user) and not user.is_verified():
        # Replacing a device needs the current one first.
        return redirect(f"{reverse('accounts:otp_verify')}?next={reverse('accounts:otp_setup')}")
    device = twofactor.pending_totp_device(user)
    form = SetupTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm_totp(user, device, form.cleaned_data["token"])
        if codes is not None:
            otp_login(request, device)
            messages.success(request, _("Two-factor sign-in is set up."))
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error(
            "token", _("That code is not right. Check the time on your phone and try again.")
        )
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr_svg": twofactor.qr_svg(device),
            "secret": twofactor.secret_base32(device),
            "next": _next_url(request),
        },
    )


@never_cache
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Ask for the second factor after the password."""
    user = request.user
    if not twofactor.has_confirmed_device(user):
        return redirect(
            f"{reverse('accounts:otp_setup')}?{urlencode({'next': _next_url(request)})}"
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify_any(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not right, or it was used before."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


@never_cache
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """See how many recovery codes are left; make a new set (the old ones stop working)."""
    if settings.SMW_REQUIRE_2FA and not request.user.is_verified():
        return redirect("accounts:otp_verify")
    codes = None
    if request.method == "POST":
        if not twofactor.has_confirmed_device(request.user):
            return redirect("accounts:otp_setup")
        codes = twofactor.new_recovery_codes(request.user)
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": codes,
            "remaining": twofactor.remaining_recovery_codes(request.user),
            "has_device": twofactor.has_confirmed_device(request.user),
            "next": reverse("home"),
        },
    )


# --- Operations ------------------------------------------------------------------------------


@login_not_required
@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and broker state, for load balancers and monitoring. No data, no login."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"error: {exc.__class__.__name__}"
    checks["broker"] = _broker_state()
    healthy = all(v in ("ok", "in-process") for v in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


def _broker_state() -> str:
    if not settings.CELERY_BROKER_URL:
        return "in-process"
    from smw.celery import app

    try:
        # The configured URL, given explicitly: Celery on its own prefers the process's
        # CELERY_BROKER_URL environment variable over the setting.
        with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"
