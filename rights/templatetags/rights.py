"""The rights' part of the case page. (The start pages' items are in rights/today.py.)"""

from __future__ import annotations

from django import template

from rights import access

register = template.Library()


@register.inclusion_tag("rights/_case_section.html", takes_context=True)
def rights_on_case(context, case, is_manager):
    """On the case page: the eigen verklaringen, the requests, and the case manager's links."""
    user = context["request"].user
    return {
        "case": case,
        "is_manager": is_manager,
        "statements": list(access.statements_of(case)),
        "requests": list(access.requests_of_case(user, case)),
    }
