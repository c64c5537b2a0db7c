"""Continuity's parts of other pages: the team leader's and worker's start pages, the case page,
the caseload, the application manager's person page. Each is one inclusion tag and one
template, so a start-page registry can take them over as they are."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import team_workers
from accounts.models import Role
from cases.models import Case
from cases.norm import norm_status, past_norm_cases

from .. import leavers
from ..consent import ask_again_reason, consents_to_ask_again
from ..holidays import holiday_of
from ..school_year import cases_needing_new_manager, summer_deadlines

register = template.Library()


def team_items(user) -> dict:
    """The team leader's continuity items: cases needing a new case manager (school year),
    cases past the short-term norm, deactivated workers who still own something. Metadata
    only: case numbers, schools, stages, workers."""
    if not user.has_role(Role.TEAMLEAD):
        return {}
    workers = team_workers(user, include_inactive=True)
    team_cases = Case.objects.open().filter(caseworker__in=workers.values("pk"))
    past = list(past_norm_cases(team_cases).select_related("school", "caseworker")[:50])
    inactive = [w for w in workers.filter(is_active=False) if leavers.owned_by(w)]
    return {
        "needing": cases_needing_new_manager(user),
        "past_norm": past,
        "inactive": inactive,
    }


@register.inclusion_tag("continuity/_team.html", takes_context=True)
def continuity_team(context):
    return team_items(context["request"].user)


def worker_items(user) -> dict:
    """The worker's continuity items: consents to ask again and deadlines in the summer holiday
    (each shown by the pupil's name, so noted). Own cases past the norm are an item of the start
    page itself (cases/today.py)."""
    if not user.has_role(Role.WORKER):
        return {}
    return {
        "consents": consents_to_ask_again(user),
        "deadlines": summer_deadlines(user),
    }


@register.inclusion_tag("continuity/_worker.html", takes_context=True)
def continuity_worker(context):
    return worker_items(context["request"].user)


@register.inclusion_tag("continuity/_case.html", takes_context=True)
def continuity_case(context, case, is_manager=False):
    """On the dossier: the norm, consents to ask again, and the case manager's move link."""
    today = timezone.localdate()
    consents = []
    for consent in context.get("consents") or []:
        reason = ask_again_reason(consent, today)
        if reason:
            consents.append((consent, reason))
    plan = context.get("plan")
    evaluation_holiday = (
        holiday_of(case.school, plan.evaluation_on) if plan and plan.evaluation_on else None
    )
    return {
        "case": case,
        "is_manager": is_manager,
        "norm": norm_status(case) if case.is_open else None,
        "ask_again": consents,
        "evaluation_holiday": evaluation_holiday,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def past_norm_ids(cases) -> set[int]:
    """The pks among `cases` past the short-term norm (for a badge in a list)."""
    pks = [c.pk for c in cases]
    if not pks:
        return set()
    return set(past_norm_cases(Case.objects.filter(pk__in=pks)).values_list("pk", flat=True))


@register.simple_tag
def summer_holiday_note(school, day) -> str:
    """ "(summer holiday)" after a date that falls in the school's summer holiday."""
    return _("(summer holiday)") if holiday_of(school, day) else ""


@register.inclusion_tag("continuity/_owned.html")
def continuity_owned(person):
    """On the application manager's person page: what the person still owns, counted."""
    owned = leavers.owned_by(person)
    return {"person": person, "owned": owned, "summary": owned.describe() if owned else ""}
