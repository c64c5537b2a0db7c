"""python manage.py reapply_destructions: after restoring a backup, destroy again every dossier
the destruction records say was destroyed (docs/operations.md). Idempotent."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from retention.destroy import reapply


class Command(BaseCommand):
    help = "Destroy again, from the destruction records, what a restored backup gave back."

    def handle(self, *args, **options):
        done = reapply()
        self.stdout.write(f"{done} destroyed dossier(s) erased again from the destruction records.")
