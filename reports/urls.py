from django.urls import path

from . import funding_views, views

app_name = "reports"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/opnieuw/", views.retry, name="retry"),
    path("mislukt/", views.failed, name="failed"),
    path("financiering/", funding_views.funding, name="funding"),
    path("financiering/maak/", funding_views.funding_make, name="funding_make"),
    path("financiering/<int:pk>/", funding_views.funding_run, name="funding_run"),
    path("financiering/export.<str:fmt>", funding_views.funding_export, name="funding_export"),
]
