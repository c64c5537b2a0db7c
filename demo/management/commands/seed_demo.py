"""`manage.py seed_demo`: the demo data of `make demo` (the demo app). Idempotent: running it
again changes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.access import seed_access_history
from demo.cases import seed_cases
from demo.continuity import seed_continuity
from demo.documents import seed_documents
from demo.dossier import seed_dossier_export
from demo.meldcode import seed_meldcode
from demo.people import seed_people
from demo.referrals import seed_referrals, seed_social_map
from demo.retention import seed_retention
from demo.rights import seed_rights
from demo.stand_ins import seed_stand_ins
from demo.timesheet import seed_time_entries
from demo.zat import seed_meetings


class Command(BaseCommand):
    help = "Load the SMW demo data (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        schools, users, year = seed_people()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(schools)} schools, {len(users)} logins, school year {year}."
            )
        )
        seed_cases(stdout=self.stdout)
        entries = seed_social_map()
        referrals = seed_referrals()
        meetings = seed_meetings()
        hours = seed_time_entries()
        trajectories = seed_meldcode()
        self.stdout.write(
            f"Sociale kaart: {entries} organisations; {referrals} referrals added; "
            f"ZAT meetings added: {meetings}; time entries added: {hours}; "
            f"meldcode trajectories added: {trajectories}."
        )
        self.stdout.write(f"Stand-ins added: {seed_stand_ins()}.")
        self.stdout.write(f"Documents on cases added: {seed_documents()}.")
        self.stdout.write(f"Retention dossiers added: {seed_retention()}.")
        continuity = seed_continuity()
        self.stdout.write(
            f"Next school year's assignments added: {continuity['next_year']}; "
            f"consents marked to ask again: {continuity['asked_again']}."
        )
        self.stdout.write(f"AVG requests added: {seed_rights()}.")
        # last: the history reads the cases and people above
        seed_access_history(stdout=self.stdout)
        # after the history: the export's access-log extract shows it
        self.stdout.write(f"Dossier exports made: {seed_dossier_export()}.")
