from django.urls import path

from . import views

app_name = "timesheet"

urlpatterns = [
    path("", views.week, name="week"),
    path("nieuw/", views.entry_new, name="entry_new"),
    path("<int:pk>/", views.entry_edit, name="entry_edit"),
    path("<int:pk>/verwijderen/", views.entry_delete, name="entry_delete"),
]
