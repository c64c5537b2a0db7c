from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("team/<int:worker_pk>/", views.reassign, name="reassign"),
    path("", views.caseload, name="caseload"),
    path("school/", views.school_caseload, name="school"),
    path("zoeken/", views.search, name="search"),
    path("aanmelden/", views.signal_new, name="signal_new"),
    path("aanmelden/leerlingen/", views.pupil_matches, name="pupil_matches"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/voortgang/", views.progress, name="progress"),
    path("<int:pk>/oppakken/", views.take_on, name="take_on"),
    path("<int:pk>/naar/<str:target>/", views.transition, name="transition"),
    path("<int:pk>/intake/", views.intake_edit, name="intake"),
    path("<int:pk>/plan/", views.plan_edit, name="plan"),
    path("<int:pk>/versies/<str:text>/", views.versions, name="versions"),
    path("<int:pk>/evaluatie/", views.evaluation_new, name="evaluation_new"),
    path("<int:pk>/contact/", views.contact_new, name="contact_new"),
    path("<int:pk>/afsluiten/", views.close, name="close"),
    path("<int:pk>/heropenen/", views.reopen, name="reopen"),
    path("<int:pk>/ouders/", views.guardian_edit, name="guardian_new"),
    path("<int:pk>/ouders/<int:guardian_pk>/", views.guardian_edit, name="guardian_edit"),
    path("groepen/", views.group_list, name="group_list"),
    path("groepen/nieuw/", views.group_new, name="group_new"),
    path("groepen/<int:pk>/", views.group_detail, name="group_detail"),
    path("groepen/<int:pk>/bijeenkomst/", views.group_session_new, name="group_session_new"),
    path("consultaties/", views.consultation_list, name="consultation_list"),
    path("consultaties/nieuw/", views.consultation_new, name="consultation_new"),
    path("<int:pk>/noodtoegang/", views.emergency, name="emergency"),
    path("waarnemingen/", views.stand_in_list, name="stand_in_list"),
    path("waarnemingen/nieuw/", views.stand_in_new, name="stand_in_new"),
    path("waarnemingen/<int:pk>/", views.stand_in_detail, name="stand_in_detail"),
    path("waarnemingen/<int:pk>/beeindigen/", views.stand_in_end, name="stand_in_end"),
    path("waarnemingen/<int:pk>/verwijderen/", views.stand_in_delete, name="stand_in_delete"),
]
