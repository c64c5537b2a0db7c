from django.contrib import admin

from .models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only, for the privacy officer's audits (superusers only): the table is append-only."""

    list_display = ["at", "user", "action", "object_ref", "pupil_ids", "ip_address"]
    list_filter = ["action"]
    date_hierarchy = "at"
    search_fields = ["user__username", "object_ref"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
