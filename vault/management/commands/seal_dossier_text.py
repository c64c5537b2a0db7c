"""Seal dossier text that is still plain in the database (vault.existing.seal_existing).

The data migration does this once; run it again after rows were written outside the ORM (the
benchmark's COPY does it itself). Idempotent: sealed text is left as it is.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from vault.existing import seal_existing


class Command(BaseCommand):
    help = "Seal every plain dossier text with its pupil's key."

    def handle(self, *args, **options):
        with transaction.atomic():
            rows = seal_existing()
        self.stdout.write(f"Rows sealed: {rows}.")
