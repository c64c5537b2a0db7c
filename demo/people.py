"""The demo's organisation, municipalities, six schools, the current school year, the nine
demo logins with their roles, and the workers' assignments. Idempotent: running it again
changes nothing."""

from __future__ import annotations

from decimal import Decimal

from accounts import workflow as accounts_workflow
from accounts.models import Membership, Role, RoleRequest, User
from schools.models import Assignment, Municipality, Organisation, School, SchoolYear

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
    ("privacy", "Femke", "Mulder", Role.PRIVACY, ORGANISATION),
    ("aandacht", "Ruud", "de Boer", Role.SAFEGUARDING, ORGANISATION),
]
MASTER_DATA_PERMISSIONS = {
    "schools": ["organisation", "municipality", "school", "schoolyear", "assignment"],
    "accounts": ["user", "membership"],
    "referrals": ["socialmapentry"],
    "meldcode": ["setting"],
}


def seed_people() -> tuple[dict[str, School], dict[str, User], SchoolYear]:
    """Create or update the organisation, schools, logins and assignments; returns the schools
    and logins by name, and the school year."""
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
                # Nobody of the demo is staff: the admin is for operations (superusers) only.
                "is_staff": False,
                "is_superuser": False,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        scope_kwargs = {}
        if Membership.SCOPE[role] == "organisation":
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

    # No permission group either: SMW decides by role; `beheer` works in SMW's own pages.
    users["beheer"].groups.clear()
    users["beheer"].user_permissions.clear()
    _waiting_role_request(users, schools)
    return schools, users, year


def _waiting_role_request(users: dict[str, User], schools: dict[str, School]) -> None:
    """One role the application manager asked for, waiting for the team leader or the privacy
    officer to approve it (four-eyes): Peter Bakker to coordinate a second school too."""
    school = schools["SO De Wissel"]
    person = users["zc2"]
    if RoleRequest.objects.filter(user=person, role=Role.COORDINATOR, school=school).exists():
        return
    if person.memberships.filter(role=Role.COORDINATOR, school=school).exists():
        return
    accounts_workflow.give_role(person, by=users["beheer"], role=Role.COORDINATOR, school=school)
