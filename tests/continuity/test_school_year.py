"""A new school year: copying and adjusting assignments, 1 August, cases needing a new case
manager, deadlines in the summer holiday of each region."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from cases.models import Case, CaseEvent
from continuity import school_year
from continuity.holidays import holiday_of, summer_holiday
from schools.models import Assignment, School, SchoolYear
from smw.errors import Refused
from tests import factories


def _june(clock):
    """15 June of the current school year: next year's assignments are being prepared."""
    day = datetime.date(SchoolYear.start_year_for_today() + 1, 6, 15)
    clock.set(day)
    return day


def test_copy_this_years_assignments_then_adjust_hours(client, cast, clock):
    _june(clock)
    client.force_login(cast.teamlead)
    url = reverse("continuity:next_year")

    client.post(url, {"action": "copy"})

    year = school_year.next_school_year()
    copied = Assignment.objects.filter(school_year=year)
    assert {(a.worker, a.school) for a in copied} == {
        (cast.worker, cast.school_a),
        (cast.worker, cast.school_b),
    }  # the other organisation's worker is not the team leader's to copy
    client.post(url, {"action": "copy"})
    assert Assignment.objects.filter(school_year=year).count() == 2  # idempotent

    at_a = copied.get(school=cast.school_a)
    at_b = copied.get(school=cast.school_b)
    client.post(url, {"action": "adjust", f"hours-{at_a.pk}": "120,5", "remove": [at_b.pk]})
    at_a.refresh_from_db()
    assert at_a.contracted_hours == Decimal("120.5")
    assert not Assignment.objects.filter(pk=at_b.pk).exists()

    response = client.post(url, {"action": "adjust", f"hours-{at_a.pk}": "-3"}, follow=True)
    assert "at least 0.5" in response.content.decode()
    at_a.refresh_from_db()
    assert at_a.contracted_hours == Decimal("120.5")


def test_new_years_assignments_take_over_on_1_august(cast, clock):
    next_year = SchoolYear.objects.create(start_year=SchoolYear.start_year_for_today() + 1)
    school_c_worker = factories.create_worker(organisation=cast.organisation)
    factories.create_assignment(worker=school_c_worker, school=cast.school_c, year=next_year)
    from schools.access import assigned_schools

    clock.set(next_year.start - datetime.timedelta(days=1))
    assert not assigned_schools(school_c_worker).exists()
    clock.set(next_year.start)
    assert list(assigned_schools(school_c_worker)) == [cast.school_c]


def test_cases_needing_a_new_case_manager(cast, clock):
    _june(clock)
    staying = factories.create_case(
        school=cast.school_a, caseworker=cast.worker, stage=Case.Stage.HELP
    )
    leaving = factories.create_case(
        school=cast.school_b, caseworker=cast.worker, stage=Case.Stage.INTAKE
    )
    assert school_year.cases_needing_new_manager(cast.teamlead) == []  # nothing prepared yet

    next_year = school_year.next_school_year()
    factories.create_assignment(worker=cast.worker, school=cast.school_a, year=next_year)

    needing = school_year.cases_needing_new_manager(cast.teamlead)
    assert [c.pk for c in needing] == [leaving.pk]
    assert staying.pk not in [c.pk for c in needing]
    assert school_year.cases_needing_new_manager(cast.other_teamlead) == []
    assert school_year.cases_needing_new_manager(cast.worker) == []


def test_the_team_page_lists_cases_needing_a_new_case_manager(client, cast, clock):
    _june(clock)
    leaving = factories.create_case(
        school=cast.school_b, caseworker=cast.worker, stage=Case.Stage.INTAKE
    )
    factories.create_assignment(
        worker=cast.worker, school=cast.school_a, year=school_year.next_school_year()
    )
    client.force_login(cast.teamlead)
    page = client.get(reverse("accounts:team")).content.decode()
    assert leaving.number in page
    assert leaving.pupil.last_name not in page


@pytest.mark.parametrize(
    ("region", "inside", "outside"),
    [
        (School.Region.NORTH, datetime.date(2026, 7, 6), datetime.date(2026, 8, 17)),
        (School.Region.MIDDLE, datetime.date(2026, 8, 28), datetime.date(2026, 7, 17)),
        (School.Region.SOUTH, datetime.date(2026, 7, 13), datetime.date(2026, 8, 24)),
    ],
)
def test_summer_holiday_per_region(cast, region, inside, outside):
    school = cast.school_a
    school.region = region
    assert holiday_of(school, inside) is not None
    assert holiday_of(school, outside) is None
    assert summer_holiday(region, 2026).first_school_day.weekday() == 0  # a Monday


def test_deadlines_in_the_summer_holiday_are_shown_and_moved_at_once(client, cast, clock):
    clock.set(datetime.date(2026, 6, 1))
    School.objects.filter(pk=cast.school_a.pk).update(region=School.Region.NORTH)
    School.objects.filter(pk=cast.school_b.pk).update(region=School.Region.SOUTH)
    in_north = factories.create_case(
        school=cast.school_a, caseworker=cast.worker, stage=Case.Stage.HELP
    )
    in_north.plan.evaluation_on = datetime.date(2026, 8, 10)  # north: 4 July – 16 August
    in_north.plan.save()
    in_south = factories.create_case(
        school=cast.school_b, caseworker=cast.worker, stage=Case.Stage.HELP
    )
    in_south.plan.evaluation_on = datetime.date(2026, 8, 10)  # south: 11 July – 23 August
    in_south.plan.save()
    not_in = factories.create_case(
        school=cast.school_a, caseworker=cast.worker, stage=Case.Stage.HELP
    )
    not_in.plan.evaluation_on = datetime.date(2026, 8, 18)  # north is back at school
    not_in.plan.save()

    client.force_login(cast.worker)
    start = client.get(reverse("schools:mine")).content.decode()
    assert re.search(r'data-today="summer-deadlines".*?badge[^>]*>2<', start, re.S)
    page = client.get(reverse("continuity:summer")).content.decode()
    assert in_north.pupil.full_name in page and in_south.pupil.full_name in page
    assert not_in.pupil.full_name not in page

    client.post(reverse("continuity:summer"), {"to": ""})

    in_north.plan.refresh_from_db()
    in_south.plan.refresh_from_db()
    not_in.plan.refresh_from_db()
    assert in_north.plan.evaluation_on == datetime.date(2026, 8, 17)
    assert in_south.plan.evaluation_on == datetime.date(2026, 8, 24)
    assert not_in.plan.evaluation_on == datetime.date(2026, 8, 18)
    moved = in_north.events.get(kind=CaseEvent.Kind.DEADLINE)
    assert "10 August 2026 → 17 August 2026" in moved.note  # one date format throughout
    assert school_year.summer_deadlines(cast.worker) == []


def test_deadlines_cannot_be_moved_into_the_holiday(cast, clock):
    clock.set(datetime.date(2026, 6, 1))
    School.objects.filter(pk=cast.school_a.pk).update(region=School.Region.NORTH)
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")
    case.plan.evaluation_on = datetime.date(2026, 8, 10)
    case.plan.save()
    with pytest.raises(Refused):
        school_year.move_summer_deadlines(cast.worker, to=datetime.date(2026, 8, 1))


def test_the_application_manager_sets_a_schools_holiday_region(client, cast):
    client.force_login(cast.manager)
    client.post(
        reverse("schools:manage_school", args=[cast.school_a.pk]),
        {
            "name": cast.school_a.name,
            "brin": cast.school_a.brin,
            "sector": cast.school_a.sector,
            "municipality": cast.north.pk,
            "region": School.Region.SOUTH,
            "active": "on",
        },
    )
    cast.school_a.refresh_from_db()
    assert cast.school_a.region == School.Region.SOUTH
