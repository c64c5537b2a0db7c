"""Sealing text that is still plain in the database: rows from before the encryption (the data
migration vault 0002), and rows written outside the ORM (the benchmark's COPY).

`seal_existing()` is idempotent: sealed values are left as they are. `open_existing()` is the
way back (the migration's reverse).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.apps import apps as global_apps
from django.db import connection

from vault import crypto
from vault.fields import EncryptedMixin

BATCH = 2000


def encrypted_models(apps=global_apps, only=None) -> list[tuple[type, list[EncryptedMixin]]]:
    """Every model with encrypted fields, and those fields; `only`: of these models ("app.Model"
    labels) alone, for a migration that seals the fields it made encrypted."""
    found = []
    for model in apps.get_models():
        if only is not None and model._meta.label not in only:
            continue
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedMixin)]
        if fields:
            found.append((model, fields))
    return found


def pupil_lookup(path: str) -> str:
    """ "plan.case.pupil_id" -> "plan__case__pupil_id" (a values_list lookup)."""
    return path.replace(".", "__")


def ensure_keys(pupil_ids: Iterable[int | None], key_model=None) -> dict[int | None, tuple]:
    """Key id and cipher of every pupil in `pupil_ids`, made in bulk where missing."""
    from vault.models import PupilKey

    key_model = key_model or PupilKey
    wanted = set(pupil_ids)
    current, _old = crypto.master_keys()
    have = {
        pupil: (pk, wrapped, master)
        for pk, pupil, wrapped, master in key_model.objects.filter(
            pupil_id__in=[p for p in wanted if p is not None]
        ).values_list("pk", "pupil_id", "wrapped", "master")
    }
    if None in wanted:
        row = key_model.objects.filter(pupil_id=None).values_list("pk", "wrapped", "master").first()
        if row:
            have[None] = row
    missing = [p for p in wanted if p not in have]
    made = {}
    if missing:
        new = []
        for pupil in missing:
            plain = AESGCM.generate_key(bit_length=256)
            made[pupil] = plain
            new.append(
                key_model(
                    pupil_id=pupil,
                    wrapped=crypto.wrap(plain, current),
                    master=crypto.fingerprint(current),
                )
            )
        for row in key_model.objects.bulk_create(new):
            have[row.pupil_id] = (row.pk, None, None)
    result = {}
    for pupil, (pk, wrapped, master) in have.items():
        plain = made.get(pupil) or crypto.unwrap_row(wrapped, master)
        result[pupil] = (pk, AESGCM(plain))
    return result


def _write(model, fields: list, rows: list[tuple]) -> None:
    """UPDATE the fields of many rows at once: rows are (pk, value, value, …)."""
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    columns = [connection.ops.quote_name(f.column) for f in fields]
    assignments = ", ".join(f"{c} = v.{c}" for c in columns)
    placeholders = ", ".join(["(%s::bigint" + ", %s::text" * len(fields) + ")"] * len(rows))
    # names from the models, quoted; the values are parameters
    sql = (
        f"UPDATE {table} AS t SET {assignments} FROM (VALUES {placeholders}) "  # noqa: S608
        f"AS v({pk}, {', '.join(columns)}) WHERE t.{pk} = v.{pk}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])


def _rewrite(apps, key_model, change: Callable, *, needs_keys: bool, only=None) -> int:
    """Every row of every encrypted field, a batch at a time: `change(value, pupil_id, keys)`
    gives the new value or None to leave it. Returns the number of rows written."""
    written = 0
    keys: dict = {}
    for model, fields in encrypted_models(apps, only):
        by_path: dict[str, list] = {}
        for field in fields:
            by_path.setdefault(field.pupil_path, []).append(field)
        for path, group in by_path.items():
            names = [f.attname for f in group]
            last = None
            while True:
                rows = model._base_manager.order_by("pk")
                if last is not None:
                    rows = rows.filter(pk__gt=last)
                rows = list(rows.values_list("pk", pupil_lookup(path), *names)[:BATCH])
                if not rows:
                    break
                last = rows[-1][0]
                if needs_keys:
                    wanted = {row[1] for row in rows if any(row[2:])} - keys.keys()
                    keys.update(ensure_keys(wanted, key_model) if wanted else {})
                batch = []
                for pk, pupil, *values in rows:
                    new = [change(value, pupil, keys) for value in values]
                    if any(n is not None for n in new):
                        kept = (n if n is not None else v for n, v in zip(new, values, strict=True))
                        batch.append((pk, *kept))
                if batch:
                    _write(model, group, batch)
                    written += len(batch)
    return written


def seal_existing(apps=global_apps, key_model=None, only=None) -> int:
    """Seal every plain, non-empty text of every encrypted field (of the models `only`, when
    given). Returns the rows written."""

    def change(value, pupil, keys):
        if not value or crypto.is_sealed(value):
            return None
        key_id, cipher = keys[pupil]
        return crypto.seal_with(value, key_id, cipher)

    return _rewrite(apps, key_model, change, needs_keys=True, only=only)


def open_existing(apps=global_apps, key_model=None, only=None) -> int:
    """Write every sealed text back as plain text (the way back of the data migration)."""

    def change(value, pupil, keys):
        if not crypto.is_sealed(value):
            return None
        try:
            return crypto.open_sealed(value)
        except crypto.KeyDestroyed:
            return ""

    return _rewrite(apps, key_model, change, needs_keys=False, only=only)


def rewrite(change: Callable) -> int:
    """Every sealed or plain text of every encrypted field through `change(value, pupil, keys)`
    (rotate_data_key --reencrypt)."""
    return _rewrite(global_apps, None, change, needs_keys=False)
