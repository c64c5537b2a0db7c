"""A pupil moves school.

Within the organisation (a school where a worker of the case manager's organisation is
assigned): the case moves along to the new school, with its history, and to another case
manager when the present one does not work there. The old school's coordinator loses sight of
it from the move (their access follows the case's school; a move is never dated ahead). Outside
the organisation: the case is closed with the reason "verhuisd/van school"; the warm handover
goes through the dossier export (`handover_export_url`).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Role, User
from cases.models import Case, CaseEvent, Pupil
from cases.workflow import _lock_pupils_at, _locked, close_case, is_case_manager, record_event
from schools.models import Assignment, School, SchoolYear
from smw.errors import Refused

from .models import SchoolMove


def _organisations_of(user: User) -> QuerySet:
    return user.memberships.filter(role=Role.WORKER).values("organisation")


def organisation_schools(organisations) -> QuerySet[School]:
    """The active schools where workers of these organisations are assigned, this school year or
    the next."""
    this_year = SchoolYear.start_year_for_today()
    workers = User.objects.filter(
        memberships__role=Role.WORKER, memberships__organisation__in=organisations
    ).values("pk")
    schools = Assignment.objects.filter(
        worker__in=workers, school_year__start_year__in=[this_year, this_year + 1]
    ).values("school")
    return School.objects.filter(pk__in=schools, active=True)


def schools_of_same_organisations(school_id: int) -> QuerySet[School]:
    """The schools served by the organisations that serve `school_id` (the school itself
    included): where the duplicate check looks for a pupil who moved."""
    this_year = SchoolYear.start_year_for_today()
    workers = Assignment.objects.filter(
        school_id=school_id, school_year__start_year__in=[this_year - 1, this_year, this_year + 1]
    ).values("worker")
    organisations = (
        User.objects.filter(pk__in=workers)
        .filter(memberships__role=Role.WORKER)
        .values("memberships__organisation")
    )
    schools = organisation_schools(organisations).values("pk")
    return School.objects.filter(pk__in=schools) | School.objects.filter(pk=school_id)


def move_schools(user: User, case: Case) -> QuerySet[School]:
    """Schools of the case manager's organisation the case can move to."""
    return organisation_schools(_organisations_of(user)).exclude(pk=case.school_id)


def workers_at(school: School, organisations) -> QuerySet[User]:
    """Active workers of these organisations assigned to `school` this school year."""
    return User.objects.filter(
        is_active=True,
        memberships__role=Role.WORKER,
        memberships__organisation__in=organisations,
        assignments__school=school,
        assignments__school_year__start_year=SchoolYear.start_year_for_today(),
    ).distinct()


def handover_export_url(case: Case) -> str:
    """Where the case manager makes the dossier export for a warm handover to the new school's
    care (with the pupil's or parents' consent for that destination)."""
    return reverse("dossier:start", args=[case.pk])


def _check_date(case: Case, moved_on: datetime.date) -> None:
    if moved_on > timezone.localdate():
        raise Refused(_("Record the move on or after the day it happens."), field="moved_on")
    if moved_on < case.signalled_on:
        raise Refused(_("The move cannot be before the signal."), field="moved_on")


@transaction.atomic
def move_within(
    case: Case,
    *,
    by: User,
    to_school: School,
    moved_on: datetime.date,
    to_worker: User | None = None,
) -> SchoolMove:
    """Move the case and its pupil to another school of the organisation."""
    case = _locked(case)
    if not is_case_manager(by, case):
        raise Refused(_("Only the case manager can do this."))
    if not case.is_open:
        raise Refused(_("A closed case does not move; a new signal at the new school does."))
    if not move_schools(by, case).filter(pk=to_school.pk).exists():
        raise Refused(_("Choose a school of your organisation."), field="to_school")
    _check_date(case, moved_on)
    organisations = _organisations_of(by)
    here = workers_at(to_school, organisations)
    if to_worker is None:
        if not here.filter(pk=by.pk).exists():
            raise Refused(
                _("You do not work at %(school)s: choose the new case manager.")
                % {"school": to_school},
                field="to_worker",
            )
        to_worker = by
    elif not here.filter(pk=to_worker.pk).exists():
        raise Refused(
            _("%(name)s does not work at %(school)s this school year.")
            % {"name": to_worker, "school": to_school},
            field="to_worker",
        )
    for school_id in sorted([case.school_id, to_school.pk]):
        _lock_pupils_at(school_id)
    from_school = case.school
    pupil = Pupil.objects.select_for_update().get(pk=case.pupil_id)
    pupil.school = to_school
    pupil.save(update_fields=["school"])
    case.school = to_school
    previous = case.caseworker
    case.caseworker = to_worker
    case.save(update_fields=["school", "caseworker"])
    # A group meets at one school: the pupil leaves the old school's groups.
    for group in case.groups.exclude(school=to_school):
        group.cases.remove(case)
    move = SchoolMove.objects.create(
        pupil=pupil,
        case=case,
        from_school=from_school,
        to_school=to_school,
        moved_on=moved_on,
        from_worker=previous,
        to_worker=to_worker,
        by=by,
    )
    text = _("%(from)s → %(to)s on %(date)s") % {
        "from": from_school,
        "to": to_school,
        "date": date_format(moved_on, "j F Y"),
    }
    if previous != to_worker:
        text += "; " + _("case manager %(from)s → %(to)s") % {"from": previous, "to": to_worker}
    record_event(case, by=by, kind=CaseEvent.Kind.MOVED, note=text)
    return move


@transaction.atomic
def move_outside(case: Case, *, by: User, moved_on: datetime.date, outcome: str) -> CaseEvent:
    """The pupil leaves for a school outside the organisation: the case closes with the reason
    "verhuisd/van school"."""
    _check_date(case, moved_on)
    text = outcome.strip()
    if not text:
        raise Refused(_("Describe the outcome before closing."), field="outcome")
    note = _("Left on %(date)s. %(outcome)s") % {
        "date": date_format(moved_on, "j F Y"),
        "outcome": text,
    }
    handover = {}
    if case.stage == Case.Stage.REFERRED:
        handover = {"handover_complete": False, "handover_note": _("the pupil left the school")}
    return close_case(case, by=by, reason=Case.ClosureReason.MOVED, outcome=note, **handover)
