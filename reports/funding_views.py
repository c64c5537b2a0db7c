"""The municipality's funding report: on screen, as PDF (made by Celery, with progress),
and as CSV and XLSX. Figures only; counts under 5 suppressed; never a pupil."""

from __future__ import annotations

import datetime

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.log import Action, record_access

from . import access, runs
from .models import ReportRun
from .periods import Period

# The shortest period a funding report covers (February). Shorter periods have almost only
# small counts: hidden, they leave nothing to report, and protecting them costs seconds.
SHORTEST_RANGE_DAYS = 28


class FundingForm(forms.Form):
    PERIODS = [
        ("year", gettext_lazy("School year")),
        ("quarter", gettext_lazy("Quarter")),
        ("range", gettext_lazy("From – until")),
    ]
    municipality = forms.ModelChoiceField(label=gettext_lazy("Municipality"), queryset=None)
    period_kind = forms.ChoiceField(label=gettext_lazy("Period"), choices=PERIODS, initial="year")
    school_year = forms.IntegerField(
        label=gettext_lazy("School year starting in"),
        required=False,
        min_value=2015,
        max_value=2100,
    )
    quarter = forms.RegexField(
        label=gettext_lazy("Quarter (e.g. 2026-Q3)"),
        required=False,
        regex=r"^\d{4}-Q[1-4]$",
        error_messages={"invalid": gettext_lazy("Write a quarter as 2026-Q3.")},
    )
    start = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("At least a month (28 days), at most three years."),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        if municipalities.count() == 1:
            self.fields["municipality"].initial = municipalities.first().pk
        today = timezone.localdate()
        self.fields["school_year"].initial = today.year if today.month >= 8 else today.year - 1

    def clean(self):
        data = super().clean()
        kind = data.get("period_kind")
        today = timezone.localdate()
        try:
            if kind == "year":
                if not data.get("school_year"):
                    self.add_error("school_year", _("Choose a school year."))
                else:
                    data["period"] = Period.school_year(data["school_year"])
            elif kind == "quarter":
                if not data.get("quarter"):
                    self.add_error("quarter", _("Choose a quarter."))
                else:
                    year, q = data["quarter"].split("-Q")
                    data["period"] = Period.quarter(int(year), int(q))
            elif kind == "range":
                start, end = data.get("start"), data.get("end")
                if not start or not end:
                    self.add_error("end" if start else "start", _("Give both dates."))
                elif end < start:
                    self.add_error("end", _("The end date lies before the start date."))
                elif (end - start).days > 3 * 366:
                    self.add_error("end", _("Choose at most three years."))
                elif (end - start).days + 1 < SHORTEST_RANGE_DAYS:
                    self.add_error(
                        "end",
                        _(
                            "Choose at least a month: over a shorter period nearly every "
                            "count is below 5 and the report would show next to nothing."
                        ),
                    )
                else:
                    label = f"{start:%d-%m-%Y} – {end:%d-%m-%Y}"
                    data["period"] = Period(start, end, label)
        except ValueError:
            self.add_error(None, _("This is not a valid period."))
        period = data.get("period")
        if period and period.start > today:
            self.add_error(None, _("This period has not started yet."))
        return data


def _form(request):
    municipalities = access.report_municipalities(request.user)
    if not municipalities.exists():
        raise Http404
    data = request.GET if "municipality" in request.GET else None
    form = FundingForm(data, municipalities=municipalities)
    return form


def funding(request: HttpRequest) -> HttpResponse:
    from .funding import funding_figures

    form = _form(request)
    figures = None
    if form.is_bound and form.is_valid():
        municipality = form.cleaned_data["municipality"]
        figures = funding_figures(municipality, form.cleaned_data["period"])
        record_access(request, Action.VIEW, obj=municipality, description="funding report")
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
    municipalities = access.report_municipalities(request.user)
    if not municipalities.exists():
        raise Http404
    form = FundingForm(request.POST, municipalities=municipalities)
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
    from .funding import funding_figures

    form = _form(request)
    if not (form.is_bound and form.is_valid()):
        return redirect(f"{_url('reports:funding')}?{request.GET.urlencode()}")
    municipality, period = form.cleaned_data["municipality"], form.cleaned_data["period"]
    figures = funding_figures(municipality, period)
    record_access(request, Action.EXPORT, obj=municipality, description=f"funding report {fmt}")
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


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


def default_year() -> int:
    today = datetime.date.today()
    return today.year if today.month >= 8 else today.year - 1
