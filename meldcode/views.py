"""Meldcode pages: access → form or workflow call → response."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.access import get_dossier_for_user
from smw.errors import refusal_as_message, refusal_to
from smw.forms import posted_data, understood
from smw.pdf import render_pdf

from . import access, workflow
from .deadlines import deadlines_of
from .forms import (
    AnswerForm,
    ConsultationForm,
    ConversationForm,
    FeedbackForm,
    HelpForm,
    MeldingForm,
    SignalsForm,
    TrajectoryFilterForm,
)
from .models import Trajectory


def trajectory_list(request: HttpRequest) -> HttpResponse:
    """The worker's and the aandachtsfunctionaris's trajectories, open first, with what each
    waits for; the aandachtsfunctionaris's start page."""
    if not access.can_see_meldcode(request.user):
        raise Http404
    today = timezone.localdate()
    form = TrajectoryFilterForm(request.GET or None)
    trajectories = access.shown_trajectories(request.user).order_by("step", "-started_at")
    step = understood(request, form).get("step")
    if step:
        trajectories = trajectories.filter(step=step)
    trajectories = list(trajectories)
    step_days = {}
    for trajectory in trajectories:
        days = step_days.setdefault(
            trajectory.organisation_id, access.step_working_days(trajectory.organisation_id)
        )
        trajectory.deadlines = deadlines_of(trajectory, today=today, step_days=days)
    return render(
        request,
        "meldcode/list.html",
        {
            "form": form,
            "open": [t for t in trajectories if t.is_open],
            "closed": [t for t in trajectories if not t.is_open],
        },
    )


@require_POST
def start(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_dossier_for_user(request.user, case_pk)
    with refusal_as_message(request):
        trajectory = workflow.start(case, by=request.user)
        messages.success(request, _("The meldcode trajectory is started."))
        return redirect("meldcode:detail", trajectory.pk)
    return redirect("cases:detail", case.pk)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The trajectory: every step as recorded, what comes next and its due date."""
    user = request.user
    trajectory = access.get_trajectory_for_user(user, pk)
    is_manager = workflow.is_case_manager(user, trajectory)
    deadlines = deadlines_of(
        trajectory,
        today=timezone.localdate(),
        step_days=access.step_working_days(trajectory.organisation_id),
    )
    return render(
        request,
        "meldcode/detail.html",
        _detail_context(user, trajectory)
        | {
            "is_manager": is_manager,
            "can_consult": trajectory.is_open
            and trajectory.step >= Trajectory.Step.CONSULTATION
            and (is_manager or workflow.safeguards(user, trajectory)),
            "next_question": workflow.next_question(trajectory),
            "missing_for_conversation": workflow.missing_for_conversation(trajectory)
            if trajectory.step == Trajectory.Step.CONSULTATION
            else [],
            "deadlines": deadlines,
        },
    )


def _detail_context(user, trajectory: Trajectory) -> dict:
    return {
        "trajectory": trajectory,
        "case": trajectory.case,
        "Step": Trajectory.Step,
        "consultations": trajectory.consultations.select_related("by"),
        "answers": trajectory.answers.select_related("by"),
        "result": workflow.result_of(trajectory),
        "must_report": workflow.must_report(trajectory),
    }


def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The trajectory as a PDF (verslaglegging) for Veilig Thuis or the inspectorate, made from
    the same data; logged as an export."""
    trajectory = access.get_trajectory_for_user(request.user, pk, export=True)
    document = render_pdf(
        "meldcode/trajectory_pdf.html",
        _detail_context(request.user, trajectory) | {"made_at": timezone.localtime()},
    )
    filename = f"meldcode-{trajectory.case.number}-{trajectory.pk}.pdf"
    return HttpResponse(
        document,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def _step_page(request, pk, form_class, action, *, title, submit, form_kwargs=None):
    trajectory = access.get_trajectory_for_user(request.user, pk, write=True)
    form = form_class(posted_data(request), **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            action(trajectory, by=request.user, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("meldcode:detail", trajectory.pk)
    return render(
        request,
        "meldcode/form.html",
        {
            "trajectory": trajectory,
            "case": trajectory.case,
            "form": form,
            "title": title,
            "submit": submit,
        },
    )


def signals(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_page(
        request,
        pk,
        SignalsForm,
        workflow.record_signals,
        title=Trajectory.Step.SIGNALS.label,
        submit=_("Save and go to step 2"),
    )


def conversation(request: HttpRequest, pk: int) -> HttpResponse:
    def record(trajectory, *, by, **data):
        return workflow.record_conversation(trajectory, by=by, **data)

    return _step_page(
        request,
        pk,
        ConversationForm,
        record,
        title=Trajectory.Step.CONVERSATION.label,
        submit=_("Save and go to step 4"),
    )


def melding(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_page(
        request,
        pk,
        MeldingForm,
        workflow.record_melding,
        title=_("Melding to Veilig Thuis"),
        submit=_("Record the melding"),
    )


def help_organised(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_page(
        request,
        pk,
        HelpForm,
        workflow.record_help,
        title=_("Help organised"),
        submit=_("Record the help"),
    )


def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    return _step_page(
        request,
        pk,
        FeedbackForm,
        workflow.record_feedback,
        title=_("Feedback from Veilig Thuis"),
        submit=_("Record the feedback"),
    )


def weigh(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 4: the afwegingskader's next question, one at a time."""
    trajectory = access.get_trajectory_for_user(request.user, pk, write=True)
    question = workflow.next_question(trajectory)
    if question is None:
        messages.error(request, _("The afwegingskader asks no question now."))
        return redirect("meldcode:detail", trajectory.pk)
    return _step_page(
        request,
        pk,
        AnswerForm,
        workflow.answer,
        title=Trajectory.Step.WEIGHING.label,
        submit=_("Save the answer"),
        form_kwargs={"question": question},
    )


def consultation_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 2: a consultation, by the case manager or the aandachtsfunctionaris."""
    trajectory = access.get_trajectory_for_consultation(request.user, pk)
    officer = workflow.safeguards(request.user, trajectory)
    form = ConsultationForm(posted_data(request), officer=officer)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            workflow.add_consultation(trajectory, by=request.user, **form.cleaned_data)
            messages.success(request, _("The consultation is recorded."))
            return redirect("meldcode:detail", trajectory.pk)
    return render(
        request,
        "meldcode/form.html",
        {
            "trajectory": trajectory,
            "case": trajectory.case,
            "form": form,
            "title": Trajectory.Step.CONSULTATION.label,
            "submit": _("Record the consultation"),
            "acute": trajectory.acute,
        },
    )


@require_POST
def finish_consultation(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = access.get_trajectory_for_user(request.user, pk, write=True)
    with refusal_as_message(request):
        workflow.finish_consultation(trajectory, by=request.user)
        messages.success(request, _("Step 2 is finished."))
    return redirect("meldcode:detail", trajectory.pk)


@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = access.get_trajectory_for_user(request.user, pk, write=True)
    with refusal_as_message(request):
        workflow.close_after_melding(trajectory, by=request.user)
        messages.success(request, _("The meldcode trajectory is closed."))
    return redirect("meldcode:detail", trajectory.pk)
