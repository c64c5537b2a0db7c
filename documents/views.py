"""Documents on a case: add one (the case manager), download one (whoever reads the dossier)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases.access import get_dossier_for_user
from smw.errors import refusal_to

from . import access, checks, workflow
from .forms import DocumentForm, RemoveForm


def upload(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_dossier_for_user(request.user, case_pk, write=True)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if "file" in getattr(request, "uploads_too_large", ()):
        # dropped while it was read (documents/uploads.py): the form says why, not "choose one"
        form.is_valid()
        form.errors.pop("file", None)
        form.add_error("file", checks.too_large_message())
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            workflow.add_document(
                case,
                by=request.user,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
            )
            messages.success(request, _("The document is added to the case."))
            return redirect("cases:detail", case.pk)
    if form.errors and "file" not in form.errors and request.FILES:
        # The browser cannot be given the file back: say so next to the field.
        form.add_error("file", _("Choose the file again."))
    return render(request, "documents/upload.html", {"case": case, "form": form})


def download(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document_for_download(request.user, pk)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )


def remove(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document_for_removal(request.user, pk)
    case = document.case
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            workflow.remove_document(document, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The document is removed from the case."))
            return redirect("cases:detail", case.pk)
    return render(
        request, "documents/remove.html", {"case": case, "document": document, "form": form}
    )
