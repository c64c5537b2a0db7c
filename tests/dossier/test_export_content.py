"""The export's PDF holds the whole dossier of its pupil and nothing of any other; the ZIP's
JSON holds the same; withheld items are gone and named only by kind and ground."""

from __future__ import annotations

import datetime
import io

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from audit.models import AccessLog
from dossier import content, exports, workflow
from dossier.models import DossierExport, Ground, ItemKind
from privacy.extract import pupil_extract

from .conftest import (
    OTHER_AUTHOR_WORK_NOTE,
    OTHER_PUPIL_NAME,
    OTHER_PUPIL_SUMMARY,
    SUMMARIES,
    WORK_NOTE,
    read_files,
    start,
)


def squeeze(text: str) -> str:
    """Text without any white space: a PDF wraps long words and cells where it likes."""
    return "".join(text.split())


def test_the_pdf_holds_every_contact_summary_and_existing_work_note(client, cast, world):
    export = start(world, cast.worker)
    text, _json = read_files(export)
    for summary in [*SUMMARIES, "Telefoon met moeder."]:
        assert summary in text
    # every work note that exists, whoever wrote it, marked as a working note
    assert WORK_NOTE in text
    assert OTHER_AUTHOR_WORK_NOTE in text
    with translation.override(settings.LANGUAGE_CODE):
        assert squeeze(str(translation.gettext("Working note"))) in squeeze(text)
    assert "Arnhem-Leeuwarden" in text


def test_the_pdf_holds_the_rest_of_the_dossier(cast, world):
    text, _json = read_files(start(world, cast.worker))
    for expected in [
        "Sanne Kok",
        "Anna Kok",
        "Pieter Kok",
        "Komt vaak te laat en is stil in de klas.",  # the signal
        "Wordt buitengesloten in de pauzes.",  # the intake
        "Voelt zich veilig op het plein",  # a goal
        "Het gaat beter op het plein.",  # an evaluation
        "Hoe ga ik om met haar stille buien?",  # a consultation
        "Geef haar een vaste taak in de klas.",
        "Rouwgroep najaar",
        "Herinneringen delen",
        "Altrecht Jeugd",
        "Somber en trekt zich terug.",  # the referral's reason
        "Zes weken wachttijd.",  # its status history
        "Welke hulp past bij Sanne?",  # the ZAT item
        "Verwijzen naar jeugd-GGZ.",
        "Ouders uitnodigen voor gesprek",
    ]:
        assert expected in text, expected


def test_the_pdf_holds_the_access_log_entries_of_the_pupil(client, cast, world):
    client.force_login(cast.worker)
    assert client.get(reverse("cases:detail", args=[world.case.pk])).status_code == 200
    client.force_login(cast.privacy)
    path = reverse("privacy:extract", args=[world.case.pupil_id])
    assert client.get(path).status_code == 200
    rows = pupil_extract(world.case.pupil)
    assert len(rows) >= 2
    text = squeeze(read_files(start(world, cast.worker))[0])
    for row in rows:
        assert squeeze(row.who) in text
        assert squeeze(row.page) in text
        assert squeeze(row.what) in text
    assert squeeze(path) in text


def test_the_pdf_holds_nothing_of_another_pupil(client, cast, world):
    client.force_login(cast.worker)
    # a page that shows both pupils: its log row is in both extracts, without the other's name
    client.get(reverse("cases:caseload"))
    client.get(reverse("cases:detail", args=[world.other_case.pk]))
    text, data = read_files(start(world, cast.worker))
    for foreign in [OTHER_PUPIL_SUMMARY, OTHER_PUPIL_NAME, "Ruben", "Karel Zwart", "Vraag over"]:
        assert foreign not in text
        assert foreign not in str(data)
    other_path = reverse("cases:detail", args=[world.other_case.pk])
    assert squeeze(other_path) not in squeeze(text)


def _strings(value, key=""):
    """Every text in the JSON a person reads: not the keys, ids and kinds, nor ISO dates."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k not in ("key", "kind", "id"):
                yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)
    elif isinstance(value, str) and value:
        try:
            datetime.datetime.fromisoformat(value)
        except ValueError:
            yield value


def test_the_zip_json_holds_what_the_pdf_holds(client, cast, world):
    client.force_login(cast.worker)
    client.get(reverse("cases:detail", args=[world.case.pk]))
    export = start(world, cast.worker)
    workflow.withhold(
        export, by=cast.worker, key=f"contact:{world.contacts[2].pk}", ground=Ground.CHILD
    )
    exports.make_export(export.pk)
    text, data = read_files(export)
    texts = list(_strings(data))
    assert len(texts) > 60
    squeezed = squeeze(text)
    missing = [t for t in texts if squeeze(t) not in squeezed]
    assert missing == []
    assert len(data["cases"][0]["contacts"]) == 3
    assert [row["page"] for row in data["access_log"]] == [
        row.page for row in pupil_extract(world.case.pupil, end=export.made_at)
    ]
    assert data["withheld"][0]["count"] == 1
    # the ZIP has the PDF too
    assert data["pupil"]["last_name"] == "Kok"


def test_withheld_items_are_absent_and_named_by_kind_and_ground(cast, world):
    export = start(world, cast.worker)
    workflow.withhold(
        export, by=cast.worker, key=f"ouder:{world.father.pk}", ground=Ground.THIRD_PARTY
    )
    workflow.withhold(
        export, by=cast.worker, key=f"contact:{world.contacts[1].pk}", ground=Ground.THIRD_PARTY
    )
    workflow.withhold(
        export, by=cast.worker, key=f"werkaantekening:{world.contacts[0].pk}", ground=Ground.CHILD
    )
    export.refresh_from_db()
    assert export.status == DossierExport.Status.QUEUED  # made again after the review
    exports.make_export(export.pk)
    text, data = read_files(export)
    assert "Pieter Kok" not in text and "pieter@example.org" not in text
    assert SUMMARIES[1] not in text
    assert WORK_NOTE not in text
    assert SUMMARIES[0] in text and SUMMARIES[2] in text and OTHER_AUTHOR_WORK_NOTE in text
    with translation.override(settings.LANGUAGE_CODE):
        named = {
            (str(ItemKind.GUARDIAN.label), str(Ground.THIRD_PARTY.label)),
            (str(ItemKind.CONTACT.label), str(Ground.THIRD_PARTY.label)),
            (str(ItemKind.WORK_NOTE.label), str(Ground.CHILD.label)),
        }
    assert {(w["kind"], w["ground"]) for w in data["withheld"]} == named
    for kind, ground in named:
        assert squeeze(kind) in squeeze(text)
        assert squeeze(ground) in squeeze(text)
    assert "Pieter Kok" not in str(data) and SUMMARIES[1] not in str(data)


def test_an_item_of_another_dossier_cannot_be_withheld(cast, world):
    from smw.errors import Refused

    export = start(world, cast.worker)
    other_contact = world.other_case.contacts.first()
    try:
        workflow.withhold(
            export, by=cast.worker, key=f"contact:{other_contact.pk}", ground=Ground.CHILD
        )
    except Refused:
        pass
    else:
        raise AssertionError("withheld an item of another dossier")
    assert not export.withheld.exists()


def test_the_own_statements_hook_is_empty_without_the_rights_app(world):
    assert content.own_statements(world.case.pupil) == []


def test_the_pdf_is_tagged_pdf_ua(cast, world):
    export = start(world, cast.worker)
    with export.pdf.open("rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    assert "Sanne Kok" in reader.metadata.title


def test_the_access_log_is_not_written_while_making(cast, world):
    before = AccessLog.objects.count()
    start(world, cast.worker)
    assert AccessLog.objects.count() == before
