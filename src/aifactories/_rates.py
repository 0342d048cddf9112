"""Euro amounts from the ECB reference rates bundled in ``data/ecb_rates.json``.

The rates file is written at data-build time by ``scripts/build_ecb_rates.py``
from the European Central Bank's euro foreign exchange reference rates. A
conversion always names its rate and the day that rate was published; a
currency or date the file has no rate for is an error, never a guess.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import NamedTuple

_RATES_FILE = Path(__file__).parent / "data" / "ecb_rates.json"
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


class _Rates(NamedTuple):
    source: str
    # selection date -> (publication date, currency -> units per EUR)
    by_date: dict[dt.date, tuple[dt.date, dict[str, Decimal]]]


@functools.cache
def _rates() -> _Rates:
    data = json.loads(_RATES_FILE.read_text(encoding="utf-8"))
    by_date = {
        dt.date.fromisoformat(day): (
            dt.date.fromisoformat(item["rate_date"]),
            {code: Decimal(rate) for code, rate in item["per_eur"].items()},
        )
        for day, item in data["rates"].items()
    }
    return _Rates(data["source"], by_date)


def rate_dates() -> tuple[dt.date, ...]:
    """The dates the bundled file has rates for, in order."""
    return tuple(sorted(_rates().by_date))


def to_eur(amount: Decimal, currency: str, on: dt.date) -> EuroValue:
    """Convert ``amount`` of ``currency`` to EUR at the ECB rate for ``on``.

    Raises:
        LookupError: The bundled rates have no rate for ``currency`` on ``on``.
    """
    rates = _rates()
    if currency == "EUR":
        return EuroValue(amount.quantize(_CENT), Decimal(1), on, rates.source)
    found = rates.by_date.get(on)
    rate = found[1].get(currency) if found else None
    if found is None or rate is None:
        msg = (
            f"no ECB reference rate for {currency} on {on.isoformat()} in the "
            "bundled rates; dates with rates: "
            + ", ".join(d.isoformat() for d in rate_dates())
        )
        raise LookupError(msg)
    eur = (amount / rate).quantize(_CENT, rounding=ROUND_HALF_EVEN)
    return EuroValue(eur, rate, found[0], rates.source)
