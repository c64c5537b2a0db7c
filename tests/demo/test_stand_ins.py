"""The demo stand-ins: the team leader's pages show one now, one coming and one past."""

from __future__ import annotations

import re

from django.urls import reverse

from accounts.models import User
from cases.models import StandIn
from demo.people import seed_people
from demo.stand_ins import seed_stand_ins


def test_demo_stand_ins_fill_every_section_and_are_added_once(client, db):
    seed_people()
    assert seed_stand_ins() == 3
    assert seed_stand_ins() == 0
    smw, smw2 = User.objects.get(username="smw"), User.objects.get(username="smw2")
    assert StandIn.objects.active().filter(stand_in=smw2, for_worker=smw).exists()
    assert StandIn.objects.future().filter(stand_in=smw, for_worker=smw2).exists()
    assert StandIn.objects.past().filter(stand_in=smw2, for_worker=smw).exists()

    client.force_login(User.objects.get(username="teamleider"))
    page = client.get(reverse("cases:stand_in_list")).content.decode()
    shown = {int(pk) for pk in re.findall(r'href="/dossiers/waarnemingen/(\d+)/"', page)}
    assert shown == set(StandIn.objects.values_list("pk", flat=True))
    assert "Vandaag loopt er geen waarneming" not in page
    assert "Er is geen waarneming gepland" not in page
