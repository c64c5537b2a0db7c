"""Every change to a dossier export: start it, withhold an item or give it back, hand it over,
remove its files once expired. Each is guard → atomic → save → timeline and access log → the
making of the files after commit (dossier/exports.py)."""

from __future__ import annotations

import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from audit.log import Action
from audit.log import note as log_note
from cases import workflow as case_workflow
from cases.models import Case, CaseEvent
from referrals.consent import missing_consent
from referrals.models import Consent, SocialMapEntry
from rights.models import RightsRequest
from smw.errors import Refused

from . import access
from .models import (
    HANDOVER_SECTIONS,
    KEEP_DAYS,
    DossierExport,
    Ground,
    ItemKind,
    Section,
    Withholding,
)

Purpose, Status = DossierExport.Purpose, DossierExport.Status


def handover_consent(case: Case, destination: SocialMapEntry) -> Consent | None:
    """A consent valid today for sharing with, or referral to, `destination`, and complete by
    today's rules (a pupil who turned 12 or 16 since must have consented too)."""
    today = timezone.localdate()
    consents = (
        Consent.objects.filter(
            pupil=case.pupil_id,
            party=destination,
            purpose__in=[Consent.Purpose.SHARE, Consent.Purpose.REFERRAL],
        )
        .valid_on(today)
        .prefetch_related("by_guardians")
    )
    for consent in consents:
        guardian_ids = {g.pk for g in consent.by_guardians.all()}
        if not missing_consent(
            case.pupil, today, by_pupil=consent.by_pupil, guardian_ids=guardian_ids
        ):
            return consent
    return None


def destinations_for(case: Case):
    """Where a handover can go: the case's referral destinations and the parties a consent of
    the pupil names."""
    return SocialMapEntry.objects.filter(
        pk__in=case.referrals.values("destination").union(
            Consent.objects.filter(pupil=case.pupil_id, party__isnull=False).values("party")
        )
    ).order_by("name")


def _organisation_of(user: User):
    membership = user.memberships.filter(role=Role.WORKER).select_related("organisation").first()
    return membership.organisation if membership else None


def _cases_for(case: Case, organisation) -> list[Case]:
    """An inzage or afschrift covers every case of the pupil at this organisation."""
    colleagues = User.objects.filter(
        memberships__role=Role.WORKER, memberships__organisation=organisation
    ).values("pk")
    cases = list(Case.objects.filter(pupil=case.pupil_id, caseworker__in=colleagues))
    if case not in cases:
        cases.append(case)
    return cases


# A request under the AVG answered by an export: what it asks for, and who asks, as the export
# names it (someone else, asking with consent, is chosen on the form).
REQUEST_PURPOSES = {"inzage": Purpose.INZAGE, "afschrift": Purpose.AFSCHRIFT}
REQUEST_REQUESTERS = {
    "leerling": DossierExport.Requester.PUPIL,
    "ouder_gezag": DossierExport.Requester.PARENTS,
    "ouder_zonder": DossierExport.Requester.PARENTS,
}


def answers_request(request: RightsRequest) -> bool:
    """An inzage or afschrift granted and not yet closed: an export answers it."""
    return request.kind in REQUEST_PURPOSES and request.status in (
        RightsRequest.Status.GRANTED,
        RightsRequest.Status.READY_FOR_EXPORT,
    )


def _ensure_answerable(case: Case, request: RightsRequest) -> None:
    if request.pupil_id != case.pupil_id:
        raise Refused(_("This request is about another pupil; it cannot be answered here."))
    if not request.is_open:
        raise Refused(_("This request is closed; no export is made for it."))
    if request.kind not in REQUEST_PURPOSES:
        raise Refused(_("Only a request for inzage or afschrift is answered with an export."))
    if not answers_request(request):
        raise Refused(_("An export for a request is made once the request is granted."))


@transaction.atomic
def start_export(
    case: Case,
    *,
    by: User,
    purpose: str,
    requester: str = "",
    destination: SocialMapEntry | None = None,
    sections: list[str] | None = None,
    request: RightsRequest | None = None,
) -> DossierExport:
    """Start an export from the case page: the whole dossier for an inzage or afschrift, the
    chosen sections for a warm handover (which needs the consent for its destination). With
    `request`, the inzage or afschrift answers that granted request of the pupil: it asks for
    the purpose, and handing the export over closes it."""
    if not case_workflow.is_case_manager(by, case):
        raise Refused(_("Only the case manager can prepare a dossier export."))
    organisation = _organisation_of(by)
    if organisation is None:
        raise Refused(_("You are not employed by an organisation in SMW."))
    if request is not None:
        request = RightsRequest.objects.select_for_update().get(pk=request.pk)
        _ensure_answerable(case, request)
        if purpose != REQUEST_PURPOSES[request.kind]:
            raise Refused(
                _("This request asks for %(kind)s.")
                % {"kind": RightsRequest.Kind(request.kind).label},
                field="purpose",
            )
        requester = REQUEST_REQUESTERS.get(request.requester, requester)
        # Its privacy officer decided the request, and hands the export over.
        organisation = request.organisation
    if purpose == Purpose.HANDOVER:
        if destination is None:
            raise Refused(_("Choose the destination of the handover."), field="destination")
        if handover_consent(case, destination) is None:
            raise Refused(
                _(
                    "A handover to %(name)s needs the recorded consent of the pupil or parents "
                    "for that organisation. Record the consent first."
                )
                % {"name": destination.name},
                field="destination",
            )
        asked = set(sections or ())
        if not asked & set(HANDOVER_SECTIONS):
            raise Refused(_("Choose at least one part of the dossier."), field="sections")
        # The pupil's or parents' own statements travel with every export of the dossier.
        chosen = [s for s in HANDOVER_SECTIONS if s in asked or s == Section.OWN_STATEMENTS]
        requester, cases = "", [case]
    elif purpose in (Purpose.INZAGE, Purpose.AFSCHRIFT):
        if requester not in DossierExport.Requester.values:
            raise Refused(_("Say who asked for it."), field="requester")
        destination, chosen = None, list(Section.values)
        cases = _cases_for(case, organisation)
    else:
        raise Refused(_("Choose what the export is for."), field="purpose")
    export = DossierExport.objects.create(
        pupil=case.pupil,
        case=case,
        organisation=organisation,
        purpose=purpose,
        requester=requester,
        request=request,
        destination=destination,
        sections=chosen,
        made_by=by,
    )
    export.cases.set(cases)
    note = export.get_purpose_display()
    if request is not None:
        note = _("%(purpose)s for request %(number)s") % {"purpose": note, "number": request.pk}
    case_workflow.record_event(case, by=by, kind=CaseEvent.Kind.DOSSIER_EXPORT, note=note)
    _make_again(export)
    return export


def _make_again(export: DossierExport) -> None:
    """(Re)make the files, after commit; a making in progress is superseded (its result is
    thrown away: it no longer holds the attempt)."""
    from .exports import send

    DossierExport.objects.filter(pk=export.pk).update(
        status=Status.QUEUED, progress=0, step="", sent_at=None, error=""
    )
    export.status, export.progress, export.sent_at = Status.QUEUED, 0, None
    transaction.on_commit(partial(send, export))


def _locked(export: DossierExport) -> DossierExport:
    return DossierExport.objects.select_for_update().get(pk=export.pk)


@transaction.atomic
def withhold(export: DossierExport, *, by: User, key: str, ground: str) -> Withholding:
    """Keep one item out of the export, on a ground; the files are made again."""
    from .content import collect, review_items

    locked = _locked(export)
    if not access.can_review(by, export) or locked.handed_over_at is not None:
        raise Refused(_("This export can no longer be changed."))
    if ground not in Ground.values:
        raise Refused(_("Choose the ground for withholding it."), field="ground")
    kind, _sep, pk = key.partition(":")
    if kind not in ItemKind.values or not pk.isdigit():
        raise Refused(_("This item is not part of the export."))
    if key not in {item["key"] for item in review_items(collect(export))}:
        raise Refused(_("This item is not part of the export."))
    withholding, _created = Withholding.objects.update_or_create(
        export=export, kind=kind, object_id=int(pk), defaults={"ground": ground, "by": by}
    )
    log_note(Action.CHANGE, [export.pupil_id], obj=export, description="item withheld")
    _make_again(locked)
    return withholding


@transaction.atomic
def release(withholding: Withholding, *, by: User) -> None:
    """Put a withheld item back into the export; the files are made again."""
    export = _locked(withholding.export)
    if not access.can_review(by, export):
        raise Refused(_("This export can no longer be changed."))
    withholding.delete()
    log_note(Action.CHANGE, [export.pupil_id], obj=export, description="item put back")
    _make_again(export)


@transaction.atomic
def make_again(export: DossierExport, *, by: User) -> DossierExport:
    """'Make it again' after a failure, or when the background processing lost it."""
    export = _locked(export)
    if not access.can_review(by, export):
        raise Refused(_("This export can no longer be changed."))
    if export.status == Status.READY and export.has_files:
        raise Refused(_("This export is ready; nothing to make again."))
    _make_again(export)
    return export


@transaction.atomic
def hand_over(export: DossierExport, *, by: User) -> DossierExport:
    """Record that the reviewed export was handed over; its files leave the server after
    KEEP_DAYS days. A handover checks its consent once more."""
    export = _locked(export)
    if not access.can_hand_over(by, export):
        raise Refused(_("This export cannot be handed over now."))
    if (
        export.purpose == Purpose.HANDOVER
        and handover_consent(export.case, export.destination) is None
    ):
        raise Refused(
            _("The consent for %(name)s is no longer valid; the export cannot be handed over.")
            % {"name": export.destination.name}
        )
    export.handed_over_at, export.handed_over_by = timezone.now(), by
    export.expires_on = timezone.localdate() + datetime.timedelta(days=KEEP_DAYS)
    export.save(update_fields=["handed_over_at", "handed_over_by", "expires_on"])
    case_workflow.record_event(
        export.case,
        by=by,
        kind=CaseEvent.Kind.DOSSIER_EXPORT,
        note=_("%(purpose)s handed over") % {"purpose": export.get_purpose_display()},
    )
    if export.request_id is not None:
        _close_request(export, by=by)
    return export


def _close_request(export: DossierExport, *, by: User) -> None:
    """The request the export answers is closed with the handover, in the same transaction (a
    refusal undoes the handover). One closed otherwise already (recorded by hand) stays so."""
    from rights import workflow as rights_workflow

    request = RightsRequest.objects.get(pk=export.request_id)
    if not request.is_open:
        return
    rights_workflow.close_request(
        request,
        by=by,
        note=_("Handed over with export %(number)s") % {"number": export.pk},
    )


def remove_expired(today: datetime.date | None = None) -> int:
    """Beat's daily job: the files of exports handed over more than KEEP_DAYS days ago leave
    the server; the record stays (what was handed over, when, by whom). Returns how many."""
    today = today or timezone.localdate()
    removed = 0
    for export in DossierExport.objects.expired(today):
        with transaction.atomic():
            export = _locked(export)
            if export.files_removed_at is not None:
                continue
            _remove_files(export)
            removed += 1
    return removed


def _remove_files(export: DossierExport) -> None:
    """The export's PDF and ZIP leave the server; the record stays."""
    for field in (export.pdf, export.archive):
        if field:
            field.storage.delete(field.name)
    export.pdf, export.archive = "", ""
    export.files_removed_at = timezone.now()
    export.save(update_fields=["pdf", "archive", "files_removed_at"])


def remove_files_of_pupil(pupil_id: int) -> int:
    """When the pupil's dossier is destroyed (retention): every export's files go at once,
    whatever their expiry. Returns how many exports had files."""
    exports = DossierExport.objects.select_for_update().filter(
        pupil_id=pupil_id, files_removed_at__isnull=True
    )
    removed = 0
    for export in exports:
        _remove_files(export)
        removed += 1
    return removed
