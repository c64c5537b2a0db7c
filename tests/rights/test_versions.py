"""Intake and plan keep every version (who, when) and show what changed between two."""

from __future__ import annotations

from django.urls import reverse

from cases import workflow
from cases.models import Case, Intake, Plan, TextVersion
from cases.versions import compare, diff_text
from tests import factories


def _intake_case(cast):
    return factories.create_case(
        school=cast.school_a, caseworker=cast.worker, stage=Case.Stage.INTAKE
    )


def test_every_intake_save_keeps_a_version_and_the_first_keeps_the_text_before(cast):
    case = _intake_case(cast)
    intake = Intake.objects.get(case=case)
    before = intake.strengths
    intake.strengths = "Sportief"
    workflow.save_intake(intake, by=cast.worker, version=1, fields=["strengths"])
    intake.strengths = "Sportief en muzikaal"
    workflow.save_intake(intake, by=cast.worker, version=2, fields=["strengths"])

    kept = {v.version: v for v in TextVersion.objects.filter(case=case, text="intake")}
    assert sorted(kept) == [1, 2, 3]
    assert kept[1].values["strengths"] == before
    assert kept[2].values["strengths"] == "Sportief"
    assert kept[3].values["strengths"] == "Sportief en muzikaal"
    assert kept[3].saved_by == cast.worker
    assert Intake.objects.get(case=case).strengths == "Sportief en muzikaal"


def test_a_plan_version_holds_its_goals(cast):
    case = factories.create_case(
        school=cast.school_a, caseworker=cast.worker, stage=Case.Stage.PLAN
    )
    plan = Plan.objects.get(case=case)
    plan.planned_sessions = 9
    workflow.save_plan(
        plan,
        by=cast.worker,
        version=1,
        fields=["planned_sessions"],
        goals=[{"domain": "leerling", "description": "Durft te zeggen wat hij wil"}],
    )
    new = TextVersion.objects.get(case=case, text="plan", version=2)
    old = TextVersion.objects.get(case=case, text="plan", version=1)
    assert new.values["planned_sessions"] == 9
    assert new.values["goals"] == ["Leerling: Durft te zeggen wat hij wil"]
    labels = [change.label for change in compare("plan", old, new)]
    assert len(labels) == 2  # sessions and goals


def test_the_difference_names_removed_and_added_words():
    pieces = diff_text("Wordt gepest op het plein", "Wordt buitengesloten op het plein")
    assert [(p.kind, p.text) for p in pieces if p.kind != "same"] == [
        ("removed", "gepest"),
        ("added", "buitengesloten"),
    ]


def test_the_versions_page_shows_the_difference_escaped(client, cast):
    case = _intake_case(cast)
    intake = Intake.objects.get(case=case)
    intake.strengths = "Helpt <b>anderen</b>"
    workflow.save_intake(intake, by=cast.worker, version=1, fields=["strengths"])
    client.force_login(cast.worker)
    response = client.get(reverse("cases:versions", args=[case.pk, "intake"]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<ins" in content
    assert "&lt;b&gt;anderen&lt;/b&gt;" in content
    assert "<b>anderen</b>" not in content


def test_the_versions_page_understands_nonsense_parameters(client, cast):
    case = _intake_case(cast)
    client.force_login(cast.worker)
    url = reverse("cases:versions", args=[case.pk, "intake"])
    assert client.get(url, {"old": "abc", "new": "-1"}).status_code == 200
    assert client.get(reverse("cases:versions", args=[case.pk, "anders"])).status_code == 404
