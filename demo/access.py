"""Four weeks of access history for the demo logins, as the access log and axes would have
recorded them, with a few genuine findings for the privacy officer (`privacy` login):

- ordinary work on school days: each worker's caseload and own dossiers, each coordinator's
  school caseload and progress views, the privacy officer's own reviewing; sign-ins from the
  office, signed out at the end of the day;
- Sanne de Vries reads a dossier at home one evening, tries a case of another school once (404)
  and uses emergency access for a new signal one morning;
- one evening Mohamed El Amrani's account signs in from a second address while his office
  session still runs, and opens 31 dossiers in nine minutes, nine of them not his;
- Peter Bakker mistypes his password until he is locked out.

The scan (privacy.scan) then finds the signals, as Celery beat would. Idempotent: nothing is
added when the history is there.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

from accounts.models import User
from audit.models import AccessLog
from cases.models import Case

Action = AccessLog.Action
SEED = 7513
DAYS = 28
OFFICE = {
    "smw": "10.20.1.11",
    "smw2": "10.20.1.12",
    "zc": "10.31.0.5",
    "zc2": "10.32.0.7",
    "teamleider": "10.20.1.2",
    "privacy": "10.20.1.3",
}
HOME = "84.105.33.12"
STRANGER = "185.220.101.47"
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


@contextmanager
def backdated(*models) -> Iterator[None]:
    """Rows written with their own moment instead of now (the history is in the past)."""
    fields = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now_add", False)
    ]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


def _at(day: datetime.date, hour: int, minute: int, second: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute, second)))


class History:
    def __init__(self, users: dict[str, User]):
        self.users = users
        self.rows: list[AccessLog] = []
        self.sign_ins: list[tuple[str, datetime.datetime, str, datetime.datetime | None]] = []
        self.failures: list[tuple[str, datetime.datetime, str, bool]] = []

    def read(self, who, at, pupils, path, *, action=Action.VIEW, ref="", what="", ip=None):
        self.rows.append(
            AccessLog(
                user=self.users[who],
                at=at,
                action=action,
                pupil_ids=[int(p) for p in pupils],
                path=path,
                object_ref=ref,
                description=what,
                ip_address=ip or OFFICE[who],
            )
        )

    def dossier(self, who, at, case, *, action=Action.VIEW, ip=None):
        self.read(
            who,
            at,
            [case.pupil_id],
            f"/dossiers/{case.pk}/",
            action=action,
            ref=f"cases.case:{case.pk}",
            what="dossier",
            ip=ip,
        )


def seed_access_history(stdout=None) -> int:
    """Add the history unless the demo logins have any from before today; the rows added."""
    users = {u.username: u for u in User.objects.filter(username__in=OFFICE)}
    if len(users) < len(OFFICE):
        return 0
    today = timezone.localdate()
    if AccessLog.objects.filter(user__in=users.values(), at__lt=_at(today, 0, 0)).exists():
        return 0
    # Today's caseload (demo/cases.py), not the old dossiers of a closed school (demo/retention.py).
    from demo.cases import DEMO_BRINS

    cases = list(
        Case.objects.filter(school__brin__in=DEMO_BRINS)
        .select_related("school", "pupil")
        .order_by("pk")
    )
    if not cases:
        return 0
    history = _history(users, cases, today)
    _write(history)
    from privacy.scan import scan

    found = scan(timezone.now() + datetime.timedelta(minutes=2))
    if stdout is not None:
        stdout.write(
            f"Access history: {len(history.rows)} log rows, {len(history.sign_ins)} sign-ins, "
            f"{len(history.failures)} failed sign-ins; {found} signals for the privacy officer."
        )
    return len(history.rows)


def _history(users, cases, today) -> History:
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    h = History(users)
    own = {
        name: [c for c in cases if c.caseworker_id == users[name].pk] for name in ("smw", "smw2")
    }
    open_own = {name: [c for c in own[name] if c.stage != Case.Stage.CLOSED] for name in own}
    worker_schools = {name: {c.school_id for c in own[name]} for name in own}
    untaken = {
        name: [c for c in cases if c.caseworker_id is None and c.school_id in worker_schools[name]]
        for name in own
    }
    coordinated = {
        "zc": [c for c in cases if c.school.name == "OBS De Regenboog"],
        "zc2": [c for c in cases if c.school.name == "CBS Het Kompas"],
    }
    days = [
        today - datetime.timedelta(days=n)
        for n in range(DAYS, 0, -1)
        if (today - datetime.timedelta(days=n)).weekday() < 5
    ]
    for day in days:
        for name in ("smw", "smw2"):
            start = _at(day, 8, rng.randint(10, 50))
            h.sign_ins.append((name, start, OFFICE[name], _at(day, 16, rng.randint(30, 59))))
            minute = start + datetime.timedelta(minutes=rng.randint(1, 5))
            shown = [c.pupil_id for c in open_own[name] + untaken[name]]
            h.read(name, minute, shown, "/dossiers/", what="caseload")
            for case in rng.sample(own[name], k=min(len(own[name]), rng.randint(3, 6))):
                minute += datetime.timedelta(minutes=rng.randint(20, 70))
                if minute.hour >= 16:
                    break
                h.dossier(name, minute, case)
                if rng.random() < 0.4:
                    h.dossier(
                        name, minute + datetime.timedelta(minutes=4), case, action=Action.CHANGE
                    )
        for name, school_cases in coordinated.items():
            if not school_cases or rng.random() < 0.3:
                continue  # not every day at SMW
            start = _at(day, rng.randint(9, 13), rng.randint(0, 59))
            h.sign_ins.append((name, start, OFFICE[name], start + datetime.timedelta(hours=1)))
            at = start + datetime.timedelta(minutes=2)
            h.read(name, at, [c.pupil_id for c in school_cases], "/dossiers/school/", what="school")
            for case in rng.sample(school_cases, k=min(2, len(school_cases))):
                at += datetime.timedelta(minutes=rng.randint(3, 15))
                h.read(
                    name,
                    at,
                    [case.pupil_id],
                    f"/dossiers/{case.pk}/voortgang/",
                    ref=f"cases.case:{case.pk}",
                    what="progress",
                )
        if day.weekday() in (0, 3):
            start = _at(day, 10, rng.randint(0, 30))
            h.sign_ins.append(("teamleider", start, OFFICE["teamleider"], None))
    _privacy_officer(h, rng, cases, days)
    _findings(h, rng, cases, days, own, untaken)
    return h


def _privacy_officer(h: History, rng, cases, days) -> None:
    for day in days[2::5]:
        start = _at(day, 9, rng.randint(0, 40))
        h.sign_ins.append(
            ("privacy", start, OFFICE["privacy"], start + datetime.timedelta(hours=2))
        )
        case = rng.choice(cases)
        h.read(
            "privacy",
            start + datetime.timedelta(minutes=6),
            [case.pupil_id],
            f"/privacy/leerlingen/{case.pupil_id}/",
            ref=f"cases.pupil:{case.pupil_id}",
            what="privacy review",
        )


def _findings(h: History, rng, cases, days, own, untaken) -> None:
    smw, smw2 = own["smw"], own["smw2"]
    # Sanne reads a dossier at home on a Wednesday evening (outside working hours).
    evening = next((d for d in reversed(days[:-3]) if d.weekday() == 2), days[-4])
    h.sign_ins.append(("smw", _at(evening, 21, 32), HOME, _at(evening, 21, 58)))
    h.dossier("smw", _at(evening, 21, 40), smw[0], ip=HOME)
    h.dossier("smw", _at(evening, 21, 47), smw[1], ip=HOME)
    # She asks for a case of another school once: refused (404).
    elsewhere = next(c for c in cases if c.caseworker_id and c not in smw)
    h.read(
        "smw",
        _at(days[-6], 11, 12),
        [elsewhere.pupil_id],
        f"/dossiers/{elsewhere.pk}/",
        action=Action.REFUSED,
        ref=f"cases.case:{elsewhere.pk}",
        what="dossier",
    )
    # Emergency access to a new signal nobody had taken on, with her reason.
    if untaken["smw"]:
        crisis = untaken["smw"][0]
        at = _at(days[-2], 8, 55)
        h.read(
            "smw",
            at,
            [crisis.pupil_id],
            f"/dossiers/{crisis.pk}/noodtoegang/",
            action=Action.GLASS,
            ref=f"cases.case:{crisis.pk}",
            what=(
                "Leerling meldt zich in crisis bij de intern begeleider; nog geen casusregisseur "
                "en ouders niet bereikbaar."
            ),
        )
        h.dossier("smw", at + datetime.timedelta(minutes=1), crisis)
    # Mohamed's account: a second address in the evening, 31 dossiers in nine minutes.
    incident = days[-3]
    h.sign_ins.append(("smw2", _at(incident, 13, 5), OFFICE["smw2"], None))
    h.sign_ins.append(("smw2", _at(incident, 20, 44), STRANGER, None))
    opened = (smw2 + smw)[:31]
    for n, case in enumerate(opened):
        h.dossier(
            "smw2", _at(incident, 20, 46, 0) + datetime.timedelta(seconds=17 * n), case, ip=STRANGER
        )
    # Peter mistypes his password until he is locked out, then waits and signs in.
    morning = days[-5]
    for n in range(5):
        h.failures.append(("zc2", _at(morning, 8, 2, 10 * n), OFFICE["zc2"], n == 4))
    h.failures.append(("smw", _at(days[-9], 8, 14), OFFICE["smw"], False))


def _write(h: History) -> None:
    from axes.models import AccessFailureLog
    from axes.models import AccessLog as SignIn

    with backdated(AccessLog, SignIn, AccessFailureLog):
        AccessLog.objects.bulk_create(sorted(h.rows, key=lambda r: r.at))
        SignIn.objects.bulk_create(
            SignIn(
                username=name,
                attempt_time=at,
                ip_address=ip,
                logout_time=out,
                user_agent=BROWSER,
                http_accept="text/html",
                path_info="/accounts/login/",
            )
            for name, at, ip, out in sorted(h.sign_ins, key=lambda s: s[1])
        )
        AccessFailureLog.objects.bulk_create(
            AccessFailureLog(
                username=name,
                attempt_time=at,
                ip_address=ip,
                locked_out=locked,
                user_agent=BROWSER,
                http_accept="text/html",
                path_info="/accounts/login/",
            )
            for name, at, ip, locked in h.failures
        )
