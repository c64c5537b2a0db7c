"""Ten years of access log for the benchmark region, as its people would have written it.

At scale 1 about 10.5 million rows (scale 0.1: a tenth), one per request and action, as
`audit.log` writes them: each working day (weekdays outside the summer and Christmas holidays)
most workers and about half of the coordinators work; a worker opens their caseload (the 25
newest of the cases open that day, sometimes the second page), case pages, intake, plan and
contact forms, searches, prints and now and then exports their caseload or is refused a pupil
of another school; a coordinator opens the school's caseload and case pages. Times fall in
working hours, 2 % in the evening. Rows are written in time order (ids follow `at`), so the
table has the physical order of a real log.

Everything one person writes is the same at both scales (rows per working day, their pupils):
only the number of people, and so the depth of the table, differs, as in the rest of the
region (bench/seed.py).

Loading: the table was truncated in this transaction (bench/seed.py), so its rows are written
with `COPY … FREEZE` (no later rewrite to set hint bits or freeze) and its secondary indexes are
dropped first and built again after the load, which is several times faster than keeping them up
to date row by row. It only inserts: the append-only triggers have nothing to refuse.
"""

from __future__ import annotations

import datetime
import random
from bisect import insort

from django.db import connection

ROWS_AT_SCALE_1 = 10_500_000
TABLE = "audit_accesslog"
COLUMNS = (
    "id",
    "at",
    "user_id",
    "action",
    "object_ref",
    "description",
    "pupil_ids",
    "path",
    "ip_address",
)
WORKER_PRESENT = 0.85  # part-time, leave, illness
COORDINATOR_PRESENT = 0.5
COORDINATOR_SHARE = 0.25  # a coordinator's requests per working day, against a worker's
PAGE = 25  # a caseload page
# (kind, weight) of a worker's requests
WORKER_KINDS = (
    ("caseload", 30),
    ("caseload2", 5),
    ("case", 40),
    ("contact", 7),
    ("intake", 4),
    ("plan", 4),
    ("search", 7.7),
    ("print", 1.5),
    ("export", 0.5),
    ("refused", 0.3),
)
COORDINATOR_KINDS = (("school", 50), ("case", 45), ("print", 3), ("refused", 2))


def working_days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Weekdays from `first` up to and including `last`, outside the holidays."""
    days, day = [], first
    while day <= last:
        holiday = (day.month, day.day) >= (7, 20) and day.month <= 8
        christmas = (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day <= 4)
        if day.weekday() < 5 and not holiday and not christmas:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


class _OpenCases:
    """The cases open on each day, for a sweep through the days in order: newest first."""

    def __init__(self, cases):
        self.waiting = sorted(cases, key=lambda c: (c.signalled_on, c.id))
        self.next = 0
        self.open: list[tuple] = []  # (-signalled ordinal, -id, end, pupil_id), newest first

    def on(self, day: datetime.date, today: datetime.date) -> list[tuple]:
        while self.next < len(self.waiting) and self.waiting[self.next].signalled_on <= day:
            case = self.waiting[self.next]
            self.next += 1
            end = case.closed_on or today
            insort(self.open, (-case.signalled_on.toordinal(), -case.id, end, case.pupil_id))
        if self.open and min(entry[2] for entry in self.open) < day:
            self.open = [entry for entry in self.open if entry[2] >= day]
        return self.open


def seed_access_log(region, *, rows_at_scale_1: int = ROWS_AT_SCALE_1) -> int:
    """Write the region's access log; returns the number of rows."""
    rng = random.Random(region.rng.random())  # noqa: S311 - reproducible data
    today = region.today
    days = working_days(region.first_day, today - datetime.timedelta(days=1))
    workers = list(region.workers)
    coordinators = sorted(region.coordinator.items())  # (school, user)
    target = max(1_000, round(rows_at_scale_1 * region.scale))
    per_day = len(workers) * WORKER_PRESENT + len(coordinators) * (
        COORDINATOR_PRESENT * COORDINATOR_SHARE
    )
    worker_mean = target / (len(days) * per_day)
    coordinator_mean = worker_mean * COORDINATOR_SHARE

    by_worker: dict[int, list] = {w: [] for w in workers}
    by_school: dict[int, list] = {s: [] for s, _user in coordinators}
    for case in region.case_list:
        if case.worker is not None:
            by_worker[case.worker].append(case)
        by_school[case.school].append(case)
    worker_open = {w: _OpenCases(cases) for w, cases in by_worker.items()}
    school_open = {s: _OpenCases(cases) for s, cases in by_school.items()}
    pupils = len(region.case_list)
    address = {}
    for user in [*workers, *(u for _s, u in coordinators)]:
        address[user] = f"10.{user // 65536 % 256}.{user // 256 % 256}.{user % 256}"

    worker_kind = _chooser(rng, WORKER_KINDS)
    coordinator_kind = _chooser(rng, COORDINATOR_KINDS)
    random_ = rng.random
    randrange = rng.randrange

    def moment() -> int:
        """Seconds after midnight UTC: working hours (07:00-16:30 UTC), sometimes evening."""
        if random_() < 0.02:
            return 17 * 3600 + randrange(4 * 3600)
        return 7 * 3600 + randrange(34_200)

    def count(mean: float) -> int:
        value = mean * (0.5 + random_())
        whole = int(value)
        return whole + (random_() < value - whole)

    def rows_of_worker(user: int, open_: list[tuple]) -> list[tuple]:
        rows = []
        ip = address[user]
        for _n in range(count(worker_mean)):
            kind = worker_kind()
            if kind == "refused":
                pupil = 1 + randrange(pupils)
                rows.append(
                    (moment(), user, "refused", f"cases.case:{pupil}", "", str(pupil),
                     f"/dossiers/{pupil}/", ip)
                )  # fmt: skip
                continue
            if not open_:
                continue
            if kind == "caseload":
                ids = [entry[3] for entry in open_[:PAGE]]
                rows.append((moment(), user, "view", "", "caseload", _ids(ids), "/dossiers/", ip))
            elif kind == "caseload2":
                ids = [entry[3] for entry in open_[PAGE : 2 * PAGE]] or [open_[0][3]]
                rows.append(
                    (moment(), user, "view", "", "caseload", _ids(ids), "/dossiers/?pagina=2", ip)
                )
            elif kind == "search":
                found = rng.sample(open_, min(len(open_), 1 + randrange(6)))
                ids = [entry[3] for entry in found]
                rows.append(
                    (moment(), user, "view", "", "search", _ids(ids), "/dossiers/zoeken/", ip)
                )
            elif kind == "export":
                ids = [entry[3] for entry in open_]
                rows.append(
                    (
                        moment(),
                        user,
                        "export",
                        "",
                        "caseload CSV",
                        _ids(ids),
                        "/dossiers/export/",
                        ip,
                    )
                )
            else:
                pupil = open_[int(len(open_) * random_() ** 2)][3]  # the newest more often
                ref = f"cases.case:{pupil}"
                if kind == "case":
                    rows.append(
                        (moment(), user, "view", ref, "case", str(pupil), f"/dossiers/{pupil}/", ip)
                    )
                elif kind == "print":
                    rows.append(
                        (
                            moment(),
                            user,
                            "print",
                            ref,
                            "case PDF",
                            str(pupil),
                            f"/dossiers/{pupil}/pdf/",
                            ip,
                        )
                    )
                else:
                    action = "create" if kind == "contact" and random_() < 0.5 else "view"
                    if kind != "contact" and random_() < 0.3:
                        action = "change"
                    rows.append(
                        (
                            moment(),
                            user,
                            action,
                            ref,
                            kind,
                            str(pupil),
                            f"/dossiers/{pupil}/{kind}/",
                            ip,
                        )
                    )
        return rows

    def rows_of_coordinator(user: int, open_: list[tuple]) -> list[tuple]:
        rows = []
        ip = address[user]
        for _n in range(count(coordinator_mean)):
            kind = coordinator_kind()
            if kind == "refused":
                pupil = 1 + randrange(pupils)
                rows.append(
                    (moment(), user, "refused", f"cases.case:{pupil}", "", str(pupil),
                     f"/dossiers/{pupil}/", ip)
                )  # fmt: skip
            elif not open_:
                continue
            elif kind == "school":
                ids = [entry[3] for entry in open_[:PAGE]]
                rows.append(
                    (
                        moment(),
                        user,
                        "view",
                        "",
                        "school caseload",
                        _ids(ids),
                        "/dossiers/school/",
                        ip,
                    )
                )
            else:
                pupil = open_[int(len(open_) * random_() ** 2)][3]
                action = "print" if kind == "print" else "view"
                rows.append(
                    (moment(), user, action, f"cases.case:{pupil}", "case", str(pupil),
                     f"/dossiers/{pupil}/", ip)
                )  # fmt: skip
        return rows

    written = 0
    with connection.cursor() as cursor:
        indexes = _drop_indexes(cursor)
        raw = cursor.cursor
        quoted = ", ".join(COLUMNS)
        with raw.copy(f"COPY {TABLE} ({quoted}) FROM STDIN WITH (FREEZE)") as copy:
            for day in days:
                rows = []
                for user in workers:
                    open_ = worker_open[user].on(day, today)
                    if random_() < WORKER_PRESENT:
                        rows += rows_of_worker(user, open_)
                for school, user in coordinators:
                    open_ = school_open[school].on(day, today)
                    if random_() < COORDINATOR_PRESENT:
                        rows += rows_of_coordinator(user, open_)
                rows.sort()
                date = day.isoformat()
                lines = []
                for seconds, user, action, ref, description, ids, path, ip in rows:
                    written += 1
                    lines.append(
                        f"{written}\t{date} {seconds // 3600:02d}:{seconds // 60 % 60:02d}:"
                        f"{seconds % 60:02d}+00\t{user}\t{action}\t{ref}\t{description}\t"
                        f"{{{ids}}}\t{path}\t{ip}\n"
                    )
                if lines:
                    copy.write("".join(lines))
        _build_indexes(cursor, indexes)
    region.counts[TABLE] = region.counts.get(TABLE, 0) + written
    return written


def _ids(ids: list[int]) -> str:
    return ",".join(map(str, ids))


def _chooser(rng: random.Random, pairs):
    """A function picking one kind by weight, fast (a table of 1,000 slots)."""
    total = sum(weight for _kind, weight in pairs)
    table = []
    for kind, weight in pairs:
        table += [kind] * round(1000 * weight / total)
    randrange = rng.randrange
    size = len(table)
    return lambda: table[randrange(size)]


def _drop_indexes(cursor) -> list[str]:
    """Drop the table's secondary indexes (not its primary key); their definitions."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i "
        "JOIN pg_class c ON c.relname = i.indexname "
        "JOIN pg_index x ON x.indexrelid = c.oid "
        "WHERE i.tablename = %s AND i.schemaname = current_schema() AND NOT x.indisprimary",
        [TABLE],
    )
    found = cursor.fetchall()
    for name, _definition in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


def _build_indexes(cursor, definitions: list[str]) -> None:
    cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
    for definition in definitions:
        cursor.execute(definition)
