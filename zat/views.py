"""ZAT pages: access → form or workflow call → response."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role, User
from audit.log import Action, record_access, record_access_many
from cases.workflow import TransitionRefused
from smw.pdf import render_pdf

from . import access, workflow
from .forms import ActionForm, AdviceForm, AttendeeForm, ItemForm, MeetingForm
from .models import ActionPoint, AgendaItem, Meeting


def meeting_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (user.has_role(Role.WORKER) or user.has_role(Role.COORDINATOR)):
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
            "can_plan": user.has_role(Role.COORDINATOR),
            "query": "",
        },
    )


def meeting_new(request: HttpRequest) -> HttpResponse:
    from schools.access import coordinated_schools

    schools = coordinated_schools(request.user)
    if not schools.exists():
        raise Http404
    form = MeetingForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = workflow.plan_meeting(
                school=form.cleaned_data["school"],
                by=request.user,
                starts_at=form.starts_at(),
                place=form.cleaned_data["place"],
            )
        except TransitionRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The ZAT meeting is planned."))
            return redirect("zat:detail", meeting.pk)
    return render(request, "zat/meeting_form.html", {"form": form})


def _items(meeting: Meeting):
    return meeting.items.select_related("case__pupil", "consent", "added_by").prefetch_related(
        Prefetch(
            "actions",
            queryset=ActionPoint.objects.select_related("owner_user", "owner_guest"),
        )
    )


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk)
    items = list(_items(meeting))
    for item in items:
        item.show_name = workflow.shows_name(item)
    named = [item.case.pupil_id for item in items if item.show_name]
    if named:
        record_access_many(
            request, Action.VIEW, obj=meeting, pupil_ids=named, description="ZAT meeting"
        )
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
    users = (
        User.objects.filter(is_active=True, memberships__role__in=[Role.WORKER, Role.COORDINATOR])
        .filter(
            pk__in=list(meeting.school.assignments.current().values_list("worker", flat=True))
            + list(meeting.school.memberships.values_list("user", flat=True))
        )
        .distinct()
    )
    form = AttendeeForm(request.POST or None, users=users)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.add_attendee(meeting, by=request.user, **form.cleaned_data)
        except TransitionRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The attendee is added."))
            return redirect("zat:detail", meeting.pk)
    return render(
        request,
        "zat/simple_form.html",
        {"meeting": meeting, "form": form, "title": _("Add an attendee")},
    )


def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk)
    form = ItemForm(request.POST or None, cases=workflow.cases_for_agenda(request.user, meeting))
    if request.method == "POST" and form.is_valid():
        try:
            item = workflow.add_item(meeting, by=request.user, **form.cleaned_data)
        except TransitionRefused as exc:
            form.add_error(None, str(exc))
        else:
            if item.case_id:
                record_access(
                    request,
                    Action.CHANGE,
                    obj=item.case,
                    pupil_id=item.case.pupil_id,
                    description="ZAT agenda",
                )
            messages.success(request, _("The item is on the agenda."))
            return redirect("zat:detail", meeting.pk)
    return render(
        request,
        "zat/simple_form.html",
        {"meeting": meeting, "form": form, "title": _("Add an agenda item")},
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
            workflow.record_advice(item, by=request.user, **advice_form.cleaned_data)
            messages.success(request, _("The advice is saved."))
            return redirect("zat:detail", meeting.pk)
        if "description" in request.POST and action_form.is_valid():
            data = action_form.cleaned_data
            kind, _sep, ident = data["owner"].partition("-")
            owner_user = owner_guest = None
            if kind == "user":
                owner_user = User.objects.filter(pk=ident).first()
            else:
                owner_guest = meeting.attendees.filter(pk=ident).first()
            try:
                workflow.add_action(
                    item,
                    by=request.user,
                    description=data["description"],
                    due_on=data["due_on"],
                    owner_user=owner_user,
                    owner_guest=owner_guest,
                )
            except TransitionRefused as exc:
                action_form.add_error(None, str(exc))
            else:
                messages.success(request, _("The action point is added."))
                return redirect("zat:item", item.pk)
    if workflow.shows_name(item):
        record_access(
            request, Action.VIEW, obj=item.case, pupil_id=item.case.pupil_id, description="ZAT item"
        )
    return render(
        request,
        "zat/item_edit.html",
        {
            "item": item,
            "meeting": meeting,
            "show_name": workflow.shows_name(item),
            "advice_form": advice_form,
            "action_form": action_form,
            "actions": item.actions.select_related("owner_user", "owner_guest"),
        },
    )


@require_POST
def action_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    action = ActionPoint.objects.select_related("item").filter(pk=pk).first()
    if action is None:
        raise Http404
    access.get_item_for_user(request.user, action.item_id)
    if action.done:
        workflow.reopen_action(action, by=request.user)
    else:
        workflow.complete_action(action, by=request.user)
    # Back to the meeting where the action was ticked off (it may be a later one).
    back = request.POST.get("meeting", "")
    if back.isdigit() and access.visible_meetings(request.user).filter(pk=back).exists():
        return redirect("zat:detail", int(back))
    return redirect("zat:detail", action.item.meeting_id)


def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes as a PDF, made from the same data: names only for consented items."""
    meeting = access.get_meeting_for_user(request.user, pk)
    items = list(_items(meeting))
    for item in items:
        item.show_name = workflow.shows_name(item)
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
    named = [item.case.pupil_id for item in items if item.show_name]
    if named:
        record_access_many(
            request, Action.EXPORT, obj=meeting, pupil_ids=named, description="ZAT minutes"
        )
    else:
        record_access(request, Action.EXPORT, obj=meeting, description="ZAT minutes")
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"ZAT-{meeting.school.brin}-{meeting.starts_at:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def case_history(case) -> list[AgendaItem]:
    """The ZAT items of a case, for its case page."""
    return list(
        AgendaItem.objects.filter(case=case)
        .select_related("meeting")
        .order_by("-meeting__starts_at")
    )
