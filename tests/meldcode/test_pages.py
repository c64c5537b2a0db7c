"""The step pages: a refused step comes back with what was typed; the help path to A5 through
the pages; the warning for the forms of violence that need Veilig Thuis at once."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from meldcode.models import Trajectory

from .conftest import at_step, days_ago


def _post(client, name, trajectory, data):
    return client.post(reverse(name, args=[trajectory.pk]), data)


def test_a_skipped_question_comes_back_with_what_was_typed(client, cast, case):
    trajectory = at_step(case, 4)
    client.force_login(cast.worker)
    response = _post(
        client,
        "meldcode:weigh",
        trajectory,
        {"question": "A3", "answer": "yes", "motivation": "Mijn eigen woorden"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "cannot skip" in text or "slaat geen vraag over" in text
    assert "Mijn eigen woorden" in text
    assert not trajectory.answers.exists()


def test_a_date_in_the_future_is_a_message(client, cast, case):
    trajectory = at_step(case, 1)
    client.force_login(cast.worker)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = _post(
        client,
        "meldcode:signals",
        trajectory,
        {"signals_on": tomorrow, "facts": "Feit", "sources": "Bron", "kindcheck": "no"},
    )
    assert response.status_code == 200
    assert "signals_on" in response.context["form"].errors
    trajectory.refresh_from_db()
    assert trajectory.step == Trajectory.Step.SIGNALS


def test_an_acute_form_of_violence_is_flagged(client, cast, case):
    trajectory = at_step(case, 1)
    client.force_login(cast.worker)
    response = _post(
        client,
        "meldcode:signals",
        trajectory,
        {
            "signals_on": days_ago(0).isoformat(),
            "facts": "Meisje vertelt over een reis naar het land van herkomst voor een ingreep.",
            "sources": "Mentor",
            "violence": ["vgv"],
            "kindcheck": "no",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("meldcode:consultation_new", args=[trajectory.pk]))
    assert page.context["acute"]
    assert "Veilig Thuis" in page.content.decode()


def test_the_help_path_to_a5_through_the_pages(client, cast, case):
    trajectory = at_step(case, 4)
    client.force_login(cast.worker)
    for question, answer in (("A1", "yes"), ("A2", "no"), ("A3", "yes"), ("A4", "yes")):
        response = _post(
            client,
            "meldcode:weigh",
            trajectory,
            {"question": question, "answer": answer, "motivation": f"Waarom {question}"},
        )
        assert response.status_code == 302, question
    detail = client.get(reverse("meldcode:detail", args=[trajectory.pk])).content.decode()
    assert reverse("meldcode:help", args=[trajectory.pk]) in detail
    assert reverse("meldcode:weigh", args=[trajectory.pk]) not in detail
    assert client.get(reverse("meldcode:weigh", args=[trajectory.pk])).status_code == 302
    in_six_weeks = (timezone.localdate() + datetime.timedelta(days=42)).isoformat()
    response = _post(
        client,
        "meldcode:help",
        trajectory,
        {"help_until": in_six_weeks, "help_manager": "Sanne", "agreements": "Opvoedsteun"},
    )
    assert response.status_code == 302
    page = client.get(reverse("meldcode:weigh", args=[trajectory.pk]))
    assert "monitoring" in page.context["form"].fields
    response = _post(
        client,
        "meldcode:weigh",
        trajectory,
        {"question": "A5", "answer": "yes", "motivation": "Veilig", "monitoring": ""},
    )
    assert response.status_code == 200 and "monitoring" in response.context["form"].errors
    response = _post(
        client,
        "meldcode:weigh",
        trajectory,
        {"question": "A5", "answer": "yes", "motivation": "Veilig", "monitoring": "Maandelijks"},
    )
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.outcome == Trajectory.Outcome.SAFE


def test_the_conversation_can_be_skipped_for_safety(client, cast, case):
    trajectory = at_step(case, 3)
    client.force_login(cast.worker)
    response = _post(
        client,
        "meldcode:conversation",
        trajectory,
        {"held_on": "", "with_whom": "", "summary": "", "skipped": "Gevaar voor het kind"},
    )
    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert trajectory.step == Trajectory.Step.WEIGHING
    assert trajectory.conversation_skipped == "Gevaar voor het kind"


def test_the_list_filters_by_step(client, cast, case):
    trajectory = at_step(case, 2)
    client.force_login(cast.worker)
    assert client.get(reverse("meldcode:list"), {"step": 2}).context["open"] == [trajectory]
    assert client.get(reverse("meldcode:list"), {"step": 4}).context["open"] == []
    page = client.get(reverse("meldcode:list"), {"step": "x"})
    assert page.status_code == 200 and page.context["open"] == [trajectory]
