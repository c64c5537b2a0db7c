"""Demo ZAT meetings for OBS De Regenboog (zc, smw) and CBS Het Kompas (zc2, smw2).

Per school: two past meetings with external guests, named items (each after a complete ZAT
consent recorded through referrals.workflow), anonymous items, advice and action points (some
done, some open and overdue), and an upcoming meeting whose agenda carries the open points over.
Everything goes through the same functions a person's click calls. Idempotent: a school that
already has ZAT meetings is left alone. Runs after demo/people.py (the schools and logins)
and demo/cases.py (whose open cases it discusses where it can).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases import workflow as case_workflow
from cases.models import Case, CaseEvent, Category, Guardian, Pupil
from referrals.consent import required_consent
from referrals.models import Consent
from referrals.workflow import record_consent
from schools.models import School
from zat import workflow as zat_workflow
from zat.models import Attendee, Meeting


@dataclass(frozen=True)
class DemoPupil:
    """A pupil the demo creates when the worker has fewer open cases at the school."""

    first_name: str
    last_name: str
    age: int
    group: str
    category: str
    noticed: str
    mother: str
    father: str = ""


@dataclass(frozen=True)
class DemoSchool:
    name: str
    coordinator: str
    worker: str
    guests: tuple[tuple[str, str, str], ...]  # name, organisation, role
    pupils: tuple[DemoPupil, ...]
    # Descriptions without identifying data: an anonymous item, the stand-ins for the two
    # cases when their consent does not cover a meeting's day, and an item for the next ZAT.
    labels: tuple[str, str, str, str]


SCHOOLS = (
    DemoSchool(
        name="OBS De Regenboog",
        coordinator="zc",
        worker="smw",
        guests=(
            ("Dr. Aylin Yildiz", "GGD regio Utrecht", "jeugdarts"),
            ("Marco de Wit", "Leerplicht Utrecht", "leerplichtambtenaar"),
            ("Fatima El Idrissi", "Buurtteam Jeugd en Gezin Utrecht-West", "buurtteam"),
        ),
        pupils=(
            DemoPupil(
                "Milan",
                "Koster",
                9,
                "5a",
                Category.ABSENTEEISM,
                "Is sinds de herfstvakantie vaak ziek gemeld op maandag.",
                "Ellen Koster",
            ),
            DemoPupil(
                "Yara",
                "Bouzid",
                12,
                "8b",
                Category.SOCIAL_EMOTIONAL,
                "Trekt zich terug, eet slecht in de pauze.",
                "Samira Bouzid",
                "Karim Bouzid",
            ),
        ),
        labels=(
            "leerling groep 4, meisje, 7 jaar",
            "leerling groep 7, jongen, 10 jaar",
            "leerling groep 8, meisje, 12 jaar",
            "leerling groep 3, jongen, 6 jaar",
        ),
    ),
    DemoSchool(
        name="CBS Het Kompas",
        coordinator="zc2",
        worker="smw2",
        guests=(
            ("Dr. Hanneke Brouwer", "GGD regio Utrecht", "jeugdarts"),
            ("Ruud Verhoef", "Leerplicht Nieuwegein", "leerplichtambtenaar"),
            ("Joyce Tahiri", "Sociaal Team Nieuwegein", "buurtteam"),
        ),
        pupils=(
            DemoPupil(
                "Jesse",
                "van Dijk",
                8,
                "4b",
                Category.DIVORCE,
                "Huilt vaak sinds de scheiding van zijn ouders.",
                "Marloes van Dijk",
                "Erik van Dijk",
            ),
            DemoPupil(
                "Noor",
                "Peeters",
                11,
                "7a",
                Category.BULLYING,
                "Wordt online gepest door klasgenoten.",
                "Inge Peeters",
            ),
        ),
        labels=(
            "leerling groep 6, jongen, 9 jaar",
            "leerling groep 4, jongen, 8 jaar",
            "leerling groep 7, meisje, 11 jaar",
            "leerling groep 3, meisje, 6 jaar",
        ),
    ),
)


# Days from today: two past meetings and the next one.
FIRST_MEETING, SECOND_MEETING, NEXT_MEETING = -63, -21, 14


def _today() -> datetime.date:
    return timezone.localdate()


def _days(days: int) -> datetime.date:
    return _today() + datetime.timedelta(days=days)


def _at(days: int, hour: int = 14) -> datetime.datetime:
    day = _days(days)
    day += datetime.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _born(age: int) -> datetime.date:
    # a birthday some months ago, so the age holds for every date the demo uses
    return _days(-(365 * age + 150))


def _cases(spec: DemoSchool, school: School, worker: User) -> list[Case]:
    """Two open cases of the worker at the school from the demo caseload, signalled before the
    first past meeting (so a consent can cover it); our own demo pupils make up the rest."""
    cases = list(
        Case.objects.open()
        .filter(school=school, caseworker=worker, signalled_on__lte=_days(FIRST_MEETING - 7))
        .select_related("pupil")
        .order_by("signalled_on", "pk")[:2]
    )
    for pupil_spec in spec.pupils[len(cases) :]:
        pupil, _created = Pupil.objects.get_or_create(
            school=school,
            first_name=pupil_spec.first_name,
            last_name=pupil_spec.last_name,
            defaults={
                "date_of_birth": _born(pupil_spec.age),
                "group": pupil_spec.group,
                "created_by": worker,
            },
        )
        case = Case.objects.open().filter(pupil=pupil).first()
        if case is None:
            signalled = _days(-100)
            extra = (
                "gedrag" if pupil_spec.category == "sociaal_emotioneel" else "sociaal_emotioneel"
            )
            case = case_workflow.submit_signal(
                by=worker,
                pupil=pupil,
                categories=[pupil_spec.category, extra],
                noticed=pupil_spec.noticed,
                source=Case.Source.TEACHER,
                parents_informed=True,
                parents_agree=True,
                signalled_on=signalled,
            )
            case_workflow.start_intake(case, by=worker)
            # The timeline follows the dates, as if it had been registered back then.
            at = {"signalled": _at(-100, 9), "stage": _at(-94, 10)}
            for kind, moment in at.items():
                CaseEvent.objects.filter(case=case, kind=kind).update(at=moment)
            Case.objects.filter(pk=case.pk).update(
                intake_on=_days(-94), stage_changed_at=at["stage"], last_activity_at=at["stage"]
            )
            case.refresh_from_db()
        for name, relation in (
            (pupil_spec.mother, Guardian.Relation.MOTHER),
            (pupil_spec.father, Guardian.Relation.FATHER),
        ):
            if name:
                Guardian.objects.get_or_create(
                    pupil=pupil, name=name, defaults={"relation": relation, "has_authority": True}
                )
        cases.append(case)
    return cases


def _zat_consent(case: Case, worker: User) -> Consent:
    """A complete ZAT consent, recorded as the case manager would: from everyone whose consent
    the pupil's age asks for. A parent with gezag is added when none is on record; a standing
    ZAT consent already on record is used as it is."""
    standing = (
        Consent.objects.filter(
            pupil=case.pupil_id,
            purpose=Consent.Purpose.ZAT,
            withdrawn_on__isnull=True,
            valid_until__isnull=True,
            given_on__lte=_days(FIRST_MEETING),
        )
        .order_by("given_on")
        .first()
    )
    if standing is not None:
        return standing
    given_on = max(case.signalled_on, _days(FIRST_MEETING - 14))
    need = required_consent(case.pupil, given_on)
    guardian_ids: set[int] = set()
    if need.age < 16:
        guardians = list(need.guardians)
        if not guardians:
            guardians = [
                Guardian.objects.create(
                    pupil=case.pupil,
                    name=f"Ouder van {case.pupil.first_name} {case.pupil.last_name}",
                    relation=Guardian.Relation.PARENT,
                    has_authority=True,
                )
            ]
        guardian_ids = {guardian.pk for guardian in guardians}
    return record_consent(
        case,
        by=worker,
        purpose=Consent.Purpose.ZAT,
        given_on=given_on,
        by_pupil=need.pupil,
        guardian_ids=guardian_ids,
        note="Toestemming voor bespreking in het ZAT, mondeling bevestigd en op papier getekend.",
    )


def _meeting(
    school: School, coordinator: User, worker: User, days: int, guests: list[tuple[str, str, str]]
) -> tuple[Meeting, dict[str, Attendee]]:
    meeting = zat_workflow.plan_meeting(
        school=school, by=coordinator, starts_at=_at(days), place="Teamkamer"
    )
    zat_workflow.add_attendee(meeting, by=coordinator, user=worker, organisation="SMW", role="SMW")
    attendees = {
        role: zat_workflow.add_attendee(
            meeting, by=coordinator, name=name, organisation=organisation, role=role
        )
        for name, organisation, role in guests
    }
    return meeting, attendees


def _named_or_anonymous(
    meeting: Meeting, *, case: Case, consent: Consent, worker: User, label: str, question: str
):
    """By name when the consent covers the meeting's day; otherwise without pupil data."""
    if consent.is_valid_on(meeting.day):
        return zat_workflow.add_item(meeting, by=worker, case=case, question=question)
    return zat_workflow.add_item(meeting, by=worker, anonymous_label=label, question=question)


def _seed_school(spec: DemoSchool) -> int:
    school = School.objects.filter(name=spec.name).first()
    users = {
        u.username: u for u in User.objects.filter(username__in=[spec.coordinator, spec.worker])
    }
    if school is None or len(users) < 2 or Meeting.objects.filter(school=school).exists():
        return 0
    zc, smw = users[spec.coordinator], users[spec.worker]
    first_case, second_case = _cases(spec, school, smw)
    first_consent = _zat_consent(first_case, smw)
    second_consent = _zat_consent(second_case, smw)
    jeugdarts, leerplicht, buurtteam = spec.guests

    # Nine weeks ago: jeugdarts and leerplicht at the table.
    first, guests = _meeting(school, zc, smw, FIRST_MEETING, [jeugdarts, leerplicht])
    item = _named_or_anonymous(
        first,
        case=first_case,
        consent=first_consent,
        worker=smw,
        label=spec.labels[1],
        question="Veel ziekmeldingen op maandag. Is er meer aan de hand dan ziekte?",
    )
    zat_workflow.record_advice(
        item,
        by=zc,
        discussion="Verzuim loopt op; ouders werken mee maar zijn overbelast.",
        advice="Jeugdarts nodigt uit voor een verzuimspreekuur; SMW sluit aan bij het gesprek.",
    )
    done = zat_workflow.add_action(
        item,
        by=zc,
        description="Uitnodiging verzuimspreekuur sturen",
        due_on=_days(-49),
        owner_guest=guests["jeugdarts"],
    )
    zat_workflow.complete_action(done, by=zc, on=_days(-52))
    # open and overdue
    zat_workflow.add_action(
        item,
        by=zc,
        description="Verzuimregistratie van de laatste 8 weken delen",
        due_on=_days(-42),
        owner_user=zc,
    )
    item = zat_workflow.add_item(
        first,
        by=zc,
        anonymous_label=spec.labels[0],
        question="Leerkracht maakt zich zorgen over driftbuien in de klas. Wat kan school doen?",
    )
    zat_workflow.record_advice(
        item,
        by=zc,
        discussion="",
        advice="Observatie in de klas door SMW; daarna gesprek met ouders en leerkracht.",
    )
    done = zat_workflow.add_action(
        item, by=zc, description="Klassenobservatie", due_on=_days(-42), owner_user=smw
    )
    zat_workflow.complete_action(done, by=smw, on=_days(-45))

    # Three weeks ago: jeugdarts and the buurtteam.
    second, guests = _meeting(school, zc, smw, SECOND_MEETING, [jeugdarts, buurtteam])
    item = _named_or_anonymous(
        second,
        case=second_case,
        consent=second_consent,
        worker=smw,
        label=spec.labels[2],
        question="Somber en teruggetrokken; thuis speelt veel. Is hulp van het buurtteam nodig?",
    )
    zat_workflow.record_advice(
        item,
        by=zc,
        discussion="Ouders staan open voor hulp; er zijn geldzorgen.",
        advice="Warme overdracht naar het buurtteam in een driegesprek op school.",
    )
    # open and overdue
    zat_workflow.add_action(
        item,
        by=zc,
        description="Driegesprek plannen met ouders en buurtteam",
        due_on=_days(-7),
        owner_guest=guests["buurtteam"],
    )
    # open, not yet due
    zat_workflow.add_action(
        item, by=zc, description="Terugkoppeling aan leerkracht", due_on=_days(10), owner_user=smw
    )
    item = zat_workflow.add_item(
        second,
        by=zc,
        anonymous_label=spec.labels[0],
        question="Vervolg: wat bleek uit de klassenobservatie?",
    )
    zat_workflow.record_advice(
        item,
        by=zc,
        discussion="Driftbuien vooral bij overgangen en in de pauze.",
        advice="Leerkracht werkt met een dagplanning met pictogrammen; SMW begeleidt ouders.",
    )
    done = zat_workflow.add_action(
        item,
        by=zc,
        description="Ouders informeren over de begeleiding",
        due_on=_days(-14),
        owner_user=smw,
    )
    zat_workflow.complete_action(done, by=smw, on=_days(-16))

    # In two weeks: the agenda so far; the open action points above carry over.
    upcoming, _guests = _meeting(school, zc, smw, NEXT_MEETING, [jeugdarts])
    _named_or_anonymous(
        upcoming,
        case=first_case,
        consent=first_consent,
        worker=smw,
        label=spec.labels[1],
        question="Evaluatie van de begeleiding: is het verzuim gedaald?",
    )
    zat_workflow.add_item(
        upcoming,
        by=zc,
        anonymous_label=spec.labels[3],
        question="Lijkt niet goed te horen en te zien in de klas. Wie pakt dit op?",
    )
    return 3


@transaction.atomic
def seed_meetings() -> int:
    """Create the demo ZAT meetings; returns how many were created (0 on a second run)."""
    return sum(_seed_school(spec) for spec in SCHOOLS)
