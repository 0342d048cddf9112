"""The data-file format: its version, its document shape and its wire forms.

Stated once here and used by the converter, the bundled loader and the
JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

import attrs

from aifactories._model import (
    Access,
    Antenna,
    Coverage,
    Fact,
    Factory,
    GigafactoryCall,
    Person,
    Wave,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from aifactories._model import Entry

FORMAT = 1
"""The data-file format this library reads and writes."""


@attrs.frozen
class Document:
    """The registry as a file holds it: lists in file order, unsorted.

    Problems are reported against this order so that paths point into the
    user's file, not into the sorted registry.

    Attributes:
        data_version: Version of the data, e.g. ``"2026.12.01"``.
        data_date: The date the facts were last checked.
        waves: The selection waves.
        factories: The AI Factories.
        antennas: The AI Factory Antennas.
        facts: Facts about the initiative as a whole.
        people: People quoted about the initiative as a whole.
        access: How to get access, for the initiative as a whole.
        coverage: Up to which date the sources were checked.
        gigafactory_calls: The calls to select AI Gigafactories.
    """

    data_version: str
    data_date: dt.date | None = None
    coverage: Coverage | None = None
    waves: tuple[Wave, ...] = ()
    factories: tuple[Factory, ...] = ()
    antennas: tuple[Antenna, ...] = ()
    facts: tuple[Fact, ...] = ()
    people: tuple[Person, ...] = ()
    access: Access | None = None
    gigafactory_calls: tuple[GigafactoryCall, ...] = ()


class Records(Protocol):
    """What the row layer and the timeline read of a :class:`~aifactories.Registry`.

    The Registry's methods call those modules, so they take this protocol
    instead of importing the Registry: the imports then never run in a circle.
    """

    @property
    def data_version(self) -> str: ...
    @property
    def data_date(self) -> dt.date | None: ...
    @property
    def coverage(self) -> Coverage | None: ...
    @property
    def wave_records(self) -> tuple[Wave, ...]: ...
    @property
    def factories(self) -> tuple[Factory, ...]: ...
    @property
    def antennas(self) -> tuple[Antenna, ...]: ...
    @property
    def people(self) -> tuple[Person, ...]: ...
    @property
    def gigafactory_calls(self) -> tuple[GigafactoryCall, ...]: ...
    def __iter__(self) -> Iterator[Entry]: ...


REGISTRY_NAMES = {"waves": "wave_records"}
"""Where a :class:`Document` field's name differs on the Registry."""


def document_of(registry: object) -> Document:
    """Return the :class:`Document` a Registry (or anything with its fields) holds."""
    return Document(
        **{
            field.name: getattr(registry, REGISTRY_NAMES.get(field.name, field.name))
            for field in attrs.fields(Document)
        }
    )


DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
"""A decimal number on the wire: a JSON string of digits, e.g. ``"0.5"``."""
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
"""A date on the wire: a JSON string ``YYYY-MM-DD``."""
# Read with the patterns the schema publishes, matched whole ("$" would let
# a trailing newline through).
_DECIMAL = re.compile(DECIMAL_PATTERN[1:-1])
_DATE = re.compile(DATE_PATTERN[1:-1])


def decimal_to_wire(value: Decimal) -> str:
    """Write ``value`` as the format does: digits, never an exponent."""
    return format(value, "f")


def decimal_from_wire(text: str) -> Decimal:
    """Read a decimal string as :func:`decimal_to_wire` writes it.

    Raises:
        ValueError: ``text`` is not a plain decimal number.
    """
    if not _DECIMAL.fullmatch(text):
        msg = f"{text[:60]!r} is not a decimal number"
        raise ValueError(msg)
    return Decimal(text)


def date_to_wire(value: dt.date) -> str:
    """Write ``value`` as ``YYYY-MM-DD``."""
    return value.isoformat()


def date_from_wire(text: str) -> dt.date:
    """Read a ``YYYY-MM-DD`` date.

    Raises:
        ValueError: ``text`` is not such a date, or names no real day.
    """
    if not _DATE.fullmatch(text):
        msg = f"{text[:60]!r} is not a YYYY-MM-DD date"
        raise ValueError(msg)
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        msg = f"{text!r} is not a valid date ({exc})"
        raise ValueError(msg) from None
