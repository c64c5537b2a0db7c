from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sociale-kaart/", views.social_map, name="social_map"),
    path("sociale-kaart/<int:pk>/", views.social_map_entry, name="entry"),
    path("sociale-kaart/beheer/", views.social_map_manage, name="social_map_manage"),
    path("sociale-kaart/beheer/nieuw/", views.social_map_entry_manage, name="social_map_new"),
    path("sociale-kaart/beheer/<int:pk>/", views.social_map_entry_manage, name="social_map_edit"),
    path("dossier/<int:case_pk>/toestemming/", views.consent_new, name="consent_new"),
    path("toestemming/<int:pk>/intrekken/", views.consent_withdraw, name="consent_withdraw"),
    path("dossier/<int:case_pk>/verwijzen/", views.referral_new, name="referral_new"),
    path("<int:pk>/", views.referral_detail, name="detail"),
]
