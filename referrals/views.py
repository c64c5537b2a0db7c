"""Sociale kaart, consent and referral pages: access → form or workflow call → response."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require_role
from accounts.models import Role
from cases import access as case_access
from cases import workflow as case_workflow
from cases.forms import CloseForm
from schools.models import Municipality
from smw.errors import refusal_to
from smw.forms import posted_data, understood

from . import access, workflow
from . import social_map as social_map_workflow
from .consent import required_consent
from .forms import (
    ConsentForm,
    ConsentLinkForm,
    ForCaseForm,
    ReferralForm,
    ReferralLinkForm,
    SocialMapEntryForm,
    SocialMapFilterForm,
    StatusForm,
    WithdrawForm,
)
from .models import Referral, SocialMapEntry

PAGE_SIZE = 20


def social_map(request: HttpRequest) -> HttpResponse:
    """The sociale kaart: search by text, kind and municipality."""
    entries = access.social_map(request.user)
    home = access.home_municipalities(request.user)
    data = request.GET.copy()
    if "municipality" not in data and home.count() == 1:
        data["municipality"] = str(home.first().pk)
    form = SocialMapFilterForm(data, municipalities=Municipality.objects.all())
    filters = understood(request, form)
    if filters.get("kind"):
        entries = entries.filter(kind=filters["kind"])
    if filters.get("municipality"):
        entries = entries.filter(municipalities=filters["municipality"])
    text = filters.get("q", "").strip()
    if text:
        entries = (
            entries.annotate(similarity=TrigramWordSimilarity(text, "name"))
            .filter(
                Q(similarity__gte=0.3)
                | Q(name__icontains=text)
                | Q(notes__icontains=text)
                | Q(application_procedure__icontains=text)
            )
            .order_by("-similarity", "name")
        )
    page = Paginator(entries.distinct(), PAGE_SIZE).get_page(request.GET.get("page"))
    query = data.copy()
    query.pop("page", None)
    return render(
        request,
        "referrals/social_map.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "case_pk": _case_in_link(request),
        },
    )


def _case_in_link(request: HttpRequest) -> int | None:
    """The case the worker looks for an organisation for, when it is one of their own."""
    form = ForCaseForm(request.GET or None, cases=case_access.caseload(request.user))
    case = understood(request, form).get("case")
    return case.pk if case else None


def social_map_entry(request: HttpRequest, pk: int) -> HttpResponse:
    entry = access.get_entry_for_user(request.user, pk)
    return render(
        request,
        "referrals/social_map_entry.html",
        {"entry": entry, "case_pk": _case_in_link(request)},
    )


def consent_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = case_access.get_dossier_for_user(request.user, case_pk, write=True)
    pupil = case.pupil
    initial = {}
    link = ConsentLinkForm(request.GET if request.method == "GET" else None)
    party = understood(request, link).get("party")
    if party:
        initial = {"party": party, "purpose": "verwijzing"}
    form = ConsentForm(request.POST or None, pupil=pupil, initial=initial)
    day = timezone.localdate()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        day = data["given_on"]
        with refusal_to(form):
            workflow.record_consent(
                case,
                by=request.user,
                purpose=data["purpose"],
                given_on=data["given_on"],
                by_pupil=data["by_pupil"],
                guardian_ids={g.pk for g in data["by_guardians"]},
                valid_until=data["valid_until"],
                party=data["party"],
                note=data["note"],
            )
            messages.success(request, _("The consent is recorded."))
            if data["purpose"] == "verwijzing" and data["party"]:
                target = reverse("referrals:referral_new", args=[case.pk])
                return redirect(f"{target}?destination={data['party'].pk}")
            return redirect("cases:detail", case.pk)
    return render(
        request,
        "referrals/consent_form.html",
        {"case": case, "form": form, "need": required_consent(pupil, day)},
    )


def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    consent = access.get_consent_for_user(request.user, pk, write=True)
    case = consent.case
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            workflow.withdraw_consent(
                consent, by=request.user, on=form.cleaned_data["on"], note=form.cleaned_data["note"]
            )
            messages.success(request, _("The consent is withdrawn."))
            return redirect("cases:detail", case.pk)
    return render(
        request,
        "cases/case_form.html",
        {
            "case": case,
            "form": form,
            "title": _("Withdraw consent: %(what)s") % {"what": consent.get_purpose_display()},
            "submit": _("Withdraw"),
        },
    )


def referral_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = case_access.get_dossier_for_user(request.user, case_pk, write=True)
    consents = workflow.valid_referral_consents(case).select_related("party")
    initial = {"follow_up_on": timezone.localdate() + datetime.timedelta(days=14)}
    link = ReferralLinkForm(request.GET if request.method == "GET" else None)
    destination = understood(request, link).get("destination")
    if destination:
        initial["destination"] = destination
        match = consents.filter(party=destination).first()
        if match:
            initial["consent"] = match.pk
    form = ReferralForm(
        request.POST or None,
        consents=consents,
        guardians=case.pupil.guardians.all(),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        referral_fields = {
            "destination": data["destination"],
            "reason": data["reason"],
            "question": data["question"],
            "shared_information": data["shared_information"],
            "follow_up_on": data["follow_up_on"],
            "acute_exception": data["acute_exception"],
            "exception_reason": data["exception_reason"],
            "submit": data["submit"],
        }
        new_consent = form.new_consent()
        with refusal_to(form):
            if new_consent is not None:
                referral = workflow.refer_with_new_consent(
                    case, by=request.user, **new_consent, **referral_fields
                )
            else:
                referral = workflow.refer(
                    case, by=request.user, consent=data["consent"], **referral_fields
                )
            messages.success(
                request,
                _("The referral to %(name)s is recorded.") % {"name": referral.destination.name},
            )
            return redirect("referrals:detail", referral.pk)
    return render(
        request,
        "referrals/referral_form.html",
        {
            "case": case,
            "form": form,
            "has_consents": consents.exists(),
            "need": required_consent(case.pupil, timezone.localdate()),
        },
    )


def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = access.get_referral_for_user(request.user, pk)
    case = referral.case
    form = StatusForm(request.POST or None, choices=workflow.next_statuses(referral))
    if request.method == "POST":
        access.get_referral_for_user(request.user, pk, write=True)
        if form.is_valid():
            with refusal_to(form):
                workflow.change_status(
                    referral,
                    by=request.user,
                    status=form.cleaned_data["status"],
                    on=form.cleaned_data["on"],
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("The status is saved."))
                return redirect("referrals:detail", referral.pk)
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "referral": referral,
            "case": case,
            "changes": referral.changes.select_related("by"),
            "form": form,
            "can_change": access.can_change_status(request.user, referral),
            "close_form": _close_form_here(request.user, referral, case),
        },
    )


def _close_form_here(user, referral: Referral, case) -> CloseForm | None:
    """Once help has started, closing the referred case is the next step: its form is offered
    on the referral's page (it posts to the case's own closing page)."""
    if not (
        referral.help_has_started
        and case.stage == case.Stage.REFERRED
        and case_workflow.can_close(case, user)
    ):
        return None
    return CloseForm(
        referred=True, help_started=True, initial={"reason": case.ClosureReason.REFERRED}
    )


def dashboard(request: HttpRequest) -> HttpResponse:
    """The worker's referrals: overdue follow-ups and waiting lists first."""
    today = timezone.localdate()
    attention = list(access.needs_attention(request.user).order_by("follow_up_on"))
    running = list(access.running_referrals(request.user).order_by("follow_up_on"))
    return render(
        request,
        "referrals/dashboard.html",
        {
            "overdue": [r for r in attention if r.follow_up_on < today and r.is_active],
            "waiting": [r for r in attention if r.status == Referral.Status.WAITING],
            "running": running,
            "today": today,
        },
    )


# --- The application manager: the sociale kaart ---------------------------------------------


def social_map_manage(request: HttpRequest) -> HttpResponse:
    """Every entry, active or not, to add and change; no pupil, no referral."""
    require_role(request.user, Role.ADMIN)
    entries = SocialMapEntry.objects.prefetch_related("municipalities")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "referrals/social_map_manage.html", {"page": page})


def social_map_entry_manage(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_role(request.user, Role.ADMIN)
    entry = get_object_or_404(SocialMapEntry, pk=pk) if pk is not None else None
    form = SocialMapEntryForm(posted_data(request), instance=entry)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            social_map_workflow.save_entry(entry, by=request.user, data=form.cleaned_data)
            messages.success(request, _("The entry is saved."))
            return redirect("referrals:social_map_manage")
    return render(request, "referrals/social_map_entry_form.html", {"form": form, "entry": entry})
