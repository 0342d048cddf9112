"""Plain-text tables that fit a terminal: shrink long cells, then drop columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

GAP = 2
"""Spaces between two columns."""


class Column(NamedTuple):
    """How one column of a table behaves when space runs short.

    Attributes:
        header: The column's heading.
        minimum: Narrowest width the column may be shrunk to, with an
            ellipsis; ``None`` for a column that is never truncated.
        elastic: The column that gives up width first and takes what is left
            (a table's long free-text column, e.g. a name).
        want: For the elastic column: columns are dropped, if need be, to
            give it at least this width before it is squeezed to ``minimum``.
        drop: Columns are dropped lowest number first when shrinking is not
            enough; ``None`` for a column that is always kept.
        last_resort: A droppable column that goes only when the table cannot
            fit at all, never just to widen the elastic column.
    """

    header: str
    minimum: int | None = None
    elastic: bool = False
    want: int | None = None
    drop: int | None = None
    last_resort: bool = False


def truncate(text: str, width: int, ellipsis: str = "…") -> str:
    """Return ``text`` cut to ``width`` characters, ending in ``ellipsis`` if cut."""
    if len(text) <= width:
        return text
    if width <= len(ellipsis):
        return ellipsis[:width]
    return text[: width - len(ellipsis)].rstrip() + ellipsis


def render(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    width: int | None,
    ellipsis: str = "…",
) -> list[str]:
    """Lay ``rows`` out under ``columns`` in at most ``width`` characters a line.

    Columns with no value in any row are left out. With ``width=None`` every
    cell is shown in full. Otherwise long cells are shortened (the elastic
    column first) and, if that is not enough, whole columns are dropped in
    their ``drop`` order; only when nothing can go does a line overflow.

    Returns:
        The lines of the table, header first, without trailing spaces.
    """
    keep = [i for i in range(len(columns)) if not rows or any(r[i] for r in rows)]
    natural = {
        i: max([len(columns[i].header), *(len(row[i]) for row in rows)]) for i in keep
    }
    widths = natural if width is None else _fit(columns, keep, natural, width)
    return [
        (" " * GAP)
        .join(truncate(cells[i], w, ellipsis).ljust(w) for i, w in widths.items())
        .rstrip()
        for cells in ([column.header for column in columns], *rows)
    ]


def _fit(
    columns: Sequence[Column], keep: list[int], natural: dict[int, int], width: int
) -> dict[int, int]:
    """Return a width for each column kept, in order, dropping columns while needed.

    First look for a layout that gives the elastic column the width it wants,
    dropping columns in order (but no last-resort one); failing that, the
    first layout that fits at all.
    """
    elastic = [columns[i] for i in keep if columns[i].elastic]
    targets = [c.want for c in elastic if c.want is not None]
    for target in [*targets, None]:
        kept = list(keep)
        while True:
            widths = _shrink(columns, kept, natural, width, target)
            if widths is not None:
                return widths
            droppable = [
                i
                for i in kept
                if columns[i].drop is not None
                and (target is None or not columns[i].last_resort)
            ]
            if not droppable:
                break
            kept.remove(min(droppable, key=lambda i: columns[i].drop or 0))
    # Nothing left to drop: shrink all the way and let the lines overflow.
    return {i: _floor(columns[i], natural[i]) for i in kept}


def _floor(column: Column, natural: int, target: int | None = None) -> int:
    if column.minimum is None:
        return natural
    least = max(column.minimum, len(column.header))
    if column.elastic and target is not None:
        least = max(least, target)
    return min(natural, least)


def _shrink(
    columns: Sequence[Column],
    keep: list[int],
    natural: dict[int, int],
    width: int,
    target: int | None,
) -> dict[int, int] | None:
    """Shrink the kept columns into ``width``, or return ``None`` if they cannot.

    The elastic column is not shrunk below ``target`` (or its minimum).
    """
    widths = {i: natural[i] for i in keep}
    floors = {i: _floor(columns[i], natural[i], target) for i in keep}
    excess = sum(widths.values()) + GAP * (len(keep) - 1) - width
    # The elastic column gives way first ...
    for i in keep:
        if excess > 0 and columns[i].elastic:
            give = min(excess, widths[i] - floors[i])
            widths[i] -= give
            excess -= give
    # ... then the other shrinkable columns, widest first, one character at a
    # time, so that no column is cut much harder than another.
    while excess > 0:
        slack = [i for i in keep if widths[i] > floors[i]]
        if not slack:
            return None
        widest = max(slack, key=lambda i: (widths[i], -i))
        widths[widest] -= 1
        excess -= 1
    return widths
