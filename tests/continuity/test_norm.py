"""The short-term norm per organisation: a case past it shows so, and goes on only with a
recorded reason (or a referral)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import workflow
from cases.models import Case, CaseEvent, Contact
from cases.norm import needing_reason, norm_status, past_norm_cases, record_continuation
from continuity.models import ShortTermNorm
from smw.errors import Refused
from tests import factories


def _contacts(case, n):
    for _i in range(n):
        factories.create_contact(case=case)


def _contact(case, by):
    return workflow.log_contact(
        case,
        by=by,
        held_on=timezone.localdate(),
        minutes=30,
        kind=Contact.Kind.PUPIL,
        place=Contact.Place.SCHOOL,
        summary="Gesprek",
    )


def test_the_default_norm_is_eight_contacts(cast, settings):
    settings.SMW_NORM_MAX_CONTACTS = 8
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")
    _contacts(case, 8)
    assert not past_norm_cases(Case.objects.all()).exists()
    _contacts(case, 1)
    assert list(past_norm_cases(Case.objects.all())) == [case]


def test_the_organisations_own_norm(cast):
    ShortTermNorm.objects.create(organisation=cast.organisation, max_contacts=3, max_months=6)
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")
    other = factories.create_case(school=cast.school_c, caseworker=cast.other_worker, stage="help")
    _contacts(case, 4)
    _contacts(other, 4)  # the other organisation keeps the default of 8

    assert list(past_norm_cases(Case.objects.all())) == [case]
    status = norm_status(case)
    assert (status.max_contacts, status.contacts, status.past) == (3, 4, True)


def test_past_the_norms_months(cast):
    ShortTermNorm.objects.create(organisation=cast.organisation, max_contacts=50, max_months=3)
    case = factories.create_case(
        school=cast.school_a,
        caseworker=cast.worker,
        stage="help",
        signalled_on=timezone.localdate() - datetime.timedelta(days=130),
    )
    case.intake_on = timezone.localdate() - datetime.timedelta(days=95)
    case.save()
    assert list(past_norm_cases(Case.objects.all())) == [case]
    case.intake_on = timezone.localdate() - datetime.timedelta(days=80)
    case.save()
    assert not past_norm_cases(Case.objects.all()).exists()


def test_a_referred_case_is_outside_the_norm(cast):
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="referred")
    _contacts(case, 20)
    assert not past_norm_cases(Case.objects.all()).exists()


def test_going_on_past_the_norm_needs_a_reason(client, cast):
    ShortTermNorm.objects.create(organisation=cast.organisation, max_contacts=2, max_months=6)
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")
    _contact(case, cast.worker)
    _contact(case, cast.worker)
    _contact(case, cast.worker)  # the third is past the norm: from now on a reason first
    with pytest.raises(Refused, match="past the short-term norm"):
        _contact(case, cast.worker)
    assert list(needing_reason(Case.objects.all())) == [case]

    client.force_login(cast.worker)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Past the short-term norm" in page
    assert "past the norm" in client.get(reverse("cases:caseload")).content.decode()
    client.post(reverse("continuity:norm_reason", args=[case.pk]), {"reason": ""})
    assert not case.norm_continuations.exists()

    client.post(
        reverse("continuity:norm_reason", args=[case.pk]),
        {"reason": "Rouwverwerking vraagt meer tijd; verwijzing niet passend."},
    )

    assert case.norm_continuations.exists()
    assert case.events.filter(kind=CaseEvent.Kind.NORM).exists()
    assert not needing_reason(Case.objects.all()).exists()
    _contact(case, cast.worker)  # goes on


def test_only_the_case_manager_records_the_reason(cast, colleague):
    ShortTermNorm.objects.create(organisation=cast.organisation, max_contacts=1, max_months=6)
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")
    _contacts(case, 2)
    with pytest.raises(Refused):
        record_continuation(case, by=colleague, reason="x")


def test_the_team_leader_sees_cases_past_the_norm_without_pupils(client, cast):
    ShortTermNorm.objects.create(organisation=cast.organisation, max_contacts=1, max_months=6)
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")
    _contacts(case, 2)
    client.force_login(cast.teamlead)
    page = client.get(reverse("accounts:team")).content.decode()
    # the worker's late work says so, one click from reassigning it
    assert 'data-today="team-late"' in page and "help past the norm: 1" in page
    assert reverse("cases:reassign", args=[cast.worker.pk]) in page
    assert case.pupil.last_name not in page
