"""The only place that knows who may see, review, hand over and download a dossier export.

- The case manager of the case it was started from prepares it, reviews it and downloads it; a
  warm handover to a referral destination they also hand over themselves.
- An inzage or afschrift is the pupil's or parents' right: the privacy officer of the case
  manager's organisation reviews it and hands it over (the team leader where the organisation
  has no privacy officer), while its files are on the server.
- Nobody else: coordinators, municipal officers, application managers, team leaders of an
  organisation with a privacy officer, stand-ins. Outside one's scope is 404.

Handing out an export is a read of its pupil; a download an EXPORT row (audit/log.py).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Role, User
from audit.log import Action, note, refuse
from rights.access import decider_organisations
from schools.models import Organisation

from .models import DossierExport, Withholding


def handling_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations whose inzage and afschrift exports this user hands over: those whose
    requests the user decides (rights.access; the privacy officer, or the team leader where the
    organisation has no active privacy officer)."""
    return decider_organisations(user)


def _is_handler(user: User) -> bool:
    return (user.has_role(Role.PRIVACY) or user.has_role(Role.TEAMLEAD)) and (
        handling_organisations(user).exists()
    )


def visible_exports(user: User) -> QuerySet[DossierExport]:
    condition = Q(pk__in=[])
    if user.has_role(Role.WORKER):
        condition |= Q(case__caseworker=user)
    if _is_handler(user):
        condition |= Q(
            purpose__in=[DossierExport.Purpose.INZAGE, DossierExport.Purpose.AFSCHRIFT],
            organisation__in=handling_organisations(user).values("pk"),
            files_removed_at__isnull=True,
        )
    return DossierExport.objects.filter(condition).select_related(
        "pupil__school",
        "case",
        "destination",
        "made_by",
        "handed_over_by",
        "organisation",
        "request",
    )


def can_list(user: User) -> bool:
    return user.has_role(Role.WORKER) or _is_handler(user)


def export_list(user: User) -> QuerySet[DossierExport]:
    """The exports this person prepares or hands over, each shown with its pupil's name."""
    if not can_list(user):
        raise Http404
    return visible_exports(user)


def shown(exports) -> list[DossierExport]:
    exports = list(exports)
    note(Action.VIEW, [e.pupil_id for e in exports], description="dossier exports")
    return exports


def get_export_for_user(user: User, pk: int) -> DossierExport:
    """An export the user may see; missing or not theirs: 404 (a refusal noted as such)."""
    export = visible_exports(user).filter(pk=pk).first()
    if export is None:
        other = DossierExport.objects.filter(pk=pk).first()
        if other is not None:
            refuse(other, [other.pupil_id])
        raise Http404
    note(Action.VIEW, [export.pupil_id], obj=export, description="dossier export")
    return export


def is_preparer(user: User, export: DossierExport) -> bool:
    return user.has_role(Role.WORKER) and export.case.caseworker_id == user.pk


def is_handler(user: User, export: DossierExport) -> bool:
    return (
        export.is_request
        and handling_organisations(user).filter(pk=export.organisation_id).exists()
    )


def can_review(user: User, export: DossierExport) -> bool:
    """Withhold items: whoever prepares or hands it over, until it is handed over."""
    return not export.is_handed_over and (is_preparer(user, export) or is_handler(user, export))


def can_hand_over(user: User, export: DossierExport) -> bool:
    """The privacy officer hands over an inzage or afschrift; the case manager a handover."""
    if export.is_handed_over or not export.has_files:
        return False
    if export.is_request:
        return is_handler(user, export)
    return is_preparer(user, export)


def get_export_for_download(user: User, pk: int, *, field: str) -> DossierExport:
    """A made export whose file (`field`: "pdf" or "archive") is still on the server; the
    download is an export of the pupil's data (an EXPORT row in the access log)."""
    export = get_export_for_user(user, pk)
    file = getattr(export, field)
    if not export.has_files or not file.storage.exists(file.name):
        raise Http404
    note(Action.EXPORT, [export.pupil_id], obj=export, description="dossier export download")
    return export


def get_withholding(export: DossierExport, pk: int) -> Withholding:
    withholding = export.withheld.filter(pk=pk).first()
    if withholding is None:
        raise Http404
    return withholding
