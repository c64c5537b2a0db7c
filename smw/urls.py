from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from accounts import views as account_views
from smw.admin_rules import lock_down

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("scholen/", include("schools.urls")),
    path("dossiers/", include("cases.urls")),
    path("verwijzingen/", include("referrals.urls")),
    path("zat/", include("zat.urls")),
    path("rapportages/", include("reports.urls")),
    path("uren/", include("timesheet.urls")),
    path("privacy/", include("privacy.urls")),
    path("meldcode/", include("meldcode.urls")),
    path("documenten/", include("documents.urls")),
    path("dossierexport/", include("dossier.urls")),
    path("bewaren/", include("retention.urls")),
    path("continuiteit/", include("continuity.urls")),
    path("rechten/", include("rights.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("healthz", account_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
if settings.SMW_BENCH:
    # Only while `make bench` runs (the bench app is installed then): the minimal logged-in
    # page it compares pages with.
    urlpatterns.append(path("bench/", include("bench.urls")))

handler500 = "smw.views.server_error"

admin.site.site_header = "SMW"
admin.site.site_title = "SMW"
admin.site.index_title = "Beheer"
lock_down(admin.site)
