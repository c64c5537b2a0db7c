"""Two signals sent at the same moment, as two people at two desks would: each request in its
own thread with its own database connection, let go together at a barrier.

Whichever comes second must get its form back, with what it typed and why, never a 500; the
database must never hold two pupils for one child or two open cases for one pupil.
"""

from __future__ import annotations

import datetime
import threading
from html import escape

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Pupil
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 20
URL = reverse("cases:signal_new")
BIRTHDAY = timezone.localdate() - datetime.timedelta(days=365 * 9)


def post_together(posts: list[tuple[Client, dict]]) -> list:
    """POST each (client, data) from its own thread at once; each response, or what it raised."""
    barrier = threading.Barrier(len(posts))
    results: list = [None] * len(posts)

    def send(index: int, client: Client, data: dict) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = client.post(URL, data)
        except Exception as exc:  # a 500 raises here: the test shows it
            results[index] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(index, client, data))
        for index, (client, data) in enumerate(posts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def signal_data(school, noticed: str, **changes) -> dict:
    return {
        "school": school.pk,
        "first_name": "Sem",
        "last_name": "de Vries",
        "date_of_birth": BIRTHDAY,
        "group": "6b",
        "categories": ["pesten"],
        "noticed": noticed,
        "source": "leerkracht",
        "signalled_on": timezone.localdate(),
        "parents_informed": "on",
        "parents_agree": "on",
    } | changes


def two_signallers():
    """A school with its worker and its coordinator, each signed in on a client of their own."""
    school = factories.create_school()
    clients = []
    for user in (
        factories.create_worker(schools=[school]),
        factories.create_coordinator(school=school),
    ):
        client = Client()
        client.force_login(user)
        clients.append(client)
    return school, clients


def the_loser(results: list):
    """The response of the request that came second; the first registered its signal."""
    assert not [r for r in results if isinstance(r, Exception)], results
    codes = sorted(response.status_code for response in results)
    assert codes == [200, 302], codes
    return next(response for response in results if response.status_code == 200)


def test_two_signals_at_once_for_a_known_pupil_open_one_case():
    school, clients = two_signallers()
    for round_ in range(ROUNDS):
        pupil = factories.create_pupil(school=school)
        posts = [
            (
                client,
                signal_data(
                    school, f"Ronde {round_}: gezien door nummer {n}.", existing_pupil=pupil.pk
                ),
            )
            for n, client in enumerate(clients)
        ]

        loser = the_loser(post_together(posts))

        assert Case.objects.filter(pupil=pupil).open().count() == 1
        html = loser.content.decode()
        assert "Deze leerling heeft al een open dossier." in html
        assert escape(loser.wsgi_request.POST["noticed"]) in html


def test_two_signals_at_once_for_the_same_new_pupil_add_one_pupil():
    for round_ in range(ROUNDS):
        # A school of its own each round, so no earlier round's pupil looks like this one.
        school, clients = two_signallers()
        posts = [
            (client, signal_data(school, f"Ronde {round_}: gezien door nummer {n}."))
            for n, client in enumerate(clients)
        ]

        loser = the_loser(post_together(posts))

        pupil = Pupil.objects.get(school=school)
        assert Case.objects.filter(pupil=pupil).open().count() == 1
        assert loser.context["duplicates"] == [pupil]
        assert escape(loser.wsgi_request.POST["noticed"]) in loser.content.decode()
