"""The rights' parts of other apps' pages: start pages and the case page."""

from __future__ import annotations

from django import template
from django.utils import timezone

from rights import access

register = template.Library()


@register.inclusion_tag("rights/_open_requests.html", takes_context=True)
def open_rights_requests(context):
    """Open requests the person handles or decides, with their deadlines, soonest first."""
    user = context["request"].user
    if not access.can_use_rights(user):
        return {}
    rows = sorted(access.shown_requests(user).open(), key=lambda r: (r.due_on, r.pk))
    return {"requests": rows, "today": timezone.localdate()}


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
