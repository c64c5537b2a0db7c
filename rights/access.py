"""The only place that knows who may see or handle a request under the AVG (rights).

- worker: the requests on the cases they may open as a dossier (cases.access): as case manager
  they register and prepare them, correct pupil data and extend the deadline; a stand-in reads.
- privacy officer of the case manager's organisation: decides, extends, closes and hands over.
  They see what the request needs (pupil, school, age, requester, dates, preparation), never
  the case's content.
- team leader: decides instead, only where the organisation has no privacy officer.
- coordinator, municipality, application manager, safeguarding officer: nothing (404).

Every request handed out is a read of its pupil in the access log; lists are `.shown()`.
"""

from __future__ import annotations

import enum

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accounts.models import Membership, Role, User
from audit.log import Action, note, refuse
from cases.models import Case
from schools.models import Organisation

from .models import OwnStatement, PupilCorrection, RightsRequest

DESCRIPTION = "rights request"


class Part(enum.Enum):
    MANAGER = "manager"  # the case manager: prepares, corrects
    STAND_IN = "stand_in"  # reads
    DECIDER = "decider"  # the privacy officer (or team leader): decides, closes


def decider_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations whose requests `user` decides: as privacy officer, or as team leader of
    an organisation without an active privacy officer."""
    has_officer = Membership.objects.filter(
        role=Role.PRIVACY, organisation=OuterRef("pk"), user__is_active=True
    )
    return Organisation.objects.filter(
        Q(memberships__user=user, memberships__role=Role.PRIVACY)
        | Q(
            Q(memberships__user=user, memberships__role=Role.TEAMLEAD),
            ~Exists(has_officer),
        )
    ).distinct()


def is_decider(user: User, request: RightsRequest) -> bool:
    return decider_organisations(user).filter(pk=request.organisation_id).exists()


def _handled_case_ids(user: User) -> QuerySet:
    from cases.access import _worker_case_ids

    return _worker_case_ids(user)


def can_use_rights(user: User) -> bool:
    return user.has_role(Role.WORKER) or decider_organisations(user).exists()


def visible_requests(user: User) -> QuerySet[RightsRequest]:
    """Every request `user` may open, as case manager, stand-in or decider; not yet logged."""
    condition = Q(pk__in=[])
    if user.has_role(Role.WORKER):
        condition |= Q(case__in=_handled_case_ids(user))
    if user.has_role(Role.PRIVACY) or user.has_role(Role.TEAMLEAD):
        condition |= Q(organisation__in=decider_organisations(user).values("pk"))
    return RightsRequest.objects.filter(condition)


def shown_requests(user: User) -> QuerySet[RightsRequest]:
    """The list of requests for a page: the pupils of the rows it fetches are noted."""
    return (
        visible_requests(user)
        .select_related("pupil__school", "case__caseworker", "organisation")
        .shown()
    )


def part_in(user: User, request: RightsRequest) -> Part | None:
    from cases.access import Level, access_level

    if is_decider(user, request):
        return Part.DECIDER
    if user.has_role(Role.WORKER):
        level = access_level(user, request.case)
        if level is Level.FULL:
            return Part.MANAGER
        if level is Level.READ and visible_requests(user).filter(pk=request.pk).exists():
            return Part.STAND_IN
    return None


def get_request_for_user(
    user: User, pk: int, *, manager: bool = False, decider: bool = False, handler: bool = False
) -> tuple[RightsRequest, Part]:
    """A request and the user's part in it; missing or not theirs: 404. `manager` or `decider`:
    the page is for that part only (403 for the others who may read the request). `handler`: for
    those who handle it (case manager or decider); a stand-in, who only reads, gets 404."""
    request = (
        RightsRequest.objects.select_related(
            "pupil__school", "case__caseworker", "case__school", "organisation", "guardian"
        )
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise Http404
    part = part_in(user, request)
    if part is None or (handler and part is Part.STAND_IN):
        refuse(request, [request.pupil_id])
    if (manager and part is not Part.MANAGER) or (decider and part is not Part.DECIDER):
        refuse(request, [request.pupil_id], forbidden=True)
    note(Action.VIEW, [request.pupil_id], obj=request, description=DESCRIPTION)
    return request, part


def get_case_for_rights(user: User, pk: int, *, write: bool = False) -> Case:
    """A case whose pupil's data or requests the case manager handles (a stand-in reads)."""
    from cases.access import get_dossier_for_user

    return get_dossier_for_user(user, pk, write=write)


def requests_of_case(user: User, case: Case) -> QuerySet[RightsRequest]:
    return visible_requests(user).filter(case=case).select_related("pupil")


def corrections_of(pupil_id: int) -> QuerySet[PupilCorrection]:
    """The correction history of a pupil (its old values are pupil data: noted as read)."""
    return (
        PupilCorrection.objects.filter(pupil=pupil_id)
        .select_related("by", "request")
        .shown("pupil_id")
    )


def statements_of(case: Case) -> QuerySet[OwnStatement]:
    """The eigen verklaringen of the case's pupil, for the case page (noted as read)."""
    return OwnStatement.objects.filter(pupil=case.pupil_id).select_related("created_by").shown()
