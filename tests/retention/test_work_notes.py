"""Werkaantekeningen end with the help: destroyed after closure + the grace period, not before;
their author is told at closure and a week before, on the start page and by e-mail."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import workflow as case_workflow
from cases.models import Case, Contact
from retention import work_notes
from retention import workflow as retention_workflow
from retention.models import WorkNoteNotice
from tests import factories

TODAY = timezone.localdate()


@pytest.fixture
def case(cast) -> Case:
    cast.worker.email = "worker@example.org"
    cast.worker.save()
    case = factories.create_case(school=cast.school_a, caseworker=cast.worker, stage="help")
    factories.create_contact(case=case, work_note="Vermoed iets thuis, nog niet delen")
    factories.create_contact(case=case, work_note="")
    return case


def _close(case, cast, captured):
    with captured(execute=True):
        case_workflow.close_case(case, by=cast.worker, reason="advies_volstond", outcome="Klaar")


def _notes(case) -> list[str]:
    return list(Contact.objects.filter(case=case).exclude(work_note="").values_list("work_note"))


def test_work_notes_stay_until_the_grace_period_ends(
    cast, case, django_capture_on_commit_callbacks
):
    _close(case, cast, django_capture_on_commit_callbacks)
    assert work_notes.destroy_expired(TODAY + datetime.timedelta(days=29)) == 0
    assert _notes(case)
    assert work_notes.destroy_expired(TODAY + datetime.timedelta(days=30)) == 1
    assert _notes(case) == []
    # The contact itself, its summary and minutes stay.
    assert Contact.objects.filter(case=case).exclude(summary="").count() == 2


def test_an_open_case_keeps_its_work_notes(cast, case):
    assert work_notes.destroy_expired(TODAY + datetime.timedelta(days=400)) == 0
    assert _notes(case)


def test_a_case_reopened_within_the_grace_period_keeps_them(
    cast, case, django_capture_on_commit_callbacks
):
    _close(case, cast, django_capture_on_commit_callbacks)
    Case.objects.filter(pk=case.pk).update(stage=Case.Stage.INTAKE, closed_on=None)
    assert work_notes.destroy_expired(TODAY + datetime.timedelta(days=60)) == 0
    assert _notes(case)


def test_the_organisation_sets_the_grace_period(cast, case, django_capture_on_commit_callbacks):
    retention_workflow.set_policy(
        cast.organisation, by=cast.privacy, years=20, basis="", work_note_grace_days=10
    )
    _close(case, cast, django_capture_on_commit_callbacks)
    assert work_notes.destroy_expired(TODAY + datetime.timedelta(days=9)) == 0
    assert work_notes.destroy_expired(TODAY + datetime.timedelta(days=10)) == 1


def test_the_author_is_told_at_closure_without_content(
    cast, case, mailoutbox, django_capture_on_commit_callbacks
):
    _close(case, cast, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["worker@example.org"]
    assert "Vermoed" not in mail.body and case.pupil.last_name not in mail.body
    assert reverse("cases:detail", args=[case.pk]) in mail.body
    expires = TODAY + datetime.timedelta(days=30)
    assert f"{expires.day}" in mail.body
    # Told once: the daily job does not tell again at closure.
    assert work_notes.notify(TODAY + datetime.timedelta(days=1)) == 0
    assert len(mailoutbox) == 1


def test_the_author_is_told_a_week_before_once(
    cast, case, mailoutbox, django_capture_on_commit_callbacks
):
    _close(case, cast, django_capture_on_commit_callbacks)
    assert work_notes.notify(TODAY + datetime.timedelta(days=22)) == 0
    assert work_notes.notify(TODAY + datetime.timedelta(days=23)) == 1
    assert work_notes.notify(TODAY + datetime.timedelta(days=24)) == 0
    assert len(mailoutbox) == 2
    assert WorkNoteNotice.objects.filter(kind=WorkNoteNotice.Kind.WEEK_BEFORE).count() == 1


def test_the_start_page_tells_the_author_and_nobody_else(
    cast, case, client, django_capture_on_commit_callbacks
):
    _close(case, cast, django_capture_on_commit_callbacks)
    client.force_login(cast.worker)
    page = client.get(reverse("schools:mine")).content.decode()
    assert "werkaantekening" in page.lower() and case.number in page
    other = factories.create_worker(organisation=cast.organisation, schools=[cast.school_a])
    client.force_login(other)
    assert case.number not in client.get(reverse("schools:mine")).content.decode()


def test_work_notes_stay_their_authors_alone_until_then(
    cast, case, client, django_capture_on_commit_callbacks
):
    _close(case, cast, django_capture_on_commit_callbacks)
    factories.create_contact(case=case, author=cast.worker, work_note="Alleen voor mij")
    client.force_login(cast.coordinator)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert "Alleen voor mij" not in response.content.decode()
