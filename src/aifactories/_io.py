"""Reading and writing registry files.

Two ways in:

* The bundled data file is trusted (CI validates it and proves both paths
  agree), so :func:`load` builds it with a small reflective structurer and
  never imports cattrs. It builds lazily, too: a lookup by id parses and
  builds just that entry, and the first use of anything else the rest.
* Everything a user hands us goes through the strict cattrs converter and
  :func:`~aifactories.validate`, and any problem becomes one
  :class:`~aifactories.RegistryDataError` listing every path.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import gc
import inspect
import json
import os
import re
import threading
import typing
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import attrs

from aifactories import _model
from aifactories._errors import RegistryDataError
from aifactories._model import (
    Antenna,
    Confidence,
    Fact,
    Factory,
    FunderKind,
    Kind,
    Person,
    Qualifier,
    Role,
    Sector,
    SystemStatus,
    Wave,
)
from aifactories._registry import Registry, lazy
from aifactories._rules import decimal_problem, text_problem
from aifactories._text import short

if TYPE_CHECKING:
    from collections.abc import Callable

    import cattrs

    from aifactories._validate import Document

FORMAT = 1
"""The data-file format this library reads and writes."""

# os.path, not pathlib: pathlib's import alone costs milliseconds at start-up.
_DATA = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "data", "registry.json"
)
_lock = threading.Lock()
_bundled: Registry | None = None


def load(path: str | os.PathLike[str] | None = None) -> Registry:
    """Return a registry: the bundled one, or one read from a file.

    Without ``path``, returns the bundled registry: the same shared,
    immutable object on every call, from any thread. It is read on the first
    call and built as it is used: a lookup by id builds only that entry, and
    the first use of anything else builds the rest, once.

    With ``path``, reads a user's ``.json`` or ``.toml`` file in the format
    :func:`dumps` writes, checks every rule and returns a new registry.

    Raises:
        RegistryDataError: The file's content is malformed or breaks a rule.
        OSError: The file cannot be read.
    """
    if path is None:
        return _load_bundled()
    from pathlib import Path  # noqa: PLC0415 - user files only

    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in {".json", ".toml"}:
        msg = f"unsupported file type {file.suffix!r}: use .json or .toml"
        raise RegistryDataError([f"$: {msg}"], source=str(file))
    try:
        raw = file.read_bytes()
    except ValueError as exc:  # e.g. an embedded NUL: no such file can exist
        msg = f"cannot read {file!r}: {exc}"
        raise OSError(msg) from None
    try:
        return _without_gc(_parse_toml if suffix == ".toml" else _parse_json, raw)
    except RegistryDataError as exc:
        raise RegistryDataError(exc.errors, source=str(file)) from None


def loads(text: str | bytes) -> Registry:
    """Parse a registry from JSON text in the format :func:`dumps` writes.

    Raises:
        RegistryDataError: The text is malformed or breaks a rule; its
            ``errors`` list every problem with its path.
    """
    return _without_gc(_parse_json, text)


def _without_gc(parse: Callable[[Any], object], raw: Any) -> Registry:
    # Parsing and structuring make millions of objects and no cycles; the
    # cyclic GC would rescan them again and again (about half the load time
    # of a 10,000-entry file), so it pauses until the registry is built.
    # The switch is process-wide: loads running at once share one pause, and
    # the last one out restores what the first one in found.
    global _gc_pauses, _gc_was_enabled  # noqa: PLW0603 - shared by threads
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        return _from_data(parse(raw))
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = True


def dumps(registry: Registry) -> str:
    """Return ``registry`` as JSON text; ``loads(dumps(r)) == r``."""
    doc = _document(registry)
    data = {"format": FORMAT, **_converter().unstructure(doc)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def validate(registry: Registry) -> list[str]:
    """Return every rule ``registry`` breaks, as ``"path: message"``.

    An empty list means the registry is valid. Paths index the registry's
    own (sorted) ``factories`` and ``antennas`` tuples.
    """
    from aifactories._validate import check_document  # noqa: PLC0415

    return check_document(_document(registry))


def _document(registry: Registry) -> Document:
    from aifactories._validate import Document  # noqa: PLC0415

    return Document(
        data_version=registry.data_version,
        data_date=registry.data_date,
        waves=registry.wave_records,
        factories=registry.factories,
        antennas=registry.antennas,
        facts=registry.facts,
        people=registry.people,
    )


# -- the bundled registry --------------------------------------------------------


def _load_bundled() -> Registry:
    global _bundled  # noqa: PLW0603 - the one cache; set once under the lock
    registry = _bundled
    if registry is None:
        with _lock:
            registry = _bundled
            if registry is None:
                with open(_DATA, "rb") as file:
                    _bundled = registry = lazy(_Bundle(file.read()))
    return registry


_ENTRY_LISTS: dict[bytes, type[Factory | Antenna]] = {
    b"factories": Factory,
    b"antennas": Antenna,
}


class _Bundle:
    """The bundled data file, read but parsed only as far as it is used.

    The file is exactly what :func:`dumps` writes (a test compares them byte
    for byte). In that layout the top-level keys are the only lines indented
    by two spaces, and each entry is an object at indent 4 whose first line
    is its id, with everything in it nested deeper. So a lookup by id is a
    few ``bytes.find`` calls and the parse of one entry. Should the layout
    ever differ, ids find nothing and the registry is built in full instead.
    """

    def __init__(self, raw: bytes) -> None:
        self._raw = raw
        self._lock = threading.Lock()
        self._built: dict[str, Factory | Antenna] = {}

    def entry(self, key: str) -> Factory | Antenna | None:
        """Return the entry whose id is ``key``, building only that one."""
        with self._lock:
            found = self._built.get(key)
            if found is None and key.isascii():  # ids are ASCII slugs
                found = self._find(key)
                if found is not None:
                    self._built[key] = found
            return found

    def _find(self, key: str) -> Factory | Antenna | None:
        raw = self._raw
        head = b'\n    {\n      "id": ' + json.dumps(key).encode() + b",\n"
        at = raw.find(head)
        while at >= 0:
            # The nearest top-level key above says which list this is in;
            # a wave or a fact may share the id, and is skipped.
            above = raw.rfind(b'\n  "', 0, at) + 4
            cls = _ENTRY_LISTS.get(raw[above : raw.find(b'"', above)])
            if cls is not None:
                close = raw.find(b"\n    }", at)
                entry = _trusted(cls, json.loads(raw[at + 1 : close + 6]))
                # Ids are unique, so this holds for our file; a file laid
                # out differently must not answer with the wrong entry.
                return entry if entry.id == key else None
            at = raw.find(head, at + 1)
        return None

    def fields(self) -> dict[str, Any]:
        """Return the arguments that build the whole registry."""
        data = json.loads(self._raw)
        with self._lock:
            # Entries already handed out are reused: the registry holds the
            # very objects its earlier lookups returned.
            built = self._built

            def entry(cls: type[Factory | Antenna], item: dict[str, Any]) -> Any:
                found = built.get(item["id"])
                if type(found) is not cls:
                    found = built[item["id"]] = _trusted(cls, item)
                return found

            return {
                "data_version": data["data_version"],
                "data_date": _date_or_none(data.get("data_date")),
                "wave_records": [_trusted(Wave, w) for w in data["waves"]],
                "factories": [entry(Factory, f) for f in data["factories"]],
                "antennas": [entry(Antenna, a) for a in data["antennas"]],
                "facts": [_trusted(Fact, f) for f in data["facts"]],
                "people": [_trusted(Person, p) for p in data["people"]],
            }


def _date_or_none(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _registry_from(doc: Document) -> Registry:
    return Registry(
        data_version=doc.data_version,
        data_date=doc.data_date,
        wave_records=doc.waves,
        factories=doc.factories,
        antennas=doc.antennas,
        facts=doc.facts,
        people=doc.people,
    )


# The trusted path reads field types from the annotation strings of
# _model.py (it uses postponed annotations) instead of typing.get_type_hints,
# whose evaluation costs more than building every record. Only the shapes
# _model.py uses are understood; anything else fails loudly in the tests.
# Strings, and tuples of strings (the attrs converters make those tuples),
# pass through untouched: most fields need no work at all.
_Plan = tuple[tuple[str, "Callable[[Any], Any]"], ...]
_PLANS: dict[type[Any], _Plan] = {}


def _trusted(cls: type[Any], data: dict[str, Any]) -> Any:
    """Build ``cls`` from known-good data, with no checks at all.

    ``data`` is fresh from ``json.load`` and ours, so it is converted in place.
    """
    plan = _PLANS.get(cls)
    if plan is None:
        annotations = _annotations(cls)
        fields = [f for f in attrs.fields(cls) if f.init]
        makers = ((f.name, _maker(annotations[f.name])) for f in fields)
        plan = _PLANS[cls] = tuple((n, m) for n, m in makers if m is not None)
    for name, make in plan:
        value = data.get(name)
        if value is not None:
            data[name] = make(value)
    return cls(**data)


def _annotations(cls: type[Any]) -> dict[str, str]:
    """The annotation string of every field of ``cls``, its bases' included."""
    # Not attrs' field.type: cattrs resolves those to classes in place once
    # the strict path has run. The classes' own annotations stay strings.
    merged: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        merged.update(inspect.get_annotations(klass))
    return merged


_SCALARS: dict[str, Callable[[Any], Any] | None] = {
    "str": None,
    "Decimal": Decimal,
    "dt.date": dt.date.fromisoformat,
}


def _maker(annotation: str) -> Callable[[Any], Any] | None:
    """Return what turns JSON into a value of ``annotation``; None: as it is."""
    # None needs no conversion, and _trusted never passes one in.
    annotation = annotation.removesuffix(" | None")
    for prefix, suffix, collection in (
        ("tuple[", ", ...]", tuple),
        ("frozenset[", "]", frozenset),
    ):
        if annotation.startswith(prefix) and annotation.endswith(suffix):
            item = _maker(annotation[len(prefix) : -len(suffix)])
            if item is None:
                return None
            return lambda v: collection([item(x) for x in v])
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    target = getattr(_model, annotation)
    if attrs.has(target):
        return lambda v: _trusted(target, v)
    if issubclass(target, enum.Enum):
        return target  # type: ignore[no-any-return]
    msg = f"the trusted loader cannot build {annotation!r}"  # pragma: no cover
    raise TypeError(msg)  # pragma: no cover


# -- parsing user input --------------------------------------------------------


class _BadConstantError(ValueError):
    """A NaN, an Infinity or a duplicate key: JSON we refuse."""


def _reject_constant(name: str) -> Any:
    raise _BadConstantError(name)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            # json would keep the last value silently; that loses data.
            msg = f"duplicate key {short(key)} in one object"
            raise _BadConstantError(msg)
        result[key] = value
    return result


def _decode(raw: object) -> str:
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


def _parse_json(raw: str | bytes) -> object:
    text = _decode(raw)
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


def _parse_toml(raw: bytes) -> object:
    import tomllib  # noqa: PLC0415 - only TOML users pay for it

    text = _decode(raw)
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


def _from_data(data: object) -> Registry:
    if not isinstance(data, dict):
        msg = f"$: the document must be an object, got {_json_type(data)}"
        raise RegistryDataError([msg])
    data = dict(data)
    version = data.pop("format", None)
    if version is None:
        raise RegistryDataError(
            [f"format: required field missing (this library reads {FORMAT})"]
        )
    # type() and not isinstance(): True == 1 and Decimal("1.0") == 1, too.
    if type(version) is not int or version != FORMAT:
        msg = (
            f"format: unsupported format {short(version)}; this library reads {FORMAT}"
        )
        raise RegistryDataError([msg])
    from aifactories._validate import check_document  # noqa: PLC0415

    doc = _structure(data)
    problems = check_document(doc)
    if problems:
        raise RegistryDataError(problems)
    return _registry_from(doc)


def _structure(data: dict[str, Any]) -> Document:
    import cattrs  # noqa: PLC0415 - keep cattrs off the bundled path

    from aifactories._validate import Document  # noqa: PLC0415

    converter = _converter()
    try:
        return converter.structure(data, Document)
    except cattrs.BaseValidationError as exc:
        messages = cattrs.transform_error(exc, path="$", format_exception=_describe)
        raise RegistryDataError(_reshape(m) for m in messages) from None
    except RecursionError:
        raise RegistryDataError(["$: nested too deeply"]) from None


def _reshape(message: str) -> str:
    # cattrs says "what @ $.path"; we say "path: what".
    what, _, path = message.rpartition(" @ ")
    path = path.removeprefix("$.")
    return f"{path}: {what}"


def _describe(exc: BaseException, tp: Any) -> str:
    from cattrs.errors import ForbiddenExtraKeysError  # noqa: PLC0415

    if isinstance(exc, ForbiddenExtraKeysError):
        return "unknown field(s): " + ", ".join(sorted(exc.extra_fields))
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        allowed = ", ".join(repr(m.value) for m in tp)
        return f"must be one of {allowed}"
    if isinstance(exc, ValueError | TypeError):
        return str(exc)
    return f"invalid value ({type(exc).__name__}: {exc})"


# -- the strict converter ------------------------------------------------------


def _strict_str(value: object, _: object) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, got {_json_type(value)}"
        raise TypeError(msg)
    problem = text_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


_ENUMS = (Confidence, FunderKind, Kind, Qualifier, Role, Sector, SystemStatus)


def _strict_enum(value: object, tp: type[enum.Enum]) -> enum.Enum:
    if not isinstance(value, str):
        msg = f"expected a string, got {_json_type(value)}"
        raise TypeError(msg)
    return tp(value)


_DECIMAL = re.compile(r"-?\d+(\.\d+)?\Z", re.ASCII)


def _strict_decimal(value: object, _: object) -> Decimal:
    number = _to_decimal(value)
    problem = decimal_problem(number)
    if problem is not None:
        raise ValueError(problem)
    return number


def _to_decimal(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        if not _DECIMAL.match(value.strip()):
            msg = f"{short(value)} is not a decimal number"
            raise ValueError(msg)
        try:
            return Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the pattern rules it out
            msg = f"{short(value)} is not a decimal number"
            raise ValueError(msg) from None
    msg = f"expected a decimal number or string, got {_json_type(value)}"
    raise TypeError(msg)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z", re.ASCII)


def _strict_date(value: object, _: object) -> dt.date:
    if isinstance(value, dt.datetime):
        msg = "expected a date, got a date and time"
        raise TypeError(msg)
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        msg = f"expected a YYYY-MM-DD date string, got {_json_type(value)}"
        raise TypeError(msg)
    if not _DATE.match(value):
        msg = f"{short(value)} is not a YYYY-MM-DD date"
        raise ValueError(msg)
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        msg = f"{short(value)} is not a valid date ({exc})"
        raise ValueError(msg) from None


@functools.cache
def _converter() -> cattrs.Converter:
    import cattrs  # noqa: PLC0415

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    # cattrs would turn 1 into "1"; we want the type the format says. The
    # str hook also catches every StrEnum subclass, so each enum gets its own.
    conv.register_structure_hook(str, _strict_str)
    for enum_type in _ENUMS:
        conv.register_structure_hook(enum_type, _strict_enum)
    conv.register_structure_hook(Decimal, _strict_decimal)
    conv.register_structure_hook(dt.date, _strict_date)
    conv.register_unstructure_hook(Decimal, lambda d: format(d, "f"))
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    # Sets have no order; sort them so a file diffs cleanly between releases.
    conv.register_unstructure_hook_func(
        lambda tp: tp == frozenset[Sector],
        lambda s: sorted(sector.value for sector in s),
    )

    conv.register_structure_hook_factory(
        _is_collection, functools.partial(_collection_hook, conv)
    )
    conv.register_structure_hook_factory(
        attrs.has, functools.partial(_attrs_hook, conv)
    )
    return conv


def _is_collection(tp: Any) -> bool:
    return typing.get_origin(tp) in {tuple, frozenset}


def _collection_hook(conv: cattrs.Converter, tp: Any) -> Callable[[Any, Any], Any]:
    """Structure a tuple or frozenset from a JSON array, and only from one."""
    # cattrs would turn a string into a tuple of its characters.
    from cattrs.errors import (  # noqa: PLC0415
        IterableValidationError,
        IterableValidationNote,
    )

    origin = typing.get_origin(tp)
    inner = typing.get_args(tp)[0]
    item_hook = conv.get_structure_hook(inner)

    def hook(value: Any, _: Any) -> Any:
        if not isinstance(value, list | tuple):
            msg = f"expected an array, got {_json_type(value)}"
            raise TypeError(msg)
        items, errors = [], []
        for i, item in enumerate(value):
            try:
                items.append(item_hook(item, inner))
            except Exception as exc:  # noqa: BLE001 - collected with its index
                note = IterableValidationNote(f"Structuring {tp} @ index {i}", i, inner)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            msg = f"While structuring {tp!r}"
            raise IterableValidationError(msg, errors, tp)
        return origin(items)

    return hook


def _attrs_hook(conv: cattrs.Converter, cls: Any) -> Callable[[Any, Any], Any]:
    """Structure an attrs class from a JSON object, and only from one."""
    from cattrs.gen import make_dict_structure_fn  # noqa: PLC0415

    make = make_dict_structure_fn(cls, conv)

    def hook(value: Any, tp: Any) -> Any:
        if not isinstance(value, dict):
            msg = f"expected an object, got {_json_type(value)}"
            raise TypeError(msg)
        return make(value, tp)

    return hook
