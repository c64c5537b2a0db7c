"""Sessions in the database, saved once more when the connection died under the save.

A connection can die between the view and the session save at the end of a request: the
database restarts or fails over, or a firewall cuts a connection kept open for CONN_MAX_AGE (its
health is checked only as a request starts). Django's save then reports that the session was
deleted, a 400 that sends the person looking for the wrong cause. Here the save closes the dead
connection and tries once more on a new one; when the database is still away, its error goes
up, and smw.views.server_error says so (503).

The session save at the end of a request also writes the request's access log rows, in one
statement with the session update (audit.log.deferred_logs): one round trip and one commit, where
Django's save alone takes three round trips (BEGIN, UPDATE, COMMIT).
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import DatabaseError, InterfaceError, OperationalError, connections, router
from django.db.models import Q
from django.db.models.sql import UpdateQuery

CONNECTION_ERRORS = (OperationalError, InterfaceError)


def _lost_connection(exc: Exception) -> Exception | None:
    """The connection error behind `exc`, if the save failed for want of a connection."""
    # Django's save turns any database error on update into UpdateError, raised while
    # handling it: the error itself is its context.
    cause = exc.__context__ if isinstance(exc, UpdateError) else exc
    return cause if isinstance(cause, CONNECTION_ERRORS) else None


class SessionStore(db.SessionStore):
    def _update_with_rows(self, rows: list[tuple]) -> int:
        """Django's update of an existing session and the INSERT of the access log's rows as
        one statement (a data-modifying WITH): atomic by itself, so no transaction of its own
        is opened; the number of sessions updated (0: the session was deleted meanwhile)."""
        from audit.log import insert_statement

        obj = self.create_model_instance(self._get_session())
        using = router.db_for_write(self.model, instance=obj)
        update = UpdateQuery(self.model)
        update.add_update_values({"session_data": obj.session_data, "expire_date": obj.expire_date})
        update.add_q(Q(session_key=obj.session_key))
        update_sql, update_params = update.get_compiler(using).as_sql()
        insert_sql, insert_params = insert_statement(rows)
        with connections[using].cursor() as cursor:
            cursor.execute(
                f"WITH written AS ({insert_sql}) {update_sql}", [*insert_params, *update_params]
            )
            return cursor.rowcount

    def save(self, must_create: bool = False) -> None:
        from audit.log import pending_logs

        logs = pending_logs() if self.session_key is not None and not must_create else []
        rows = [row for log in logs for row in log.rows()]
        if rows:
            # The access log's rows of this request and the session in one statement. Should it
            # fail, neither is written: the rows stay pending and are written after the session
            # (audit.log.deferred_logs); the session is saved as below.
            try:
                updated = self._update_with_rows(rows)
            except DatabaseError as exc:  # connection errors among them
                if _lost_connection(exc) is None:
                    raise
            else:
                for log in logs:
                    log.forget()
                if not updated:
                    raise UpdateError  # as Django's save: the session was deleted meanwhile
                return None
        try:
            return super().save(must_create)
        except (UpdateError, *CONNECTION_ERRORS) as exc:
            connection = connections[router.db_for_write(self.model)]
            if _lost_connection(exc) is None or connection.in_atomic_block:
                raise
        connection.close()
        try:
            return super().save(must_create)
        except UpdateError as exc:
            lost = _lost_connection(exc)
            if lost is None:
                raise
            raise lost from None
