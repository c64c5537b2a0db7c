"""{% retention_on_case case %}: the bewaartermijn on a closed case's page. (Retention's
start-page items are providers in retention/today.py.)"""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("retention/_case_term.html")
def retention_on_case(case) -> dict:
    from retention.terms import dossier_of, is_destroyed

    if case.is_open:
        return {"show": False}
    return {
        "show": True,
        "dossier": dossier_of(case.pupil),
        "destroyed": is_destroyed(case.pupil_id),
    }
