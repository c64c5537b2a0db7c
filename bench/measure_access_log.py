"""The access log at depth: `python -m bench.measure_access_log` against a bench database.

In-process, against this phase's database (DATABASE_URL) and, when BENCH_SMALL_DATABASE_URL is
set, the scale-0.1 one as well, the two taking turns run by run:
- logging: bench-worker-1's caseload with and without the access log's middleware, in pairs
  (median of the paired differences; the INSERT alone, timed inside the request); the queries
  of each;
- extract: every row of one pupil, with its users: at each scale the pupil among the first 100
  whose extract is nearest EXTRACT_ROWS rows, so both scales read the same amount and the ratio
  shows what the depth of the table costs (pupil 1's own extract differs between the scales,
  as its case does);
- review: the privacy officer's review page of organisation 1 (count, capped, and the first 50
  rows), unfiltered and filtered by pupil, user, action and school.
"""

from __future__ import annotations

import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smw.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from accounts.models import Membership, User  # noqa: E402
from audit import log as audit_log  # noqa: E402
from audit.queries import LogPaginator, log_rows, pupil_extract_rows, school_pupil_ids  # noqa: E402
from cases.models import Pupil  # noqa: E402

RUNS = int(os.environ.get("BENCH_LOG_RUNS", "200"))
QUERY_RUNS = int(os.environ.get("BENCH_LOG_QUERY_RUNS", "15"))
EXTRACT_ROWS = 1500
AUDIT = ("audit.middleware.AccessLogMiddleware", "audit.middleware.AccessLogCommitMiddleware")


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def logging_cost(runs: int = RUNS) -> dict:
    """The caseload with and without the access log, in pairs."""
    worker = User.objects.get(username="bench-worker-1")
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(worker, backend="django.contrib.auth.backends.ModelBackend")
    without = [m for m in settings.MIDDLEWARE if m not in AUDIT]
    writes: list[float] = []
    original = audit_log.RequestLog.write

    def timed_write(self, **kwargs):
        started = time.perf_counter()
        try:
            return original(self, **kwargs)
        finally:
            if self.request.path == "/dossiers/":
                writes.append(time.perf_counter() - started)

    # The test client loads its middleware once, at its first request: a second client, the
    # same session, without the access log's two.
    bare = Client(SERVER_NAME="127.0.0.1")
    bare.cookies = client.cookies
    with override_settings(MIDDLEWARE=without):
        bare.get("/dossiers/")

    def request(logged: bool) -> float:
        started = time.perf_counter()
        response = (client if logged else bare).get("/dossiers/")
        assert response.status_code == 200, response.status_code
        return time.perf_counter() - started

    audit_log.RequestLog.write = timed_write
    try:
        for logged in (True, False, True, False):  # warm-up
            request(logged)
        queries = {}
        for logged in (True, False):
            with CaptureQueriesContext(connection) as captured:
                request(logged)
            queries["with" if logged else "without"] = len(captured)
        writes.clear()
        with_, without_, pairs = [], [], []
        for n in range(runs):
            order = (True, False) if n % 2 == 0 else (False, True)
            times = {logged: request(logged) for logged in order}
            with_.append(times[True])
            without_.append(times[False])
            pairs.append(times[True] - times[False])
    finally:
        audit_log.RequestLog.write = original
    return {
        "runs": runs,
        "queries_with": queries["with"],
        "queries_without": queries["without"],
        "median_ms_with": ms(statistics.median(with_)),
        "median_ms_without": ms(statistics.median(without_)),
        "added_ms": ms(statistics.median(pairs)),
        "insert_ms": ms(statistics.median(writes)) if writes else None,
    }


def _median(function, runs: int = QUERY_RUNS) -> float:
    function()
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def extract_pupil(alias: str) -> tuple[int, int]:
    """(pupil id, rows) of the pupil among the first 100 whose extract is nearest EXTRACT_ROWS."""
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT p, count(*) FROM audit_accesslog, unnest(pupil_ids) AS p"
            " WHERE pupil_ids && %s::bigint[] AND p <= 100"
            " GROUP BY p ORDER BY abs(count(*) - %s), p LIMIT 1",
            [list(range(1, 101)), EXTRACT_ROWS],
        )
        pupil, rows = cursor.fetchone()
    return pupil, rows


def _cases(alias: str, pupil: int) -> dict:
    """The extract (of `pupil`) and the review page's variants, as functions on database
    `alias`."""
    staff = Membership.objects.using(alias).filter(organisation_id=1).values("user_id")
    pupils = (
        Pupil.objects.using(alias)
        .filter(school__assignments__worker__memberships__organisation_id=1)
        .values("pk")
    )
    worker = User.objects.using(alias).get(username="bench-worker-1").pk
    school = school_pupil_ids(1) if alias == "default" else None
    if school is None:
        school = list(Pupil.objects.using(alias).filter(school_id=1).values_list("pk", flat=True))

    def review(**filters):
        def run():
            rows = log_rows(scope_user_ids=staff, scope_pupil_ids=pupils, **filters).using(alias)
            paginator = LogPaginator(rows, 50)
            page = paginator.page(1)
            return paginator.count, [(row.at, row.user.username) for row in page]

        return run

    return {
        "extract": lambda: len(
            [(r.at, r.user.username) for r in pupil_extract_rows(pupil).using(alias)]
        ),
        "review": review(),
        "review_pupil": review(pupil_id=pupil),
        "review_user_worker_1": review(user_id=worker),
        "review_refused": review(action="refused"),
        "review_school_1": review(school_pupil_ids=school),
    }


def query_times(small_url: str | None) -> dict:
    aliases = {"large": "default"}
    if small_url:
        import environ

        config = environ.Env.db_url_config(small_url)
        config = {**connections.settings["default"], **config}
        connections.settings["small"] = config
        aliases["small"] = "small"
    chosen = {side: extract_pupil(alias) for side, alias in aliases.items()}
    cases = {side: _cases(alias, chosen[side][0]) for side, alias in aliases.items()}
    results = {}
    for name in cases["large"]:
        timings = {side: [] for side in aliases}
        for side in aliases:
            cases[side][name]()  # warm
        for _run in range(QUERY_RUNS):
            for side in aliases:
                started = time.perf_counter()
                cases[side][name]()
                timings[side].append(time.perf_counter() - started)
        row = {f"median_ms_{side}": ms(statistics.median(t)) for side, t in timings.items()}
        if "small" in timings:
            row["ratio"] = round(row["median_ms_large"] / row["median_ms_small"], 2)
        if name in ("extract", "review_pupil"):
            for side, (pupil, rows) in chosen.items():
                row[f"pupil_{side}"], row[f"rows_{side}"] = pupil, rows
        results[name] = row
        print(f"  {name}: {row}", flush=True)
    return results


def main(*, compare: bool = True) -> dict:
    """The phase's figures; `compare`: the queries at both scales (the large phase)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM audit_accesslog")
        (rows,) = cursor.fetchone()
    print(f"access log: {rows:,} rows", flush=True)
    result = {"rows": rows, "logging": logging_cost()}
    print(f"  logging: {result['logging']}", flush=True)
    if compare:
        result["queries"] = query_times(os.environ.get("BENCH_SMALL_DATABASE_URL"))
    return result


if __name__ == "__main__":
    main()
