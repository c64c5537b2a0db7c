"""Continuity's parts of other pages: the case page, the caseload, the application manager's
person page. (Its start-page items are providers in continuity/today.py.)"""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case
from cases.norm import norm_status, past_norm_cases

from .. import leavers
from ..consent import ask_again_reason
from ..holidays import holiday_of

register = template.Library()


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
