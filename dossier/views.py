"""Dossier export pages: start from the case page, follow the making, review (withhold items
with a ground), hand over, download. Access from dossier/access.py; changes through
dossier/workflow.py."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import access as case_access
from smw.errors import refusal_as_message, refusal_to

from . import access, workflow
from .content import collect, review_items
from .forms import StartForm, WithholdForm
from .models import DossierExport, Ground


def export_list(request: HttpRequest) -> HttpResponse:
    exports = access.shown(access.export_list(request.user)[:100])
    return render(request, "dossier/list.html", {"exports": exports})


def _request_to_answer(request: HttpRequest):
    """The request under the AVG the export answers (`?verzoek=`), for its case manager."""
    from rights import access as rights_access

    pk = request.GET.get("verzoek", "")
    if not pk:
        return None
    if not pk.isdigit() or len(pk) > 18:
        raise Http404
    rights_request, _part = rights_access.get_request_for_user(request.user, int(pk), manager=True)
    return rights_request


def start(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = case_access.get_dossier_for_user(request.user, case_pk, write=True)
    rights_request = _request_to_answer(request)
    form = StartForm(
        request.POST or None,
        destinations=workflow.destinations_for(case),
        rights_request=rights_request,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal_to(form):
            export = workflow.start_export(
                case,
                by=request.user,
                purpose=data["purpose"],
                requester=data["requester"],
                destination=data.get("destination"),
                sections=data.get("sections"),
                request=rights_request,
            )
            messages.success(request, _("The export is being made. You can follow it here."))
            return redirect(export)
    return render(
        request,
        "dossier/start.html",
        {"case": case, "form": form, "rights_request": rights_request},
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The export: its progress (htmx polls the progress until it is made, then the page
    reloads), the review of its items, the handover and the downloads."""
    user = request.user
    export = access.get_export_for_user(user, pk)
    can_review = access.can_review(user, export)
    if request.htmx:
        response = render(
            request, "dossier/_progress.html", {"export": export, "can_review": can_review}
        )
        if export.is_finished:
            response["HX-Refresh"] = "true"
        return response
    withheld = list(export.withheld.select_related("by"))
    items = []
    if can_review:
        keys = {w.key: w for w in withheld}
        items = review_items(collect(export))
        for item in items:
            item["withholding"] = keys.get(item["key"])
    return render(
        request,
        "dossier/detail.html",
        {
            "export": export,
            "can_review": can_review,
            "can_hand_over": access.can_hand_over(user, export),
            "can_list": access.can_list(user),
            "is_preparer": access.is_preparer(user, export),
            "withheld": withheld,
            "items": items,
            "grounds": Ground.choices,
        },
    )


@require_POST
def withhold(request: HttpRequest, pk: int) -> HttpResponse:
    export = access.get_export_for_user(request.user, pk)
    form = WithholdForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the ground for withholding it."))
        return redirect(export)
    with refusal_as_message(request):
        workflow.withhold(
            export,
            by=request.user,
            key=form.cleaned_data["key"],
            ground=form.cleaned_data["ground"],
        )
        messages.success(request, _("The item is withheld; the export is made again."))
    return redirect(export)


@require_POST
def release(request: HttpRequest, pk: int, withholding_pk: int) -> HttpResponse:
    export = access.get_export_for_user(request.user, pk)
    withholding = access.get_withholding(export, withholding_pk)
    with refusal_as_message(request):
        workflow.release(withholding, by=request.user)
        messages.success(request, _("The item is back in the export; the export is made again."))
    return redirect(export)


@require_POST
def make_again(request: HttpRequest, pk: int) -> HttpResponse:
    export = access.get_export_for_user(request.user, pk)
    with refusal_as_message(request):
        workflow.make_again(export, by=request.user)
    return redirect(export)


@require_POST
def hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    export = access.get_export_for_user(request.user, pk)
    with refusal_as_message(request):
        workflow.hand_over(export, by=request.user)
        messages.success(
            request, _("Recorded as handed over. The files leave the server after 30 days.")
        )
    return redirect(export)


FORMATS = {"pdf": ("pdf", "application/pdf"), "zip": ("archive", "application/zip")}


def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    field_name, content_type = FORMATS[fmt]
    export: DossierExport = access.get_export_for_download(request.user, pk, field=field_name)
    field = getattr(export, field_name)
    filename = f"SMW-dossier-{export.pk}-v{export.version}.{fmt}"
    return FileResponse(
        field.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
