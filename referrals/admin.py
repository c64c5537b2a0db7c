from django.contrib import admin

from smw.admin_rules import NoDeleteAdmin

from .models import SocialMapEntry


@admin.register(SocialMapEntry)
class SocialMapEntryAdmin(NoDeleteAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "phone", "waiting_weeks", "active"]
    list_filter = ["kind", "municipalities", "active"]
    search_fields = ["name", "notes"]
    filter_horizontal = ["municipalities"]
