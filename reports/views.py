"""Reports pages: the archive, 'maak nu' with progress, the report on screen, the download."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import access, runs
from .forms import RequestForm
from .models import ReportRun

BROKER_AWAY = gettext_lazy(
    "The report will be made as soon as the background processing can be reached again; you "
    "need not ask for it again."
)


def archive(request: HttpRequest) -> HttpResponse:
    schools = access.report_schools(request.user)
    if not schools.exists():
        raise Http404
    form = RequestForm(request.POST or None, schools=schools, kind=request.GET.get("kind"))
    # Choosing another kind fetches its periods (htmx, in place); without JavaScript a period
    # that does not fit is refused and the form comes back with the fitting ones.
    form.fields["kind"].widget.attrs.update(
        {
            "data-hx-get": request.path,
            "data-hx-trigger": "change",
            "data-hx-target": "#div_id_period",
            "data-hx-select": "#div_id_period",
            "data-hx-swap": "outerHTML",
        }
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kind = (
            ReportRun.Kind.REGISTRATION
            if data["kind"] == "registratie"
            else ReportRun.Kind.RAPPORTAGE
        )
        _group, period = form.periods[data["period"]]
        run = runs.request_report(
            kind=kind,
            school=data["school"],
            period=period,
            by=request.user,
            new_version=data["new_version"],
        )
        if run.is_unsent:
            messages.warning(request, BROKER_AWAY)
        elif run.status == ReportRun.Status.READY and not data["new_version"]:
            messages.info(request, _("This report already exists; it is at the top of the list."))
        else:
            messages.success(request, _("The report is being made. You can follow it below."))
        return redirect(f"{request.path}?run={run.pk}")
    runs_page = Paginator(
        access.visible_school_runs(request.user).order_by("-created_at"), 20
    ).get_page(request.GET.get("page"))
    return render(request, "reports/archive.html", {"form": form, "page": runs_page, "query": ""})


def status(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: one run's row; polling stops (HTTP 286) once it is ready or failed."""
    run = access.get_run_for_user(request.user, pk)
    response = render(
        request, "reports/_run_row.html", {"run": run, "polling": not run.is_finished}
    )
    if run.is_finished and request.htmx:
        response.status_code = 286
    return response


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = access.get_run_for_user(request.user, pk)
    return render(request, "reports/detail.html", {"run": run})


def download(request: HttpRequest, pk: int) -> HttpResponse:
    run = access.get_run_for_download(request.user, pk)
    if run.file_missing:
        # Lost from MEDIA_ROOT (a restore without it, a disk replaced): say so, offer a new one.
        return render(request, "reports/missing_file.html", {"run": run}, status=404)
    scope = run.school.brin if run.school_id else run.municipality.name
    filename = f"SMW-{run.kind}-{scope}-{run.period_start:%Y-%m}-v{run.version}.pdf"
    return FileResponse(
        run.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )


@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """'Try again' on a failed, stalled or lost report: runs.retry_run decides what that means."""
    run = runs.retry_run(access.get_run_for_user(request.user, pk), by=request.user)
    if run.is_unsent:
        messages.warning(request, BROKER_AWAY)
    return redirect(run)


def failed(request: HttpRequest) -> HttpResponse:
    """The application manager: reports that failed in the last week, without their contents."""
    return render(
        request, "reports/failed.html", {"runs": access.recently_failed_runs(request.user)}
    )
