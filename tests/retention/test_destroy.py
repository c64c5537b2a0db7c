"""Destroying a dossier: every figure of every past period stays the same, and nothing of the
pupil remains in any text column of any table, or in MEDIA_ROOT."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from audit.models import AccessLog
from cases.models import Case, Contact, Guardian, Pupil
from reports.figures import rapportage, registration
from reports.funding import funding_figures
from reports.periods import Period
from retention import workflow
from retention.destroy import AFTER_DESTROY, after_destroy, erase, reapply
from retention.models import DestructionRecord
from zat.models import AgendaItem

from .conftest import FIRST, LAST, LONG_AGO, SECRETS, build_dossier, registration_run


def _periods() -> tuple[list[Period], list[Period], list[Period]]:
    year = LONG_AGO.year
    months = [Period.month(year, m) for m in (8, 9, 10, 11, 12)] + [Period.month(year + 1, 1)]
    rapportages = [Period.term(year, n) for n in (1, 2, 3)] + [Period.school_year(year)]
    quarters = [Period.quarter(year, n) for n in (3, 4)] + [Period.quarter(year + 1, 1)]
    return months, rapportages, quarters


def _figures(cast, destroyed_pupil: int) -> dict:
    """Every report kind, every period of the test data, whole figure dictionaries. The one
    list of names (the registration's pupils in care) is compared without the destroyed
    pupil's name and group: that is the personal data that must go; its row, stage, worker,
    next step and dates stay."""
    months, rapportages, quarters = _periods()
    figures = {}
    for school in (cast.school_a, cast.school_b):
        for period in months:
            result = registration(school, period)
            pupils = []
            for row in result["pupils"]:
                row = dict(row)
                if row["pupil_id"] == destroyed_pupil:
                    row.pop("name"), row.pop("group")
                pupils.append(row)
            result["pupils"] = sorted(pupils, key=lambda r: r["pupil_id"])
            figures["registration", school.pk, period] = result
        for period in rapportages:
            figures["rapportage", school.pk, period] = rapportage(school, period)
    for period in quarters:
        figures["funding", cast.north.pk, period] = funding_figures(cast.north, period)
    return figures


def _approve_all(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proposed = workflow.propose_list(cast.organisation, by=cast.teamlead)
        workflow.approve_list(proposed, by=cast.privacy)
    return proposed


@pytest.fixture
def dossiers(cast, media):
    gone = build_dossier(cast)
    # Another pupil of the same months, whose dossier is younger: it stays as it is.
    kept = build_dossier(
        cast,
        first="Bertje",
        last="Blijft",
        signalled_on=LONG_AGO + datetime.timedelta(days=14),
        mark="open",
    )
    Case.objects.filter(pk=kept.pk).update(closed_on=datetime.date.today())
    return gone, kept


def test_every_figure_of_every_period_is_the_same_after_destruction(
    cast, dossiers, django_capture_on_commit_callbacks
):
    gone, kept = dossiers
    before = _figures(cast, gone.pupil_id)
    assert before["registration", cast.school_a.pk, Period.month(LONG_AGO.year, 9)]["pupils"]
    assert before["rapportage", cast.school_a.pk, Period.school_year(LONG_AGO.year)][
        "closures_total"
    ]

    destruction_list = _approve_all(cast, django_capture_on_commit_callbacks)

    assert [i.pupil_id for i in destruction_list.items.all()] == [gone.pupil_id]
    assert DestructionRecord.objects.filter(pupil_number=gone.pupil_id).exists()
    after = _figures(cast, gone.pupil_id)
    assert after == before
    pupil = Pupil.objects.get(pk=gone.pupil_id)
    assert (pupil.first_name, pupil.last_name, pupil.group) == (
        "Vernietigd",
        f"dossier {pupil.pk}",
        "",
    )
    assert pupil.date_of_birth == datetime.date(LONG_AGO.year - 10, 1, 1)
    # The other pupil's dossier is untouched.
    assert Pupil.objects.get(pk=kept.pupil_id).first_name == "Bertje"
    summaries = [contact.summary for contact in Contact.objects.filter(case=kept)]
    assert summaries.count("opengesprek met Bertje") == 4


def _text_columns() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.table_name, c.column_name
            FROM information_schema.columns c
            JOIN information_schema.tables t
              ON t.table_name = c.table_name AND t.table_schema = c.table_schema
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
              AND c.data_type IN ('text', 'character varying', 'jsonb', 'ARRAY', 'json')
            ORDER BY 1, 2
            """
        )
        return cursor.fetchall()


def _found_in_database(words: list[str]) -> list[tuple[str, str, str]]:
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column in _text_columns():
            for word in words:
                # The names come from information_schema, quoted; the word is a parameter.
                sql = f"SELECT count(*) FROM {quote(table)} WHERE {quote(column)}::text ILIKE %s"  # noqa: S608
                cursor.execute(sql, [f"%{word}%"])
                if cursor.fetchone()[0]:
                    found.append((table, column, word))
    return found


def _found_in_media(root, words: list[str]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes().lower()
            found += [f"{path}: {w}" for w in words if w.lower().encode() in data]
    return found


def test_nothing_of_the_pupil_remains_in_any_column_or_file(
    cast, dossiers, media, django_capture_on_commit_callbacks
):
    gone, _kept = dossiers
    run = registration_run(gone)
    old_file = media / run.file.name
    assert _found_in_database([FIRST]) and _found_in_media(media, [FIRST])

    _approve_all(cast, django_capture_on_commit_callbacks)

    assert _found_in_database(SECRETS) == []
    assert _found_in_media(media, [FIRST, LAST]) == []
    assert not old_file.exists()
    run.refresh_from_db()
    assert run.file and (media / run.file.name).exists(), "the report file is made again"
    assert not Guardian.objects.filter(pupil=gone.pupil_id).exists()
    item = AgendaItem.objects.get(meeting__school=cast.school_a, case__isnull=True)
    assert item.anonymous_label and item.consent_id is None


def test_the_remnant_keeps_what_the_figures_count(
    cast, dossiers, django_capture_on_commit_callbacks
):
    gone, _kept = dossiers
    _approve_all(cast, django_capture_on_commit_callbacks)
    case = Case.objects.get(pk=gone.pk)
    assert case.categories == ["pesten", "rouw"]
    assert case.closure_reason and case.closed_on and case.intake_on
    assert case.school_id == cast.school_a.pk
    contacts = Contact.objects.filter(case=case)
    assert sorted(contacts.values_list("minutes", flat=True)) == [45] * 4
    assert set(contacts.values_list("summary", "work_note")) == {("", "")}
    assert case.referrals.get().destination.kind == "jeugd_ggz"


def test_the_access_log_keeps_its_rows_with_the_pupil_as_a_number(
    cast, dossiers, django_capture_on_commit_callbacks
):
    gone, _kept = dossiers
    row = AccessLog.objects.create(user=cast.worker, action="view", pupil_ids=[gone.pupil_id])
    _approve_all(cast, django_capture_on_commit_callbacks)
    assert AccessLog.objects.get(pk=row.pk).pupil_ids == [gone.pupil_id]


def test_destruction_record_is_append_only(cast, dossiers, django_capture_on_commit_callbacks):
    gone, _kept = dossiers
    _approve_all(cast, django_capture_on_commit_callbacks)
    record = DestructionRecord.objects.get(pupil_number=gone.pupil_id)
    assert record.approved_by == cast.privacy and record.proposed_by == cast.teamlead
    assert record.case_numbers == [gone.number]
    assert {"names", "guardians", "contacts", "work_notes", "referrals", "zat"} <= set(record.kinds)
    assert "20" in record.rule
    for statement in (
        lambda: DestructionRecord.objects.filter(pk=record.pk).update(rule="x"),
        lambda: DestructionRecord.objects.filter(pk=record.pk).delete(),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            statement()


def test_reapply_after_a_restore_destroys_again(cast, dossiers, django_capture_on_commit_callbacks):
    gone, _kept = dossiers
    _approve_all(cast, django_capture_on_commit_callbacks)
    # A backup of before the destruction comes back:
    Pupil.objects.filter(pk=gone.pupil_id).update(first_name=FIRST, last_name=LAST)
    # (text of the backup's time, as a row written before its text was sealed)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_contact SET summary = 'geheimgesprek' WHERE case_id = %s", [gone.pk]
        )
    assert reapply() == 1
    assert _found_in_database([FIRST, "geheimgesprek"]) == []


def test_reapply_writes_back_the_records_a_restored_backup_lacks(
    cast, dossiers, journal, django_capture_on_commit_callbacks
):
    gone, _kept = dossiers
    _approve_all(cast, django_capture_on_commit_callbacks)
    assert str(gone.pupil_id) in journal.read_text()
    assert FIRST not in journal.read_text()
    # A backup of before the destruction: the records and the erasure both gone.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET ROLE NONE")
        cursor.execute("ALTER TABLE retention_destructionrecord DISABLE TRIGGER USER")
        cursor.execute("DELETE FROM retention_destructionrecord")
        cursor.execute("ALTER TABLE retention_destructionrecord ENABLE TRIGGER USER")
        cursor.execute("RESET ROLE")
    Pupil.objects.filter(pk=gone.pupil_id).update(first_name=FIRST, last_name=LAST)
    call_command("reapply_destructions", stdout=io.StringIO())
    assert DestructionRecord.objects.filter(pupil_number=gone.pupil_id).exists()
    assert _found_in_database([FIRST]) == []


def test_after_destroy_hooks_run_with_the_pupil(cast, dossiers, django_capture_on_commit_callbacks):
    gone, _kept = dossiers
    seen = []
    hook = after_destroy(seen.append)
    try:
        _approve_all(cast, django_capture_on_commit_callbacks)
    finally:
        AFTER_DESTROY.remove(hook)
    assert seen == [gone.pupil_id]


def test_destroying_costs_the_same_statements_with_200_contacts_as_with_4(cast, media):
    small = build_dossier(cast)
    big = build_dossier(cast, first="Grootje", last="Veelcontact")
    Contact.objects.bulk_create(
        Contact(
            case=big,
            author=cast.worker,
            held_on=big.signalled_on,
            minutes=30,
            kind="leerling",
            place="school",
            summary="geheimgesprek",
            work_note="geheimewerkaantekening",
        )
        for _ in range(196)
    )
    counts = []
    for case in (small, big):
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            erase(case.pupil_id)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert not Contact.objects.filter(case=big).exclude(summary="").exists()


def test_the_dossier_s_documents_go_with_it(cast, dossiers, django_capture_on_commit_callbacks):
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.models import CaseDocument
    from documents.workflow import add_document
    from tests.documents.conftest import PDF

    gone, kept = dossiers
    stored = {}
    for case in (gone, kept):
        document = add_document(
            case,
            by=case.caseworker,
            upload=SimpleUploadedFile("brief.pdf", PDF),
            kind=CaseDocument.Kind.LETTER,
            title="Brief van de huisarts",
        )
        stored[case.pk] = document.file.name

    _approve_all(cast, django_capture_on_commit_callbacks)

    assert not CaseDocument.objects.filter(case=gone).exists()
    assert not default_storage.exists(stored[gone.pk])
    assert CaseDocument.objects.filter(case=kept).count() == 1
    assert default_storage.exists(stored[kept.pk])
