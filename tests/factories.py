"""Plain keyword-only factories: each test states only what it depends on."""

from __future__ import annotations

import itertools
from decimal import Decimal

from accounts.models import Membership, Role, User
from schools.models import Assignment, Municipality, Organisation, School, SchoolYear

_seq = itertools.count(1)


def create_organisation(*, name: str | None = None) -> Organisation:
    return Organisation.objects.create(name=name or f"Organisatie {next(_seq)}")


def create_municipality(*, name: str | None = None) -> Municipality:
    return Municipality.objects.create(name=name or f"Gemeente {next(_seq)}")


def create_school(
    *, name: str | None = None, municipality: Municipality | None = None, sector: str = "PO"
) -> School:
    n = next(_seq)
    letters = "".join(chr(65 + (n // 26**i) % 26) for i in (1, 0))
    return School.objects.create(
        name=name or f"School {n}",
        brin=f"{n % 100:02d}{letters}",
        sector=sector,
        municipality=municipality or create_municipality(),
    )


def create_user(*, username: str | None = None, **fields) -> User:
    username = username or f"user{next(_seq)}"
    fields.setdefault("first_name", username.capitalize())
    user = User.objects.create_user(username=username, password="x-test-password-1", **fields)
    return user


def add_role(
    user: User,
    role: str,
    *,
    organisation: Organisation | None = None,
    school: School | None = None,
    municipality: Municipality | None = None,
) -> Membership:
    user.__dict__.pop("roles", None)  # forget the cached roles
    return Membership.objects.create(
        user=user, role=role, organisation=organisation, school=school, municipality=municipality
    )


def create_worker(
    *,
    organisation: Organisation | None = None,
    schools: list[School] = (),
    year: SchoolYear | None = None,
    hours: str = "200",
    **fields,
) -> User:
    user = create_user(**fields)
    add_role(user, Role.WORKER, organisation=organisation or create_organisation())
    for school in schools:
        create_assignment(worker=user, school=school, year=year, hours=hours)
    return user


def create_assignment(
    *,
    worker: User,
    school: School,
    year: SchoolYear | None = None,
    hours: str = "200",
    funding_source: str = Assignment.FundingSource.MUNICIPALITY,
) -> Assignment:
    return Assignment.objects.create(
        worker=worker,
        school=school,
        school_year=year or SchoolYear.current(),
        contracted_hours=Decimal(hours),
        funding_source=funding_source,
    )


def create_coordinator(*, school: School, **fields) -> User:
    user = create_user(**fields)
    add_role(user, Role.COORDINATOR, school=school)
    return user


def create_teamlead(*, organisation: Organisation, **fields) -> User:
    user = create_user(**fields)
    add_role(user, Role.TEAMLEAD, organisation=organisation)
    return user


def create_officer(*, municipality: Municipality, **fields) -> User:
    user = create_user(**fields)
    add_role(user, Role.MUNICIPALITY, municipality=municipality)
    return user


def create_manager(**fields) -> User:
    user = create_user(**fields)
    add_role(user, Role.ADMIN)
    return user
