from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login

from referrals.models import SocialMapEntry
from reports.access import recently_failed_runs
from schools.models import Assignment, Municipality, Organisation, School, SchoolYear
from smw.errors import refusal_as_message, refusal_to
from smw.forms import posted_data

from . import twofactor, workflow
from .access import get_manageable_user, manageable_users, require_role
from .forms import PersonForm, RoleForm, SetupTokenForm, TokenForm
from .models import Role, RoleRequest

START_PAGES = {
    Role.WORKER: "schools:mine",
    Role.COORDINATOR: "schools:coordinator",
    Role.TEAMLEAD: "accounts:team",
    Role.MUNICIPALITY: "schools:territory",
    Role.ADMIN: "accounts:manage",
    Role.PRIVACY: "privacy:overview",
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
        (_("Schools"), School.objects.count(), "schools:manage"),
        (_("Assignments"), Assignment.objects.current().count(), "schools:manage_assignments"),
        (
            _("Sociale kaart"),
            SocialMapEntry.objects.filter(active=True).count(),
            "referrals:social_map_manage",
        ),
        (
            _("Roles waiting for approval"),
            RoleRequest.objects.filter(status=RoleRequest.Status.WAITING).count(),
            None,
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
        {
            "users": users,
            "counts": counts,
            "school_year": SchoolYear.current(),
            "organisations": Organisation.objects.count(),
            "municipalities": Municipality.objects.count(),
        },
    )


def manage_user_new(request: HttpRequest) -> HttpResponse:
    require_role(request.user, Role.ADMIN)
    form = PersonForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            person = workflow.create_user(by=request.user, **form.cleaned_data)
            messages.success(
                request, _("%(name)s is added. Now give them a role.") % {"name": person}
            )
            return redirect("accounts:manage_user", person.pk)
    return render(request, "accounts/manage_user_new.html", {"form": form})


def manage_user(request: HttpRequest, pk: int) -> HttpResponse:
    """One person: name and address, active or not, roles, roles waiting for approval."""
    require_role(request.user, Role.ADMIN)
    person = get_manageable_user(request.user, pk)
    initial = {f: getattr(person, f) for f in ("username", "first_name", "last_name", "email")}
    form = PersonForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            workflow.update_user(person, by=request.user, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("accounts:manage_user", person.pk)
    return _person_page(request, person, form=form, role_form=RoleForm())


def _person_page(request, person, *, form, role_form) -> HttpResponse:
    return render(
        request,
        "accounts/manage_user.html",
        {
            "person": person,
            "form": form,
            "role_form": role_form,
            "memberships": person.memberships.select_related(
                "organisation", "school", "municipality"
            ),
            "requests": person.role_requests.select_related(
                "organisation", "school", "requested_by", "decided_by"
            )[:20],
            "is_self": person == request.user,
        },
    )


@require_POST
def manage_user_active(request: HttpRequest, pk: int) -> HttpResponse:
    require_role(request.user, Role.ADMIN)
    person = get_manageable_user(request.user, pk)
    active = request.POST.get("active") == "1"
    with refusal_as_message(request):
        workflow.set_active(person, by=request.user, active=active)
        if active:
            messages.success(request, _("%(name)s can sign in again.") % {"name": person})
        else:
            messages.success(request, _("%(name)s is deactivated.") % {"name": person})
    return redirect("accounts:manage_user", person.pk)


@require_POST
def manage_role_give(request: HttpRequest, pk: int) -> HttpResponse:
    require_role(request.user, Role.ADMIN)
    person = get_manageable_user(request.user, pk)
    role_form = RoleForm(request.POST)
    if role_form.is_valid():
        with refusal_to(role_form):
            result = workflow.give_role(person, by=request.user, **role_form.cleaned_data)
            if isinstance(result, RoleRequest):
                messages.success(
                    request,
                    _(
                        "The role waits for approval by a team leader or privacy officer. It "
                        "takes effect once approved."
                    ),
                )
            else:
                messages.success(request, _("The role is given."))
            return redirect("accounts:manage_user", person.pk)
    initial = {f: getattr(person, f) for f in ("username", "first_name", "last_name", "email")}
    return _person_page(request, person, form=PersonForm(initial=initial), role_form=role_form)


@require_POST
def manage_role_take(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    require_role(request.user, Role.ADMIN)
    person = get_manageable_user(request.user, pk)
    membership = get_object_or_404(person.memberships, pk=membership_pk)
    with refusal_as_message(request):
        workflow.take_role(membership, by=request.user)
        messages.success(request, _("The role is taken back."))
    return redirect("accounts:manage_user", person.pk)


def approvals(request: HttpRequest) -> HttpResponse:
    """Team leader or privacy officer: the roles waiting for a second person's approval."""
    if not workflow.is_approver(request.user):
        raise Http404
    waiting = workflow.decidable_requests(request.user)
    return render(request, "accounts/approvals.html", {"waiting": waiting})


@require_POST
def approval_decide(request: HttpRequest, pk: int) -> HttpResponse:
    if not workflow.is_approver(request.user):
        raise Http404
    role_request = get_object_or_404(RoleRequest, pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("approve", "refuse"):
        messages.error(request, _("Choose approve or refuse."))
        return redirect("accounts:approvals")
    with refusal_as_message(request):
        workflow.decide(role_request, by=request.user, approve=decision == "approve")
        if decision == "approve":
            messages.success(request, _("Approved: the role is given."))
        else:
            messages.success(request, _("Refused: the role is not given."))
    return redirect("accounts:approvals")


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
