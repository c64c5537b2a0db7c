"""Disclosure control of the funding report: counts 1–4 become "<5", and no hidden count can be
worked out from what is shown — by subtracting the shown cells from a shown total, by the bounds
that "<5" and "×" reveal, or by combining sums.

The attacker here is independent of reports.suppression: an exact integer solver over every sum
of the table, that knows a "<5" is 1 to 4 and a "×" at least 5. A hidden count is safe when the
attacker finds at least two values for it that fit everything shown.
"""

from __future__ import annotations

import random

import pytest

from reports.suppression import HIDDEN, SMALL, WITHHELD, Group, suppress

# --- The attacker ----------------------------------------------------------------------------

NO_LIMIT = 10**6


def _equations(shown: dict, groups: list[Group]) -> list[tuple[list, int]]:
    """Every sum as `Σ sign × hidden cell = right-hand side`, the shown cells moved right."""
    equations = []
    for group in groups:
        terms, rhs = [], 0
        for cell, sign in [(m, 1) for m in group.members] + [(group.total, -1)]:
            if isinstance(shown[cell], str):
                terms.append((cell, sign))
            else:
                rhs -= sign * shown[cell]
        if terms:
            equations.append((terms, rhs))
    return equations


def _narrow(domains: dict, equations: list) -> dict | None:
    """Each hidden cell's range, narrowed by every equation until nothing changes; None when
    the equations cannot hold."""
    domains = dict(domains)
    changed = True
    while changed:
        changed = False
        for terms, rhs in equations:
            # the range of each term (sign × cell), and of all terms together
            ranges = [
                domains[cell] if sign > 0 else (-domains[cell][1], -domains[cell][0])
                for cell, sign in terms
            ]
            least, most = sum(r[0] for r in ranges), sum(r[1] for r in ranges)
            if not least <= rhs <= most:
                return None
            for (cell, sign), (low, high) in zip(terms, ranges, strict=True):
                # this term is the right-hand side minus the others
                low, high = max(low, rhs - (most - high)), min(high, rhs - (least - low))
                new = (low, high) if sign > 0 else (-high, -low)
                if new != domains[cell]:
                    domains[cell], changed = new, True
    return domains


def _fits(domains: dict, equations: list) -> bool:
    """Whether some whole numbers within `domains` satisfy every equation."""
    domains = _narrow(domains, equations)
    if domains is None:
        return False
    open_cells = [cell for cell, (low, high) in domains.items() if low < high]
    if not open_cells:
        return True
    cell = max(open_cells, key=lambda c: domains[c][1] - domains[c][0])
    low, high = domains[cell]
    middle = (low + high) // 2
    return _fits({**domains, cell: (low, middle)}, equations) or _fits(
        {**domains, cell: (middle + 1, high)}, equations
    )


def possible_values(shown: dict, groups: list[Group]) -> dict:
    """For every hidden cell, the least and the most it can be, given everything shown."""
    equations = _equations(shown, groups)
    domains = {}
    for cell, value in shown.items():
        if value == SMALL:
            domains[cell] = (1, 4)
        elif value == HIDDEN:
            domains[cell] = (5, NO_LIMIT)
        elif value == WITHHELD:
            domains[cell] = (0, NO_LIMIT)
        else:
            assert isinstance(value, int)
    domains = _narrow(domains, equations)
    assert domains is not None, "what is shown must fit the sums"
    result = {}
    for cells in _apart(domains, equations):
        part = {cell: domains[cell] for cell in cells}
        tied = [(terms, rhs) for terms, rhs in equations if terms[0][0] in cells]
        for cell in cells:
            result[cell] = _range(cell, part, tied)
    return result


def _apart(domains: dict, equations: list) -> list[set]:
    """The hidden cells in sets that no equation ties together: each can be solved alone."""
    parts: list[set] = []
    for cell in domains:
        parts.append({cell})
    for terms, _rhs in equations:
        cells = {cell for cell, _sign in terms}
        joined = [part for part in parts if part & cells]
        parts = [part for part in parts if not part & cells] + [set().union(*joined)]
    return parts


def _range(cell, domains: dict, equations: list) -> tuple[int, int]:
    """The least and the most `cell` can be: a binary search on each end."""
    low, high = domains[cell]
    least, most = low, high
    while least < most:
        middle = (least + most) // 2
        if _fits({**domains, cell: (least, middle)}, equations):
            most = middle
        else:
            least = middle + 1
    smallest = least
    least, most = smallest, high
    while least < most:
        middle = (least + most + 1) // 2
        if _fits({**domains, cell: (middle, most)}, equations):
            least = middle
        else:
            most = middle - 1
    return smallest, least


def pinned_down(shown: dict, groups: list[Group]) -> dict:
    """The hidden cells the attacker can pin down to one value: {cell: value}."""
    return {
        cell: low for cell, (low, high) in possible_values(shown, groups).items() if low == high
    }


# --- Tables ----------------------------------------------------------------------------------


def hierarchical_table(sectors: dict[str, dict[str, list[int]]], columns: list[str]):
    """A table of counts: {sector: {school: [count per column]}}, with sector rows, a total row
    and a total column, every sum exact. Returns (counts, groups)."""
    counts = {}
    for sector, schools in sectors.items():
        for school, values in schools.items():
            for column, value in zip(columns, values, strict=True):
                counts[(column, school)] = value
        for column in columns:
            counts[(column, sector)] = sum(counts[(column, s)] for s in schools)
    for column in columns:
        counts[(column, "total")] = sum(counts[(column, s)] for s in sectors)
    rows = [school for schools in sectors.values() for school in schools] + [*sectors, "total"]
    for row in rows:
        counts[("all", row)] = sum(counts[(column, row)] for column in columns)
    groups = []
    for column in [*columns, "all"]:
        for sector, schools in sectors.items():
            groups.append(Group.of([(column, s) for s in schools], (column, sector)))
        groups.append(Group.of([(column, s) for s in sectors], (column, "total")))
    for row in rows:
        groups.append(Group.of([(column, row) for column in columns], ("all", row)))
    return counts, groups


def random_table(
    rng: random.Random,
    *,
    schools: int | None = None,
    columns: int | None = None,
    pool: tuple[int, ...] = (0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 12),
):
    n_schools = schools or rng.randint(1, 7)
    names = [f"c{k}" for k in range(columns or rng.randint(1, 4))]
    sectors: dict[str, dict[str, list[int]]] = {}
    for n in range(n_schools):
        sector = rng.choice("PQR")
        sectors.setdefault(sector, {})[f"{sector}{n}"] = [rng.choice(pool) for _ in names]
    return hierarchical_table(sectors, names)


def assert_honest(counts: dict, shown: dict) -> None:
    """A shown number is the true one; "<5" is exactly the counts 1 to 4; "×" is at least 5;
    "." is any count."""
    assert shown.keys() == counts.keys()
    for cell, value in shown.items():
        true = counts[cell]
        if value == SMALL:
            assert 1 <= true <= 4, cell
        elif value == HIDDEN:
            assert true >= 5, cell
        elif value == WITHHELD:
            assert true >= 0, cell
        else:
            assert value == true, cell
            assert not 1 <= true <= 4, cell


def assert_nothing_recoverable(counts: dict, shown: dict, groups: list[Group]) -> None:
    ranges = possible_values(shown, groups)
    for cell, (low, high) in ranges.items():
        assert low <= counts[cell] <= high, cell  # the truth always fits
        assert low < high, f"{cell} can be worked out: {counts[cell]}"


# --- Primary suppression ---------------------------------------------------------------------


def test_counts_from_1_to_4_become_less_than_5_and_zero_stays_zero():
    counts = {n: n for n in range(8)}
    assert suppress(counts, []) == {0: 0, 1: "<5", 2: "<5", 3: "<5", 4: "<5", 5: 5, 6: 6, 7: 7}


def test_without_small_counts_nothing_is_hidden():
    counts, groups = hierarchical_table({"PO": {"a": [5, 0], "b": [7, 9]}}, ["x", "y"])
    assert suppress(counts, groups) == counts


def test_a_count_must_be_a_whole_number_and_every_cell_of_a_sum_must_be_counted():
    with pytest.raises(ValueError):
        suppress({"a": -1}, [])
    with pytest.raises(ValueError):
        suppress({"a": 2.5}, [])
    with pytest.raises(ValueError):
        suppress({"a": True}, [])
    with pytest.raises(KeyError):
        suppress({"a": 1}, [Group.of(["a", "b"], "total")])


# --- Secondary suppression within one sum ----------------------------------------------------


def test_one_hidden_cell_takes_the_next_smallest_with_it():
    counts = {"a": 3, "b": 9, "c": 6, "d": 0, "e": 20, "total": 38}
    shown = suppress(counts, [Group.of(["a", "b", "c", "d", "e"], "total")])
    # the zero is no cover: "d" stays 0; the smallest non-zero count, "c", is hidden
    assert shown == {"a": "<5", "b": 9, "c": "×", "d": 0, "e": 20, "total": 38}


def test_the_hidden_count_cannot_be_had_by_subtraction_from_the_total():
    counts = {"a": 3, "b": 9, "c": 6, "e": 20, "total": 38}
    group = Group.of(["a", "b", "c", "e"], "total")
    shown = suppress(counts, [group])
    hidden = [cell for cell in group.members if isinstance(shown[cell], str)]
    assert hidden == ["a", "c"]
    # the total minus the shown members is what the hidden ones add up to, not any one of them
    left_over = shown["total"] - sum(shown[m] for m in group.members if m not in hidden)
    assert left_over == 9
    assert all(counts[cell] != left_over for cell in hidden)
    assert_nothing_recoverable(counts, shown, [group])


def test_equal_counts_hide_the_first_member():
    counts = {"a": 2, "b": 7, "c": 7, "total": 16}
    shown = suppress(counts, [Group.of(["a", "b", "c"], "total")])
    assert shown == {"a": "<5", "b": "×", "c": 7, "total": 16}


def test_a_total_of_1_to_4_is_small_itself():
    counts = {"a": 2, "b": 0, "total": 2, "x": 9, "sum": 11}
    groups = [Group.of(["a", "b"], "total"), Group.of(["total", "x"], "sum")]
    assert suppress(counts, groups) == {"a": "<5", "b": 0, "total": "<5", "x": "×", "sum": 11}


def test_with_no_other_member_to_hide_the_total_goes():
    # a school that is its sector's only one: once its count of 7 is hidden (to cover the 2
    # in its row), the sector's 7 would give it away
    counts = {
        ("x", "school"): 7,
        ("y", "school"): 2,
        ("all", "school"): 9,
        ("x", "sector"): 7,
        ("y", "sector"): 2,
        ("all", "sector"): 9,
    }
    groups = [
        Group.of([("x", "school"), ("y", "school")], ("all", "school")),
        Group.of([("x", "school")], ("x", "sector")),
        Group.of([("y", "school")], ("y", "sector")),
        Group.of([("all", "school")], ("all", "sector")),
        Group.of([("x", "sector"), ("y", "sector")], ("all", "sector")),
    ]
    shown = suppress(counts, groups)
    assert shown[("x", "school")] == shown[("x", "sector")] == "×"
    assert shown[("all", "school")] == shown[("all", "sector")] == 9
    assert_nothing_recoverable(counts, shown, groups)


def test_a_hidden_total_is_not_the_sum_of_shown_members():
    counts = {"a": 5, "b": 6, "total": 11, "other": 2, "all": 13}
    groups = [Group.of(["a", "b"], "total"), Group.of(["total", "other"], "all")]
    shown = suppress(counts, groups)
    assert shown["other"] == "<5"
    assert shown["total"] == "×"
    assert shown["a"] == "×"  # else total = a + b
    assert_nothing_recoverable(counts, shown, groups)


def test_two_small_counts_that_must_both_be_1_are_covered():
    # 1 + 1 = 2: both "<5" are at least 1, so both would be 1
    counts = {"a": 1, "b": 1, "c": 8, "total": 10}
    shown = suppress(counts, [Group.of(["a", "b", "c"], "total")])
    assert shown == {"a": "<5", "b": "<5", "c": "×", "total": 10}
    # 4 + 4 = 8 likewise at the top of the range
    counts = {"a": 4, "b": 4, "c": 8, "total": 16}
    shown = suppress(counts, [Group.of(["a", "b", "c"], "total")])
    assert shown["c"] == "×"


def test_a_small_count_next_to_a_5_is_covered_once_more():
    # <5 and × adding up to 6 can only be 1 and 5
    counts = {"a": 1, "b": 5, "c": 9, "total": 15}
    group = Group.of(["a", "b", "c"], "total")
    shown = suppress(counts, [group])
    assert shown == {"a": "<5", "b": "×", "c": "×", "total": 15}
    assert_nothing_recoverable(counts, shown, [group])


def test_two_small_counts_with_room_between_them_are_enough():
    counts = {"a": 2, "b": 3, "c": 9, "total": 14}
    assert suppress(counts, [Group.of(["a", "b", "c"], "total")]) == {
        "a": "<5",
        "b": "<5",
        "c": 9,
        "total": 14,
    }


def test_a_sum_of_small_counts_only_is_withheld_zeros_and_all():
    # four kinds of referral, one each, and a total "<5": four cells of at least 1 that add up
    # to at most 4 are all 1, whatever else is hidden; and a "." that is never 0 would be 1 too
    counts = {"a": 1, "b": 1, "c": 1, "d": 1, "e": 0, "f": 0, "total": 4}
    group = Group.of(["a", "b", "c", "d", "e", "f"], "total")
    naive = {cell: SMALL if 1 <= n <= 4 else n for cell, n in counts.items()}
    assert pinned_down(naive, [group]) == {"a": 1, "b": 1, "c": 1, "d": 1, "total": 4}
    shown = suppress(counts, [group])
    assert shown == dict.fromkeys("abcdef", WITHHELD) | {"total": SMALL}
    assert_nothing_recoverable(counts, shown, [group])


# --- Secondary suppression across sums -------------------------------------------------------


def test_schools_sectors_and_total_in_both_directions():
    counts, groups = hierarchical_table(
        {
            "PO": {"Regenboog": [3, 12, 6], "Anker": [8, 10, 0]},
            "VO": {"Lyceum": [9, 2, 15], "College": [11, 7, 5]},
        },
        ["pesten", "gedrag", "verzuim"],
    )
    shown = suppress(counts, groups)
    assert_honest(counts, shown)
    assert shown[("pesten", "Regenboog")] == shown[("gedrag", "Lyceum")] == "<5"
    # every row and column with a hidden count and a shown total has a second one hidden
    for group in groups:
        hidden = [m for m in group.members if isinstance(shown[m], str)]
        if hidden and not isinstance(shown[group.total], str):
            assert len(hidden) >= 2, group
    assert_nothing_recoverable(counts, shown, groups)


def test_sums_combined_cannot_pin_a_small_count():
    counts, groups = hierarchical_table(
        {"A": {"a1": [0, 0], "a2": [5, 7]}, "B": {"b1": [5, 7], "b2": [1, 6]}}, ["x", "y"]
    )
    # Hiding a second count in every row and column is not enough here: b2's "<5" next to a
    # "×" of 7 - x ≥ 5, b1's x ≥ 5, A's x = a2's x ≥ 5 with 12 - x ≥ 5, and B's x = 11 - A's x
    # leave only x = 1 for b2.
    covers = [("x", "a2"), ("y", "a2"), ("x", "b1"), ("y", "b1"), ("y", "b2")]
    covers += [("x", "A"), ("y", "A"), ("x", "B"), ("y", "B")]
    per_sum_only = dict.fromkeys(covers, "×") | {("x", "b2"): "<5"}
    naive = {cell: per_sum_only.get(cell, value) for cell, value in counts.items()}
    assert pinned_down(naive, groups) == {("x", "b2"): 1} | {
        cell: counts[cell] for cell in per_sum_only if cell != ("x", "b2")
    }

    shown = suppress(counts, groups)
    assert_honest(counts, shown)
    assert_nothing_recoverable(counts, shown, groups)


def test_a_sum_that_hiding_cannot_cover_does_not_stop_the_rest():
    # s1's row is four 1s with a total "<5" (only withholding covers it); further down, v2's
    # and p2's counts still need cover from the sums around them
    counts, groups = hierarchical_table(
        {
            "PO": {"s1": [1, 1, 1, 1, 0], "p2": [9, 7, 0, 12, 6], "p3": [2, 8, 6, 0, 9]},
            "VO": {"v1": [5, 3, 9, 8, 7], "v2": [7, 6, 5, 9, 1], "v3": [6, 5, 7, 2, 8]},
        },
        [f"c{k}" for k in range(5)],
    )
    shown = suppress(counts, groups)
    assert_honest(counts, shown)
    assert {shown[(f"c{k}", "s1")] for k in range(5)} == {WITHHELD}
    assert_nothing_recoverable(counts, shown, groups)


@pytest.mark.parametrize("seed", range(3))
def test_random_tables_of_many_ones_give_nothing_away(seed):
    rng = random.Random(1000 + seed)
    pool = [0, 0, 1, 1, 1, 1, 2, 4, 5, 8]
    for _table in range(20):
        names = [f"c{k}" for k in range(rng.randint(2, 4))]
        sectors: dict[str, dict[str, list[int]]] = {}
        for n in range(rng.randint(2, 5)):
            sector = rng.choice("PQ")
            sectors.setdefault(sector, {})[f"{sector}{n}"] = [rng.choice(pool) for _ in names]
        counts, groups = hierarchical_table(sectors, names)
        shown = suppress(counts, groups)
        assert_honest(counts, shown)
        assert_nothing_recoverable(counts, shown, groups)


@pytest.mark.parametrize("seed", range(6))
def test_random_tables_give_nothing_away(seed):
    rng = random.Random(seed)
    for _table in range(40):
        counts, groups = random_table(rng)
        shown = suppress(counts, groups)
        assert_honest(counts, shown)
        assert_nothing_recoverable(counts, shown, groups)


def _tables_of_many_ones(seed: int, count: int):
    rng = random.Random(seed)
    pool = [0, 0, 1, 1, 1, 2, 3, 5, 8]
    for _table in range(count):
        names = [f"c{k}" for k in range(rng.randint(2, 4))]
        sectors: dict[str, dict[str, list[int]]] = {}
        for n in range(rng.randint(3, 7)):
            sector = rng.choice("PQ")
            sectors.setdefault(sector, {})[f"{sector}{n}"] = [rng.choice(pool) for _ in names]
        yield hierarchical_table(sectors, names)


def test_a_chain_from_the_quick_search_is_another_table_that_fits_what_is_shown():
    """`_Moves.cycle` returns changes of hidden cells: applied to the true counts they give
    another table in which every sum adds up and every hidden cell keeps within what is
    shown of it — so each changed cell is one the attacker cannot pin down, as it says."""
    from reports.suppression import _Moves, _Table, bounds

    chains = totals_moved = 0
    for counts, groups in _tables_of_many_ones(7, 25):
        hidden = {cell: SMALL for cell, value in counts.items() if 1 <= value <= 4}
        for cell, value in counts.items():  # and a few large counts, as step 1 would
            if value >= 5 and len(hidden) % 3 == 0:
                hidden[cell] = HIDDEN
        if not hidden:
            continue
        moves = _Moves(_Table(counts, groups))
        moves.add(list(hidden), hidden)
        for cell in hidden:
            changes = moves.cycle(cell)
            if not changes:
                continue
            chains += 1
            assert next(iter(changes)) == cell and changes[cell] in (-1, 1)
            assert set(changes) <= set(hidden)
            other = {c: counts[c] + changes.get(c, 0) for c in counts}
            for group in groups:
                assert sum(other[m] for m in group.members) == other[group.total], changes
            for c in changes:
                low, high = bounds(hidden[c], ceiling=10**6)
                assert low <= other[c] <= high, (c, changes)
            totals_moved += any(c[1] in ("P", "Q", "total") or c[0] == "all" for c in changes)
    assert chains > 20  # the quick search does find chains on tables like these
    assert totals_moved > 0  # also through totals, where the signs differ


def test_the_quick_search_changes_what_is_hidden_in_no_way(monkeypatch):
    """Without the quick chain search (the full search alone) the same cells are hidden."""
    from reports import suppression

    tables = list(_tables_of_many_ones(11, 30))
    with_chains = [suppress(counts, groups) for counts, groups in tables]
    monkeypatch.setattr(suppression._Moves, "cycle", lambda self, cell: [])
    without = [suppress(counts, groups) for counts, groups in tables]
    assert with_chains == without
    assert sum(v == HIDDEN for shown in without for v in shown.values()) > 10


def test_the_result_does_not_depend_on_the_order_of_the_counts():
    counts, groups = random_table(random.Random(99), schools=6, columns=3)
    reordered = dict(reversed(list(counts.items())))
    assert suppress(counts, groups) == suppress(reordered, groups)


def test_forty_schools_with_fifteen_columns_are_searched_to_the_end(monkeypatch):
    """On a table of a large municipality's size the attacker's search never gives up (which
    would hide more than needed): every count it checks is decided within the step limit."""
    from reports import suppression

    searches, gave_up = [], []
    can_move = suppression._Moves.can_move

    def counted(self, cell):
        moved = can_move(self, cell)
        searches.append(cell)
        if self.steps > suppression.SEARCH_LIMIT:
            gave_up.append(cell)
        return moved

    monkeypatch.setattr(suppression._Moves, "can_move", counted)
    many_ones = (0, 0, 1, 1, 1, 2, 3, 5, 8)
    counts, groups = random_table(random.Random(4), schools=40, columns=15, pool=many_ones)
    shown = suppress(counts, groups)
    assert_honest(counts, shown)
    assert sum(1 for value in shown.values() if value == SMALL) > 200
    # on this table the full search runs, some searches for dozens of steps (on most tables
    # short chains settle every count)
    assert len(searches) >= 5
    assert not gave_up
