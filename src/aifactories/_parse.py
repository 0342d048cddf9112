"""Parsing: the text of a data file into plain JSON-like data.

The first step of the strict path (text -> parse -> convert -> validate).
It knows nothing of records: it decodes UTF-8, refuses what JSON or TOML
would read ambiguously (a byte order mark, NaN, duplicate keys) and turns
every failure into a :class:`~aifactories.RegistryDataError`.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from aifactories._errors import RegistryDataError
from aifactories._text import short


class _BadConstantError(ValueError):
    """A NaN, an Infinity or a duplicate key: JSON we refuse."""


def _reject_constant(name: str) -> Any:
    raise _BadConstantError(name)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        # json would keep the last value silently; that loses data.
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                msg = f"duplicate key {short(key)} in one object"
                raise _BadConstantError(msg)
            seen.add(key)
    return result


def decode(raw: object) -> str:
    """Return ``raw`` as text: UTF-8 without a byte order mark."""
    if isinstance(raw, bytes | bytearray):
        if raw.startswith(b"\xef\xbb\xbf"):
            raise RegistryDataError(
                ["$: starts with a byte order mark; save as UTF-8 without BOM"]
            )
        try:
            return bytes(raw).decode("utf-8")  # bytes() also takes a bytearray
        except UnicodeDecodeError as exc:
            msg = f"$: not valid UTF-8 (byte {exc.start}: {exc.reason})"
            raise RegistryDataError([msg]) from None
    if isinstance(raw, str):
        if raw.startswith("\ufeff"):
            raise RegistryDataError(
                ["$: starts with a byte order mark; save as UTF-8 without BOM"]
            )
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
        text = str(exc)
        if not text.startswith("duplicate"):
            text = f"{text} is not allowed; numbers must be finite"
        raise RegistryDataError([f"$: {text}"]) from None
    except ValueError as exc:
        # int() refuses numbers longer than sys.get_int_max_str_digits().
        raise RegistryDataError([f"$: invalid number ({exc})"]) from None
    except RecursionError:
        raise RegistryDataError(["$: nested too deeply"]) from None


def parse_toml(raw: str | bytes) -> object:
    """Parse TOML text (``str`` or UTF-8 ``bytes``); floats become Decimal."""
    import tomllib  # noqa: PLC0415 - only TOML users pay for it

    text = decode(raw)
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise RegistryDataError([f"$: invalid TOML: {exc}"]) from None
    except ValueError as exc:
        # int() refuses numbers longer than sys.get_int_max_str_digits().
        raise RegistryDataError([f"$: invalid number ({exc})"]) from None
    except RecursionError:
        raise RegistryDataError(["$: nested too deeply"]) from None


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    if value is None:
        return "null"
    if isinstance(value, int | float | Decimal):
        return "number"
    return type(value).__name__


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
