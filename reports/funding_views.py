"""The municipality's funding report: on screen, as PDF (made by Celery, with progress),
and as CSV and XLSX. Figures only; counts under 5 suppressed; never a pupil."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from audit.log import Action

from . import access, runs
from .forms import FundingForm
from .funding import offered_quarters, settled_figures
from .models import ReportRun

EXPORT_FORMATS = ("csv", "xlsx")


def _form(request, data) -> FundingForm:
    """The form over `data` (None: unbound) with the quarters on offer to the user's
    municipalities; 404 for a user without any."""
    municipalities = access.report_municipalities(request.user)
    if not municipalities.exists():
        raise Http404
    quarters = offered_quarters(municipalities, timezone.localdate())
    return FundingForm(data, municipalities=municipalities, quarters=quarters)


def _query_form(request) -> FundingForm:
    """The form over the page's query: bound once a municipality is asked for."""
    return _form(request, request.GET if "municipality" in request.GET else None)


def funding(request: HttpRequest) -> HttpResponse:
    form = _query_form(request)
    figures = None
    if form.is_bound and form.is_valid():
        municipality = form.cleaned_data["municipality"]
        figures = settled_figures(municipality, form.cleaned_data["period"])
        access.funding_figures_shown(municipality, description="funding report")
    recent = (
        access.visible_runs(request.user)
        .filter(municipality__isnull=False)
        .order_by("-created_at")[:10]
    )
    return render(
        request,
        "reports/funding.html",
        {
            "form": form,
            "figures": figures,
            "period": form.cleaned_data.get("period") if figures else None,
            "municipality": form.cleaned_data.get("municipality") if figures else None,
            "query": request.GET.urlencode(),
            "recent": recent,
        },
    )


def funding_make(request: HttpRequest) -> HttpResponse:
    """Ask for the PDF; Celery makes it while the page shows progress."""
    if request.method != "POST":
        return redirect("reports:funding")
    form = _form(request, request.POST)
    if not form.is_valid():
        return render(request, "reports/funding.html", {"form": form, "figures": None})
    run = runs.request_report(
        kind=ReportRun.Kind.FUNDING,
        municipality=form.cleaned_data["municipality"],
        period=form.cleaned_data["period"],
        by=request.user,
        new_version=bool(request.POST.get("new_version")),
    )
    return redirect("reports:funding_run", run.pk)


def funding_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = access.get_run_for_user(request.user, pk)
    if run.municipality_id is None:
        raise Http404
    return render(request, "reports/funding_run.html", {"run": run})


def funding_export(request: HttpRequest, fmt: str) -> HttpResponse:
    from .exports import funding_csv, funding_xlsx

    if fmt not in EXPORT_FORMATS:
        raise Http404
    form = _query_form(request)
    if not (form.is_bound and form.is_valid()):
        return redirect(f"{reverse('reports:funding')}?{request.GET.urlencode()}")
    municipality, period = form.cleaned_data["municipality"], form.cleaned_data["period"]
    figures = settled_figures(municipality, period)
    access.funding_figures_shown(
        municipality, action=Action.EXPORT, description=f"funding report {fmt}"
    )
    stem = f"SMW-financiering-{municipality.name}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if fmt == "csv":
        content, content_type, suffix = funding_csv(figures), "text/csv; charset=utf-8", "csv"
    else:
        content, suffix = funding_xlsx(figures), "xlsx"
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    disposition = content_disposition_header(True, f"{stem}.{suffix}")
    return HttpResponse(
        content, content_type=content_type, headers={"Content-Disposition": disposition}
    )
