from django.urls import path

from . import views

app_name = "schools"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("mijn-school/", views.coordinator, name="coordinator"),
    path("gemeente/", views.territory, name="territory"),
    path("<int:pk>/", views.detail, name="detail"),
]
