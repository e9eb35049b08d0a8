"""Small numbers: how every insight and report figure is shown, on the page and in its CSV
alike (shared below the features: it imports none of them).

Two rules, one for each kind of table, and each page says which it uses:

* **Hide and hide again** (`suppress_group`, `suppress_table`, `suppress_with_totals`), for
  tables whose totals are shown: a count from 1 to 4 is shown as "fewer than 5" (primary
  suppression). Where that leaves a row or a column with exactly one hidden count, or hidden
  counts adding up to so little that each can be pinned down (five hidden counts adding up
  to 5 are all 1), the smallest other count in it is hidden too (secondary suppression), and
  again until no row or column gives a hidden count away. A total under 5 is itself hidden.
  Nought is shown: it names nobody.
* **Group the small ones** (`group_small`), for a list of categories such as reasons for
  referral: categories under 5 are added together as "Other"; if "Other" is still under 5
  the next smallest category joins it, so a small programme sees most of its table rather
  than a table of blanks.

The threshold is `PORTAL_REPORT_SUPPRESS_UNDER` (5); 0 shows every number as it is.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from flask import current_app, has_app_context

DEFAULT_THRESHOLD = 5
R = TypeVar("R", bound=Hashable)
C = TypeVar("C", bound=Hashable)


def threshold() -> int:
    """The suppression threshold this installation uses (5 unless configured)."""
    if not has_app_context():
        return DEFAULT_THRESHOLD
    return max(0, int(current_app.config.get("PORTAL_REPORT_SUPPRESS_UNDER", DEFAULT_THRESHOLD)))


def rule_text(k: int, grouped: bool = False) -> str:
    """What a page says about its small numbers, in one or two sentences."""
    if k <= 1:
        return "Every number is shown as it is: this installation does not hide small numbers."
    if grouped:
        return (
            f"To protect people's privacy, groups of fewer than {k} are added together as "
            f'"Other"; if "Other" is still fewer than {k}, the next smallest group joins it.'
        )
    return (
        f"To protect people's privacy, numbers from 1 to {k - 1} are shown as \"fewer than "
        f'{k}". Where a hidden number could still be worked out from a total (it is the only '
        "one hidden in its row or column, or the hidden ones add up to too little), the next "
        'smallest is hidden too and shown as "hidden".'
    )


@dataclass(frozen=True)
class Cell:
    """A count as shown: `value` is the true count, which is never shown when `hidden`."""

    value: int
    hidden: bool = False
    k: int = DEFAULT_THRESHOLD

    @property
    def shown(self) -> int | None:
        """The number to draw or write, or None when it is hidden."""
        return None if self.hidden else self.value

    @property
    def text(self) -> str:
        if not self.hidden:
            return f"{self.value:,}"
        return f"fewer than {self.k}" if 0 < self.value < self.k else "hidden"

    @property
    def csv(self) -> str:
        """The same in a CSV: the number, or the words that stand in for it."""
        return str(self.value) if not self.hidden else self.text

    def __str__(self) -> str:
        return self.text


def _small(value: int, k: int) -> bool:
    return 0 < value < k


def cell(value: int, k: int) -> Cell:
    """One count on its own (a headline figure, a total): hidden when it is small."""
    return Cell(value, _small(value, k), k)


def _protected(hidden_values: list[int], k: int) -> bool:
    """Whether hidden counts whose sum can be worked out still hide each one: at least two,
    and a sum large enough that any one of them could be anything from 1 to k - 1 (five
    hidden counts adding up to 5 are all 1)."""
    n = len(hidden_values)
    return n > 1 and sum(hidden_values) - (n - 1) >= k - 1


def _hide_second(values: Sequence[int], hidden: list[bool], k: int) -> bool:
    """Where a line has exactly one hidden count, or hidden counts adding up to too little
    (`_protected`: two hidden 1s under a known total are both 1), hide its smallest shown
    non-zero count, and again until neither is true; True if it hid anything."""
    changed = False
    while True:
        hidden_values = [v for v, h in zip(values, hidden, strict=True) if h and v > 0]
        if not hidden_values or _protected(hidden_values, k):
            return changed
        shown = [(v, i) for i, v in enumerate(values) if not hidden[i] and v > 0]
        if not shown:
            return changed
        hidden[min(shown)[1]] = True
        changed = True


def suppress_group(values: Sequence[int], k: int) -> list[Cell]:
    """Counts that add up to a shown total (one row of a table), hidden as the rules say."""
    hidden = [_small(v, k) for v in values]
    _hide_second(values, hidden, k)
    return [Cell(v, h, k) for v, h in zip(values, hidden, strict=True)]


def suppress_table(
    rows: Sequence[R], columns: Sequence[C], counts: Mapping[tuple[R, C], int], k: int
) -> dict[tuple[R, C], Cell]:
    """A table with row and column totals: primary, then secondary suppression repeated
    until no row and no column has exactly one hidden count (missing counts are nought)."""
    values = {(r, c): int(counts.get((r, c), 0)) for r in rows for c in columns}
    hidden = {key: _small(v, k) for key, v in values.items()}
    lines = [[(r, c) for c in columns] for r in rows] + [[(r, c) for r in rows] for c in columns]
    changed = True
    while changed:
        changed = False
        for line in lines:
            flags = [hidden[key] for key in line]
            if _hide_second([values[key] for key in line], flags, k):
                hidden.update(zip(line, flags, strict=True))
                changed = True
    return {key: Cell(values[key], hidden[key], k) for key in values}


def suppress_columns(
    rows: Sequence[R], columns: Sequence[C], counts: Mapping[tuple[R, C], int], k: int
) -> dict[tuple[R, C], Cell]:
    """A table whose columns each add up to a total shown elsewhere but whose rows do not
    (searches, found nothing and found little, by need): each column on its own."""
    cells: dict[tuple[R, C], Cell] = {}
    for c in columns:
        column = suppress_group([int(counts.get((r, c), 0)) for r in rows], k)
        cells.update({(r, c): one for r, one in zip(rows, column, strict=True)})
    return cells


@dataclass(frozen=True)
class TableWithTotals:
    cells: dict
    row_totals: dict
    column_totals: dict
    total: Cell


def suppress_with_totals(
    rows: Sequence[R], columns: Sequence[C], counts: Mapping[tuple[R, C], int], k: int
) -> TableWithTotals:
    """A table shown with its row totals, column totals and grand total: the totals are
    suppressed as cells of their row and column too, so the totals row cannot give away
    what the body hides (a grand total of 19 with 8 and 6 shown over five hidden columns)."""
    total_row, total_column = object(), object()
    all_rows, all_columns = [*rows, total_row], [*columns, total_column]
    full = {(r, c): int(counts.get((r, c), 0)) for r in rows for c in columns}
    for r in rows:
        full[(r, total_column)] = sum(full[(r, c)] for c in columns)
    for c in all_columns:
        full[(total_row, c)] = sum(full[(r, c)] for r in rows)
    cells = suppress_table(all_rows, all_columns, full, k)
    return TableWithTotals(
        cells={(r, c): cells[(r, c)] for r in rows for c in columns},
        row_totals={r: cells[(r, total_column)] for r in rows},
        column_totals={c: cells[(total_row, c)] for c in columns},
        total=cells[(total_row, total_column)],
    )


def group_small(
    items: Sequence[tuple[str, int]], k: int, other: str = "Other"
) -> list[tuple[str, Cell]]:
    """Categories with their counts, the small ones added together as `other` (largest
    first; "Other" last). Where the whole table is under `k`, its one row is hidden."""
    ordered = sorted(items, key=lambda item: (-item[1], item[0]))
    if k <= 1:
        return [(label, Cell(n, False, k)) for label, n in ordered]
    kept = [(label, n) for label, n in ordered if n >= k or n == 0]
    small = [(label, n) for label, n in ordered if 0 < n < k]
    while small and sum(n for _, n in small) < k and any(n > 0 for _, n in kept):
        smallest = min(((n, i) for i, (_, n) in enumerate(kept) if n > 0))[1]
        small.append(kept.pop(smallest))
    rows = [(label, Cell(n, False, k)) for label, n in kept if n > 0]
    if small:
        total = sum(n for _, n in small)
        if len(small) == 1 and total >= k:
            rows.append((small[0][0], Cell(total, False, k)))
        else:
            rows.append((f"{other} ({len(small)} groups)", Cell(total, total < k, k)))
    return rows
