"""The meldcode's parts of other apps' pages: the case page and the team leader's counts."""

from __future__ import annotations

from django import template

from meldcode import access, workflow

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


@register.inclusion_tag("meldcode/_team_counts.html", takes_context=True)
def meldcode_team_counts(context):
    """The team leader's counts: open and closed trajectories and meldingen, no pupil."""
    return {"counts": access.team_counts(context["request"].user)}
