"""python manage.py reapply_destructions: after restoring a backup, destroy again every dossier
the destruction records say was destroyed (docs/operations.md). Idempotent."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from retention.destroy import reapply


class Command(BaseCommand):
    help = "Destroy again, from the destruction records, what a restored backup gave back."

    def add_arguments(self, parser):
        parser.add_argument(
            "--journal",
            default=None,
            help="The destruction journal kept apart from the backups (default: "
            "SMW_DESTRUCTION_JOURNAL); its records the restored database lacks are written again.",
        )

    def handle(self, *args, journal=None, **options):
        from pathlib import Path

        from django.conf import settings

        path = journal or settings.SMW_DESTRUCTION_JOURNAL
        if journal and not Path(journal).exists():
            raise CommandError(f"No journal at {journal}")
        done = reapply(journal_path=path if path and Path(path).exists() else None)
        self.stdout.write(f"{done} destroyed dossier(s) erased again from the destruction records.")
