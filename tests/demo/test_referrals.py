"""The demo sociale kaart (demo/data/social_map.toml): every organisation once, however often
it is seeded, serving the municipalities the file names."""

from __future__ import annotations

from demo.referrals import ENTRIES, seed_social_map
from referrals.models import SocialMapEntry
from tests import factories


def test_seeding_the_demo_sociale_kaart_twice_creates_each_entry_once(db):
    utrecht = factories.create_municipality(name="Utrecht")
    nieuwegein = factories.create_municipality(name="Nieuwegein")

    first = seed_social_map()
    count = SocialMapEntry.objects.count()
    second = seed_social_map()

    assert first == second == len(ENTRIES)
    assert SocialMapEntry.objects.count() == count == len(ENTRIES)
    altrecht = SocialMapEntry.objects.get(name="Altrecht Jeugd")
    assert set(altrecht.municipalities.all()) == {utrecht, nieuwegein}
