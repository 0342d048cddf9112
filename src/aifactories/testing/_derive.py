"""Strategies derived from the model's field declarations.

Every attrs record class is drawn field by field from what the model
declares (see :mod:`aifactories._rules`): the type annotation picks the
kind of value, the field's :class:`~aifactories._rules.Rule` picks the
generator (:data:`RULE_STRATEGIES`, one per rule name), ``min_items`` and
``unique`` bound collections. A new field needs no code here; a new rule
needs one line in :data:`RULE_STRATEGIES` (a test fails until it has one).

Only what no single field can say is written by hand, in
:mod:`aifactories.testing._strategies`, and plugs in here as class or
field overrides.

The draws are shaped for speed, because Hypothesis pays per choice and per
nested strategy (``docs/howto/testing.md`` says what each strategy costs):

* one integer choice per eight fields of a record decides which optional
  fields are present and which collections are non-empty (a bit each),
  instead of a ``one_of`` or a list-length choice per field. Hypothesis
  draws integers up to 255 uniformly, with the bounds now and then, so each
  such field is present half the time, and records with every field absent
  or present come up too; it shrinks towards zero: every field absent;
* records nested in a record (a factory's host, its funding's total) are
  drawn lean (see :data:`LEAN`); the evidence an entry cites and sources at
  that depth come from pools of prebuilt valid records (``_pieces`` in
  :mod:`._strategies`).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from aifactories._codes import COUNTRY_NAMES, CURRENCIES
from aifactories._rules import MAX_INT, TEXT, Rule
from aifactories._text import visible
from aifactories._validate import slots

# Strategies are immutable; building each once keeps drawing fast, since
# Hypothesis validates every new strategy object before its first draw.
cached = functools.lru_cache(maxsize=512)

# -- one strategy per rule ----------------------------------------------------------

# The text rules: no control characters (Cc), no lone surrogates (Cs); prose
# may also hold newlines and tabs.
TEXT_ALPHABET = st.characters(exclude_categories=("Cc", "Cs"))
PROSE_ALPHABET = st.characters(
    exclude_categories=("Cc", "Cs"), include_characters="\n\t"
)
# Hypothesis works out a character class's code points on its first use,
# tens of milliseconds: here, on import, not in the first draws of a test,
# which its health checks time.
TEXT_ALPHABET.validate()
PROSE_ALPHABET.validate()
TEXT_MAX = 20
"""Longest text drawn: long enough for every Unicode trap, short enough to be quick."""

_SLUG_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-"
_ROR_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, lower case
# Paths and queries: URL-safe ASCII, with the separators the rule allows.
_PATH_ALPHABET = _SLUG_ALPHABET + "._~/?#=&%+"


# Made valid by a map, not a filter: a filter retries (more choices, and a
# health check when it rejects too often); a map always succeeds at once.
def non_blank(value: str) -> str:
    """Return ``value``, or ``value`` with an ``x`` when it shows nothing."""
    return value if visible(value) else f"{value}x"


def as_slug(raw: str) -> str:
    """Turn any string over the slug alphabet into a slug (``--a-`` -> ``a``)."""
    return "-".join(part for part in raw.split("-") if part) or "0"


def _as_url(raw: str) -> str:
    # One string choice per URL, split into a host and a path; a URL costs
    # one draw instead of two.
    host, _, path = raw.partition("/")
    host = "".join(char for char in host if char in _SLUG_ALPHABET)
    return f"https://{as_slug(host)}.example/{path}"


def _as_ror(parts: tuple[str, int]) -> str:
    return f"https://ror.org/0{parts[0]}{parts[1]:02d}"


def _scaled(places: int) -> Callable[[int], Decimal]:
    def scale(units: int) -> Decimal:
        return Decimal(units).scaleb(-places)

    return scale


@attrs.frozen
class Draw:
    """A raw strategy and the function that makes its values valid.

    Kept apart so that a record draws the raw value and applies ``fix``
    itself: a ``.map`` costs Hypothesis a nested draw per value, a fifth
    of a record's draws.

    Attributes:
        raw: Draws the raw value.
        fix: Turns a raw value into a valid one (``None``: already valid).
    """

    raw: SearchStrategy[Any]
    fix: Callable[[Any], Any] | None = None

    def strategy(self) -> SearchStrategy[Any]:
        """The strategy of valid values: ``raw`` mapped through ``fix``."""
        return self.raw if self.fix is None else self.raw.map(self.fix)

    def one(self, draw: st.DrawFn) -> Any:
        """Draw one valid value in a composite strategy: raw, then fixed here.

        Not through the mapped strategy, which costs a nested draw, and so
        that a falsifying example shows the value, not the function that
        made it.
        """
        value = draw(self.raw)
        return value if self.fix is None else self.fix(value)


def _text(alphabet: SearchStrategy[str]) -> Draw:
    return Draw(st.text(alphabet, min_size=1, max_size=TEXT_MAX), non_blank)


def ints(low: int, high: int, places: int = 0) -> Draw:
    """Integers from ``low`` to ``high``, scaled to decimals of ``places`` places."""
    # Integers scaled to decimals: one choice each, with the bounds (0.0001
    # and 1 for a share) among Hypothesis's boundary values.
    return Draw(st.integers(low, high), _scaled(places) if places else None)


RULE_STRATEGIES: Mapping[str, Callable[[], Draw]] = {
    "text": lambda: _text(TEXT_ALPHABET),
    "prose": lambda: _text(PROSE_ALPHABET),
    "slug": lambda: Draw(st.text(_SLUG_ALPHABET, min_size=1, max_size=16), as_slug),
    "country": lambda: Draw(st.sampled_from(sorted(COUNTRY_NAMES))),
    "currency": lambda: Draw(st.sampled_from(sorted(CURRENCIES))),
    "url": lambda: Draw(st.text(_PATH_ALPHABET, min_size=1, max_size=24), _as_url),
    "ror": lambda: Draw(
        st.tuples(st.text(_ROR_ALPHABET, min_size=6, max_size=6), st.integers(0, 99)),
        _as_ror,
    ),
    "share": lambda: ints(1, 10**4, 4),
    "amount": lambda: ints(0, 10**14, 2),
    "latitude": lambda: ints(-(90 * 10**6), 90 * 10**6, 6),
    "longitude": lambda: ints(-(180 * 10**6), 180 * 10**6, 6),
    "positive": lambda: ints(1, MAX_INT),
}
"""How to draw the values of each rule, by rule name; every rule has one."""


@functools.cache
def rule_draw(rule: Rule) -> Draw:
    """Return how to draw values that keep ``rule`` (cached).

    Raises:
        KeyError: ``rule`` has no entry in :data:`RULE_STRATEGIES`.
    """
    return RULE_STRATEGIES[rule.name]()


# -- values by type -----------------------------------------------------------------

_TODAY = dt.date(2025, 1, 1).toordinal()
FIRST_DATE = dt.date(2024, 1, 1)
"""The earliest date drawn: inside the span the library has euro rates for."""
LAST_DATE = dt.date(2026, 11, 30)
"""The latest date drawn (see :data:`FIRST_DATE`)."""


def _date(offset: int) -> dt.date:
    return dt.date.fromordinal(_TODAY + offset)


# One choice per date: days from 2025-01-01, where it shrinks to. The span
# is one the library can convert to euros on (rates for every publication
# day), so that Money.in_eur on a drawn entry's dates never fails.
DATE_DRAW = Draw(
    st.integers(FIRST_DATE.toordinal() - _TODAY, LAST_DATE.toordinal() - _TODAY),
    _date,
)
"""Dates, one Hypothesis choice each, from 2024-01-01 to 2026-11-30."""


_KNOWN: dict[Any, Draw] = {
    Decimal: ints(-(10**15), 10**15, 2),
    int: ints(0, MAX_INT),
    bool: Draw(st.booleans()),
    dt.date: DATE_DRAW,
}


def scalar_draw(kind: Any, rule: Rule | None, *, level: int = 0) -> Draw:
    """How to draw one value of the type ``kind`` (no ``| None``) under ``rule``.

    ``level``: for a record type, how deep it is nested (see :data:`LEAN`).

    Raises:
        TypeError: The model uses a type nobody taught the strategies.
    """
    if attrs.has(kind):
        return Draw(record_strategy(kind, level))
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return Draw(st.sampled_from(kind))
    if rule is not None or kind is str:
        return rule_draw(rule or TEXT)
    if kind not in _KNOWN:
        msg = f"no strategy for the type {kind!r}; teach aifactories.testing._derive"
        raise TypeError(msg)
    return _KNOWN[kind]


# -- records ------------------------------------------------------------------------

MAX_ITEMS = 2
"""Most items in a drawn collection (one more than ``min_items`` if that is more)."""

LEAN = 1
"""The level at which records are drawn lean.

A record drawn on its own is at level 0; the records in its fields at
level 1, theirs at level 2, and so on. From this level on, one choice
decides which optional fields are present (a wide integer, which
Hypothesis draws small more often than not, so few are) and collections
hold ``min_items`` items or one: the record a test reads keeps every
variation, and what it nests costs little.
"""

Override = Callable[[int], SearchStrategy[Any]]
"""A hand-written strategy, called with the level it is drawn at."""

CLASS_OVERRIDES: dict[type[Any], Override] = {}
"""Hand-written strategies for whole classes, by class."""

FIELD_OVERRIDES: dict[tuple[type[Any], str], Override] = {}
"""Hand-written strategies for one field's value (a whole collection, for one).

Keyed by (class, field name); a base class's key covers its subclasses.
"""


@attrs.frozen
class Plan:
    """How to draw one field of a record.

    Attributes:
        name: The field's name.
        value: Draws the value; for a collection, one item.
        always: For a collection, the items always drawn (its ``min_items``).
        bits: Presence bits of the record's mask this field reads: one
            for an optional field, one per optional item of a collection.
        collect: Makes the collection from its items.
        empty: An optional field's value when its bit is clear.
    """

    name: str
    value: Draw
    always: int = 0
    bits: int = 0
    collect: Callable[[list[Any]], Any] | None = None
    empty: Any = None


def _field_override(cls: type[Any], name: str) -> Override | None:
    for base in cls.__mro__:
        found = FIELD_OVERRIDES.get((base, name))
        if found is not None:
            return found
    return None


def _unique_tuple(items: list[Any]) -> tuple[Any, ...]:
    # Two raw items may fix alike ("a-" and "a" are both the slug "a"), and
    # two draws may agree: keep the first of each.
    return tuple(dict.fromkeys(items))


def _collection_plan(slot: Any, origin: Any, level: int) -> Plan:
    below = min(level + 1, LEAN)
    # tuple[X, ...] or frozenset[X]: X first, as the validator reads it.
    item = scalar_draw(typing.get_args(slot.kind)[0], slot.rule, level=below)
    # Each item past min_items has a bit of the record's mask, so a
    # collection costs no choice of its own (Hypothesis pays a list one
    # boolean per item, and a nested draw). Top-level collections may hold
    # MAX_ITEMS items (or one more than min_items); nested ones one more
    # than min_items, lean ones min_items or one.
    if level == 0:
        extra = max(MAX_ITEMS, slot.min_items + 1) - slot.min_items
    elif level < LEAN or not slot.min_items:
        extra = 1
    else:
        extra = 0
    collect = _unique_tuple if slot.unique else tuple
    return Plan(
        slot.name,
        item,
        always=slot.min_items,
        bits=extra,
        collect=frozenset if origin is frozenset else collect,
    )


@functools.cache
def plan(cls: type[Any], level: int = 0) -> tuple[Plan, ...]:
    """How to draw each init field of the attrs class ``cls``, from its declarations.

    ``level``: how deep the record is nested (see :data:`LEAN`).

    Raises:
        TypeError: A field has a type the strategies do not know.
    """
    found = []
    for slot in slots(cls):
        override = _field_override(cls, slot.name)
        origin = typing.get_origin(slot.kind)
        collection = origin is tuple or origin is frozenset
        if override is not None:
            # Hand-written, a whole collection too: one bit, drawn or
            # empty, unless required.
            required = slot.min_items if collection else not slot.optional
            empty = origin() if collection else None  # () or frozenset()
            drawn = Draw(override(level))
            found.append(Plan(slot.name, drawn, bits=0 if required else 1, empty=empty))
        elif collection:
            found.append(_collection_plan(slot, origin, level))
        else:
            below = min(level + 1, LEAN)
            drawn = scalar_draw(slot.kind, slot.rule, level=below)
            found.append(Plan(slot.name, drawn, bits=1 if slot.optional else 0))
    return tuple(found)


# Hypothesis draws an index into 256 values uniformly (plus the bounds now
# and then); wider ranges lean towards small values, which would leave the
# high bits (the last fields) mostly clear. So: one choice per 8 bits.
_BYTE = st.sampled_from(range(256))
_MASK_BITS = 8


def _draw_mask(draw: st.DrawFn, bits: int, *, lean: bool) -> int:
    if lean:
        # One choice for the whole record: Hypothesis draws wide integers
        # small more often than not, so few fields are present (lean), any
        # combination can come up, and it shrinks to zero (none).
        return int(draw(_lean_mask(bits)))
    mask = 0
    for shift in range(0, bits, _MASK_BITS):
        mask |= draw(_BYTE) << shift
    return mask


@functools.cache
def _lean_mask(bits: int) -> SearchStrategy[int]:
    return st.integers(0, (1 << bits) - 1)


def _trailing_ones(bits: int) -> int:
    return (~bits & (bits + 1)).bit_length() - 1


def draw_fields(
    draw: st.DrawFn,
    cls: type,
    fixed: Mapping[str, Any],
    level: int = 0,
) -> dict[str, Any]:
    """Draw every field of ``cls`` not in ``fixed`` (pins), and return all the fields.

    ``level``: how deep the record is nested (see :data:`LEAN`).
    """
    steps = [p for p in plan(cls, level) if p.name not in fixed]
    bits = sum(p.bits for p in steps)
    mask = _draw_mask(draw, bits, lean=level >= LEAN) if bits else 0
    values = dict(fixed)
    for step in steps:
        own = mask & ((1 << step.bits) - 1)
        mask >>= step.bits
        if step.collect is not None:
            # The optional items run while their bits are set: a
            # collection is empty half the time, like an optional field.
            count = step.always + _trailing_ones(own)
            values[step.name] = step.collect(
                [step.value.one(draw) for _ in range(count)]
            )
        elif step.bits and not own:
            values[step.name] = step.empty
        else:
            values[step.name] = step.value.one(draw)
    return values


@functools.cache
def record_strategy(cls: type[Any], level: int = 0) -> SearchStrategy[Any]:
    """The strategy for ``cls`` at ``level``: its class override, or derived."""
    override = CLASS_OVERRIDES.get(cls)
    if override is not None:
        return override(level)
    return derived_strategy(cls, level)


@cached
@st.composite
def _pinned(
    draw: st.DrawFn,
    cls: type[Any],
    pins: tuple[tuple[str, SearchStrategy[Any]], ...],
    level: int,
) -> Any:
    fixed = {name: draw(strategy) for name, strategy in pins}
    return cls(**draw_fields(draw, cls, fixed, level))


def derived_strategy(
    cls: type,
    level: int = 0,
    pins: Mapping[str, SearchStrategy[Any]] | None = None,
) -> SearchStrategy[Any]:
    """The strategy derived from ``cls``'s declarations; ``pins`` draw some fields.

    Class overrides do not apply: this is how they are written.
    """
    return _pinned(cls, tuple((pins or {}).items()), level)
