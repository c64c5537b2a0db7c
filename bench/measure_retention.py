"""Retention at scale: the daily job's due list, and destroying a dossier with 200 contacts.

Run from bench/measure.py inside the bench database. Both measure inside a transaction that is
rolled back: the bench data stay as seeded.
"""

from __future__ import annotations

import statistics
import time

from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from cases.models import Case, Contact
from retention.destroy import erase
from retention.models import Policy
from retention.terms import due_dossiers
from schools.models import Organisation

RUNS = 5


class _Rollback(Exception):
    pass


def _median_ms(run, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 1)


def measure_due(years: int | None = None) -> dict:
    """The due list with the default term (20 years: nothing of ten years is due, the query
    still runs), or with every organisation's term set to `years`."""
    result = {}
    try:
        with transaction.atomic():
            if years is not None:
                for organisation in Organisation.objects.all():
                    Policy.objects.update_or_create(
                        organisation=organisation, defaults={"years": years}
                    )
            result["due"] = len(due_dossiers())
            result["median_ms"] = _median_ms(due_dossiers)
            raise _Rollback
    except _Rollback:
        pass
    return result


def measure_destroy(contacts: int = 200) -> dict:
    """Erase the dossier of a pupil with one case of `contacts` contacts (topped up)."""
    case = (
        Case.objects.filter(stage=Case.Stage.CLOSED)
        .annotate(n=Count("contacts"))
        .order_by("-n", "pk")
        .first()
    )
    if case is None:
        return {"error": "no closed case"}
    result = {}
    try:
        with transaction.atomic():
            missing = max(0, contacts - case.n)
            Contact.objects.bulk_create(
                Contact(
                    case=case,
                    author_id=case.caseworker_id or case.reported_by_id,
                    held_on=case.signalled_on,
                    minutes=30,
                    kind=Contact.Kind.PUPIL,
                    place=Contact.Place.SCHOOL,
                    summary="Gesprek",
                    work_note="Notitie",
                )
                for _ in range(missing)
            )
            result["contacts"] = Contact.objects.filter(case__pupil=case.pupil_id).count()
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                with transaction.atomic():
                    erase(case.pupil_id)
                result["ms"] = round((time.perf_counter() - start) * 1000, 1)
            result["queries"] = len(queries)
            raise _Rollback
    except _Rollback:
        pass
    return result


def main() -> dict:
    return {
        "due_default": measure_due(),
        "due_short_term": measure_due(years=5),
        "destroy": measure_destroy(),
    }
