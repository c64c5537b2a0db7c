"""ZAT pages: access → form or workflow call → response."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.log import Action
from schools.access import coordinated_schools
from smw.errors import refusal_to
from smw.pdf import render_pdf

from . import access, workflow
from .forms import ActionForm, AdviceForm, AttendeeForm, BackToMeetingForm, ItemForm, MeetingForm


def meeting_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not access.takes_part_in_zat(user):
        raise Http404
    now = timezone.now()
    base = (
        access.visible_meetings(user)
        .select_related("school", "chair")
        .annotate(item_count=Count("items"))
    )
    upcoming = list(base.filter(starts_at__gte=now).order_by("starts_at"))
    past = Paginator(base.filter(starts_at__lt=now).order_by("-starts_at"), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "zat/meeting_list.html",
        {
            "upcoming": upcoming,
            "page": past,
            "can_plan": access.can_plan_meetings(user),
            "query": "",
        },
    )


def meeting_new(request: HttpRequest) -> HttpResponse:
    schools = coordinated_schools(request.user)
    if not schools.exists():
        raise Http404
    form = MeetingForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            meeting = workflow.plan_meeting(
                school=form.cleaned_data["school"],
                by=request.user,
                starts_at=form.starts_at(),
                place=form.cleaned_data["place"],
            )
            messages.success(request, _("The ZAT meeting is planned."))
            return redirect("zat:detail", meeting.pk)
    return render(request, "zat/meeting_form.html", {"form": form})


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk)
    items = access.meeting_items(meeting)
    return render(
        request,
        "zat/meeting_detail.html",
        {
            "meeting": meeting,
            "attendees": meeting.attendees.select_related("user"),
            "items": items,
            "carried_over": list(workflow.open_actions_before(meeting)),
            "runs": access.runs_meetings_at(request.user, meeting.school),
            "today": timezone.localdate(),
        },
    )


def attendee_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk, manage=True)
    form = AttendeeForm(request.POST or None, users=access.possible_attendees(meeting))
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            workflow.add_attendee(meeting, by=request.user, **form.cleaned_data)
            messages.success(request, _("The attendee is added."))
            return redirect("zat:detail", meeting.pk)
    return render(
        request,
        "zat/simple_form.html",
        {"meeting": meeting, "form": form, "title": _("Add an attendee")},
    )


def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk)
    cases = workflow.cases_for_agenda(request.user, meeting).select_related("caseworker")
    consented = workflow.pupils_with_zat_consent(cases, meeting.day)
    form = ItemForm(request.POST or None, cases=cases, consented=consented)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            workflow.add_item(meeting, by=request.user, **form.cleaned_data)
            messages.success(request, _("The item is on the agenda."))
            return redirect("zat:detail", meeting.pk)
    listed = sorted(cases, key=lambda c: (c.pupil.last_name, c.pupil.first_name))
    return render(
        request,
        "zat/item_form.html",
        {
            "meeting": meeting,
            "form": form,
            "title": _("Add an agenda item"),
            "with_consent": [c for c in listed if c.pupil_id in consented],
            "without_consent": [c for c in listed if c.pupil_id not in consented],
        },
    )


def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the discussion and advice of an item, and add action points."""
    item = access.get_item_for_user(request.user, pk)
    meeting = item.meeting
    advice_form = AdviceForm(
        request.POST if "advice" in request.POST else None,
        initial={"discussion": item.discussion, "advice": item.advice},
    )
    action_form = ActionForm(
        request.POST if "description" in request.POST else None, meeting=meeting
    )
    if request.method == "POST":
        if "advice" in request.POST and advice_form.is_valid():
            with refusal_to(advice_form):
                workflow.record_advice(item, by=request.user, **advice_form.cleaned_data)
                messages.success(request, _("The advice is saved."))
                return redirect("zat:detail", meeting.pk)
        if "description" in request.POST and action_form.is_valid():
            data = action_form.cleaned_data
            owner_user, owner_guest = data["owner"]
            with refusal_to(action_form):
                workflow.add_action(
                    item,
                    by=request.user,
                    description=data["description"],
                    due_on=data["due_on"],
                    owner_user=owner_user,
                    owner_guest=owner_guest,
                )
                messages.success(request, _("The action point is added."))
                return redirect("zat:item", item.pk)
    return render(
        request,
        "zat/item_edit.html",
        {
            "item": item,
            "meeting": meeting,
            "show_name": workflow.shows_name(item),
            "advice_form": advice_form,
            "can_record_advice": access.can_record_advice(request.user, item),
            "action_form": action_form,
            "actions": item.actions.select_related("owner_user", "owner_guest"),
        },
    )


@require_POST
def action_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    action = access.get_action_for_user(request.user, pk)
    if action.done:
        workflow.reopen_action(action, by=request.user)
    else:
        workflow.complete_action(action, by=request.user)
    # Back to the meeting where the action was ticked off (it may be a later one).
    form = BackToMeetingForm(request.POST, meetings=access.visible_meetings(request.user))
    back = form.understood_data().get("meeting")
    return redirect("zat:detail", back.pk if back else action.item.meeting_id)


def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes as a PDF, made from the same data: names only for consented items."""
    meeting = access.get_meeting_for_user(request.user, pk)
    items = access.meeting_items(meeting, action=Action.PRINT)
    pdf = render_pdf(
        "zat/minutes_pdf.html",
        {
            "meeting": meeting,
            "attendees": meeting.attendees.all(),
            "items": items,
            "carried_over": list(workflow.open_actions_before(meeting)),
            "made_at": timezone.localtime(),
        },
    )
    filename = f"ZAT-{meeting.school.brin}-{meeting.starts_at:%Y-%m-%d}.pdf"
    return HttpResponse(
        pdf,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
