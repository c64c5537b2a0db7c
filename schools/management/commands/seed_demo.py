"""Demo data: one organisation, two municipalities, six schools, the current school year,
assignments, the seven demo logins and a caseload (cases/demo.py). Idempotent: running it again
changes nothing."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Membership, Role, User
from cases.demo import seed_cases
from referrals.demo import seed_referrals, seed_social_map
from reports.demo import seed_time_entries
from schools.models import Assignment, Municipality, Organisation, School, SchoolYear
from zat.demo import seed_meetings

DEMO_PASSWORD = "smw-demo-2026"  # noqa: S105 - the documented demo password, see README

ORGANISATION = "Stichting Jeugd & School"
MUNICIPALITIES = ["Utrecht", "Nieuwegein"]
# name, BRIN, sector, municipality, worker, contracted hours, funding source
SCHOOLS = [
    ("OBS De Regenboog", "04AB", "PO", "Utrecht", "smw", "240", "gemeente"),
    ("SBO De Brug", "07CD", "SBO", "Utrecht", "smw", "160", "samenwerkingsverband"),
    ("Christelijk Lyceum Oudwijk", "12EF", "VO", "Utrecht", "smw", "320", "school"),
    ("CBS Het Kompas", "15GH", "PO", "Nieuwegein", "smw2", "200", "gemeente"),
    ("SO De Wissel", "18JK", "SO", "Nieuwegein", "smw2", "160", "samenwerkingsverband"),
    (
        "ROC Midden-Nederland locatie Nieuwegein",
        "21LM01",
        "MBO",
        "Nieuwegein",
        "smw2",
        "280",
        "school",
    ),
]
# username, first name, last name, role, scope
PEOPLE = [
    ("smw", "Sanne", "de Vries", Role.WORKER, ORGANISATION),
    ("smw2", "Mohamed", "El Amrani", Role.WORKER, ORGANISATION),
    ("zc", "Karin", "Jansen", Role.COORDINATOR, "OBS De Regenboog"),
    ("zc2", "Peter", "Bakker", Role.COORDINATOR, "CBS Het Kompas"),
    ("teamleider", "Ingrid", "Visser", Role.TEAMLEAD, ORGANISATION),
    ("gemeente", "Bas", "Hendriks", Role.MUNICIPALITY, "Utrecht"),
    ("beheer", "Lotte", "Smit", Role.ADMIN, None),
]
MASTER_DATA_PERMISSIONS = {
    "schools": ["organisation", "municipality", "school", "schoolyear", "assignment"],
    "accounts": ["user", "membership"],
    "referrals": ["socialmapentry"],
}


class Command(BaseCommand):
    help = "Load the SMW demo data (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        organisation, _ = Organisation.objects.get_or_create(name=ORGANISATION)
        municipalities = {
            name: Municipality.objects.get_or_create(name=name)[0] for name in MUNICIPALITIES
        }
        year = SchoolYear.current()
        schools = {}
        for name, brin, sector, municipality, *_rest in SCHOOLS:
            schools[name], _ = School.objects.update_or_create(
                brin=brin,
                defaults={
                    "name": name,
                    "sector": sector,
                    "municipality": municipalities[municipality],
                },
            )

        users = {}
        for username, first, last, role, scope in PEOPLE:
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@demo.smw.localhost",
                    "is_active": True,
                    "is_staff": role == Role.ADMIN,
                },
            )
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            scope_kwargs = {}
            if role in (Role.WORKER, Role.TEAMLEAD):
                scope_kwargs["organisation"] = organisation
            elif role == Role.COORDINATOR:
                scope_kwargs["school"] = schools[scope]
            elif role == Role.MUNICIPALITY:
                scope_kwargs["municipality"] = municipalities[scope]
            Membership.objects.get_or_create(user=user, role=role, **scope_kwargs)
            users[username] = user

        for name, _brin, _sector, _municipality, worker, hours, funding in SCHOOLS:
            Assignment.objects.update_or_create(
                worker=users[worker],
                school=schools[name],
                school_year=year,
                defaults={"contracted_hours": Decimal(hours), "funding_source": funding},
            )

        group = self._master_data_group()
        users["beheer"].groups.add(group)
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
        self.stdout.write(
            f"Sociale kaart: {entries} organisations; {referrals} referrals added; "
            f"ZAT meetings added: {meetings}; time entries added: {hours}."
        )

    @staticmethod
    def _master_data_group() -> Group:
        group, _ = Group.objects.get_or_create(name="Functioneel beheer")
        perms = Permission.objects.filter(
            content_type__app_label__in=MASTER_DATA_PERMISSIONS.keys()
        ).select_related("content_type")
        group.permissions.set(
            p
            for p in perms
            if p.content_type.model in MASTER_DATA_PERMISSIONS[p.content_type.app_label]
        )
        return group
