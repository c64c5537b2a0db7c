"""{% retention_on_case case %}: the bewaartermijn on a closed case's page.
{% work_notes_expiring %}: on the worker's start page, their work notes on closed cases and the
day they are destroyed."""

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


@register.inclusion_tag("retention/_work_notes.html", takes_context=True)
def work_notes_expiring(context) -> dict:
    from retention.work_notes import expiring

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"expiring": []}
    return {"expiring": expiring(author=user)}


@register.inclusion_tag("retention/_waiting_lists.html", takes_context=True)
def retention_waiting(context) -> dict:
    """On the privacy officer's start page: the destruction lists that wait for a decision."""
    from accounts.models import Role
    from retention.models import DestructionList

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_role(Role.PRIVACY):
        return {"waiting": []}
    organisations = user.memberships.filter(role=Role.PRIVACY).values("organisation")
    waiting = DestructionList.objects.filter(
        organisation__in=organisations, status=DestructionList.Status.PROPOSED
    ).exclude(proposed_by=user)
    return {"waiting": list(waiting)}
