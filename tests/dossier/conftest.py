"""A dossier with something in every part, another pupil's dossier next to it, and helpers
to make and read an export."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass

import pytest
from django.utils import translation
from pypdf import PdfReader

from cases.models import Case, Consultation, Group, GroupSession
from dossier import exports, workflow
from dossier.models import DossierExport
from referrals.models import ReferralStatusChange
from tests import factories
from tests.referrals.helpers import (
    birthday_years_ago,
    create_consent,
    create_entry,
    create_referral,
    days_from_today,
)
from tests.zat.helpers import create_action, create_item, create_meeting

SUMMARIES = [
    "Sanne vertelt over de ruzie in de pauze.",
    "Gesprek met moeder over slapen en schermtijd.",
    "Huisbezoek: de sfeer thuis is gespannen.",
]
WORK_NOTE = "Werkaantekening: vader lijkt de afspraken te ontlopen."
OTHER_AUTHOR_WORK_NOTE = "Waarnemer: moeder belde boos, terugbellen."
OTHER_PUPIL_SUMMARY = "Geheime samenvatting van een andere leerling."
OTHER_PUPIL_NAME = "Ruben Zwart"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@dataclass
class World:
    case: Case
    other_case: Case
    destination: object
    contacts: list
    father: object


@pytest.fixture
def world(cast) -> World:
    pupil = factories.create_pupil(
        school=cast.school_a,
        first_name="Sanne",
        last_name="Kok",
        date_of_birth=birthday_years_ago(13, plus_days=-100),
    )
    case = factories.create_case(pupil=pupil, caseworker=cast.worker, stage=Case.Stage.HELP)
    mother = factories.create_guardian(pupil=pupil, name="Anna Kok", phone="0612345678")
    father = factories.create_guardian(
        pupil=pupil, name="Pieter Kok", relation="vader", email="pieter@example.org"
    )
    contacts = [
        factories.create_contact(case=case, summary=text, held_on=days_from_today(-20 + n))
        for n, text in enumerate(SUMMARIES)
    ]
    contacts[0].work_note = WORK_NOTE
    contacts[0].save()
    colleague = factories.create_worker(username="colleague", schools=[cast.school_a])
    factories.create_contact(
        case=case,
        author=colleague,
        summary="Telefoon met moeder.",
        work_note=OTHER_AUTHOR_WORK_NOTE,
    )
    factories.create_evaluation(plan=case.plan, note="Het gaat beter op het plein.")
    Consultation.objects.create(
        school=cast.school_a,
        worker=cast.worker,
        case=case,
        held_on=days_from_today(-10),
        minutes=30,
        with_whom=Consultation.With.TEACHER,
        question="Hoe ga ik om met haar stille buien?",
        advice="Geef haar een vaste taak in de klas.",
    )
    group = Group.objects.create(
        school=cast.school_a, worker=cast.worker, name="Rouwgroep najaar", kind="rouwgroep"
    )
    group.cases.add(case)
    GroupSession.objects.create(
        group=group, held_on=days_from_today(-5), minutes=60, topic="Herinneringen delen"
    )
    destination = create_entry(name="Altrecht Jeugd", municipalities=[cast.north])
    consent = create_consent(
        case=case, party=destination, by_pupil=True, guardians=[mother, father]
    )
    referral = create_referral(case=case, destination=destination, consent=consent)
    ReferralStatusChange.objects.create(
        referral=referral,
        status="wachtlijst",
        on=days_from_today(-1),
        note="Zes weken wachttijd.",
        by=cast.worker,
    )
    coordinator_meeting = create_meeting(school=cast.school_a, chair=cast.coordinator)
    item = create_item(
        meeting=coordinator_meeting,
        case=case,
        question="Welke hulp past bij Sanne?",
        advice="Verwijzen naar jeugd-GGZ.",
    )
    create_action(item=item, description="Ouders uitnodigen voor gesprek")
    # another pupil at the same school, with the same worker, in the same group and meeting
    other = factories.create_case(
        pupil=factories.create_pupil(school=cast.school_a, first_name="Ruben", last_name="Zwart"),
        caseworker=cast.worker,
        stage=Case.Stage.HELP,
    )
    factories.create_contact(case=other, summary=OTHER_PUPIL_SUMMARY, work_note="Andere notitie.")
    group.cases.add(other)
    create_item(meeting=coordinator_meeting, case=other, question="Vraag over Ruben.")
    factories.create_guardian(pupil=other.pupil, name="Karel Zwart")
    return World(
        case=case, other_case=other, destination=destination, contacts=contacts, father=father
    )


def start(world: World, user, *, purpose=DossierExport.Purpose.AFSCHRIFT, **kwargs):
    """Start an export as the case manager and make it at once (as the worker would)."""
    kwargs.setdefault(
        "requester", DossierExport.Requester.PARENTS if purpose != "overdracht" else ""
    )
    export = workflow.start_export(world.case, by=user, purpose=purpose, **kwargs)
    exports.make_export(export.pk)
    export.refresh_from_db()
    return export


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def zip_content(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return json.loads(archive.read("dossier.json"))


def read_files(export: DossierExport) -> tuple[str, dict]:
    export.refresh_from_db()
    with export.pdf.open("rb") as pdf, export.archive.open("rb") as archive:
        return pdf_text(pdf.read()), zip_content(archive.read())


@pytest.fixture
def fake_pdf(monkeypatch):
    """A stand-in for WeasyPrint where a test is about pages, not about the PDF's text."""
    monkeypatch.setattr(exports, "render_pdf", lambda template, context: b"%PDF-1.7 fake")
