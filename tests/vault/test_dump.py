"""A `pg_dump` of the demo database (a backup, as docs/operations.md makes it) holds none of the
demo's dossier text in plain text: contact summaries, work notes, intakes, signals, plans,
timelines, consultations, referrals and meldcode texts, own statements (eigen verklaring) and
the descriptions and file names of documents."""

from __future__ import annotations

import io
import os
import subprocess

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings

from cases.models import Group
from smw.restore_check import client_bindir
from vault.existing import encrypted_models

pytestmark = pytest.mark.django_db(transaction=True)


def pg_dump() -> str:
    connection.ensure_connection()
    info = connection.connection.info
    params = info.get_parameters()
    dsn = psycopg.conninfo.make_conninfo(
        **{k: params[k] for k in ("host", "port", "user", "dbname", "sslmode") if k in params}
    )
    env = os.environ | ({"PGPASSWORD": info.password} if info.password else {})
    bindir = client_bindir(connection.pg_version // 10000)
    done = subprocess.run(
        [str(bindir / "pg_dump"), "--data-only", "-d", dsn],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return done.stdout


def fragments(text: str) -> list[str]:
    """Pieces of a text as pg_dump's COPY lines would hold them (it escapes line breaks)."""
    return [line.strip()[:60] for line in text.splitlines() if len(line.strip()) >= 20]


def test_a_dump_of_the_demo_holds_no_dossier_text_in_plain_text():
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("seed_demo", stdout=io.StringIO())
    group_names = set(Group.objects.values_list("name", flat=True))
    texts = {}
    for model, fields in encrypted_models():
        for row in model.objects.all():
            for field in fields:
                value = getattr(row, field.attname)
                # (a group session's contact names the group in the timeline: no dossier text)
                if value and value not in group_names:
                    texts.setdefault(f"{model.__name__}.{field.name}", []).append(value)
    assert len(texts["Contact.summary"]) > 100 and len(texts["Intake.signals"]) > 20
    assert {"Contact.work_note", "Case.outcome", "CaseEvent.note", "Referral.reason"} <= set(texts)
    assert {"Trajectory.facts", "Answer.motivation", "Consultation.question"} <= set(texts)
    assert {"OwnStatement.text", "CaseDocument.title", "CaseDocument.original_name"} <= set(texts)

    dump = pg_dump()

    assert "smw1:" in dump  # the sealed text is in the dump ...
    for kind, values in texts.items():
        found = [piece for value in values for piece in fragments(value) if piece in dump]
        assert not found, f"{kind} in plain text in the dump: {found[:3]}"  # ... the text is not
