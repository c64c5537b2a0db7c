"""The benchmark region: ten school years of a regional SMW provider, written with COPY.

At scale 1: 12 municipalities, 300 schools, 80 workers, 60,000 pupils with a case each (every
stage, with its CaseEvent timeline), about 600,000 contacts, 20,000 referrals, 3,000 ZAT
meetings, 200,000 time entries and the monthly registration runs of ten years. `--scale 0.1`
is a tenth of everything except the municipalities (2) and the school years (10), so a worker's
caseload, a school's cases and a case's timeline are the same size at both scales: only the
depth of the tables differs. That is what the benchmark compares.

Every row comes from one seeded random generator (SEED), relative to today: the same date and
scale give the same data. Rows are written with PostgreSQL COPY in one transaction, with
foreign-key triggers off while loading (the rows are consistent by construction) when the
database role may do so.

Two rows are planted for the benchmark, identical at every scale:
- case 1: an open case of bench-worker-1 in stage help with 200 timeline entries (190 contacts);
- meeting 1: a ZAT meeting of bench-worker-1's first school, last week, with 30 agenda items.

Logins: bench-worker-1 … (workers), bench-zc-1 … (a coordinator per school; bench-zc-1 has
bench-worker-1's first school), bench-teamleider-1, bench-gemeente-1 … (officer of a
municipality; 1 is the largest) and bench-beheer, all with the password in SMW_BENCH_PASSWORD
(default BENCH_PASSWORD, for benchmark databases only).
"""

from __future__ import annotations

import datetime
import math
import os
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Membership, Role, User
from audit.privileges import append_only_suspended
from cases.models import (
    Case,
    CaseEvent,
    Category,
    Contact,
    Evaluation,
    Goal,
    GoalResult,
    Guardian,
    Intake,
    Plan,
    Pupil,
)
from referrals.models import Consent, Referral, ReferralStatusChange, SocialMapEntry
from reports.models import ReportRun
from schools.models import Assignment, Municipality, Organisation, School, SchoolYear
from timesheet.models import TimeEntry
from vault.existing import seal_existing
from zat.models import ActionPoint, AgendaItem, Attendee, Meeting

SEED = 2026
# Raised when the region changes, so that `seed_bench --reuse` seeds an older one again
# (2: ten years of access log).
DATA_VERSION = 2
BENCH_PASSWORD = "smw-bench-2026"  # noqa: S105 - benchmark databases only, see docs/performance.md
ORGANISATION_PREFIX = "SMW Benchmarkregio"
YEARS = 10
SHOWCASE_EVENTS = 200
SHOWCASE_ITEMS = 30
UTC = datetime.UTC
Stage = Case.Stage

MUNICIPALITIES = [
    "Utrecht",
    "Amersfoort",
    "Veenendaal",
    "Nieuwegein",
    "Zeist",
    "Houten",
    "Woerden",
    "De Bilt",
    "IJsselstein",
    "Stichtse Vecht",
    "Vijfheerenlanden",
    "Lopik",
]
FIRST_NAMES = (  # noqa: SIM905 - a list of names reads best as text
    "Daan Sem Noah Lucas Levi Finn Luuk Milan Jesse Bram Liam Thijs Max Mees Sam Ties Adam "
    "Julian Mohammed Ryan Thomas Ruben Jayden Lars Stijn Gijs Tim Hugo Emma Julia Mila Tess Sophie "
    "Zoë Sara Nora Yara Eva Liv Lotte Evi Noor Saar Fenna Lieke Fleur Anna Roos Isa Nina Lynn "
    "Amira Fatima Yasmina Aya Salma Ilias Ayoub Youssef Kevin Dylan Romy Jasmijn Lina Hanna Femke "
    "Sanne Jelle Wout Koen Niels Joris Maud Lisa Floor Merel Esmee Bo Vera Iris"
).split()
LAST_NAMES = (  # noqa: SIM905
    "de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|"
    "Mulder|de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|"
    "de Graaf|van der Meer|van der Linden|Kok|Jacobs|de Haan|Vermeulen|van den Heuvel|"
    "van der Veen|van den Broek|de Bruijn|de Bruin|van der Heijden|Schouten|van Beek|Willems|"
    "van Vliet|van de Ven|Hoekstra|Maas|Verhoeven|Koster|van Dam|van der Wal|Prins|Blom|Huisman|"
    "Peeters|de Lange|Kuijpers|Kuipers|van Wijk|Postma|Kramer|van den Bosch|Vink|Hoogendoorn|"
    "El Amrani|Yilmaz|Kaya|Demir|Bouzid|El Idrissi|Öztürk|Benali|Aydin|Çelik|Nguyen|Tran|"
    "Pinas|Sedney|Martina|Kisoensingh|Ramdin|Hassan|Mohamed|Ahmadi|Haddou|Boukhari|Şahin|"
    "Wouters|Groen|Scholten|Post|Veenstra|Timmermans|Verbeek|Franken|Lammers|Gerritsen|Sanders"
).split("|")
SCHOOL_NAMES = (  # noqa: SIM905
    "De Regenboog|Het Kompas|De Wereldboom|De Bongerd|Het Palet|De Vlinder|De Zonnewijzer|"
    "De Klimop|Het Mozaïek|De Wilgen|De Linde|Het Anker|De Eendracht|De Fontein|De Horizon|"
    "De Vuurvogel|Het Baken|De Toermalijn|De Kameleon|Het Startpunt|De Sterrenwacht|De Boomgaard|"
    "De Waterlelie|Het Spectrum|De Tweemaster|De Meander|De Schakel|De Brug|De Wissel|De Kring"
).split("|")
SECTORS = [("PO", 70), ("SBO", 5), ("SO", 4), ("VO", 15), ("MBO", 6)]
SECTOR_PREFIX = {
    "PO": ["OBS", "CBS", "RKBS", "IKC", "Basisschool"],
    "SBO": ["SBO"],
    "SO": ["SO"],
    "VO": ["Lyceum", "College", "Scholengemeenschap"],
    "MBO": ["ROC locatie"],
}
# Relative number of pupils in care per school, by sector.
SECTOR_WEIGHT = {"PO": 1.0, "SBO": 1.6, "SO": 1.4, "VO": 2.2, "MBO": 2.5}
AGES = {"PO": (4, 12), "SBO": (6, 12), "SO": (5, 16), "VO": (12, 17), "MBO": (16, 21)}
CATEGORY_WEIGHTS = [
    (Category.SOCIAL_EMOTIONAL, 24),
    (Category.BEHAVIOUR, 14),
    (Category.DIVORCE, 12),
    (Category.PARENTING, 11),
    (Category.BULLYING, 8),
    (Category.GRIEF, 6),
    (Category.DEVELOPMENT, 6),
    (Category.ABSENTEEISM, 5),
    (Category.MENTAL_HEALTH, 5),
    (Category.DOMESTIC_VIOLENCE, 3),
    (Category.POVERTY, 3),
    (Category.SUBSTANCE_USE, 1),
    (Category.SEXUAL_ABUSE, 1),
    (Category.OTHER, 2),
]
SOURCES = [
    (Case.Source.TEACHER, 30),
    (Case.Source.IB, 25),
    (Case.Source.COORDINATOR, 15),
    (Case.Source.PARENT, 15),
    (Case.Source.PUPIL, 5),
    (Case.Source.ZAT, 7),
    (Case.Source.EXTERNAL, 3),
]
CONTACT_KINDS = [
    (Contact.Kind.PUPIL, 40),
    (Contact.Kind.PARENTS, 20),
    (Contact.Kind.PHONE, 15),
    (Contact.Kind.TEACHER, 10),
    (Contact.Kind.FAMILY, 5),
    (Contact.Kind.HOME_VISIT, 4),
    (Contact.Kind.MEDIATION, 3),
    (Contact.Kind.OTHER, 3),
]
PLACE_FOR_KIND = {
    Contact.Kind.HOME_VISIT: Contact.Place.HOME,
    Contact.Kind.PHONE: Contact.Place.ELSEWHERE,
}
CONTACT_SUMMARIES = [
    "Gesprek over hoe het gaat in de klas en thuis; afspraken van vorige keer besproken.",
    "Oefening met gevoelens benoemen; leerling doet goed mee en vertelt meer dan vorige keer.",
    "Ouders vertellen dat het thuis rustiger is; samen het vervolg afgesproken.",
    "Telefonisch contact met moeder over de aanmelding en de toestemming.",
    "Afstemming met de leerkracht over de time-out-afspraak in de klas.",
    "Huisbezoek: kennismaking met het gezin, hulpvraag verder verhelderd.",
    "Evaluatie van de doelen met leerling en mentor; twee doelen op koers.",
]
TIME_ACTIVITIES = [
    (TimeEntry.Activity.CONSULTATION, 25),
    (TimeEntry.Activity.ADMIN, 30),
    (TimeEntry.Activity.MEETING, 15),
    (TimeEntry.Activity.ZAT, 10),
    (TimeEntry.Activity.TRAVEL, 12),
    (TimeEntry.Activity.TRAINING, 4),
    (TimeEntry.Activity.OTHER, 4),
]
SOCIAL_MAP_LOCAL = [
    (SocialMapEntry.Kind.WIJKTEAM, "Buurtteam Jeugd en Gezin {m}", 3),
    (SocialMapEntry.Kind.YOUTH_DOCTOR, "JGZ {m}", 2),
    (SocialMapEntry.Kind.ATTENDANCE, "Leerplicht {m}", 1),
    (SocialMapEntry.Kind.SOCIAL_WORK, "Maatschappelijk werk {m}", 4),
    (SocialMapEntry.Kind.GROUPS, "Gespreksgroepen {m}", 6),
    (SocialMapEntry.Kind.YOUTH_CARE, "Jeugdhulp {m}", 8),
    (SocialMapEntry.Kind.GP, "Huisartsenpraktijk {m}-Centrum", 1),
]
SOCIAL_MAP_REGIONAL = [
    (SocialMapEntry.Kind.VEILIG_THUIS, "Veilig Thuis regio {n}", 0),
    (SocialMapEntry.Kind.YOUTH_MENTAL_HEALTH, "Jeugd-GGZ regio {n}", 16),
    (SocialMapEntry.Kind.YOUTH_MENTAL_HEALTH, "Kinder- en jeugdpsychologen {n}", 10),
]
REFERRAL_KIND_WEIGHTS = {
    SocialMapEntry.Kind.WIJKTEAM: 30,
    SocialMapEntry.Kind.YOUTH_MENTAL_HEALTH: 25,
    SocialMapEntry.Kind.YOUTH_CARE: 12,
    SocialMapEntry.Kind.SOCIAL_WORK: 8,
    SocialMapEntry.Kind.GROUPS: 8,
    SocialMapEntry.Kind.YOUTH_DOCTOR: 6,
    SocialMapEntry.Kind.VEILIG_THUIS: 4,
    SocialMapEntry.Kind.ATTENDANCE: 4,
    SocialMapEntry.Kind.GP: 3,
}


@dataclass(frozen=True)
class Size:
    municipalities: int
    schools: int
    workers: int
    pupils: int
    contacts: int
    referrals: int
    meetings: int
    time_entries: int

    @classmethod
    def at(cls, scale: float) -> Size:
        def n(full: int, least: int = 1) -> int:
            return max(least, round(full * scale))

        return cls(
            municipalities=min(12, n(12, 2)),
            schools=n(300, 2),
            workers=n(80, 1),
            pupils=n(60_000, 20),
            contacts=n(600_000, 250),
            referrals=n(20_000, 5),
            meetings=n(3_000, 2),
            time_entries=n(200_000, 10),
        )


class NonBenchData(Exception):
    """The database holds data that seed_bench did not make."""


def organisation_name(scale: float) -> str:
    return f"{ORGANISATION_PREFIX} (schaal {scale:g}, seed {SEED}, versie {DATA_VERSION})"


def seeded_scale(using: str = "default") -> float | None:
    """The scale of the bench region in the database, or None when there is none."""
    name = (
        Organisation.objects.using(using)
        .filter(name__startswith=ORGANISATION_PREFIX)
        .values_list("name", flat=True)
        .first()
    )
    if name is None:
        return None
    scale = float(name.split("schaal ", 1)[1].split(",", 1)[0])
    # A region of an older DATA_VERSION is not this region: `--reuse` seeds it again.
    return scale if name == organisation_name(scale) else None


def holds_other_data() -> bool:
    """True when the database has people, schools or cases that seed_bench did not make."""
    if User.objects.exclude(username__startswith="bench-").exists():
        return True
    ours = Organisation.objects.filter(name__startswith=ORGANISATION_PREFIX).exists()
    return not ours and (School.objects.exists() or Pupil.objects.exists())


# --- Case life cycles --------------------------------------------------------------------------


class CaseInfo:
    """What later tables need to know of a generated case."""

    __slots__ = (
        "categories",
        "closed_on",
        "closure_reason",
        "contacts",
        "events",
        "help_on",
        "id",
        "intake_on",
        "plan_on",
        "pupil_id",
        "referred_on",
        "reporter",
        "school",
        "signalled_on",
        "stage",
        "worker",
    )

    def __init__(self):
        self.events: list[tuple] = []  # (at, by, kind, from, to, note)
        self.contacts = 0

    @property
    def end(self) -> datetime.date | None:
        return self.closed_on


class Region:
    """Generates the region table by table and writes each with COPY."""

    def __init__(self, scale: float, *, today: datetime.date | None = None, log=print):
        self.scale = scale
        self.size = Size.at(scale)
        self.rng = random.Random(SEED)  # noqa: S311 - reproducible data, not secrets
        self.today = today or timezone.localdate()
        self.now = datetime.datetime.combine(self.today, datetime.time(8), tzinfo=UTC)
        self.log = log
        current = SchoolYear.start_year_for(self.today)
        self.start_years = list(range(current - YEARS + 1, current + 1))
        self.first_day = SchoolYear(start_year=self.start_years[0]).start
        self.counts: dict[str, int] = {}
        self.next_ids: dict[str, int] = defaultdict(lambda: 1)

    # --- plumbing ---

    def _id(self, model) -> int:
        label = model._meta.label
        value = self.next_ids[label]
        self.next_ids[label] = value + 1
        return value

    def copy(self, model, fields: list[str], rows) -> int:
        """COPY `rows` (tuples in the order of `fields`, the first being the primary key)."""
        table = model._meta.db_table if hasattr(model, "_meta") else model
        if hasattr(model, "_meta"):
            columns = [model._meta.get_field(f).column for f in fields]
        else:
            columns = fields
        count = 0
        with connection.cursor() as cursor:
            raw = cursor.cursor
            quoted = ", ".join(f'"{c}"' for c in columns)
            sql = f'COPY "{table}" ({quoted}) FROM STDIN'
            with raw.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        self.counts[table] = self.counts.get(table, 0) + count
        return count

    def weighted(self, pairs):
        values, weights = zip(*pairs, strict=True)
        return lambda k=1: self.rng.choices(values, weights=weights, k=k)

    def day_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        if end <= start:
            return start
        return start + datetime.timedelta(days=self.rng.randrange((end - start).days + 1))

    @staticmethod
    def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
        # UTC between 07:00 and 20:00 is the same calendar day in Amsterdam.
        return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)

    # --- the region ---

    def build(self) -> dict[str, int]:
        self.people_and_schools()
        self.cases()
        self.social_map()
        self.referrals()
        self.meetings()
        self.time_entries()
        self.report_runs()
        self.write_cases_and_events()
        self.access_log()
        return self.counts

    def access_log(self) -> None:
        """Ten years of access log as these people would have written it (last: it reads
        every case's life)."""
        from bench.seed_access_log import seed_access_log

        seed_access_log(self)

    def people_and_schools(self) -> None:
        rng, size = self.rng, self.size
        self.organisation_id = 1
        self.copy(Organisation, ["id", "name"], [(1, organisation_name(self.scale))])
        names = MUNICIPALITIES[: size.municipalities]
        self.copy(Municipality, ["id", "name"], [(i + 1, n) for i, n in enumerate(names)])
        # A city and its surroundings: the first municipality has the most schools.
        muni_weights = [1 / (i + 1) ** 0.8 for i in range(size.municipalities)]
        sectors = self.weighted(SECTORS)
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        self.schools: list[dict] = []
        taken = set()
        for i in range(size.schools):
            muni = 1 + (
                i if i < size.municipalities else rng.choices(range(len(names)), muni_weights)[0]
            )
            sector = sectors()[0]
            base = f"{rng.choice(SECTOR_PREFIX[sector])} {rng.choice(SCHOOL_NAMES)}"
            name, n = base, 1
            while (name.upper(), muni) in taken:
                n += 1
                name = f"{base} {n}"
            taken.add((name.upper(), muni))
            brin = f"{10 + i // 676:02d}{letters[i % 676 // 26]}{letters[i % 26]}"
            weight = SECTOR_WEIGHT[sector] * rng.lognormvariate(0, 0.45)
            self.schools.append(
                {
                    "id": i + 1,
                    "name": name,
                    "brin": brin,
                    "sector": sector,
                    "muni": muni,
                    "weight": weight,
                }
            )
        self.copy(
            School,
            ["id", "name", "brin", "sector", "municipality", "active"],
            [(s["id"], s["name"], s["brin"], s["sector"], s["muni"], True) for s in self.schools],
        )
        self.copy(
            SchoolYear,
            ["id", "start_year"],
            [(i + 1, y) for i, y in enumerate(self.start_years)],
        )

        password = make_password(os.environ.get("SMW_BENCH_PASSWORD") or BENCH_PASSWORD)
        users, memberships = [], []

        def person(username: str, role: str, **scope) -> int:
            uid = self._id(User)
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"{username}@bench.smw.localhost" if role != Role.WORKER else ""
            joined = self.at(self.first_day)
            users.append((uid, password, False, username, first, last, email, False, True, joined))
            memberships.append(
                (
                    self._id(Membership),
                    uid,
                    role,
                    scope.get("organisation"),
                    scope.get("school"),
                    scope.get("municipality"),
                )
            )
            return uid

        self.workers = [
            person(f"bench-worker-{i + 1}", Role.WORKER, organisation=1)
            for i in range(size.workers)
        ]
        self.coordinator = {
            s["id"]: person(f"bench-zc-{s['id']}", Role.COORDINATOR, school=s["id"])
            for s in self.schools
        }
        person("bench-teamleider-1", Role.TEAMLEAD, organisation=1)
        for m in range(size.municipalities):
            person(f"bench-gemeente-{m + 1}", Role.MUNICIPALITY, municipality=m + 1)
        person("bench-beheer", Role.ADMIN)
        self.copy(
            User,
            [
                "id",
                "password",
                "is_superuser",
                "username",
                "first_name",
                "last_name",
                "email",
                "is_staff",
                "is_active",
                "date_joined",
            ],
            users,
        )
        self.copy(
            Membership,
            ["id", "user", "role", "organisation", "school", "municipality"],
            memberships,
        )

        # Each school has one worker a year; about one school in ten changes worker each year.
        # The current year's mapping is round robin, so bench-worker-1 has school 1.
        w = len(self.workers)
        self.worker_of: dict[tuple[int, int], int] = {}
        mapping = {s["id"]: self.workers[(s["id"] - 1) % w] for s in self.schools}
        for year in reversed(self.start_years):
            for school_id, worker in mapping.items():
                self.worker_of[(year, school_id)] = worker
            mapping = {
                sid: (rng.choice(self.workers) if rng.random() < 0.1 else wid)
                for sid, wid in mapping.items()
            }
        funding = self.weighted([("gemeente", 60), ("school", 25), ("samenwerkingsverband", 15)])
        rows = []
        for (year, school_id), worker in self.worker_of.items():
            sector = self.schools[school_id - 1]["sector"]
            hours = Decimal(rng.choice([120, 160, 200, 240]) + (80 if sector != "PO" else 0))
            rows.append(
                (
                    self._id(Assignment),
                    worker,
                    school_id,
                    self.start_years.index(year) + 1,
                    hours,
                    funding()[0],
                )
            )
        self.copy(
            Assignment,
            ["id", "worker", "school", "school_year", "contracted_hours", "funding_source"],
            rows,
        )

    def cases(self) -> None:
        """Pupils and their cases: when signalled, how far each got, and when."""
        rng, size = self.rng, self.size
        school_weights = [s["weight"] for s in self.schools]
        # Slow growth: a later school year has a few more signals than an earlier one.
        year_weights = []
        for year in self.start_years:
            school_year = SchoolYear(start_year=year)
            days = (min(school_year.end, self.today) - school_year.start).days
            year_weights.append(max(days, 1) * 1.04 ** (year - self.start_years[0]))
        categories = self.weighted(CATEGORY_WEIGHTS)
        self.sources = self.weighted(SOURCES)
        self.case_list: list[CaseInfo] = []
        pupils, guardians = [], []
        first = self.schools[0]
        for n in range(size.pupils):
            showcase = n == 0
            school = first if showcase else rng.choices(self.schools, school_weights)[0]
            if showcase:
                signalled = self.today - datetime.timedelta(days=300)
            else:
                school_year = SchoolYear(start_year=rng.choices(self.start_years, year_weights)[0])
                signalled = self.day_between(school_year.start, min(school_year.end, self.today))
            case = CaseInfo()
            case.id = n + 1
            case.pupil_id = n + 1
            case.school = school["id"]
            case.signalled_on = signalled
            case.categories = sorted(set(categories(rng.choice([1, 1, 1, 2, 2, 3]))))
            self._life(case, showcase=showcase)
            self.case_list.append(case)

            low, high = AGES[school["sector"]]
            age = rng.randint(low, high)
            born = signalled - datetime.timedelta(days=365 * age + rng.randrange(365))
            group = (
                f"groep {min(8, max(1, age - 4))}{rng.choice('abc')}"
                if school["sector"] in ("PO", "SBO")
                else f"{rng.choice(['V', 'H', 'M', 'B'])}{rng.randint(1, 4)}{rng.choice('ABC')}"
            )
            last = rng.choice(LAST_NAMES)
            pupils.append(
                (
                    n + 1,
                    school["id"],
                    rng.choice(FIRST_NAMES),
                    last,
                    born,
                    group,
                    self.at(signalled),
                    case.reporter,
                )
            )
            for relation in rng.choice(
                [
                    ["moeder"],
                    ["moeder", "vader"],
                    ["moeder", "vader"],
                    ["vader"],
                    ["ouder"],
                    ["pleegouder"],
                ]
            ):
                guardians.append(
                    (
                        self._id(Guardian),
                        n + 1,
                        f"{rng.choice(FIRST_NAMES)} {last}",
                        relation,
                        f"06 {rng.randrange(10**8):08d}",
                        "",
                        relation != "pleegouder",
                    )
                )
        self.copy(
            Pupil,
            [
                "id",
                "school",
                "first_name",
                "last_name",
                "date_of_birth",
                "group",
                "created_at",
                "created_by",
            ],
            pupils,
        )
        self.copy(
            Guardian,
            ["id", "pupil", "name", "relation", "phone", "email", "has_authority"],
            guardians,
        )
        self._contacts()

    def _life(self, case: CaseInfo, *, showcase: bool = False) -> None:
        """Which steps a case took and on which days, cut off at today."""
        rng, today = self.rng, self.today
        year = SchoolYear.start_year_for(case.signalled_on)
        worker = self.worker_of[(year, case.school)]
        current_worker = self.worker_of[(self.start_years[-1], case.school)]
        source = self.sources()[0]
        case.reporter = (
            self.coordinator[case.school]
            if source in (Case.Source.IB, Case.Source.COORDINATOR, Case.Source.TEACHER)
            else worker
        )
        days = datetime.timedelta
        steps: list[tuple[str, datetime.date]] = []
        day = case.signalled_on
        fate = rng.random()
        if showcase:
            fate = 0.5
        intake = day + days(days=3 + int(rng.expovariate(1 / 12)))
        plan = intake + days(days=5 + int(rng.expovariate(1 / 14)))
        help_ = plan + days(days=3 + int(rng.expovariate(1 / 10)))
        length = days(days=int(rng.lognormvariate(math.log(100), 0.6)))
        if showcase:
            intake, plan, help_ = day + days(days=7), day + days(days=21), day + days(days=30)
            length = days(days=10_000)
        if fate < 0.12:  # advice sufficed at the signal
            closing = (day + days(days=5 + rng.randrange(20)), Case.ClosureReason.ADVICE_SUFFICED)
        else:
            steps.append((Stage.INTAKE, intake))
            if fate < 0.2:
                reason = rng.choice(
                    [
                        Case.ClosureReason.DECLINED,
                        Case.ClosureReason.MOVED,
                        Case.ClosureReason.ADVICE_SUFFICED,
                    ]
                )
                closing = (intake + days(days=7 + rng.randrange(30)), reason)
            else:
                steps += [(Stage.PLAN, plan), (Stage.HELP, help_)]
                end = help_ + length
                if fate > 0.78 and not showcase:
                    referred = help_ + days(days=int((end - help_).days * rng.uniform(0.2, 0.8)))
                    steps.append((Stage.REFERRED, referred))
                    end = referred + days(days=20 + rng.randrange(90))
                    reason = Case.ClosureReason.REFERRED
                else:
                    reason = rng.choices(
                        [
                            Case.ClosureReason.GOAL_REACHED,
                            Case.ClosureReason.MOVED,
                            Case.ClosureReason.DECLINED,
                            Case.ClosureReason.OTHER,
                        ],
                        [80, 8, 6, 6],
                    )[0]
                closing = (end, reason)
        case.intake_on = case.plan_on = case.help_on = case.referred_on = case.closed_on = None
        case.closure_reason = ""
        case.stage = Stage.SIGNAL
        taken_on = True
        if closing[0] > today and not steps and (today - day).days < 21 and rng.random() < 0.6:
            taken_on = False  # a new signal nobody has taken on yet
        case.worker = (current_worker if closing[0] > today else worker) if taken_on else None
        if showcase:
            case.worker = self.workers[0]
        by = case.worker or worker
        events = case.events
        events.append(
            (self.at(day, 8), case.reporter, CaseEvent.Kind.SIGNALLED, "", Stage.SIGNAL, "")
        )
        if case.worker is not None:
            events.append((self.at(day, 8, 30), by, CaseEvent.Kind.TAKEN_ON, "", "", ""))
        previous = Stage.SIGNAL
        for stage, on in steps:
            if on > today:
                break
            setattr(case, f"{stage}_on", on)
            events.append((self.at(on, 9), by, CaseEvent.Kind.STAGE, previous, stage, ""))
            if stage == Stage.INTAKE:
                events.append((self.at(on, 16), by, CaseEvent.Kind.INTAKE_SAVED, "", "", ""))
            elif stage == Stage.PLAN:
                events.append((self.at(on, 16), by, CaseEvent.Kind.PLAN_SAVED, "", "", ""))
                events.append((self.at(on, 16, 30), by, CaseEvent.Kind.PLAN_AGREED, "", "", ""))
            previous = case.stage = stage
        if closing[0] <= today:
            case.closed_on, case.closure_reason = closing
            note = f"{Case.ClosureReason(closing[1]).label}: afgerond"
            events.append(
                (
                    self.at(case.closed_on, 15),
                    by,
                    CaseEvent.Kind.CLOSED,
                    previous,
                    Stage.CLOSED,
                    note,
                )
            )
            case.stage = Stage.CLOSED

    def _contacts(self) -> None:
        """Contacts per case: few for most, many for some (a skewed, log-normal share)."""
        rng, today = self.rng, self.today
        kinds = self.weighted(CONTACT_KINDS)
        showcase = self.case_list[0]
        weights = []
        for case in self.case_list[1:]:
            if case.worker is None:
                weights.append(0.0)
                continue
            end = case.closed_on or today
            start = case.intake_on or case.signalled_on
            span = max((end - start).days, 7)
            phase = 1.0 if case.help_on else 0.25
            weights.append(phase * span**0.7 * rng.lognormvariate(0, 0.9))
        # Signal, taken on, three stages, intake, plan saved and agreed, one evaluation: 9.
        showcase_contacts = SHOWCASE_EVENTS - 9
        total = self.size.contacts - showcase_contacts
        scale = total / sum(weights)
        counts = []
        for weight in weights:
            expected = weight * scale
            whole = int(expected)
            counts.append(whole + (1 if rng.random() < expected - whole else 0))
        counts.insert(0, showcase_contacts)

        def rows():
            contact_id = 0
            for case, count in zip(self.case_list, counts, strict=True):
                if not count:
                    continue
                start = case.intake_on or case.signalled_on
                end = case.closed_on or today
                if case is showcase:
                    end = today - datetime.timedelta(days=1)
                author = case.worker
                for _n in range(count):
                    contact_id += 1
                    held = self.day_between(start, end)
                    kind = kinds()[0]
                    minutes = rng.choice((15, 30, 30, 45, 45, 60, 60, 90))
                    case.events.append(
                        (
                            self.at(held, 12, rng.randrange(60)),
                            author,
                            CaseEvent.Kind.CONTACT,
                            "",
                            "",
                            str(Contact.Kind(kind).label),
                        )
                    )
                    yield (
                        contact_id,
                        case.id,
                        author,
                        held,
                        minutes,
                        kind,
                        PLACE_FOR_KIND.get(kind, Contact.Place.SCHOOL),
                        "",
                        rng.choice(CONTACT_SUMMARIES),
                        "",
                        self.at(held, 12),
                    )
                case.contacts = count

        self.copy(
            Contact,
            [
                "id",
                "case",
                "author",
                "held_on",
                "minutes",
                "kind",
                "place",
                "participants",
                "summary",
                "work_note",
                "created_at",
            ],
            rows(),
        )
        self._intakes_and_plans()

    def _intakes_and_plans(self) -> None:
        rng, today = self.rng, self.today
        intakes, plans, goals, evaluations, results = [], [], [], [], []
        goal_id = evaluation_id = 0
        for case in self.case_list:
            if case.intake_on is None:
                continue
            by = case.worker or self.worker_of[(self.start_years[-1], case.school)]
            intakes.append(
                (
                    case.id,
                    1,
                    self.at(case.intake_on, 16),
                    by,
                    case.id,
                    case.intake_on,
                    "Signalen uit de klas en van thuis.",
                    "Zie hulpvraag.",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "Betrokken ouders; leerling is creatief en sportief.",
                    "Hoe helpen we de leerling weer lekker in zijn vel te zitten?",
                    "Problemen rond " + ", ".join(case.categories) + "; kortdurende hulp passend.",
                )
            )
            if case.plan_on is None:
                continue
            evaluation_on = case.plan_on + datetime.timedelta(days=42 + rng.randrange(60))
            plans.append(
                (
                    case.id,
                    1,
                    self.at(case.plan_on, 16),
                    by,
                    case.id,
                    rng.choice([4, 6, 8, 10]),
                    evaluation_on,
                    True,
                    True,
                    rng.random() < 0.8,
                    case.plan_on,
                )
            )
            plan_goals = []
            for domain in rng.sample(["leerling", "gezin", "school"], rng.choice([1, 2, 2, 3])):
                goal_id += 1
                plan_goals.append(goal_id)
                goals.append(
                    (goal_id, case.id, domain, f"Doel voor {domain}: kleine stap vooruit.")
                )
            end = case.closed_on or today
            if case.help_on and evaluation_on <= end:
                evaluation_id += 1
                evaluations.append((evaluation_id, case.id, evaluation_on, "Doelen besproken.", by))
                case.events.append(
                    (
                        self.at(evaluation_on, 15),
                        by,
                        CaseEvent.Kind.EVALUATED,
                        "",
                        "",
                        "Doelen besproken.",
                    )
                )
                for gid in plan_goals:
                    result = rng.choices(["behaald", "deels", "niet"], [55, 35, 10])[0]
                    results.append((self._id(GoalResult), evaluation_id, gid, result, ""))
        self.copy(
            Intake,
            [
                "id",
                "version",
                "updated_at",
                "updated_by",
                "case",
                "held_on",
                "signals",
                "problems",
                "earlier_interventions",
                "influence_home",
                "influence_school",
                "influence_peers",
                "influence_health",
                "strengths",
                "request_for_help",
                "clarified_problem",
            ],
            intakes,
        )
        self.copy(
            Plan,
            [
                "id",
                "version",
                "updated_at",
                "updated_by",
                "case",
                "planned_sessions",
                "evaluation_on",
                "agreed_pupil",
                "agreed_parents",
                "agreed_school",
                "agreed_on",
            ],
            plans,
        )
        self.copy(Goal, ["id", "plan", "domain", "description"], goals)
        self.copy(Evaluation, ["id", "plan", "held_on", "note", "by"], evaluations)
        self.copy(GoalResult, ["id", "evaluation", "goal", "result", "note"], results)

    def social_map(self) -> None:
        entries, links = [], []
        self.destinations: dict[int, list[tuple[int, str]]] = defaultdict(list)
        entry_id = 0
        for m, name in enumerate(MUNICIPALITIES[: self.size.municipalities], start=1):
            for kind, label, weeks in SOCIAL_MAP_LOCAL:
                entry_id += 1
                entries.append((entry_id, label.format(m=name), kind, weeks))
                links.append((len(links) + 1, entry_id, m))
                self.destinations[m].append((entry_id, kind))
        regions = max(1, self.size.municipalities // 4)
        for r in range(regions):
            for kind, label, weeks in SOCIAL_MAP_REGIONAL:
                entry_id += 1
                entries.append((entry_id, label.format(n=r + 1), kind, weeks))
                for m in range(1, self.size.municipalities + 1):
                    if (m - 1) % regions == r:
                        links.append((len(links) + 1, entry_id, m))
                        self.destinations[m].append((entry_id, kind))
        self.copy(
            SocialMapEntry,
            [
                "id",
                "name",
                "kind",
                "address",
                "phone",
                "email",
                "website",
                "application_procedure",
                "waiting_weeks",
                "notes",
                "active",
            ],
            [
                (i, n, k, "", "", "", "", "Aanmelden via het formulier.", w or None, "", True)
                for i, n, k, w in entries
            ],
        )
        through = SocialMapEntry.municipalities.through
        self.copy(through, ["id", "socialmapentry", "municipality"], links)

    def referrals(self) -> None:
        """Referred cases get one to three referrals; a few other cases in help get one."""
        rng, today = self.rng, self.today
        muni_of = {s["id"]: s["muni"] for s in self.schools}
        referred = [c for c in self.case_list if c.referred_on]
        helped = [c for c in self.case_list if c.help_on and not c.referred_on and c.id != 1]
        wanted = self.size.referrals
        plan: list[tuple[CaseInfo, datetime.date]] = []
        for case in referred:
            for extra in range(1, rng.choices([1, 2, 3], [50, 35, 15])[0]):
                plan.append((case, case.referred_on - datetime.timedelta(days=extra * 5)))
            plan.append((case, case.referred_on))
        rng.shuffle(helped)
        for case in helped[: max(0, wanted - len(plan))]:
            end = case.closed_on or today
            plan.append((case, self.day_between(case.help_on, end)))
        plan = plan[:wanted] if len(plan) > wanted else plan
        consents, referrals, changes = [], [], []
        self.consent_rows = consents
        flow = [
            Referral.Status.SUBMITTED,
            Referral.Status.WAITING,
            Referral.Status.INTAKE,
            Referral.Status.STARTED,
        ]
        for case, day in plan:
            pool = self.destinations[muni_of[case.school]]
            weights = [REFERRAL_KIND_WEIGHTS.get(kind, 1) for _i, kind in pool]
            destination = rng.choices(pool, weights)[0][0]
            by = case.worker or self.worker_of[(self.start_years[-1], case.school)]
            consent_id = self._id(Consent)
            given = day - datetime.timedelta(days=2)
            consents.append(
                (
                    consent_id,
                    case.pupil_id,
                    case.id,
                    Consent.Purpose.REFERRAL,
                    destination,
                    rng.random() < 0.4,
                    given,
                    given + datetime.timedelta(days=365),
                    None,
                    "",
                    by,
                    self.at(given),
                )
            )
            referral_id = self._id(Referral)
            history = [(Referral.Status.PREPARED, day)]
            on = day
            until = min(case.closed_on or today, today)
            for status in flow:
                on = on + datetime.timedelta(days=2 + int(rng.expovariate(1 / 10)))
                if on >= until:
                    break
                history.append((status, on))
            if case.closed_on:
                # Most end when the case closes; a few linger as they were, for ever.
                ending = rng.choices(
                    [
                        Referral.Status.COMPLETED,
                        Referral.Status.REJECTED,
                        Referral.Status.WITHDRAWN,
                        None,
                    ],
                    [72, 10, 12, 6],
                )[0]
                if ending:
                    history.append((ending, case.closed_on))
            status, status_on = history[-1]
            follow_up = status_on + datetime.timedelta(days=14 + rng.randrange(28))
            referrals.append(
                (
                    referral_id,
                    case.id,
                    destination,
                    "Hulp nodig die SMW niet biedt.",
                    "Kunt u de hulpvraag oppakken?",
                    "Hulpvraag en verloop van de begeleiding.",
                    consent_id,
                    False,
                    "",
                    follow_up,
                    status,
                    status_on,
                    by,
                    self.at(day, 10),
                )
            )
            for status, on in history:
                changes.append(
                    (
                        self._id(ReferralStatusChange),
                        referral_id,
                        status,
                        on,
                        "",
                        by,
                        self.at(on, 11),
                    )
                )
            case.events.append(
                (self.at(day, 10), by, CaseEvent.Kind.REFERRAL, "", "", "Verwijzing")
            )
        self.copy(
            Referral,
            [
                "id",
                "case",
                "destination",
                "reason",
                "question",
                "shared_information",
                "consent",
                "acute_exception",
                "exception_reason",
                "follow_up_on",
                "status",
                "status_changed_on",
                "created_by",
                "created_at",
            ],
            referrals,
        )
        self.copy(
            ReferralStatusChange, ["id", "referral", "status", "on", "note", "by", "at"], changes
        )

    def meetings(self) -> None:
        """ZAT meetings: a few per school a year, anonymous items and items by name with
        consent; meeting 1 is the planted one with 30 items."""
        rng, today = self.rng, self.today
        by_school: dict[int, list[CaseInfo]] = defaultdict(list)
        for case in self.case_list:
            by_school[case.school].append(case)
        meetings, attendees, items, actions = [], [], [], []
        consents = self.consent_rows
        first = self.schools[0]["id"]
        plan = [(first, today - datetime.timedelta(days=7), SHOWCASE_ITEMS)]
        for _n in range(self.size.meetings - 1):
            school = rng.choice(self.schools)["id"]
            plan.append(
                (
                    school,
                    self.day_between(self.first_day, today + datetime.timedelta(days=30)),
                    rng.randint(2, 8),
                )
            )
        for school, day, n_items in plan:
            meeting_id = self._id(Meeting)
            year = self.start_years[-1] if day > today else SchoolYear.start_year_for(day)
            coordinator = self.coordinator[school]
            worker = self.worker_of[(year, school)]
            starts = self.at(day, 13)
            meetings.append(
                (
                    meeting_id,
                    school,
                    starts,
                    "Kamer IB",
                    coordinator,
                    "",
                    coordinator,
                    self.at(day - datetime.timedelta(days=14)),
                )
            )
            guests = []
            for user, name, role in [
                (coordinator, "Zorgcoördinator", "voorzitter"),
                (worker, "SMW", "schoolmaatschappelijk werker"),
                (None, "Jeugdarts", "jeugdarts"),
                (None, "Leerplichtambtenaar", "leerplicht"),
            ]:
                attendee_id = self._id(Attendee)
                attendees.append((attendee_id, meeting_id, user, name, "", role))
                if user is None:
                    guests.append(attendee_id)
            if day > today:
                continue
            open_then = [
                c
                for c in by_school[school]
                if c.signalled_on <= day
                and (c.closed_on is None or c.closed_on > day)
                and c.id != 1  # the showcase keeps its 200 entries
            ]
            for position in range(1, n_items + 1):
                named = open_then and (
                    position % 2 == 1 if n_items == SHOWCASE_ITEMS else rng.random() < 0.6
                )
                case_id = consent_id = None
                label = ""
                if named:
                    case = (
                        open_then[position % len(open_then)]
                        if n_items == SHOWCASE_ITEMS
                        else rng.choice(open_then)
                    )
                    case_id, consent_id = case.id, self._id(Consent)
                    given = day - datetime.timedelta(days=10)
                    consents.append(
                        (
                            consent_id,
                            case.pupil_id,
                            case.id,
                            Consent.Purpose.ZAT,
                            None,
                            False,
                            given,
                            given + datetime.timedelta(days=365),
                            None,
                            "",
                            worker,
                            self.at(given),
                        )
                    )
                    case.events.append(
                        (
                            self.at(day - datetime.timedelta(days=3), 10),
                            worker,
                            CaseEvent.Kind.ZAT,
                            "",
                            "",
                            "ZAT",
                        )
                    )
                else:
                    label = f"leerling groep {rng.randint(1, 8)}, {rng.randint(5, 16)} jaar"
                item_id = self._id(AgendaItem)
                items.append(
                    (
                        item_id,
                        meeting_id,
                        case_id,
                        consent_id,
                        label,
                        "Welke hulp past bij deze leerling?",
                        "Besproken in het team.",
                        "SMW pakt op; over zes weken terugkoppelen.",
                        worker,
                        position,
                    )
                )
                for _a in range(rng.choice([0, 1, 1, 2])):
                    due = day + datetime.timedelta(days=14 + rng.randrange(30))
                    guest = rng.random() < 0.3
                    actions.append(
                        (
                            self._id(ActionPoint),
                            item_id,
                            "Terugkoppeling aan ouders",
                            None if guest else worker,
                            rng.choice(guests) if guest else None,
                            due,
                            due if due < today and rng.random() < 0.9 else None,
                        )
                    )
        self.copy(
            Consent,
            [
                "id",
                "pupil",
                "case",
                "purpose",
                "party",
                "by_pupil",
                "given_on",
                "valid_until",
                "withdrawn_on",
                "note",
                "recorded_by",
                "recorded_at",
            ],
            consents,
        )
        self.copy(
            Meeting,
            ["id", "school", "starts_at", "place", "chair", "notes", "created_by", "created_at"],
            meetings,
        )
        self.copy(Attendee, ["id", "meeting", "user", "name", "organisation", "role"], attendees)
        self.copy(
            AgendaItem,
            [
                "id",
                "meeting",
                "case",
                "consent",
                "anonymous_label",
                "question",
                "discussion",
                "advice",
                "added_by",
                "position",
            ],
            items,
        )
        self.copy(
            ActionPoint,
            ["id", "item", "description", "owner_user", "owner_guest", "due_on", "done_on"],
            actions,
        )

    def time_entries(self) -> None:
        rng, today = self.rng, self.today
        activities = self.weighted(TIME_ACTIVITIES)
        keys = list(self.worker_of)

        def rows():
            for n in range(self.size.time_entries):
                year, school = rng.choice(keys)
                start = datetime.date(year, 8, 20)
                day = self.day_between(start, min(datetime.date(year + 1, 7, 15), today))
                if day.weekday() > 4:
                    day -= datetime.timedelta(days=day.weekday() - 4)
                yield (
                    n + 1,
                    self.worker_of[(year, school)],
                    school,
                    day,
                    rng.choice((15, 30, 30, 45, 60, 60, 90, 120)),
                    activities()[0],
                    None,
                    "",
                    self.at(day, 16),
                )

        self.copy(
            TimeEntry,
            ["id", "worker", "school", "on", "minutes", "activity", "case", "note", "created_at"],
            rows(),
        )

    def report_runs(self) -> None:
        """The monthly registration of every school for ten years, except last month's (the
        benchmark makes that one)."""
        from reports.periods import Period

        last = self.today.replace(day=1) - datetime.timedelta(days=1)
        months = []
        month = self.first_day
        while month < last.replace(day=1):
            months.append(Period.month(month.year, month.month))
            month = (month + datetime.timedelta(days=32)).replace(day=1)

        def rows():
            n = 0
            for period in months:
                made = self.at(period.end + datetime.timedelta(days=1), 5)
                for school in self.schools:
                    n += 1
                    name = f"reports/bench/registratie-{school['id']}-{period.start:%Y%m%d}-v1.pdf"
                    yield (
                        n,
                        ReportRun.Kind.REGISTRATION,
                        school["id"],
                        None,
                        period.start,
                        period.end,
                        period.label,
                        1,
                        ReportRun.Status.READY,
                        "",
                        name,
                        None,
                        made,
                        made,
                        made + datetime.timedelta(seconds=2),
                        1,
                    )

        self.copy(
            ReportRun,
            [
                "id",
                "kind",
                "school",
                "municipality",
                "period_start",
                "period_end",
                "label",
                "version",
                "status",
                "error",
                "file",
                "requested_by",
                "created_at",
                "started_at",
                "finished_at",
                "attempts",
            ],
            rows(),
        )

    def write_cases_and_events(self) -> None:
        """Cases last: their last activity and stage dates come from all the events above."""
        rng = self.rng

        def case_rows():
            for case in self.case_list:
                case.events.sort(key=lambda e: e[0])
                stage_events = [e for e in case.events if e[4]]
                last_activity = case.events[-1][0]
                yield (
                    case.id,
                    case.pupil_id,
                    case.school,
                    case.worker,
                    case.stage,
                    stage_events[-1][0],
                    case.categories,
                    self.sources()[0],
                    "Leerkracht ziet dat de leerling zich terugtrekt en vaak verdrietig is.",
                    case.signalled_on,
                    case.reporter,
                    True,
                    rng.random() < 0.9,
                    case.intake_on,
                    case.plan_on,
                    case.help_on,
                    case.referred_on,
                    case.closed_on,
                    case.closure_reason,
                    "Afgerond." if case.closed_on else "",
                    last_activity,
                )

        self.copy(
            Case,
            [
                "id",
                "pupil",
                "school",
                "caseworker",
                "stage",
                "stage_changed_at",
                "categories",
                "source",
                "noticed",
                "signalled_on",
                "reported_by",
                "parents_informed",
                "parents_agree",
                "intake_on",
                "plan_on",
                "help_on",
                "referred_on",
                "closed_on",
                "closure_reason",
                "outcome",
                "last_activity_at",
            ],
            case_rows(),
        )

        def event_rows():
            n = 0
            for case in self.case_list:
                for at, by, kind, source, target, note in case.events:
                    n += 1
                    yield (n, case.id, at, by, kind, source, target, note)

        self.copy(
            CaseEvent,
            ["id", "case", "at", "by", "kind", "from_stage", "to_stage", "note"],
            event_rows(),
        )


# --- Running it --------------------------------------------------------------------------------


def _app_tables() -> list[str]:
    """Every table of SMW's own apps and of who is signed in; not the beat schedule."""
    labels = {
        "accounts",
        "schools",
        "audit",
        "cases",
        "referrals",
        "zat",
        "timesheet",
        "reports",
        "sessions",
        "axes",
        "otp_totp",
        "otp_static",
        "vault",
    }
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in labels and model._meta.managed:
            tables.add(model._meta.db_table)
    return sorted(tables)


def _fix_sequences(cursor, tables) -> None:
    """Identity columns continue after the ids COPY wrote."""
    for table in tables:
        cursor.execute(
            "SELECT pg_get_serial_sequence(%s, 'id')",
            [table],
        )
        row = cursor.fetchone()
        if row and row[0]:
            cursor.execute(
                f'SELECT setval(%s, COALESCE((SELECT max(id) FROM "{table}"), 0) + 1, false)',  # noqa: S608
                [row[0]],
            )


def seed(scale: float, *, force: bool = False, log=print) -> dict[str, int]:
    """Erase SMW's tables and build the bench region at `scale`; refuses a database with data
    seed_bench did not make unless `force`."""
    if not 0 < scale <= 5:
        raise ValueError("scale must lie between 0 and 5")
    if holds_other_data() and not force:
        raise NonBenchData(
            "This database holds data that seed_bench did not make. Use a database of its own "
            "(smw_bench_*), or --force to erase it."
        )
    with transaction.atomic(), connection.cursor() as cursor:
        tables = ", ".join(f'"{t}"' for t in _app_tables())
        with append_only_suspended():  # the access log's triggers refuse TRUNCATE
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        try:
            with transaction.atomic():
                # Skips the deferred foreign-key checks of millions of rows made consistent by
                # construction (needs a superuser; otherwise the checks run at commit).
                cursor.execute("SET LOCAL session_replication_role = replica")
        except Exception:  # noqa: S110 - an ordinary role loads with the checks on
            pass
        counts = Region(scale, log=log).build()
        _fix_sequences(cursor, counts)
        # COPY wrote the dossier text plain: sealed with each pupil's key, as the app writes it
        seal_existing()
    with connection.cursor() as cursor:
        for table in _app_tables():
            cursor.execute(f'ANALYZE "{table}"')
    return counts


__all__ = ["BENCH_PASSWORD", "NonBenchData", "Region", "Size", "seed", "seeded_scale"]
