"""What sealed dossier text costs a case page: `python -m bench.measure_sealed`.

In-process, against DATABASE_URL (any migrated SMW database; what it makes is rolled back): two
cases of one worker, each with an intake, an evaluated plan and 200 contacts with a summary and a
work note. The first is stored as SMW stores it (sealed with the pupil's key, vault/), the second
with the same text plain in its columns, as before the encryption. The two case pages are asked
for in turns, RUNS times each after a warm-up; the queries of each are counted. Prints the
medians and the ratio (target: under 1.10, the same number of queries).
"""

from __future__ import annotations

import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smw.settings")
os.environ.setdefault("SMW_REQUIRE_2FA", "false")  # the page, not the second factor
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from cases.models import Case, Contact  # noqa: E402
from tests import factories  # noqa: E402
from vault import crypto  # noqa: E402
from vault.existing import encrypted_models, pupil_lookup  # noqa: E402

RUNS = int(os.environ.get("BENCH_SEALED_RUNS", "60"))
TEXT = (
    "Gesprek met de leerling over de situatie thuis en in de klas. Afspraken gemaakt over de "
    "pauzes, de leerkracht let op en moeder belt volgende week. "
) * 2


class _Rollback(Exception):
    pass


def _store_plain(pupil_id: int) -> None:
    """Every sealed text of the pupil written back plain (the page as it was before)."""
    for model, fields in encrypted_models():
        # Only the pupil's rows: at regional scale the tables hold hundreds of thousands.
        for obj in model.objects.filter(**{pupil_lookup(fields[0].pupil_path): pupil_id}):
            values = {connection.ops.quote_name(f.column): getattr(obj, f.attname) for f in fields}
            sets = ", ".join(f"{column} = %s" for column in values)
            table = connection.ops.quote_name(model._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET {sets} WHERE id = %s",  # noqa: S608 - quoted names
                    [*values.values(), obj.pk],
                )


def measure() -> dict:
    school = factories.create_school()
    worker = factories.create_worker(schools=[school])
    cases = {}
    for label in ("sealed", "plain"):
        case = factories.create_case(
            school=school, caseworker=worker, stage=Case.Stage.HELP, noticed=TEXT
        )
        factories.create_evaluation(plan=case.plan, note=TEXT)
        for n in range(200):
            factories.create_contact(case=case, summary=f"{n} {TEXT}", work_note=f"noot {n}")
        cases[label] = case
    _store_plain(cases["plain"].pupil_id)
    first = Contact.objects.filter(case=cases["plain"]).values_list("summary", flat=True)[0]
    assert not crypto.is_sealed(first)

    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(worker, backend="django.contrib.auth.backends.ModelBackend")
    urls = {label: reverse("cases:detail", args=[case.pk]) for label, case in cases.items()}
    queries, times = {}, {label: [] for label in urls}
    for label, url in urls.items():
        for _ in range(3):
            client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        assert "Gesprek met de leerling" in response.content.decode()
        queries[label] = len(captured)
    for _ in range(RUNS):
        for label, url in urls.items():
            start = time.perf_counter()
            client.get(url)
            times[label].append(time.perf_counter() - start)
    medians = {label: statistics.median(values) * 1000 for label, values in times.items()}
    return {
        "queries": queries,
        "median_ms": {label: round(value, 1) for label, value in medians.items()},
        "ratio": round(medians["sealed"] / medians["plain"], 3),
    }


def run() -> dict:
    """`measure()` in a transaction that is rolled back: the database is left as it was."""
    result: dict = {}
    try:
        with transaction.atomic():
            result = measure()
            raise _Rollback
    except _Rollback:
        pass
    return result


def main() -> None:
    print(run())


if __name__ == "__main__":
    main()
