"""Money per host country or per funder kind, in euros, never a false zero.

The sums behind :meth:`Registry.funding_by <aifactories.Registry.funding_by>`,
documented there. Stated and implied amounts are summed apart, so that what
is derived stays visible.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal, NamedTuple

from aifactories._model import FunderKind

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from aifactories._model import Entry, Money
    from aifactories._rates import EuroValue

GroupBy = Literal["country", "kind"]
"""What :meth:`~aifactories.Registry.funding_by` groups by."""


class FundingSum(NamedTuple):
    """The funding of one group, in euros; what is unknown stays unknown.

    Attributes:
        group: The host country's ISO code (grouped by ``"country"``) or
            the funder kind (``"eu"``, ``"national"``...; by ``"kind"``).
        eur: ``stated_eur`` plus ``implied_eur``; ``None`` when no amount of
            the group is known. Where ``unknown`` is not 0, a lower bound.
        stated_eur: The sum of the amounts the sources state, converted at
            the ECB rate of each entry's selection date; ``None`` if none.
        implied_eur: The sum of the amounts derived as the share times the
            entry's known total, never stated; ``None`` if none.
        unknown: How many amounts are unknown: shares with neither a stated
            nor an implied amount (or no euro rate), and, grouped by
            country, entries with no share of the funder kind asked for.
        shares: How many funding shares the group has.
        entries: How many entries the group has.
    """

    group: str
    eur: Decimal | None
    stated_eur: Decimal | None
    implied_eur: Decimal | None
    unknown: int
    shares: int
    entries: int


class _Group:
    def __init__(self) -> None:
        self.stated: list[Decimal] = []
        self.implied: list[Decimal] = []
        self.unknown = 0
        self.shares = 0
        self.entries: set[str] = set()

    def result(self, group: str) -> FundingSum:
        stated = sum(self.stated, Decimal(0)) if self.stated else None
        implied = sum(self.implied, Decimal(0)) if self.implied else None
        known = [*self.stated, *self.implied]
        return FundingSum(
            group,
            sum(known, Decimal(0)) if known else None,
            stated,
            implied,
            self.unknown,
            self.shares,
            len(self.entries),
        )


def implied_eur(entry: Entry) -> list[Decimal | None]:
    """Each funding share's implied amount in EUR (see ``implied_amounts``)."""
    implied = entry.funding.implied_amounts if entry.funding else ()
    values = [euro_value(money, entry.selected_on) for money in implied]
    return [None if value is None else value.amount for value in values]


def euro_value(money: Money | None, on: dt.date | None) -> EuroValue | None:
    """``money`` in EUR at the rate of ``on``; ``None`` where any is unknown."""
    if money is None or on is None:
        return None
    try:
        return money.in_eur(on)
    except LookupError:
        return None  # no rate: unknown in euros, never a guess


def funding_by(
    registry: Iterable[Entry],
    by: GroupBy = "country",
    *,
    kind: FunderKind | str | None = None,
) -> list[FundingSum]:
    """Sum the funding shares of ``registry`` per ``by``, in euros.

    See :meth:`aifactories.Registry.funding_by`.

    Raises:
        ValueError: ``by`` is neither ``"country"`` nor ``"kind"``, or
            ``kind`` is no funder kind.
    """
    if by not in {"country", "kind"}:
        msg = f"funding_by() groups by 'country' or 'kind', not {by!r}"
        raise ValueError(msg)
    wanted = None if kind is None else FunderKind(kind)
    groups: dict[str, _Group] = {}
    for entry in registry:
        shares = entry.funding.shares if entry.funding else ()
        pairs = [
            (share, implied)
            for share, implied in zip(shares, implied_eur(entry), strict=True)
            if wanted is None or share.kind is wanted
        ]
        if by == "country":
            group = groups.setdefault(entry.country, _Group())
            group.entries.add(entry.id)
            if not pairs:
                group.unknown += 1  # no share of that kind: unknown, not 0
        for share, implied in pairs:
            key = entry.country if by == "country" else share.kind.value
            group = groups.setdefault(key, _Group())
            group.entries.add(entry.id)
            group.shares += 1
            stated = euro_value(share.amount, entry.selected_on)
            if stated is not None:
                group.stated.append(stated.amount)
            elif implied is not None:
                group.implied.append(implied)
            else:
                group.unknown += 1
    return [groups[key].result(key) for key in sorted(groups)]
