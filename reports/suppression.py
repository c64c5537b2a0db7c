"""Small counts hidden, and hidden for good: the disclosure control of the funding report.

Primary suppression: a count from 1 to 4 is shown as "<5" (SMALL); 0 stays 0.

Secondary suppression: the counts of a report are tied together by sums — the schools of a
sector add up to the sector, the sectors to the total, the closure reasons of a row to the cases
closed. Within such a group whose total is shown, nobody may work a hidden count out:

- by subtraction: with one hidden member, it is the total minus the shown members;
- by its bounds: "<5" means 1 to 4, so two "<5" that together must be 2 are both 1.

When a group would give a count away, its smallest shown non-zero member is hidden too (×,
HIDDEN), or its total when no such member is left, and the groups are checked again until none
gives anything away. A zero is never the extra cell: an attacker who knows the rule would know
it is zero. Every hidden cell is therefore either 1 to 4 ("<5") or at least 5 ("×"), and those are
the bounds the check assumes an attacker knows.

Members that can overlap (a case with two problem categories counts in both) do not add up to
their total exactly; treating them as a sum anyway only hides more, never less.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

SMALL = "<5"
HIDDEN = "×"
LARGEST_SMALL = 4


@dataclass(frozen=True)
class Group:
    """Cells (`members`) that add up to another cell (`total`)."""

    members: tuple[Hashable, ...]
    total: Hashable

    @classmethod
    def of(cls, members: Sequence[Hashable], total: Hashable) -> Group:
        return cls(tuple(members), total)


def suppress(counts: Mapping[Hashable, int], groups: Iterable[Group]) -> dict[Hashable, int | str]:
    """The counts as they may be shown: an int, SMALL or HIDDEN for every cell of `counts`.

    Pure: `counts` maps a cell to its true count; every member and total of `groups` must be
    one of its cells. The result does not depend on the order of `counts`, only on the order of
    `groups` where two cells are equally small.
    """
    groups = list(groups)
    missing = {cell for g in groups for cell in (*g.members, g.total)} - counts.keys()
    if missing:
        raise KeyError(f"groups refer to cells without a count: {sorted(map(str, missing))}")
    for cell, value in counts.items():
        if not isinstance(value, int) or value < 0:
            raise ValueError(f"a count is a whole number of at least 0, not {value!r} ({cell})")

    hidden = {cell: SMALL for cell, value in counts.items() if 1 <= value <= LARGEST_SMALL}
    changed = bool(hidden)
    while changed:
        changed = False
        for group in groups:
            if group.total in hidden:
                continue
            members = [cell for cell in group.members if cell in hidden]
            if members and _gives_away(members, counts, hidden):
                hidden[_next_to_hide(group, counts, hidden)] = HIDDEN
                changed = True
    return {cell: hidden.get(cell, value) for cell, value in counts.items()}


def bounds(shown: int | str) -> tuple[float, float]:
    """What an attacker knows of a cell from what is shown."""
    if shown == SMALL:
        return 1, LARGEST_SMALL
    if shown == HIDDEN:
        return LARGEST_SMALL + 1, math.inf
    return shown, shown


def _gives_away(members: list, counts: Mapping, hidden: Mapping) -> bool:
    """Whether the hidden `members` of a group with a shown total can be pinned down: their sum
    is known (the total minus the shown members), and so is each one's range."""
    known_sum = sum(counts[cell] for cell in members)
    ranges = [bounds(hidden[cell]) for cell in members]
    for index, (low, high) in enumerate(ranges):
        others = ranges[:index] + ranges[index + 1 :]
        least = max(low, known_sum - sum(r[1] for r in others))
        most = min(high, known_sum - sum(r[0] for r in others))
        if least >= most:
            return True
    return False


def _next_to_hide(group: Group, counts: Mapping, hidden: Mapping) -> Hashable:
    shown = [
        (counts[cell], position, cell)
        for position, cell in enumerate(group.members)
        if cell not in hidden and counts[cell] > 0
    ]
    return min(shown, key=lambda item: item[:2])[2] if shown else group.total
