"""The access log queries the privacy pages use, in one place: the extract of one pupil and the
filtered review list, with a paginator that does not count millions of rows.

These have the signatures of the fast query layer (audit.queries); once that is in place this
module only hands its functions on.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils.functional import cached_property

from audit.models import AccessLog

try:  # the fast query layer, when present
    from audit.queries import LogPaginator, log_rows, pupil_extract_rows
except ImportError:

    def pupil_extract_rows(
        pupil_id: int,
        *,
        start: datetime.datetime | None = None,
        end: datetime.datetime | None = None,
    ) -> QuerySet[AccessLog]:
        """Every access log row that concerns the pupil, newest first."""
        rows = AccessLog.objects.filter(pupil_ids__contains=[pupil_id])
        if start is not None:
            rows = rows.filter(at__gte=start)
        if end is not None:
            rows = rows.filter(at__lt=end)
        return rows.order_by("-at", "-pk")

    def log_rows(
        *,
        scope_user_ids: Iterable[int],
        scope_pupil_ids: Iterable[int],
        pupil_id: int | None = None,
        user_id: int | None = None,
        action: str | None = None,
        start: datetime.datetime | None = None,
        end: datetime.datetime | None = None,
        school_pupil_ids: Iterable[int] | None = None,
    ) -> QuerySet[AccessLog]:
        """The rows by people in scope or about pupils in scope, filtered, newest first."""
        rows = AccessLog.objects.filter(
            Q(user_id__in=list(scope_user_ids)) | Q(pupil_ids__overlap=list(scope_pupil_ids))
        )
        if pupil_id is not None:
            rows = rows.filter(pupil_ids__contains=[pupil_id])
        if user_id is not None:
            rows = rows.filter(user_id=user_id)
        if action:
            rows = rows.filter(action=action)
        if start is not None:
            rows = rows.filter(at__gte=start)
        if end is not None:
            rows = rows.filter(at__lt=end)
        if school_pupil_ids is not None:
            rows = rows.filter(pupil_ids__overlap=list(school_pupil_ids))
        return rows.order_by("-at", "-pk")

    class LogPaginator(Paginator):
        """Counts at most CAP rows: "more than 10,000" is all a reviewer needs to know."""

        CAP = 10_000

        @cached_property
        def count(self) -> int:
            return len(self.object_list[: self.CAP + 1].values_list("pk", flat=True))

        @property
        def capped(self) -> bool:
            return self.count > self.CAP
