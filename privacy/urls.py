from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("logboek/", views.log, name="log"),
    path("leerlingen/", views.pupils, name="pupils"),
    path("leerlingen/<int:pk>/", views.pupil_extract_page, name="extract"),
    path("personen/<int:pk>/", views.person, name="person"),
    path("inloggen/", views.sign_ins, name="sign_ins"),
    path("inloggen/mislukt/", views.failed_sign_ins, name="failed_sign_ins"),
    path("signalen/", views.signals, name="signals"),
    path("signalen/<int:pk>/", views.signal, name="signal"),
]
