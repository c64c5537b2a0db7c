"""Every step of a request under the AVG, and the correction of pupil data.

Each function checks who may do it, changes the rows in one transaction, writes a step in the
request's own history and a line on the pupil's timeline (cases.workflow.record_event, which
also notes the change in the access log), and sends nothing by mail: reminders are the daily
task's (rights/reminders.py).

    received ──► submitted ──► granted ──────────► done        (correction: carried out)
       (case manager)  (decider) ├► ready for export ► done     (inzage, afschrift: handed over)
                                 ├► done                        (aanvulling: statement added)
                                 └► refused                     (with a reason; own statement)

A request for destruction (vernietiging; AVG art. 17, Jeugdwet art. 7.3.9) is refused only on one
of two grounds (RightsRequest.RefusalGround: a substantial interest of another person, a legal
duty such as a legal hold), with the reason; a dossier on legal hold cannot be granted. Granted,
the dossier goes onto a destruction list of its own (retention.workflow.destroy_on_request:
proposed by the case manager who put it forward, approved by the decider — never the same
person), carried out after the commit as every approved list; then the request is done. The
request and its steps stay as the proof, without personal data (erase_pupil_rights).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Role, User
from cases.models import Case, CaseEvent, Guardian, Pupil
from cases.workflow import is_case_manager, record_event
from schools.access import assigned_schools
from schools.models import School
from smw.errors import Refused

from .access import is_decider
from .deadlines import deadline_for, latest_extension
from .models import OwnStatement, PupilCorrection, RequestStep, RightsRequest
from .rules import who_may_ask

Kind = RightsRequest.Kind
Status = RightsRequest.Status

REMOVED = "[verwijderd]"  # as retention.destroy.REMOVED


class RightsRefused(Refused):
    """A step the rules do not allow now; str(exc) is a message for the person."""


def _step(request: RightsRequest, *, by: User, what: str, note: str = "") -> None:
    RequestStep.objects.create(request=request, by=by, what=what, note=note)
    label = RightsRequest.Kind(request.kind).label
    record_event(request.case, by=by, kind=CaseEvent.Kind.RIGHTS, note=f"{label}: {what}"[:300])


def _locked(request: RightsRequest) -> RightsRequest:
    return (
        RightsRequest.objects.select_for_update().select_related("case", "pupil").get(pk=request.pk)
    )


def _ensure_manager(by: User, case: Case) -> None:
    if not is_case_manager(by, case):
        raise RightsRefused(_("Only the case manager can do this."))


def _ensure_decider(by: User, request: RightsRequest) -> None:
    if not is_decider(by, request):
        raise RightsRefused(
            _("Only the privacy officer (or, without one, the team leader) decides this.")
        )


def _ensure_open(request: RightsRequest) -> None:
    if not request.is_open:
        raise RightsRefused(_("This request is closed."))


def is_harm_question(request: RightsRequest) -> bool:
    """A parent with gezag of a pupil under 16: the decider judges whether access would harm.
    (Not for destruction: nothing is given to the parent.)"""
    return (
        request.kind != Kind.ERASURE
        and request.requester == RightsRequest.Requester.PARENT_WITH_AUTHORITY
        and request.pupil.age_on(request.received_on) < 16
    )


@transaction.atomic
def register_request(
    case: Case,
    *,
    by: User,
    kind: str,
    requester: str,
    guardian: Guardian | None,
    requester_name: str,
    received_on: datetime.date,
    identity_check: str,
    identity_note: str = "",
    consent_given: bool = False,
    description: str = "",
) -> RightsRequest:
    """Register a request received for the case's pupil; refused when the requester may not ask
    (rights.rules)."""
    case = Case.objects.select_for_update().select_related("pupil").get(pk=case.pk)
    _ensure_manager(by, case)
    if kind not in Kind.values:
        raise RightsRefused(_("Choose what is asked."), field="kind")
    if received_on > timezone.localdate():
        raise RightsRefused(_("This date lies in the future."), field="received_on")
    pupil = case.pupil
    parent = requester in (
        RightsRequest.Requester.PARENT_WITH_AUTHORITY,
        RightsRequest.Requester.PARENT_WITHOUT_AUTHORITY,
    )
    if parent and guardian is None:
        raise RightsRefused(_("Choose the parent who asks."), field="guardian")
    if guardian is not None and guardian.pupil_id != pupil.pk:
        raise RightsRefused(_("Choose only parents of this pupil."), field="guardian")
    if not parent:
        guardian = None
    if requester == RightsRequest.Requester.PUPIL:
        requester_name = pupil.full_name
    elif guardian is not None:
        requester_name = guardian.name
    if not requester_name.strip():
        raise RightsRefused(_("Give the name of the requester."), field="requester_name")
    if kind == Kind.STATEMENT and not description.strip():
        raise RightsRefused(
            _("Write down the statement the requester wants added."), field="description"
        )
    verdict = who_may_ask(
        pupil,
        requester,
        received_on,
        consent_given=consent_given,
        authority=bool(guardian and guardian.has_authority),
    )
    if not verdict.allowed:
        raise RightsRefused(verdict.message)
    membership = by.memberships.filter(role=Role.WORKER).first()
    request = RightsRequest.objects.create(
        pupil=pupil,
        case=case,
        organisation_id=membership.organisation_id,
        kind=kind,
        requester=requester,
        guardian=guardian,
        requester_name=requester_name.strip(),
        received_on=received_on,
        identity_check=identity_check,
        identity_checked_by=by,
        identity_note=identity_note.strip(),
        consent_given=consent_given and verdict.needs_consent,
        description=description.strip(),
        deadline=deadline_for(received_on),
        created_by=by,
    )
    _step(request, by=by, what=_("registered"), note=verdict.message)
    return request


@transaction.atomic
def submit_request(request: RightsRequest, *, by: User, preparation_note: str) -> RightsRequest:
    """The case manager has prepared the request and puts it before the decider."""
    request = _locked(request)
    _ensure_manager(by, request.case)
    if request.status != Status.RECEIVED:
        raise RightsRefused(_("This request has already been put forward."))
    request.preparation_note = preparation_note.strip()
    request.status = Status.SUBMITTED
    request.submitted_at, request.submitted_by = timezone.now(), by
    request.save(update_fields=["preparation_note", "status", "submitted_at", "submitted_by"])
    _step(request, by=by, what=_("put forward for a decision"), note=request.preparation_note)
    return request


@transaction.atomic
def extend_deadline(
    request: RightsRequest, *, by: User, until: datetime.date, reason: str
) -> RightsRequest:
    """Once, by up to two months, with a reason (the requester is told by letter)."""
    request = _locked(request)
    if not (is_case_manager(by, request.case) or is_decider(by, request)):
        raise RightsRefused(_("Only the case manager or the decider can extend the deadline."))
    _ensure_open(request)
    if request.extended_until is not None:
        raise RightsRefused(_("The deadline of a request can be extended only once."))
    if not reason.strip():
        raise RightsRefused(_("Give the reason for the extension."), field="reason")
    if until <= request.deadline:
        raise RightsRefused(_("The new deadline must lie after the current one."), field="until")
    latest = latest_extension(request.deadline)
    if until > latest:
        raise RightsRefused(
            _("A deadline is extended by two months at most: until %(latest)s.")
            % {"latest": date_format(latest, "j F Y")},
            field="until",
        )
    request.extended_until, request.extension_reason = until, reason.strip()
    request.save(update_fields=["extended_until", "extension_reason"])
    _step(
        request,
        by=by,
        what=_("deadline extended to %(until)s") % {"until": date_format(until, "j F Y")},
        note=request.extension_reason,
    )
    return request


@transaction.atomic
def decide_request(
    request: RightsRequest,
    *,
    by: User,
    grant: bool,
    reason: str,
    harms_child: bool | None = None,
    harm_reason: str = "",
    statement: str = "",
    refusal_ground: str = "",
) -> RightsRequest:
    """Grant or refuse a request put forward. For a parent with gezag of a pupil under 16 the
    decider records whether access would harm the child (and why); harm means refusal. A
    refused correction takes the requester's own statement (eigen verklaring), when given. A
    request for destruction is refused only on a ground (`refusal_ground`); granted, its
    dossier is destroyed after the commit (retention)."""
    request = _locked(request)
    _ensure_decider(by, request)
    if request.status != Status.SUBMITTED:
        raise RightsRefused(_("Only a request put forward by the case manager can be decided."))
    if is_harm_question(request):
        if harms_child is None:
            raise RightsRefused(
                _("Record whether access would harm the child."), field="harms_child"
            )
        if not harm_reason.strip():
            raise RightsRefused(_("Give the reason for this judgement."), field="harm_reason")
        if harms_child and grant:
            raise RightsRefused(
                _("Access would harm the child: this request can only be refused."),
                field="grant",
            )
        request.harms_child, request.harm_reason = harms_child, harm_reason.strip()
    if not grant and not reason.strip():
        raise RightsRefused(_("Give the reason for the refusal."), field="reason")
    if request.kind == Kind.ERASURE:
        _check_erasure(request, by=by, grant=grant, ground=refusal_ground)
        request.refusal_ground = "" if grant else refusal_ground
    request.decision_reason = reason.strip()
    request.decided_at, request.decided_by = timezone.now(), by
    if not grant:
        request.status, request.closed_at = Status.REFUSED, timezone.now()
    elif request.kind in (Kind.INSPECTION, Kind.COPY):
        request.status = Status.READY_FOR_EXPORT
    elif request.kind in (Kind.CORRECTION, Kind.ERASURE):
        request.status = Status.GRANTED
    else:
        request.status, request.closed_at = Status.DONE, timezone.now()
    request.save()
    what = _("granted") if grant else _("refused")
    if not grant and request.refusal_ground:
        ground = RightsRequest.RefusalGround(request.refusal_ground).label
        what = _("refused: %(ground)s") % {"ground": str(ground).lower()}
    _step(request, by=by, what=what, note=request.decision_reason)
    if grant and request.kind == Kind.ERASURE:
        _destroy_on_request(request, by=by)
    if grant and request.kind == Kind.STATEMENT:
        _add_statement(request, by=by, text=request.description)
    if not grant and request.kind == Kind.CORRECTION and statement.strip():
        _add_statement(request, by=by, text=statement)
    return request


# --- Destruction on request --------------------------------------------------------------------


def _check_erasure(request: RightsRequest, *, by: User, grant: bool, ground: str) -> None:
    """A refusal names one of the two grounds; a grant is impossible while the dossier is on
    legal hold (the hold's reason is shown), by the one who put the request forward (four eyes),
    or while a case of the pupil is open."""
    from retention.terms import hold_reasons

    if not grant:
        if ground not in RightsRequest.RefusalGround.values:
            raise RightsRefused(
                _(
                    "A request for destruction is refused only for a substantial interest of "
                    "another person or a legal duty: choose the ground."
                ),
                field="refusal_ground",
            )
        return
    reasons = hold_reasons(request.pupil_id)
    if reasons:
        raise RightsRefused(
            _(
                "The dossier is on legal hold (%(reasons)s): it cannot be destroyed. Refuse the "
                "request on the ground of a legal duty, with this reason."
            )
            % {"reasons": "; ".join(reasons)},
            field="grant",
        )
    if (request.submitted_by_id or request.created_by_id) == by.pk:
        raise RightsRefused(
            _(
                "You put this request forward yourself: another person must grant the "
                "destruction (four eyes)."
            ),
            field="grant",
        )
    if Case.objects.filter(pupil=request.pupil_id).exclude(stage=Case.Stage.CLOSED).exists():
        raise RightsRefused(
            _("The pupil has an open case: close it before the dossier is destroyed."),
            field="grant",
        )


def erasure_intro(request: RightsRequest) -> str:
    """What the decider reads before deciding on a request for destruction: the date by which
    the dossier must be destroyed, and any legal hold that forbids it."""
    from retention.terms import hold_reasons

    text = _(
        "Granted, the whole dossier of the pupil is destroyed right after this decision, and in "
        "any case by %(day)s (three months from receipt). You cannot grant a request you put "
        "forward yourself."
    ) % {"day": date_format(request.destroy_by, "j F Y")}
    reasons = hold_reasons(request.pupil_id)
    if reasons:
        text += " " + _(
            "The dossier is on legal hold (%(reasons)s): it can only be refused, on the ground "
            "of a legal duty."
        ) % {"reasons": "; ".join(reasons)}
    return text


def _destroy_on_request(request: RightsRequest, *, by: User) -> None:
    from retention.workflow import Refused as RetentionRefused
    from retention.workflow import destroy_on_request

    try:
        destruction_list = destroy_on_request(request, by=by)
    except RetentionRefused as exc:
        raise RightsRefused(str(exc), field="grant") from None
    _step(
        request,
        by=by,
        what=_("dossier put on destruction list %(number)s, to be destroyed by %(day)s")
        % {"number": destruction_list.pk, "day": date_format(request.destroy_by, "j F Y")},
    )


def destruction_carried_out(destruction_list) -> RightsRequest | None:
    """Retention carried out the list of a granted request for destruction: the request is done
    (or, when the dossier was kept after all, says so and stays granted). Runs in retention's
    transaction, after the erasure: the steps hold no personal data, and go in the request's
    own history only (the pupil's timeline was destroyed with the dossier)."""
    request = (
        RightsRequest.objects.select_for_update()
        .select_related("case")
        .filter(pk=destruction_list.request_id)
        .first()
    )
    if request is None or request.status != Status.GRANTED:
        return request
    by = destruction_list.decided_by
    if destruction_list.records.exists():
        request.status, request.closed_at = Status.DONE, timezone.now()
        request.save(update_fields=["status", "closed_at"])
        what = _("dossier destroyed; request carried out and closed")
    else:
        what = _("dossier not destroyed: a case is open again or on hold")
    RequestStep.objects.create(request=request, by=by, what=what)
    return request


def _add_statement(request: RightsRequest, *, by: User, text: str) -> OwnStatement:
    statement = OwnStatement.objects.create(
        pupil=request.pupil,
        case=request.case,
        request=request,
        author_name=request.requester_name,
        text=text.strip(),
        created_by=by,
    )
    _step(request, by=by, what=_("own statement added to the dossier"))
    return statement


@transaction.atomic
def add_own_statement(request: RightsRequest, *, by: User, text: str) -> OwnStatement:
    """A refused correction: the requester's own statement, added later to the dossier."""
    request = _locked(request)
    if not (is_case_manager(by, request.case) or is_decider(by, request)):
        raise RightsRefused(_("Only the case manager or the decider can do this."))
    if request.kind != Kind.CORRECTION or request.status != Status.REFUSED:
        raise RightsRefused(_("An own statement is added to a refused correction."))
    if not text.strip():
        raise RightsRefused(_("Write down the requester's own statement."), field="text")
    return _add_statement(request, by=by, text=text)


@transaction.atomic
def close_request(request: RightsRequest, *, by: User, note: str) -> RightsRequest:
    """The decider closes a granted request: the correction carried out, or the inzage or
    afschrift handed over."""
    request = _locked(request)
    _ensure_decider(by, request)
    if request.status not in (Status.GRANTED, Status.READY_FOR_EXPORT):
        raise RightsRefused(_("Only a granted request that is not yet closed can be closed."))
    if request.kind == Kind.CORRECTION and not request.corrections.exists() and not note.strip():
        raise RightsRefused(
            _("No correction is linked to this request: say what was done."), field="note"
        )
    request.status, request.closed_at = Status.DONE, timezone.now()
    request.save(update_fields=["status", "closed_at"])
    what = (
        _("handed over and closed")
        if request.kind in (Kind.INSPECTION, Kind.COPY)
        else _("carried out and closed")
    )
    _step(request, by=by, what=what, note=note.strip())
    return request


# --- Correcting pupil data -------------------------------------------------------------------

CORRECTABLE = ["first_name", "last_name", "date_of_birth", "school", "group"]


def _as_text(value) -> str:
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, School):
        return value.name
    return str(value or "")


def correctable_requests(case: Case) -> list[RightsRequest]:
    """Granted correction requests of the pupil that a correction can be linked to."""
    return list(
        RightsRequest.objects.filter(
            pupil=case.pupil_id, kind=Kind.CORRECTION, status=Status.GRANTED
        )
    )


@transaction.atomic
def correct_pupil(
    case: Case,
    *,
    by: User,
    reason: str,
    request: RightsRequest | None = None,
    **values,
) -> list[PupilCorrection]:
    """Correct the pupil's names, date of birth, school or group; each change keeps its old
    value in the history. A new school must be one where the case manager works; the pupil's
    cases move with it (they are the same pupil, registered at the wrong school)."""
    case = Case.objects.select_for_update().select_related("pupil").get(pk=case.pk)
    _ensure_manager(by, case)
    if not reason.strip():
        raise RightsRefused(_("Give the reason for the correction."), field="reason")
    if request is not None and request.pk not in {r.pk for r in correctable_requests(case)}:
        raise RightsRefused(
            _("Link only a granted correction request of this pupil."), field="request"
        )
    pupil = Pupil.objects.select_for_update().get(pk=case.pupil_id)
    school = values.get("school")
    moved = school is not None and school.pk != pupil.school_id
    if moved and not assigned_schools(by).filter(pk=school.pk).exists():
        raise RightsRefused(_("Choose a school where you work this school year."), field="school")
    if values.get("date_of_birth") and values["date_of_birth"] > timezone.localdate():
        raise RightsRefused(_("This date lies in the future."), field="date_of_birth")
    corrections = []
    for name in CORRECTABLE:
        if name not in values:
            continue
        new = values[name]
        if isinstance(new, str):
            new = new.strip()
        old = getattr(pupil, name)
        if new == old or (name == "school" and new is None):
            continue
        corrections.append(
            PupilCorrection(
                pupil=pupil,
                field=name,
                old_value=_as_text(old)[:200],
                new_value=_as_text(new)[:200],
                reason=reason.strip(),
                request=request,
                by=by,
            )
        )
        setattr(pupil, name, new)
    if not corrections:
        raise RightsRefused(_("Nothing was changed."))
    pupil.save(update_fields=[c.field for c in corrections])
    if any(c.field == "school" for c in corrections):
        Case.objects.filter(pupil=pupil).update(school=pupil.school)
    PupilCorrection.objects.bulk_create(corrections)
    fields = ", ".join(str(PupilCorrection.Field(c.field).label) for c in corrections)
    record_event(
        case,
        by=by,
        kind=CaseEvent.Kind.PUPIL_CORRECTED,
        note=f"{fields}: {reason.strip()}"[:300],
    )
    if request is not None:
        RequestStep.objects.create(
            request=request, by=by, what=_("pupil data corrected"), note=fields
        )
    return corrections


# --- Destroying a dossier --------------------------------------------------------------------

REQUEST_TEXTS = [
    "requester_name",
    "description",
    "identity_note",
    "harm_reason",
    "decision_reason",
    "preparation_note",
]


def erase_pupil_rights(pupil_id: int) -> None:
    """retention.destroy.after_destroy: the personal data of the pupil's requests go with the
    dossier — the requester's name and every text of the request and its steps, the old and
    new values of corrections, the own statements. The requests and steps stay (kind, dates,
    statuses, who handled them): the proof that a request was received and answered. Letters
    are made on demand and never stored; export files go with the dossier app's own hook."""
    requests = RightsRequest.objects.filter(pupil_id=pupil_id)
    requests.update(**dict.fromkeys(REQUEST_TEXTS, ""), guardian=None)
    # An extended deadline keeps a reason (a constraint): the mark that it was removed.
    requests.exclude(extension_reason="").update(extension_reason=REMOVED)
    RequestStep.objects.filter(request__pupil_id=pupil_id).exclude(note="").update(note="")
    PupilCorrection.objects.filter(pupil_id=pupil_id).update(
        old_value="", new_value="", reason=REMOVED
    )
    OwnStatement.objects.filter(pupil_id=pupil_id).delete()
