from collections import Counter

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.utils.text import capfirst

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

    def get_deleted_objects(self, objs, request):
        """What holds a school back from deletion are its pupils and their dossiers: named,
        they would be case data shown to the application manager, so only counted."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            collector = NestedObjects(using=router.db_for_write(self.model))
            collector.collect(objs)
            counts = Counter(capfirst(o._meta.verbose_name_plural) for o in collector.protected)
            protected = [f"{name}: {count}" for name, count in sorted(counts.items())]
        return deleted, model_count, perms_needed, protected


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
