"""`make bench`: seed the two bench databases once, measure both phases on the real stack, and
write var/bench/results.json with a table (docs/performance.md says how to read it).

The databases are smw_bench_small (scale 0.1) and smw_bench_large (scale 1) on the server of
DATABASE_URL, or on the embedded PostgreSQL under var/ when DATABASE_URL is unset. They are
seeded once and reused; `SMW_BENCH=true python manage.py seed_bench` on them again (or dropping
them) starts afresh. Every process it starts has SMW_BENCH on (bench.stack.bench_env), which
installs the bench app. BENCH_SCALES="0.1,1" changes the two scales and
BENCH_DATABASE_PREFIX="smw_bench" the names, for a quick look at the harness:
BENCH_SCALES=0.01,0.1 BENCH_DATABASE_PREFIX=smw_bench_dev.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from bench.stack import BASE_DIR, OUT_DIR, bench_env

PHASES = ("small", "large")

TARGETS = """\
Targets: the same queries at both scales; median at scale 1 at most 1.5 x scale 0.1;
throughput at least 0.4 of the minimal page with no errors; funding at most 1.5 x SQL and
under 1 s; under 0.5 s per PDF per worker and under 20 % memory growth; search under 50 ms;
access log: logging adds under 1 ms to the caseload, extract and review under 200 ms, ratio
under 1.5."""


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url:
        return url
    from smw.database import embedded_database_url

    return embedded_database_url(BASE_DIR)


def database_url(server: str, name: str) -> str:
    parts = urllib.parse.urlsplit(server)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def ensure_database(server: str, name: str) -> None:
    import psycopg

    admin = database_url(server, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)  # noqa: S603


def machine() -> dict:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("MemTotal:", 1)[1].split()[0])
        memory = f"{kib / 2**20:.1f} GiB"
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"],  # noqa: S607
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],  # noqa: S607
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "memory": memory,
        "cpu": model,
        "python": platform.python_version(),
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
    }


def merge(phases: dict[str, dict], seed_seconds: dict[str, float]) -> dict:
    small, large = phases["small"], phases["large"]
    pages = {}
    for name, big in large["pages"].items():
        little = small["pages"].get(name, {})
        times = large["page_times"].get(name, {})
        error = big.get("error") or little.get("error") or times.get("error")
        if error:
            pages[name] = {"error": error}
            continue
        pages[name] = {
            "path": times["path"],
            "user": times["user"],
            "queries_small": little["queries"],
            "queries_large": big["queries"],
            "median_ms_small": times["median_ms_small"],
            "median_ms_large": times["median_ms_large"],
            "p95_ms_small": times["p95_ms_small"],
            "p95_ms_large": times["p95_ms_large"],
            "ratio": round(times["median_ms_large"] / times["median_ms_small"], 2),
            "runs": times["runs"],
        }
        if "small_path" in times:  # another municipality on the scale-0.1 side
            pages[name] |= {"small_path": times["small_path"], "small_user": times["small_user"]}
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": machine(),
        "scales": {"small": small["scale"], "large": large["scale"]},
        "rows": {"small": small["rows"], "large": large["rows"]},
        # the seed_bench step: seeding, or only finding the region there already
        "seed_or_reuse_seconds": seed_seconds,
        "load": {
            "small": [small["load_before"], small["load_after"]],
            "large": [large["load_before"], large["load_after"]],
        },
        "pages": pages,
        "throughput": large.get("throughput", {}),
        "funding": large.get("funding", {}),
        "pdf_batch": large.get("pdf_batch", {}),
        "search": large["search"],
        "retention": large.get("retention", {}),
        "sealed": large.get("sealed", {}),
        "access_log": {
            "rows": {
                "small": small.get("access_log", {}).get("rows"),
                "large": large.get("access_log", {}).get("rows"),
            },
            "logging": {
                "small": small.get("access_log", {}).get("logging"),
                "large": large.get("access_log", {}).get("logging"),
            },
            "queries": large.get("access_log", {}).get("queries", {}),
        },
    }


def verdicts(results: dict) -> dict[str, bool]:
    checks = {}
    for name, page in results["pages"].items():
        if "error" in page:
            checks[f"page {name}"] = False
            continue
        checks[f"page {name}"] = (
            page["queries_small"] == page["queries_large"] and page["ratio"] <= 1.5
        )
    for name, row in results["throughput"].items():
        if name != "ping":
            checks[f"throughput {name}"] = row["ratio"] >= 0.4 and row["errors"] == 0
    funding = results["funding"]
    checks["funding"] = "error" not in funding and (
        funding["ratio"] <= 1.5 and funding["app_ms"] < 1000
    )
    batch = results["pdf_batch"]
    checks["pdf batch"] = bool(batch) and (
        batch["median_s_per_pdf"] < 0.5 and batch["rss_growth"] < 0.2 and batch["failed"] == 0
    )
    checks["search"] = results["search"]["median_ms"] < 50
    retention = results.get("retention") or {}
    if retention:
        checks["retention: due list"] = "error" not in retention and all(
            retention[name].get("median_ms", 9e9) < 2000
            for name in ("due_default", "due_short_term")
        )
        checks["retention: destroy 200 contacts"] = "error" not in retention and (
            retention["destroy"].get("ms", 9e9) < 1000
        )
    sealed = results.get("sealed") or {}
    if sealed:
        checks["sealed case page"] = "error" not in sealed and (
            sealed["ratio"] < 1.1 and sealed["queries"]["sealed"] == sealed["queries"]["plain"]
        )
    log = results.get("access_log", {})
    logging = log.get("logging", {})
    if logging.get("small") and logging.get("large"):
        checks["access log: logging"] = logging["large"]["added_ms"] < 1 and (
            logging["small"]["queries_with"] == logging["large"]["queries_with"]
        )
    for name, row in log.get("queries", {}).items():
        checks[f"access log: {name}"] = row["median_ms_large"] < 200 and row.get("ratio", 9) < 1.5
    return checks


def table(results: dict) -> str:
    ok = verdicts(results)
    mark = {True: "yes", False: "NO"}
    small, large = results["scales"]["small"], results["scales"]["large"]
    lines = [
        f"| page | queries {small:g} / {large:g} | median ms {small:g} | median ms {large:g} "
        f"| ratio | p95 ms {large:g} | target met |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, page in results["pages"].items():
        if "error" in page:
            lines.append(f"| {name} | – | – | – | – | – | NO: {page['error'][:60]} |")
            continue
        lines.append(
            f"| {name} | {page['queries_small']} / {page['queries_large']} "
            f"| {page['median_ms_small']} | {page['median_ms_large']} | {page['ratio']} "
            f"| {page['p95_ms_large']} | {mark[ok[f'page {name}']]} |"
        )
    lines += ["", "| measurement | result | target met |", "|---|---|---|"]
    for name, row in results["throughput"].items():
        if name == "ping":
            lines.append(f"| throughput ping (minimal page) | {row['rps']} req/s | |")
        else:
            lines.append(
                f"| throughput {name} | {row['rps']} req/s, ratio {row['ratio']}, "
                f"{row['errors']} errors | {mark[ok[f'throughput {name}']]} |"
            )
    funding = results["funding"]
    if "error" in funding:
        lines.append(f"| funding | {funding['error']} | NO |")
    else:
        lines.append(
            f"| funding ({funding['municipality']}, {funding['schools']} schools, "
            f"{funding['period']}) | app {funding['app_ms']} ms (figures "
            f"{funding['app_figures_ms']} ms + suppression {funding['app_suppression_ms']} ms), "
            f"SQL {funding['sql_ms']} ms, ratio {funding['ratio']} (figures alone "
            f"{funding.get('figures_ratio', '–')}), "
            f"same figures: {funding['same_figures']}; the same report again "
            f"{funding.get('app_again_ms', '–')} ms | {mark[ok['funding']]} |"
        )
    batch = results["pdf_batch"]
    if batch:
        lines.append(
            f"| PDF batch: {batch['schools']} registrations, {batch['workers']} workers | "
            f"{batch['seconds']} s, median {batch['median_s_per_pdf']} s per PDF, "
            f"{batch['s_per_pdf_per_worker']} s per PDF per worker, RSS "
            f"{batch['rss_first_mb']} → {batch['rss_last_mb']} MB "
            f"(growth {batch['rss_growth']:.1%}), {batch['failed']} failed "
            f"| {mark[ok['pdf batch']]} |"
        )
    search = results["search"]
    lines.append(
        f"| search with a typing error ({search['terms']} names) | page median "
        f"{search['median_ms']} ms (p95 {search['p95_ms']}); all pupils median "
        f"{search['all_pupils_median_ms']} ms | {mark[ok['search']]} |"
    )
    retention = results.get("retention") or {}
    if "error" in retention:
        lines.append(f"| retention | {retention['error']} | NO |")
    elif retention:
        default, short = retention["due_default"], retention["due_short_term"]
        lines.append(
            f"| retention: due list (daily job) | {default['median_ms']} ms with the 20-year term "
            f"({default['due']} due); {short['median_ms']} ms with a 5-year term "
            f"({short['due']} due) | {mark[ok['retention: due list']]} |"
        )
        destroy = retention["destroy"]
        lines.append(
            f"| retention: destroy a dossier of {destroy.get('contacts')} contacts | "
            f"{destroy.get('ms')} ms, {destroy.get('queries')} queries "
            f"| {mark[ok['retention: destroy 200 contacts']]} |"
        )
    sealed = results.get("sealed") or {}
    if "error" in sealed:
        lines.append(f"| sealed case page | {sealed['error']} | NO |")
    elif sealed:
        lines.append(
            f"| sealed case page (200 contacts) | {sealed['median_ms']['sealed']} ms sealed, "
            f"{sealed['median_ms']['plain']} ms plain, ratio {sealed['ratio']}, queries "
            f"{sealed['queries']['sealed']} / {sealed['queries']['plain']} "
            f"| {mark[ok['sealed case page']]} |"
        )
    log = results.get("access_log", {})
    logging = log.get("logging", {})
    if logging.get("small") and logging.get("large"):
        lines.append(
            f"| access log: caseload logging | added {logging['small']['added_ms']} / "
            f"{logging['large']['added_ms']} ms (INSERT {logging['large']['insert_ms']} ms), "
            f"queries {logging['small']['queries_with']} / {logging['large']['queries_with']} "
            f"| {mark[ok['access log: logging']]} |"
        )
    for name, row in log.get("queries", {}).items():
        lines.append(
            f"| access log: {name} | {row.get('median_ms_small')} / {row['median_ms_large']} ms, "
            f"ratio {row.get('ratio')} | {mark[ok[f'access log: {name}']]} |"
        )
    return "\n".join(lines)


def main() -> None:
    scales = [float(s) for s in os.environ.get("BENCH_SCALES", "0.1,1").split(",")]
    prefix = os.environ.get("BENCH_DATABASE_PREFIX", "smw_bench")
    server = server_url()
    urls, seed_seconds = {}, {}
    for phase, scale in zip(PHASES, scales, strict=True):
        name = f"{prefix}_{phase}"
        ensure_database(server, name)
        urls[phase] = database_url(server, name)
        env = bench_env(urls[phase])
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        started = time.monotonic()
        manage(env, "seed_bench", "--scale", f"{scale:g}", "--reuse")
        seed_seconds[phase] = round(time.monotonic() - started, 1)
    manage(bench_env(urls["small"]), "collectstatic", "--noinput", "--verbosity", "0")
    phases = {}
    for phase in PHASES:
        env = bench_env(urls[phase]) | {"BENCH_SMALL_DATABASE_URL": urls["small"]}
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "bench.measure", phase],
            cwd=BASE_DIR,
            env=env,
            check=True,
        )
        phases[phase] = json.loads((OUT_DIR / f"phase-{phase}.json").read_text())
    results = merge(phases, seed_seconds)
    results["table"] = table(results)
    results["targets_met"] = verdicts(results)
    (OUT_DIR / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    machine_line = results["machine"]
    print()
    print(
        f"{results['date']} · {machine_line['nproc']} cores, {machine_line['memory']}, "
        f"{machine_line['cpu']} · commit {machine_line['commit']} · load {results['load']}"
    )
    print(results["table"])
    print()
    print(TARGETS)
    print(f"Written to {OUT_DIR / 'results.json'}")


if __name__ == "__main__":
    main()
