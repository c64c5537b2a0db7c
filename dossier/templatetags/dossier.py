"""The dossier export's part of the case page."""

from __future__ import annotations

from django import template

from cases.workflow import is_case_manager
from dossier.models import DossierExport

register = template.Library()


@register.inclusion_tag("dossier/_case_section.html", takes_context=True)
def dossier_exports_on_case(context, case):
    """The case manager's exports of this pupil's dossier, and the button to start one."""
    user = context["request"].user
    if not is_case_manager(user, case):
        return {}
    exports = DossierExport.objects.filter(case=case).order_by("-created_at", "-pk")[:20]
    return {"case": case, "exports": exports, "show": True}
