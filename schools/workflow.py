"""Master data as the application manager keeps it: schools and assignments (who is seconded
where in which school year, for how many hours). An assignment widens a worker's access to that
school's pupils, so giving, changing and ending one writes an access-log row (Action.GRANT)."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.workflow import log_grant
from smw.errors import Refused

from .models import Assignment, Municipality, Organisation, School, SchoolYear


def _ensure_manager(by: User) -> None:
    if not by.has_role(Role.ADMIN):
        raise Refused(_("Only the application manager can do this."))


@transaction.atomic
def save_school(
    school: School | None,
    *,
    by: User,
    name: str,
    brin: str,
    sector: str,
    municipality: Municipality,
    active: bool = True,
    region: str = "",
) -> School:
    """Add a school (school=None) or change one. Nothing is ever deleted: a school that SMW
    no longer serves is made inactive."""
    _ensure_manager(by)
    brin = brin.strip().upper()
    others = School.objects.exclude(pk=school.pk) if school else School.objects.all()
    if others.filter(brin=brin).exists():
        raise Refused(_("A school with this BRIN code exists already."), field="brin")
    if others.filter(name__iexact=name, municipality=municipality).exists():
        raise Refused(_("This municipality has a school with this name already."), field="name")
    school = school or School()
    school.name, school.brin, school.sector = name, brin, sector
    school.municipality, school.active = municipality, active
    if region in School.Region.values:  # else as it was (a new school: midden)
        school.region = region
    try:
        with transaction.atomic():
            school.save()
    except IntegrityError:
        raise Refused(_("This school could not be saved; check the BRIN code.")) from None
    return school


@transaction.atomic
def add_organisation(*, by: User, name: str) -> Organisation:
    _ensure_manager(by)
    if Organisation.objects.filter(name__iexact=name).exists():
        raise Refused(_("This name exists already."), field="name")
    return Organisation.objects.create(name=name)


@transaction.atomic
def add_municipality(*, by: User, name: str) -> Municipality:
    _ensure_manager(by)
    if Municipality.objects.filter(name__iexact=name).exists():
        raise Refused(_("This name exists already."), field="name")
    return Municipality.objects.create(name=name)


def _describe(assignment: Assignment) -> str:
    return (
        f"{assignment.worker.username} at {assignment.school.brin} in "
        f"{assignment.school_year.name}, {assignment.contracted_hours} hours"
    )


@transaction.atomic
def save_assignment(
    assignment: Assignment | None,
    *,
    by: User,
    worker: User,
    school: School,
    school_year: SchoolYear,
    contracted_hours: Decimal,
    funding_source: str,
) -> Assignment:
    """Second a worker to a school for a school year (assignment=None), or change it."""
    _ensure_manager(by)
    if worker == by:
        raise Refused(_("You cannot assign yourself."), field="worker")
    if not worker.is_active or not worker.memberships.filter(role=Role.WORKER).exists():
        raise Refused(_("Only an active school social worker can be assigned."), field="worker")
    if contracted_hours <= 0:
        raise Refused(_("Enter more than 0 hours."), field="contracted_hours")
    others = Assignment.objects.exclude(pk=assignment.pk) if assignment else Assignment.objects
    if others.filter(worker=worker, school=school, school_year=school_year).exists():
        raise Refused(
            _("This worker is assigned to this school in this school year already."),
            field="school",
        )
    created = assignment is None
    assignment = assignment or Assignment()
    assignment.worker, assignment.school, assignment.school_year = worker, school, school_year
    assignment.contracted_hours, assignment.funding_source = contracted_hours, funding_source
    assignment.save()
    log_grant(
        by, assignment, f"assignment {'given' if created else 'changed'}: {_describe(assignment)}"
    )
    return assignment


@transaction.atomic
def end_assignment(assignment: Assignment, *, by: User) -> None:
    """Take an assignment away (made by mistake, or the worker stops at the school)."""
    _ensure_manager(by)
    log_grant(by, assignment, f"assignment taken: {_describe(assignment)}")
    try:
        with transaction.atomic():
            assignment.delete()
    except IntegrityError:
        raise Refused(_("This assignment has hours written on it; change it instead.")) from None
