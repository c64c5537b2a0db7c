"""Case pages: access → form or workflow call → response."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F, Max, OuterRef, Prefetch, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.access import require_role, team_workers
from accounts.models import Role
from schools.access import assigned_schools, coordinated_schools
from smw.errors import Refused, refusal_as_message, refusal_to
from smw.forms import posted_data, understood

from . import access, workflow
from .emergency import open_emergency_access
from .forms import (
    CaseFilterForm,
    CloseForm,
    ConsultationForm,
    ContactForm,
    EmergencyForm,
    EvaluationForm,
    GoalForm,
    GoalFormSet,
    GroupForm,
    GroupSessionForm,
    GuardianForm,
    IntakeForm,
    PlanForm,
    ReasonForm,
    ReassignForm,
    SearchForm,
    SignalForm,
    StandInForm,
)
from .models import Case, CaseEvent, Contact, Evaluation, GoalResult, Intake, Plan, Pupil
from .search import likely_duplicates, search_pupils
from .stand_ins import delete_stand_in, end_stand_in, record_stand_in
from .workflow import ConflictError

PAGE_SIZE = 25


def _with_overview_columns(cases):
    """Last contact and next evaluation as subqueries: one query whatever the caseload."""
    last_contact = (
        Contact.objects.filter(case=OuterRef("pk")).order_by("-held_on").values("held_on")[:1]
    )
    return cases.select_related("pupil", "school", "caseworker").annotate(
        last_contact_on=Subquery(last_contact),
        next_evaluation=Subquery(
            Plan.objects.filter(case=OuterRef("pk")).values("evaluation_on")[:1]
        ),
    )


def _filter_and_sort(request, cases, *, schools, stages=None):
    form = CaseFilterForm(request.GET or None, schools=schools, stages=stages)
    data = understood(request, form)
    if data.get("school"):
        cases = cases.filter(school=data["school"])
    if data.get("stage"):
        cases = cases.filter(stage=data["stage"])
    if data.get("category"):
        cases = cases.filter(categories__contains=[data["category"]])
    if data.get("q"):
        cases = cases.filter(pupil__in=search_pupils(Pupil.objects.all(), data["q"]))
    sort = data.get("sort") or "-last_activity_at"
    if sort == "next_evaluation":
        cases = cases.order_by(F("next_evaluation").asc(nulls_last=True), "pk")
    else:
        cases = cases.order_by(sort, "pk")
    return form, cases


def _plan_with_results(case: Case) -> Plan | None:
    """The case's plan with its goals and every evaluation's results, in three queries."""
    return (
        Plan.objects.filter(case=case)
        .prefetch_related(
            "goals",
            Prefetch(
                "evaluations",
                queryset=Evaluation.objects.prefetch_related(
                    Prefetch("results", queryset=GoalResult.objects.select_related("goal"))
                ),
            ),
        )
        .first()
    )


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- Worker ----------------------------------------------------------------------------------


def caseload(request: HttpRequest) -> HttpResponse:
    """Mijn caseload: open cases with filters, sorting and pagination; new signals to take on."""
    require_role(request.user, Role.WORKER)
    schools = assigned_schools(request.user)
    cases = _with_overview_columns(access.caseload(request.user))
    form, cases = _filter_and_sort(request, cases, schools=schools)
    page = _page(request, cases)
    signals = list(access.new_signals(request.user).select_related("pupil", "school"))
    emergency_openings = access.emergency_openings_of_my_cases(request.user)
    return render(
        request,
        "cases/caseload.html",
        {
            "page": page,
            "form": form,
            "signals": signals,
            "today": timezone.localdate(),
            "query": _query_without_page(request),
            "emergency_openings": emergency_openings,
        },
    )


def signal_new(request: HttpRequest) -> HttpResponse:
    """Register a signal (aanmelding): find or add the pupil, then what was noticed."""
    schools = access.signal_schools(request.user)
    if not schools.exists():
        raise Http404
    form = SignalForm(request.POST or None, schools=schools)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            try:
                case = workflow.register_signal(by=request.user, **form.cleaned_data)
            except workflow.LikelyDuplicates as exc:
                duplicates = access.possible_duplicates(exc.pupils)
                form.add_error(
                    None,
                    _(
                        "This pupil may already be registered. Choose the pupil below, or tick "
                        "that this is a different pupil."
                    ),
                )
            except workflow.OpenCaseExists as exc:
                form.add_error(None, _open_case_refusal(request, exc))
            else:
                messages.success(
                    request,
                    _("The signal for %(name)s is registered.") % {"name": case.pupil.full_name},
                )
                if case.caseworker_id == request.user.pk:
                    return redirect("cases:detail", case.pk)
                return redirect("cases:school")
    return render(request, "cases/signal_form.html", {"form": form, "duplicates": duplicates})


def _open_case_refusal(request: HttpRequest, exc: workflow.OpenCaseExists) -> str:
    """The refusal, with a link to the open case for those who may see it (a read of that
    case, so logged); for others the message alone, which tells no more than the pupil they
    chose."""
    if not access.may_link_to(request.user, exc.case):
        return str(exc)
    url = reverse("cases:detail", args=[exc.case.pk])
    return format_html('{} <a href="{}">{}</a>', str(exc), url, _("Open the case"))


def pupil_matches(request: HttpRequest) -> HttpResponse:
    """htmx: likely duplicates while the name and date of birth are typed."""
    schools = access.signal_schools(request.user)
    if not schools.exists():
        raise Http404
    form = SignalForm(request.GET, schools=schools)
    form.is_valid()
    data = form.cleaned_data
    duplicates = []
    if data.get("school") and data.get("first_name") and data.get("last_name"):
        duplicates = access.possible_duplicates(
            likely_duplicates(
                data["school"].pk, data["first_name"], data["last_name"], data.get("date_of_birth")
            )
        )
    return render(request, "cases/_pupil_matches.html", {"duplicates": duplicates})


@require_POST
def take_on(request: HttpRequest, pk: int) -> HttpResponse:
    """Take on a signal and start its intake: the intake form is the next page."""
    case = access.get_dossier_for_user(request.user, pk)
    with refusal_as_message(request):
        workflow.take_on_and_start_intake(case, by=request.user)
        messages.success(
            request, _("You are now the case manager. The intake has started: fill it in below.")
        )
        return redirect("cases:intake", case.pk)
    return redirect("cases:detail", case.pk)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The dossier: pupil, guardians, signal, intake, plan, contacts and the timeline."""
    user = request.user
    case, level = access.get_case_for_user(user, pk)
    if level is access.Level.PROGRESS:
        return redirect("cases:progress", case.pk)
    plan = _plan_with_results(case)
    contacts = list(access.contacts_for(user, case))
    for contact in contacts:
        contact.show_work_note = access.can_read_work_note(user, contact)
    events = case.events.select_related("by")[:200]
    is_manager = level is access.Level.FULL
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "level": level,
            "is_manager": is_manager,
            "guardians": case.pupil.guardians.all(),
            "intake": Intake.objects.filter(case=case).first(),
            "plan": plan,
            "contacts": contacts,
            "events": events,
            "transitions": workflow.allowed_transitions(case, user),
            "next_step": workflow.next_step(case, user),
            "next_link": _next_link(case, user, plan),
            "referral_new_url": reverse("referrals:referral_new", args=[case.pk]),
            "can_close": workflow.can_close(case, user),
            "can_take_on": access.can_take_on(user, case),
            "minutes_total": sum(c.minutes for c in contacts),
            "consents": case.pupil.consents.select_related("party").prefetch_related(
                "by_guardians"
            ),
            "referrals": case.referrals.select_related("destination"),
            "zat_items": case.zat_items.select_related("meeting").order_by("-meeting__starts_at"),
            "today": timezone.localdate(),
            "emergency": access.active_emergency_access(user, case) if not is_manager else None,
            "emergency_openings": (
                case.emergency_accesses.select_related("user")[:20] if is_manager else []
            ),
        },
    )


def _next_link(case: Case, user, plan: Plan | None) -> dict | None:
    """The case manager's next step where it is a page rather than a stage: in short-term help
    the evaluation once its date has come, else a contact; when referred, the referral until
    help has started there, then closing."""
    if not workflow.is_case_manager(user, case) or not case.is_open:
        return None
    today = timezone.localdate()
    if case.stage == Case.Stage.HELP:
        evaluations = list(plan.evaluations.all()) if plan else []
        due = plan and plan.evaluation_on and plan.evaluation_on <= today
        if due and not any(e.held_on >= plan.evaluation_on for e in evaluations):
            return {
                "kind": "evaluate",
                "url": reverse("cases:evaluation_new", args=[case.pk]),
                "label": _("Evaluate"),
                "text": _("The evaluation date has come."),
            }
        return {
            "kind": "contact",
            "url": reverse("cases:contact_new", args=[case.pk]),
            "label": _("Log a contact"),
        }
    if case.stage == Case.Stage.REFERRED:
        referrals = list(case.referrals.select_related("destination").order_by("-pk"))
        started = [r for r in referrals if r.help_has_started]
        if started:
            return {
                "kind": "close",
                "url": reverse("cases:close", args=[case.pk]),
                "label": _("Close case"),
                "text": _("Help has started at %(name)s: the handover is complete.")
                % {"name": started[0].destination.name},
            }
        if referrals:
            referral = referrals[0]
            return {
                "kind": "referral",
                "url": reverse("referrals:detail", args=[referral.pk]),
                "label": _("Update the referral"),
                "text": _("Referral to %(name)s: %(status)s. Close the case once help has started.")
                % {"name": referral.destination.name, "status": referral.get_status_display()},
            }
    return None


@require_POST
def transition(request: HttpRequest, pk: int, target: str) -> HttpResponse:
    """Start intake, plan or help: the workflow function decides."""
    case = access.get_dossier_for_user(request.user, pk)
    move = workflow.TRANSITION_FUNCTIONS.get(target)
    if move is None:
        raise Http404
    with refusal_as_message(request):
        move(case, by=request.user)
        messages.success(
            request,
            _("The case is now in stage “%(stage)s”.") % {"stage": Case.Stage(target).label},
        )
        # Starting a stage that is filled in on a form opens that form.
        if target in FORM_OF_STAGE:
            return redirect(FORM_OF_STAGE[target], case.pk)
    return redirect("cases:detail", case.pk)


FORM_OF_STAGE = {Case.Stage.INTAKE: "cases:intake", Case.Stage.PLAN: "cases:plan"}


def _still_needed(case: Case, target: str) -> str:
    """ "Still needed for the plan of action: …", or "" when nothing is missing."""
    missing = workflow.missing_for(case, target)
    if not missing:
        return ""
    return _("Still needed for %(stage)s: %(missing)s.") % {
        "stage": workflow.NEEDED_FOR[target],
        "missing": ", ".join(missing),
    }


def _save_and_go_on(request: HttpRequest, case: Case, target: str, saved: str) -> HttpResponse:
    """After saving the intake or the plan: with "next", start the next stage and open its
    form; otherwise back to the case. Either way, say what is still missing for that stage."""
    needed = _still_needed(case, target)
    if needed:
        messages.warning(request, f"{saved} {needed}")
        if request.POST.get("next"):
            return redirect(request.path)
        return redirect("cases:detail", case.pk)
    if request.POST.get("next"):
        with refusal_as_message(request):
            workflow.TRANSITION_FUNCTIONS[target](case, by=request.user)
            messages.success(
                request,
                _("%(saved)s The case is now in stage “%(stage)s”.")
                % {"saved": saved, "stage": Case.Stage(target).label},
            )
            if target in FORM_OF_STAGE:
                return redirect(FORM_OF_STAGE[target], case.pk)
        return redirect("cases:detail", case.pk)
    messages.success(request, saved)
    return redirect("cases:detail", case.pk)


def close(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_dossier_for_user(request.user, pk, write=True)
    referred = case.stage == Case.Stage.REFERRED
    referrals = list(case.referrals.select_related("destination").order_by("-pk"))
    help_started = any(r.help_has_started for r in referrals)
    form = CloseForm(request.POST or None, referred=referred, help_started=help_started)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            workflow.close_case(
                case,
                by=request.user,
                reason=form.cleaned_data["reason"],
                outcome=form.cleaned_data["outcome"],
                handover_note=form.cleaned_data.get("handover_note", ""),
            )
            messages.success(request, _("The case is closed."))
            return redirect("cases:detail", case.pk)
    return render(
        request,
        "cases/case_form.html",
        {
            "case": case,
            "form": form,
            "title": _("Close the case"),
            "submit": _("Close case"),
            "intro": _handover_rule(referrals, help_started) if referred else "",
        },
    )


def _handover_rule(referrals: list, help_started: bool) -> str:
    """The rule for closing a referred case, with each referral's status and a link to it."""
    links = format_html_join(
        ", ",
        '<a class="alert-link" href="{}">{}</a> ({})',
        (
            (reverse("referrals:detail", args=[r.pk]), r.destination.name, r.get_status_display())
            for r in referrals
        ),
    )
    if help_started:
        rule = _("Help has started at the organisation, so the handover is complete.")
    else:
        rule = _(
            "A referred case is handed over once help has started at the organisation. "
            "That is not so yet: update the referral's status if help has started, or say "
            "below why you close the case now."
        )
    return format_html("{} {}: {}", rule, _("Referrals"), links)


def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_dossier_for_user(request.user, pk, write=True)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            workflow.reopen_case(case, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The case is open again, in stage intake."))
            return redirect("cases:detail", case.pk)
    return render(
        request,
        "cases/case_form.html",
        {"case": case, "form": form, "title": _("Reopen the case"), "submit": _("Reopen")},
    )


def _keep_text_after_conflict(form, text: Intake | Plan, message: str) -> None:
    """Someone else saved `text` first: say so, keep what was typed, and take the version they
    saved, so that saving again after merging wins."""
    form.add_error(None, message)
    form.data = form.data.copy()
    form.data["version"] = type(text).objects.get(pk=text.pk).version


def intake_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_dossier_for_user(request.user, pk, write=True)
    intake = Intake.objects.filter(case=case).first()
    if intake is None:
        messages.error(request, _("Start the intake first."))
        return redirect("cases:detail", case.pk)
    intake.case = case
    form = IntakeForm(request.POST or None, instance=intake, initial={"version": intake.version})
    conflict = False
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            try:
                workflow.save_intake(
                    form.instance,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    fields=IntakeForm.Meta.fields,
                )
            except ConflictError:
                conflict = True
                _keep_text_after_conflict(
                    form,
                    intake,
                    _(
                        "Someone else saved this intake while you were editing. "
                        "Your text is kept below; "
                        "open the case in a new tab to see their version, "
                        "then merge and save again."
                    ),
                )
            else:
                if case.stage != Case.Stage.INTAKE:
                    messages.success(request, _("The intake is saved."))
                    return redirect("cases:detail", case.pk)
                return _save_and_go_on(request, case, Case.Stage.PLAN, _("The intake is saved."))
    in_intake = case.stage == Case.Stage.INTAKE
    return render(
        request,
        "cases/case_form.html",
        {
            "case": case,
            "form": form,
            "conflict": conflict,
            "title": _("Intake"),
            "next_submit": _("Save and start the plan of action") if in_intake else "",
            "still_needed": _still_needed(case, Case.Stage.PLAN) if in_intake else "",
        },
    )


EVALUATION_AFTER = datetime.timedelta(weeks=6)
NEW_PLAN_GOAL_ROWS = 3


def _posted_goal_rows(data) -> list[dict]:
    """The goal rows as typed, from the posted formset (for adding or removing a row)."""
    try:
        total = min(int(data.get("goals-TOTAL_FORMS", 0)), GoalFormSet.max_num)
    except ValueError:
        total = 0
    rows = []
    for i in range(max(total, 0)):
        rows.append(
            {
                "id": data.get(f"goals-{i}-id", ""),
                "domain": data.get(f"goals-{i}-domain", ""),
                "description": data.get(f"goals-{i}-description", ""),
            }
        )
    return rows


def _plan_form_as_typed(data, plan: Plan) -> PlanForm:
    """The plan's fields as typed, unbound: no errors yet while goals are added or removed."""
    typed = {name: data.get(name) or None for name in PlanForm.Meta.fields}
    for name in ("agreed_pupil", "agreed_parents", "agreed_school"):
        typed[name] = bool(data.get(name))
    typed["version"] = data.get("version") or plan.version
    return PlanForm(instance=plan, initial=typed)


def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan with all its goals on one form. "Add a goal" and "remove" post the form back
    with a row more or less (in place with htmx, a new page without JavaScript); nothing typed
    is lost and nothing is saved until "Save"."""
    case = access.get_dossier_for_user(request.user, pk, write=True)
    plan = Plan.objects.filter(case=case).first()
    if plan is None:
        messages.error(request, _("Start the plan of action first."))
        return redirect("cases:detail", case.pk)
    plan.case = case
    goals = [
        {"id": g.pk, "domain": g.domain, "description": g.description} for g in plan.goals.all()
    ]
    initial = {"version": plan.version}
    if plan.evaluation_on is None:
        initial["evaluation_on"] = timezone.localdate() + EVALUATION_AFTER
    adding = request.method == "POST" and "add_goal" in request.POST
    removing = request.method == "POST" and "remove_goal" in request.POST
    if adding or removing:
        rows = _posted_goal_rows(request.POST)
        if removing:
            index = request.POST.get("remove_goal", "")
            if index.isdigit() and int(index) < len(rows):
                del rows[int(index)]
        form = _plan_form_as_typed(request.POST, plan)
        extra = 1 if adding or not rows else 0
        formset = forms.formset_factory(
            GoalForm, extra=extra, can_delete=True, max_num=GoalFormSet.max_num
        )(initial=rows, prefix="goals")
        return _render_plan_form(request, case, form, formset)
    form = PlanForm(request.POST or None, instance=plan, initial=initial)
    if request.method == "POST":
        formset = GoalFormSet(request.POST, initial=goals, prefix="goals")
    else:
        extra = NEW_PLAN_GOAL_ROWS if not goals else 1
        formset = forms.formset_factory(
            GoalForm, extra=extra, can_delete=True, max_num=GoalFormSet.max_num
        )(initial=goals, prefix="goals")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        kept = [
            g for g in formset.cleaned_data if g and not g.get("DELETE") and g.get("description")
        ]
        if not kept:
            form.add_error(None, _("A plan of action needs at least one goal."))
        else:
            with refusal_to(form):
                try:
                    workflow.save_plan(
                        form.instance,
                        by=request.user,
                        version=form.cleaned_data["version"],
                        fields=PlanForm.Meta.fields,
                        goals=kept,
                    )
                except ConflictError:
                    _keep_text_after_conflict(
                        form,
                        plan,
                        _(
                            "Someone else saved this plan while you were editing. "
                            "Your text is kept below; check their version in a new tab, "
                            "then save again."
                        ),
                    )
                else:
                    saved = _("The plan of action is saved.")
                    if case.stage != Case.Stage.PLAN:
                        messages.success(request, saved)
                        return redirect("cases:detail", case.pk)
                    return _save_and_go_on(request, case, Case.Stage.HELP, saved)
    return _render_plan_form(request, case, form, formset)


def _render_plan_form(request, case, form, formset) -> HttpResponse:
    in_plan = case.stage == Case.Stage.PLAN
    return render(
        request,
        "cases/plan_form.html",
        {
            "case": case,
            "form": form,
            "formset": formset,
            "next_submit": _("Save and start short-term help") if in_plan else "",
            "still_needed": _still_needed(case, Case.Stage.HELP) if in_plan else "",
        },
    )


def evaluation_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_dossier_for_user(request.user, pk, write=True)
    plan = Plan.objects.filter(case=case).first()
    if plan is None or not plan.goals.exists():
        messages.error(request, _("Record a plan with goals before evaluating."))
        return redirect("cases:detail", case.pk)
    form = EvaluationForm(request.POST or None, goals=plan.goals.all())
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            workflow.evaluate_plan(
                plan,
                by=request.user,
                held_on=form.cleaned_data["held_on"],
                note=form.cleaned_data["note"],
                results=form.results(),
            )
            messages.success(request, _("The evaluation is saved."))
            return redirect("cases:detail", case.pk)
    return render(
        request,
        "cases/case_form.html",
        {"case": case, "form": form, "title": _("Evaluate the plan")},
    )


def contact_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.get_dossier_for_user(request.user, pk, write=True)
    form = ContactForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            workflow.log_contact(case, by=request.user, **form.cleaned_data)
            messages.success(request, _("The contact is saved."))
            if request.POST.get("another"):
                return redirect("cases:contact_new", case.pk)
            return redirect("cases:detail", case.pk)
    return render(
        request,
        "cases/case_form.html",
        {
            "case": case,
            "form": form,
            "title": _("Log a contact"),
            "another_submit": _("Save and log another contact"),
        },
    )


def guardian_edit(request: HttpRequest, pk: int, guardian_pk: int | None = None) -> HttpResponse:
    case = access.get_dossier_for_user(request.user, pk, write=True)
    guardian = None
    if guardian_pk is not None:
        guardian = access.get_guardian_for_case(case, guardian_pk)
    form = GuardianForm(request.POST or None, instance=guardian)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            workflow.save_guardian(case, form.instance, by=request.user)
            messages.success(request, _("The parent or guardian is saved."))
            return redirect("cases:detail", case.pk)
    return render(
        request,
        "cases/case_form.html",
        {"case": case, "form": form, "guardian": guardian, "title": _("Parent or guardian")},
    )


# --- Coordinator -----------------------------------------------------------------------------


def school_caseload(request: HttpRequest) -> HttpResponse:
    """The school's caseload as a progress view: no summaries, no work notes."""
    require_role(request.user, Role.COORDINATOR)
    cases = _with_overview_columns(access.school_cases(request.user))
    form, cases = _filter_and_sort(
        request, cases, schools=coordinated_schools(request.user), stages=Case.Stage.choices
    )
    if not form.understood_data().get("stage"):
        cases = cases.open()
    page = _page(request, cases)
    return render(
        request,
        "cases/school_caseload.html",
        {
            "page": page,
            "form": form,
            "today": timezone.localdate(),
            "query": _query_without_page(request),
        },
    )


def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """One case as the coordinator sees it: stage, worker, dates, goals and results."""
    case = access.get_progress_for_user(request.user, pk)
    plan = access.progress_plan(case)
    stats = case.contacts.aggregate(count=Count("pk"), last=Max("held_on"))
    events = case.events.filter(
        kind__in=[
            CaseEvent.Kind.SIGNALLED,
            CaseEvent.Kind.TAKEN_ON,
            CaseEvent.Kind.STAGE,
            CaseEvent.Kind.PLAN_AGREED,
            CaseEvent.Kind.EVALUATED,
            CaseEvent.Kind.CLOSED,
            CaseEvent.Kind.REOPENED,
        ]
    ).select_related("by")
    return render(
        request,
        "cases/progress.html",
        {
            "case": case,
            "plan": plan,
            "contact_count": stats["count"],
            "zat_items": case.zat_items.select_related("meeting").order_by("-meeting__starts_at"),
            # Kind of organisation and status only: never the reason or what was shared.
            "referrals": [
                (r.destination.get_kind_display(), r.get_status_display(), r.status_changed_on)
                for r in case.referrals.select_related("destination")
            ],
            "last_contact": stats["last"],
            "events": events,
        },
    )


# --- Search ----------------------------------------------------------------------------------


def search(request: HttpRequest) -> HttpResponse:
    """Pupils and cases by name within one's own scope, tolerant of typing errors."""
    if not access.can_search(request.user):
        raise Http404
    form = SearchForm(request.GET or None)
    data = understood(request, form)
    text = data.get("q", "")
    asked_emergency = bool(text and data.get("noodtoegang"))
    results, emergency = [], []
    if text:
        pupils = search_pupils(access.visible_pupils(request.user), text)[:50]
        visible = access.visible_cases(request.user)
        results = list(
            Pupil.objects.filter(pk__in=[p.pk for p in pupils])
            .select_related("school")
            .prefetch_related(
                Prefetch("cases", queryset=visible.order_by("-signalled_on"), to_attr="my_cases")
            )
        )
        order = {p.pk: i for i, p in enumerate(pupils)}
        results.sort(key=lambda p: order[p.pk])
        if asked_emergency:
            emergency = _emergency_search(request, text)
    return render(
        request,
        "cases/search.html",
        {
            "q": text,
            "results": results,
            "emergency": emergency,
            "asked_emergency": asked_emergency,
            "may_ask_emergency": request.user.has_role(Role.WORKER),
        },
    )


def _emergency_search(request: HttpRequest, text: str) -> list[Case]:
    """Colleagues' cases at the worker's schools whose pupil matches: offered for emergency
    access only (noodtoegang), never opened from here."""
    # In two steps: the names among the pupils with a case at the worker's schools (where every
    # emergency case is), then those pupils' emergency cases. Given the search as a subquery of
    # the cases, PostgreSQL scored the name of every pupil of the region before joining.
    at_my_schools = Case.objects.filter(school__in=assigned_schools(request.user).values("pk"))
    candidates = Pupil.objects.filter(pk__in=at_my_schools.values("pupil"))
    matches = list(search_pupils(candidates, text).values_list("pk", flat=True))
    cases = list(
        access.emergency_cases(request.user)
        .shown()
        .filter(pupil__in=matches)
        .select_related("pupil", "school", "caseworker")
        .order_by("pupil__last_name", "pupil__first_name", "-signalled_on", "pk")[:50]
    )
    return cases


# --- Groups and consultations ----------------------------------------------------------------


def group_list(request: HttpRequest) -> HttpResponse:
    """The worker's gespreksgroepen with participants, sessions and the last session."""
    require_role(request.user, Role.WORKER)
    groups = (
        access.visible_groups(request.user)
        .select_related("school")
        .annotate(
            participant_count=Count("cases", distinct=True),
            session_count=Count("sessions", distinct=True),
            last_session_on=Max("sessions__held_on"),
        )
        .order_by("-started_on", "name")
    )
    return render(request, "cases/group_list.html", {"groups": list(groups)})


def group_new(request: HttpRequest) -> HttpResponse:
    """Start a group with at least two of the worker's own open cases at one school."""
    require_role(request.user, Role.WORKER)
    form = GroupForm(
        posted_data(request),
        schools=assigned_schools(request.user),
        cases=access.caseload(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal_to(form):
            group = workflow.start_group(
                by=request.user,
                school=data["school"],
                name=data["name"],
                kind=data["kind"],
                started_on=data["started_on"],
                cases=data["participants"],
            )
            messages.success(request, _("The group “%(name)s” is started.") % {"name": group.name})
            return redirect("cases:group_detail", group.pk)
    enough_cases = form.fields["participants"].queryset.count() >= 2
    return render(request, "cases/group_form.html", {"form": form, "enough_cases": enough_cases})


def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One group: its participants (with their stage) and its sessions."""
    require_role(request.user, Role.WORKER)
    group = access.get_group_for_user(request.user, pk)
    participants = list(
        access.group_participants(group)
        .select_related("pupil")
        .order_by("pupil__last_name", "pupil__first_name")
    )
    sessions = group.sessions.order_by("-held_on", "-pk")
    return render(
        request,
        "cases/group_detail.html",
        {
            "group": group,
            "participants": participants,
            "open_count": sum(case.is_open for case in participants),
            "sessions": sessions,
        },
    )


def group_session_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a session: it becomes a contact on each participant's open case."""
    require_role(request.user, Role.WORKER)
    group = access.get_group_for_user(request.user, pk)
    form = GroupSessionForm(posted_data(request), group=group)
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            session = workflow.record_group_session(group, by=request.user, **form.cleaned_data)
            contacts = list(session.contacts.all())
            messages.success(
                request,
                ngettext(
                    "The session is saved and added to %(count)d file.",
                    "The session is saved and added to %(count)d files.",
                    len(contacts),
                )
                % {"count": len(contacts)},
            )
            return redirect("cases:group_detail", group.pk)
    return render(
        request,
        "cases/group_session_form.html",
        {"group": group, "form": form, "open_count": group.cases.open().count()},
    )


def consultation_list(request: HttpRequest) -> HttpResponse:
    """The worker's consultations of teachers and IB'ers, newest first."""
    require_role(request.user, Role.WORKER)
    consultations = (
        access.visible_consultations(request.user)
        .select_related("school", "case__pupil")
        .order_by("-held_on", "-pk")
    )
    page = _page(request, consultations)
    return render(
        request,
        "cases/consultation_list.html",
        {"page": page, "query": _query_without_page(request)},
    )


def consultation_new(request: HttpRequest) -> HttpResponse:
    """Record advice to a teacher or IB'er, tied to one of the worker's cases or anonymous."""
    require_role(request.user, Role.WORKER)
    cases = (
        access.caseload(request.user)
        .select_related("pupil", "school")
        .order_by("pupil__last_name", "pupil__first_name")
    )
    form = ConsultationForm(
        posted_data(request), schools=assigned_schools(request.user), cases=cases
    )
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            workflow.record_consultation(by=request.user, **form.cleaned_data)
            messages.success(request, _("The consultation is saved."))
            return redirect("cases:consultation_list")
    return render(request, "cases/consultation_form.html", {"form": form})


# --- Team leader -----------------------------------------------------------------------------


def reassign(request: HttpRequest, worker_pk: int) -> HttpResponse:
    """Hand a worker's open cases to colleagues: case numbers, schools and stages, no pupils."""
    worker, cases = access.team_worker_cases(request.user, worker_pk)
    cases = list(cases)
    colleagues = team_workers(request.user).exclude(pk=worker.pk)
    form = ReassignForm(request.POST or None, cases=cases, workers=colleagues)
    if request.method == "POST" and form.is_valid():
        by_pk = {str(c.pk): c for c in cases}
        done, refused = 0, []
        for pk in form.cleaned_data["cases"]:
            try:
                workflow.reassign_case(
                    by_pk[pk],
                    by=request.user,
                    to=form.cleaned_data["to"],
                    reason=form.cleaned_data["reason"],
                )
                done += 1
            except Refused as exc:
                refused.append(f"{by_pk[pk].number}: {exc}")
        if done:
            messages.success(
                request,
                ngettext("%(count)d case reassigned.", "%(count)d cases reassigned.", done)
                % {"count": done},
            )
        for message in refused:
            messages.error(request, message)
        return redirect("cases:reassign", worker.pk)
    return render(request, "cases/reassign.html", {"worker": worker, "cases": cases, "form": form})


# --- Break-the-glass (noodtoegang) -----------------------------------------------------------


def emergency(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a colleague's case in an emergency: the reason first, with a warning that it is
    logged, reviewed and shown to the case manager (cases/emergency.py)."""
    case = access.get_case_for_emergency(request.user, pk)
    if access.active_emergency_access(request.user, case) is not None:
        return redirect("cases:detail", case.pk)
    form = EmergencyForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            open_emergency_access(case, by=request.user, reason=form.cleaned_data["reason"])
            messages.warning(
                request,
                _(
                    "Emergency access until the end of today. You can read this case, not "
                    "change it; the case manager and the privacy officer see that you opened it."
                ),
            )
            return redirect("cases:detail", case.pk)
    return render(request, "cases/emergency_form.html", {"case": case, "form": form})


# --- Team leader: stand-ins (waarneming) -----------------------------------------------------


def stand_in_list(request: HttpRequest) -> HttpResponse:
    """The organisation's stand-ins: current, coming and past. No pupil data."""
    require_role(request.user, Role.TEAMLEAD)
    visible = access.visible_stand_ins(request.user)
    now = timezone.now()
    return render(
        request,
        "cases/stand_in_list.html",
        {
            "current": list(visible.active(now).order_by("ends_on", "pk")),
            "future": list(visible.future().order_by("starts_on", "pk")),
            "past": list(visible.past(now).order_by("-ends_on", "-pk")[:50]),
        },
    )


def stand_in_new(request: HttpRequest) -> HttpResponse:
    require_role(request.user, Role.TEAMLEAD)
    form = StandInForm(posted_data(request), workers=team_workers(request.user))
    if request.method == "POST" and form.is_valid():
        with refusal_to(form):
            record = record_stand_in(by=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("%(stand_in)s stands in for %(for_worker)s from %(from)s until %(until)s.")
                % {
                    "stand_in": record.stand_in,
                    "for_worker": record.for_worker,
                    "from": date_format(record.starts_on),
                    "until": date_format(record.ends_on),
                },
            )
            return redirect("cases:stand_in_detail", record.pk)
    return render(request, "cases/stand_in_form.html", {"form": form})


def stand_in_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = access.get_stand_in_for_user(request.user, pk)
    return render(
        request,
        "cases/stand_in_detail.html",
        {
            "stand_in": record,
            "schools": list(access.stand_in_schools(record)),
            "active": record.is_active(),
            "has_started": record.has_started(),
            "is_over": record.is_over(),
        },
    )


def _stand_in_change(request: HttpRequest, pk: int, *, end: bool) -> HttpResponse:
    record = access.get_stand_in_for_user(request.user, pk)
    if request.method == "POST":
        with refusal_as_message(request):
            if end:
                end_stand_in(record, by=request.user)
                messages.success(request, _("The stand-in has ended."))
                return redirect("cases:stand_in_detail", record.pk)
            delete_stand_in(record, by=request.user)
            messages.success(request, _("The stand-in is deleted."))
            return redirect("cases:stand_in_list")
        return redirect("cases:stand_in_detail", record.pk)
    return render(request, "cases/stand_in_confirm.html", {"stand_in": record, "end": end})


def stand_in_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End a stand-in early: the access stops at once."""
    return _stand_in_change(request, pk, end=True)


def stand_in_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a stand-in that has not begun."""
    return _stand_in_change(request, pk, end=False)


# --- Versions of the intake and the plan -------------------------------------------------------


def versions(request: HttpRequest, pk: int, text: str) -> HttpResponse:
    """Every saved version of the intake or plan (who, when) and what changed between two."""
    from .forms import VersionCompareForm
    from .models import TextVersion
    from .versions import compare, versions_of

    if text not in TextVersion.Text.values:
        raise Http404
    case = access.get_dossier_for_user(request.user, pk)
    kept = list(versions_of(case.pk, text))
    by_number = {v.version: v for v in kept}
    form = VersionCompareForm(request.GET or None)
    data = understood(request, form)
    numbers = sorted(by_number)
    new = by_number.get(data.get("new") or (numbers[-1] if numbers else 0))
    old = by_number.get(data.get("old") or (numbers[-2] if len(numbers) > 1 else 0))
    changes = compare(text, old, new) if old and new else []
    return render(
        request,
        "cases/versions.html",
        {
            "case": case,
            "text": text,
            "title": TextVersion.Text(text).label,
            "versions": kept,
            "old": old,
            "new": new,
            "changes": changes,
            "form": form,
        },
    )
