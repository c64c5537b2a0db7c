"""The only place that knows who may see or change retention: the privacy officer and the team
leader of an organisation, for the dossiers of the schools it serves. Everyone else gets 404 on
every retention page. The team leader proposes destruction lists; the privacy officer decides
on them, sets the terms and the holds. Neither sees case content here: dossiers are shown by
case number, school and dates only, never a name (metadata, not a read of the pupil's data).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Role, User
from audit.log import refuse
from cases.models import Case, Pupil
from privacy.access import served_schools
from schools.models import Organisation

from .models import DestructionList, LegalHold

ROLES = (Role.PRIVACY, Role.TEAMLEAD)


@dataclass
class Scope:
    user: User

    @cached_property
    def organisations(self) -> QuerySet[Organisation]:
        return Organisation.objects.filter(
            memberships__user=self.user, memberships__role__in=ROLES
        ).distinct()

    @cached_property
    def organisation_ids(self) -> list[int]:
        return list(self.organisations.values_list("pk", flat=True))

    def organisations_as(self, role: str) -> QuerySet[Organisation]:
        return Organisation.objects.filter(
            memberships__user=self.user, memberships__role=role
        ).distinct()

    @property
    def is_privacy(self) -> bool:
        return self.user.has_role(Role.PRIVACY)

    @property
    def is_teamlead(self) -> bool:
        return self.user.has_role(Role.TEAMLEAD)

    @cached_property
    def school_ids(self) -> list[int]:
        """Schools the organisations serve or served, and those of their workers' cases (a
        dossier of a school that has since closed)."""
        served = set(served_schools(self.organisations).values_list("pk", flat=True))
        managed = Case.objects.filter(
            caseworker__memberships__role=Role.WORKER,
            caseworker__memberships__organisation__in=self.organisation_ids,
        ).values_list("school_id", flat=True)
        return sorted(served | set(managed.distinct()))

    def pupils(self) -> QuerySet[Pupil]:
        return Pupil.objects.filter(school__in=self.school_ids, cases__isnull=False).distinct()

    def lists(self) -> QuerySet[DestructionList]:
        return DestructionList.objects.filter(organisation__in=self.organisation_ids)

    def holds(self) -> QuerySet[LegalHold]:
        return LegalHold.objects.filter(pupil__school__in=self.school_ids)


def retention_scope(user: User) -> Scope:
    """The privacy officer's or team leader's scope; anyone else: 404."""
    if not any(user.has_role(role) for role in ROLES):
        raise Http404
    return Scope(user)


def require_privacy(scope: Scope) -> None:
    """A page that changes terms or holds, or decides a list: the privacy officer's only."""
    if not scope.is_privacy:
        raise Http404


def get_list_for_user(scope: Scope, pk: int) -> DestructionList:
    return get_object_or_404(
        scope.lists().select_related("organisation", "proposed_by", "decided_by"), pk=pk
    )


def get_dossier_for_user(scope: Scope, pupil_pk: int) -> Pupil:
    """A pupil's dossier in scope, for its retention: the page shows case numbers, school and
    dates, never a name or content (metadata, as the team leader's caseload figures), so it is
    no read of the pupil's data. An attempt outside the scope is refused and logged."""
    pupil = get_object_or_404(Pupil.objects.select_related("school"), pk=pupil_pk)
    if pupil.school_id not in scope.school_ids or not pupil.cases.exists():
        refuse(pupil, [pupil.pk])
    return pupil


def get_hold_for_user(scope: Scope, pk: int) -> LegalHold:
    return get_object_or_404(scope.holds(), pk=pk)


def can_decide(scope: Scope, destruction_list: DestructionList) -> bool:
    """Four eyes: the privacy officer of the organisation, not the one who proposed the list."""
    return (
        destruction_list.status == DestructionList.Status.PROPOSED
        and scope.is_privacy
        and destruction_list.proposed_by_id != scope.user.pk
        and scope.organisations_as(Role.PRIVACY)
        .filter(pk=destruction_list.organisation_id)
        .exists()
    )
