"""For operations (superusers) only: see smw/admin_rules.py. The application manager works in
SMW's own pages. Nothing is deleted here, and no permission or group is offered: SMW decides
access by role, not by Django permissions. A role given here is written to the access log."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from smw.admin_rules import NoDeleteAdmin

from .models import Membership, RoleRequest, User


def _log_membership(request, membership: Membership, word: str) -> None:
    from .workflow import log_grant

    log_grant(
        request.user,
        membership,
        f"role {membership.role} {word} {membership.user.username} in the admin",
    )


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    can_delete = False
    raw_id_fields = ["organisation", "school", "municipality"]


@admin.register(User)
class UserAdmin(NoDeleteAdmin, BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    list_filter = ["is_active", "memberships__role"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = []

    def save_formset(self, request, form, formset, change):
        instances = formset.save()
        for membership in instances:
            _log_membership(request, membership, "given to")


@admin.register(Membership)
class MembershipAdmin(NoDeleteAdmin, admin.ModelAdmin):
    list_display = ["user", "role", "organisation", "school", "municipality"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name"]
    raw_id_fields = ["user", "organisation", "school", "municipality"]
    list_select_related = ["user", "organisation", "school", "municipality"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _log_membership(request, obj, "set for" if change else "given to")


@admin.register(RoleRequest)
class RoleRequestAdmin(NoDeleteAdmin, admin.ModelAdmin):
    """Read-only: requests are made and decided in SMW's pages."""

    list_display = [
        "user",
        "role",
        "organisation",
        "school",
        "status",
        "requested_by",
        "decided_by",
    ]
    list_filter = ["status", "role"]
    list_select_related = ["user", "organisation", "school", "requested_by", "decided_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
