"""Small counts hidden, and hidden for good: the disclosure control of the funding report.

Primary suppression: a count from 1 to 4 is shown as "<5" (SMALL); 0 stays 0.

Secondary suppression: the counts of a report are tied together by sums — the schools of a
sector add up to the sector, the sectors to the total, the closure reasons of a row to the cases
closed. Nobody may work a hidden count out from what is shown:

1. Within one sum: not by subtraction (with one hidden member, it is the total minus the shown
   members; a hidden total with every member shown is their sum), and not by bounds ("<5"
   means 1 to 4, so two "<5" that together must be 2 are both 1). Where a sum would give a count
   away, its smallest shown non-zero member is hidden too (×, HIDDEN), or its total when no such
   member is left.
2. Across sums: they can be combined (a school's row and its sector's column), so after step 1
   an attacker's solver is run over every sum at once, knowing the bounds; while it can still pin
   down a hidden count to one value, the smallest shown non-zero cell of a sum around that count
   is hidden as well, and step 1 is repeated.

A zero is never the extra cell: an attacker who knows these rules would know it is zero. Every
hidden cell is therefore 1 to 4 ("<5") or at least 5 ("×"); those are the bounds the checks grant
an attacker. Members that can overlap (a case with two problem categories counts in both) do not
add up to their total exactly; treating them as a sum anyway only hides more, never less.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

SMALL = "<5"
HIDDEN = "×"
LARGEST_SMALL = 4
# The attacker's search gives up after this many steps for one count; the count then counts as
# pinned down, so a hard table is protected by hiding more, never by hoping.
SEARCH_LIMIT = 400


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
    one of its cells. The order of `counts` does not matter; where two cells are equally small,
    the order of `groups` and of their members decides which one is hidden.
    """
    groups = list(groups)
    missing = {cell for g in groups for cell in (*g.members, g.total)} - counts.keys()
    if missing:
        raise KeyError(f"groups refer to cells without a count: {sorted(map(str, missing))}")
    for cell, value in counts.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"a count is a whole number of at least 0, not {value!r} ({cell})")

    # cells in the order the groups name them, so that the order of `counts` does not matter
    position: dict[Hashable, int] = {}
    for group in groups:
        for cell in (*group.members, group.total):
            position.setdefault(cell, len(position))
    small = [cell for cell, value in counts.items() if 1 <= value <= LARGEST_SMALL]
    small.sort(key=lambda cell: position.get(cell, len(position)))
    hidden = dict.fromkeys(small, SMALL)
    safe: set = set()
    protected: dict[int, int] = {}
    while hidden:
        _protect_each_group(counts, groups, hidden, protected)
        pinned = _first_pinned(counts, groups, hidden, safe)
        if pinned is None:
            break
        extra = _next_around(pinned, counts, groups, hidden)
        if extra is None:  # every non-zero cell near it is hidden already: nothing more to do
            break
        hidden[extra] = HIDDEN
    return {cell: hidden.get(cell, value) for cell, value in counts.items()}


def bounds(shown: int | str, *, ceiling: int) -> tuple[int, int]:
    """What an attacker knows of a cell from what is shown; `ceiling` stands for no limit."""
    if shown == SMALL:
        return 1, LARGEST_SMALL
    if shown == HIDDEN:
        return LARGEST_SMALL + 1, ceiling
    return shown, shown


# --- Step 1: one sum at a time --------------------------------------------------------------


def _protect_each_group(
    counts: Mapping, groups: list[Group], hidden: dict, safe: dict | None = None
) -> None:
    """`safe` remembers, per group, how many of its cells were hidden when it gave nothing
    away: cells are only ever added to `hidden`, so until that number changes it still gives
    nothing away (and suppress() calls this again after every cell step 2 hides)."""
    safe = {} if safe is None else safe
    changed = True
    while changed:
        changed = False
        for index, group in enumerate(groups):
            terms = _terms(group)
            hidden_terms = [(cell, sign) for cell, sign in terms if cell in hidden]
            if not hidden_terms or safe.get(index) == len(hidden_terms):
                continue
            if not _gives_away(hidden_terms, counts, hidden):
                safe[index] = len(hidden_terms)
            else:
                extra = _smallest_shown(group.members, counts, hidden)
                if extra is None and group.total not in hidden and counts[group.total] > 0:
                    extra = group.total
                if extra is not None:
                    hidden[extra] = HIDDEN
                    changed = True


def _terms(group: Group) -> list[tuple[Hashable, int]]:
    """The sum as an equation: every member with +1 and the total with -1 add up to 0."""
    return [(member, 1) for member in group.members] + [(group.total, -1)]


def _gives_away(terms: list, counts: Mapping, hidden: Mapping) -> bool:
    """Whether one of the hidden cells of a sum (`terms`) can be pinned down from it: what the
    hidden cells add up to is known (from the shown ones), and so is each one's range."""
    known = sum(sign * counts[cell] for cell, sign in terms)
    ceiling = sum(counts[cell] for cell, _sign in terms) + LARGEST_SMALL + 1  # as good as no limit
    ranges = []
    for cell, sign in terms:
        low, high = bounds(hidden[cell], ceiling=ceiling)
        ranges.append((low, high) if sign > 0 else (-high, -low))
    # The others of each cell are all cells less that one: two sums instead of one per cell
    # (a sector's sum has dozens of schools, and this runs for every sum until none changes).
    all_low, all_high = sum(r[0] for r in ranges), sum(r[1] for r in ranges)
    for low, high in ranges:
        least = max(low, known - (all_high - high))
        most = min(high, known - (all_low - low))
        if least >= most:
            return True
    return False


def _smallest_shown(cells: Iterable, counts: Mapping, hidden: Mapping) -> Hashable | None:
    shown = [
        (counts[cell], position, cell)
        for position, cell in enumerate(cells)
        if cell not in hidden and counts[cell] > 0
    ]
    return min(shown, key=lambda item: item[:2])[2] if shown else None


# --- Step 2: all sums at once ----------------------------------------------------------------


def _first_pinned(
    counts: Mapping, groups: list[Group], hidden: Mapping, safe: set
) -> Hashable | None:
    """The first hidden cell that an attacker can pin down to one value, combining every sum;
    None when there is none. Cells found safe are added to `safe`: hiding more cells only takes
    knowledge away, so they stay safe."""
    moves = _Moves(counts, groups, hidden)
    for cell in list(hidden):
        if cell not in safe:
            if not moves.can_move(cell):
                return cell
            safe.add(cell)
    return None


def _next_around(cell: Hashable, counts: Mapping, groups: list[Group], hidden: Mapping):
    """The smallest shown non-zero cell of a sum that `cell` takes part in; when there is none,
    of a sum one step further away, and so on."""
    reached, frontier = {cell}, {cell}
    while frontier:
        near = [
            other
            for group in groups
            if group.total in frontier or not frontier.isdisjoint(group.members)
            for other in (*group.members, group.total)
        ]
        choice = _smallest_shown(near, counts, hidden)
        if choice is not None:
            return choice
        frontier = set(near) - reached
        reached |= frontier
    return None


class _Moves:
    """Can a hidden count be another value without contradicting anything shown?

    Another table that fits what is shown differs from the true one by a change of each
    hidden cell; every sum still adds up and every hidden cell stays within its bounds. It is
    enough to look for changes of -1, 0 or +1 per cell: for tables of nested sums (the
    constraint matrices are totally unimodular) any other fitting table contains such a step
    towards it. Where a table is not of that kind, or the search runs too long, a count counts
    as pinned down: more is hidden, never less.
    """

    def __init__(self, counts: Mapping, groups: list[Group], hidden: Mapping):
        self.domains = {}
        for cell, shown in hidden.items():
            low, high = bounds(shown, ceiling=counts[cell] + 1)
            self.domains[cell] = (max(-1, low - counts[cell]), min(1, high - counts[cell]))
        self.equations = [
            [(cell, sign) for cell, sign in _terms(group) if cell in hidden] for group in groups
        ]
        self.equations = [terms for terms in self.equations if terms]
        self.touching: dict[Hashable, list[int]] = {cell: [] for cell in hidden}
        for index, terms in enumerate(self.equations):
            for cell, _sign in terms:
                self.touching[cell].append(index)
        self.steps = 0

    def can_move(self, cell: Hashable) -> bool:
        self.steps = 0
        low, high = self.domains[cell]
        try:
            return any(
                self._feasible({**self.domains, cell: (step, step)}, [cell])
                for step in (1, -1)
                if low <= step <= high
            )
        except _TooHard:
            return False

    def _feasible(self, domains: dict, changed: list) -> bool:
        self.steps += 1
        if self.steps > SEARCH_LIMIT:
            raise _TooHard
        domains = self._propagate(domains, changed)
        if domains is None:
            return False
        # Branch where a sum is still out of balance; if none is, leaving every open cell
        # unchanged balances them all.
        for terms in self.equations:
            # the hot loop of the search: one lookup per cell
            fixed = 0
            for c, sign in terms:
                low, high = domains[c]
                if low == high:
                    fixed += sign * low
            if fixed == 0:
                continue
            cell, sign = next((c, s) for c, s in terms if domains[c][0] < domains[c][1])
            low, high = domains[cell]
            balancing = -1 if fixed * sign > 0 else 1
            for step in (balancing, 0, -balancing):
                if low <= step <= high and self._feasible({**domains, cell: (step, step)}, [cell]):
                    return True
            return False
        return True

    def _propagate(self, domains: dict, changed: list) -> dict | None:
        """Narrow every change by every sum it is in, until nothing narrows; None if a sum
        cannot add up."""
        domains = dict(domains)
        queue = {index for cell in changed for index in self.touching[cell]}
        while queue:
            terms = self.equations[queue.pop()]
            least = most = 0
            for c, s in terms:
                low, high = domains[c]
                least, most = (least + low, most + high) if s > 0 else (least - high, most - low)
            if not least <= 0 <= most:
                return None
            for cell, sign in terms:
                low, high = domains[cell]
                term_least, term_most = (low, high) if sign > 0 else (-high, -low)
                lo_term, hi_term = -(most - term_most), -(least - term_least)
                new = (
                    (max(low, lo_term), min(high, hi_term))
                    if sign > 0
                    else (max(low, -hi_term), min(high, -lo_term))
                )
                if new[0] > new[1]:
                    return None
                if new != (low, high):
                    domains[cell] = new
                    queue.update(self.touching[cell])
        return domains


class _TooHard(Exception):
    pass
