from django.urls import path

from . import views

app_name = "meldcode"

urlpatterns = [
    path("", views.trajectory_list, name="list"),
    path("dossier/<int:case_pk>/starten/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/signalen/", views.signals, name="signals"),
    path("<int:pk>/consultatie/", views.consultation_new, name="consultation_new"),
    path("<int:pk>/consultatie/afronden/", views.finish_consultation, name="finish_consultation"),
    path("<int:pk>/gesprek/", views.conversation, name="conversation"),
    path("<int:pk>/wegen/", views.weigh, name="weigh"),
    path("<int:pk>/melding/", views.melding, name="melding"),
    path("<int:pk>/hulp/", views.help_organised, name="help"),
    path("<int:pk>/terugkoppeling/", views.feedback, name="feedback"),
    path("<int:pk>/afsluiten/", views.close, name="close"),
    path("<int:pk>/pdf/", views.pdf, name="pdf"),
]
