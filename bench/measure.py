"""One phase of the benchmark against one seeded database: `python -m bench.measure small|large`.

Run by bench/run.py (`make bench`) with DATABASE_URL set to the bench database. Writes
var/bench/phase-<name>.json. Every figure is a median (or percentile) of several runs.
"""

from __future__ import annotations

import datetime
import http.cookiejar
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smw.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from bench.seed import BENCH_PASSWORD, SHOWCASE_ITEMS, seeded_scale  # noqa: E402
from bench.stack import OUT_DIR, Stack  # noqa: E402
from cases.models import Case, Contact, Pupil  # noqa: E402
from schools.models import Municipality, School  # noqa: E402

PAGE_RUNS = int(os.environ.get("BENCH_PAGE_RUNS", "25"))
THROUGHPUT_SECONDS = int(os.environ.get("BENCH_THROUGHPUT_SECONDS", "60"))
SEARCH_RUNS = int(os.environ.get("BENCH_SEARCH_RUNS", "40"))
FUNDING_RUNS = int(os.environ.get("BENCH_FUNDING_RUNS", "7"))
PASSWORD = os.environ.get("SMW_BENCH_PASSWORD") or BENCH_PASSWORD


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


# --- Signing in over HTTP --------------------------------------------------------------------


class Browser:
    """A signed-in person against the running gunicorn: the login form, then pages."""

    def __init__(self, base_url: str, username: str):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        page = self.get("/accounts/login/")[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(f"{base_url}/accounts/login/", data=data)  # noqa: S310
        with self.opener.open(request, timeout=60) as response:
            if "/accounts/login/" in response.url:
                raise RuntimeError(f"{username} could not sign in")

    def get(self, path: str) -> tuple[int, str]:
        with self.opener.open(f"{self.base_url}{path}", timeout=120) as response:
            return response.status, response.read().decode()

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def time(self, path: str, runs: int, warm: int = 3) -> list[float]:
        for _warm in range(warm):
            self.get(path)
        timings = []
        for _run in range(runs):
            started = time.perf_counter()
            status, _body = self.get(path)
            timings.append(time.perf_counter() - started)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
        return timings


# --- 1. Key pages ----------------------------------------------------------------------------


@dataclass
class Page:
    name: str
    username: str
    path: str
    # where the scale-0.1 side differs (the same-size funding report): its path and user
    small_path: str | None = None
    small_username: str | None = None

    def on(self, side: str) -> tuple[str, str]:
        """(username, path) on the `side` ("small" or "large") of the comparison."""
        if side == "small" and self.small_path:
            return self.small_username or self.username, self.small_path
        return self.username, self.path


def _funding_path(municipality: Municipality, quarter: str) -> str:
    return f"/rapportages/financiering/?municipality={municipality.pk}&quarter={quarter}"


def _settled_quarter():
    """The newest quarter whose funding report a municipality can get today."""
    from reports.periods import settled_quarters

    return next(iter(settled_quarters(timezone.localdate()).values()))


def _schools_of_the_largest_at_small_scale() -> int:
    """How many schools municipality 1 has in the scale-0.1 database (this one, or the one
    the large phase compares with)."""
    url = os.environ.get("BENCH_SMALL_DATABASE_URL")
    if not url:
        return School.objects.filter(municipality__pk=1).count()
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT count(*) FROM schools_school WHERE municipality_id = 1"
        ).fetchone()[0]


def same_size_municipality() -> Municipality:
    """The municipality with as many schools as the largest one has at scale 0.1 (at that
    scale: that one): its funding report has the same size at both scales, so comparing it
    shows what the depth of the data costs, apart from the size of the report."""
    target = _schools_of_the_largest_at_small_scale()
    sizes = Municipality.objects.annotate(n=Count("schools")).order_by("pk")
    return min(sizes, key=lambda m: (abs(m.n - target), m.pk))


def key_pages() -> list[Page]:
    # the page of a settled quarter: made once, then read from its snapshot (the warm-up
    # requests make it); measure_funding measures the computation
    quarter = _settled_quarter().quarter_key
    largest = Municipality.objects.order_by("pk").first()
    funding = _funding_path(largest, quarter)
    same_size = same_size_municipality()
    return [
        Page("worker_caseload", "bench-worker-1", "/dossiers/"),
        Page("coordinator_caseload", "bench-zc-1", "/dossiers/school/"),
        Page("case_200_entries", "bench-worker-1", "/dossiers/1/"),
        Page("referral_dashboard", "bench-worker-1", "/verwijzingen/"),
        Page(f"zat_meeting_{SHOWCASE_ITEMS}_items", "bench-worker-1", "/zat/1/"),
        Page("reports_archive", "bench-worker-1", "/rapportages/"),
        Page("funding_report", "bench-gemeente-1", funding),
        Page(
            "funding_report_same_size",
            f"bench-gemeente-{same_size.pk}",
            _funding_path(same_size, quarter),
            small_path=funding,
            small_username="bench-gemeente-1",
        ),
    ]


def count_queries(username: str, path: str) -> int:
    """SQL queries of one request, in-process (the second request: caches warm)."""
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(
        User.objects.get(username=username), backend="django.contrib.auth.backends.ModelBackend"
    )
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return len(queries)


def count_pages() -> dict:
    """SQL queries of each key page against this phase's database (in-process)."""
    results = {}
    for page in key_pages():
        try:
            results[page.name] = {"queries": count_queries(page.username, page.path)}
        except Exception as exc:  # a page that fails is reported, not fatal
            results[page.name] = {"error": f"{exc.__class__.__name__}: {exc}"[:300]}
        print(f"  {page.name}: {results[page.name]}", flush=True)
    return results


def time_pages(large: Stack, small: Stack) -> dict:
    """Server time of each key page at both scales, the requests taking turns (small, large,
    small, …) so that the load of the machine weighs on both sides alike."""
    results = {}
    browsers: dict[tuple[str, str], Browser] = {}
    for page in key_pages():
        timings: dict[str, list[float]] = {"small": [], "large": []}
        try:
            for side, stack in (("small", small), ("large", large)):
                username, path = page.on(side)
                if (side, username) not in browsers:
                    browsers[(side, username)] = Browser(stack.base_url, username)
                for _warm in range(3):
                    browsers[(side, username)].get(path)
            for _run in range(PAGE_RUNS):
                for side in ("small", "large"):
                    username, path = page.on(side)
                    timings[side] += browsers[(side, username)].time(path, 1, warm=0)
        except Exception as exc:  # a page that fails is reported, not fatal
            results[page.name] = {"error": f"{exc.__class__.__name__}: {exc}"[:300]}
            print(f"  {page.name}: {results[page.name]['error']}", flush=True)
            continue
        results[page.name] = {"path": page.path, "user": page.username, "runs": PAGE_RUNS}
        if page.small_path:
            results[page.name] |= {"small_path": page.small_path, "small_user": page.on("small")[0]}
        for side, values in timings.items():
            results[page.name][f"median_ms_{side}"] = ms(statistics.median(values))
            results[page.name][f"p95_ms_{side}"] = ms(percentile(values, 0.95))
        print(f"  {page.name}: {results[page.name]}", flush=True)
    return results


# --- 2. Throughput ---------------------------------------------------------------------------


def wrk(url: str, cookie: str, seconds: int) -> dict:
    """8 concurrent connections for `seconds` on loopback; requests/s and every error."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("the load generator only targets loopback")
    output = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "wrk",
            "-t2",
            "-c8",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(n) for n in sockets.groups()) if sockets else 0
    )
    return {"rps": rps, "requests": requests, "errors": errors, "seconds": seconds}


def typical_case(worker: User) -> int:
    """An open case of the worker with the median number of contacts."""
    from django.db.models import Count

    cases = list(
        Case.objects.filter(caseworker=worker)
        .open()
        .exclude(pk=1)
        .annotate(n=Count("contacts"))
        .order_by("n", "pk")
        .values_list("pk", flat=True)
    )
    return cases[len(cases) // 2]


def measure_throughput(stack: Stack) -> dict:
    """8 connections on the minimal page, the caseload and a case page, THROUGHPUT_SECONDS
    each, in slices that take turns (ping, caseload, case, ping, …): the other load on the
    machine then weighs on all three alike, and the ratios compare like with like."""
    worker = User.objects.get(username="bench-worker-1")
    browser = Browser(stack.base_url, worker.username)
    cookie = browser.cookie_header()
    case = typical_case(worker)
    targets = {
        "ping": "/bench/ping/",
        "worker_caseload": "/dossiers/",
        "case_page": f"/dossiers/{case}/",
    }
    for path in targets.values():
        browser.get(path)  # signed in and answering 200 before the load starts
    slices = max(1, THROUGHPUT_SECONDS // 10)
    seconds = max(1, THROUGHPUT_SECONDS // slices)
    raw: dict[str, list[dict]] = {name: [] for name in targets}
    for _slice in range(slices):
        for name, path in targets.items():
            raw[name].append(wrk(f"{stack.base_url}{path}", cookie, seconds))
    result = {}
    for name, runs in raw.items():
        requests = sum(run["requests"] for run in runs)
        result[name] = {
            "path": targets[name],
            "seconds": seconds * len(runs),
            "requests": requests,
            "rps": round(requests / (seconds * len(runs)), 1),
            "errors": sum(run["errors"] for run in runs),
            "slices_rps": [run["rps"] for run in runs],
        }
    for name in ("worker_caseload", "case_page"):
        result[name]["ratio"] = round(result[name]["rps"] / result["ping"]["rps"], 3)
    print(f"  throughput: {result}", flush=True)
    return result


# --- 3. Funding: the app against hand-written SQL ----------------------------------------------


def measure_funding() -> dict:
    try:
        from reports.funding import funding_figures
    except ImportError as exc:
        return {"error": f"reports.funding is not there yet ({exc})"}
    from bench.funding_sql import funding_sql
    from reports.funding import settled_figures
    from reports.models import FundingSnapshot

    municipality = Municipality.objects.order_by("pk").first()
    period = _settled_quarter()
    app, sql, again = [], [], []
    sql_result = None
    # The app's time is the report made fresh, as the first request for a settled quarter
    # makes it: funding_figures computes and protects without reading or storing a snapshot.
    with CaptureQueriesContext(connection) as queries:
        funding_figures(municipality, period)
    app_queries = len(queries)
    for _run in range(FUNDING_RUNS + 1):  # the first of each is a warm-up
        started = time.perf_counter()
        funding_figures(municipality, period)
        app.append(time.perf_counter() - started)
        started = time.perf_counter()
        sql_result = funding_sql(municipality.pk, period.start, period.end)
        sql.append(time.perf_counter() - started)
    app, sql = app[1:], sql[1:]
    # The same report asked for again (its CSV after its page): read from its snapshot.
    snapshot = {"municipality": municipality, "period_start": period.start}
    made_here = not FundingSnapshot.objects.filter(**snapshot).exists()
    settled_figures(municipality, period)
    for _run in range(FUNDING_RUNS):
        started = time.perf_counter()
        settled_figures(municipality, period)
        again.append(time.perf_counter() - started)
    if made_here:  # the bench database as it was
        FundingSnapshot.objects.filter(**snapshot).delete()
    from bench.funding_sql import compare
    from reports.funding import _raw
    from reports.suppression import suppress

    # Where the app's time goes: the figures (its queries) and their suppression.
    figures, suppression = [], []
    for _run in range(FUNDING_RUNS):
        started = time.perf_counter()
        raw = _raw(municipality, period)
        figures.append(time.perf_counter() - started)
        started = time.perf_counter()
        suppress(raw.counts, raw.groups)
        suppression.append(time.perf_counter() - started)

    return {
        "municipality": municipality.name,
        "period": str(period.label),
        "runs": len(app),
        "app_ms": ms(statistics.median(app)),
        "sql_ms": ms(statistics.median(sql)),
        "ratio": round(statistics.median(app) / statistics.median(sql), 2),
        "app_queries": app_queries,
        # the same report again, read from its snapshot: not the target's figure
        "app_again_ms": ms(statistics.median(again)),
        "app_figures_ms": ms(statistics.median(figures)),
        "app_suppression_ms": ms(statistics.median(suppression)),
        # the same figures as the SQL, before suppression: the app's queries and Python
        "figures_ratio": round(statistics.median(figures) / statistics.median(sql), 2),
        "schools": len({key for _column, key in raw.counts if key.startswith("school:")}),
        "same_figures": compare(_raw(municipality, period), sql_result),
    }


# --- 4. The monthly registration for every school through Celery ------------------------------


class RssSampler(threading.Thread):
    """Resident memory of the Celery worker processes (the pool's children, found anew each
    time, in case the pool replaces one), ten times a second."""

    def __init__(self, stack: Stack):
        super().__init__(daemon=True)
        self.stack = stack
        self.samples: list[tuple[float, dict[int, int]]] = []
        self.stopping = threading.Event()

    def sample(self) -> dict[int, int]:
        import psutil

        rss = {}
        for pid in self.stack.celery_children():
            try:
                rss[pid] = psutil.Process(pid).memory_info().rss
            except psutil.Error:
                continue
        return rss

    def run(self) -> None:
        while not self.stopping.is_set():
            self.samples.append((time.time(), self.sample()))
            self.stopping.wait(0.1)

    def total_at(self, moment: float) -> int:
        """Both workers' memory in the first sample at or after `moment`."""
        for when, sample in self.samples:
            if when >= moment:
                return sum(sample.values())
        return sum(self.samples[-1][1].values())


def _wait_for(runs, count: int, timeout: float = 1800) -> None:
    from reports.models import ReportRun

    deadline = time.monotonic() + timeout
    finished = runs.filter(status__in=[ReportRun.Status.READY, ReportRun.Status.FAILED])
    while time.monotonic() < deadline and finished.count() < count:
        time.sleep(0.3)


def measure_pdf_batch(stack: Stack) -> dict:
    """Last month's registration for every school, as Celery beat asks for it on the 1st.

    Memory growth is from after each worker's first PDF (a warm-up of two other months, one
    per worker: fonts and templates load once) to after the last PDF of the batch."""
    from reports import schedule
    from reports.models import ReportRun
    from reports.periods import Period
    from reports.runs import request_report
    from schools.models import School

    today = timezone.localdate()
    period = Period.previous_month(today)
    registrations = ReportRun.objects.filter(kind=ReportRun.Kind.REGISTRATION)
    same = registrations.filter(period_start=period.start, period_end=period.end)
    for run in same:  # the benchmark's own runs of an earlier `make bench`, files and all
        run.file.delete(save=False)
    same.delete()
    earlier = Period.previous_month(period.start)
    warm_ids = [
        request_report(
            kind=ReportRun.Kind.REGISTRATION, school=school, period=earlier, new_version=True
        ).pk
        for school in School.objects.order_by("pk")[:2]  # one for each worker
    ]
    _wait_for(ReportRun.objects.filter(pk__in=warm_ids), 2, timeout=300)
    for run in ReportRun.objects.filter(pk__in=warm_ids, version__gt=1):
        run.file.delete(save=False)
        run.delete()
    sampler = RssSampler(stack)
    sampler.start()
    time.sleep(0.5)
    started = time.time()
    schools = schedule.monthly_registrations(today)  # what Celery beat calls on the 1st
    _wait_for(same, schools)
    time.sleep(0.3)
    sampler.stopping.set()
    sampler.join()
    runs = list(same.order_by("finished_at").values("status", "started_at", "finished_at"))
    done = [r for r in runs if r["status"] == ReportRun.Status.READY]
    per_pdf = [(r["finished_at"] - r["started_at"]).total_seconds() for r in done]
    last_end = done[-1]["finished_at"].timestamp()
    rss_first, rss_last = sampler.total_at(started), sampler.total_at(last_end)
    peak: dict[int, int] = {}
    for _when, sample in sampler.samples:
        for pid, rss in sample.items():
            peak[pid] = max(peak.get(pid, 0), rss)
    seconds = last_end - started
    workers = len(stack.celery_children())
    return {
        "schools": schools,
        "ready": len(done),
        "failed": len(runs) - len(done),
        "workers": workers,
        "seconds": round(seconds, 1),
        "median_s_per_pdf": round(statistics.median(per_pdf), 3),
        "p95_s_per_pdf": round(percentile(per_pdf, 0.95), 3),
        "s_per_pdf_per_worker": round(seconds * workers / len(done), 3),
        "peak_rss_mb": {str(pid): round(rss / 2**20, 1) for pid, rss in peak.items()},
        "rss_first_mb": round(rss_first / 2**20, 1),
        "rss_last_mb": round(rss_last / 2**20, 1),
        "rss_growth": round((rss_last - rss_first) / rss_first, 3),
        "rss_curve_mb": [
            round(sum(sample.values()) / 2**20)
            for _when, sample in sampler.samples[:: max(1, len(sampler.samples) // 20)]
        ],
    }


# --- 5. Pupil search with a typing error ---------------------------------------------------------


def typo(name: str, rng: random.Random) -> str:
    """One typing error: a letter dropped, doubled, swapped with the next, or replaced."""
    letters = list(name)
    at = rng.randrange(1, len(letters) - 1)
    kind = rng.choice(["drop", "double", "swap", "replace"])
    if kind == "drop":
        del letters[at]
    elif kind == "double":
        letters.insert(at, letters[at])
    elif kind == "swap":
        letters[at], letters[at + 1] = letters[at + 1], letters[at]
    else:
        letters[at] = rng.choice("aeiouklmnrst")
    return "".join(letters)


def search_terms(count: int) -> list[str]:
    """Last names (and some full names) of pupils, each with one typing error."""
    rng = random.Random(7)  # noqa: S311 - the same names every run
    ids = list(Pupil.objects.order_by("pk").values_list("pk", flat=True)[:: max(1, 60)])
    terms = []
    for pk in rng.sample(ids, min(count, len(ids))):
        pupil = Pupil.objects.get(pk=pk)
        last = pupil.last_name.split()[-1]
        term = typo(last, rng) if len(last) > 3 else last
        if rng.random() < 0.3:
            term = f"{pupil.first_name} {term}"
        terms.append(term)
    return terms


def measure_search(stack: Stack) -> dict:
    from cases.search import search_pupils

    terms = search_terms(SEARCH_RUNS)
    browser = Browser(stack.base_url, "bench-worker-1")
    page, function, found = [], [], []
    for term in terms:
        path = f"/dossiers/zoeken/?q={urllib.parse.quote(term)}"
        browser.get(path)
        started = time.perf_counter()
        browser.get(path)
        page.append(time.perf_counter() - started)
        started = time.perf_counter()
        found.append(len(list(search_pupils(Pupil.objects.all(), term)[:50])))
        function.append(time.perf_counter() - started)
    return {
        "terms": len(terms),
        "examples": terms[:5],
        "median_ms": ms(statistics.median(page)),
        "p95_ms": ms(percentile(page, 0.95)),
        "all_pupils_median_ms": ms(statistics.median(function)),
        "all_pupils_p95_ms": ms(percentile(function, 0.95)),
        "median_hits": statistics.median(found),
    }


# --- The phase -----------------------------------------------------------------------------------


def _reported(measure) -> dict:
    """A measurement's figures, or its error: reported, not fatal, so the others still count."""
    try:
        return measure()
    except Exception as exc:
        return {"error": f"{exc.__class__.__name__}: {exc}"[:300]}


def main(phase: str) -> None:
    scale = seeded_scale()
    if scale is None:
        sys.exit("This database holds no bench region: run seed_bench first.")
    large = phase == "large"
    result: dict = {
        "phase": phase,
        "scale": scale,
        "database": connection.settings_dict["NAME"],
        "rows": {
            "pupils": Pupil.objects.count(),
            "cases": Case.objects.count(),
            "contacts": Contact.objects.count(),
        },
        "load_before": [round(x, 2) for x in os.getloadavg()],
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    print(f"phase {phase}: scale {scale:g}, {result['rows']}", flush=True)
    result["pages"] = count_pages()
    from bench.measure_access_log import main as measure_access_log

    result["access_log"] = _reported(lambda: measure_access_log(compare=large))
    from bench.measure_retention import main as measure_retention

    result["retention"] = _reported(measure_retention)
    print(f"  retention: {result['retention']}", flush=True)
    if large:
        from bench.measure_sealed import run as measure_sealed

        result["sealed"] = _reported(measure_sealed)
        print(f"  sealed: {result['sealed']}", flush=True)
        small_url = os.environ["BENCH_SMALL_DATABASE_URL"]
        with Stack(os.environ["DATABASE_URL"], celery=True) as stack, Stack(small_url) as small:
            result["page_times"] = time_pages(stack, small)
            result["search"] = measure_search(stack)
            result["funding"] = _reported(measure_funding)
            print(f"  funding: {result['funding']}", flush=True)
            result["pdf_batch"] = measure_pdf_batch(stack)
            print(f"  pdf batch: {result['pdf_batch']}", flush=True)
            result["throughput"] = measure_throughput(stack)
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / f"phase-{phase}.json").write_text(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "small")
