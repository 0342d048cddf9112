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
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from aifactories._errors import CUT, MAX_PROBLEMS
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
    strip_none,
)
from aifactories._seeds import BUNDLED, DocumentError, Documents
from aifactories._text import fold, short

# Share sums are exact in this context: numbers have at most 40 digits
# within 30 places of the point, so every sum fits in 100 digits.
_EXACT = decimal.Context(prec=100, traps=[])


Path = str | tuple["Path", str | int]
"""Where a value is: ``"factories"``, or a parent path and a field name or index.

The walk builds these pairs and turns them into text (:func:`render`) only
for a problem, which keeps valid data cheap to check.
"""


def render(path: Path) -> str:
    """Return ``path`` as text: ``factories[3].funding.shares[0].share``."""
    steps: list[str] = []
    while isinstance(path, tuple):
        path, step = path
        steps.append(f"[{step}]" if isinstance(step, int) else f".{step}")
    # The document itself is the root "": its fields start the path.
    return (path + "".join(reversed(steps))).removeprefix(".")


class _Full(Exception):  # noqa: N818 - a signal, not an error
    """Raised by :meth:`_Checker.add` once :data:`MAX_PROBLEMS` are kept."""


class _Checker:
    """Collects problems; stops the walk once :data:`MAX_PROBLEMS` are kept.

    Bad input then costs time bounded by the budget, not by its size.
    """

    def __init__(self, documents: Documents = BUNDLED) -> None:
        self.problems: list[str] = []
        self.documents = documents

    def add(self, path: Path, message: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            raise _Full
        self.problems.append(f"{render(path)}: {message}")

    def run(self, walk: Callable[..., None], *args: Any) -> list[str]:
        """Every problem ``walk(self, *args)`` finds, closed by a line if it was cut."""
        try:
            walk(self, *args)
        except _Full:
            return [*self.problems, f"{CUT}more problems; checking stopped there"]
        return self.problems


# -- field rules, from the declarations --------------------------------------------


@attrs.frozen
class _Slot:
    """One field of a record class, as the walker and the tests see it."""

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
        hints = typing.get_type_hints(cls)
        found = _SLOTS[cls] = tuple(
            _Slot(
                field.name,
                *strip_none(hints[field.name]),
                rule=field.metadata.get(RULE_KEY),
                min_items=field.metadata.get(MIN_ITEMS_KEY, 0),
                unique=field.metadata.get(UNIQUE_KEY, False),
            )
            for field in attrs.fields(cls)
            if field.init
        )
    return found


# Each slot compiles, once, into a function that checks one value: the walk
# then does no type inspection at all, which keeps a 10,000-entry
# validation within a few times the cost of parsing its JSON.
_Check = Callable[[_Checker, Path, Any], None]
_Field = tuple[str, bool, _Check]  # name, required, check of a value not None
_RECORD_CHECKS: dict[type[Any], tuple[_Field, ...]] = {}


def _record_checks(cls: type[Any]) -> tuple[_Field, ...]:
    found = _RECORD_CHECKS.get(cls)
    if found is None:
        found = _RECORD_CHECKS[cls] = tuple(
            (slot.name, not slot.optional, _compile_kind(slot, slot.kind))
            for slot in slots(cls)
        )
    return found


def check_record(check: _Checker, path: Path, record: Any) -> None:
    """Check every field of ``record`` by its declaration, then its record rule."""
    cls: type[Any] = type(record)
    for name, required, check_value in _record_checks(cls):
        value = getattr(record, name, None)
        if value is None:
            if required:
                check.add((path, name), "is required, got None")
        else:
            check_value(check, (path, name), value)
    record_rule = _RECORD_RULES.get(cls)
    if record_rule is not None:
        record_rule(check, path, record)


def _compile_kind(slot: _Slot, kind: Any) -> _Check:
    origin = typing.get_origin(kind)
    if origin is tuple or origin is frozenset:
        return _compile_collection(slot, origin, typing.get_args(kind)[0])
    if attrs.has(kind):
        return _compile_record(kind)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return _compile_enum(kind)
    if kind is str:
        rule = slot.rule or TEXT
        base = PROSE if rule is PROSE else TEXT
        # Codes and URLs are text too: no blanks, controls or surrogates first.
        extra = None if rule is base else rule
        return _compile_scalar(str, "a string", base.check, extra)
    if kind in _SCALARS:
        article, bounds = _SCALARS[kind]
        return _compile_scalar(kind, article, bounds, slot.rule)
    msg = f"the validator cannot check the type {kind!r} of field {slot.name!r}"
    raise TypeError(msg)


def _compile_record(cls: type[Any]) -> _Check:
    def record(check: _Checker, path: Path, value: Any) -> None:
        if type(value) is not cls:
            name = type(value).__name__
            check.add(path, f"must be of type {cls.__name__}, got {name}")
        else:
            check_record(check, path, value)

    return record


def _compile_enum(kind: type[enum.Enum]) -> _Check:
    allowed = ", ".join(repr(m.value) for m in kind)

    def member(check: _Checker, path: Path, value: Any) -> None:
        if not isinstance(value, kind):
            check.add(path, f"{short(value)} is not a {kind.__name__} ({allowed})")

    return member


# Values of exactly one type (type(), not isinstance(): True is an int too),
# with the bounds every value of that type keeps before its field's rule.
_SCALARS: dict[Any, tuple[str, Callable[[Any], str | None] | None]] = {
    Decimal: ("a Decimal", decimal_problem),
    int: ("an int", int_problem),
    bool: ("a bool", None),
    dt.date: ("a date", None),
}


def _compile_scalar(
    kind: type[Any],
    article: str,
    bounds: Callable[[Any], str | None] | None,
    rule: Rule | None,
) -> _Check:
    rule_check = rule.check if rule is not None else None

    def scalar(check: _Checker, path: Path, value: Any) -> None:
        # Text alone may be of a subclass (a StrEnum member is text too).
        if type(value) is not kind and (kind is not str or not isinstance(value, str)):
            check.add(path, f"must be {article}, got {type(value).__name__}")
            return
        problem = bounds(value) if bounds is not None else None
        if problem is None and rule_check is not None:
            problem = rule_check(value)
        if problem is not None:
            check.add(path, problem)

    return scalar


def _compile_collection(slot: _Slot, origin: type[Any], item: Any) -> _Check:
    check_item = _compile_kind(slot, item)
    min_items, unique, name = slot.min_items, slot.unique, origin.__name__
    is_set = origin is frozenset
    # "needs at least one source", "needs at least 2 claims"
    many = min_items > 1
    noun = slot.name if many else slot.name.removesuffix("s")
    too_few = f"needs at least {min_items if many else 'one'} {noun}"

    def collection(check: _Checker, path: Path, value: Any) -> None:
        if type(value) is not origin:
            check.add(path, f"must be a {name}, got {type(value).__name__}")
            return
        if len(value) < min_items:
            check.add(path, too_few)
        # A set has no order of its own: report in a stable order, at its path.
        members = sorted(value, key=short) if is_set else value
        seen: set[str] = set()
        for i, member in enumerate(members):
            where = path if is_set else (path, i)
            if member is None:
                check.add(where, "is required, got None")
                continue
            check_item(check, where, member)
            if unique and isinstance(member, str):
                if member in seen:
                    check.add(where, f"{short(member)} is listed twice")
                seen.add(member)

    return collection


# -- record rules ----------------------------------------------------------------------
# They take Any: a hand-built record may hold anything in any field, which
# the field walk reports; these rules look only at what has the right type.


def _source_rule(check: _Checker, path: Path, source: Any) -> None:
    if (source.url is None) == (source.seed is None):
        check.add(path, "needs exactly one of 'url' and 'seed'")
    if source.seed is None:
        if source.quote is not None:
            check.add((path, "quote"), "a quote needs the 'seed' it comes from")
        return
    if not isinstance(source.seed, str):
        return  # reported by the field walk
    try:
        text = check.documents.text(source.seed)
    except DocumentError as exc:
        check.add((path, "seed"), f"document {exc}")
        return
    if text is None:
        check.add((path, "seed"), f"no seed document named {short(source.seed)}")
        return
    if not isinstance(source.quote, str) or not source.quote.strip():
        check.add((path, "quote"), "a seed source needs the exact quote it rests on")
    elif not check.documents.quotes(source.seed, source.quote):
        check.add((path, "quote"), f"not found verbatim in seed {short(source.seed)}")


def _funding_rule(check: _Checker, path: Path, funding: Any) -> None:
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
        check.add((path, "shares"), f"shares add up to {total}, more than 1")


def _entry_rule(check: _Checker, path: Path, entry: Any) -> None:
    partners = entry.partner_countries
    if isinstance(partners, tuple) and isinstance(entry.country, str):
        for j, code in enumerate(partners):
            if code == entry.country:
                where = ((path, "partner_countries"), j)
                check.add(where, "repeats the host country")


def _antenna_rule(check: _Checker, path: Path, antenna: Any) -> None:
    _entry_rule(check, path, antenna)
    formal = antenna.factories
    letters = antenna.letters_of_intent
    if not isinstance(formal, tuple) or not isinstance(letters, tuple):
        return
    linked = {f for f in formal if isinstance(f, str)}
    for j, factory_id in enumerate(letters):
        if factory_id in linked:
            check.add(
                ((path, "letters_of_intent"), j),
                f"{short(factory_id)} is already a formal link",
            )


# -- cross-record rules --------------------------------------------------------------


def _entries(doc: Document) -> Iterator[tuple[str, Any]]:
    """The entries to check, each with its path; misfiled records skipped.

    The field walk reports a misfiled record (an Antenna among the factories).
    """
    for field, cls, entries in (
        ("factories", Factory, doc.factories),
        ("antennas", Antenna, doc.antennas),
    ):
        for i, entry in enumerate(entries):
            if type(entry) is cls:
                yield f"{field}[{i}]", entry


def _check_ids(
    check: _Checker, field: str, records: tuple[Any, ...], cls: type[Any] | None
) -> dict[str, Any]:
    """Report repeated ids in ``records`` (those of class ``cls``, if given).

    Returns:
        The first record with each id.
    """
    first: dict[str, Any] = {}
    noun = field.removesuffix("s")
    for i, record in enumerate(records):
        record_id = getattr(record, "id", None)
        if (cls is None or type(record) is cls) and isinstance(record_id, str):
            if record_id in first:
                check.add(f"{field}[{i}].id", f"duplicate {noun} id {short(record_id)}")
            first.setdefault(record_id, record)
    return first


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
        first = isinstance(entry.id, str) and ids.get(entry.id) == path
        named = [(f"{path}.id", entry.id)] if first else []
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
    # Ids of the wrong type (maybe unhashable) are reported by the field walk.
    named = [e for _, e in entries if isinstance(e.id, str)]
    factory_ids = {e.id for e in named if isinstance(e, Factory)}
    antenna_ids = {e.id for e in named if isinstance(e, Antenna)}
    for path, antenna in entries:
        if not isinstance(antenna, Antenna):
            continue
        for field in ("factories", "letters_of_intent"):
            ids = getattr(antenna, field)
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
    if not isinstance(entry.wave, str):
        return
    wave = waves.get(entry.wave)
    if wave is None:
        check.add(f"{path}.wave", f"no wave with id {short(entry.wave)}")
        return
    if isinstance(wave.kind, Kind) and wave.kind != entry.kind:
        check.add(
            f"{path}.wave",
            f"wave {short(wave.id)} selects {wave.kind} entries,"
            f" not {entry.kind} entries",
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


def check_document(doc: Document, documents: Documents = BUNDLED) -> list[str]:
    """Return every problem in ``doc`` as ``"path: message"``.

    Seed quotes are checked against ``documents``. At most
    :data:`MAX_PROBLEMS` are listed, then one line counting the rest.
    """
    return _Checker(documents).run(check_record, "", doc)


def check_field(cls: type[Any], name: str, value: object) -> list[str]:
    """Return every rule ``value`` breaks as the field ``name`` of ``cls``.

    Worded as :func:`check_document` words them, with ``name`` as the path
    (the testing kit checks its pins with this).

    Raises:
        KeyError: ``cls`` has no init field ``name``.
    """
    checks = {field: check for field, _, check in _record_checks(cls)}
    return _Checker().run(checks[name], name, value)


def _document_rule(check: _Checker, _path: Path, doc: Document) -> None:
    waves = _check_ids(check, "waves", doc.waves, Wave)
    entries = list(_entries(doc))
    _check_names(check, entries)
    for path, entry in entries:
        _check_wave_of(check, path, entry, waves)
    _check_links(check, entries)
    _check_ids(check, "facts", doc.facts, None)


# Each record's own rule, run after its fields; the document's is the
# cross-record rules.
_RECORD_RULES: dict[type[Any], Callable[[_Checker, Path, Any], None]] = {
    Source: _source_rule,
    Funding: _funding_rule,
    Factory: _entry_rule,
    Antenna: _antenna_rule,
    Document: _document_rule,
}
