from django.contrib import admin

from .models import Setting


@admin.register(Setting)
class SettingAdmin(admin.ModelAdmin):
    """The organisation's meldcode setting; the trajectories themselves are never in the admin."""

    list_display = ["organisation", "step_working_days"]
