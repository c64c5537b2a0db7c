"""The short-term norm (kortdurende hulp): an organisation sets at most so many contacts or so
many months from the intake (continuity.ShortTermNorm; settings' defaults otherwise). An open
case in intake, plan or help that is past it shows so on the case page, the caseload and the
team leader's page, and goes on only with a recorded reason (or a referral, which ends the
short-term help: a referred case is outside the norm).

The case's organisation is its case manager's employer.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Exists, F, Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from smw.errors import Refused

from .models import Case, CaseEvent, Contact

# The stages of short-term help the norm measures.
NORM_STAGES = (Case.Stage.INTAKE, Case.Stage.PLAN, Case.Stage.HELP)


def _norm_values(field: str):
    from continuity.models import ShortTermNorm

    return Subquery(
        ShortTermNorm.objects.filter(
            organisation__memberships__user=OuterRef("caseworker"),
            organisation__memberships__role=Role.WORKER,
        )
        .order_by("pk")
        .values(field)[:1]
    )


def with_norm(cases: models.QuerySet[Case]) -> models.QuerySet[Case]:
    """Annotate each case with its norm (norm_contacts, norm_months), its contacts
    (n_contacts), the day the norm's months end (norm_until) and whether a reason to go on was
    recorded (norm_reason)."""
    from continuity.models import NormContinuation

    contacts = (
        Contact.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return cases.annotate(
        norm_contacts=Coalesce(_norm_values("max_contacts"), Value(settings.SMW_NORM_MAX_CONTACTS)),
        norm_months=Coalesce(_norm_values("max_months"), Value(settings.SMW_NORM_MAX_MONTHS)),
        n_contacts=Coalesce(Subquery(contacts), Value(0)),
        norm_start=Coalesce("intake_on", "signalled_on"),
        norm_reason=Exists(NormContinuation.objects.filter(case=OuterRef("pk"))),
    ).annotate(
        norm_until=models.ExpressionWrapper(
            Func(
                F("norm_start"),
                F("norm_months"),
                template="(%(expressions)s))::date",
                arg_joiner=" + make_interval(months => ",
            ),
            output_field=models.DateField(),
        )
    )


def past_norm_cases(
    cases: models.QuerySet[Case], day: datetime.date | None = None
) -> models.QuerySet[Case]:
    """The open short-term cases of `cases` past their organisation's norm on `day`: more
    contacts than the norm, or past its months since the intake. Annotated as `with_norm`."""
    day = day or timezone.localdate()
    return (
        with_norm(cases.filter(stage__in=NORM_STAGES))
        .filter(Q(n_contacts__gt=F("norm_contacts")) | Q(norm_until__lt=day))
        .order_by("norm_start", "pk")
    )


def needing_reason(
    cases: models.QuerySet[Case], day: datetime.date | None = None
) -> models.QuerySet[Case]:
    """Cases past the norm with no reason to go on recorded yet."""
    return past_norm_cases(cases, day).filter(norm_reason=False)


@dataclass(frozen=True)
class NormStatus:
    max_contacts: int
    max_months: int
    contacts: int
    until: datetime.date
    past: bool
    reason: object  # the latest NormContinuation, or None

    @property
    def needs_reason(self) -> bool:
        return self.past and self.reason is None


def norm_status(case: Case, day: datetime.date | None = None) -> NormStatus | None:
    """The norm as it stands for one case; None outside short-term help."""
    if case.stage not in NORM_STAGES:
        return None
    day = day or timezone.localdate()
    row = with_norm(Case.objects.filter(pk=case.pk)).values(
        "norm_contacts", "norm_months", "n_contacts", "norm_until"
    )[0]
    past = row["n_contacts"] > row["norm_contacts"] or row["norm_until"] < day
    return NormStatus(
        max_contacts=row["norm_contacts"],
        max_months=row["norm_months"],
        contacts=row["n_contacts"],
        until=row["norm_until"],
        past=past,
        reason=case.norm_continuations.select_related("by").first(),
    )


def ensure_may_continue(case: Case) -> None:
    """Refuse more work on a case past the norm until a reason to go on is recorded."""
    status = norm_status(case)
    if status is not None and status.needs_reason:
        raise Refused(
            _(
                "This case is past the short-term norm (%(contacts)s contacts or %(months)s "
                "months). Record why the help goes on, or refer the case, first."
            )
            % {"contacts": status.max_contacts, "months": status.max_months}
        )


@transaction.atomic
def record_continuation(case: Case, *, by: User, reason: str):
    """The case manager records why short-term help goes on past the norm."""
    from continuity.models import NormContinuation

    from .workflow import _locked, is_case_manager, record_event

    case = _locked(case)
    if not is_case_manager(by, case):
        raise Refused(_("Only the case manager can do this."))
    status = norm_status(case)
    if status is None or not status.past:
        raise Refused(_("This case is not past the short-term norm."))
    if not reason.strip():
        raise Refused(_("Write down why the help goes on."), field="reason")
    continuation = NormContinuation.objects.create(case=case, reason=reason.strip(), by=by)
    record_event(case, by=by, kind=CaseEvent.Kind.NORM, note=reason.strip()[:500])
    return continuation
