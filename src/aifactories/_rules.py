"""Value rules shared by the strict loader's hooks and the validator.

One definition each, so that whatever :func:`aifactories.validate` accepts,
:func:`aifactories.loads` reads back from :func:`aifactories.dumps`.
"""

from __future__ import annotations

from decimal import Decimal

from aifactories._text import short

MAX_EXPONENT = 30
"""Decimal numbers may span at most this many digits either side of the point.

Money and shares need far fewer; the bound keeps ``1e99999999`` (11 bytes of
JSON) from becoming a 100 MB number when :func:`~aifactories.dumps` spells
it out.
"""


def decimal_problem(value: Decimal) -> str | None:
    """Return what is wrong with ``value`` as a data number, or ``None``."""
    if not value.is_finite():
        return f"must be a finite number, got {value}"
    if abs(value.adjusted()) > MAX_EXPONENT:
        return f"{short(value)} is out of range (at most {MAX_EXPONENT} digits)"
    return None


def text_problem(value: str) -> str | None:
    """Return what is wrong with ``value`` as data text, or ``None``."""
    if value.isascii():
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # A JSON escape like "\ud800" decodes to a lone surrogate, which no
        # UTF-8 file can hold: dumps() could not write it back.
        return "contains a lone surrogate, which is not valid Unicode"
    return None
