"""Euro amounts from the ECB reference rates bundled in ``data/ecb_rates.txt.gz``.

The file holds every euro foreign exchange reference rate the European
Central Bank has published since 1999-01-04, for every currency, as
``scripts/build_ecb_rates.py`` writes it when the data is released. The
rate for a date is the one of the last publication day on or before it; a
date outside the publication days, or a currency the ECB did not publish on
that day, is an error naming what there is, never a guess.

The file is gzip'd ASCII text, read on first use. After a comment line,
``source URL`` names the ECB's file; ``dates FIRST GAP...`` gives the first
publication day and the days from each to the next; then one line per
currency: ``CODE PLACES STEP...`` where the rate of each publication day is
the running sum of the steps, in units of ``10**-PLACES`` (``_`` where the
ECB published no rate for it that day, which leaves the sum as it was).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import gzip
import itertools
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import NamedTuple

_RATES_FILE = Path(__file__).parent / "data" / "ecb_rates.txt.gz"
_CENT = Decimal("0.01")


class EuroValue(NamedTuple):
    """An amount converted to euros, with the rate that converted it.

    Attributes:
        amount: The amount in EUR, rounded to the cent (half to even).
        rate: Units of the original currency per 1 EUR (1 for EUR itself).
        rate_date: The day the ECB published ``rate`` (for EUR, the date asked).
        source: Where the rate comes from: the ECB's reference rates file.
    """

    amount: Decimal
    rate: Decimal
    rate_date: dt.date
    source: str


class _Rates:
    """The decoded file: publication days, and each currency's line."""

    def __init__(self, text: str) -> None:
        _comment, source, dates, *columns = text.splitlines()
        self.source = source.removeprefix("source ")
        first, *gaps = dates.split()[1:]
        start = dt.date.fromisoformat(first).toordinal()
        self.days = list(itertools.accumulate(map(int, gaps), initial=start))
        self.lines = {line.partition(" ")[0]: line for line in columns}

    @functools.cache  # noqa: B019 - one instance, alive for the process
    def column(self, code: str) -> tuple[int, list[int | None]]:
        """A currency's decimal places and its rate on each day, in units.

        Raises:
            LookupError: The ECB never published a rate for ``code``.
        """
        if code not in self.lines:
            known = ", ".join(sorted(self.lines))
            msg = f"no ECB reference rates for {code!r}: the ECB publishes {known}"
            raise LookupError(msg)
        _code, places, *steps = self.lines[code].split()
        # A "_" step adds nothing to the running sum: no rate that day.
        sums = itertools.accumulate(0 if step == "_" else int(step) for step in steps)
        units = [None if s == "_" else n for s, n in zip(steps, sums, strict=True)]
        return int(places), units

    def day(self, index: int) -> dt.date:
        return dt.date.fromordinal(self.days[index])


@functools.cache
def _rates() -> _Rates:
    return _Rates(gzip.decompress(_RATES_FILE.read_bytes()).decode("ascii"))


def _span(first: dt.date, last: dt.date) -> str:
    return f"{first.isoformat()} to {last.isoformat()}"


@functools.cache
def rate_range(currency: str | None = None) -> tuple[dt.date, dt.date]:
    """The first and last day with a bundled rate (of ``currency``, if given).

    Every date from the first to the last converts EUR and, for a currency
    the ECB published throughout, that currency too. A few currencies have
    gaps inside their range (the ECB suspended ISK from December 2008 to
    2018, for example).

    >>> rate_range()[0]
    datetime.date(1999, 1, 4)

    Raises:
        LookupError: The ECB never published a rate for ``currency``.
    """
    rates = _rates()
    if currency is None:
        return rates.day(0), rates.day(-1)
    units = rates.column(currency)[1]
    published = [i for i, value in enumerate(units) if value is not None]
    return rates.day(published[0]), rates.day(published[-1])


def to_eur(amount: Decimal, currency: str, on: dt.date) -> EuroValue:
    """Convert ``amount`` of ``currency`` to EUR at the ECB rate for ``on``.

    The rate is the one published on the last publication day on or before
    ``on``. EUR converts on any date, at rate 1.

    Raises:
        LookupError: ``on`` is outside the bundled publication days, the
            ECB never published ``currency``, or published no rate for it
            on that day; the message names the range that has rates.
    """
    rates = _rates()
    if currency == "EUR":
        return EuroValue(amount.quantize(_CENT), Decimal(1), on, rates.source)
    places, units = rates.column(currency)
    index = bisect.bisect_right(rates.days, on.toordinal()) - 1
    if index < 0 or on > rates.day(-1):
        msg = (
            f"no ECB reference rate for {on.isoformat()}: the bundled rates "
            f"cover {_span(*rate_range())}"
        )
        raise LookupError(msg)
    found = units[index]
    if found is None:
        msg = (
            f"no ECB reference rate for {currency} on {on.isoformat()}: the "
            f"ECB published {currency} rates from {_span(*rate_range(currency))}, "
            f"but none on {rates.day(index).isoformat()}"
        )
        raise LookupError(msg)
    rate = Decimal(found).scaleb(-places)
    # The ECB's own figure: 1.179, not 1.1790.
    rate = rate.quantize(1) if rate == rate.to_integral() else rate.normalize()
    eur = (amount / rate).quantize(_CENT, rounding=ROUND_HALF_EVEN)
    return EuroValue(eur, rate, rates.day(index), rates.source)
