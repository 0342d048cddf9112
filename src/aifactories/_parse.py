"""Parsing: the bytes of a data file into plain JSON-like data.

The first step of the strict path (text -> parse -> convert -> validate).
It knows nothing of records. It reads only regular files and standard
input, and only up to :data:`MAX_BYTES`; it decodes UTF-8, refuses what
JSON or TOML would read ambiguously (a byte order mark, NaN, duplicate
keys) or too slowly (TOML keys of more than :data:`MAX_KEY_DEPTH` parts),
and turns every failure of the data into a
:class:`~aifactories.RegistryDataError`.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Callable
from decimal import Decimal
from typing import Any, BinaryIO

from aifactories._errors import RegistryDataError
from aifactories._text import short

MAX_BYTES = 512 * 1024 * 1024
"""The most bytes :func:`aifactories.load` and the command line read: 512 MiB.

A registry of 50,000 entries written by :func:`aifactories.dumps` is about
410 MiB. The cap keeps an endless source (a device, a pipe that never ends)
from being read until memory runs out: a larger file is refused with an
:exc:`OSError` before it is read, a larger stream once the cap is passed.
"""

MAX_KEY_DEPTH = 32
"""The most parts a TOML key or table header may have (``a.b.c`` has 3).

Python's TOML parser takes time and memory quadratic in the parts of one
dotted key; longer keys are refused before parsing. No registry key needs
more than a handful.
"""

_CHUNK = 1 << 20
"""Streams are read in pieces of this size (1 MiB)."""

# No JSON or TOML text holds these bytes anywhere (only tab, line feed and
# carriage return, of the C0 controls, may appear raw in either format).
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def _refuse_kind(mode: int, name: str) -> None:
    """Raise :exc:`OSError` unless ``mode`` is a regular file's."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", name)
    # A FIFO would block the reader forever, a device never end.
    msg = f"not a regular file ({_kind(mode)})"
    raise OSError(errno.EINVAL, msg, name)


def _too_large(name: str) -> OSError:
    limit = MAX_BYTES // (1024 * 1024)
    msg = f"larger than {limit} MiB, the most aifactories reads (MAX_BYTES)"
    return OSError(errno.EFBIG, msg, name)


def _read_bounded(
    read: Callable[[int], bytes], name: str, *, hint: int = 0, text_only: bool = False
) -> bytes:
    """Read to the end with ``read``, but never more than :data:`MAX_BYTES`.

    Args:
        read: Reads up to ``n`` bytes; ``b""`` at the end.
        name: The file name, for messages.
        hint: The expected size (a regular file's), read in one call.
        text_only: Refuse at once a piece holding a byte no JSON or TOML
            text can hold (``/dev/zero`` through a pipe).
    """
    chunks: list[bytes] = []
    total = 0
    want = min(max(hint + 1, _CHUNK), MAX_BYTES + 1)
    while True:
        chunk = read(min(want, MAX_BYTES + 1 - total))
        if not chunk:
            break
        if text_only:
            found = _BINARY.search(chunk)
            if found is not None:
                where = total + found.start()
                msg = (
                    f"$: byte {where} is 0x{chunk[found.start()]:02x}, which no "
                    "JSON or TOML text holds; this is not a registry file"
                )
                raise RegistryDataError([msg])
        chunks.append(chunk)
        total += len(chunk)
        if total > MAX_BYTES:
            raise _too_large(name)
        want = _CHUNK
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_file(path: str) -> bytes:
    """Return the bytes of the regular file ``path``, at most :data:`MAX_BYTES`.

    Raises:
        OSError: The file cannot be read, is not a regular file (a FIFO, a
            device, a directory, or a symbolic link to one) or is larger
            than :data:`MAX_BYTES`.
    """
    # stat() before open(): opening a FIFO blocks until a writer comes, and
    # opening some devices acts on them.
    _refuse_kind(os.stat(path).st_mode, path)  # noqa: PTH116 - os-level, like os.open
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    # Non-blocking and no controlling terminal, should the path have been
    # swapped for a FIFO or a terminal since the stat() above.
    flags |= getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        _refuse_kind(info.st_mode, path)
        if info.st_size > MAX_BYTES:
            raise _too_large(path)
        return _read_bounded(
            lambda n: os.read(fd, n), path, hint=info.st_size, text_only=False
        )
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, name: str = "<stdin>") -> bytes:
    """Return what ``stream`` (standard input) holds, at most :data:`MAX_BYTES`.

    A pipe, a terminal or a redirected regular file is read; a device that
    is not a terminal (``< /dev/zero``) is refused, and so is a stream
    holding a byte that no JSON or TOML text can hold, at once.

    Raises:
        OSError: The stream is a device or holds more than :data:`MAX_BYTES`.
        RegistryDataError: The stream holds binary data.
    """
    try:
        info: os.stat_result | None = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError):
        # An in-memory stream (io.UnsupportedOperation is both an OSError
        # and a ValueError): nothing to ask, and nothing endless.
        info = None
    hint = 0
    if info is not None:
        mode = info.st_mode
        if stat.S_ISREG(mode):
            if info.st_size > MAX_BYTES:
                raise _too_large(name)
            hint = info.st_size
        elif (stat.S_ISCHR(mode) or stat.S_ISBLK(mode)) and not stream.isatty():
            msg = f"not a file, pipe or terminal ({_kind(mode)})"
            raise OSError(errno.EINVAL, msg, name)
        elif stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", name)
    return _read_bounded(stream.read, name, hint=hint, text_only=True)


class _BadConstantError(ValueError):
    """A NaN, an Infinity or a duplicate key: JSON we refuse."""


def _reject_constant(name: str) -> Any:
    raise _BadConstantError(name)


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


# One part of a TOML key: a bare key, or a basic or a literal quoted one.
_PART = r"""(?:[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')"""
# Either a key of more than MAX_KEY_DEPTH parts, or text to step over
# whole: strings (where dots separate nothing) and comments. The chain comes
# first so that a quoted first part still starts one; the look-behind and
# the possessive quantifiers keep the scan linear.
_DEEP_KEY = re.compile(
    rf"(?<![A-Za-z0-9_-])(?P<deep>(?:{_PART}[ \t]*+\.[ \t]*+){{{MAX_KEY_DEPTH}}}"
    rf"{_PART})"
    r'|"""(?:[^\\]|\\.)*?"""'
    r"|'''.*?'''"
    rf"|{_PART}"
    r"|#[^\n]*+",
    re.DOTALL,
)


def _check_key_depth(text: str) -> None:
    """Refuse a TOML key or table header of more than MAX_KEY_DEPTH parts."""
    if text.count(".") < MAX_KEY_DEPTH:
        return  # too few dots for any such key: the usual case, in one pass
    for match in _DEEP_KEY.finditer(text):
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
