"""`manage.py grant_app_role ROLE`: run by the migration role after every migrate (by itself when
DATABASE_APP_ROLE names the role), so the app role may use new tables and nothing more."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from audit.privileges import APPEND_ONLY_TABLES, UnsuitableRole, grant_app_role


class Command(BaseCommand):
    help = (
        "Grant the app role (the web processes and Celery workers) exactly its privileges: rows "
        "of every table read and written, append-only tables only read and added to, no DDL."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="the app role, e.g. smw_app")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, role: str, database: str, **options) -> None:
        try:
            grant_app_role(role, using=database)
        except UnsuitableRole as refused:
            raise CommandError(str(refused)) from refused
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"{role} may read and write rows, and only add to {', '.join(APPEND_ONLY_TABLES)}."
            )
