"""Consent and referrals: record, withdraw, refer, follow the status. Every change writes to the
case timeline; moving the case itself goes through cases.workflow."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.log import Action
from audit.log import note as log_note
from cases import workflow as case_workflow
from cases.models import Case, CaseEvent
from smw.errors import Refused

from .consent import missing_consent
from .models import Consent, Referral, ReferralStatusChange, SocialMapEntry

Status = Referral.Status

# A status may move as far as reality did: an organisation that starts help straight after the
# application (or from its waiting list) skips the steps in between.
STATUS_TRANSITIONS: dict[str, set[str]] = {
    Status.PREPARED: {Status.SUBMITTED, Status.WITHDRAWN},
    Status.SUBMITTED: {
        Status.WAITING,
        Status.INTAKE,
        Status.STARTED,
        Status.REJECTED,
        Status.WITHDRAWN,
    },
    Status.WAITING: {Status.INTAKE, Status.STARTED, Status.REJECTED, Status.WITHDRAWN},
    Status.INTAKE: {Status.STARTED, Status.REJECTED, Status.WITHDRAWN},
    Status.STARTED: {Status.COMPLETED},
    Status.REJECTED: set(),
    Status.WITHDRAWN: set(),
    Status.COMPLETED: set(),
}


def next_statuses(referral: Referral) -> list[tuple[str, str]]:
    """(status, label) pairs the referral may move to now, in the order of Referral.Status."""
    allowed = STATUS_TRANSITIONS[referral.status]
    return [(status, label) for status, label in Status.choices if status in allowed]


def _ensure_manager(case: Case, by: User) -> None:
    if not case_workflow.is_case_manager(by, case):
        raise Refused(_("Only the case manager can do this."))


@transaction.atomic
def record_consent(
    case: Case,
    *,
    by: User,
    purpose: str,
    given_on: datetime.date,
    by_pupil: bool,
    guardian_ids: set[int],
    valid_until: datetime.date | None = None,
    party: SocialMapEntry | None = None,
    note: str = "",
) -> Consent:
    """Record a complete consent; refuses one that misses someone whose consent is required."""
    _ensure_manager(case, by)
    if given_on > timezone.localdate():
        raise Refused(_("Consent cannot be given in the future."))
    if valid_until is not None and valid_until < given_on:
        raise Refused(_("“Valid until” lies before the date it was given."))
    if purpose in (Consent.Purpose.SHARE, Consent.Purpose.REFERRAL) and party is None:
        raise Refused(_("Name the party this consent is for."))
    guardians = case.pupil.guardians.filter(pk__in=guardian_ids)
    if len(guardians) != len(guardian_ids):
        raise Refused(_("Choose only parents of this pupil."))
    missing = missing_consent(case.pupil, given_on, by_pupil=by_pupil, guardian_ids=guardian_ids)
    if missing:
        raise Refused(
            _("This consent is not complete. Missing: %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
    consent = Consent.objects.create(
        pupil=case.pupil,
        case=case,
        purpose=purpose,
        party=party,
        by_pupil=by_pupil,
        given_on=given_on,
        valid_until=valid_until,
        note=note,
        recorded_by=by,
    )
    consent.by_guardians.set(guardians)
    case_workflow.record_event(
        case, by=by, kind=CaseEvent.Kind.CONSENT, note=consent.get_purpose_display()
    )
    return consent


@transaction.atomic
def withdraw_consent(consent: Consent, *, by: User, on: datetime.date, note: str = "") -> None:
    case = consent.case
    _ensure_manager(case, by)
    if consent.withdrawn_on is not None:
        raise Refused(_("This consent was already withdrawn."))
    if on < consent.given_on or on > timezone.localdate():
        raise Refused(_("Choose a withdrawal date between the consent and today."))
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on"])
    case_workflow.record_event(
        case,
        by=by,
        kind=CaseEvent.Kind.CONSENT_WITHDRAWN,
        note=f"{consent.get_purpose_display()} {note}".strip(),
    )


def valid_referral_consents(case: Case, destination: SocialMapEntry | None = None):
    """Referral consents valid today; one a birthday since made incomplete does not count
    (continuity.consent)."""
    from continuity.consent import counting

    today = timezone.localdate()
    consents = Consent.objects.filter(pupil=case.pupil_id, purpose=Consent.Purpose.REFERRAL)
    if destination is not None:
        consents = consents.filter(party=destination)
    return consents.filter(pk__in=[c.pk for c in counting(consents, today)])


@transaction.atomic
def refer(
    case: Case,
    *,
    by: User,
    destination: SocialMapEntry,
    reason: str,
    question: str,
    shared_information: str,
    follow_up_on: datetime.date,
    consent: Consent | None = None,
    acute_exception: bool = False,
    exception_reason: str = "",
    submit: bool = True,
) -> Referral:
    """Make a referral. Submitting needs valid consent for this destination, or the acute-safety
    exception with a written reason; it moves the case to `referred` through the case workflow."""
    _ensure_manager(case, by)
    if not case.is_open:
        raise Refused(_("A closed case cannot be referred. Reopen it first."))
    if not destination.active:
        raise Refused(_("This organisation is no longer active on the sociale kaart."))
    if follow_up_on < timezone.localdate():
        raise Refused(_("The follow-up date lies in the past."))
    if acute_exception:
        if not exception_reason.strip():
            raise Refused(_("Write down why you refer without consent."))
        consent = None
    elif (
        consent is None
        or not valid_referral_consents(case, destination).filter(pk=consent.pk).exists()
    ):
        from continuity.consent import ask_again_reason

        reason = ask_again_reason(consent) if consent is not None else None
        if reason:
            raise Refused(reason)
        raise Refused(
            _("A referral needs valid consent for referral to %(name)s. Record the consent first.")
            % {"name": destination.name}
        )
    today = timezone.localdate()
    referral = Referral.objects.create(
        case=case,
        destination=destination,
        reason=reason,
        question=question,
        shared_information=shared_information,
        consent=consent,
        acute_exception=acute_exception,
        exception_reason=exception_reason.strip(),
        follow_up_on=follow_up_on,
        status=Status.PREPARED,
        status_changed_on=today,
        created_by=by,
    )
    ReferralStatusChange.objects.create(referral=referral, status=Status.PREPARED, on=today, by=by)
    note = destination.name
    if acute_exception:
        note += " – " + _("without consent (acute safety): %(reason)s") % {
            "reason": exception_reason.strip()
        }
    case_workflow.record_event(case, by=by, kind=CaseEvent.Kind.REFERRAL, note=note)
    # What is shared leaves SMW for the organisation: an export of the pupil's data.
    log_note(
        Action.EXPORT,
        [case.pupil_id],
        obj=referral,
        description=f"referral to {destination.name}",
    )
    if submit:
        change_status(referral, by=by, status=Status.SUBMITTED, on=today)
        # change_status saved its own locked copy; return the referral as it now is.
        referral.refresh_from_db()
    return referral


@transaction.atomic
def refer_with_new_consent(
    case: Case,
    *,
    by: User,
    destination: SocialMapEntry,
    by_pupil: bool,
    guardian_ids: set[int],
    given_on: datetime.date,
    new_guardian: dict | None = None,
    **referral,
) -> Referral:
    """Record a parent (when named), the consent for this referral and the referral itself, all
    or nothing: a refusal anywhere leaves no half-recorded consent and the form as typed."""
    from cases.models import Guardian

    guardian_ids = set(guardian_ids)
    if new_guardian is not None:
        consents = new_guardian.pop("consents", True)
        guardian = Guardian(**new_guardian)
        case_workflow.save_guardian(case, guardian, by=by)
        if consents:
            guardian_ids.add(guardian.pk)
    consent = record_consent(
        case,
        by=by,
        purpose=Consent.Purpose.REFERRAL,
        given_on=given_on,
        by_pupil=by_pupil,
        guardian_ids=guardian_ids,
        party=destination,
    )
    return refer(case, by=by, destination=destination, consent=consent, **referral)


@transaction.atomic
def change_status(
    referral: Referral, *, by: User, status: str, on: datetime.date, note: str = ""
) -> ReferralStatusChange:
    referral = (
        Referral.objects.select_for_update()
        .select_related("case", "destination")
        .get(pk=referral.pk)
    )
    case = referral.case
    _ensure_manager(case, by)
    if status not in STATUS_TRANSITIONS[referral.status]:
        raise Refused(
            _("A referral that is “%(from)s” cannot become “%(to)s”.")
            % {"from": referral.get_status_display(), "to": Status(status).label}
        )
    if status == Status.REJECTED and not note.strip():
        raise Refused(_("Give the reason for the rejection."))
    if on > timezone.localdate() or on < referral.status_changed_on:
        raise Refused(_("Choose a date between the previous status and today."))
    if status == Status.SUBMITTED:
        if not referral.acute_exception and (
            referral.consent is None or not referral.consent.is_valid_on(on)
        ):
            raise Refused(_("The consent for this referral is no longer valid."))
        if (
            case.stage in case_workflow.TRANSITIONS
            and Case.Stage.REFERRED in (case_workflow.TRANSITIONS[case.stage])
        ):
            case_workflow.refer_case(case, by=by, note=referral.destination.name)
        elif case.stage != Case.Stage.REFERRED:
            raise Refused(
                _("A case in stage “%(stage)s” cannot be referred.")
                % {"stage": case.get_stage_display()}
            )
    referral.status = status
    referral.status_changed_on = on
    referral.save(update_fields=["status", "status_changed_on"])
    change = ReferralStatusChange.objects.create(
        referral=referral, status=status, on=on, note=note.strip(), by=by
    )
    case_workflow.record_event(
        case,
        by=by,
        kind=CaseEvent.Kind.REFERRAL_STATUS,
        note=f"{referral.destination.name}: {referral.get_status_display()}",
    )
    return change
