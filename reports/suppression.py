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
3. Where nothing shown is left to hide — a sum of small counts and zeros only, such as four
   kinds of referral with one each and a total "<5": four counts of at least 1 that add up to at
   most 4 are all 1 — the sum's members are withheld (".", WITHHELD), its zeros with them, and
   both steps go on with the rest of the table.

A zero is never hidden as "<5" or "×": an attacker who knows these rules would know it is zero.
Every hidden cell is therefore 1 to 4 ("<5"), at least 5 ("×") or anything from 0 (".", which
zeros share); those are the bounds the checks grant an attacker. Members that can overlap (a
case with two problem categories counts in both) do not add up to their total exactly; treating
them as a sum anyway only hides more, never less.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

SMALL = "<5"
HIDDEN = "×"
WITHHELD = "."
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
    """The counts as they may be shown: an int, SMALL, HIDDEN or WITHHELD for every cell.

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
    if not hidden:
        return dict(counts)
    table = _Table(counts, groups)
    step_one = _StepOne(table, hidden)
    moves = _Moves(table)
    safe: set = set()  # hidden cells that can be another value (and stay so)
    newly = list(hidden)
    while True:
        newly = step_one.run(newly)
        moves.add(newly, hidden)
        pinned = _first_pinned(moves, hidden, safe)
        if pinned is None:
            break
        extra = _next_around(pinned, table, hidden)
        if extra is not None:
            hidden[extra] = HIDDEN
            newly = [extra]
            continue
        # every non-zero cell near it is hidden already: withhold a sum around it, zeros and
        # all, the one with the fewest cells first
        around = sorted(table.around.get(pinned, ()), key=lambda i: (len(table.terms[i]), i))
        newly = []
        for index in around:
            newly = _withhold(index, table, hidden)
            if newly:
                break
        else:  # nothing is left to withhold; the search gave up on an all-hidden table
            safe.add(pinned)
    return {cell: hidden.get(cell, value) for cell, value in counts.items()}


def bounds(shown: int | str, *, ceiling: int) -> tuple[int, int]:
    """What an attacker knows of a cell from what is shown; `ceiling` stands for no limit."""
    if shown == SMALL:
        return 1, LARGEST_SMALL
    if shown == HIDDEN:
        return LARGEST_SMALL + 1, ceiling
    if shown == WITHHELD:
        return 0, ceiling
    return shown, shown


class _Table:
    """The sums of a table as equations, and for each cell the sums it is in (in order)."""

    def __init__(self, counts: Mapping, groups: list[Group]):
        self.counts = counts
        self.groups = groups
        self.terms = [_terms(group) for group in groups]
        # per cell: (index of the sum, sign) for every time it occurs in a sum
        self.occurs: dict[Hashable, list[tuple[int, int]]] = {}
        for index, terms in enumerate(self.terms):
            for cell, sign in terms:
                self.occurs.setdefault(cell, []).append((index, sign))
        # per cell: the sums it is in, each once, in order
        self.around = {
            cell: sorted({index for index, _sign in occurrences})
            for cell, occurrences in self.occurs.items()
        }


def _terms(group: Group) -> list[tuple[Hashable, int]]:
    """The sum as an equation: every member with +1 and the total with -1 add up to 0."""
    return [(member, 1) for member in group.members] + [(group.total, -1)]


# --- Step 1: one sum at a time --------------------------------------------------------------


class _StepOne:
    """Hide more wherever one sum on its own gives a hidden count away.

    The sums are looked at in their order, over and over until none hides anything more. Only
    a sum in which a cell was hidden since it was last found to give nothing away can have
    changed: cells are only ever added to `hidden`. So each pass visits just those sums, in
    the same order, with the same outcome as visiting all of them."""

    def __init__(self, table: _Table, hidden: dict):
        self.table = table
        self.hidden = hidden
        # per sum: how many of its cells were hidden when it gave nothing away
        self.safe: dict[int, int] = {}

    def run(self, newly: list) -> list:
        """Visit the sums around the `newly` hidden cells; the cells hidden, those and more."""
        table, hidden = self.table, self.hidden
        hidden_now = list(newly)
        dirty = {index for cell in newly for index in table.around.get(cell, ())}
        while dirty:
            queue = sorted(dirty)
            queued = set(queue)
            dirty = set()
            while queue:
                index = heapq.heappop(queue)
                queued.discard(index)
                terms = table.terms[index]
                hidden_terms = [(cell, sign) for cell, sign in terms if cell in hidden]
                if not hidden_terms or self.safe.get(index) == len(hidden_terms):
                    continue
                if not _gives_away(hidden_terms, table.counts, hidden):
                    self.safe[index] = len(hidden_terms)
                    continue
                group = table.groups[index]
                extra = _smallest_shown(group.members, table.counts, hidden)
                if extra is None and group.total not in hidden and table.counts[group.total] > 0:
                    extra = group.total
                if extra is not None:
                    hidden[extra] = HIDDEN
                    changed = [extra]
                else:  # nothing shown is left to hide: withhold the sum's cells, zeros and all
                    changed = _withhold(index, table, hidden)
                hidden_now += changed
                for other in {other for cell in changed for other in table.around[cell]}:
                    if other > index:  # still ahead in this pass
                        if other not in queued:
                            heapq.heappush(queue, other)
                            queued.add(other)
                    else:  # the next pass
                        dirty.add(other)
        return hidden_now


def _withhold(index: int, table: _Table, hidden: dict) -> list:
    """Show the members of sum `index` as WITHHELD — hidden ones and zeros alike — or, when
    they all are, its total; the cells changed.

    A sum that is all small counts and zeros (four kinds of referral, one each, and a total
    "<5") gives its counts away by their bounds alone: four cells of at least 1 that add up to
    at most 4 are all 1. Hiding more elsewhere cannot help, so the sum's own cells are withheld:
    "." says nothing but "0 or more", and zeros are withheld with the rest, else "." would
    mean "at least 1" to anyone who knows these rules."""
    group = table.groups[index]

    def open_(cell) -> bool:
        return hidden.get(cell) != WITHHELD and (cell in hidden or table.counts[cell] == 0)

    cells = [cell for cell in dict.fromkeys(group.members) if open_(cell)]
    if not cells and open_(group.total):
        cells = [group.total]
    for cell in cells:
        hidden[cell] = WITHHELD
    return cells


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


def _first_pinned(moves: _Moves, hidden: Mapping, safe: set) -> Hashable | None:
    """The first hidden cell that an attacker can pin down to one value, combining every sum;
    None when there is none. Cells found safe are added to `safe` — and with each one, every
    other cell that changes in the other table found for it: hiding more cells only takes
    knowledge away, so they stay safe."""
    for cell in hidden:
        if cell not in safe:
            moved = moves.cycle(cell) or moves.can_move(cell)
            if not moved:
                return cell
            safe.update(moved)
    return None


def _next_around(cell: Hashable, table: _Table, hidden: Mapping):
    """The smallest shown non-zero cell of a sum that `cell` takes part in; when there is none,
    of a sum one step further away, and so on."""
    reached, frontier = {cell}, {cell}
    while frontier:
        indexes = sorted({index for c in frontier for index in table.around.get(c, ())})
        near = [other for index in indexes for other, _sign in table.terms[index]]
        choice = _smallest_shown(near, table.counts, hidden)
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

    The search keeps one set of ranges (`domains`) and undoes its changes when it backtracks;
    for every sum it keeps the total of the changes already decided, so the first sum out of
    balance is found among those few. Cells are added as they are hidden."""

    def __init__(self, table: _Table):
        self.table = table
        self.domains: dict[Hashable, tuple[int, int]] = {}
        self.equations: dict[int, list[tuple[Hashable, int]]] = {}
        # per sum: the least and the most its changes can add up to, with the ranges as they are
        self.least: dict[int, int] = {}
        self.most: dict[int, int] = {}
        self.off: dict[int, int] = {}  # per sum: the decided changes, where not 0
        self.open: dict[int, int] = {}  # per sum: how many of its cells are not decided
        self.wide: dict[int, int] = {}  # per sum: how many of its cells can still go either way
        self.links: dict[tuple[int, int], list] = {}  # see _links
        self.trail: list[tuple[Hashable, tuple[int, int]]] = []
        self.steps = 0

    def add(self, cells: list, hidden: Mapping) -> None:
        """Take in newly hidden cells (between searches, with every range at rest)."""
        counts, table, domains = self.table.counts, self.table, self.domains
        self.links = {}
        for cell in cells:
            low, high = bounds(hidden[cell], ceiling=counts[cell] + 1)
            domains[cell] = (max(-1, low - counts[cell]), min(1, high - counts[cell]))
        for index in {index for cell in cells for index in table.around.get(cell, ())}:
            terms = [(c, s) for c, s in table.terms[index] if c in domains]
            self.equations[index] = terms
            least = most = 0
            for c, s in terms:
                low, high = domains[c]
                least, most = (least + low, most + high) if s > 0 else (least - high, most - low)
            self.least[index], self.most[index] = least, most
            self.open[index] = len(terms)
            self.wide[index] = sum(domains[c] == (-1, 1) for c, _s in terms)

    def can_move(self, cell: Hashable) -> list:
        """The cells that change in another table that fits what is shown and in which `cell`
        changes (`cell` first); empty when there is none or the search gave up."""
        self.steps = 0
        low, high = self.domains[cell]
        try:
            for step in (1, -1):
                if low <= step <= high:
                    found = self._feasible(cell, step)
                    moved = (
                        [c for c, _old in self.trail if self.domains[c] in _DECIDED]
                        if found
                        else []
                    )
                    self._undo(0)
                    if found:
                        return moved
            return []
        except _TooHard:
            self._undo(0)
            return []

    def cycle(self, cell: Hashable) -> dict:
        """A quick look for another table before the full search: a closed chain of hidden
        cells, each in exactly two sums, in which every sum gets one +1 and one -1 — at a
        school, two kinds of closure that swap one case, and the same two kinds at another
        school of the sector the other way round. Breadth first, so the shortest chain: each
        cell that changes (`cell` first) with its change; empty when there is none (the full
        search then decides). Each cell of the chain brings one sum what the cell before it
        took away and is in no other sum, so every sum adds up and every change is one its
        range allows."""
        around = self.table.occurs.get(cell, ())
        if len(around) != 2 or around[0][0] == around[1][0]:
            return {}
        (first, first_sign), (second, second_sign) = around
        low, high = self.domains[cell]
        for step in (1, -1):
            if not low <= step <= high:
                continue
            # A state is a sum and the change that the next cell of the chain must bring it
            # to balance; the chain is closed on reaching the first sum needing what `cell`
            # brings it.
            start, goal = (second, -step * second_sign), (first, step * first_sign)
            came_from = self._search(start, goal, cell)
            if came_from is None:
                continue
            changes = {cell: step}
            state = goal
            while state != start:
                state, other, change = came_from[state]
                if other in changes:  # a cell twice: leave it to the full search
                    break
                changes[other] = change
            else:
                return changes
        return {}

    def _search(self, start: tuple[int, int], goal: tuple[int, int], cell: Hashable) -> dict | None:
        """Breadth first from state `start` to state `goal`, not through `cell`: for every state
        reached, the state before it, the cell between them and its change; None if `goal` is
        out of reach."""
        came_from: dict[tuple[int, int], tuple] = {start: ()}
        frontier = [start]
        while frontier:
            following = []
            for state in frontier:
                for onward, other, change in self._links(state):
                    if onward not in came_from and other != cell:
                        came_from[onward] = (state, other, change)
                        if onward == goal:
                            return came_from
                        following.append(onward)
            frontier = following
        return None

    def _links(self, state: tuple[int, int]) -> list:
        """The steps of a chain from `state`: each cell in two sums of that sum that can
        bring the change it needs, with the state of its other sum. Ranges at rest only
        change when cells are added, so they are kept until then."""
        links = self.links.get(state)
        if links is None:
            domains, occurs = self.domains, self.table.occurs
            index, need = state
            links = []
            for other, sign in self.equations[index]:
                change = need * sign
                low, high = domains[other]
                there = occurs[other]
                if low <= change <= high and len(there) == 2 and there[0][0] != there[1][0]:
                    (a, a_sign), (b, b_sign) = there
                    onward = (b, -change * b_sign) if a == index else (a, -change * a_sign)
                    links.append((onward, other, change))
            self.links[state] = links
        return links

    def _set(self, cell: Hashable, new: tuple[int, int]) -> None:
        old = self.domains[cell]
        self.trail.append((cell, old))
        self.domains[cell] = new
        self._account(cell, old, new)

    def _undo(self, mark: int) -> None:
        trail, domains = self.trail, self.domains
        while len(trail) > mark:
            cell, old = trail.pop()
            new = domains[cell]
            domains[cell] = old
            self._account(cell, new, old)

    def _account(self, cell: Hashable, old: tuple[int, int], new: tuple[int, int]) -> None:
        """Keep each sum's range and decided changes in step with a range that changed."""
        least, most, off, open_, wide = self.least, self.most, self.off, self.open, self.wide
        low_step, high_step = new[0] - old[0], new[1] - old[1]
        decided = (new[0] if new[0] == new[1] else 0) - (old[0] if old[0] == old[1] else 0)
        closing = (new[0] == new[1]) - (old[0] == old[1])
        widening = (new == (-1, 1)) - (old == (-1, 1))
        for index, sign in self.table.occurs.get(cell, ()):
            if closing:
                open_[index] -= closing
            if widening:
                wide[index] += widening
            if sign > 0:
                least[index] += low_step
                most[index] += high_step
            else:
                least[index] -= high_step
                most[index] -= low_step
            if decided:
                total = off.get(index, 0) + sign * decided
                if total:
                    off[index] = total
                else:
                    del off[index]

    def _feasible(self, cell: Hashable, step: int) -> bool:
        """Whether `cell` can change by `step` given the choices on the trail; leaves its own
        choices on the trail for the caller to undo."""
        self.steps += 1
        if self.steps > SEARCH_LIMIT:
            raise _TooHard
        self._set(cell, (step, step))
        if not self._propagate(cell):
            return False
        # Branch where a sum is still out of balance; if none is, leaving every open cell
        # unchanged balances them all.
        if not self.off:
            return True
        # the sum with the fewest open cells: the fewest ways to balance it
        open_ = self.open
        index = min(self.off, key=lambda index: (open_[index], index))
        total = self.off[index]
        branch, sign = self._branch(index, total)
        low, high = self.domains[branch]
        balancing = -1 if total * sign > 0 else 1
        for choice in (balancing, 0, -balancing):
            if low <= choice <= high:
                mark = len(self.trail)
                if self._feasible(branch, choice):
                    return True
                self._undo(mark)
        return False

    def _branch(self, index: int, total: int) -> tuple[Hashable, int]:
        """The open cell of sum `index` to decide next: the one whose balancing change puts
        the fewest other sums out of balance (and brings the most back), so that the search
        closes its chain soon rather than wandering through the table."""
        domains, off, occurs = self.domains, self.off, self.table.occurs
        best, best_score = None, None
        for cell, sign in self.equations[index]:
            low, high = domains[cell]
            if low == high:
                continue
            change = -1 if total * sign > 0 else 1
            if not low <= change <= high:
                change = -change
            score = 0
            for other, other_sign in occurs[cell]:
                if other != index:
                    now = off.get(other, 0)
                    score += abs(now + other_sign * change) - abs(now)
            if best_score is None or score < best_score:
                best, best_score = (cell, sign), score
                if score < 0:
                    break
        return best

    def _propagate(self, changed: Hashable) -> bool:
        """Narrow every range by every sum it is in, until nothing narrows; False if a sum
        cannot add up. A range is at most 2 wide (-1 to +1), so a sum whose changes can reach
        2 or more either way narrows none of its cells and is passed over."""
        domains, equations, occurs = self.domains, self.equations, self.table.occurs
        all_least, all_most, wide = self.least, self.most, self.wide
        queue = {index for index, _sign in occurs.get(changed, ())}
        while queue:
            index = queue.pop()
            least, most = all_least[index], all_most[index]
            if not least <= 0 <= most:
                return False
            # A cell's range narrows only where it is wider than the room the sum has left
            # on its tighter side: with room 2 none does, with room 1 only a cell that can
            # still go either way.
            room = min(most, -least)
            if least == most or room >= 2 or (room == 1 and not wide[index]):
                continue
            for cell, sign in equations[index]:
                least, most = all_least[index], all_most[index]
                low, high = domains[cell]
                term_least, term_most = (low, high) if sign > 0 else (-high, -low)
                lo_term, hi_term = -(most - term_most), -(least - term_least)
                new = (
                    (max(low, lo_term), min(high, hi_term))
                    if sign > 0
                    else (max(low, -hi_term), min(high, -lo_term))
                )
                if new[0] > new[1]:
                    return False
                if new != (low, high):
                    self._set(cell, new)
                    queue.update(index for index, _sign in occurs.get(cell, ()))
        return True


_DECIDED = {(-1, -1), (1, 1)}


class _TooHard(Exception):
    pass
