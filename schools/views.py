from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import require_role
from accounts.models import Role

from . import access
from .models import School, SchoolYear


def mine(request: HttpRequest) -> HttpResponse:
    """Worker start page: the schools I am seconded to this school year, with my hours."""
    require_role(request.user, Role.WORKER)
    assignments = list(access.my_assignments(request.user))
    return render(
        request,
        "schools/mine.html",
        {
            "assignments": assignments,
            "total_hours": sum((a.contracted_hours for a in assignments), Decimal(0)),
            "school_year": SchoolYear.current(),
        },
    )


def coordinator(request: HttpRequest) -> HttpResponse:
    """Coordinator start page: my school(s) and the SMW workers seconded there this year."""
    require_role(request.user, Role.COORDINATOR)
    schools = [
        (school, list(access.school_assignments(school)))
        for school in access.coordinated_schools(request.user).select_related("municipality")
    ]
    return render(
        request,
        "schools/coordinator.html",
        {"schools": schools, "school_year": SchoolYear.current()},
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
