"""A dossier of long ago with something in every place personal data can be, next to another
pupil's that must stay as it is."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from cases.models import Case, CaseEvent, Consultation, Contact, EmergencyAccess, Pupil
from meldcode.models import Answer, Trajectory
from meldcode.models import Consultation as MeldcodeConsultation
from referrals.models import Consent, Referral, ReferralStatusChange, SocialMapEntry
from reports.models import ReportRun
from rights.models import OwnStatement, PupilCorrection, RequestStep, RightsRequest
from tests import factories
from timesheet.models import TimeEntry
from zat.models import ActionPoint, AgendaItem, Meeting

# Twenty-two years ago: past the default term of 20 years.
LONG_AGO = datetime.date(timezone.localdate().year - 22, 9, 1)

FIRST, LAST, GUARDIAN = "Xandrijn", "Quirijnsma", "Wilhelmina Quirijnsma-Oost"
SECRETS = [
    "Xandrijn",
    "Quirijnsma",
    "Wilhelmina",
    "geheimesignaal",
    "geheimeintake",
    "geheimdoel",
    "geheimeevaluatie",
    "geheimgesprek",
    "geheimewerkaantekening",
    "geheimeconsultatie",
    "geheimetoestemming",
    "geheimeverwijzing",
    "geheimezatvraag",
    "geheimemeldcode",
    "geheimeuitkomst",
    "geheimeurennotitie",
    "geheimenoodtoegang",
    "0612345678",
    "geheimverzoek",
    "geheimeverklaring",
    "geheimecorrectie",
    "Zwaantje",
]


@pytest.fixture(autouse=True)
def journal(settings, tmp_path):
    """The destruction journal of each test in a file of its own."""
    settings.SMW_DESTRUCTION_JOURNAL = str(tmp_path / "journal" / "destructions.jsonl")
    return tmp_path / "journal" / "destructions.jsonl"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def build_dossier(cast, *, first=FIRST, last=LAST, signalled_on=LONG_AGO, mark="geheim") -> Case:
    """A closed case of long ago, with every kind of text and link filled."""
    worker = cast.worker
    pupil = factories.create_pupil(
        school=cast.school_a,
        first_name=first,
        last_name=last,
        date_of_birth=datetime.date(signalled_on.year - 10, 5, 17),
        group="7b",
    )
    LogEntry.objects.create(
        user=worker,
        content_type=ContentType.objects.get_for_model(Pupil),
        object_id=str(pupil.pk),
        object_repr=str(pupil),
        action_flag=CHANGE,
    )
    guardian = factories.create_guardian(
        pupil=pupil,
        name=GUARDIAN if mark == "geheim" else "Opa Blijft",
        phone="0612345678" if mark == "geheim" else "0201234567",
        email="w@example.org",
    )
    case = factories.create_case(
        pupil=pupil,
        caseworker=worker,
        stage=Case.Stage.CLOSED,
        signalled_on=signalled_on,
        noticed=f"{mark}esignaal over {first} {last}",
        outcome=f"{mark}euitkomst",
        categories=["pesten", "rouw"],
    )
    case.intake.problems = f"{mark}eintake"
    case.intake.save()
    goal = case.plan.goals.first()
    goal.description = f"{mark}doel"
    goal.save()
    factories.create_evaluation(
        plan=case.plan, held_on=signalled_on + datetime.timedelta(days=20), note=f"{mark}eevaluatie"
    )
    for day in (3, 10, 17, 24):
        factories.create_contact(
            case=case,
            held_on=signalled_on + datetime.timedelta(days=day),
            summary=f"{mark}gesprek met {first}",
            work_note=f"{mark}ewerkaantekening",
            kind=Contact.Kind.PARENTS if day == 10 else Contact.Kind.PUPIL,
        )
    CaseEvent.objects.create(
        case=case, by=worker, kind=CaseEvent.Kind.CLOSED, note=f"{mark}euitkomst"
    )
    Consultation.objects.create(
        school=cast.school_a,
        worker=worker,
        case=case,
        held_on=signalled_on + datetime.timedelta(days=5),
        minutes=30,
        with_whom=Consultation.With.TEACHER,
        question=f"{mark}econsultatie {first}",
        advice=f"{mark}econsultatie",
    )
    EmergencyAccess.objects.create(
        case=case,
        user=cast.worker,
        reason=f"{mark}enoodtoegang",
        opened_at=timezone.now() - datetime.timedelta(days=1),
        until=timezone.now() - datetime.timedelta(hours=1),
    )
    destination, _ = SocialMapEntry.objects.get_or_create(name="Jeugd-GGZ Noord", kind="jeugd_ggz")
    consent = Consent.objects.create(
        pupil=pupil,
        case=case,
        purpose=Consent.Purpose.ZAT,
        given_on=signalled_on,
        note=f"{mark}etoestemming",
        recorded_by=worker,
    )
    consent.by_guardians.add(guardian)
    referral = Referral.objects.create(
        case=case,
        destination=destination,
        reason=f"{mark}everwijzing",
        question=f"{mark}everwijzing",
        shared_information=f"{mark}everwijzing {first} {last}",
        consent=consent,
        follow_up_on=signalled_on + datetime.timedelta(days=30),
        status=Referral.Status.STARTED,
        status_changed_on=signalled_on + datetime.timedelta(days=14),
        created_by=worker,
    )
    ReferralStatusChange.objects.create(
        referral=referral,
        status=Referral.Status.STARTED,
        on=signalled_on + datetime.timedelta(days=14),
        note=f"{mark}everwijzing",
        by=worker,
    )
    meeting = Meeting.objects.create(
        school=cast.school_a,
        starts_at=timezone.make_aware(
            datetime.datetime.combine(signalled_on + datetime.timedelta(days=8), datetime.time(9))
        ),
        notes=f"Besproken: {first} {last}.",
        created_by=worker,
    )
    item = AgendaItem.objects.create(
        meeting=meeting,
        case=case,
        consent=consent,
        question=f"{mark}ezatvraag",
        advice=f"{mark}ezatvraag",
        added_by=worker,
    )
    ActionPoint.objects.create(
        item=item,
        description=f"Bel moeder van {first}",
        owner_user=worker,
        due_on=signalled_on + datetime.timedelta(days=15),
    )
    trajectory = Trajectory.objects.create(
        case=case,
        organisation=cast.organisation,
        started_by=worker,
        started_at=meeting.starts_at,
        step=Trajectory.Step.CLOSED,
        facts=f"{mark}emeldcode",
        conversation_summary=f"{mark}emeldcode",
        closed_on=signalled_on + datetime.timedelta(days=20),
        outcome=Trajectory.Outcome.SAFE,
    )
    MeldcodeConsultation.objects.create(
        trajectory=trajectory,
        held_on=signalled_on + datetime.timedelta(days=9),
        with_whom=f"{mark}emeldcode",
        advice=f"{mark}emeldcode",
        veilig_thuis=True,
        by=worker,
    )
    Answer.objects.create(
        trajectory=trajectory, question="A1", answer=True, motivation=f"{mark}emeldcode", by=worker
    )
    TimeEntry.objects.create(
        worker=worker,
        school=cast.school_a,
        on=signalled_on + datetime.timedelta(days=4),
        minutes=60,
        activity=TimeEntry.Activity.choices[0][0],
        case=case,
        note=f"{mark}eurennotitie",
    )
    add_rights(cast, case, guardian, mark=mark, first=first)
    return case


def add_rights(cast, case: Case, guardian, *, mark: str, first: str) -> RightsRequest:
    """A parent's correction request, extended, refused with an own statement, and a correction
    of the pupil's name: every text of the rights app filled."""
    worker, pupil = cast.worker, case.pupil
    received = case.signalled_on + datetime.timedelta(days=40)
    request = RightsRequest.objects.create(
        pupil=pupil,
        case=case,
        organisation=cast.organisation,
        kind=RightsRequest.Kind.CORRECTION,
        requester=RightsRequest.Requester.PARENT_WITH_AUTHORITY,
        guardian=guardian,
        requester_name=guardian.name,
        received_on=received,
        identity_check=RightsRequest.IdentityCheck.DOCUMENT,
        identity_checked_by=worker,
        identity_note=f"{mark}verzoek paspoort",
        description=f"{mark}verzoek over {first}",
        status=RightsRequest.Status.REFUSED,
        deadline=received + datetime.timedelta(days=30),
        extended_until=received + datetime.timedelta(days=60),
        extension_reason=f"{mark}verzoek uitstel",
        preparation_note=f"{mark}verzoek voorbereiding",
        harms_child=False,
        harm_reason=f"{mark}verzoek schade",
        decision_reason=f"{mark}verzoek besluit",
        created_by=worker,
    )
    RequestStep.objects.create(
        request=request, by=worker, what="afgewezen", note=f"{mark}verzoek stap"
    )
    OwnStatement.objects.create(
        pupil=pupil,
        case=case,
        request=request,
        author_name="Zwaantje Verklaarder" if mark == "geheim" else "Ouder Blijft",
        text=f"{mark}everklaring van de moeder",
        created_by=worker,
    )
    PupilCorrection.objects.create(
        pupil=pupil,
        field=PupilCorrection.Field.FIRST_NAME,
        old_value=f"{mark}ecorrectie oud",
        new_value=first,
        reason=f"{mark}ecorrectie reden",
        request=request,
        by=worker,
    )
    return request


def registration_run(case: Case) -> ReportRun:
    """A stored registration PDF of the month the case was open, naming the pupil."""
    start = case.signalled_on.replace(day=1)
    run = ReportRun.objects.create(
        kind=ReportRun.Kind.REGISTRATION,
        school=case.school,
        period_start=start,
        period_end=start + datetime.timedelta(days=29),
        label="maand",
        status=ReportRun.Status.READY,
        pupil_ids=[case.pupil_id],
    )
    run.file.save("registratie.pdf", ContentFile(f"%PDF {case.pupil.full_name}".encode()))
    return run
