"""A worker leaves: what they own, and handing it to colleagues before they are deactivated.

What a worker owns: their open cases (case manager), the groups they lead that still have an
open case, and their open ZAT action points. (Reports have no subscriptions in SMW: a report
goes to the school's coordinators by role, so a leaver owns none.) Nobody is deactivated while
owning any of it (accounts.workflow.set_active asks `ensure_owns_nothing`); the team leader of
their organisation hands it over here, one item at a time or all to one colleague, and each
case's timeline records the handover.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Role, User
from audit.log import Action, note
from cases.models import Case, CaseEvent, Group
from cases.workflow import reassign_case, record_event
from schools.access import assigned_schools
from smw.errors import Refused
from zat.models import ActionPoint, Attendee


@dataclass
class Owned:
    cases: list[Case] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    actions: list[ActionPoint] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.cases or self.groups or self.actions)

    def describe(self) -> str:
        parts = []
        if self.cases:
            parts.append(
                ngettext("%(n)d open case", "%(n)d open cases", len(self.cases))
                % {"n": len(self.cases)}
            )
        if self.groups:
            parts.append(
                ngettext("%(n)d group", "%(n)d groups", len(self.groups)) % {"n": len(self.groups)}
            )
        if self.actions:
            parts.append(
                ngettext(
                    "%(n)d open ZAT action point", "%(n)d open ZAT action points", len(self.actions)
                )
                % {"n": len(self.actions)}
            )
        return ", ".join(parts)


def owned_by(worker: User) -> Owned:
    """What `worker` still owns. Metadata only (numbers, schools, stages), no pupil data."""
    cases = list(
        Case.objects.open()
        .filter(caseworker=worker)
        .select_related("school")
        .only("pk", "signalled_on", "stage", "school__name", "school_id", "caseworker_id")
        .order_by("school__name", "signalled_on", "pk")
    )
    groups = list(
        Group.objects.filter(worker=worker, cases__stage__in=_open_stages())
        .select_related("school")
        .distinct()
        .order_by("school__name", "name")
    )
    actions = list(
        ActionPoint.objects.filter(owner_user=worker, done_on__isnull=True)
        .select_related("item__meeting__school")
        .order_by("due_on", "pk")
    )
    return Owned(cases=cases, groups=groups, actions=actions)


def owning(workers: QuerySet[User]) -> QuerySet[User]:
    """Those of `workers` who still own something, in one query (for a list of them)."""
    stages = _open_stages()
    return workers.filter(
        Exists(Case.objects.filter(caseworker=OuterRef("pk"), stage__in=stages))
        | Exists(Group.objects.filter(worker=OuterRef("pk"), cases__stage__in=stages))
        | Exists(ActionPoint.objects.filter(owner_user=OuterRef("pk"), done_on__isnull=True))
    )


def _open_stages() -> list[str]:
    return [s for s in Case.Stage.values if s != Case.Stage.CLOSED]


def ensure_owns_nothing(worker: User) -> None:
    """Refuse the deactivation of a worker who still owns something. (Other roles own no
    cases; a coordinator's action points stay with the school's ZAT.)"""
    if not is_worker(worker):
        return
    owned = owned_by(worker)
    if owned:
        raise Refused(
            _(
                "%(name)s still owns %(what)s. Their team leader hands these over to "
                "colleagues first (Team → Leaving)."
            )
            % {"name": worker, "what": owned.describe()}
        )


def _colleague(by: User, to: User) -> None:
    from accounts.access import team_workers

    if not team_workers(by).filter(pk=to.pk).exists():
        raise Refused(_("Choose a colleague of your organisation."))


@transaction.atomic
def hand_over(worker: User, *, by: User, owners: dict[str, User], reason: str) -> int:
    """Hand what `worker` owns to colleagues: `owners` maps "case-<pk>", "group-<pk>" and
    "action-<pk>" to the new owner. All or nothing: a refusal names the item. Returns how many
    items changed hands."""
    from .access import team_member

    team_member(by, worker.pk)  # 404 unless a worker of the team leader's organisation
    reason = reason.strip()
    if not reason:
        raise Refused(_("Give a reason for the handover."), field="reason")
    owned = owned_by(worker)
    done = 0
    for case in owned.cases:
        to = owners.get(f"case-{case.pk}")
        if to is None:
            continue
        _colleague(by, to)
        try:
            reassign_case(case, by=by, to=to, reason=reason)
        except Refused as exc:
            raise Refused(f"{case.number}: {exc}") from None
        done += 1
    for group in owned.groups:
        to = owners.get(f"group-{group.pk}")
        if to is None:
            continue
        _colleague(by, to)
        if to == worker:
            continue
        if not assigned_schools(to).filter(pk=group.school_id).exists():
            raise Refused(
                _("%(group)s: %(name)s does not work at this school this school year.")
                % {"group": group.name, "name": to}
            )
        group.worker = to
        group.save(update_fields=["worker"])
        note(
            Action.CHANGE,
            group.cases.values_list("pupil_id", flat=True),
            obj=group,
            description="group handed over",
        )
        done += 1
    for action in owned.actions:
        to = owners.get(f"action-{action.pk}")
        if to is None:
            continue
        _colleague(by, to)
        if to == worker:
            continue
        meeting = action.item.meeting
        if not meeting.attendees.filter(user=to).exists():
            Attendee.objects.create(meeting=meeting, user=to, name=str(to), role=_("took over"))
        action.owner_user = to
        action.save(update_fields=["owner_user"])
        if action.item.case_id:
            record_event(
                action.item.case,
                by=by,
                kind=CaseEvent.Kind.REASSIGNED,
                note=_("ZAT action point “%(action)s”: %(from)s → %(to)s: %(reason)s")
                % {"action": action.description, "from": worker, "to": to, "reason": reason},
            )
        done += 1
    if not done:
        raise Refused(_("Choose a new owner for at least one item."))
    return done


def is_worker(user: User) -> bool:
    return user.memberships.filter(role=Role.WORKER).exists()
