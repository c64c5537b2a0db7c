"""Demo continuity: next school year's assignments being prepared (smw no longer at SBO De
Brug, so its cases need a new case manager), a consent to ask again (a pupil who turned 12
since her parents consented alone), and the organisation's short-term norm (8 contacts or 3
months), which some demo cases are past. Idempotent."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from cases.models import Case, CaseEvent, Category, Guardian, Intake, Pupil
from continuity.consent import mark_consents_to_ask_again
from continuity.models import ShortTermNorm
from referrals.models import Consent
from schools.models import Assignment, Organisation, School, SchoolYear

from .people import ORGANISATION

# Not copied into next school year: smw stops at this school.
LEAVES_SCHOOL = ("smw", "SBO De Brug")
# In her first year of secondary school.
PUPIL = {"first_name": "Fenna", "last_name": "Hoekstra", "school": "Christelijk Lyceum Oudwijk"}


def seed_continuity() -> dict[str, int]:
    organisation = Organisation.objects.get(name=ORGANISATION)
    ShortTermNorm.objects.get_or_create(
        organisation=organisation, defaults={"max_contacts": 8, "max_months": 3}
    )
    return {"next_year": _next_year(), "asked_again": _consent_to_ask_again()}


def _next_year() -> int:
    current = SchoolYear.current()
    following, _created = SchoolYear.objects.get_or_create(start_year=current.start_year + 1)
    made = 0
    for assignment in Assignment.objects.filter(
        school_year=current, worker__username__in=["smw", "smw2"]
    ).select_related("worker", "school"):
        if (assignment.worker.username, assignment.school.name) == LEAVES_SCHOOL:
            continue
        _row, created = Assignment.objects.get_or_create(
            worker=assignment.worker,
            school=assignment.school,
            school_year=following,
            defaults={
                "contracted_hours": assignment.contracted_hours,
                "funding_source": assignment.funding_source,
            },
        )
        made += created
    return made


def _consent_to_ask_again() -> int:
    """Fenna turned 12 three weeks ago; her parents consented alone to the ZAT when she was 11."""
    today = timezone.localdate()
    school = School.objects.get(name=PUPIL["school"])
    worker = User.objects.get(username="smw")
    birthday = today - datetime.timedelta(days=21)
    try:
        born = birthday.replace(year=birthday.year - 12)
    except ValueError:
        born = datetime.date(birthday.year - 12, 2, 28)
    pupil, created = Pupil.objects.get_or_create(
        first_name=PUPIL["first_name"],
        last_name=PUPIL["last_name"],
        school=school,
        defaults={"date_of_birth": born, "group": "1b", "created_by": worker},
    )
    if not created:
        return mark_consents_to_ask_again(today)
    mother = Guardian.objects.create(
        pupil=pupil, name="Ilse Hoekstra", relation=Guardian.Relation.MOTHER, has_authority=True
    )
    signalled = today - datetime.timedelta(days=60)
    intake_on = signalled + datetime.timedelta(days=7)
    case = Case.objects.create(
        pupil=pupil,
        school=school,
        caseworker=worker,
        stage=Case.Stage.INTAKE,
        categories=[Category.SOCIAL_EMOTIONAL, Category.DIVORCE],
        source=Case.Source.TEACHER,
        noticed="Trekt zich terug in de brugklas sinds de scheiding van haar ouders; eet weinig.",
        signalled_on=signalled,
        intake_on=intake_on,
        reported_by=worker,
        parents_informed=True,
        parents_agree=True,
    )
    Intake.objects.create(
        case=case,
        held_on=intake_on,
        request_for_help="Moeder wil weten hoe ze Fenna kan steunen.",
        updated_by=worker,
    )
    consent = Consent.objects.create(
        pupil=pupil,
        case=case,
        purpose=Consent.Purpose.ZAT,
        by_pupil=False,
        given_on=intake_on,
        recorded_by=worker,
        note="Moeder gaf toestemming bij de intake.",
    )
    consent.by_guardians.set([mother])
    for kind, day in (
        (CaseEvent.Kind.SIGNALLED, signalled),
        (CaseEvent.Kind.STAGE, intake_on),
        (CaseEvent.Kind.CONSENT, intake_on),
    ):
        CaseEvent.objects.create(
            case=case,
            by=worker,
            kind=kind,
            at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
            to_stage=Case.Stage.SIGNAL if kind == CaseEvent.Kind.SIGNALLED else "",
        )
    return mark_consents_to_ask_again(today)
