from django.urls import path

from . import views

app_name = "zat"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("nieuw/", views.meeting_new, name="new"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/deelnemer/", views.attendee_add, name="attendee_add"),
    path("<int:pk>/agendapunt/", views.item_add, name="item_add"),
    path("<int:pk>/notulen.pdf", views.minutes_pdf, name="minutes"),
    path("agendapunt/<int:pk>/", views.item_edit, name="item"),
    path("actie/<int:pk>/", views.action_toggle, name="action_toggle"),
]
