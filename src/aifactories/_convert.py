"""Conversion: parsed data into records, and records back into data (cattrs).

The strict converter refuses anything the format does not say: a number
where text belongs, a string where an array belongs, unknown keys. Each
failure becomes a ``"path: message"`` line. The wire forms of numbers and
dates come from :mod:`aifactories._format`.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
import functools
import re
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from aifactories import _model
from aifactories._errors import CUT, MAX_PROBLEMS, RegistryDataError
from aifactories._format import (
    Document,
    date_from_wire,
    date_to_wire,
    decimal_from_wire,
    decimal_to_wire,
)
from aifactories._parse import json_type
from aifactories._rules import decimal_problem, strip_none
from aifactories._text import short

if TYPE_CHECKING:
    import cattrs


@attrs.define(kw_only=True)
class _Budget:
    """How many structural problems one :func:`structure` call keeps.

    Each bad item of an array becomes an exception object; 100,000 of them
    would hold hundreds of megabytes. The array hook keeps the first
    :data:`~aifactories.MAX_PROBLEMS` and only counts the rest.
    """

    # Whether the arrays being structured may be emptied as they go.
    consume: bool = False
    kept: int = 0
    dropped: int = 0
    # Array items never looked at: past MAX_PROBLEMS, the rest of an
    # array is skipped, so bad input costs time bounded by the budget.
    unchecked: int = 0
    # A MemoryError or RecursionError met inside cattrs' error groups:
    # never reported as a problem of the data.
    fatal: BaseException | None = None


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "aifactories_structure_budget", default=None
)
_KEPT = "_aifactories_kept"
"""Attribute on an array's error group: the problems it keeps, counted once."""


class _DroppedError(Exception):
    """Stands in an error group whose problems were all counted, not kept.

    An exception group cannot be empty; this placeholder has no message of
    its own and :func:`structure` leaves it out.
    """


_DROPPED = "(problems counted, not kept)"


def _tally(exc: BaseException, budget: _Budget) -> tuple[int, int]:
    """Count the problems in ``exc``: ``(not yet counted, already kept)``."""
    kept: int | None = getattr(exc, _KEPT, None)
    if kept is not None:
        return 0, kept
    # cattrs' error groups are exception groups: no import needed here.
    if isinstance(exc, BaseExceptionGroup):
        new = old = 0
        for inner in exc.exceptions:
            more, held = _tally(inner, budget)
            new += more
            old += held
        return new, old
    if isinstance(exc, MemoryError | RecursionError):
        budget.fatal = exc
    return 1, 0


def structure(data: dict[str, Any], *, consume: bool = False) -> Document:
    """Convert parsed data (without ``format``) into a :class:`Document`.

    With ``consume``, the caller hands over ``data``: each item of an array
    is dropped from it once it is a record, so that the parsed data and
    the records are not both held in full (half the peak memory, and the
    garbage collector has half as much to look through while records are
    made).

    Raises:
        RegistryDataError: The data does not have the format's shape. At
            most :data:`~aifactories.MAX_PROBLEMS` problems are listed,
            then one line that counts the rest.
        MemoryError: Memory ran out; never reported as a problem.
    """
    import cattrs  # noqa: PLC0415 - keep cattrs off the bundled path

    budget = _Budget(consume=consume)
    token = _BUDGET.set(budget)
    try:
        return converter().structure(data, Document)
    except cattrs.BaseValidationError as exc:
        _tally(exc, budget)
        if isinstance(budget.fatal, RecursionError):
            raise RegistryDataError(["$: nested too deeply"]) from None
        if budget.fatal is not None:
            raise budget.fatal from None
        messages = [
            m
            for m in cattrs.transform_error(exc, path="$", format_exception=_describe)
            if not m.startswith(_DROPPED)
        ]
        problems = [_reshape(m) for m in messages[:MAX_PROBLEMS]]
        more = budget.dropped + max(0, len(messages) - MAX_PROBLEMS)
        if budget.unchecked:
            problems.append(
                f"{CUT}more problems; {budget.unchecked:,} array items were not checked"
            )
        elif more:
            problems.append(f"{CUT}{more:,} more problems")
        raise RegistryDataError(problems) from None
    except RecursionError:
        raise RegistryDataError(["$: nested too deeply"]) from None
    finally:
        _BUDGET.reset(token)


def _reshape(message: str) -> str:
    # cattrs says "what @ $.path"; we say "path: what".
    what, _, path = message.rpartition(" @ ")
    path = path.removeprefix("$.")
    return f"{path}: {what}"


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.-]{1,40}\Z")
_MAX_KEYS_SHOWN = 10


def _key(key: object) -> str:
    # Field-like keys as they are; anything else quoted and escaped, so a
    # newline or an escape sequence in a key cannot break the message.
    if isinstance(key, str) and _PLAIN_KEY.match(key):
        return key
    return short(key, 40)


def _describe(exc: BaseException, tp: Any) -> str:
    from cattrs.errors import ForbiddenExtraKeysError  # noqa: PLC0415

    if isinstance(exc, _DroppedError):
        return _DROPPED
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = sorted(exc.extra_fields, key=str)
        shown = ", ".join(_key(k) for k in keys[:_MAX_KEYS_SHOWN])
        if len(keys) > _MAX_KEYS_SHOWN:
            shown += f" and {len(keys) - _MAX_KEYS_SHOWN:,} more"
        return f"unknown field(s): {shown}"
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
        msg = f"expected a string, got {json_type(value)}"
        raise TypeError(msg)
    # What the text holds (controls, lone surrogates) is for validate(),
    # which knows each field's rule.
    return value


# Every enum of the model gets its own hook (the str hook would take them),
# with its members by value.
_MEMBERS: dict[type[enum.Enum], dict[str, enum.Enum]] = {
    kind: {member.value: member for member in kind}
    for kind in vars(_model).values()
    if isinstance(kind, type)
    and issubclass(kind, enum.Enum)
    and kind.__module__ == _model.__name__
}


def _strict_enum(value: object, tp: type[enum.Enum]) -> enum.Enum:
    # A dict lookup: calling the enum class costs three Python frames.
    member = _MEMBERS[tp].get(_strict_str(value, tp))
    if member is None:
        raise ValueError(value)
    return member


def _strict_decimal(value: object, _: object) -> Decimal:
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, float):
        # What json.loads makes of a fraction. Its repr is the shortest text
        # that reads back as the same float: the digits the file had, as
        # our own parser (parse_float=Decimal) would read them.
        number = Decimal(repr(value))
    elif isinstance(value, str):
        number = decimal_from_wire(value)
    else:
        msg = f"expected a decimal number or string, got {json_type(value)}"
        raise TypeError(msg)
    problem = decimal_problem(number)
    if problem is not None:
        raise ValueError(problem)
    return number


def _exactly(kind: type[Any], what: str) -> Callable[[object, object], Any]:
    # type(), not isinstance(): True is an int too.
    def hook(value: object, _: object) -> Any:
        if type(value) is not kind:
            msg = f"expected {what}, got {json_type(value)}"
            raise TypeError(msg)
        return value

    return hook


def _strict_date(value: object, _: object) -> dt.date:
    if isinstance(value, dt.datetime):
        msg = "expected a date, got a date and time"
        raise TypeError(msg)
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        msg = f"expected a YYYY-MM-DD date string, got {json_type(value)}"
        raise TypeError(msg)
    return date_from_wire(value)


@functools.cache
def converter(*, detailed: bool = True) -> cattrs.Converter:
    """The one converter between records and the format's plain data.

    Args:
        detailed: Collect every problem with its path (the strict path).
            Without it, the first problem is raised as it is: for our own
            bundled file only, checked when it was released, whose first
            answer then skips generating and compiling the bookkeeping of
            every field (about a fifth of the first answer, counted in
            instructions).
    """
    import cattrs  # noqa: PLC0415

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    # cattrs would turn 1 into "1"; we want the type the format says. The
    # str hook also catches every StrEnum subclass, so each enum gets its own.
    conv.register_structure_hook(str, _strict_str)
    for enum_type in _MEMBERS:
        conv.register_structure_hook(enum_type, _strict_enum)
    conv.register_structure_hook(Decimal, _strict_decimal)
    conv.register_structure_hook(dt.date, _strict_date)
    conv.register_structure_hook(int, _exactly(int, "a whole number"))
    conv.register_structure_hook(bool, _exactly(bool, "true or false"))
    conv.register_unstructure_hook(Decimal, decimal_to_wire)
    conv.register_unstructure_hook(dt.date, date_to_wire)
    # Sets have no order; sort them so a file diffs cleanly between releases.
    conv.register_unstructure_hook_func(
        lambda tp: getattr(tp, "__origin__", None) is frozenset,
        lambda s: sorted(member.value for member in s),
    )

    # Hook factories; cattrs hands each the converter too.
    conv.register_structure_hook_factory(lambda tp: strip_none(tp)[1], _optional_hook)
    conv.register_structure_hook_factory(_is_collection, _collection_hook)
    conv.register_structure_hook_factory(attrs.has, _attrs_hook)
    return conv


def _optional_hook(tp: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure ``X | None``: the hook of ``X`` is looked up once, not per value."""
    inner = strip_none(tp)[0]
    inner_hook = conv.get_structure_hook(inner)

    def hook(value: Any, _: Any) -> Any:
        return None if value is None else inner_hook(value, inner)

    return hook


def _is_collection(tp: Any) -> bool:
    return typing.get_origin(tp) in {tuple, frozenset}


def _collection_hook(tp: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure a tuple or frozenset from a JSON array, and only from one."""
    # cattrs would turn a string into a tuple of its characters.
    from cattrs.errors import IterableValidationError  # noqa: PLC0415

    origin = typing.get_origin(tp)
    inner = typing.get_args(tp)[0]
    item_hook = conv.get_structure_hook(inner)

    def hook(value: Any, _: Any) -> Any:
        if not isinstance(value, list | tuple):
            msg = f"expected an array, got {json_type(value)}"
            raise TypeError(msg)
        items: list[Any] | None = []
        errors: list[Exception] = []
        budget = _BUDGET.get() or _Budget()
        # Only our own parser's lists are handed over, never a caller's.
        pile = value if budget.consume and type(value) is list else None
        kept = 0
        for i, item in enumerate(value):
            if budget.kept >= MAX_PROBLEMS and items is None:
                # Enough is known to refuse the data; the rest of the array
                # would only cost time.
                budget.unchecked += len(value) - i
                break
            if pile is not None:
                pile[i] = None
            try:
                structured = item_hook(item, inner)
            except Exception as exc:  # noqa: BLE001 - _collect keeps, counts or re-raises
                items = None  # the array is lost; free what it would hold
                kept += _collect(
                    budget, exc, errors, f"Structuring {tp} @ index {i}", i, inner
                )
                continue
            if items is not None:
                items.append(structured)
        if items is None:
            msg = f"While structuring {tp!r}"
            group = IterableValidationError(msg, errors or [_DroppedError()], tp)
            setattr(group, _KEPT, kept)
            raise group
        return origin(items)

    return hook


def _collect(  # noqa: PLR0913, PLR0917 - the item's error and where it belongs
    budget: _Budget,
    exc: Exception,
    errors: list[Exception],
    where: str,
    index: int,
    inner: Any,
) -> int:
    """Keep the error of one array item, or only count it; return what is kept.

    Re-raises a MemoryError or RecursionError found anywhere in ``exc``.
    """
    from cattrs.errors import IterableValidationNote  # noqa: PLC0415

    new, held = _tally(exc, budget)
    if budget.fatal is not None:
        raise exc
    if budget.kept >= MAX_PROBLEMS and not held:
        budget.dropped += new
        return 0
    budget.kept += new
    note = IterableValidationNote(where, index, inner)
    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
    errors.append(exc)
    return new + held


def _attrs_hook(cls: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Structure an attrs class from a JSON object, and only from one."""
    from cattrs.gen import make_dict_structure_fn  # noqa: PLC0415

    make = make_dict_structure_fn(cls, conv)

    def hook(value: Any, tp: Any) -> Any:
        if not isinstance(value, dict):
            msg = f"expected an object, got {json_type(value)}"
            raise TypeError(msg)
        return make(value, tp)

    return hook
