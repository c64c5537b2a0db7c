"""The app role: what the web processes and Celery workers may do in the database.

Production connects with two roles (docs/operations.md, "Database roles"): a migration role that
owns the schema and runs `manage.py migrate`, and the app role, which reads and writes rows but
changes no table, and may only add rows to the append-only tables. `manage.py grant_app_role`
gives the app role exactly that; it runs after every migrate (by itself when DATABASE_APP_ROLE
names the role), because new tables need their grants.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction

# Tables whose rows are never changed or removed: the app role may only read and add to them,
# and triggers refuse UPDATE, DELETE and TRUNCATE to everyone, owner included (audit migrations
# 0002 and 0003). A destruction record belongs here too. docs/operations.md names each one.
APPEND_ONLY_TABLES = ("audit_accesslog", "privacy_signalreview", "retention_destructionrecord")

ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]*")


class UnsuitableRole(Exception):
    """The role cannot be the app role: it does not exist, or it could still change the schema."""


def grant_app_role(role: str, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Give `role` the app role's privileges on every table and sequence of the schema, and take
    back any others: rows read and written, append-only tables only read and added to, no
    TRUNCATE, no triggers, no CREATE. Idempotent; run by the schema's owner."""
    if not ROLE_NAME.fullmatch(role):
        raise UnsuitableRole(f"{role!r}: use a role name of lower-case letters, digits and _")
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        schema = _schema(cursor)
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            raise UnsuitableRole(f"role {role} does not exist: CREATE ROLE {role} LOGIN PASSWORD …")
        unfixable = _owner_powers(cursor, role, schema)
        if unfixable:
            raise UnsuitableRole(f"{role} cannot be the app role: {'; '.join(unfixable)}")
        quote = connection.ops.quote_name
        role_q, schema_q = quote(role), quote(schema)
        append_only = ", ".join(quote(table) for table in APPEND_ONLY_TABLES)
        for statement in [
            f"GRANT USAGE ON SCHEMA {schema_q} TO {role_q}",
            f"REVOKE CREATE ON SCHEMA {schema_q} FROM {role_q}",
            f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema_q} FROM {role_q}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema_q} TO {role_q}",
            f"REVOKE UPDATE, DELETE ON {append_only} FROM {role_q}",
            f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema_q} FROM {role_q}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema_q} TO {role_q}",
        ]:
            cursor.execute(statement)
    # What PUBLIC or membership of another role still gives: no revoke from `role` takes it back.
    excess = excess_privileges(role, using=using)
    if excess:
        raise UnsuitableRole(f"{role} may still do more than the app role: {'; '.join(excess)}")


def excess_privileges(role: str, *, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """What `role` may do beyond the app role's share, directly, through PUBLIC or through
    membership of another role; [] when nothing."""
    with connections[using].cursor() as cursor:
        schema = _schema(cursor)
        excess = _owner_powers(cursor, role, schema)
        cursor.execute(
            """
            SELECT c.relname, has_table_privilege(%(role)s, c.oid, 'UPDATE'),
                   has_table_privilege(%(role)s, c.oid, 'DELETE'),
                   has_table_privilege(%(role)s, c.oid, 'TRUNCATE'),
                   has_table_privilege(%(role)s, c.oid, 'TRIGGER')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = %(schema)s AND c.relkind IN ('r', 'p')
            ORDER BY c.relname
            """,
            {"role": role, "schema": schema},
        )
        tables = cursor.fetchall()
        cursor.execute("SELECT has_schema_privilege(%s, %s, 'CREATE')", [role, schema])
        if cursor.fetchone()[0]:
            excess.append(f"may CREATE in schema {schema}")
    for table, update, delete, truncate, trigger in tables:
        if table in APPEND_ONLY_TABLES and (update or delete):
            excess.append(f"may UPDATE or DELETE rows of {table}")
        if truncate or trigger:
            excess.append(f"may TRUNCATE or add triggers to {table}")
    return excess


@contextmanager
def append_only_suspended(*, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """For the owner erasing a whole database (a test run's flush, the benchmark's seed): the
    append-only tables' triggers are off inside the caller's transaction and on again before it
    commits, so no other connection sees them off. The app role cannot: it owns no table."""
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("append_only_suspended() needs a transaction")
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in APPEND_ONLY_TABLES:
            cursor.execute(f"ALTER TABLE {quote(table)} DISABLE TRIGGER USER")
        yield
        for table in APPEND_ONLY_TABLES:
            cursor.execute(f"ALTER TABLE {quote(table)} ENABLE TRIGGER USER")


def _schema(cursor) -> str:
    cursor.execute("SELECT current_schema()")
    return cursor.fetchone()[0]


def _owner_powers(cursor, role: str, schema: str) -> list[str]:
    """What no revoke takes away: being a superuser, owning tables (directly or as a member of
    their owner), and with it ALTER TABLE … DISABLE TRIGGER."""
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
    powers = ["is a superuser"] if cursor.fetchone()[0] else []
    cursor.execute(
        """
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'S')
          AND pg_has_role(%s, c.relowner, 'USAGE')
        ORDER BY c.relname
        """,
        [schema, role],
    )
    owned = [name for (name,) in cursor.fetchall()]
    if owned:
        some = ", ".join(owned[:3]) + (", …" if len(owned) > 3 else "")
        powers.append(
            f"owns {some} (directly or as a member of their owner): the tables belong to the "
            "migration role, and the app role is no member of it"
        )
    return powers
