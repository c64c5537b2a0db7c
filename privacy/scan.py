"""The scan of the access log for what a privacy officer should look at (Celery beat, every few
minutes). Each finding is one AccessSignal with its reason, found once (its dedup key):

1. a read of a pupil by someone with no care relation to them (CARE_RELATIONS below): access.py
   should make this impossible, so each one is a finding;
2. every use of break-the-glass (emergency access);
3. many pupils opened one by one by one person in a short time (SMW_BULK_READ_*);
4. reads outside working hours (SMW_WORKING_HOURS, SMW_WORKING_DAYS);
5. refused attempts (a 404 for something that exists but lies outside one's scope);
6. one account signed in from two addresses within a session's lifetime (axes' sign-ins).

The scan remembers how far it got (ScanMark) and looks only at newer rows; it leaves the last
minute alone, so a row whose transaction commits late is not skipped.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps as django_apps
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Membership, Role, User
from audit.models import AccessLog
from cases.models import Case, Pupil, StandIn
from schools.models import Assignment, SchoolYear

from .models import AccessSignal, ScanMark, SignalReview

Action = AccessLog.Action
Kind = AccessSignal.Kind

# Actions that show a pupil's data to the person.
READS = [Action.VIEW, Action.CHANGE, Action.EXPORT, Action.PRINT]
BATCH = 5000
# One run looks at this many batches at most; the next run (five minutes on) goes on from there.
BATCHES_PER_RUN = 40
SETTLE = datetime.timedelta(minutes=1)
# The very first scan starts this long ago: a log kept for years is not reviewed backwards.
FIRST_SCAN = datetime.timedelta(days=30)


# --- Settings ---------------------------------------------------------------------------------


def working_hours() -> tuple[datetime.time, datetime.time]:
    start, end = settings.SMW_WORKING_HOURS.split("-")
    return _time(start), _time(end)


def _time(text: str) -> datetime.time:
    hours, minutes = text.strip().split(":")
    if int(hours) == 24:
        return datetime.time.max
    return datetime.time(int(hours), int(minutes))


def working_days() -> set[int]:
    """ISO weekdays (1 Monday … 7 Sunday), from "1-5" or "1,2,3,4,5"."""
    days: set[int] = set()
    for part in settings.SMW_WORKING_DAYS.split(","):
        first, _sep, last = part.strip().partition("-")
        days.update(range(int(first), int(last or first) + 1))
    return days


def within_working_hours(at: datetime.datetime) -> bool:
    local = timezone.localtime(at)
    start, end = working_hours()
    return local.isoweekday() in working_days() and start <= local.time() < end


# --- Care relations ---------------------------------------------------------------------------


@dataclass
class Context:
    """What the care relations need for a batch of rows, fetched once."""

    user_ids: set[int]
    pupil_ids: set[int]
    school_of: dict[int, int] = field(default_factory=dict)  # pupil -> school
    created_by: dict[int, int | None] = field(default_factory=dict)  # pupil -> user
    cases: dict[int, list[tuple[int | None, int | None, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # pupil -> [(caseworker, reported_by, school)]
    untaken_schools: dict[int, set[int]] = field(
        default_factory=lambda: defaultdict(set)
    )  # pupil -> schools of untaken signals
    coordinated: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    officer_schools: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    assigned: dict[int, set[tuple[int, int]]] = field(
        default_factory=lambda: defaultdict(set)
    )  # user -> {(school, start_year)}
    stand_ins: dict[int, list[tuple[int, datetime.date, datetime.date]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # stand-in -> [(for worker, from, until)]
    glass: set[tuple[int, int, datetime.date]] = field(default_factory=set)
    # safeguarding officer -> pupils with a meldcode trajectory of their organisation
    safeguarded: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def load(cls, rows: list[AccessLog]) -> Context:
        user_ids = {row.user_id for row in rows}
        pupil_ids = {pk for row in rows for pk in row.pupil_ids}
        ctx = cls(user_ids, pupil_ids)
        for pk, school, creator in Pupil.objects.filter(pk__in=pupil_ids).values_list(
            "pk", "school", "created_by"
        ):
            ctx.school_of[pk], ctx.created_by[pk] = school, creator
        for pupil, worker, reporter, school, stage in Case.objects.filter(
            pupil__in=pupil_ids
        ).values_list("pupil", "caseworker", "reported_by", "school", "stage"):
            ctx.cases[pupil].append((worker, reporter, school))
            if worker is None and stage == Case.Stage.SIGNAL:
                ctx.untaken_schools[pupil].add(school)
        safeguarding: dict[int, set[int]] = defaultdict(set)  # organisation -> officers
        for user, role, school, organisation in Membership.objects.filter(
            user__in=user_ids, role__in=[Role.COORDINATOR, Role.PRIVACY, Role.SAFEGUARDING]
        ).values_list("user", "role", "school", "organisation"):
            if role == Role.SAFEGUARDING:
                safeguarding[organisation].add(user)
            elif role == Role.COORDINATOR:
                ctx.coordinated[user].add(school)
            elif role == Role.PRIVACY:
                ctx.officer_schools[user].update(
                    Assignment.objects.filter(
                        worker__memberships__role=Role.WORKER,
                        worker__memberships__organisation=organisation,
                    ).values_list("school", flat=True)
                )
        if safeguarding and django_apps.is_installed("meldcode"):
            trajectory = django_apps.get_model("meldcode", "Trajectory")
            for organisation, pupil in trajectory.objects.filter(
                organisation__in=safeguarding, case__pupil__in=pupil_ids
            ).values_list("organisation", "case__pupil"):
                for officer in safeguarding[organisation]:
                    ctx.safeguarded[officer].add(pupil)
        for worker, school, year in Assignment.objects.filter(worker__in=user_ids).values_list(
            "worker", "school", "school_year__start_year"
        ):
            ctx.assigned[worker].add((school, year))
        # A stand-in the team leader ended early (`ended_at`, where the model has it) ends
        # on that day.
        ended = "ended_at" if any(f.name == "ended_at" for f in StandIn._meta.fields) else "pk"
        for stand_in, for_worker, starts, ends, ended_at in StandIn.objects.filter(
            stand_in__in=user_ids
        ).values_list("stand_in", "for_worker", "starts_on", "ends_on", ended):
            if isinstance(ended_at, datetime.datetime):
                ends = min(ends, timezone.localdate(ended_at))
            ctx.stand_ins[stand_in].append((for_worker, starts, ends))
        if rows:
            first = min(row.at for row in rows) - datetime.timedelta(days=1)
            for user, pupils, at in AccessLog.objects.filter(
                action=Action.GLASS, user__in=user_ids, at__gte=first
            ).values_list("user", "pupil_ids", "at"):
                for pupil in pupils:
                    ctx.glass.add((user, pupil, timezone.localdate(at)))
        return ctx


# (user, pupil, day) -> whether that is a care relation. Add a relation by adding a function.
Relation = Callable[[Context, int, int, datetime.date], bool]


def is_case_manager(ctx: Context, user: int, pupil: int, day: datetime.date) -> bool:
    return any(worker == user for worker, _r, _s in ctx.cases[pupil])


def is_stand_in(ctx: Context, user: int, pupil: int, day: datetime.date) -> bool:
    covered = {w for w, starts, ends in ctx.stand_ins[user] if starts <= day <= ends}
    return any(worker in covered for worker, _r, _s in ctx.cases[pupil])


def is_school_coordinator(ctx: Context, user: int, pupil: int, day: datetime.date) -> bool:
    return ctx.school_of.get(pupil) in ctx.coordinated[user]


def had_emergency_access(ctx: Context, user: int, pupil: int, day: datetime.date) -> bool:
    return (user, pupil, day) in ctx.glass


def is_worker_with_new_signal(ctx: Context, user: int, pupil: int, day: datetime.date) -> bool:
    """A signal nobody has taken on yet, at a school the worker serves that school year."""
    year = SchoolYear.start_year_for(day)
    return any((school, year) in ctx.assigned[user] for school in ctx.untaken_schools[pupil])


def is_reporter(ctx: Context, user: int, pupil: int, day: datetime.date) -> bool:
    """Who registered the pupil or one of their signals."""
    return ctx.created_by.get(pupil) == user or any(
        reporter == user for _w, reporter, _s in ctx.cases[pupil]
    )


def is_reviewing_privacy_officer(ctx: Context, user: int, pupil: int, day: datetime.date) -> bool:
    return ctx.school_of.get(pupil) in ctx.officer_schools[user]


def is_safeguarding_officer_on_meldcode_case(
    ctx: Context, user: int, pupil: int, day: datetime.date
) -> bool:
    """The aandachtsfunctionaris, on a pupil with a meldcode trajectory of their organisation."""
    return pupil in ctx.safeguarded[user]


CARE_RELATIONS: list[Relation] = [
    is_case_manager,
    is_stand_in,
    is_school_coordinator,
    had_emergency_access,
    is_worker_with_new_signal,
    is_reporter,
    is_reviewing_privacy_officer,
    is_safeguarding_officer_on_meldcode_case,
]


def has_care_relation(ctx: Context, user: int, pupil: int, day: datetime.date) -> bool:
    return any(relation(ctx, user, pupil, day) for relation in CARE_RELATIONS)


# --- The findings -----------------------------------------------------------------------------


@dataclass
class Finding:
    kind: str
    user_id: int
    at: datetime.datetime
    reason: str
    dedup_key: str
    pupil_ids: list[int] = field(default_factory=list)
    log_ids: list[int] = field(default_factory=list)


def _local(at: datetime.datetime) -> str:
    return date_format(timezone.localtime(at), "j F Y H:i")


def without_relation(rows: list[AccessLog], ctx: Context) -> list[Finding]:
    """One finding per person and day: the pupils they read without a care relation."""
    by_day: dict[tuple[int, datetime.date], list[tuple[AccessLog, list[int]]]] = defaultdict(list)
    for row in rows:
        if row.action not in READS:
            continue
        day = timezone.localdate(row.at)
        strangers = [p for p in row.pupil_ids if not has_care_relation(ctx, row.user_id, p, day)]
        if strangers:
            by_day[row.user_id, day].append((row, strangers))
    findings = []
    for (user, day), found in by_day.items():
        pupils = list(dict.fromkeys(p for _row, strangers in found for p in strangers))
        first = found[0][0]
        findings.append(
            Finding(
                Kind.NO_RELATION,
                user,
                first.at,
                _(
                    "%(count)d pupil(s) read without being case manager, stand-in, "
                    "coordinator of the school or having emergency access (%(page)s)"
                )
                % {"count": len(pupils), "page": first.path[:150]},
                f"relation:{user}:{day:%Y-%m-%d}",
                pupils,
                [row.pk for row, _strangers in found],
            )
        )
    return findings


def emergency_access(rows: list[AccessLog]) -> list[Finding]:
    return [
        Finding(
            Kind.GLASS,
            row.user_id,
            row.at,
            _("Emergency access with the reason: %(reason)s") % {"reason": row.description[:200]},
            f"glass:{row.pk}",
            list(row.pupil_ids),
            [row.pk],
        )
        for row in rows
        if row.action == Action.GLASS
    ]


def refused(rows: list[AccessLog]) -> list[Finding]:
    return [
        Finding(
            Kind.REFUSED,
            row.user_id,
            row.at,
            _("Asked for something outside their scope and was refused (%(page)s)")
            % {"page": row.path[:200]},
            f"refused:{row.pk}",
            list(row.pupil_ids),
            [row.pk],
        )
        for row in rows
        if row.action == Action.REFUSED
    ]


def outside_hours(rows: list[AccessLog]) -> list[Finding]:
    """One finding per person and day: their reads outside working hours."""
    by_day: dict[tuple[int, datetime.date], list[AccessLog]] = defaultdict(list)
    for row in rows:
        if row.action in READS and row.pupil_ids and not within_working_hours(row.at):
            by_day[row.user_id, timezone.localdate(row.at)].append(row)
    findings = []
    for (user, day), day_rows in by_day.items():
        start = working_hours()[0]
        findings.append(
            Finding(
                Kind.HOURS,
                user,
                day_rows[0].at,
                _("Pupils read outside working hours (%(start)s–%(end)s), first at %(at)s")
                % {
                    "start": f"{start:%H:%M}",
                    "end": settings.SMW_WORKING_HOURS.split("-")[1].strip(),
                    "at": _local(day_rows[0].at),
                },
                f"hours:{user}:{day:%Y-%m-%d}",
                list(dict.fromkeys(p for row in day_rows for p in row.pupil_ids)),
                [row.pk for row in day_rows],
            )
        )
    return findings


def bulk_reads(rows: list[AccessLog], lookback: list[AccessLog] = ()) -> list[Finding]:
    """Many pupils opened one by one (pages about one pupil) by one person within the window."""
    limit = settings.SMW_BULK_READ_PUPILS
    window = datetime.timedelta(minutes=settings.SMW_BULK_READ_MINUTES)
    new = {row.pk for row in rows}
    by_user: dict[int, list[AccessLog]] = defaultdict(list)
    for row in sorted([*lookback, *rows], key=lambda r: (r.at, r.pk)):
        if row.action in READS and len(row.pupil_ids) == 1:
            by_user[row.user_id].append(row)
    findings = []
    for user, user_rows in by_user.items():
        start = 0
        for end, row in enumerate(user_rows):
            while user_rows[start].at < row.at - window:
                start += 1
            span = user_rows[start : end + 1]
            pupils = list(dict.fromkeys(r.pupil_ids[0] for r in span))
            if len(pupils) >= limit:
                if any(r.pk in new for r in span):
                    findings.append(
                        Finding(
                            Kind.BULK,
                            user,
                            span[0].at,
                            _("%(count)d pupils opened within %(minutes)d minutes, from %(at)s")
                            % {
                                "count": len(pupils),
                                "minutes": settings.SMW_BULK_READ_MINUTES,
                                "at": _local(span[0].at),
                            },
                            f"bulk:{user}:{span[0].pk}",
                            pupils,
                            [r.pk for r in span],
                        )
                    )
                start = end + 1  # one finding per burst
    return findings


def two_addresses(sign_ins) -> list[Finding]:
    """A sign-in while the same account's earlier session from another address could still run."""
    from axes.models import AccessLog as SignIn

    lifetime = datetime.timedelta(seconds=settings.SESSION_MAX_SECONDS)
    users = {
        u.username: u.pk for u in User.objects.filter(username__in={s.username for s in sign_ins})
    }
    findings = []
    for sign_in in sign_ins:
        if sign_in.username not in users:
            continue
        earlier = (
            SignIn.objects.filter(
                username=sign_in.username,
                attempt_time__gte=sign_in.attempt_time - lifetime,
                attempt_time__lte=sign_in.attempt_time,
                pk__lt=sign_in.pk,
            )
            .exclude(ip_address=sign_in.ip_address)
            .exclude(logout_time__lte=sign_in.attempt_time)
            .order_by("-attempt_time")
            .first()
        )
        if earlier is None:
            continue
        findings.append(
            Finding(
                Kind.TWO_ADDRESSES,
                users[sign_in.username],
                sign_in.attempt_time,
                _(
                    "Signed in from %(address)s at %(at)s while signed in from %(earlier)s "
                    "since %(since)s"
                )
                % {
                    "address": sign_in.ip_address or "?",
                    "at": _local(sign_in.attempt_time),
                    "earlier": earlier.ip_address or "?",
                    "since": _local(earlier.attempt_time),
                },
                f"addresses:{earlier.pk}:{sign_in.pk}",
                [],
                [earlier.pk, sign_in.pk],
            )
        )
    return findings


def findings_in(
    rows: list[AccessLog], sign_ins=(), lookback: list[AccessLog] = ()
) -> list[Finding]:
    """Every finding in these access log rows and sign-ins (the reasons in Dutch)."""
    with override(settings.LANGUAGE_CODE):
        return [
            *without_relation(rows, Context.load(rows)),
            *emergency_access(rows),
            *bulk_reads(rows, lookback),
            *outside_hours(rows),
            *refused(rows),
            *two_addresses(list(sign_ins)),
        ]


def save(findings: list[Finding]) -> int:
    """New findings become signals; one already found (same key) gains the new rows while it
    waits for review, and once reviewed what comes after is a signal of its own."""
    existing = {
        s.dedup_key: s
        for s in AccessSignal.objects.filter(
            dedup_key__in=[f.dedup_key for f in findings]
        ).annotate(reviewed=Exists(SignalReview.objects.filter(signal=OuterRef("pk"))))
    }
    created = 0
    for finding in findings:
        signal = existing.get(finding.dedup_key)
        if signal is not None and signal.reviewed and set(finding.log_ids) - set(signal.log_ids):
            finding.dedup_key = f"{finding.dedup_key}:{finding.log_ids[0]}"
            signal = AccessSignal.objects.filter(dedup_key=finding.dedup_key[:120]).first()
        if signal is None:
            existing[finding.dedup_key] = AccessSignal.objects.create(
                kind=finding.kind,
                user_id=finding.user_id,
                at=finding.at,
                reason=finding.reason[:300],
                dedup_key=finding.dedup_key[:120],
                pupil_ids=finding.pupil_ids,
                log_ids=finding.log_ids,
            )
            created += 1
        else:
            signal.pupil_ids = list(dict.fromkeys([*signal.pupil_ids, *finding.pupil_ids]))
            signal.log_ids = list(dict.fromkeys([*signal.log_ids, *finding.log_ids]))
            signal.save(update_fields=["pupil_ids", "log_ids"])
    return created


def scan(now: datetime.datetime | None = None) -> int:
    """Look at the rows and sign-ins since the last scan; the number of new signals."""
    from axes.models import AccessLog as SignIn

    now = now or timezone.now()
    created = 0
    for _batch in range(BATCHES_PER_RUN):
        with transaction.atomic():
            mark = _mark(now)
            rows = list(
                AccessLog.objects.filter(pk__gt=mark.last_log_id, at__lte=now - SETTLE).order_by(
                    "pk"
                )[:BATCH]
            )
            sign_ins = list(
                SignIn.objects.filter(
                    pk__gt=mark.last_login_id, attempt_time__lte=now - SETTLE
                ).order_by("pk")[:BATCH]
            )
            if not rows and not sign_ins:
                mark.scanned_at = now
                mark.save()
                return created
            lookback = []
            if rows:
                window = datetime.timedelta(minutes=settings.SMW_BULK_READ_MINUTES)
                lookback = list(
                    AccessLog.objects.filter(
                        pk__lte=mark.last_log_id,
                        at__gte=rows[0].at - window,
                        user__in={row.user_id for row in rows},
                        action__in=READS,
                    )
                )
                lookback = _after_last_burst(lookback)
            created += save(findings_in(rows, sign_ins, lookback))
            if rows:
                mark.last_log_id = rows[-1].pk
            if sign_ins:
                mark.last_login_id = sign_ins[-1].pk
            mark.scanned_at = now
            mark.save()
    return created


def _mark(now: datetime.datetime) -> ScanMark:
    """The scan's mark, locked; made at the first scan, FIRST_SCAN before `now`."""
    from axes.models import AccessLog as SignIn

    mark = ScanMark.objects.select_for_update().filter(name="scan").first()
    if mark is not None:
        return mark
    since = now - FIRST_SCAN
    before_log = AccessLog.objects.filter(at__lt=since).order_by("-at").first()
    before_sign_in = SignIn.objects.filter(attempt_time__lt=since).order_by("-attempt_time").first()
    ScanMark.objects.get_or_create(
        name="scan",
        defaults={
            "last_log_id": before_log.pk if before_log else 0,
            "last_login_id": before_sign_in.pk if before_sign_in else 0,
        },
    )
    return ScanMark.objects.select_for_update().get(name="scan")


def _after_last_burst(lookback: list[AccessLog]) -> list[AccessLog]:
    """Leave out the rows an earlier burst finding already counted, per person."""
    last: dict[int, int] = {}
    for user, log_ids in AccessSignal.objects.filter(
        kind=Kind.BULK, log_ids__overlap=[r.pk for r in lookback]
    ).values_list("user", "log_ids"):
        last[user] = max(last.get(user, 0), *log_ids)
    return [r for r in lookback if r.pk > last.get(r.user_id, 0)]
