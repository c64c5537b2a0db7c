from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("dossier/<int:case_pk>/toevoegen/", views.upload, name="upload"),
    path("<int:pk>/downloaden/", views.download, name="download"),
    path("<int:pk>/verwijderen/", views.remove, name="remove"),
]
