from django.contrib import admin

from smw.admin_rules import NoDeleteAdmin

from .models import Assignment, Municipality, Organisation, School, SchoolYear


@admin.register(Organisation)
class OrganisationAdmin(NoDeleteAdmin, admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Municipality)
class MunicipalityAdmin(NoDeleteAdmin, admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(School)
class SchoolAdmin(NoDeleteAdmin, admin.ModelAdmin):
    list_display = ["name", "brin", "sector", "municipality", "active"]
    list_filter = ["sector", "municipality", "active"]
    search_fields = ["name", "brin"]


@admin.register(SchoolYear)
class SchoolYearAdmin(NoDeleteAdmin, admin.ModelAdmin):
    list_display = ["name", "start", "end"]


@admin.register(Assignment)
class AssignmentAdmin(NoDeleteAdmin, admin.ModelAdmin):
    list_display = ["worker", "school", "school_year", "contracted_hours", "funding_source"]
    list_filter = ["school_year", "funding_source", "school__municipality"]
    search_fields = ["worker__username", "worker__last_name", "school__name"]
    raw_id_fields = ["worker", "school"]
    list_select_related = ["worker", "school", "school_year"]
