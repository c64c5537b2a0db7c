"""Demo caseload for `manage.py seed_demo`: about forty pupils in every stage of the workflow.

Every case is walked through the real workflow functions (cases/workflow.py), so the timeline
(CaseEvent rows) is what the application itself would have written. The workflow stamps
everything "today"; afterwards the dates are moved back onto school days of the last six months
with queryset updates. Random choices come from random.Random(2026) and all dates are relative
to today, so two runs on the same day give the same data. When demo pupils exist already,
nothing is added (the access log cannot be deleted, and cases protect their pupils).

The pupils are data (data/pupils.toml), and so are the texts: one scenario per kind of problem
(data/scenarios.toml) and what belongs to no one scenario (data/caseload.toml).
"""

from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from cases import workflow
from cases.models import (
    Case,
    CaseEvent,
    Category,
    Consultation,
    Contact,
    Group,
    GroupSession,
    Guardian,
    Intake,
    Plan,
    Pupil,
    TextVersion,
)
from schools.models import School, SchoolYear

from .data import read

SEED = 2026
WINDOW_DAYS = 185  # about six months back from today
COORDINATORS = {"04AB": "zc", "15GH": "zc2"}
WORKERS = {"04AB": "smw", "07CD": "smw", "12EF": "smw", "15GH": "smw2", "18JK": "smw2"}
WORKERS["21LM01"] = "smw2"
DEMO_BRINS = list(WORKERS)

# Guardians who are a person rather than an institution: an e-mail address and a mobile number.
PERSONS = (Guardian.Relation.MOTHER, Guardian.Relation.FATHER, Guardian.Relation.FOSTER)


@dataclass
class Spec:
    """One demo pupil (a [[pupil]] of data/pupils.toml) and the path their case has taken."""

    key: str
    brin: str
    first: str
    last: str
    sex: str
    age: int  # age on 1 October of the current school year
    group: str
    scenario: str
    # untaken | signal | intake | plan | help | help_eval | help_overdue | group | refer_intake
    # | refer_help | reopen | close_signal:<reason> | close_intake:<reason> | close_help:<reason>
    # | close_refer_intake:<reason> | close_refer_help:<reason>
    path: str
    noticed: str
    guardians: list[tuple[str, str, bool]]  # name, relation, has parental authority
    source: str = Case.Source.TEACHER
    by_coordinator: bool = False
    ouder: str = "ouders"
    extra: dict = field(default_factory=dict)
    outcome: str = ""
    informed: bool = True
    agree: bool = True
    contacts: list | None = None  # replaces the scenario's contacts
    intake: dict = field(default_factory=dict)  # replaces some of the scenario's intake texts
    no_email: bool = False


# --- The data: demo/data/*.toml -------------------------------------------------------------

Contact4 = tuple[str, str, str, str]  # kind, place, participants, summary


def _contacts(rows: list[dict]) -> list[Contact4]:
    return [(row["kind"], row["place"], row["participants"], row["summary"]) for row in rows]


def _scenarios() -> dict[str, dict]:
    scenarios = read("scenarios")
    for scenario in scenarios.values():
        scenario["categories"] = [Category(c) for c in scenario["categories"]]
        scenario["goals"] = [(goal["domain"], goal["description"]) for goal in scenario["goals"]]
        scenario["contacts"] = _contacts(scenario["contacts"])
    return scenarios


def _specs() -> list[Spec]:
    specs = []
    for row in read("pupils")["pupil"]:
        row["source"] = Case.Source(row["source"])
        row["guardians"] = [
            (guardian["name"], Guardian.Relation(guardian["relation"]), guardian["authority"])
            for guardian in row["guardians"]
        ]
        if "contacts" in row:
            row["contacts"] = _contacts(row["contacts"])
        specs.append(Spec(**row))
    return specs


SCENARIOS = _scenarios()
SPECS = _specs()
_CASELOAD = read("caseload")
FOLLOW_UPS = _contacts(_CASELOAD["follow_ups"])
WORK_NOTES: list[str] = _CASELOAD["work_notes"]
RESULT_NOTES: dict[str, list[str]] = _CASELOAD["result_notes"]
GROUP_SESSIONS = [(session["topic"], session["summary"]) for session in _CASELOAD["group_sessions"]]
# (school BRIN, worker, case key or None, with whom, question, advice)
CONSULTATIONS = [
    (c["school"], c["worker"], c.get("case"), c["with_whom"], c["question"], c["advice"])
    for c in _CASELOAD["consultations"]
]


# --- Calendar --------------------------------------------------------------------------------


def _holiday(day: datetime.date) -> bool:
    """Approximate school holidays (regio midden): summer, Christmas, May and autumn weeks."""
    md = (day.month, day.day)
    if (7, 18) <= md <= (8, 30) or md >= (12, 21) or md <= (1, 2):
        return True
    return day.isocalendar().week in (18, 43)


def next_school_day(day: datetime.date | None, today: datetime.date) -> datetime.date | None:
    """A planned date moved off weekends and holidays (a past date stays in the past)."""
    moved = day
    while moved is not None and (moved.weekday() >= 5 or _holiday(moved)):
        moved += datetime.timedelta(days=1)
    return day if day is not None and day < today <= moved else moved


def school_days(today: datetime.date) -> list[datetime.date]:
    """Weekdays outside the holidays in the last WINDOW_DAYS, up to yesterday."""
    day, days = today - datetime.timedelta(days=WINDOW_DAYS), []
    while day < today:
        if day.weekday() < 5 and not _holiday(day):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


# --- One case, step by step -----------------------------------------------------------------

SLACK = {  # school days between a case's last step and today
    "untaken": (0, 4),
    "signal": (0, 3),
    "intake": (0, 5),
    "plan": (0, 4),
    "help": (0, 3),
    "help_eval": (0, 3),
    "help_overdue": (0, 2),
    "group": (15, 16),
    "refer_intake": (1, 8),
    "refer_help": (1, 6),
    "reopen": (0, 3),
}


def _schedule(spec: Spec, rng: random.Random) -> list[tuple[int, str, dict]]:
    """The steps of one case as (school day from its signal, action, options)."""
    kind, _, reason = spec.path.partition(":")
    steps: list[tuple[int, str, dict]] = []
    day = 0

    def add(gap: tuple[int, int] | int, action: str, **options) -> None:
        nonlocal day
        day += rng.randint(*gap) if isinstance(gap, tuple) else gap
        steps.append((day, action, options))

    def contacts(n: int, gap=(4, 8)) -> None:
        for _ in range(n):
            add(gap, "contact")

    add(0, "signal")
    if kind == "untaken":
        return steps
    if spec.by_coordinator and (kind in ("signal", "close_signal") or rng.random() < 0.5):
        add((1, 3), "take_on")
    if kind in ("signal", "close_signal"):
        add((0, 2), "contact")
        if kind == "close_signal":
            add((2, 5), "close", reason=reason)
        return steps
    add((2, 7), "intake")
    add(0, "contact")
    add((2, 5), "contact")
    add(0, "intake_save", full=kind != "intake" or rng.random() < 0.5)
    if kind == "intake":
        return steps
    if kind == "reopen":
        add((3, 6), "close", reason="wil_niet")
        add((12, 25), "reopen")
        add((0, 2), "intake_save", full=True)
        add((1, 4), "contact")
        return steps
    if kind == "close_intake":
        contacts(1, (3, 8))
        add((1, 5), "close", reason=reason)
        return steps
    if kind in ("refer_intake", "close_refer_intake"):
        contacts(SCENARIOS[spec.scenario].get("pre_referral", 0), (2, 5))
        add((2, 6), "refer")
        contacts(rng.randint(1, 2), (2, 6))
        if kind == "close_refer_intake":
            add((8, 20), "close", reason=reason)
        return steps
    add((3, 7), "plan")
    if kind == "plan":
        return steps
    add((2, 5), "contact")
    add(0, "agree")
    add((0, 1), "help")
    if kind == "group":
        contacts(rng.randint(0, 1))
    elif kind == "help":
        contacts(rng.randint(3, 5))
    elif kind == "help_overdue":
        contacts(rng.randint(5, 6))
    elif kind == "help_eval":
        contacts(3)
        add((3, 6), "evaluate", final=False)
        add(0, "set_eval")
        contacts(2)
    elif kind in ("refer_help", "close_refer_help"):
        contacts(2)
        add((2, 5), "refer")
        contacts(rng.randint(1, 2), (3, 7))
        if kind == "close_refer_help":
            add((8, 15), "close", reason=reason)
    elif kind == "close_help" and reason == Case.ClosureReason.GOAL_REACHED:
        contacts(rng.randint(4, 5))
        add((3, 6), "evaluate", final=True)
        add((1, 5), "close", reason=reason)
    elif kind == "close_help":
        contacts(rng.randint(2, 3))
        add((3, 8), "close", reason=reason)
    return steps


class CaseRun:
    """Walks one demo case through the workflow and remembers when each step 'really' was."""

    def __init__(self, spec: Spec, *, worker: User, reporter: User, school: School, rng):
        self.spec, self.worker, self.reporter = spec, worker, reporter
        self.school, self.rng = school, rng
        self.scenario = SCENARIOS[spec.scenario]
        self.case: Case | None = None
        self.pupil: Pupil | None = None
        self.stamps: list[datetime.datetime] = []  # one per CaseEvent, in creation order
        self.dates: dict[str, datetime.date | None] = {}
        self.contact_times: dict[int, datetime.datetime] = {}
        self.contact_days: list[datetime.date] = []
        self.text_saved_at: dict[str, datetime.datetime] = {}
        self.evaluation_on: datetime.date | None = None
        self.next_contact = 0
        sector = school.sector
        lk = {"VO": "de mentor", "MBO": "de SLB'er"}.get(sector, "de leerkracht")
        he = spec.sex == "m"
        self.words = {
            "naam": spec.first,
            "hij": "hij" if he else "zij",
            "Hij": "Hij" if he else "Zij",
            "zijn": "zijn" if he else "haar",
            "Zijn": "Zijn" if he else "Haar",
            "hem": "hem" if he else "haar",
            "lk": lk,
            "Lk": lk[0].upper() + lk[1:],
            "ouder": spec.ouder,
            "verlies": "het verlies",
            "verlies_kort": "het verlies",
            **spec.extra,
        }

    def text(self, template: str) -> str:
        return template.format(**self.words)

    # Timestamps: office hours, later on the same day for each next step.
    def stamp(self, day: datetime.date) -> datetime.datetime:
        last = self.stamps[-1] if self.stamps else None
        if last is not None and timezone.localtime(last).date() == day:
            moment = last + datetime.timedelta(minutes=self.rng.randint(10, 40))
        else:
            minute = self.rng.randrange(8 * 60 + 30, 15 * 60 + 30, 5)
            moment = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(minute // 60, minute % 60))
            )
        self.stamps.append(moment)
        return moment

    def kept_at(self, text: str, moment: datetime.datetime) -> datetime.datetime:
        """The versions of the text kept while seeding carry the demo's moment, not today."""
        TextVersion.objects.filter(case=self.case, text=text, saved_at__gt=moment).update(
            saved_at=moment
        )
        return moment

    # --- the steps ---
    def create_pupil(self, year: SchoolYear, day: datetime.date) -> None:
        spec, rng = self.spec, self.rng
        earliest = datetime.date(year.start_year - spec.age - 1, 10, 2)
        born = earliest + datetime.timedelta(days=rng.randint(0, 363))
        self.pupil = Pupil.objects.create(
            school=self.school,
            first_name=spec.first,
            last_name=spec.last,
            date_of_birth=born,
            group=spec.group,
            created_by=self.reporter,
        )
        guardians = []
        for name, relation, authority in spec.guardians:
            person = relation in PERSONS
            email = ""
            if person and not spec.no_email:
                first, *rest = name.split()
                email = f"{slugify(first)}.{slugify(''.join(rest))}@example.com"
            phone = f"06-{rng.randint(10_000_000, 99_999_999)}"
            if not person:
                phone = f"030-{rng.randint(2_000_000, 2_999_999)}"
            guardians.append(
                Guardian(
                    pupil=self.pupil,
                    name=name,
                    relation=relation,
                    phone=phone,
                    email=email,
                    has_authority=authority,
                )
            )
        Guardian.objects.bulk_create(guardians)

    def signal(self, day: datetime.date) -> None:
        spec = self.spec
        categories = list(dict.fromkeys(self.scenario["categories"]))
        self.case = workflow.submit_signal(
            by=self.reporter,
            pupil=self.pupil,
            categories=[str(c) for c in categories],
            noticed=spec.noticed,
            source=spec.source,
            parents_informed=spec.informed,
            parents_agree=spec.agree,
            signalled_on=day,
        )
        self.pupil_created_at = self.stamp(day)

    def take_on(self, day: datetime.date) -> None:
        workflow.take_on(self.case, by=self.worker)
        self.stamp(day)

    def intake(self, day: datetime.date) -> None:
        workflow.start_intake(self.case, by=self.worker)
        self.stamp(day)
        self.dates["intake_on"] = day

    def intake_save(self, day: datetime.date, *, full: bool) -> None:
        intake = Intake.objects.get(case=self.case)
        templates = {**self.scenario["intake"], **self.spec.intake}
        texts = {name: self.text(t) for name, t in templates.items()}
        if not full:
            for name in ("strengths", "request_for_help", "clarified_problem"):
                texts[name] = ""
        if intake.held_on is None:
            intake.held_on = self.dates["intake_on"]
        elif "reopen" in self.spec.extra:
            texts["problems"] += " " + self.spec.extra["reopen"]
        for name, value in texts.items():
            setattr(intake, name, value)
        workflow.save_intake(
            intake, by=self.worker, version=intake.version, fields=["held_on", *texts]
        )
        self.text_saved_at["intake"] = self.kept_at("intake", self.stamp(day))

    def contact(self, day: datetime.date) -> None:
        pool = self.spec.contacts if self.spec.contacts is not None else self.scenario["contacts"]
        if self.next_contact < len(pool):
            kind, place, participants, summary = pool[self.next_contact]
        else:
            kind, place, participants, summary = FOLLOW_UPS[
                (self.next_contact - len(pool)) % len(FOLLOW_UPS)
            ]
        self.next_contact += 1
        rng = self.rng
        low = 30 if kind in ("huisbezoek", "gezinsonderzoek", "gezin", "bemiddeling") else 20
        minutes = rng.randrange(low, 61, 5) if kind != "telefonisch" else rng.choice([20, 25, 30])
        note = ""
        if self.next_contact == 2 and rng.random() < 0.3:
            note = self.text(rng.choice(WORK_NOTES))
        contact = workflow.log_contact(
            self.case,
            by=self.worker,
            held_on=day,
            minutes=minutes,
            kind=kind,
            place=place,
            participants=participants.format(**{**self.words, "lk": self.words["lk"][3:]}),
            summary=self.text(summary),
            work_note=note,
        )
        self.contact_times[contact.pk] = self.stamp(day)
        self.contact_days.append(day)

    def _goals(self, plan: Plan) -> list[dict]:
        existing = list(plan.goals.all())
        if existing:
            return [
                {"id": g.pk, "domain": g.domain, "description": g.description} for g in existing
            ]
        goals = self.scenario["goals"]
        count = self.rng.randint(1, 3) if len(goals) > 1 else 1
        chosen = sorted(self.rng.sample(range(len(goals)), count))
        return [{"domain": goals[i][0], "description": self.text(goals[i][1])} for i in chosen]

    def plan(self, day: datetime.date) -> None:
        workflow.start_plan(self.case, by=self.worker)
        self.stamp(day)
        self.dates["plan_on"] = day
        plan = Plan.objects.get(case=self.case)
        plan.planned_sessions = self.rng.randint(4, 8)
        plan.evaluation_on = self.evaluation_on
        plan.agreed_school = self.rng.random() < 0.5
        workflow.save_plan(
            plan,
            by=self.worker,
            version=plan.version,
            fields=["planned_sessions", "evaluation_on", "agreed_school"],
            goals=self._goals(plan),
        )
        self.text_saved_at["plan"] = self.kept_at("plan", self.stamp(day))

    def agree(self, day: datetime.date) -> None:
        plan = Plan.objects.get(case=self.case)
        adult_student = self.school.sector == "MBO" and self.spec.age >= 18
        plan.agreed_pupil = self.spec.age >= 10 or self.rng.random() < 0.5
        plan.agreed_parents = not adult_student
        plan.agreed_school = True
        plan.agreed_on = day
        plan.evaluation_on = self.evaluation_on
        workflow.save_plan(
            plan,
            by=self.worker,
            version=plan.version,
            fields=[
                "agreed_pupil",
                "agreed_parents",
                "agreed_school",
                "agreed_on",
                "evaluation_on",
            ],
            goals=self._goals(plan),
        )
        self.text_saved_at["plan"] = self.kept_at("plan", self.stamp(day))

    def help(self, day: datetime.date) -> None:
        workflow.start_help(self.case, by=self.worker)
        self.stamp(day)
        self.dates["help_on"] = day

    def evaluate(self, day: datetime.date, *, final: bool) -> None:
        plan = Plan.objects.get(case=self.case)
        rng, results = self.rng, {}
        for goal in plan.goals.all():
            if final:
                result = "behaald" if rng.random() < 0.8 else "deels"
            else:
                result = rng.choice(["behaald", "deels", "deels", "niet"])
            results[goal.pk] = (result, rng.choice(RESULT_NOTES[result]))
        note = self.text(self.scenario["evaluation"])
        workflow.evaluate_plan(plan, by=self.worker, held_on=day, note=note, results=results)
        self.stamp(day)

    def set_eval(self, day: datetime.date, *, new_date: datetime.date) -> None:
        plan = Plan.objects.get(case=self.case)
        plan.evaluation_on = new_date
        workflow.save_plan(
            plan,
            by=self.worker,
            version=plan.version,
            fields=["evaluation_on"],
            goals=self._goals(plan),
        )
        self.text_saved_at["plan"] = self.kept_at("plan", self.stamp(day))

    def refer(self, day: datetime.date) -> None:
        note = self.text(self.scenario["referral"])
        workflow.refer_case(self.case, by=self.worker, note=note)
        self.stamp(day)
        self.dates["referred_on"] = day

    def close(self, day: datetime.date, *, reason: str) -> None:
        handover = {}
        if self.dates.get("referred_on") is not None:
            # The referral went through the GP, outside SMW's own referral records.
            handover = {"handover_complete": False, "handover_note": self.spec.extra["handover"]}
        workflow.close_case(
            self.case, by=self.worker, reason=reason, outcome=self.spec.outcome, **handover
        )
        self.stamp(day)
        self.dates["closed_on"] = day

    def reopen(self, day: datetime.date) -> None:
        workflow.reopen_case(self.case, by=self.worker, reason=self.spec.extra["reopen"])
        self.stamp(day)
        self.dates["closed_on"] = None


def _evaluation_dates(
    spec: Spec, timeline: list, today: datetime.date, days: list, rng: random.Random
) -> tuple[datetime.date | None, datetime.date | None]:
    """(evaluation date in the plan, new date after a mid-way evaluation) for one case."""
    kind = spec.path.partition(":")[0]
    by_action = {action: day for day, action, _ in timeline}
    if "plan" not in by_action:
        return None, None
    if "evaluate" in by_action:
        later = today + datetime.timedelta(days=rng.randint(21, 42))
        return by_action["evaluate"], later if kind == "help_eval" else None
    if "agree" not in by_action:
        planned = by_action["plan"] + datetime.timedelta(weeks=rng.randint(7, 9))
        return max(planned, today + datetime.timedelta(days=rng.randint(14, 35))), None
    planned = by_action["agree"] + datetime.timedelta(weeks=rng.randint(6, 8))
    if kind == "help_overdue":
        earliest = by_action["agree"] + datetime.timedelta(weeks=3)
        overdue = days[-1 - rng.randint(2, 8)]
        return max(min(planned, overdue), earliest), None
    if kind in ("help", "group") and planned < today:
        return today + datetime.timedelta(days=rng.randint(7, 28)), None
    return planned, None


# --- The whole caseload ---------------------------------------------------------------------


def seed_cases(stdout=None) -> dict[str, int]:
    """Create the demo caseload unless it is there already. Returns what was created."""

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message)

    if Pupil.objects.filter(school__brin__in=DEMO_BRINS).exists():
        say("Demo cases already present: nothing added.")
        return {}
    with transaction.atomic():
        counts = _seed()
    stages = ", ".join(f"{stage} {counts.get(stage, 0)}" for stage in Case.Stage.values)
    say(
        f"Demo cases: {counts['pupils']} pupils, {counts['cases']} cases ({stages}), "
        f"{counts['contacts']} contacts, {counts['groups']} group, "
        f"{counts['consultations']} consultations."
    )
    return counts


def _seed() -> dict[str, int]:
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    days = school_days(today)
    last = len(days) - 1
    year = SchoolYear.current()
    users = {u.username: u for u in User.objects.filter(username__in=["smw", "smw2", "zc", "zc2"])}
    schools = {s.brin: s for s in School.objects.filter(brin__in=DEMO_BRINS)}

    runs: dict[str, CaseRun] = {}
    for spec in SPECS:
        worker = users[WORKERS[spec.brin]]
        reporter = users[COORDINATORS[spec.brin]] if spec.by_coordinator else worker
        run = CaseRun(spec, worker=worker, reporter=reporter, school=schools[spec.brin], rng=rng)
        timeline = _schedule(spec, rng)
        kind = spec.path.partition(":")[0]
        slack = rng.randint(*SLACK.get(kind, (6, 45)))
        span = timeline[-1][0]
        end = last - slack
        start = end - span
        if start < 0:  # squeeze a long case into the window
            timeline = [(round(d * end / span), a, o) for d, a, o in timeline]
            start = 0
        timeline = [(days[start + d], a, o) for d, a, o in timeline]
        planned = _evaluation_dates(spec, timeline, today, days, rng)
        run.evaluation_on, new_evaluation = (next_school_day(d, today) for d in planned)
        run.create_pupil(year, timeline[0][0])
        for day, action, options in timeline:
            if action == "set_eval":
                options = {"new_date": new_evaluation}
            getattr(run, action)(day, **options)
        runs[spec.key] = run

    group = _grief_group(runs, users["smw"], schools["04AB"], days, rng)
    _consultations(runs, users, schools, days, rng)
    _backdate(runs, group)

    cases = Case.objects.filter(pk__in=[r.case.pk for r in runs.values()])
    counts = Counter(cases.values_list("stage", flat=True))
    counts.update(
        pupils=len(runs),
        cases=cases.count(),
        contacts=Contact.objects.filter(case__in=cases).count(),
        groups=1,
        consultations=Consultation.objects.filter(school__brin__in=DEMO_BRINS).count(),
    )
    return dict(counts)


def _grief_group(runs, worker, school, days, rng) -> Group:
    """A rouwgroep at OBS De Regenboog: three weekly sessions, a contact on each case."""
    members = [runs[key] for key in ("fleur", "mohammed", "yara")]
    session_days = [days[-13], days[-8], days[-3]]
    group = workflow.start_group(
        by=worker,
        school=school,
        name="Rouwgroep De Regenboog",
        kind=Group.Kind.GRIEF,
        started_on=session_days[0],
        cases=list(Case.objects.filter(pk__in=[run.case.pk for run in members])),
    )
    for day, (topic, summary) in zip(session_days, GROUP_SESSIONS, strict=True):
        workflow.record_group_session(
            group,
            by=worker,
            held_on=day,
            minutes=rng.choice([45, 60]),
            topic=topic,
            summary=summary,
        )
        for run in members:
            run.stamp(day)
    return group


def _consultations(runs, users, schools, days, rng) -> None:
    for brin, username, key, with_whom, question, advice in CONSULTATIONS:
        run = runs.get(key) if key else None
        if run is not None:
            day = run.contact_days[-2] if len(run.contact_days) > 1 else run.contact_days[-1]
        else:
            day = days[-1 - rng.randint(3, 70)]
        workflow.record_consultation(
            by=users[username],
            school=schools[brin],
            case=run.case if run else None,
            held_on=day,
            minutes=rng.randrange(20, 50, 5),
            with_whom=with_whom,
            question=question,
            advice=advice,
        )
        if run is not None:
            run.stamp(day)


def _backdate(runs: dict[str, CaseRun], group: Group) -> None:
    """Move every 'today' the workflow wrote back to the day the step was meant to happen."""
    by_case = {run.case.pk: run for run in runs.values()}
    events = defaultdict(list)
    for event in CaseEvent.objects.filter(case__in=by_case).order_by("case_id", "pk"):
        events[event.case_id].append(event)
    cases = Case.objects.filter(pk__in=by_case).in_bulk()
    for case_id, run in by_case.items():
        timeline = events[case_id]
        if len(timeline) != len(run.stamps):
            raise RuntimeError(
                f"Demo case {run.spec.key}: {len(timeline)} events, {len(run.stamps)} dates."
            )
        for event, moment in zip(timeline, run.stamps, strict=True):
            event.at = moment
        case = cases[case_id]
        for name in ("intake_on", "plan_on", "help_on", "referred_on", "closed_on"):
            if name in run.dates:
                setattr(case, name, run.dates[name])
        case.stage_changed_at = max(e.at for e in timeline if e.to_stage)
        case.last_activity_at = max(e.at for e in timeline)
    CaseEvent.objects.bulk_update([e for t in events.values() for e in t], ["at"], batch_size=500)
    Case.objects.bulk_update(
        cases.values(),
        [
            "intake_on",
            "plan_on",
            "help_on",
            "referred_on",
            "closed_on",
            "stage_changed_at",
            "last_activity_at",
        ],
    )
    contacts = Contact.objects.filter(case__in=by_case, group_session__isnull=True).only("pk")
    moments = {pk: t for run in runs.values() for pk, t in run.contact_times.items()}
    changed = []
    for contact in contacts:
        contact.created_at = moments[contact.pk]
        changed.append(contact)
    Contact.objects.bulk_update(changed, ["created_at"], batch_size=500)
    for session in GroupSession.objects.filter(group=group):
        moment = timezone.make_aware(datetime.datetime.combine(session.held_on, datetime.time(15)))
        Contact.objects.filter(group_session=session).update(created_at=moment)
    pupils = []
    for run in runs.values():
        run.pupil.created_at = run.pupil_created_at
        pupils.append(run.pupil)
    Pupil.objects.bulk_update(pupils, ["created_at"])
    for run in runs.values():
        for model, key in ((Intake, "intake"), (Plan, "plan")):
            if key in run.text_saved_at:
                model.objects.filter(case=run.case).update(updated_at=run.text_saved_at[key])
