"""The access log, written at the access boundary: one row per request and action.

Each app's `access.py` notes what a request shows or concerns: `note()` for an object it hands
out (or refuses), and querysets made `.shown()` for lists, which note the pupils of the rows they
fetch, so a paginated list logs the page it showed and a count logs nothing. The notes gather in
the request's `RequestLog`; `audit.middleware.AccessLogMiddleware` writes them, one row per action
with every pupil id in `pupil_ids`, once the response is ready. A view cannot forget: it gets its
data from `access.py`, and the middleware writes whatever was noted.

Outside a request (a Celery task, a shell) nothing is shown to a person and nothing is noted;
what such work sends out is logged where it is downloaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from operator import attrgetter

from django.core.exceptions import PermissionDenied
from django.db import connections, models, router
from django.db.models import F
from django.db.models.query import ModelIterable
from django.http import Http404, HttpRequest
from django.utils import timezone

from .models import AccessLog

Action = AccessLog.Action


def object_ref(obj: models.Model) -> str:
    """What was seen, as "app.model:pk"; never content."""
    return f"{obj._meta.label_lower}:{obj.pk}"


@dataclass
class _Entry:
    pupil_ids: dict[int, None] = field(default_factory=dict)  # an ordered set
    object_ref: str = ""
    description: str = ""


class RequestLog:
    """What one request showed, by action; written once, when the response is ready."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self.entries: dict[str, _Entry] = {}

    def note(
        self,
        action: str,
        pupil_ids: Iterable[int | None] = (),
        *,
        obj: models.Model | None = None,
        description: str = "",
    ) -> None:
        entry = self.entries.setdefault(action, _Entry())
        entry.pupil_ids.update(dict.fromkeys(int(pk) for pk in pupil_ids if pk is not None))
        if obj is not None and not entry.object_ref:
            entry.object_ref = object_ref(obj)
        if description and description not in entry.description.split("; "):
            entry.description = "; ".join(filter(None, [entry.description, description]))

    def rows(self) -> list[tuple]:
        """The rows for what was noted, in `_COLUMNS` order: none for a visitor who is not
        signed in (nothing of a pupil is shown before sign-in)."""
        from axes.helpers import get_client_ip_address

        user = getattr(self.request, "user", None)
        if not self.entries or user is None or not user.is_authenticated:
            return []
        at = timezone.now()
        path = self.request.get_full_path()[:300]
        ip_address = get_client_ip_address(self.request) or None
        return [
            (
                at,
                user.pk,
                action,
                entry.object_ref[:100],
                entry.description[:200],
                list(entry.pupil_ids),
                path,
                ip_address,
            )
            for action, entry in self.entries.items()
        ]

    def write(self) -> int:
        """Write the rows for what was noted, nothing twice. Returns how many."""
        rows = self.rows()
        self.entries = {}
        if rows:
            _insert(rows)
        return len(rows)

    def forget(self) -> None:
        """The rows are written (and committed): nothing left to write."""
        self.entries = {}


_COLUMNS = (
    "at",
    "user_id",
    "action",
    "object_ref",
    "description",
    "pupil_ids",
    "path",
    "ip_address",
)


def insert_statement(rows: list[tuple]) -> tuple[str, list]:
    """One INSERT of these rows (in `_COLUMNS` order) and its parameters: written on every
    request that shows a pupil, so without the ORM's model instances and RETURNING (half its
    cost)."""
    table = AccessLog._meta.db_table
    columns = ", ".join(f'"{AccessLog._meta.get_field(name).column}"' for name in _COLUMNS)
    values = ", ".join(["(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"] * len(rows))
    sql = f'INSERT INTO "{table}" ({columns}) VALUES {values}'  # noqa: S608 (names from the model)
    return sql, [value for row in rows for value in row]


def _insert(rows: list[tuple]) -> None:
    sql, params = insert_statement(rows)
    with connections[router.db_for_write(AccessLog)].cursor() as cursor:
        cursor.execute(sql, params)


_current: ContextVar[RequestLog | None] = ContextVar("smw_request_log", default=None)
# The request's logs whose rows wait for the session save (`deferred_logs`), or None.
_deferred: ContextVar[list[RequestLog] | None] = ContextVar("smw_deferred_logs", default=None)


@contextmanager
def request_log(request: HttpRequest) -> Iterator[RequestLog]:
    """Gather what is noted while the block runs, and write it at its end, or, inside
    `deferred_logs()`, leave it to the session save (which writes it in its transaction) or to
    the end of that block."""
    log = RequestLog(request)
    token = _current.set(log)
    try:
        yield log
    finally:
        _current.reset(token)
    deferred = _deferred.get()
    if deferred is None:
        log.write()
    elif log.entries:
        deferred.append(log)


@contextmanager
def deferred_logs() -> Iterator[list[RequestLog]]:
    """Around the session middleware (`audit.middleware.AccessLogCommitMiddleware`): the access
    log's rows wait for the session save at the end of the request, which writes them in the
    statement that updates the session (one round trip and one commit instead of two;
    `smw.session_store`); whatever is still unwritten when the block ends (no session saved: an
    error page, a sign-out; or the save failed) is written then, on its own. Nothing is lost."""
    pending: list[RequestLog] = []
    token = _deferred.set(pending)
    try:
        yield pending
    finally:
        _deferred.reset(token)
        for log in pending:
            log.write()


def pending_logs() -> list[RequestLog]:
    """The logs of the current request still to be written (for the session save)."""
    return [log for log in _deferred.get() or () if log.entries]


def note(
    action: str,
    pupil_ids: Iterable[int | None] = (),
    *,
    obj: models.Model | None = None,
    description: str = "",
) -> None:
    """Note in the current request's log that it showed (or refused, exported …) these pupils."""
    log = _current.get()
    if log is not None:
        log.note(action, pupil_ids, obj=obj, description=description)


def refuse(
    obj: models.Model | None, pupil_ids: Iterable[int | None] = (), *, forbidden: bool = False
):
    """Refuse an object that exists but lies outside the user's scope: note the attempt (a
    REFUSED row, a review signal) and answer 404, or 403 when `forbidden` (inside the scope but
    read-only). A missing object is a plain 404, without a row: there was nothing to see."""
    note(Action.REFUSED, pupil_ids, obj=obj)
    if forbidden:
        raise PermissionDenied
    raise Http404


class ShownQuerySet(models.QuerySet):
    """A queryset that, once an access function has called `.shown()`, notes the pupils of the
    rows it fetches in the request's access log (a `count()` or `exists()` fetches none)."""

    _shown_pupil: str | None = None
    _shown_action: str = Action.VIEW

    def shown(self, pupil: str = "pupil_id", action: str = Action.VIEW) -> ShownQuerySet:
        """Log the rows this queryset fetches; `pupil` is the pupil's id on each row, as a
        field path ("pupil_id", "case__pupil_id") or "pk" for pupils themselves."""
        clone = self._chain()
        if "__" in pupil:
            clone = clone.annotate(_shown_pupil_id=F(pupil))
            pupil = "_shown_pupil_id"
        clone._shown_pupil, clone._shown_action = pupil, action
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._shown_pupil, clone._shown_action = self._shown_pupil, self._shown_action
        return clone

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._shown_pupil and self._iterable_class is ModelIterable:
            pupil_of = attrgetter(self._shown_pupil)
            note(self._shown_action, [pupil_of(row) for row in self._result_cache])

    def iterator(self, chunk_size=None):
        """Rows fetched one chunk at a time (a form's choices are) are noted as they come."""
        rows = super().iterator(chunk_size)
        if not self._shown_pupil or self._iterable_class is not ModelIterable:
            yield from rows
            return
        pupil_of = attrgetter(self._shown_pupil)
        for row in rows:
            note(self._shown_action, [pupil_of(row)])
            yield row
