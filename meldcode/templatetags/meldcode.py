"""The meldcode's parts of other apps' pages: the case page and the worker's start page."""

from __future__ import annotations

from django import template
from django.utils import timezone

from meldcode import access, workflow
from meldcode.deadlines import deadlines_of

register = template.Library()


@register.inclusion_tag("meldcode/_case_section.html", takes_context=True)
def meldcode_on_case(context, case):
    """The case's trajectory (logged as read) and, for its case manager, the start button."""
    user = context["request"].user
    if not access.can_see_meldcode(user):
        return {}
    return {
        "case": case,
        "trajectory": access.open_trajectory_of_case(user, case),
        "can_start": workflow.can_start(user, case),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("meldcode/_start_page.html", takes_context=True)
def meldcode_due(context):
    """What the user's open trajectories wait for, soonest first."""
    user = context["request"].user
    if not access.can_see_meldcode(user):
        return {}
    today = timezone.localdate()
    deadlines = []
    for trajectory in access.shown_trajectories(user).open():
        days = access.step_working_days(trajectory.organisation_id)
        deadlines += deadlines_of(trajectory, today=today, step_days=days)
    return {"deadlines": sorted(deadlines, key=lambda d: d.due)}


@register.inclusion_tag("meldcode/_team_counts.html", takes_context=True)
def meldcode_team_counts(context):
    """The team leader's counts: open and closed trajectories and meldingen, no pupil."""
    return {"counts": access.team_counts(context["request"].user)}
