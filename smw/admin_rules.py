"""Django's admin in SMW: for operations (superusers) only, and even there it shows no pupil.

- Only an active superuser opens it (`has_permission`, also checked by
  `smw.middleware.AdminOnlyForSuperusersMiddleware`, which answers 404 to everyone else). The
  application manager works in SMW's own pages, where a role with case access needs a second
  person's approval (accounts/workflow.py).
- `NoDeleteAdmin`: nothing is deleted through the admin. Django's delete confirmation lists every
  object that would go or that stands in the way: for a school or a user that means its pupils
  and dossiers, by name, unlogged. People are deactivated, schools made inactive.
- Foreign keys are typed as ids (`raw_id_fields`), not chosen by autocomplete: Django's
  autocomplete widget fails with a server error when a posted id is not a number.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest


def has_permission(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_superuser)


class NoDeleteAdmin:
    """A ModelAdmin mixin: no delete page, no "delete selected" bulk action (Django offers an
    action only to whom has its permission)."""

    def has_delete_permission(self, request, obj=None):
        return False


def lock_down(site: admin.AdminSite) -> None:
    site.has_permission = has_permission
