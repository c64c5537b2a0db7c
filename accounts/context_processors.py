from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Role

# (role, label, url name, primary). Primary entries stand in the bar; the rest under "More".
_NAV = [
    (Role.WORKER, _("My caseload"), "cases:caseload", True),
    (Role.WORKER, _("Referrals"), "referrals:dashboard", True),
    (Role.WORKER, _("ZAT"), "zat:list", True),
    (Role.WORKER, _("Reports"), "reports:archive", True),
    (Role.WORKER, _("Groups"), "cases:group_list", False),
    (Role.WORKER, _("Consultations"), "cases:consultation_list", False),
    (Role.WORKER, _("Hours"), "timesheet:week", True),
    (Role.WORKER, _("Sociale kaart"), "referrals:social_map", False),
    (Role.WORKER, _("My schools"), "schools:mine", False),
    (Role.COORDINATOR, _("School caseload"), "cases:school", True),
    (Role.COORDINATOR, _("ZAT"), "zat:list", True),
    (Role.COORDINATOR, _("Reports"), "reports:archive", True),
    (Role.COORDINATOR, _("Sociale kaart"), "referrals:social_map", False),
    (Role.COORDINATOR, _("My school"), "schools:coordinator", False),
    (Role.WORKER, _("Search"), "cases:search", False),
    (Role.COORDINATOR, _("Search"), "cases:search", False),
    (Role.TEAMLEAD, _("My workers"), "accounts:team", True),
    (Role.TEAMLEAD, _("Funding report"), "reports:funding", True),
    (Role.TEAMLEAD, _("Stand-ins"), "cases:stand_in_list", True),
    (Role.MUNICIPALITY, _("Schools in my municipality"), "schools:territory", True),
    (Role.MUNICIPALITY, _("Funding report"), "reports:funding", True),
    (Role.ADMIN, _("Master data"), "accounts:manage", True),
    (Role.PRIVACY, _("Privacy"), "privacy:overview", True),
    (Role.PRIVACY, _("Access log"), "privacy:log", True),
    (Role.PRIVACY, _("Signals"), "privacy:signals", True),
    (Role.PRIVACY, _("Pupil extract"), "privacy:pupils", False),
    (Role.PRIVACY, _("Sign-ins"), "privacy:sign_ins", False),
    (Role.PRIVACY, _("Dossier exports"), "dossier:list", False),
    (Role.ADMIN, _("Schools"), "schools:manage", True),
    (Role.ADMIN, _("Sociale kaart"), "referrals:social_map_manage", True),
    (Role.TEAMLEAD, _("Roles to approve"), "accounts:approvals", False),
    (Role.PRIVACY, _("Roles to approve"), "accounts:approvals", True),
    (Role.WORKER, _("Meldcode"), "meldcode:list", False),
    (Role.SAFEGUARDING, _("Meldcode"), "meldcode:list", True),
    (Role.PRIVACY, _("Retention"), "retention:overview", True),
    (Role.TEAMLEAD, _("Retention"), "retention:overview", False),
    (Role.WORKER, _("AVG requests"), "rights:list", False),
    (Role.PRIVACY, _("AVG requests"), "rights:list", True),
]


def navigation(request):
    """Navigation entries for the roles the signed-in person holds, nothing more."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_primary": [], "nav_more": [], "nav_search": False}
    roles = user.roles
    items = []
    seen = set()
    for role, label, url_name, *rest in _NAV:
        primary = rest[0] if rest else False
        if role in roles and url_name not in seen:
            seen.add(url_name)
            items.append(
                {"label": label, "url": reverse(url_name), "role": role, "primary": primary}
            )
    return {
        "nav_items": items,
        "nav_primary": [i for i in items if i["primary"]],
        "nav_more": [i for i in items if not i["primary"] and i["url"] != reverse("cases:search")],
        "nav_search": "cases:search" in seen,
    }
