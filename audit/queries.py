"""Reading the access log: the per-pupil extract and the review page's rows.

The log is ten years deep (about ten million rows for a regional provider, `make bench`), so
every read here is shaped for an index:
- a pupil's rows come from the GIN index on `pupil_ids` (`pupil_ids @> {id}`): as many rows as
  that pupil was shown in, however deep the log;
- the review page reads newest first along the index on `at` (or `(user, at)`, `(action, at)`
  when filtered by them) and stops at its page; its count stops at `LogPaginator.MAX_COUNT`.

Scope is the reader's business (the privacy officer's access function says which staff and
pupils are theirs); these functions only read what they are given.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property

from .models import AccessLog


def _ids(values: Iterable[int] | QuerySet) -> list[int] | QuerySet:
    """A list of ints, or a queryset left as it is (a subquery)."""
    if isinstance(values, QuerySet):
        return values
    return sorted({int(v) for v in values if v is not None})


def _about_one_of(pupil_ids: list[int] | QuerySet) -> RawSQL:
    """The row is about one of these pupils: each id of the row looked up in a hash of the list
    (`= ANY(…)`) or in the subquery (by its index), instead of an array overlap `&&`, which
    compares every id of the row with every id of the list (slow for an organisation's tens of
    thousands of pupils)."""
    column = f'"{AccessLog._meta.db_table}"."pupil_ids"'
    if isinstance(pupil_ids, QuerySet):
        # Correlated, so each id is one index lookup (`IN (subquery)` makes PostgreSQL hash
        # the whole subquery and probe it row by row).
        (field,) = pupil_ids.query.values_select or ("pk",)
        own = pupil_ids.order_by().filter(**{field: RawSQL("p.id", [])})
        try:
            sql, params = own.query.sql_with_params()
        except EmptyResultSet:
            return RawSQL("false", [], output_field=BooleanField())
        condition = f"EXISTS ({sql})"
    else:
        if not pupil_ids:
            return RawSQL("false", [], output_field=BooleanField())
        condition, params = "p.id = ANY(%s::bigint[])", [pupil_ids]
    return RawSQL(  # noqa: S611 - the SQL is ours, the values are parameters
        f"EXISTS (SELECT 1 FROM unnest({column}) AS p(id) WHERE {condition})",  # noqa: S608
        params,
        output_field=BooleanField(),
    )


def _period(
    rows: QuerySet,
    start: datetime.datetime | datetime.date | None,
    end: datetime.datetime | datetime.date | None,
) -> QuerySet:
    """From `start` up to but not including `end`; a date means that day's start (local)."""
    if start is not None:
        rows = rows.filter(at__gte=_moment(start))
    if end is not None:
        rows = rows.filter(at__lt=_moment(end))
    return rows


def _moment(value: datetime.datetime | datetime.date) -> datetime.datetime:
    from django.utils import timezone

    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


def pupil_extract_rows(
    pupil_id: int,
    *,
    start: datetime.datetime | datetime.date | None = None,
    end: datetime.datetime | datetime.date | None = None,
) -> QuerySet[AccessLog]:
    """Every row that showed or concerned this pupil, newest first, with who did it.

    `start` inclusive, `end` exclusive (a date: that day's start, in SMW's time zone)."""
    rows = AccessLog.objects.filter(pupil_ids__contains=[int(pupil_id)])
    return _period(rows, start, end).select_related("user").order_by("-at", "-pk")


def log_rows(
    *,
    scope_user_ids: Iterable[int] | QuerySet,
    scope_pupil_ids: Iterable[int] | QuerySet,
    pupil_id: int | None = None,
    user_id: int | None = None,
    action: str | None = None,
    start: datetime.datetime | datetime.date | None = None,
    end: datetime.datetime | datetime.date | None = None,
    school_pupil_ids: Iterable[int] | QuerySet | None = None,
) -> QuerySet[AccessLog]:
    """The review page's rows: in scope (by one of `scope_user_ids`, or about one of
    `scope_pupil_ids`), narrowed by the filters given, newest first, with who did it.

    The scopes are lists of ids or querysets of ids (`.values("pk")`, read as a subquery).
    `school_pupil_ids` (from `school_pupil_ids()`) keeps the rows about a school's pupils."""
    # The user first: PostgreSQL tries an OR's arms in order, and the cheap test on `user_id`
    # settles most rows before their pupils are looked up.
    scope = Q(user_id__in=_ids(scope_user_ids)) | Q(_about_one_of(_ids(scope_pupil_ids)))
    rows = AccessLog.objects.filter(scope)
    if pupil_id is not None:
        rows = rows.filter(pupil_ids__contains=[int(pupil_id)])
    if user_id is not None:
        rows = rows.filter(user_id=int(user_id))
    if action:
        rows = rows.filter(action=action)
    if school_pupil_ids is not None:
        school = _ids(school_pupil_ids)
        if isinstance(school, QuerySet):
            from django.contrib.postgres.expressions import ArraySubquery

            school = ArraySubquery(school)
        # `&&` here: a school has a few hundred pupils, and the GIN index finds their rows.
        rows = rows.filter(pupil_ids__overlap=school)
    return _period(rows, start, end).select_related("user").order_by("-at", "-pk")


def school_pupil_ids(school_id: int) -> list[int]:
    """The ids of every pupil of the school, for `log_rows(school_pupil_ids=...)`.

    The pupil's school today: the log keeps plain ids, not where a pupil was at the time."""
    from cases.models import Pupil

    return list(
        Pupil.objects.filter(school_id=int(school_id)).order_by("pk").values_list("pk", flat=True)
    )


class LogPaginator(Paginator):
    """A paginator that never counts more than `MAX_COUNT` rows: the review page over ten years
    of log says "10,000 or more" instead of counting millions (`capped` tells)."""

    MAX_COUNT = 10_000

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if isinstance(rows, QuerySet):
            # Sliced, the count is `SELECT COUNT(*) FROM (… LIMIT n)`: it stops at n rows.
            # Without the order and the users, PostgreSQL may count along whichever index
            # suits the filters (the GIN index for a school's pupils) instead of walking the
            # rows newest first.
            return rows.order_by().select_related(None)[: self.MAX_COUNT].count()
        return min(len(rows), self.MAX_COUNT)

    @property
    def capped(self) -> bool:
        """True when there are at least MAX_COUNT rows (and the count says MAX_COUNT)."""
        return self.count >= self.MAX_COUNT
