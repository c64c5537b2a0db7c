"""{% today "worker" %}: the start page's list of what waits for the person in that role
(accounts/today.py), most urgent first, or the word that all is done."""

from __future__ import annotations

from django import template

from accounts import today as registry

register = template.Library()


@register.inclusion_tag("accounts/_today.html", takes_context=True)
def today(context: template.Context, role: str) -> dict:
    user = context["request"].user
    return {"items": registry.items_for(user, role), "role": role, "Urgency": registry.Urgency}
