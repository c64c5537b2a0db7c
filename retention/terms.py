"""When a dossier may be destroyed: its term, its organisation, its holds, and the daily list of
dossiers whose term has passed (`due_dossiers`).

A dossier is all cases of one pupil. Its term runs from the end of the help, the `closed_on` of
its last case, for the organisation's number of years (Policy, default 20) or a longer number
set for the dossier with a reason (Extension). A pupil with an open case has no term yet. A hold
(LegalHold, or a meldcode melding to Veilig Thuis whose hold was never lifted) blocks it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from cases.models import Case, Pupil
from meldcode.models import Trajectory
from schools.models import Assignment

from .models import DEFAULT_YEARS, DestructionRecord, Extension, LegalHold, Policy, add_years

CLOSED = Case.Stage.CLOSED


@dataclass
class Dossier:
    pupil_id: int
    school_id: int
    organisation_id: int | None
    last_closed_on: datetime.date
    years: int
    rule: str
    term_ended_on: datetime.date
    case_numbers: list[str] = field(default_factory=list)
    held: bool = False

    @property
    def due(self) -> bool:
        return not self.held and self.term_ended_on <= timezone.localdate()


def policies() -> dict[int, Policy]:
    return {p.organisation_id: p for p in Policy.objects.all()}


def policy_for(organisation_id: int | None) -> Policy:
    """The organisation's policy, or the defaults (unsaved) when it set none."""
    if organisation_id is not None:
        found = Policy.objects.filter(organisation_id=organisation_id).first()
        if found is not None:
            return found
    return Policy(organisation_id=organisation_id)


def organisations_of(cases: list[dict]) -> dict[int, int | None]:
    """Case pk → organisation: the case manager's employer, or for a signal nobody took on, an
    organisation whose workers serve the school."""
    workers = {c["caseworker_id"] for c in cases if c["caseworker_id"]}
    employer = dict(
        Membership.objects.filter(role=Role.WORKER, user__in=workers)
        .order_by("user_id", "pk")
        .values_list("user_id", "organisation_id")
    )
    schools = {c["school_id"] for c in cases if not c["caseworker_id"]}
    serving = {}
    if schools:
        for school_id, org_id in (
            Assignment.objects.filter(school__in=schools, worker__memberships__role=Role.WORKER)
            .order_by("school_id", "-school_year__start_year")
            .values_list("school_id", "worker__memberships__organisation_id")
        ):
            serving.setdefault(school_id, org_id)
    return {c["pk"]: employer.get(c["caseworker_id"]) or serving.get(c["school_id"]) for c in cases}


def _meldcode_holds() -> Exists:
    """A melding to Veilig Thuis on one of the pupil's cases, whose hold was never lifted."""
    return Exists(
        Trajectory.objects.filter(
            case__pupil=OuterRef("pupil_id"), legal_hold_since__isnull=False
        ).exclude(legal_hold__lifted_at__isnull=False)
    )


def _holds() -> Exists:
    return Exists(LegalHold.objects.active().filter(pupil=OuterRef("pupil_id")))


def _destroyed() -> Exists:
    return Exists(DestructionRecord.objects.filter(pupil_number=OuterRef("pupil_id")))


def _dossiers(last_cases: list[dict], today: datetime.date) -> list[Dossier]:
    """The dossiers of these last cases (one per pupil), with their terms."""
    if not last_cases:
        return []
    pupil_ids = [c["pupil_id"] for c in last_cases]
    organisation = organisations_of(last_cases)
    by_org = policies()
    longer = dict(
        Extension.objects.filter(pupil__in=pupil_ids)
        .values_list("pupil_id")
        .annotate(y=Max("years"))
        .values_list("pupil_id", "y")
    )
    numbers: dict[int, list[str]] = {}
    for pupil_id, signalled_on, pk in (
        Case.objects.filter(pupil__in=pupil_ids)
        .order_by("signalled_on", "pk")
        .values_list("pupil_id", "signalled_on", "pk")
    ):
        # as Case.number, without making a Case of each row
        numbers.setdefault(pupil_id, []).append(f"{signalled_on:%Y}-{pk:05d}")
    dossiers = []
    for case in last_cases:
        org = organisation[case["pk"]]
        policy = by_org.get(org) or Policy()
        years, rule = (
            policy.years,
            _("%(years)d years after the end of help (%(basis)s)")
            % {
                "years": policy.years,
                "basis": policy.basis or _("organisation's term"),
            },
        )
        extra = longer.get(case["pupil_id"])
        if extra and extra > years:
            years = extra
            rule = _("%(years)d years after the end of help (longer term for this dossier)") % {
                "years": extra
            }
        dossiers.append(
            Dossier(
                pupil_id=case["pupil_id"],
                school_id=case["school_id"],
                organisation_id=org,
                last_closed_on=case["closed_on"],
                years=years,
                rule=rule,
                term_ended_on=add_years(case["closed_on"], years),
                case_numbers=numbers.get(case["pupil_id"], []),
                held=bool(case.get("held")),
            )
        )
    return dossiers


LAST_CASE_FIELDS = ("pk", "pupil_id", "school_id", "caseworker_id", "closed_on")


def due_dossiers(today: datetime.date | None = None, *, organisations=None) -> list[Dossier]:
    """The dossiers whose term has passed, not on hold, not destroyed: what the daily job lists
    and a team leader may propose. `organisations`: only theirs (ids).

    One query finds the candidates on the index of closed cases by closing date
    (retention migration 0001): the last case of a pupil, closed at least the shortest term of
    any organisation ago, with no later or open case of that pupil."""
    today = today or timezone.localdate()
    shortest = min([DEFAULT_YEARS, *Policy.objects.values_list("years", flat=True)])
    cutoff = add_years(today, -shortest)
    later_or_open = Case.objects.filter(pupil=OuterRef("pupil_id")).filter(
        ~Q(stage=CLOSED) | Q(closed_on__gt=cutoff)
    )
    last_cases = list(
        Case.objects.filter(stage=CLOSED, closed_on__lte=cutoff)
        .exclude(Exists(later_or_open))
        .exclude(_destroyed())
        .exclude(_holds())
        .exclude(_meldcode_holds())
        .order_by("pupil_id", "-closed_on", "-pk")
        .distinct("pupil_id")
        .values(*LAST_CASE_FIELDS)
    )
    dossiers = [d for d in _dossiers(last_cases, today) if d.term_ended_on <= today]
    if organisations is not None:
        wanted = set(organisations)
        dossiers = [d for d in dossiers if d.organisation_id in wanted]
    return sorted(dossiers, key=lambda d: (d.term_ended_on, d.pupil_id))


def is_held(pupil_id: int) -> bool:
    if LegalHold.objects.active().filter(pupil_id=pupil_id).exists():
        return True
    return (
        Trajectory.objects.filter(case__pupil_id=pupil_id, legal_hold_since__isnull=False)
        .exclude(legal_hold__lifted_at__isnull=False)
        .exists()
    )


def hold_reasons(pupil_id: int) -> list[str]:
    """Why the dossier is held: the reason of each active legal hold, and each melding to Veilig
    Thuis that has no hold of its own yet (sync_meldcode_holds makes one). [] when not held."""
    reasons = [
        f"{hold.get_kind_display()}: {hold.reason}"
        for hold in LegalHold.objects.active().filter(pupil_id=pupil_id).order_by("since", "pk")
    ]
    meldingen = (
        Trajectory.objects.filter(case__pupil_id=pupil_id, legal_hold_since__isnull=False)
        .filter(legal_hold__isnull=True)
        .count()
    )
    if meldingen:
        reasons.append(str(LegalHold.Kind.VEILIG_THUIS.label))
    return reasons


def dossier_of(pupil: Pupil) -> Dossier | None:
    """The pupil's dossier with its term, or None while a case is open (no term yet)."""
    cases = Case.objects.filter(pupil=pupil)
    if not cases.exists() or cases.exclude(stage=CLOSED).exists():
        return None
    last = list(cases.order_by("-closed_on", "-pk").values(*LAST_CASE_FIELDS)[:1])
    last[0]["held"] = is_held(pupil.pk)
    return _dossiers(last, timezone.localdate())[0]


def is_destroyed(pupil_id: int) -> bool:
    return DestructionRecord.objects.filter(pupil_number=pupil_id).exists()
