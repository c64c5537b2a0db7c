from django.urls import path

from . import views

app_name = "continuity"

urlpatterns = [
    path("vertrek/<int:worker_pk>/", views.leaver, name="leaver"),
    path("volgend-schooljaar/", views.next_year, name="next_year"),
    path("zomervakantie/", views.summer, name="summer"),
    path("dossier/<int:pk>/verhuizing/", views.move, name="move"),
    path("dossier/<int:pk>/norm/", views.norm_reason, name="norm_reason"),
]
