"""Reports pages: the archive, 'maak nu' with progress, the report on screen, the download."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.log import Action, record_access

from . import access, runs
from .models import ReportRun
from .periods import Period


class RequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Report"),
        choices=[
            (ReportRun.Kind.REGISTRATION, gettext_lazy("Registration (one month)")),
            ("term", gettext_lazy("Rapportage (one term)")),
            ("year", gettext_lazy("Rapportage (school year)")),
        ],
    )
    school = forms.ModelChoiceField(label=gettext_lazy("School"), queryset=None)
    period = forms.ChoiceField(label=gettext_lazy("Period"))
    new_version = forms.BooleanField(
        label=gettext_lazy("Make a new version even if one exists"), required=False
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()
        self.periods = available_periods(timezone.localdate())
        self.fields["period"].choices = [
            (key, f"{group}: {period.label}") for key, (group, period) in self.periods.items()
        ]

    def clean(self):
        data = super().clean()
        kind, key = data.get("kind"), data.get("period")
        if kind and key:
            expected = {"registratie": "m", "term": "t", "year": "y"}[kind]
            if not key.startswith(expected):
                self.add_error("period", _("Choose a period that fits this report."))
        return data


def available_periods(today: datetime.date) -> dict[str, tuple[str, Period]]:
    """Months of the last year, terms and school years of the last two years, up to today."""
    result: dict[str, tuple[str, Period]] = {}
    month = today.replace(day=1)
    for _i in range(12):
        period = Period.month(month.year, month.month)
        result[f"m{period.start:%Y%m}"] = (_("Month"), period)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    start_year = today.year if today.month >= 8 else today.year - 1
    for year in (start_year, start_year - 1):
        for n in (1, 2, 3):
            term = Period.term(year, n)
            if term.start <= today:
                result[f"t{year}{n}"] = (_("Term"), term)
        result[f"y{year}"] = (_("School year"), Period.school_year(year))
    return result


def archive(request: HttpRequest) -> HttpResponse:
    schools = access.report_schools(request.user)
    if not schools.exists():
        raise Http404
    form = RequestForm(request.POST or None, schools=schools)
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
        if run.status == ReportRun.Status.READY and not data["new_version"]:
            messages.info(request, _("This report already exists; it is at the top of the list."))
        else:
            messages.success(request, _("The report is being made. You can follow it below."))
        return redirect(f"{request.path}?run={run.pk}")
    runs_page = Paginator(
        access.visible_school_runs(request.user).order_by("-created_at"), 20
    ).get_page(request.GET.get("page"))
    highlight = request.GET.get("run")
    return render(
        request,
        "reports/archive.html",
        {"form": form, "page": runs_page, "highlight": highlight, "query": ""},
    )


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
    run = access.get_run_for_user(request.user, pk)
    if run.status != ReportRun.Status.READY or not run.file:
        raise Http404
    record_access(request, Action.EXPORT, obj=run, description=str(run)[:200])
    scope = run.school.brin if run.school_id else run.municipality.name
    filename = f"SMW-{run.kind}-{scope}-{run.period_start:%Y-%m}-v{run.version}.pdf"
    return FileResponse(
        run.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )
