"""Sessions in the database, saved once more when the connection died under the save.

A connection can die between the view and the session save at the end of a request: the
database restarts or fails over, or a firewall cuts a connection kept open for CONN_MAX_AGE (its
health is checked only as a request starts). Django's save then reports that the session was
deleted, a 400 that sends the person looking for the wrong cause. Here the save closes the dead
connection and tries once more on a new one; when the database is still away, its error goes
up, and smw.views.server_error says so (503).

The session save at the end of a request also writes the request's access log rows, in one
transaction with the session (audit.log.deferred_logs): one commit instead of two.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    connections,
    router,
    transaction,
)

CONNECTION_ERRORS = (OperationalError, InterfaceError)


def _lost_connection(exc: Exception) -> Exception | None:
    """The connection error behind `exc`, if the save failed for want of a connection."""
    # Django's save turns any database error on update into UpdateError, raised while
    # handling it: the error itself is its context.
    cause = exc.__context__ if isinstance(exc, UpdateError) else exc
    return cause if isinstance(cause, CONNECTION_ERRORS) else None


class SessionStore(db.SessionStore):
    def _update_in_transaction(self) -> None:
        """Django's update of an existing session, without the savepoint of its own atomic
        block: inside the caller's transaction, which rolls back as a whole on an error."""
        obj = self.create_model_instance(self._get_session())
        try:
            obj.save(force_update=True, using=router.db_for_write(self.model, instance=obj))
        except DatabaseError as exc:
            raise UpdateError from exc

    def save(self, must_create: bool = False) -> None:
        from audit.log import pending_logs

        logs = pending_logs()
        if logs and self.session_key is not None and not must_create:
            # The access log's rows of this request and the session in one transaction: one
            # commit instead of two. Should it roll back, the rows stay pending and are written
            # after the session (audit.log.deferred_logs); the session is saved as below.
            try:
                with transaction.atomic(using=router.db_for_write(self.model)):
                    for log in logs:
                        log.write(keep=True)
                    self._update_in_transaction()
            except (UpdateError, *CONNECTION_ERRORS) as exc:
                if _lost_connection(exc) is None:
                    raise
            else:
                for log in logs:
                    log.forget()
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
