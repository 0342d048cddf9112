"""Regenerate ``src/aifactories/data/iso_codes.json`` from pycountry's ISO tables.

Run with pycountry installed (it is a dev dependency, never a runtime one)::

    python scripts/generate_codes.py

The output is committed, so the package needs pycountry neither at run time
nor at install time; ``aifactories._codes`` reads the file on first use.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from aifactories._text import fold  # noqa: E402

# Everyday English names that ISO does not list but users type. Each maps to
# an ISO 3166-1 alpha-2 code; keep the list to names people really use.
EXTRA_NAMES = {
    "UK": "GB",
    "Great Britain": "GB",
    "Britain": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Turkey": "TR",
    "Czech Republic": "CZ",
    "Holland": "NL",
    "The Netherlands": "NL",
    "Netherlands": "NL",
    "Moldova": "MD",
    "Russia": "RU",
    "Macedonia": "MK",
    "Republic of North Macedonia": "MK",
    "Slovak Republic": "SK",
    "Kosovo": "XK",
    "Vatican": "VA",
}


def main() -> None:
    """Write the generated tables."""
    names: dict[str, str] = {}
    lookup: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        short = getattr(country, "common_name", None) or country.name
        names[code] = short
        for value in (
            code,
            country.alpha_3,
            country.name,
            getattr(country, "official_name", None),
            getattr(country, "common_name", None),
        ):
            if value:
                lookup.setdefault(fold(value), code)
    # Kosovo has no ISO code; XK is the user-assigned code the EU uses.
    names["XK"] = "Kosovo"
    lookup.setdefault(fold("XK"), "XK")
    for name, code in EXTRA_NAMES.items():
        lookup.setdefault(fold(name), code)
    currencies = sorted(c.alpha_3 for c in pycountry.currencies)

    tables = {
        "generated_from": f"pycountry {pycountry_version()}",
        "country_names": dict(sorted(names.items())),
        "country_keys": dict(sorted(lookup.items())),
        "currencies": currencies,
    }
    out = ROOT / "src" / "aifactories" / "data" / "iso_codes.json"
    # One pair per line keeps the diff of a regeneration readable.
    text = json.dumps(tables, ensure_ascii=False, indent=0, sort_keys=False)
    out.write_text(text + "\n", encoding="utf-8")


def pycountry_version() -> str:
    """Return the installed pycountry version."""
    from importlib.metadata import version  # noqa: PLC0415

    return version("pycountry")


if __name__ == "__main__":
    main()
