from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Role

_NAV = [
    (Role.WORKER, _("My caseload"), "cases:caseload"),
    (Role.WORKER, _("My schools"), "schools:mine"),
    (Role.COORDINATOR, _("School caseload"), "cases:school"),
    (Role.COORDINATOR, _("My school"), "schools:coordinator"),
    (Role.WORKER, _("Search"), "cases:search"),
    (Role.COORDINATOR, _("Search"), "cases:search"),
    (Role.TEAMLEAD, _("My workers"), "accounts:team"),
    (Role.MUNICIPALITY, _("Schools in my municipality"), "schools:territory"),
    (Role.ADMIN, _("Master data"), "accounts:manage"),
]


def navigation(request):
    """Navigation entries for the roles the signed-in person holds, nothing more."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    roles = user.roles
    items = []
    seen = set()
    for role, label, url_name in _NAV:
        if role in roles and url_name not in seen:
            seen.add(url_name)
            items.append({"label": label, "url": reverse(url_name), "role": role})
    return {"nav_items": items}
