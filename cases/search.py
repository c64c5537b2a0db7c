"""Finding pupils by name (tolerant of typing errors, PostgreSQL trigram similarity), by the
number of one of their cases ("2026-00005") and by school.

Scoring every pupil's name would read the whole table on every search. So a search first asks
the trigram indexes on Pupil for the candidates (pg_trgm's `%>` operator and ILIKE, at a
threshold a little below ours, so they are a superset), and scores only those.
"""

from __future__ import annotations

import datetime
import re

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat, Greatest

from schools.models import School

from .models import Case, Pupil

SIMILARITY = 0.35
# pg_trgm's word_similarity_threshold for the `%>` pre-filter: below SIMILARITY, so the
# candidates the indexes return include every pupil the exact filter keeps.
CANDIDATE_SIMILARITY = 0.3


# Case.number: the year the case was signalled and its id, "2026-00005" (leading zeros optional).
CASE_NUMBER = re.compile(r"(\d{4})-(\d{1,9})")


def _full_name():
    # Pupil.Meta has a trigram index on this very expression.
    return Concat("first_name", Value(" "), "last_name")


def _candidates(text: str, of_schools: Q) -> Q:
    """What the trigram indexes can answer: a superset of the exact filter below."""
    with connection.cursor() as cursor:
        # Per connection; every search sets the same value.
        cursor.execute("SET pg_trgm.word_similarity_threshold = %s", [CANDIDATE_SIMILARITY])
    return (
        Q(first_name__trigram_word_similar=text)
        | Q(last_name__trigram_word_similar=text)
        | Q(full_name__trigram_word_similar=text)
        | Q(last_name__icontains=text)
        | Q(first_name__icontains=text)
        | of_schools
    )


def _of_schools(text: str) -> Q:
    """The pupils of the schools whose name contains `text`. The school ids are looked up
    first (a small table), so the pupil filter stays on Pupil's own indexes: a condition on the
    joined school's name in the same OR would make PostgreSQL read every pupil."""
    ids = list(School.objects.filter(name__icontains=text).values_list("pk", flat=True))
    return Q(school_id__in=ids)


def search_pupils(pupils: QuerySet[Pupil], text: str) -> QuerySet[Pupil]:
    """Pupils whose name looks like `text`, best match first ("Jansen" finds "Janssen"); the
    pupil of a case number ("2026-00005"); the pupils of a school whose name contains `text`."""
    text = text.strip()
    if not text:
        return pupils.none()
    number = CASE_NUMBER.fullmatch(text)
    if number:
        year, pk = (int(part) for part in number.groups())
        return (
            pupils.filter(
                pk__in=Case.objects.filter(pk=pk, signalled_on__year=year).values("pupil")
            )
            .annotate(similarity=Value(1.0))
            .order_by("last_name", "first_name")
        )
    of_schools = _of_schools(text)
    return (
        pupils.alias(full_name=_full_name())
        .filter(_candidates(text, of_schools))
        .annotate(
            similarity=Greatest(
                TrigramWordSimilarity(text, "first_name"),
                TrigramWordSimilarity(text, "last_name"),
                TrigramWordSimilarity(text, _full_name()),
            )
        )
        .filter(
            Q(similarity__gte=SIMILARITY)
            | Q(last_name__icontains=text)
            | Q(first_name__icontains=text)
            | of_schools
        )
        .order_by("-similarity", "last_name", "first_name")
    )


def likely_duplicates(
    school_id: int, first_name: str, last_name: str, date_of_birth: datetime.date | None
) -> QuerySet[Pupil]:
    """Pupils at the school, or at another school of the organisations that serve it (a pupil
    who moved), who may be the same child: similar name, or same birthday and a somewhat
    similar name."""
    from continuity.moves import schools_of_same_organisations

    full = f"{first_name} {last_name}".strip()
    if not full:
        return Pupil.objects.none()
    schools = schools_of_same_organisations(school_id).values("pk")
    candidates = (
        Pupil.objects.filter(school_id__in=schools)
        .select_related("school")
        .annotate(similarity=TrigramWordSimilarity(full, _full_name()))
    )
    same_day = Q(date_of_birth=date_of_birth, similarity__gte=0.2) if date_of_birth else Q()
    return candidates.filter(Q(similarity__gte=0.5) | same_day).order_by("-similarity")[:5]
