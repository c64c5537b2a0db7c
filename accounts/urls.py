from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "accounts"

# The password pages share one template; each view brings its own words.
PAGE = "registration/password.html"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("sessie/verlengen/", views.extend_session, name="extend_session"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            template_name=PAGE,
            extra_context={"heading": _("Reset your password"), "submit": _("Send reset link")},
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name=PAGE,
            extra_context={
                "heading": _("Check your e-mail"),
                "message": _(
                    "If an account with that address exists, we have sent a link to choose a new "
                    "password."
                ),
            },
        ),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete"),
            template_name=PAGE,
            extra_context={"heading": _("Choose a new password"), "submit": _("Save")},
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name=PAGE,
            extra_context={
                "heading": _("Password changed"),
                "message": _("Your new password is set. You can sign in now."),
            },
        ),
        name="password_reset_complete",
    ),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:password_change_done"),
            template_name=PAGE,
            extra_context={"heading": _("Change password"), "submit": _("Save")},
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name=PAGE,
            extra_context={
                "heading": _("Password changed"),
                "message": _("Your new password is set."),
            },
        ),
        name="password_change_done",
    ),
    path("2fa/setup/", views.otp_setup, name="otp_setup"),
    path("2fa/verify/", views.otp_verify, name="otp_verify"),
    path("2fa/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("team/", views.team, name="team"),
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.manage_user_new, name="manage_user_new"),
    path("manage/<int:pk>/", views.manage_user, name="manage_user"),
    path("manage/<int:pk>/active/", views.manage_user_active, name="manage_user_active"),
    path("manage/<int:pk>/roles/", views.manage_role_give, name="manage_role_give"),
    path(
        "manage/<int:pk>/roles/<int:membership_pk>/take/",
        views.manage_role_take,
        name="manage_role_take",
    ),
    path("approvals/", views.approvals, name="approvals"),
    path("approvals/<int:pk>/", views.approval_decide, name="approval_decide"),
]
