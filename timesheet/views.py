"""Time registration pages of a worker: access → form or workflow call → response."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.access import require_role
from accounts.models import Role
from schools.access import assigned_schools
from smw.errors import refusal_as_message, refusal_to
from smw.forms import posted_data, understood

from . import access, workflow
from .forms import SchoolInLinkForm, TimeEntryForm, WeekForm
from .models import TimeEntry
from .week import iso_week, week_overview, week_start_of


def _week_url(school_id: int, day: datetime.date) -> str:
    query = urlencode({"school": school_id, "week": iso_week(day)})
    return f"{reverse('timesheet:week')}?{query}"


def week(request: HttpRequest) -> HttpResponse:
    """One week at one school: hours by day and activity against the contracted hours."""
    require_role(request.user, Role.WORKER)
    schools = assigned_schools(request.user).order_by("name")
    if not schools.exists():
        return render(request, "timesheet/week.html", {"no_assignment": True})
    today = timezone.localdate()
    # Always bound: a school or week missing from the link is this week at the first school.
    shown = {"school": schools.first().pk, "week": iso_week(today)} | request.GET.dict()
    form = WeekForm(shown, schools=schools)
    context = {"form": form, "no_assignment": False, "new_url": reverse("timesheet:entry_new")}
    if form.is_valid():
        school, monday = form.cleaned_data["school"], form.cleaned_data["week"]
        overview = week_overview(request.user, school, monday)
        context |= {
            "overview": overview,
            "week_label": iso_week(monday),
            "previous_url": _week_url(school.pk, monday - datetime.timedelta(days=7)),
            "next_url": _week_url(school.pk, monday + datetime.timedelta(days=7)),
            "is_current_week": monday == week_start_of(today),
            "current_url": _week_url(school.pk, today),
            "new_url": f"{reverse('timesheet:entry_new')}?{urlencode({'school': school.pk})}",
            "editable_since": workflow.editable_since(today),
        }
    return render(request, "timesheet/week.html", context)


def entry_new(request: HttpRequest) -> HttpResponse:
    require_role(request.user, Role.WORKER)
    schools = assigned_schools(request.user).order_by("name")
    link = SchoolInLinkForm(request.GET if request.method == "GET" else None, schools=schools)
    school = understood(request, link).get("school")
    form = TimeEntryForm(
        posted_data(request),
        schools=schools,
        cases=access.loggable_cases(request.user),
        initial={"school": school} if school else None,
    )
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            entry = workflow.log_time(request.user, **form.cleaned_data)
            messages.success(request, _("The time is registered."))
            return redirect(_week_url(entry.school_id, entry.on))
    return render(
        request,
        "timesheet/entry_form.html",
        {
            "form": form,
            "entry": None,
            "back": reverse("timesheet:week"),
            "no_assignment": not schools.exists(),
        },
    )


def _refuse_old(request: HttpRequest, entry: TimeEntry) -> HttpResponse:
    messages.error(
        request,
        _("This entry is older than the previous month and can no longer be changed."),
    )
    return redirect(_week_url(entry.school_id, entry.on))


def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_role(request.user, Role.WORKER)
    entry = access.get_entry_for_worker(request.user, pk)
    if not workflow.is_editable(entry):
        return _refuse_old(request, entry)
    back = _week_url(entry.school_id, entry.on)
    form = TimeEntryForm(
        posted_data(request),
        instance=entry,
        schools=assigned_schools(request.user).order_by("name"),
        cases=access.loggable_cases(request.user),
    )
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            entry = workflow.update_time(entry, request.user, **form.cleaned_data)
            messages.success(request, _("The time entry is changed."))
            return redirect(_week_url(entry.school_id, entry.on))
    return render(
        request,
        "timesheet/entry_form.html",
        {"form": form, "entry": entry, "back": back, "no_assignment": False},
    )


@require_http_methods(["GET", "POST"])
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes."""
    require_role(request.user, Role.WORKER)
    entry = access.get_entry_for_worker(request.user, pk)
    if not workflow.is_editable(entry):
        return _refuse_old(request, entry)
    back = _week_url(entry.school_id, entry.on)
    if request.method == "POST":
        with refusal_as_message(request):
            workflow.delete_time(entry, request.user)
            messages.success(request, _("The time entry is deleted."))
        return redirect(back)
    return render(request, "timesheet/entry_confirm_delete.html", {"entry": entry, "back": back})
