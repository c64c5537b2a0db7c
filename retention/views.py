"""The retention pages: the due dossiers, destruction lists (proposed by a team leader, decided
on by the privacy officer), a dossier's term and holds, the organisation's policy, and the
destruction certificate. Everything comes from retention.access (scope, 404 for everyone else)
and retention.workflow (the rules)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from cases.models import Case
from smw.forms import posted_data, understood

from . import access, terms, workflow
from .forms import (
    DecisionForm,
    ExtensionForm,
    FindForm,
    HoldForm,
    LiftForm,
    PolicyForm,
    ProposeForm,
)
from .models import DestructionList, DestructionRecord, Extension, Policy
from .work_notes import expiring


def _school_names(scope) -> dict[int, str]:
    from schools.models import School

    return dict(School.objects.filter(pk__in=scope.school_ids).values_list("pk", "name"))


def overview(request: HttpRequest) -> HttpResponse:
    """Bewaartermijnen: the dossiers whose term has passed, the lists and the holds."""
    scope = access.retention_scope(request.user)
    find = FindForm(request.GET or None)
    if find.is_bound:
        understood(request, find)
        pk = find.case_pk()
        case = Case.objects.filter(pk=pk, school__in=scope.school_ids).first() if pk else None
        if case is not None:
            return redirect("retention:dossier", case.pupil_id)
        if pk is not None:
            messages.warning(request, _("No case with this number in your organisation."))
    due = terms.due_dossiers(organisations=scope.organisation_ids)
    schools = _school_names(scope)
    for dossier_ in due:
        dossier_.school_name = schools.get(dossier_.school_id, "")
    on_list = set(
        scope.lists()
        .filter(status__in=[DestructionList.Status.PROPOSED, DestructionList.Status.APPROVED])
        .values_list("items__pupil_id", flat=True)
    )
    proposing = scope.organisations_as(Role.TEAMLEAD)
    return render(
        request,
        "retention/overview.html",
        {
            "scope": scope,
            "due": due,
            "on_list": on_list,
            "lists": scope.lists().select_related("proposed_by", "decided_by")[:20],
            "holds": scope.holds().active().select_related("pupil__school")[:100],
            "propose_form": ProposeForm(organisations=proposing) if scope.is_teamlead else None,
            "find": find,
        },
    )


@require_POST
def propose(request: HttpRequest) -> HttpResponse:
    scope = access.retention_scope(request.user)
    if not scope.is_teamlead:
        raise Http404
    form = ProposeForm(request.POST, organisations=scope.organisations_as(Role.TEAMLEAD))
    if not form.is_valid():
        messages.error(request, _("Choose the organisation."))
        return redirect("retention:overview")
    try:
        destruction_list = workflow.propose_list(form.cleaned_data["organisation"], by=request.user)
    except workflow.Refused as refused:
        messages.error(request, str(refused))
        return redirect("retention:overview")
    messages.success(request, _("The list is proposed. The privacy officer decides on it."))
    return redirect("retention:list", destruction_list.pk)


def list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One destruction list, and for the privacy officer who did not propose it, the decision."""
    scope = access.retention_scope(request.user)
    destruction_list = access.get_list_for_user(scope, pk)
    may_decide = access.can_decide(scope, destruction_list)
    form = DecisionForm(posted_data(request))
    if request.method == "POST":
        if not may_decide:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == "approve":
                    workflow.approve_list(destruction_list, by=request.user, note=data["note"])
                    messages.success(request, _("Approved: the dossiers are destroyed."))
                else:
                    workflow.reject_list(destruction_list, by=request.user, note=data["note"])
                    messages.success(request, _("The list is rejected."))
                return redirect("retention:list", pk)
            except workflow.Refused as refused:
                form.add_error(None, str(refused))
    items = destruction_list.items.select_related("school").order_by("term_ended_on", "pk")
    return render(
        request,
        "retention/list.html",
        {
            "list": destruction_list,
            "items": items,
            "records": destruction_list.records.order_by("pupil_number"),
            "form": form if may_decide else None,
            "own": destruction_list.proposed_by_id == request.user.pk,
            "scope": scope,
        },
    )


def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    scope = access.retention_scope(request.user)
    destruction_list = access.get_list_for_user(scope, pk)
    if not destruction_list.certificate:
        raise Http404
    storage = destruction_list.certificate.storage
    if not storage.exists(destruction_list.certificate.name):
        raise Http404
    return FileResponse(
        storage.open(destruction_list.certificate.name, "rb"),
        as_attachment=True,
        filename=f"verklaring-van-vernietiging-{destruction_list.pk}.pdf",
        content_type="application/pdf",
    )


def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    """A dossier's term, its longer terms and its holds; the privacy officer changes them."""
    scope = access.retention_scope(request.user)
    pupil = access.get_dossier_for_user(scope, pk)
    destroyed = DestructionRecord.objects.filter(pupil_number=pupil.pk).first()
    cases = list(Case.objects.filter(pupil=pupil).order_by("signalled_on", "pk"))
    return render(
        request,
        "retention/dossier.html",
        {
            "pupil": pupil,
            "cases": cases,
            "dossier": terms.dossier_of(pupil),
            "destroyed": destroyed,
            "extensions": Extension.objects.filter(pupil=pupil).select_related("by"),
            "holds": pupil.legal_holds.select_related("placed_by", "lifted_by").order_by(
                "lifted_at", "review_on"
            ),
            # Two forms on one page, each with a reason: ids of their own.
            "extension_form": (
                ExtensionForm(auto_id="id_extend_%s")
                if scope.is_privacy and not destroyed
                else None
            ),
            "hold_form": (
                HoldForm(auto_id="id_hold_%s") if scope.is_privacy and not destroyed else None
            ),
            "lift_form": LiftForm() if scope.is_privacy else None,
        },
    )


def _dossier_post(request, pk, form_class, action, done: str, template_key: str):
    scope = access.retention_scope(request.user)
    access.require_privacy(scope)
    pupil = access.get_dossier_for_user(scope, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(pupil, form.cleaned_data)
            messages.success(request, done)
            return redirect("retention:dossier", pk)
        except workflow.Refused as refused:
            form.add_error(None, str(refused))
    return render(
        request,
        "retention/dossier_form.html",
        {"pupil": pupil, "form": form, "what": template_key},
        status=400,
    )


@require_POST
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _dossier_post(
        request,
        pk,
        ExtensionForm,
        lambda pupil, data: workflow.extend_term(
            pupil, by=request.user, years=data["years"], reason=data["reason"]
        ),
        _("The longer term is recorded."),
        "extend",
    )


@require_POST
def hold(request: HttpRequest, pk: int) -> HttpResponse:
    return _dossier_post(
        request,
        pk,
        HoldForm,
        lambda pupil, data: workflow.place_hold(
            pupil,
            by=request.user,
            kind=data["kind"],
            reason=data["reason"],
            review_on=data["review_on"],
        ),
        _("The legal hold is recorded: this dossier is not destroyed while it lasts."),
        "hold",
    )


@require_POST
def lift(request: HttpRequest, pk: int) -> HttpResponse:
    scope = access.retention_scope(request.user)
    access.require_privacy(scope)
    legal_hold = access.get_hold_for_user(scope, pk)
    form = LiftForm(request.POST)
    if form.is_valid():
        try:
            workflow.lift_hold(legal_hold, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The legal hold is lifted."))
        except workflow.Refused as refused:
            messages.error(request, str(refused))
    else:
        messages.error(request, _("Give the reason for lifting the legal hold."))
    return redirect("retention:dossier", legal_hold.pupil_id)


def policy(request: HttpRequest) -> HttpResponse:
    """The organisation's term and werkaantekening grace period; the privacy officer sets them."""
    scope = access.retention_scope(request.user)
    organisations = list(scope.organisations_as(Role.PRIVACY))
    if not organisations:
        raise Http404
    organisation = organisations[0]
    if len(organisations) > 1 and request.GET.get("organisation", "").isdigit():
        chosen = [o for o in organisations if o.pk == int(request.GET["organisation"])]
        organisation = chosen[0] if chosen else organisation
    current = Policy.objects.filter(organisation=organisation).first() or Policy(
        organisation=organisation
    )
    form = PolicyForm(posted_data(request), instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.set_policy(organisation, by=request.user, **form.cleaned_data)
            messages.success(request, _("The retention term is saved."))
            return redirect("retention:policy")
        except workflow.Refused as refused:
            form.add_error(None, str(refused))
    return render(
        request,
        "retention/policy.html",
        {"form": form, "organisation": organisation, "organisations": organisations},
    )


def my_work_notes(user) -> list:
    """For the worker's start page: their work notes on closed cases, with the day they go."""
    return expiring(author=user)
