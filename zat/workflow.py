"""What happens in a ZAT: plan a meeting, set the agenda, record advice and action points.

A case is discussed by name only with valid consent for discussion in the ZAT on the day of the
meeting; otherwise it is an anonymous consultation item with no pupil data.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from cases import access as case_access
from cases.models import Case, CaseEvent
from cases.workflow import record_event
from referrals.models import Consent
from schools.access import assigned_schools
from smw.errors import Refused

from .access import can_record_advice, runs_meetings_at
from .models import ActionPoint, AgendaItem, Attendee, Meeting


@transaction.atomic
def plan_meeting(
    *, school, by: User, starts_at: datetime.datetime, place: str = "", chair: User | None = None
) -> Meeting:
    if not runs_meetings_at(by, school):
        raise Refused(_("Only the care coordinator of this school plans its ZAT."))
    meeting = Meeting.objects.create(
        school=school, starts_at=starts_at, place=place, chair=chair or by, created_by=by
    )
    chair = chair or by
    Attendee.objects.create(
        meeting=meeting, user=chair, name=str(chair), organisation=school.name, role=_("chair")
    )
    return meeting


@transaction.atomic
def add_attendee(
    meeting: Meeting,
    *,
    by: User,
    user: User | None = None,
    name: str = "",
    organisation: str = "",
    role: str = "",
) -> Attendee:
    if not runs_meetings_at(by, meeting.school):
        raise Refused(_("Only the care coordinator of this school manages attendees."))
    if user is None and not name.strip():
        raise Refused(_("Give the guest's name."))
    if user is not None and meeting.attendees.filter(user=user).exists():
        raise Refused(_("%(name)s is already on the list.") % {"name": user})
    return Attendee.objects.create(
        meeting=meeting,
        user=user,
        name=name.strip() or str(user),
        organisation=organisation.strip(),
        role=role.strip(),
    )


def zat_consent(case: Case, day: datetime.date) -> Consent | None:
    """Valid consent to discuss this pupil by name in the ZAT on `day`, if any: one that a
    birthday since made incomplete does not count (continuity.consent)."""
    from continuity.consent import counting

    consents = Consent.objects.filter(pupil=case.pupil_id, purpose=Consent.Purpose.ZAT)
    found = counting(consents.order_by("-given_on", "-pk"), day)
    return found[0] if found else None


def pupils_with_zat_consent(cases: QuerySet[Case], day: datetime.date) -> set[int]:
    """The pupils of `cases` who may be discussed by name in the ZAT on `day` (one query)."""
    return set(
        Consent.objects.filter(pupil__in=cases.values("pupil"), purpose=Consent.Purpose.ZAT)
        .valid_on(day)
        .values_list("pupil_id", flat=True)
    )


def cases_for_agenda(user: User, meeting: Meeting) -> QuerySet[Case]:
    """Open cases at the meeting's school the user may put on the agenda by name."""
    own = case_access.caseload(user).filter(school=meeting.school)
    if runs_meetings_at(user, meeting.school):
        own = own | case_access.school_cases(user).open().filter(school=meeting.school)
    return own.select_related("pupil").distinct()


@transaction.atomic
def add_item(
    meeting: Meeting,
    *,
    by: User,
    question: str,
    case: Case | None = None,
    anonymous_label: str = "",
) -> AgendaItem:
    """Put an item on the agenda: by name (needs ZAT consent) or anonymously."""
    if not question.strip():
        raise Refused(_("Write down the question for the team."))
    consent = None
    if case is not None:
        if not cases_for_agenda(by, meeting).filter(pk=case.pk).exists():
            raise Refused(_("You cannot put this case on this agenda."))
        consent = zat_consent(case, meeting.day)
        if consent is None:
            from continuity.consent import refusal_for

            reason = refusal_for(case.pupil_id, Consent.Purpose.ZAT, meeting.day)
            if reason:
                raise Refused(
                    _("%(name)s cannot be discussed by name: %(reason)s")
                    % {"name": case.pupil.full_name, "reason": reason}
                )
            raise Refused(
                _(
                    "%(name)s cannot be discussed by name: there is no valid consent for "
                    "discussion in the ZAT on %(date)s. Record the consent on the case, or "
                    "add the question anonymously."
                )
                % {"name": case.pupil.full_name, "date": date_format(meeting.day, "j F Y")}
            )
        anonymous_label = ""
    elif not anonymous_label.strip():
        raise Refused(_("Describe the pupil without name or other identifying data."))
    elif not (
        runs_meetings_at(by, meeting.school)
        or assigned_schools(by).filter(pk=meeting.school_id).exists()
    ):
        raise Refused(_("You cannot add items to this meeting."))
    position = meeting.items.count() + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        case=case,
        consent=consent,
        anonymous_label=anonymous_label.strip(),
        question=question.strip(),
        added_by=by,
        position=position,
    )
    if case is not None:
        record_event(case, by=by, kind=CaseEvent.Kind.ZAT, note=str(meeting))
    return item


@transaction.atomic
def record_advice(item: AgendaItem, *, by: User, discussion: str, advice: str) -> None:
    """Record what was discussed and advised; only the item's worker and the meeting's chair
    may, and a named case's timeline says who did."""
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("meeting", "case")
        .get(pk=item.pk)
    )
    if not can_record_advice(by, item):
        raise Refused(_("Only the worker of this item and the chair can record its advice."))
    item.discussion, item.advice = discussion.strip(), advice.strip()
    item.save(update_fields=["discussion", "advice"])
    if item.case is not None:
        record_event(
            item.case, by=by, kind=CaseEvent.Kind.ZAT, note=_("Advice recorded: %s") % item.meeting
        )


@transaction.atomic
def add_action(
    item: AgendaItem,
    *,
    by: User,
    description: str,
    due_on: datetime.date,
    owner_user: User | None = None,
    owner_guest: Attendee | None = None,
) -> ActionPoint:
    if (owner_user is None) == (owner_guest is None):
        raise Refused(_("Choose one owner for the action point."))
    if owner_guest is not None and owner_guest.meeting_id != item.meeting_id:
        raise Refused(_("The owner must attend this meeting."))
    # The form offers only attendees, but a posted user id could name anyone at all.
    if owner_user is not None and not item.meeting.attendees.filter(user=owner_user).exists():
        raise Refused(_("The owner must attend this meeting."))
    return ActionPoint.objects.create(
        item=item,
        description=description.strip(),
        due_on=due_on,
        owner_user=owner_user,
        owner_guest=owner_guest,
    )


@transaction.atomic
def complete_action(action: ActionPoint, *, by: User, on: datetime.date | None = None) -> None:
    action.done_on = on or timezone.localdate()
    action.save(update_fields=["done_on"])


@transaction.atomic
def reopen_action(action: ActionPoint, *, by: User) -> None:
    action.done_on = None
    action.save(update_fields=["done_on"])


def open_actions_before(meeting: Meeting) -> QuerySet[ActionPoint]:
    """Open action points from earlier meetings of the same school: the toetsing of the cycle
    vraag – analyse – plan – actie – toetsing."""
    return ActionPoint.objects.filter(
        item__meeting__school=meeting.school,
        item__meeting__starts_at__lt=meeting.starts_at,
        done_on__isnull=True,
    ).select_related("item__meeting", "item__case__pupil", "owner_user", "owner_guest")


def shows_name(item: AgendaItem, day: datetime.date | None = None) -> bool:
    """A pupil's name appears only while the item's ZAT consent holds (not withdrawn since)."""
    if item.case_id is None or item.consent is None:
        return False
    from continuity.consent import still_counts

    consent = item.consent
    if consent.pupil_id == item.case.pupil_id:
        consent.pupil = item.case.pupil  # already read with the item: no query per item
    return consent.withdrawn_on is None and still_counts(consent, day or item.meeting.day)
