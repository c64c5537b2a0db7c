from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("voorstellen/", views.propose, name="propose"),
    path("lijsten/<int:pk>/", views.list_detail, name="list"),
    path("lijsten/<int:pk>/verklaring.pdf", views.certificate, name="certificate"),
    path("dossiers/<int:pk>/", views.dossier, name="dossier"),
    path("dossiers/<int:pk>/langer/", views.extend, name="extend"),
    path("dossiers/<int:pk>/bewaarplicht/", views.hold, name="hold"),
    path("bewaarplicht/<int:pk>/opheffen/", views.lift, name="lift"),
    path("termijn/", views.policy, name="policy"),
]
