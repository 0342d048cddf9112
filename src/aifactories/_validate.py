"""Every rule a registry must keep, checked with a path for each problem.

Two kinds of check:

* **Field rules**, declared once on the model (:mod:`aifactories._rules`):
  :func:`check_document` walks every field of every record by its type
  annotation, checks the type (a hand-built record may hold anything) and
  applies the field's :class:`~aifactories._rules.Rule`. A new field needs
  no code here.
* **Record and cross-record rules**, which no single field can state:
  a source has a URL or a seed quote, shares add up to at most one, names
  are unique, links point at factories, waves match. They are the
  functions below, each named for what it checks.

Every check is linear in the size of the document, and the number of
problems kept is bounded (:data:`MAX_PROBLEMS`).
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from aifactories._format import Document
from aifactories._model import Antenna, Factory, Funding, Kind, Source, Wave
from aifactories._rules import (
    MIN_ITEMS_KEY,
    PROSE,
    RULE_KEY,
    TEXT,
    UNIQUE_KEY,
    Rule,
    decimal_problem,
    int_problem,
)
from aifactories._seeds import seed_names, seed_text
from aifactories._text import fold, short

MAX_PROBLEMS = 1000
"""At most this many problems are listed; the rest are counted in one line."""

# Share sums are exact in this context: numbers have at most 40 digits
# within 30 places of the point, so every sum fits in 100 digits.
_EXACT = decimal.Context(prec=100, traps=[])


class _Checker:
    """Collects problems, keeping the first :data:`MAX_PROBLEMS`."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.dropped = 0

    def add(self, path: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{path}: {message}")
        else:
            self.dropped += 1

    def result(self) -> list[str]:
        if self.dropped:
            return [*self.problems, f"$: … and {self.dropped:,} more problems"]
        return self.problems


# -- field rules, from the declarations --------------------------------------------


@attrs.frozen
class _Slot:
    """One field of a record class, as the walker needs it."""

    name: str
    kind: Any  # the type annotation with ``| None`` removed
    optional: bool
    rule: Rule | None
    min_items: int
    unique: bool


_SLOTS: dict[type[Any], tuple[_Slot, ...]] = {}


def slots(cls: type[Any]) -> tuple[_Slot, ...]:
    """Return the walker's view of every init field of the attrs class ``cls``."""
    found = _SLOTS.get(cls)
    if found is None:
        found = _SLOTS[cls] = _read_slots(cls)
    return found


def _read_slots(cls: type[Any]) -> tuple[_Slot, ...]:
    hints = typing.get_type_hints(cls)
    found = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        kind, optional = _strip_none(hints[field.name])
        found.append(
            _Slot(
                name=field.name,
                kind=kind,
                optional=optional,
                rule=field.metadata.get(RULE_KEY),
                min_items=field.metadata.get(MIN_ITEMS_KEY, 0),
                unique=field.metadata.get(UNIQUE_KEY, False),
            )
        )
    return tuple(found)


def _strip_none(hint: Any) -> tuple[Any, bool]:
    if typing.get_origin(hint) in {types.UnionType, typing.Union}:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0], len(args) < len(typing.get_args(hint))
    return hint, False


def _type_name(value: object) -> str:
    return type(value).__name__


def check_value(  # noqa: C901, PLR0911, PLR0912 - one branch per kind of type
    check: _Checker, path: str, value: object, slot: _Slot, kind: Any = None
) -> None:
    """Check ``value`` against the declared type and rule of ``slot``."""
    kind = slot.kind if kind is None else kind
    if value is None:
        if not slot.optional or kind is not slot.kind:
            check.add(path, "is required, got None")
        return
    origin = typing.get_origin(kind)
    if origin is tuple or origin is frozenset:
        _check_collection(check, path, value, slot, origin, typing.get_args(kind)[0])
        return
    if attrs.has(kind):
        if type(value) is not kind:
            check.add(path, f"must be of type {kind.__name__}, got {_type_name(value)}")
            return
        check_record(check, path, value)
        return
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        if not isinstance(value, kind):
            allowed = ", ".join(repr(m.value) for m in kind)
            check.add(path, f"{short(value)} is not a {kind.__name__} ({allowed})")
        return
    problem: str | None
    if kind is str:
        if not isinstance(value, str):
            check.add(path, f"must be a string, got {_type_name(value)}")
            return
        rule = slot.rule or TEXT
        if rule not in (TEXT, PROSE):
            # Codes and URLs are text too: no blanks, controls or surrogates.
            problem = TEXT.check(value)
            if problem is not None:
                check.add(path, problem)
                return
        problem = rule.check(value)
    elif kind is Decimal:
        if not isinstance(value, Decimal):
            check.add(path, f"must be a Decimal, got {_type_name(value)}")
            return
        problem = decimal_problem(value)
        if problem is None and slot.rule is not None:
            problem = slot.rule.check(value)
    elif kind is int:
        if type(value) is not int:
            check.add(path, f"must be an int, got {_type_name(value)}")
            return
        problem = int_problem(value)
        if problem is None and slot.rule is not None:
            problem = slot.rule.check(value)
    elif kind is bool:
        problem = (
            None if type(value) is bool else f"must be a bool, got {_type_name(value)}"
        )
    elif kind is dt.date:
        if type(value) is not dt.date:
            check.add(path, f"must be a date, got {_type_name(value)}")
            return
        problem = None
    else:  # pragma: no cover - a test checks every model type is known here
        msg = f"the validator cannot check the type {kind!r} of {path}"
        raise TypeError(msg)
    if problem is not None:
        check.add(path, problem)


def _check_collection(  # noqa: PLR0913, PLR0917 - the slot's parts, unpacked once
    check: _Checker,
    path: str,
    value: object,
    slot: _Slot,
    origin: type[Any],
    item: Any,
) -> None:
    if type(value) is not origin:
        check.add(path, f"must be a {origin.__name__}, got {_type_name(value)}")
        return
    items: list[object] = list(typing.cast("tuple[object, ...]", value))
    if len(items) < slot.min_items:
        # "needs at least one source", "needs at least 2 claims"
        many = slot.min_items > 1
        noun = slot.name if many else slot.name.removesuffix("s")
        check.add(path, f"needs at least {slot.min_items if many else 'one'} {noun}")
    if origin is frozenset:
        # No order of its own: report in a stable order, at the set's path.
        items.sort(key=short)
        for member in items:
            check_value(check, path, member, slot, item)
        return
    seen: set[object] = set()
    for i, member in enumerate(items):
        where = f"{path}[{i}]"
        check_value(check, where, member, slot, item)
        if slot.unique and isinstance(member, str):
            if member in seen:
                check.add(where, f"{short(member)} is listed twice")
            seen.add(member)


def check_record(check: _Checker, path: str, record: Any) -> None:
    """Check every field of ``record`` by its declaration, then its record rule."""
    cls: type[Any] = type(record)
    for slot, step in _PLANS.get(cls) or _plan(cls):
        value = getattr(record, slot.name, None)
        if step is None or not step(check, path, value):
            check_value(check, f"{path}.{slot.name}", value, slot)
    record_rule = _RECORD_RULES.get(cls)
    if record_rule is not None:
        record_rule(check, path, record)


# -- the fast path of the field walk ------------------------------------------------
# A loaded registry holds millions of values, nearly all of them valid. For
# each field, _plan() prepares a step that settles the common valid case
# without the generic dispatch of check_value() (and without building the
# value's path); anything it cannot settle goes to check_value(), which
# alone reports problems. A step returns whether it settled the value.

_Step = Callable[[_Checker, str, object], bool]
_PLANS: dict[type[Any], tuple[tuple[_Slot, _Step | None], ...]] = {}


def _plan(cls: type[Any]) -> tuple[tuple[_Slot, _Step | None], ...]:
    found = _PLANS.get(cls)
    if found is None:
        found = _PLANS[cls] = tuple((slot, _step(slot)) for slot in slots(cls))
    return found


def _plain_text(value: object) -> bool:
    # Printable ASCII with a visible character keeps TEXT and PROSE.
    return (
        type(value) is str
        and value.isascii()
        and value.isprintable()
        and not value.isspace()
        and value != ""
    )


def _scalar(kind: Any, rule: Rule | None) -> Callable[[object], bool] | None:  # noqa: PLR0911 - a test per kind
    """A test that a value certainly keeps ``kind`` and ``rule``, or ``None``."""
    extra = rule.check if rule is not None else None
    if kind is str:
        if extra is None or rule in (TEXT, PROSE):
            return _plain_text
        return lambda v: _plain_text(v) and extra(v) is None
    if kind is Decimal:
        return lambda v: (
            type(v) is Decimal
            and decimal_problem(v) is None
            and (extra is None or extra(v) is None)
        )
    if kind is int:
        return lambda v: (
            type(v) is int
            and int_problem(v) is None
            and (extra is None or extra(v) is None)
        )
    if kind is bool:
        return lambda v: type(v) is bool
    if kind is dt.date:
        return lambda v: type(v) is dt.date
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return lambda v: isinstance(v, kind)
    return None


def _step(slot: _Slot) -> _Step | None:  # noqa: C901 - one closure per kind of field
    name, optional, kind = slot.name, slot.optional, slot.kind
    ok = _scalar(kind, slot.rule)
    if ok is not None:

        def scalar(_: _Checker, __: str, value: object) -> bool:
            return (value is None and optional) or ok(value)

        return scalar
    if attrs.has(kind):

        def record(check: _Checker, path: str, value: object) -> bool:
            if value is None:
                return optional
            if type(value) is not kind:
                return False
            check_record(check, f"{path}.{name}", value)
            return True

        return record
    if typing.get_origin(kind) is not tuple or slot.unique:
        return None  # frozensets sort, unique arrays remember: the generic walk
    item = typing.get_args(kind)[0]
    item_ok = _scalar(item, slot.rule)
    nested = attrs.has(item)
    least = slot.min_items

    def collection(check: _Checker, path: str, value: object) -> bool:
        if value is None:
            return optional
        if type(value) is not tuple or len(value) < least:
            return False
        where = f"{path}.{name}"
        for i, member in enumerate(value):
            if item_ok is not None and item_ok(member):
                continue
            if nested and type(member) is item:
                check_record(check, f"{where}[{i}]", member)
            else:
                check_value(check, f"{where}[{i}]", member, slot, item)
        return True

    return collection


# -- record rules ----------------------------------------------------------------------
# They take Any: a hand-built record may hold anything in any field, which
# the field walk reports; these rules look only at what has the right type.


def _source_rule(check: _Checker, path: str, source: Any) -> None:
    if (source.url is None) == (source.seed is None):
        check.add(path, "needs exactly one of 'url' and 'seed'")
    if source.seed is None:
        if source.quote is not None:
            check.add(f"{path}.quote", "a quote needs the 'seed' it comes from")
        return
    if not isinstance(source.seed, str):
        return  # reported by the field walk
    if source.seed not in seed_names():
        check.add(f"{path}.seed", f"no seed document named {short(source.seed)}")
        return
    if not isinstance(source.quote, str) or not source.quote.strip():
        check.add(f"{path}.quote", "a seed source needs the exact quote it rests on")
    elif source.quote not in seed_text(source.seed):
        check.add(f"{path}.quote", f"not found verbatim in seed {short(source.seed)}")


def _funding_rule(check: _Checker, path: str, funding: Any) -> None:
    shares = funding.shares if isinstance(funding.shares, tuple) else ()
    total = Decimal(0)
    # Exactly: the default context rounds to 28 digits, and the caller's
    # context might trap inexact results.
    with decimal.localcontext(_EXACT):
        for share in shares:
            value = getattr(share, "share", None)
            if (
                isinstance(value, Decimal)
                and decimal_problem(value) is None
                and 0 < value <= 1
            ):
                total += value
    if total > 1:
        check.add(f"{path}.shares", f"shares add up to {total}, more than 1")


def _entry_rule(check: _Checker, path: str, entry: Any) -> None:
    partners = entry.partner_countries
    if isinstance(partners, tuple) and isinstance(entry.country, str):
        for j, code in enumerate(partners):
            if code == entry.country:
                check.add(f"{path}.partner_countries[{j}]", "repeats the host country")


def _antenna_rule(check: _Checker, path: str, antenna: Any) -> None:
    _entry_rule(check, path, antenna)
    formal = antenna.factories
    letters = antenna.letters_of_intent
    if not isinstance(formal, tuple) or not isinstance(letters, tuple):
        return
    linked = {f for f in formal if isinstance(f, str)}
    for j, factory_id in enumerate(letters):
        if factory_id in linked:
            check.add(
                f"{path}.letters_of_intent[{j}]",
                f"{short(factory_id)} is already a formal link",
            )


_RECORD_RULES: dict[type[Any], Callable[[_Checker, str, Any], None]] = {
    Source: _source_rule,
    Funding: _funding_rule,
    Factory: _entry_rule,
    Antenna: _antenna_rule,
}


# -- cross-record rules --------------------------------------------------------------


def _entries(doc: Any) -> Iterator[tuple[str, Any]]:
    """The entries to check, each with its path; misfiled records reported."""
    for field, cls, entries in (
        ("factories", Factory, doc.factories),
        ("antennas", Antenna, doc.antennas),
    ):
        if not isinstance(entries, tuple):
            continue  # reported by the field walk
        for i, entry in enumerate(entries):
            if type(entry) is cls:
                yield f"{field}[{i}]", entry


def _check_waves(check: _Checker, doc: Any) -> dict[str, Any]:
    waves: dict[str, Any] = {}
    if not isinstance(doc.waves, tuple):
        return waves
    for i, wave in enumerate(doc.waves):
        if type(wave) is not Wave or not isinstance(wave.id, str):
            continue
        if wave.id in waves:
            check.add(f"waves[{i}].id", f"duplicate wave id {short(wave.id)}")
        waves.setdefault(wave.id, wave)
    return waves


def _check_names(check: _Checker, entries: list[tuple[str, Any]]) -> None:
    ids: dict[str, str] = {}
    keys: dict[str, tuple[str, str]] = {}
    for path, entry in entries:
        if isinstance(entry.id, str):
            if entry.id in ids:
                check.add(
                    f"{path}.id",
                    f"duplicate id {short(entry.id)} (also {ids[entry.id]})",
                )
            else:
                ids[entry.id] = path
        aliases = entry.aliases if isinstance(entry.aliases, tuple) else ()
        # A duplicate id is reported above; don't report it again as a name.
        named = [] if ids.get(entry.id) != path else [(f"{path}.id", entry.id)]
        named += [(f"{path}.name", entry.name)]
        named += [(f"{path}.aliases[{j}]", a) for j, a in enumerate(aliases)]
        for where, name in named:
            if not isinstance(name, str):
                continue
            key = fold(name)
            if not key:
                continue  # an invisible name is reported by its field rule
            owner = keys.get(key)
            if owner is None:
                keys[key] = (path, entry.id)
            elif owner[0] != path:
                check.add(
                    where, f"{short(name)} already names {owner[0]} ({short(owner[1])})"
                )


def _check_links(check: _Checker, entries: list[tuple[str, Any]]) -> None:
    factory_ids = {e.id for _, e in entries if isinstance(e, Factory)}
    antenna_ids = {e.id for _, e in entries if isinstance(e, Antenna)}
    for path, antenna in entries:
        if not isinstance(antenna, Antenna):
            continue
        links: tuple[tuple[str, object], ...] = (
            ("factories", antenna.factories),
            ("letters_of_intent", antenna.letters_of_intent),
        )
        for field, ids in links:
            if not isinstance(ids, tuple):
                continue
            for j, factory_id in enumerate(ids):
                if not isinstance(factory_id, str) or factory_id in factory_ids:
                    continue
                where = f"{path}.{field}[{j}]"
                if factory_id in antenna_ids:
                    check.add(
                        where, f"{short(factory_id)} is an antenna, not a factory"
                    )
                else:
                    check.add(where, f"no factory with id {short(factory_id)}")


def _check_wave_of(
    check: _Checker, path: str, entry: Any, waves: dict[str, Any]
) -> None:
    kind = Kind.FACTORY if isinstance(entry, Factory) else Kind.ANTENNA
    if not isinstance(entry.wave, str):
        return
    wave = waves.get(entry.wave)
    if wave is None:
        check.add(f"{path}.wave", f"no wave with id {short(entry.wave)}")
        return
    if isinstance(wave.kind, Kind) and wave.kind != kind:
        check.add(
            f"{path}.wave",
            f"wave {short(wave.id)} selects {wave.kind} entries, not {kind} entries",
        )
    if (
        type(entry.selected_on) is dt.date
        and type(wave.announced) is dt.date
        and entry.selected_on != wave.announced
    ):
        check.add(
            f"{path}.selected_on",
            f"{entry.selected_on} differs from wave {short(wave.id)}"
            f" ({wave.announced})",
        )


def _check_fact_ids(check: _Checker, doc: Any) -> None:
    if not isinstance(doc.facts, tuple):
        return
    seen: set[str] = set()
    for i, fact in enumerate(doc.facts):
        fact_id = getattr(fact, "id", None)
        if isinstance(fact_id, str):
            if fact_id in seen:
                check.add(f"facts[{i}].id", f"duplicate fact id {short(fact_id)}")
            seen.add(fact_id)


def check_document(doc: Document) -> list[str]:
    """Return every problem in ``doc`` as ``"path: message"``.

    At most :data:`MAX_PROBLEMS` are listed, then one line counting the rest.
    """
    check = _Checker()
    for slot in slots(Document):
        check_value(check, slot.name, getattr(doc, slot.name, None), slot)
    waves = _check_waves(check, doc)
    entries = list(_entries(doc))
    _check_names(check, entries)
    for path, entry in entries:
        _check_wave_of(check, path, entry, waves)
    _check_links(check, entries)
    _check_fact_ids(check, doc)
    return check.result()
