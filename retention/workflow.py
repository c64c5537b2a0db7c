"""Every change of retention: the terms, holds, and destruction lists. Each function checks who
may do it, changes the rows in one transaction, and leaves the side effects for after the commit.

Four eyes: a team leader proposes a list of due dossiers, a privacy officer of the same
organisation approves or rejects it, and one person can never do both for one list (also a
database constraint). Nothing is destroyed without an approved list.

Early destruction on request (AVG art. 17, Jeugdwet art. 7.3.9): when the decider grants a
request for destruction (rights.workflow.decide_request), `destroy_on_request` makes a list of
that one dossier, proposed by the case manager who put the request forward and approved by the
decider, and it is carried out as every approved list is.
"""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from meldcode.models import Trajectory

from . import terms
from .models import (
    DestructionItem,
    DestructionList,
    Extension,
    LegalHold,
    Policy,
    add_years,
)

log = logging.getLogger(__name__)

# The rule of a destruction on request, as it stands on the record and the certificate.
ON_REQUEST_RULE = gettext_lazy("on request, AVG art. 17 / Jeugdwet art. 7.3.9")

# A hold put on by a melding to Veilig Thuis is reviewed after this many years.
MELDCODE_HOLD_REVIEW_YEARS = 5


class Refused(Exception):
    """A retention step that may not be taken; the message says why, in the user's language."""


def _organisations(user: User, role: str) -> set[int]:
    return set(user.memberships.filter(role=role).values_list("organisation_id", flat=True))


def set_policy(
    organisation, *, by: User, years: int, basis: str, work_note_grace_days: int
) -> Policy:
    if organisation.pk not in _organisations(by, Role.PRIVACY):
        raise Refused(_("Only the organisation's privacy officer sets its retention term."))
    with transaction.atomic():
        policy, _created = Policy.objects.select_for_update().get_or_create(
            organisation=organisation
        )
        policy.years, policy.basis = years, basis
        policy.work_note_grace_days, policy.updated_by = work_note_grace_days, by
        policy.save()
    log.info("retention policy of organisation %s set by %s", organisation.pk, by.pk)
    return policy


def extend_term(pupil, *, by: User, years: int, reason: str) -> Extension:
    """A longer term for one dossier; a shorter one than the organisation's is refused."""
    dossier = terms.dossier_of(pupil)
    current = dossier.years if dossier else terms.policy_for(None).years
    if years <= current:
        raise Refused(
            _("A dossier's term can only be made longer than %(years)d years.") % {"years": current}
        )
    if not reason.strip():
        raise Refused(_("Give the reason for the longer term."))
    return Extension.objects.create(pupil=pupil, years=years, reason=reason.strip(), by=by)


def place_hold(
    pupil, *, by: User | None, kind: str, reason: str, review_on: datetime.date, trajectory=None
) -> LegalHold:
    if not reason.strip():
        raise Refused(_("Give the reason for the legal hold."))
    if review_on <= timezone.localdate() and trajectory is None:
        raise Refused(_("The review date must lie in the future."))
    hold = LegalHold.objects.create(
        pupil=pupil,
        kind=kind,
        reason=reason.strip(),
        review_on=review_on,
        placed_by=by,
        trajectory=trajectory,
        since=(trajectory.legal_hold_since if trajectory else timezone.localdate()),
    )
    log.info("legal hold %s on pupil %s", hold.pk, pupil.pk)
    return hold


def lift_hold(hold: LegalHold, *, by: User, reason: str) -> LegalHold:
    if not reason.strip():
        raise Refused(_("Give the reason for lifting the legal hold."))
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if hold.lifted_at is not None:
            raise Refused(_("This legal hold was already lifted."))
        hold.lifted_at, hold.lifted_by, hold.lift_reason = timezone.now(), by, reason.strip()
        hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    return hold


def review_hold(hold: LegalHold, *, by: User, review_on: datetime.date) -> LegalHold:
    """The hold stays: next review on `review_on`."""
    if review_on <= timezone.localdate():
        raise Refused(_("The review date must lie in the future."))
    LegalHold.objects.filter(pk=hold.pk, lifted_at__isnull=True).update(review_on=review_on)
    hold.review_on = review_on
    return hold


def sync_meldcode_holds() -> int:
    """A melding to Veilig Thuis (meldcode's `legal_hold_since`) becomes a legal hold the
    privacy officer sees, reviews and can lift. (Until then the melding blocks by itself:
    terms.due_dossiers reads it.) The number of holds placed."""
    placed = 0
    for trajectory in Trajectory.objects.filter(
        legal_hold_since__isnull=False, legal_hold__isnull=True
    ).select_related("case"):
        place_hold(
            trajectory.case.pupil,
            by=None,
            kind=LegalHold.Kind.VEILIG_THUIS,
            reason=_("Melding to Veilig Thuis (meldcode trajectory %(number)s)")
            % {"number": trajectory.pk},
            review_on=add_years(trajectory.legal_hold_since, MELDCODE_HOLD_REVIEW_YEARS),
            trajectory=trajectory,
        )
        placed += 1
    return placed


def propose_list(organisation, *, by: User, pupil_ids: list[int] | None = None) -> DestructionList:
    """A team leader proposes the organisation's due dossiers (all, or those chosen)."""
    if organisation.pk not in _organisations(by, Role.TEAMLEAD):
        raise Refused(_("Only a team leader of the organisation proposes a destruction list."))
    due = terms.due_dossiers(organisations=[organisation.pk])
    if pupil_ids is not None:
        chosen = set(pupil_ids)
        due = [d for d in due if d.pupil_id in chosen]
    if not due:
        raise Refused(_("No dossier of this organisation is due for destruction."))
    try:
        with transaction.atomic():
            destruction_list = DestructionList.objects.create(
                organisation=organisation, proposed_by=by
            )
            DestructionItem.objects.bulk_create(
                DestructionItem(
                    destruction_list=destruction_list,
                    pupil_id=d.pupil_id,
                    school_id=d.school_id,
                    case_numbers=d.case_numbers,
                    last_closed_on=d.last_closed_on,
                    years=d.years,
                    term_ended_on=d.term_ended_on,
                    rule=d.rule,
                )
                for d in due
            )
    except IntegrityError:
        raise Refused(
            _("A destruction list of this organisation is already waiting for approval.")
        ) from None
    log.info("destruction list %s proposed by %s", destruction_list.pk, by.pk)
    return destruction_list


def _decidable(destruction_list: DestructionList, by: User) -> DestructionList:
    destruction_list = DestructionList.objects.select_for_update().get(pk=destruction_list.pk)
    if destruction_list.organisation_id not in _organisations(by, Role.PRIVACY):
        raise Refused(_("Only the organisation's privacy officer decides on this list."))
    if destruction_list.status != DestructionList.Status.PROPOSED:
        raise Refused(_("This list was already decided on."))
    if destruction_list.proposed_by_id == by.pk:
        raise Refused(
            _("You proposed this list yourself: another person must approve it (four eyes).")
        )
    return destruction_list


def approve_list(destruction_list: DestructionList, *, by: User, note: str = "") -> DestructionList:
    """The privacy officer approves: the dossiers are destroyed after the commit (a task)."""
    with transaction.atomic():
        destruction_list = _decidable(destruction_list, by)
        destruction_list.status = DestructionList.Status.APPROVED
        destruction_list.decided_by, destruction_list.decided_at = by, timezone.now()
        destruction_list.decision_note = note.strip()
        destruction_list.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        pk = destruction_list.pk

        def carry_out():
            from .tasks import carry_out_list

            carry_out_list.delay(pk)

        transaction.on_commit(carry_out)
    log.info("destruction list %s approved by %s", pk, by.pk)
    return destruction_list


def reject_list(destruction_list: DestructionList, *, by: User, note: str) -> DestructionList:
    if not note.strip():
        raise Refused(_("Say why the list is rejected."))
    with transaction.atomic():
        destruction_list = _decidable(destruction_list, by)
        destruction_list.status = DestructionList.Status.REJECTED
        destruction_list.decided_by, destruction_list.decided_at = by, timezone.now()
        destruction_list.decision_note = note.strip()
        destruction_list.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return destruction_list


def destroy_on_request(request, *, by: User) -> DestructionList:
    """The decider granted `request` (a RightsRequest for destruction): a list of its pupil's
    dossier, approved at once, carried out after the commit. Runs in the decision's transaction;
    the decision checked who decides, the holds and that no case is open."""
    dossier = terms.dossier_of(request.pupil)
    if dossier is None:
        raise Refused(_("The pupil has an open case: close it before the dossier is destroyed."))
    if dossier.held:
        raise Refused(_("The dossier is on legal hold: it cannot be destroyed."))
    proposer_id = request.submitted_by_id or request.created_by_id
    if proposer_id == by.pk:
        raise Refused(
            _(
                "You put this request forward yourself: another person must grant the "
                "destruction (four eyes)."
            )
        )
    now = timezone.now()
    destruction_list = DestructionList.objects.create(
        organisation_id=request.organisation_id,
        status=DestructionList.Status.APPROVED,
        proposed_by_id=proposer_id,
        proposed_at=request.submitted_at or now,
        decided_by=by,
        decided_at=now,
        decision_note=str(ON_REQUEST_RULE),
        request=request,
    )
    DestructionItem.objects.create(
        destruction_list=destruction_list,
        pupil_id=dossier.pupil_id,
        school_id=dossier.school_id,
        case_numbers=dossier.case_numbers,
        last_closed_on=dossier.last_closed_on,
        years=dossier.years,
        # The term ends early: on the day the request was granted.
        term_ended_on=timezone.localdate(),
        rule=str(ON_REQUEST_RULE),
    )
    pk = destruction_list.pk

    def carry_out_after_commit():
        from .tasks import carry_out_list

        carry_out_list.delay(pk)

    transaction.on_commit(carry_out_after_commit)
    log.info("destruction list %s on request %s approved by %s", pk, request.pk, by.pk)
    return destruction_list


def _still_to_destroy(destruction_list: DestructionList, item: DestructionItem) -> bool:
    """A dossier put on hold or reopened since is kept; one whose term was extended too, unless
    its destruction was asked for (the request set the term aside)."""
    if terms.is_destroyed(item.pupil_id):
        return False
    still = terms.dossier_of(item.pupil)
    if still is None or still.held:
        return False
    return destruction_list.on_request or still.due


def carry_out(destruction_list: DestructionList, *, at: datetime.datetime | None = None) -> int:
    """Destroy the dossiers of an approved list, each in its own transaction, skipping one that
    was put on hold, reopened or extended since the proposal; then the certificate. Idempotent:
    the daily job finishes a list that was interrupted. The number destroyed. A list on request
    then closes its request (rights.workflow.destruction_carried_out)."""
    from .certificate import store_certificate
    from .destroy import destroy_dossier

    destruction_list = DestructionList.objects.get(pk=destruction_list.pk)
    if destruction_list.status != DestructionList.Status.APPROVED:
        return 0
    destroyed = 0
    for item in destruction_list.items.filter(destroyed_at__isnull=True, skipped_reason=""):
        if not _still_to_destroy(destruction_list, item):
            why = _("kept: open again, on hold or its term was extended")
            DestructionItem.objects.filter(pk=item.pk).update(skipped_reason=why)
            continue
        destroy_dossier(item, by=destruction_list.decided_by, at=at)
        destroyed += 1
    with transaction.atomic():
        done = DestructionList.objects.select_for_update().get(pk=destruction_list.pk)
        if done.status == DestructionList.Status.APPROVED:
            done.status, done.done_at = DestructionList.Status.DONE, at or timezone.now()
            done.save(update_fields=["status", "done_at"])
            if done.request_id:
                from rights.workflow import destruction_carried_out

                destruction_carried_out(done)
            transaction.on_commit(lambda: store_certificate(done.pk))
    return destroyed
