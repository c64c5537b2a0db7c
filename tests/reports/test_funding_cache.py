"""The funding report's protected counts, remembered under exactly the counts they protect.

No database: reports.funding._protected works on the figures (`_Raw`) alone. Each test gets a
cache of its own, so nothing is remembered from another test.
"""

from __future__ import annotations

import itertools

import pytest

from reports import funding
from reports.suppression import SMALL, Group, suppress

_location = itertools.count()


@pytest.fixture(autouse=True)
def own_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"funding-cache-{next(_location)}",
        }
    }


@pytest.fixture
def calls(monkeypatch):
    """The number of times the suppression really ran."""
    made = []

    def counted(counts, groups):
        made.append(dict(counts))
        return suppress(counts, groups)

    monkeypatch.setattr(funding, "suppress", counted)
    return made


def raw(a=3, b=7, c=9):
    """A school row of two kinds of closure (a small one), the row's total, and a sector."""
    counts = {"a": a, "b": b, "ab": a + b, "c": c, "sector": a + c}
    groups = [Group.of(["a", "b"], "ab"), Group.of(["a", "c"], "sector")]
    return funding._Raw(rows=[], counts=counts, groups=groups)


def test_the_same_figures_are_protected_once_and_shown_alike(calls):
    first = funding._protected(raw())
    again = funding._protected(raw())

    assert len(calls) == 1
    assert again == first == suppress(raw().counts, raw().groups)
    assert first["a"] == SMALL


def test_a_changed_count_is_protected_anew(calls):
    before = funding._protected(raw(a=3))
    after = funding._protected(raw(a=6))

    assert len(calls) == 2
    assert before["a"] == SMALL
    assert after["a"] == 6  # no longer small: shown, nothing left from before


def test_the_order_of_the_counts_does_not_matter_but_that_of_the_sums_does(calls):
    figures = raw()
    reordered = funding._Raw(
        rows=[], counts=dict(reversed(figures.counts.items())), groups=figures.groups
    )
    funding._protected(figures)
    funding._protected(reordered)
    assert len(calls) == 1

    # which of two equally small cells is hidden follows the order of the sums
    swapped = funding._Raw(rows=[], counts=figures.counts, groups=figures.groups[::-1])
    funding._protected(swapped)
    assert len(calls) == 2


def test_a_changed_suppression_rule_never_reads_the_old_result(calls, monkeypatch):
    funding._protected(raw())
    monkeypatch.setattr(funding, "_SUPPRESSION_CODE", b"another rule")
    funding._protected(raw())

    assert len(calls) == 2


def test_what_is_remembered_is_what_the_report_shows(calls):
    from django.core.cache import cache

    funding._protected(raw())
    (key,) = cache._cache.keys()  # the one entry of this test's own cache

    remembered = cache.get(key.split(":", 2)[2])
    assert remembered == suppress(raw().counts, raw().groups)
    assert all(value == 0 or value >= 5 for value in remembered.values() if isinstance(value, int))


class BrokenCache:
    def get(self, *args, **kwargs):
        raise ConnectionError("cache down")

    def set(self, *args, **kwargs):
        raise ConnectionError("cache down")


def test_a_cache_that_is_down_does_not_take_the_report_with_it(calls, monkeypatch, caplog):
    monkeypatch.setattr(funding, "cache", BrokenCache())

    shown = funding._protected(raw())

    assert shown == suppress(raw().counts, raw().groups)
    assert "cache unavailable" in caplog.text
