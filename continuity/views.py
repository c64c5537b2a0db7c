"""Continuity pages: a leaver's handover and next year's assignments (team leader), deadlines
in the summer holiday (worker), a pupil who moves and the reason to go on past the norm (case
manager). Access first (continuity.access, cases.access), then the workflow function."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.access import team_workers
from cases import access as case_access
from cases.norm import record_continuation
from smw.errors import refusal_as_message, refusal_to
from smw.forms import posted_data

from . import leavers, moves, school_year
from .access import require_teamlead, require_worker, team_member
from .forms import HandoverForm, MoveDeadlinesForm, MoveForm, NormReasonForm


def leaver(request: HttpRequest, worker_pk: int) -> HttpResponse:
    """A worker leaves: what they own (case numbers, schools, stages; no pupil), and new owners
    for it, one by one or all to one colleague."""
    worker = team_member(request.user, worker_pk)
    owned = leavers.owned_by(worker)
    colleagues = team_workers(request.user).exclude(pk=worker.pk)
    form = HandoverForm(posted_data(request), owned=owned, colleagues=colleagues)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            done = leavers.hand_over(
                worker, by=request.user, owners=form.owners(), reason=form.cleaned_data["reason"]
            )
            messages.success(
                request,
                ngettext("%(count)d item handed over.", "%(count)d items handed over.", done)
                % {"count": done},
            )
            return redirect("continuity:leaver", worker.pk)
    return render(
        request,
        "continuity/leaver.html",
        {"worker": worker, "owned": owned, "form": form},
    )


def next_year(request: HttpRequest) -> HttpResponse:
    """The team's assignments of the coming school year: copy this year's, adjust the hours."""
    require_teamlead(request.user)
    year = school_year.next_school_year()
    if request.method == "POST":
        with refusal_as_message(request):
            if request.POST.get("action") == "copy":
                made = school_year.copy_assignments(by=request.user, to_year=year)
                messages.success(
                    request,
                    ngettext("%(count)d assignment copied.", "%(count)d assignments copied.", made)
                    % {"count": made},
                )
            else:
                hours, remove = {}, set()
                for key, value in request.POST.items():
                    if key.startswith("hours-") and key[6:].isdigit():
                        hours[int(key[6:])] = value
                for value in request.POST.getlist("remove"):
                    if value.isdigit():
                        remove.add(int(value))
                school_year.adjust_assignments(
                    by=request.user, year=year, hours=hours, remove=remove
                )
                messages.success(request, _("Saved."))
        return redirect("continuity:next_year")
    return render(
        request,
        "continuity/next_year.html",
        {
            "year": year,
            "assignments": list(school_year.team_assignments(request.user, year)),
            "current": list(
                school_year.team_assignments(request.user, school_year.SchoolYear.current())
            ),
            "needing": school_year.cases_needing_new_manager(request.user),
        },
    )


def summer(request: HttpRequest) -> HttpResponse:
    """The worker's deadlines in the summer holiday of their schools' regions; moved at once."""
    require_worker(request.user)
    form = MoveDeadlinesForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            moved = school_year.move_summer_deadlines(request.user, to=form.cleaned_data["to"])
            messages.success(
                request,
                ngettext("%(count)d deadline moved.", "%(count)d deadlines moved.", moved)
                % {"count": moved},
            )
            return redirect("continuity:summer")
    return render(
        request,
        "continuity/summer.html",
        {"deadlines": school_year.summer_deadlines(request.user), "form": form},
    )


def move(request: HttpRequest, pk: int) -> HttpResponse:
    """The pupil moves school: within the organisation the case goes along; outside it the case
    closes with the reason "verhuisd/van school"."""
    case = case_access.get_dossier_for_user(request.user, pk, write=True)
    organisations = request.user.memberships.filter(role="worker").values("organisation")
    schools = moves.move_schools(request.user, case)
    workers = team_workers_at(schools, organisations)
    form = MoveForm(posted_data(request), schools=schools, workers=workers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal_to(form):
            if data["where"] == MoveForm.WITHIN:
                done = moves.move_within(
                    case,
                    by=request.user,
                    to_school=data["to_school"],
                    moved_on=data["moved_on"],
                    to_worker=data["to_worker"],
                )
                messages.success(
                    request,
                    _("The case moved to %(school)s.") % {"school": done.to_school},
                )
                if done.to_worker_id == request.user.pk:
                    return redirect("cases:detail", case.pk)
                return redirect("cases:caseload")
            moves.move_outside(
                case, by=request.user, moved_on=data["moved_on"], outcome=data["outcome"]
            )
            messages.success(request, _("The case is closed: moved / left the school."))
            return redirect("cases:detail", case.pk)
    return render(
        request,
        "continuity/move.html",
        {"case": case, "form": form, "export_url": moves.handover_export_url(case)},
    )


def team_workers_at(schools, organisations):
    from accounts.models import User
    from schools.models import SchoolYear

    return (
        User.objects.filter(
            is_active=True,
            memberships__role="worker",
            memberships__organisation__in=organisations,
            assignments__school__in=schools.values("pk"),
            assignments__school_year__start_year=SchoolYear.start_year_for_today(),
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


@require_POST
def norm_reason(request: HttpRequest, pk: int) -> HttpResponse:
    """The case manager records why short-term help goes on past the norm."""
    case = case_access.get_dossier_for_user(request.user, pk, write=True)
    form = NormReasonForm(request.POST)
    if form.is_valid():
        with refusal_as_message(request):
            record_continuation(case, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The reason to go on is recorded."))
    else:
        messages.error(request, _("Write down why the help goes on."))
    return redirect("cases:detail", case.pk)
