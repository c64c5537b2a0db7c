from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require_role
from accounts.models import Role
from smw.errors import refusal_as_message, refusal_to
from smw.forms import posted_data, understood

from . import access, workflow
from .forms import AssignmentFilterForm, AssignmentForm, NameForm, SchoolForm
from .models import Assignment, Municipality, Organisation, School, SchoolYear


def mine(request: HttpRequest) -> HttpResponse:
    """Worker start page "Vandaag": what waits for me, my caseload in brief, this week's hours
    against contract, and the schools I am seconded to this school year."""
    from cases.access import caseload_by_stage
    from cases.models import Case
    from timesheet.week import week_hours_of

    require_role(request.user, Role.WORKER)
    assignments = list(access.my_assignments(request.user))
    by_stage = caseload_by_stage(request.user)
    return render(
        request,
        "schools/mine.html",
        {
            "by_stage": [(Case.Stage(stage).label, stage, n) for stage, n in by_stage.items()],
            "open_cases": sum(by_stage.values()),
            "week": week_hours_of(request.user, timezone.localdate()),
            "assignments": assignments,
            "total_hours": sum((a.contracted_hours for a in assignments), Decimal(0)),
            "school_year": SchoolYear.current(),
        },
    )


def coordinator(request: HttpRequest) -> HttpResponse:
    """Coordinator start page "Vandaag": what waits (signals not taken on, the next ZAT, open
    action points, new reports), the school's cases by stage, and the SMW workers there."""
    from cases.access import school_cases_by_stage
    from cases.models import Case

    require_role(request.user, Role.COORDINATOR)
    schools = [
        (school, list(access.school_assignments(school)))
        for school in access.coordinated_schools(request.user).select_related("municipality")
    ]
    by_stage = school_cases_by_stage(request.user)
    return render(
        request,
        "schools/coordinator.html",
        {
            "schools": schools,
            "school_year": SchoolYear.current(),
            "by_stage": [(Case.Stage(stage).label, stage, n) for stage, n in by_stage.items()],
            "open_cases": sum(by_stage.values()),
        },
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    school = access.get_school_for_user(request.user, pk)
    return render(
        request,
        "schools/detail.html",
        {
            "school": school,
            "assignments": list(access.school_assignments(school)),
            "school_year": SchoolYear.current(),
        },
    )


def territory(request: HttpRequest) -> HttpResponse:
    """Municipal officer start page: the schools in my territory, as figures only."""
    schools = list(access.territory_overview(request.user))
    by_sector: dict[str, Decimal] = defaultdict(Decimal)
    for school in schools:
        by_sector[school.sector] += school.contracted_hours or Decimal(0)
    sectors = [
        (label, by_sector[value]) for value, label in School.Sector.choices if value in by_sector
    ]
    return render(
        request,
        "schools/territory.html",
        {
            "schools": schools,
            "sectors": sectors,
            "total_hours": sum(by_sector.values(), Decimal(0)),
            "school_year": SchoolYear.current(),
        },
    )


# --- The application manager: schools and assignments ---------------------------------------


def manage(request: HttpRequest) -> HttpResponse:
    """Schools, organisations and municipalities; no pupil, no case."""
    require_role(request.user, Role.ADMIN)
    schools = School.objects.select_related("municipality").annotate(
        n_assignments=Count(
            "assignments",
            filter=Q(assignments__school_year__start_year=SchoolYear.start_year_for_today()),
        )
    )
    return render(
        request,
        "schools/manage.html",
        {
            "schools": schools,
            "organisations": Organisation.objects.all(),
            "municipalities": Municipality.objects.all(),
            "organisation_form": NameForm(prefix="organisation"),
            "municipality_form": NameForm(prefix="municipality"),
        },
    )


def manage_school(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_role(request.user, Role.ADMIN)
    school = get_object_or_404(School, pk=pk) if pk is not None else None
    initial = {}
    if school:
        initial = {
            "name": school.name,
            "brin": school.brin,
            "sector": school.sector,
            "municipality": school.municipality_id,
            "active": school.active,
            "region": school.region,
        }
    form = SchoolForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            workflow.save_school(school, by=request.user, **form.cleaned_data)
            messages.success(request, _("The school is saved."))
            return redirect("schools:manage")
    return render(request, "schools/manage_school.html", {"form": form, "school": school})


@require_POST
def manage_add_name(request: HttpRequest, kind: str) -> HttpResponse:
    """Add an organisation or a municipality, from the schools page."""
    require_role(request.user, Role.ADMIN)
    add = {"organisation": workflow.add_organisation, "municipality": workflow.add_municipality}
    form = NameForm(request.POST, prefix=kind)
    if form.is_valid():
        with refusal_as_message(request):
            add[kind](by=request.user, name=form.cleaned_data["name"].strip())
            messages.success(request, _("Added."))
    else:
        messages.error(request, _("Enter a name of at most 200 characters."))
    return redirect("schools:manage")


def manage_assignments(request: HttpRequest) -> HttpResponse:
    """Who is seconded where in a school year, with the contracted hours."""
    require_role(request.user, Role.ADMIN)
    data = request.GET.copy()
    data.setdefault("school_year", str(SchoolYear.current().pk))
    filters = understood(request, AssignmentFilterForm(data))
    year = filters.get("school_year") or SchoolYear.current()
    assignments = Assignment.objects.filter(school_year=year).select_related(
        "worker", "school", "school_year"
    )
    return render(
        request,
        "schools/manage_assignments.html",
        {
            "assignments": assignments,
            "year": year,
            "filter_form": AssignmentFilterForm(initial={"school_year": year.pk}),
        },
    )


def manage_assignment(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_role(request.user, Role.ADMIN)
    assignment = get_object_or_404(Assignment, pk=pk) if pk is not None else None
    initial = {}
    if assignment:
        initial = {
            "worker": assignment.worker_id,
            "school": assignment.school_id,
            "school_year": assignment.school_year_id,
            "contracted_hours": assignment.contracted_hours,
            "funding_source": assignment.funding_source,
        }
    elif request.GET.get("school", "").isdigit():  # from the start page: "school without …"
        initial = {"school": int(request.GET["school"])}
    form = AssignmentForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            saved = workflow.save_assignment(assignment, by=request.user, **form.cleaned_data)
            messages.success(request, _("The assignment is saved."))
            return redirect(
                f"{reverse('schools:manage_assignments')}?school_year={saved.school_year_id}"
            )
    return render(
        request, "schools/manage_assignment.html", {"form": form, "assignment": assignment}
    )


@require_POST
def manage_assignment_end(request: HttpRequest, pk: int) -> HttpResponse:
    require_role(request.user, Role.ADMIN)
    assignment = get_object_or_404(Assignment, pk=pk)
    year = assignment.school_year_id
    with refusal_as_message(request):
        workflow.end_assignment(assignment, by=request.user)
        messages.success(request, _("The assignment is removed."))
    return redirect(f"{reverse('schools:manage_assignments')}?school_year={year}")
