"""Parsing: the bytes of a data file into plain JSON-like data.

The first step of the strict path (text -> parse -> convert -> validate).
It knows nothing of records, nor of files (:mod:`aifactories._files` reads
them): it decodes UTF-8, refuses what JSON or TOML would read ambiguously
(a byte order mark, NaN, duplicate keys) or too slowly (TOML keys of more
than :data:`MAX_KEY_DEPTH` parts), and turns every failure of the data
into a :class:`~aifactories.RegistryDataError`.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from aifactories._errors import RegistryDataError
from aifactories._text import short

MAX_KEY_DEPTH = 32
"""The most parts a TOML key or table header may have (``a.b.c`` has 3).

Python's TOML parser takes time and memory quadratic in the parts of one
dotted key; longer keys are refused before parsing. No registry key needs
more than a handful.
"""


class _BadConstantError(ValueError):
    """A NaN, an Infinity or a duplicate key: JSON we refuse."""


def _reject_constant(name: str) -> Any:
    msg = f"{name} is not allowed; numbers must be finite"
    raise _BadConstantError(msg)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    # json would keep the last value silently; that loses data. Name the
    # first key seen twice (this search runs only when there is one).
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            msg = f"duplicate key {short(key)} in one object"
            raise _BadConstantError(msg)
        seen.add(key)
    raise AssertionError  # pragma: no cover - dict() dropped a key, so one repeats


_BOM = "$: starts with a byte order mark; save as UTF-8 without BOM"


def decode(raw: object) -> str:
    """Return ``raw`` as text: UTF-8 without a byte order mark."""
    if isinstance(raw, bytes | bytearray):
        if raw.startswith(b"\xef\xbb\xbf"):
            raise RegistryDataError([_BOM])
        try:
            return bytes(raw).decode("utf-8")  # bytes() also takes a bytearray
        except UnicodeDecodeError as exc:
            msg = f"$: not valid UTF-8 (byte {exc.start}: {exc.reason})"
            raise RegistryDataError([msg]) from None
    if isinstance(raw, str):
        if raw.startswith("\ufeff"):
            raise RegistryDataError([_BOM])
        return raw
    msg = f"$: expected str or bytes, got {type(raw).__name__}"
    raise RegistryDataError([msg])


def parse_json(raw: str | bytes) -> object:
    """Parse JSON text (``str`` or UTF-8 ``bytes``); fractions become Decimal."""
    text = decode(raw)
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_reject_constant,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as exc:
        msg = f"line {exc.lineno} column {exc.colno}: invalid JSON: {exc.msg}"
        raise RegistryDataError([msg]) from None
    except _BadConstantError as exc:
        raise RegistryDataError([f"$: {exc}"]) from None
    except ValueError as exc:
        # int() refuses numbers longer than sys.get_int_max_str_digits().
        raise RegistryDataError([f"$: invalid number ({exc})"]) from None
    except RecursionError:
        raise RegistryDataError(["$: nested too deeply"]) from None


# One part of a TOML key: a bare key, or a basic or a literal quoted one.
_PART = r"""(?:[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')"""
# Either a key of more than MAX_KEY_DEPTH parts, or text to step over
# whole: strings (where dots separate nothing) and comments. The chain comes
# first so that a quoted first part still starts one; the look-behind and
# the possessive quantifiers keep the scan linear. A pattern, compiled on
# first use (about 9 ms): JSON never needs it.
_DEEP_KEY = (
    rf"(?<![A-Za-z0-9_-])(?P<deep>(?:{_PART}[ \t]*+\.[ \t]*+){{{MAX_KEY_DEPTH}}}"
    rf"{_PART})"
    r'|"""(?:[^\\]|\\.)*?"""'
    r"|'''.*?'''"
    rf"|{_PART}"
    r"|#[^\n]*+"
)


def _check_key_depth(text: str) -> None:
    """Refuse a TOML key or table header of more than MAX_KEY_DEPTH parts."""
    if text.count(".") < MAX_KEY_DEPTH:
        return  # too few dots for any such key: the usual case, in one pass
    for match in re.finditer(_DEEP_KEY, text, re.DOTALL):
        if match.group("deep") is not None:
            line = text.count("\n", 0, match.start()) + 1
            msg = (
                f"line {line}: a key or table header has more than "
                f"{MAX_KEY_DEPTH} dotted parts"
            )
            raise RegistryDataError([msg])


def parse_toml(raw: str | bytes) -> object:
    """Parse TOML text (``str`` or UTF-8 ``bytes``); floats become Decimal."""
    import tomllib  # noqa: PLC0415 - only TOML users pay for it

    text = decode(raw)
    _check_key_depth(text)
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise RegistryDataError([f"$: invalid TOML: {exc}"]) from None
    except ValueError as exc:
        # int() refuses numbers longer than sys.get_int_max_str_digits().
        raise RegistryDataError([f"$: invalid number ({exc})"]) from None
    except RecursionError:
        raise RegistryDataError(["$: nested too deeply"]) from None


def json_type(value: object) -> str:
    """Name the JSON type of a parsed value, for messages."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    if value is None:
        return "null"
    if isinstance(value, int | float | Decimal):
        return "number"
    return type(value).__name__
