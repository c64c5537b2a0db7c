from django.urls import path

from . import views

app_name = "schools"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("mijn-school/", views.coordinator, name="coordinator"),
    path("gemeente/", views.territory, name="territory"),
    path("<int:pk>/", views.detail, name="detail"),
    path("beheer/", views.manage, name="manage"),
    path("beheer/nieuw/", views.manage_school, name="manage_school_new"),
    path("beheer/<int:pk>/", views.manage_school, name="manage_school"),
    path(
        "beheer/organisatie/toevoegen/",
        views.manage_add_name,
        {"kind": "organisation"},
        name="manage_add_organisation",
    ),
    path(
        "beheer/gemeente/toevoegen/",
        views.manage_add_name,
        {"kind": "municipality"},
        name="manage_add_municipality",
    ),
    path("beheer/inzet/", views.manage_assignments, name="manage_assignments"),
    path("beheer/inzet/nieuw/", views.manage_assignment, name="manage_assignment_new"),
    path("beheer/inzet/<int:pk>/", views.manage_assignment, name="manage_assignment"),
    path(
        "beheer/inzet/<int:pk>/verwijderen/",
        views.manage_assignment_end,
        name="manage_assignment_end",
    ),
]
