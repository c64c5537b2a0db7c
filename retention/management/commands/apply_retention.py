"""python manage.py apply_retention [--dry-run]: the daily retention job by hand.

Lists the dossiers whose retention term has passed. Without --dry-run it also does what the
daily job does: holds from meldingen to Veilig Thuis, approved destruction lists carried out,
expired werkaantekeningen destroyed and their authors told. It never destroys a dossier that is
not on a list approved by the privacy officer."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from retention.daily import run_daily


class Command(BaseCommand):
    help = "List the dossiers past their retention term and carry out approved destruction lists."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list; change and send nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        result = run_daily(dry_run=dry_run)
        due = result["due"]
        self.stdout.write(f"{len(due)} dossier(s) past their retention term:")
        for dossier in due:
            self.stdout.write(
                f"  pupil {dossier.pupil_id}  cases {', '.join(dossier.case_numbers)}  "
                f"help ended {dossier.last_closed_on:%d-%m-%Y}  "
                f"term ended {dossier.term_ended_on:%d-%m-%Y}  organisation "
                f"{dossier.organisation_id}"
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was changed or destroyed.")
            return
        self.stdout.write(
            f"{result['destroyed']} dossier(s) destroyed from approved lists; "
            f"{result['work_notes']} work note(s) destroyed; {result['notices']} notice(s) sent; "
            f"{result['holds']} legal hold(s) placed for meldingen."
        )
