"""The documents section of the case page."""

from __future__ import annotations

from django import template

from cases.access import Level, access_level
from documents import access

register = template.Library()


@register.inclusion_tag("documents/_case_section.html", takes_context=True)
def documents_on_case(context, case):
    """The case's documents (a read of the pupil, logged) and, for its case manager, the link
    to add one; nothing for whoever does not read the dossier."""
    user = context["request"].user
    level = access_level(user, case)
    if level < Level.READ:
        return {}
    return {
        "case": case,
        "show": True,
        "documents": list(access.documents_of_case(user, case, level)),
        "can_add": level is Level.FULL,
    }
