"""Free text of the dossier is sealed at rest with a key per pupil (vault/): the raw columns
hold no plain text, code reads and writes plain text, a destroyed key leaves text that cannot be
read, and rotating the master key keeps everything readable."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from cases import workflow
from cases.models import Case, CaseEvent, Consultation, Contact, Evaluation, Goal, Intake
from documents.models import CaseDocument
from meldcode.models import Answer, Trajectory
from meldcode.models import Consultation as MeldcodeConsultation
from rights.models import OwnStatement
from tests import factories
from vault import crypto
from vault.existing import encrypted_models, open_existing, seal_existing
from vault.fields import Sealed
from vault.models import PupilKey

SECRET = "Vader drinkt en slaat"


def raw(model, field: str, pk: int) -> str:
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field).column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def every_raw_text() -> list[tuple[str, str]]:
    """(model.field, raw value) of every non-empty encrypted column in the database."""
    found = []
    for model, fields in encrypted_models():
        table = connection.ops.quote_name(model._meta.db_table)
        for field in fields:
            column = connection.ops.quote_name(field.column)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {column} FROM {table} WHERE {column} <> ''")  # noqa: S608
                found += [(f"{model.__name__}.{field.name}", row[0]) for row in cursor.fetchall()]
    return found


@pytest.fixture
def dossier(cast):
    """A case with text in every encrypted field: signal, intake, plan, evaluation, contact with
    a work note, consultations (tied to the case and anonymous), a meldcode trajectory."""
    worker = cast.worker
    case = factories.create_case(
        school=cast.school_a, caseworker=worker, stage=Case.Stage.PLAN, noticed=f"{SECRET} (1)"
    )
    Intake.objects.filter(case=case).delete()
    factories.create_intake(
        case=case, signals=f"{SECRET} (2)", problems=f"{SECRET} (3)", strengths="Sportief"
    )
    plan = case.plan
    Goal.objects.create(plan=plan, domain=Goal.Domain.FAMILY, description=f"{SECRET} (4)")
    factories.create_evaluation(plan=plan, note=f"{SECRET} (5)")
    factories.create_contact(case=case, summary=f"{SECRET} (6)", work_note=f"{SECRET} (7)")
    Consultation.objects.create(
        school=cast.school_a,
        worker=worker,
        case=case,
        held_on=timezone.localdate(),
        minutes=30,
        with_whom=Consultation.With.TEACHER,
        question=f"{SECRET} (8)",
        advice=f"{SECRET} (9)",
    )
    Consultation.objects.create(
        school=cast.school_a,
        worker=worker,
        held_on=timezone.localdate(),
        minutes=30,
        with_whom=Consultation.With.TEACHER,
        question=f"{SECRET} (10)",
        advice="Anoniem advies",
    )
    trajectory = Trajectory.objects.create(
        case=case,
        organisation=cast.organisation,
        started_by=worker,
        facts=f"{SECRET} (11)",
        interpretation=f"{SECRET} (12)",
    )
    MeldcodeConsultation.objects.create(
        trajectory=trajectory,
        with_whom="aandachtsfunctionaris",
        held_on=timezone.localdate(),
        advice=f"{SECRET} (13)",
        by=worker,
    )
    Answer.objects.create(
        trajectory=trajectory, question="A1", answer=True, motivation=f"{SECRET} (14)", by=worker
    )
    workflow.record_event(case, by=worker, kind=CaseEvent.Kind.CONTACT, note=f"{SECRET} (15)")
    OwnStatement.objects.create(
        pupil=case.pupil, case=case, author_name="Moeder", text=f"{SECRET} (16)", created_by=worker
    )
    CaseDocument.objects.create(
        case=case,
        kind=CaseDocument.Kind.LETTER,
        title=f"{SECRET} (17)",
        file="documents/2026/12/0123456789abcdef.pdf",
        original_name="Vader slaat - brief huisarts.pdf",
        content_type="application/pdf",
        extension=".pdf",
        size=100,
        sha256="0" * 64,
        uploaded_by=worker,
    )
    return case


def test_no_encrypted_column_holds_plain_text(dossier):
    texts = every_raw_text()
    fields = {name for name, _value in texts}
    assert {
        "Case.noticed",
        "Intake.signals",
        "Intake.problems",
        "Goal.description",
        "Evaluation.note",
        "Contact.summary",
        "Contact.work_note",
        "Consultation.question",
        "Consultation.advice",
        "Trajectory.facts",
        "Answer.motivation",
        "CaseEvent.note",
        "OwnStatement.text",
        "CaseDocument.title",
        "CaseDocument.original_name",
    } <= fields
    for name, value in texts:
        assert value.startswith("smw1:"), name
        assert "Vader" not in value and "Sportief" not in value and "Anoniem" not in value


def test_the_own_statement_and_the_document_read_as_plain_text(dossier):
    statement = OwnStatement.objects.get(case=dossier)
    document = CaseDocument.objects.get(case=dossier)
    assert statement.text == f"{SECRET} (16)"
    assert document.title == f"{SECRET} (17)"
    assert document.download_name == "Vader slaat - brief huisarts.pdf"
    assert raw(OwnStatement, "text", statement.pk).startswith("smw1:")
    assert raw(CaseDocument, "original_name", document.pk).startswith("smw1:")
    assert raw(OwnStatement, "author_name", statement.pk) == "Moeder"  # names stay searchable


def test_code_reads_and_writes_plain_text(dossier):
    contact = Contact.objects.get(case=dossier)
    assert contact.summary == f"{SECRET} (6)"
    assert contact.work_note == f"{SECRET} (7)"
    contact.summary = "Nieuwe samenvatting"
    contact.save()
    assert Contact.objects.get(pk=contact.pk).summary == "Nieuwe samenvatting"
    assert raw(Contact, "summary", contact.pk).startswith("smw1:")
    intake = Intake.objects.get(case=dossier)
    assert (intake.signals, intake.strengths, intake.earlier_interventions) == (
        f"{SECRET} (2)",
        "Sportief",
        "",
    )
    assert Evaluation.objects.get(plan__case=dossier).note == f"{SECRET} (5)"
    assert {t.facts for t in Trajectory.objects.filter(case=dossier)} == {f"{SECRET} (11)"}


def test_each_pupil_has_its_own_key_and_anonymous_text_its_own(dossier, cast):
    other = factories.create_case(school=cast.school_a, noticed="Iets anders")
    mine = crypto.key_id_of(raw(Case, "noticed", dossier.pk))
    theirs = crypto.key_id_of(raw(Case, "noticed", other.pk))
    anonymous = Consultation.objects.get(case=None)
    assert mine != theirs
    assert PupilKey.objects.get(pk=mine).pupil_id == dossier.pupil_id
    assert PupilKey.objects.get(pk=theirs).pupil_id == other.pupil_id
    assert PupilKey.objects.get(pk=crypto.key_id_of(raw(Consultation, "question", anonymous.pk)))
    assert PupilKey.objects.filter(pupil=None).count() == 1
    # the stored pupil key itself is wrapped, not the key
    key = PupilKey.objects.get(pk=mine)
    assert len(bytes(key.wrapped)) == 12 + 32 + 16


def test_sealed_text_cannot_move_to_another_pupil(dossier, cast):
    """The key id is authenticated: a sealed value pasted under another key id does not open."""
    other = factories.create_case(school=cast.school_a, noticed="Iets anders")
    token = raw(Case, "noticed", dossier.pk)
    theirs = crypto.key_id_of(raw(Case, "noticed", other.pk))
    moved = f"smw1:{theirs}:{token.split(':', 2)[2]}"
    with pytest.raises(crypto.Unreadable):
        crypto.open_sealed(moved)


def test_values_give_the_sealed_text_and_reveal_opens_it(dossier):
    value = Contact.objects.filter(case=dossier).values_list("summary", flat=True).get()
    assert isinstance(value, Sealed) and value.startswith("smw1:")
    assert crypto.reveal(value) == f"{SECRET} (6)"
    assert crypto.reveal("") == ""


def test_searching_or_updating_sealed_text_in_sql_is_refused(dossier):
    with pytest.raises(TypeError, match="encrypted"), transaction.atomic():
        list(Contact.objects.filter(summary=f"{SECRET} (6)"))
    with pytest.raises(FieldError, match="Unsupported lookup"), transaction.atomic():
        list(Contact.objects.filter(summary__icontains="Vader"))
    with pytest.raises(TypeError, match="encrypted"), transaction.atomic():
        Contact.objects.filter(case=dossier).update(summary="plain")
    # the empty text is no secret: "has a work note" still works in SQL
    assert Contact.objects.filter(case=dossier).exclude(work_note="").count() == 1


def test_the_intake_saved_by_the_workflow_is_sealed(dossier):
    intake = Intake.objects.get(case=dossier)
    intake.request_for_help = "Moeder vraagt hulp bij de scheiding"
    workflow.save_intake(
        intake, by=dossier.caseworker, version=intake.version, fields=["request_for_help"]
    )
    assert raw(Intake, "request_for_help", intake.pk).startswith("smw1:")
    assert (
        Intake.objects.get(pk=intake.pk).request_for_help == "Moeder vraagt hulp bij de scheiding"
    )


def test_goals_changed_by_the_workflow_stay_sealed(dossier):
    plan = dossier.plan
    goals = [
        {"id": g.pk, "domain": g.domain, "description": g.description + "!"}
        for g in plan.goals.all()
    ]
    workflow.save_plan(plan, by=dossier.caseworker, version=plan.version, fields=[], goals=goals)
    for goal in Goal.objects.filter(plan=plan):
        assert goal.description.endswith("!")
        assert raw(Goal, "description", goal.pk).startswith("smw1:")


# --- Destroying a pupil's key ----------------------------------------------------------------


def test_a_destroyed_pupil_key_is_gone_and_its_text_cannot_be_read(dossier, cast):
    other = factories.create_case(school=cast.school_a, noticed="Blijft leesbaar")
    token = raw(Contact, "summary", Contact.objects.get(case=dossier).pk)
    key_id = crypto.key_id_of(token)
    assert crypto.open_sealed(token) == f"{SECRET} (6)"

    assert crypto.destroy_pupil_key(dossier.pupil_id) is True

    assert not PupilKey.objects.filter(pk=key_id).exists()
    assert not PupilKey.objects.filter(pupil=dossier.pupil_id).exists()
    crypto.forget_cached_keys()  # as in another process, or after a restart
    with pytest.raises(crypto.KeyDestroyed):
        crypto.open_sealed(token)
    # through the model: nothing, and the stored value stays sealed
    contact = Contact.objects.get(case=dossier)
    assert contact.summary == ""
    assert raw(Contact, "summary", contact.pk) == token
    # nobody else's text is touched, and destroying twice is harmless
    assert Case.objects.get(pk=other.pk).noticed == "Blijft leesbaar"
    assert crypto.destroy_pupil_key(dossier.pupil_id) is False


def test_destroying_evicts_the_key_from_this_process_at_once(dossier):
    token = raw(Case, "noticed", dossier.pk)
    assert crypto.open_sealed(token)  # cached now
    crypto.destroy_pupil_key(dossier.pupil_id)
    with pytest.raises(crypto.KeyDestroyed):
        crypto.open_sealed(token)


def test_destroying_the_anonymous_key_is_refused():
    with pytest.raises(ValueError):
        crypto.destroy_pupil_key(None)


# --- Rotating the master key -------------------------------------------------------------------


def readable(case) -> list[str]:
    crypto.forget_cached_keys()
    return [
        Case.objects.get(pk=case.pk).noticed,
        *Contact.objects.filter(case=case).values_list("summary", flat=True).iterator(),
    ]


def test_rotation_rewraps_every_key_and_keeps_everything_readable(dossier, settings):
    before = [crypto.reveal(t) for t in readable(dossier)]
    old = settings.SMW_DATA_KEY or crypto.key_file_value(settings.SMW_DATA_KEY_FILE)
    new = crypto.new_master_key()
    token = raw(Contact, "summary", Contact.objects.get(case=dossier).pk)
    settings.SMW_DATA_KEY, settings.SMW_DATA_KEY_OLD = new, old

    call_command("rotate_data_key", stdout=io.StringIO())

    new_print = crypto.fingerprint(crypto.parse_master_key(new))
    assert set(PupilKey.objects.values_list("master", flat=True)) == {new_print}
    assert raw(Contact, "summary", Contact.objects.get(case=dossier).pk) == token  # text as it was
    settings.SMW_DATA_KEY_OLD = ""  # the old key is thrown away
    assert [crypto.reveal(t) for t in readable(dossier)] == before
    contact = Contact.objects.get(case=dossier)
    assert contact.work_note == f"{SECRET} (7)"
    # and with only the old key nothing opens
    settings.SMW_DATA_KEY = old
    crypto.forget_cached_keys()
    with pytest.raises(ImproperlyConfigured):
        crypto.open_sealed(token)


def test_rotation_with_reencrypt_gives_new_keys_and_keeps_everything_readable(dossier, settings):
    old = settings.SMW_DATA_KEY or crypto.key_file_value(settings.SMW_DATA_KEY_FILE)
    token = raw(Contact, "summary", Contact.objects.get(case=dossier).pk)
    wrapped = {k.pk: bytes(k.wrapped) for k in PupilKey.objects.all()}
    settings.SMW_DATA_KEY, settings.SMW_DATA_KEY_OLD = crypto.new_master_key(), old

    call_command("rotate_data_key", "--reencrypt", stdout=io.StringIO())

    settings.SMW_DATA_KEY_OLD = ""
    crypto.forget_cached_keys()
    resealed = raw(Contact, "summary", Contact.objects.get(case=dossier).pk)
    assert resealed != token and resealed.startswith("smw1:")
    assert all(bytes(k.wrapped) != wrapped[k.pk] for k in PupilKey.objects.all())
    assert Contact.objects.get(case=dossier).summary == f"{SECRET} (6)"
    assert Intake.objects.get(case=dossier).signals == f"{SECRET} (2)"
    assert Consultation.objects.get(case=None).question == f"{SECRET} (10)"
    for _name, value in every_raw_text():
        assert crypto.reveal(value).startswith(
            ("Vader", "Sportief", "Anoniem", "Ouders", "Wordt", "Voelt")
        )


def test_a_new_master_key_is_printed_on_request():
    out = io.StringIO()
    call_command("rotate_data_key", "--new", stdout=out)
    assert len(crypto.parse_master_key(out.getvalue().strip())) == 32


def test_a_wrong_master_key_is_loud_not_silent(dossier, settings):
    token = raw(Case, "noticed", dossier.pk)
    settings.SMW_DATA_KEY, settings.SMW_DATA_KEY_OLD = crypto.new_master_key(), ""
    crypto.forget_cached_keys()
    with pytest.raises(ImproperlyConfigured):
        crypto.open_sealed(token)


# --- Text from before the encryption (the data migration) -------------------------------------


def test_existing_plain_rows_are_sealed_and_can_be_opened_again(dossier):
    contact = Contact.objects.get(case=dossier)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_contact SET summary = %s, work_note = '' WHERE id = %s",
            ["Oude tekst van voor de versleuteling", contact.pk],
        )
    # a plain value still reads (rows written outside the ORM until they are sealed)
    assert Contact.objects.get(pk=contact.pk).summary == "Oude tekst van voor de versleuteling"

    assert seal_existing() >= 1

    assert raw(Contact, "summary", contact.pk).startswith("smw1:")
    assert raw(Contact, "work_note", contact.pk) == ""
    assert Contact.objects.get(pk=contact.pk).summary == "Oude tekst van voor de versleuteling"
    assert seal_existing() == 0  # idempotent
    for _name, value in every_raw_text():
        assert value.startswith("smw1:")

    open_existing()
    assert raw(Contact, "summary", contact.pk) == "Oude tekst van voor de versleuteling"
    assert raw(Case, "noticed", dossier.pk) == f"{SECRET} (1)"


def test_dates_and_numbers_are_not_touched(dossier):
    """Only the text is sealed: figures and reports read dates, kinds and minutes as before."""
    contact = Contact.objects.get(case=dossier)
    assert Contact.objects.filter(pk=contact.pk, minutes=F("minutes")).exists()
    assert contact.held_on == timezone.localdate()
    assert contact.minutes == 45
    assert Case.objects.filter(
        signalled_on__lte=timezone.localdate() + datetime.timedelta(1)
    ).exists()
