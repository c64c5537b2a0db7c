from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Access log")

    def ready(self):
        # Once per migrate (sender: this app), after every app's migrations.
        post_migrate.connect(_grant_app_role_after_migrate, sender=self)


def _grant_app_role_after_migrate(sender, using, verbosity=1, stdout=None, **kwargs):
    """With DATABASE_APP_ROLE set, every migrate ends by granting that role its privileges, so a
    new table is usable by the app at once. Not when the connection acts as that role itself (a
    flush run by the app role emits post_migrate too): it can grant nothing."""
    from django.conf import settings
    from django.core.management import CommandError
    from django.db import connections

    from .privileges import UnsuitableRole, grant_app_role

    role = settings.DATABASE_APP_ROLE
    if not role:
        return
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT current_user")
        if cursor.fetchone()[0] == role:
            return
    try:
        grant_app_role(role, using=using)
    except UnsuitableRole as refused:
        raise CommandError(f"DATABASE_APP_ROLE: {refused}") from refused
    if verbosity >= 1 and stdout is not None:
        stdout.write(f"  Granted the app role {role} its privileges.\n")
