from django.urls import path

from . import views

app_name = "rights"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("dossier/<int:case_pk>/nieuw/", views.request_new, name="new"),
    path("dossier/<int:case_pk>/corrigeren/", views.correct_pupil, name="correct"),
    path("dossier/<int:case_pk>/historie/", views.history, name="history"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/voorleggen/", views.submit, name="submit"),
    path("<int:pk>/besluiten/", views.decide, name="decide"),
    path("<int:pk>/verlengen/", views.extend, name="extend"),
    path("<int:pk>/afronden/", views.close, name="close"),
    path("<int:pk>/eigen-verklaring/", views.statement, name="statement"),
    path("<int:pk>/brief/", views.letter, name="letter"),
]
