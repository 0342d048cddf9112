"""Value rules, declared once and attached to the model's fields.

Every field of every record says what it holds in two places only: its
type annotation (``str | None``, ``tuple[Source, ...]``, ``Decimal``) and,
where the type alone is not enough, a :class:`Rule` in its attrs metadata
(put there by :func:`declare`). Everything else reads those two:

* :func:`aifactories.validate` walks every field by its type and applies
  the rule;
* the JSON Schema takes each rule's ``pattern`` and the collection bounds;
* the Hypothesis strategies pick a generator per rule name (a test fails
  when a rule has none);
* the docs list the rules from :data:`RULES`.

The strict loader's decimal hook uses :func:`decimal_problem` too, so that
whatever :func:`~aifactories.validate` accepts, :func:`~aifactories.loads`
reads back from :func:`~aifactories.dumps`.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from aifactories._text import short, visible

MAX_EXPONENT = 30
"""Decimal numbers may span at most this many digits either side of the point.

Money and shares need far fewer; the bound keeps ``1e99999999`` (11 bytes of
JSON) from becoming a 100 MB number when :func:`~aifactories.dumps` spells
it out.
"""

MAX_DIGITS = 40
"""A decimal number may have at most this many significant digits.

Without it, ``0.5000…(150 zeros)…1`` could slip a share sum past the
"at most 1" rule through rounding, and a number could hold megabytes.
"""

MAX_INT = 10**15
"""Whole numbers (counts, ranks, GeoNames ids) lie in ``[0, MAX_INT]``."""


# -- the rules --------------------------------------------------------------------


@attrs.frozen
class Rule:
    """A constraint on one field's values, beyond what its type says.

    Attributes:
        name: Short key, e.g. ``"slug"``; the strategies and docs use it.
        description: What the rule requires, in words, for docs and schema.
        check: Returns the problem with a value of the right Python type,
            or ``None`` when the value keeps the rule.
        pattern: A regular expression that a JSON string must match, for
            the JSON Schema (``None`` when the rule is not a pattern).
        example: A value that keeps the rule, for docs and tests.
        counterexample: A value of the right type that breaks the rule,
            for tests and :func:`aifactories.testing.break_rule`.
    """

    name: str
    description: str
    check: Callable[[Any], str | None] = attrs.field(eq=False, repr=False)
    pattern: str | None = None
    example: object = None
    counterexample: object = None


RULE_KEY = "aifactories.rule"
"""The attrs metadata key under which a field's :class:`Rule` is stored."""
MIN_ITEMS_KEY = "aifactories.min_items"
"""Metadata key: the least number of items a collection field may hold."""
UNIQUE_KEY = "aifactories.unique"
"""Metadata key: whether a collection field's items must differ."""


def declare(
    rule: Rule | None = None, *, min_items: int = 0, unique: bool = False
) -> dict[str, object]:
    """Return the attrs metadata that declares a field's rule and bounds.

    Used as ``attrs.field(metadata=declare(COUNTRY, unique=True))``: attrs
    keeps the metadata on the field, where every consumer finds it.

    Args:
        rule: The rule each value (each item, for a collection) must keep;
            ``None`` leaves the type's default rule (:data:`TEXT` for text).
        min_items: For a collection: the least number of items.
        unique: For a collection: whether its items must all differ.

    Returns:
        The metadata mapping.
    """
    # Only what is declared: an undeclared field has no metadata at all.
    declared = ((RULE_KEY, rule), (MIN_ITEMS_KEY, min_items), (UNIQUE_KEY, unique))
    return {key: value for key, value in declared if value}


def strip_none(hint: Any) -> tuple[Any, bool]:
    """Return a field's type ``hint`` without ``| None``, and whether it had it."""
    if typing.get_origin(hint) in {types.UnionType, typing.Union}:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return hint, False


# -- text -------------------------------------------------------------------------


# Category Cc is exactly U+0000-U+001F and U+007F-U+009F; a regular
# expression finds one at C speed, where a loop over unicodedata.category()
# took most of the load time of non-ASCII and multi-line texts.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _text_check(lines: bool) -> Callable[[str], str | None]:  # noqa: FBT001
    """Return the check of data text; ``lines`` allows newlines and tabs."""
    controls = _CONTROL_BUT_LINES if lines else _CONTROL

    def check(value: str) -> str | None:
        if value.isascii() and value.isprintable() and value.strip():
            return None  # the common case: visible ASCII keeps the text rules
        if not visible(value):
            return "must not be empty"
        if not value.isascii() and _SURROGATE.search(value) is not None:
            # A JSON escape like "\ud800" decodes to a lone surrogate, which no
            # UTF-8 file can hold: dumps() could not write it back.
            return "contains a lone surrogate, which is not valid Unicode"
        found = controls.search(value)
        if found is not None:
            # Control characters would reach terminals (escape sequences)
            # and break one-line messages.
            return f"contains the control character U+{ord(found.group()):04X}"
        return None

    return check


TEXT = Rule(
    "text",
    "One line of text with at least one visible character; no control "
    "characters, no lone surrogates.",
    _text_check(lines=False),
    example="Linköping University",
    counterexample="\u200b",
)
"""The default rule of every text field: one visible line."""

PROSE = Rule(
    "prose",
    "Text with at least one visible character; may hold newlines and tabs "
    "but no other control characters.",
    _text_check(lines=True),
    example="Hosted by Linköping University.\nNAISS answers for it.",
    counterexample=" \n ",
)
"""Longer texts (notes, statements, quotes): newlines and tabs allowed."""


# -- codes ------------------------------------------------------------------------


def _matching(pattern: str, what: str) -> dict[str, Any]:
    """Return a rule's ``check`` and ``pattern``: the value matches ``^...$``.

    The check's problem names ``what`` the value is not.
    """
    # Matched whole: "$" would let a trailing newline through. ASCII: "\s"
    # means the spaces the JSON Schema's pattern means.
    regex = re.compile(pattern.removeprefix("^").removesuffix("$"), re.ASCII)

    def check(value: str) -> str | None:
        if regex.fullmatch(value) is None:
            return f"{short(value)} is not {what}"
        return None

    return {"check": check, "pattern": pattern}


def _listed(table: str, what: str) -> Callable[[str], str | None]:
    """Check that a value is a key of the code table ``table``, loaded on use."""

    def check(value: str) -> str | None:
        from aifactories import _codes  # noqa: PLC0415 - big tables

        if value not in getattr(_codes, table):
            return f"{short(value)} is not {what}"
        return None

    return check


SLUG = Rule(
    "slug",
    "A lower-case slug: letters a-z and digits in groups joined by single "
    "hyphens, e.g. ``lumi-aif``.",
    **_matching("^[a-z0-9]+(-[a-z0-9]+)*$", "a lower-case slug"),
    example="lumi-aif",
    counterexample="Not A Slug",
)
"""Stable ids of entries and facts."""

COUNTRY = Rule(
    "country",
    "An ISO 3166-1 alpha-2 country code in capitals, e.g. ``SE``.",
    _listed("COUNTRY_NAMES", "an ISO 3166-1 alpha-2 country code"),
    pattern="^[A-Z]{2}$",
    example="SE",
    counterexample="ZZ",
)
"""Country codes."""

CURRENCY = Rule(
    "currency",
    "An ISO 4217 currency code in capitals, e.g. ``EUR``.",
    _listed("CURRENCIES", "an ISO 4217 currency code"),
    pattern="^[A-Z]{3}$",
    example="EUR",
    counterexample="ZZZ",
)
"""Currency codes."""

URL = Rule(
    "url",
    "An absolute ``https://`` (or, for sites without TLS, ``http://``) URL "
    "with a host name, no spaces.",
    **_matching(r"^https?://[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$", "an http(s) URL"),
    example="https://www.eurohpc-ju.europa.eu/",
    counterexample="ftp://example.org/",
)
"""Web pages."""

ROR = Rule(
    "ror",
    "A Research Organization Registry id as its URL, e.g. "
    "``https://ror.org/05ynxx418``.",
    **_matching(
        "^https://ror\\.org/0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$",
        "a ROR id (https://ror.org/0xxxxxxNN)",
    ),
    example="https://ror.org/05ynxx418",
    counterexample="https://ror.org/not-an-id",
)
"""ROR ids of organisations."""


# -- numbers ----------------------------------------------------------------------


def decimal_problem(value: Decimal) -> str | None:
    """Return what is wrong with ``value`` as a data number, or ``None``."""
    if not value.is_finite():
        return f"must be a finite number, got {value}"
    if abs(value.adjusted()) > MAX_EXPONENT:
        return f"{short(value)} is out of range (at most {MAX_EXPONENT} digits)"
    if len(value.as_tuple().digits) > MAX_DIGITS:
        return f"{short(value)} has more than {MAX_DIGITS} significant digits"
    return None


def int_problem(value: int) -> str | None:
    """Return what is wrong with ``value`` as a whole data number, or ``None``."""
    if not 0 <= value <= MAX_INT:
        return f"{short(value)} is out of range (0 to {MAX_INT})"
    return None


def _bounded(keeps: Callable[[Any], bool], must: str) -> Callable[[Any], str | None]:
    """Return a check that a number ``keeps`` its bounds, or says what it ``must``."""

    def check(value: Any) -> str | None:
        return None if keeps(value) else f"must {must}, got {value}"

    return check


SHARE = Rule(
    "share",
    "A fraction in (0, 1], e.g. ``0.5``.",
    _bounded(lambda value: 0 < value <= 1, "be in (0, 1]"),
    example=Decimal("0.5"),
    counterexample=Decimal("1.5"),
)
"""A funder's part of a total."""


AMOUNT = Rule(
    "amount",
    "A number that is not negative.",
    _bounded(lambda value: value >= 0, "not be negative"),
    example=Decimal(1500000),
    counterexample=Decimal(-1),
)
"""Money amounts and other measured quantities."""


LATITUDE = Rule(
    "latitude",
    "Degrees north, in [-90, 90] (WGS 84).",
    _bounded(lambda value: -90 <= value <= 90, "be in [-90, 90]"),
    example=Decimal("58.41086"),
    counterexample=Decimal(91),
)
"""Latitudes."""


LONGITUDE = Rule(
    "longitude",
    "Degrees east, in [-180, 180] (WGS 84).",
    _bounded(lambda value: -180 <= value <= 180, "be in [-180, 180]"),
    example=Decimal("15.62157"),
    counterexample=Decimal(181),
)
"""Longitudes."""


POSITIVE = Rule(
    "positive",
    "A whole number of at least 1.",
    _bounded(lambda value: value >= 1, "be at least 1"),
    example=24000,
    counterexample=0,
)
"""Counts, ranks and ids that start at 1."""


RULES: tuple[Rule, ...] = (
    TEXT,
    PROSE,
    SLUG,
    COUNTRY,
    CURRENCY,
    URL,
    ROR,
    SHARE,
    AMOUNT,
    LATITUDE,
    LONGITUDE,
    POSITIVE,
)
"""Every rule a field can declare."""
