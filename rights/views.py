"""Request pages (rights under the AVG): access → form or workflow call → response."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from cases.models import Pupil
from schools.access import assigned_schools
from schools.models import School
from smw.errors import refusal_to
from smw.forms import posted_data
from smw.pdf import render_pdf

from . import access, workflow
from .access import Part
from .forms import (
    CloseForm,
    CorrectionForm,
    DecideForm,
    ExtendForm,
    RequestForm,
    StatementForm,
    SubmitForm,
)
from .models import RightsRequest
from .rules import RULES

Status = RightsRequest.Status


def request_list(request: HttpRequest) -> HttpResponse:
    """The requests the person handles or decides, open ones first, soonest deadline first."""
    if not access.can_use_rights(request.user):
        raise Http404
    rows = list(access.shown_requests(request.user))
    open_rows = sorted((r for r in rows if r.is_open), key=lambda r: (r.due_on, r.pk))
    closed_rows = [r for r in rows if not r.is_open]
    return render(
        request,
        "rights/list.html",
        {"open_requests": open_rows, "closed_requests": closed_rows, "today": timezone.localdate()},
    )


def request_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The case manager registers a request received for the case's pupil."""
    case = access.get_case_for_rights(request.user, case_pk, write=True)
    form = RequestForm(posted_data(request), pupil=case.pupil)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            created = workflow.register_request(case, by=request.user, **form.cleaned_data)
            messages.success(request, _("The request is registered."))
            return redirect("rights:detail", created.pk)
    return render(
        request,
        "rights/request_form.html",
        {"case": case, "form": form, "rules": RULES, "guardians": case.pupil.guardians.all()},
    )


def _exports_of(user, rights_request: RightsRequest) -> list:
    """The dossier exports that answer the request, each with whether `user` may open it."""
    from dossier import access as dossier_access

    exports = list(rights_request.dossier_exports.order_by("created_at", "pk"))
    if exports:
        visible = set(
            dossier_access.visible_exports(user)
            .filter(request=rights_request)
            .values_list("pk", flat=True)
        )
        for export in exports:
            export.may_open = export.pk in visible
    return exports


def _detail_context(user, rights_request: RightsRequest, part: Part) -> dict:
    from dossier.workflow import answers_request

    return {
        "exports": _exports_of(user, rights_request),
        "can_start_export": part is Part.MANAGER and answers_request(rights_request),
        "rr": rights_request,
        "part": part.value,
        "Status": Status,
        "steps": rights_request.steps.select_related("by"),
        "corrections": access.corrections_of(rights_request.pupil_id).filter(
            request=rights_request
        ),
        "statements": rights_request.own_statements.all(),
        "age": rights_request.pupil.age_on(rights_request.received_on),
        "harm_question": workflow.is_harm_question(rights_request),
        "today": timezone.localdate(),
    }


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    rights_request, part = access.get_request_for_user(request.user, pk)
    return render(
        request, "rights/detail.html", _detail_context(request.user, rights_request, part)
    )


def _step_page(request, rights_request, form, action, *, title, submit, intro=""):
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            action(rights_request, by=request.user, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("rights:detail", rights_request.pk)
    return render(
        request,
        "rights/step_form.html",
        {"rr": rights_request, "form": form, "title": title, "submit": submit, "intro": intro},
    )


def submit(request: HttpRequest, pk: int) -> HttpResponse:
    rights_request, _part = access.get_request_for_user(request.user, pk, manager=True)
    return _step_page(
        request,
        rights_request,
        SubmitForm(posted_data(request)),
        workflow.submit_request,
        title=_("Put forward for a decision"),
        submit=_("Put forward"),
    )


def decide(request: HttpRequest, pk: int) -> HttpResponse:
    rights_request, _part = access.get_request_for_user(request.user, pk, decider=True)
    erasure = rights_request.kind == RightsRequest.Kind.ERASURE
    form = DecideForm(
        posted_data(request),
        harm_question=workflow.is_harm_question(rights_request),
        correction=rights_request.kind == RightsRequest.Kind.CORRECTION,
        erasure=erasure,
    )
    return _step_page(
        request,
        rights_request,
        form,
        workflow.decide_request,
        title=_("Decide on the request"),
        submit=_("Record the decision"),
        intro=workflow.erasure_intro(rights_request) if erasure else "",
    )


def extend(request: HttpRequest, pk: int) -> HttpResponse:
    rights_request, _part = access.get_request_for_user(request.user, pk, handler=True)
    return _step_page(
        request,
        rights_request,
        ExtendForm(posted_data(request)),
        workflow.extend_deadline,
        title=_("Extend the deadline"),
        submit=_("Extend"),
        intro=_(
            "A deadline is extended once, by two months at most. Print the letter afterwards "
            "to tell the requester."
        ),
    )


def close(request: HttpRequest, pk: int) -> HttpResponse:
    rights_request, _part = access.get_request_for_user(request.user, pk, decider=True)
    return _step_page(
        request,
        rights_request,
        CloseForm(posted_data(request)),
        workflow.close_request,
        title=_("Close the request"),
        submit=_("Close the request"),
    )


def statement(request: HttpRequest, pk: int) -> HttpResponse:
    rights_request, _part = access.get_request_for_user(request.user, pk, handler=True)
    return _step_page(
        request,
        rights_request,
        StatementForm(posted_data(request)),
        workflow.add_own_statement,
        title=_("Add the requester's own statement"),
        submit=_("Add to the dossier"),
    )


def letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter to the requester: receipt, deadline and any extension with its reason.
    Printing it is logged as a print of the pupil's data."""
    from audit.log import Action, note

    rights_request, _part = access.get_request_for_user(request.user, pk, handler=True)
    note(Action.PRINT, [rights_request.pupil_id], obj=rights_request, description="letter")
    document = render_pdf(
        "rights/letter_pdf.html",
        {"rr": rights_request, "today": timezone.localdate(), "sender": request.user},
    )
    filename = f"brief-verzoek-{rights_request.pk}.pdf"
    return HttpResponse(
        document,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(False, filename)},
    )


# --- Correcting pupil data -------------------------------------------------------------------


def correct_pupil(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The case manager corrects the pupil's names, date of birth, school or group."""
    case = access.get_case_for_rights(request.user, case_pk, write=True)
    pupil = Pupil.objects.get(pk=case.pupil_id)  # the form's own copy: a refusal leaves case as is
    schools = School.objects.filter(
        pk__in=assigned_schools(request.user)
        .values("pk")
        .union(School.objects.filter(pk=pupil.school_id).values("pk"))
    )
    form = CorrectionForm(
        posted_data(request),
        instance=pupil,
        schools=schools,
        requests=workflow.correctable_requests(case),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal_to(form):
            workflow.correct_pupil(
                case,
                by=request.user,
                reason=data["reason"],
                request=data.get("request"),
                **{name: data[name] for name in workflow.CORRECTABLE},
            )
            messages.success(request, _("The pupil's data are corrected."))
            return redirect("rights:history", case.pk)
    return render(
        request,
        "rights/correction_form.html",
        {"case": case, "form": form},
    )


def history(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The corrections of the pupil's data: every old value, who changed it, when and why."""
    case = access.get_case_for_rights(request.user, case_pk)
    return render(
        request,
        "rights/history.html",
        {
            "case": case,
            "corrections": access.corrections_of(case.pupil_id),
            "is_manager": workflow.is_case_manager(request.user, case),
        },
    )
