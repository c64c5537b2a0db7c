"""A dossier export for the demo: an afschrift of a pupil of `smw`, asked for by the parents,
made and ready for the privacy officer (`privacy`) to review and hand over. It answers the
demo's granted afschrift request (demo/rights.py), which its handover closes."""

from __future__ import annotations

from accounts.models import User
from cases.models import Case
from dossier import exports, workflow
from dossier.models import DossierExport
from rights.models import RightsRequest


def seed_dossier_export() -> int:
    """Make the afschrift, unless the demo has one. Returns how many were made (0 or 1)."""
    if DossierExport.objects.filter(purpose=DossierExport.Purpose.AFSCHRIFT).exists():
        return 0
    worker = User.objects.get(username="smw")
    request = (
        RightsRequest.objects.filter(
            kind=RightsRequest.Kind.COPY,
            status=RightsRequest.Status.READY_FOR_EXPORT,
            case__caseworker=worker,
            dossier_exports__isnull=True,
        )
        .select_related("case")
        .order_by("pk")
        .first()
    )
    case = request.case if request is not None else None
    if case is None:
        case = (
            Case.objects.open()
            .filter(caseworker=worker, contacts__isnull=False, intake__isnull=False)
            .order_by("signalled_on", "pk")
            .first()
        )
    if case is None:
        return 0
    export = workflow.start_export(
        case,
        by=worker,
        purpose=DossierExport.Purpose.AFSCHRIFT,
        requester=DossierExport.Requester.PARENTS,
        request=request,
    )
    # Made here, at once, so the demo shows it ready; the task sent after the seed's commit
    # finds it made and does nothing.
    exports.make_export(export.pk)
    return 1
