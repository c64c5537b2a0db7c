"""`python manage.py seed_bench --scale 1`: the benchmark region (bench/seed.py)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from bench.seed import NonBenchData, seed, seeded_scale


class Command(BaseCommand):
    help = (
        "Build the benchmark region in the configured database: at scale 1, 12 municipalities, "
        "300 schools, 80 workers, ten school years, 60,000 pupils and cases, 600,000 contacts. "
        "Erases SMW's tables first; refuses a database with other data unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 is the full region.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Erase a database that holds data seed_bench did not make, then seed.",
        )
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="Do nothing when the region at this scale is there already.",
        )

    def handle(self, *args, scale: float, force: bool, reuse: bool, **options) -> None:
        if reuse and seeded_scale() == scale:
            self.stdout.write(f"The bench region at scale {scale:g} is there already.")
            return
        started = time.monotonic()
        try:
            with translation.override(settings.LANGUAGE_CODE):
                counts = seed(scale, force=force)
        except (NonBenchData, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.monotonic() - started
        width = max(len(t) for t in counts)
        for table, count in sorted(counts.items()):
            self.stdout.write(f"  {table:<{width}} {count:>9,}")
        self.stdout.write(
            self.style.SUCCESS(f"Seeded the bench region at scale {scale:g} in {seconds:.1f} s.")
        )
