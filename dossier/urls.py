from django.urls import path

from . import views

app_name = "dossier"

urlpatterns = [
    path("", views.export_list, name="list"),
    path("dossier/<int:case_pk>/nieuw/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/achterhouden/", views.withhold, name="withhold"),
    path("<int:pk>/terugzetten/<int:withholding_pk>/", views.release, name="release"),
    path("<int:pk>/opnieuw/", views.make_again, name="make_again"),
    path("<int:pk>/overhandigen/", views.hand_over, name="hand_over"),
    path("<int:pk>/download/<str:fmt>/", views.download, name="download"),
]
