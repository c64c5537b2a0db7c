from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Users and roles")

    def ready(self) -> None:
        # The empty choice of every select ("- Select an option -", new in Django 6.1) has no
        # Dutch in Django's own catalogue yet: SMW names it in its own. Django reads it each
        # time a form or a field's choices are made.
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = _("- Choose -")

        from django.contrib.auth.signals import user_logged_in

        from .sessions import stamp_sign_in

        user_logged_in.connect(stamp_sign_in, dispatch_uid="smw-stamp-sign-in")
