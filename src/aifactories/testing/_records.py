"""Small hand-made registries for tests: records with defaults, and a builder."""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Iterable
from typing import Any, Protocol, TypedDict, Unpack

from aifactories._errors import RegistryDataError
from aifactories._model import (
    AccessCall,
    Antenna,
    Confidence,
    Conflict,
    Entry,
    Fact,
    Factory,
    Funding,
    Grant,
    Host,
    Link,
    Location,
    Milestone,
    Person,
    Sector,
    Source,
    Stakeholder,
    Supercomputer,
    Wave,
)
from aifactories._registry import Registry
from aifactories._sectors import _keys as sector_keys
from aifactories._seeds import DocumentFolders
from aifactories._text import fold

# Test doubles cite a reserved example domain (RFC 2606), so nobody can take
# them for a fact about a real AI Factory.
PLACEHOLDER_SOURCE = Source(
    url="https://example.org/aifactories-testing",
    supports="test data made by aifactories.testing",
)
_TEST_DATE = dt.date(2025, 1, 1)
_FACTORY_WAVE = "test-factories"
_ANTENNA_WAVE = "test-antennas"


def _placeholders(id: str, kind: str, wave: str) -> dict[str, Any]:  # noqa: A002
    """The placeholder fields every test entry starts from."""
    return {
        "id": id,
        "name": f"Test {kind} {id}",
        "wave": wave,
        "selected_on": _TEST_DATE,
        "country": "SE",
        "sources": (PLACEHOLDER_SOURCE,),
    }


class _EntryFields(TypedDict, total=False):
    """The keyword arguments every test entry takes: the shared fields.

    Spelled out (a test checks them against the model's ``__init__``), so
    that a type checker rejects a misspelt field in ``make_factory()``.
    """

    name: str
    wave: str
    selected_on: dt.date
    country: str
    host: Host | None
    website: Link | None
    access: Link | None
    location: Location | None
    aliases: Iterable[str]
    partner_countries: Iterable[str]
    stakeholders: Iterable[Stakeholder]
    focus: Iterable[str]
    sectors: Iterable[Sector]
    funding: Funding | None
    grants: Iterable[Grant]
    people: Iterable[Person]
    conflicts: Iterable[Conflict]
    milestones: Iterable[Milestone]
    calls: Iterable[AccessCall]
    confidence: Confidence
    notes: str | None
    sources: Iterable[Source]


class FactoryFields(_EntryFields, total=False):
    """The keyword arguments of :func:`make_factory`: any field but ``id``."""

    supercomputer: Supercomputer | None
    experimental_platform: str | None


class AntennaFields(_EntryFields, total=False):
    """The keyword arguments of :func:`make_antenna`: any field but ``id``."""

    factories: Iterable[str]
    letters_of_intent: Iterable[str]


_COLLECTIONS = {
    "aliases": "name",
    "partner_countries": "country code",
    "focus": "focus area",
    "sectors": "sector",
    "factories": "factory id",
    "letters_of_intent": "factory id",
}
"""The fields that hold strings, each a collection: what one item is."""


def _sector(value: object) -> object:
    """``value`` as a :class:`~aifactories.Sector`, or a ValueError saying why not.

    A sector's value (``"health"``) is taken as the sector; a label or a
    synonym of one (``"Health"``, ``"life sciences"``) is refused with the
    sector it names, anything else with the sectors there are.
    """
    if isinstance(value, Sector) or not isinstance(value, str):
        return value
    if value in Sector._value2member_map_:
        return Sector(value)
    key = fold(value)
    names = sector_keys()  # what the queries resolve: values, labels, synonyms
    close = [key] if key in names else difflib.get_close_matches(key, names, n=1)
    if close:
        sector = names[close[0]]
        msg = f"sectors: {value!r} is not a Sector; did you mean Sector.{sector.name}?"
    else:
        known = ", ".join(repr(sector.value) for sector in Sector)
        msg = f"sectors: {value!r} is not a Sector; the sectors are {known}"
    raise ValueError(msg)


def _checked(changes: dict[str, Any]) -> dict[str, Any]:
    """``changes`` with sectors as Sector members; misuse raises at the call.

    Raises:
        TypeError: A single string stands where a collection belongs (a
            string is an iterable of strings, so it would be split into
            its characters).
        ValueError: A sector is not one (see :func:`_sector`).
    """
    for field, item in _COLLECTIONS.items():
        value = changes.get(field)
        if isinstance(value, str):
            msg = (
                f"{field}={value!r}: takes a collection of {item}s, not one "
                f"string (it would be split into characters); pass {field}=[{value!r}]"
            )
            raise TypeError(msg)
    if "sectors" in changes:
        changes["sectors"] = frozenset(_sector(s) for s in changes["sectors"])
    return changes


def make_factory(
    id: str = "test-factory",  # noqa: A002 - the field's name
    **changes: Unpack[FactoryFields],
) -> Factory:
    """Return a valid test :class:`~aifactories.Factory`, with ``changes`` applied.

    Every field not given gets a placeholder: the name ``"Test factory <id>"``,
    country ``"SE"``, wave ``"test-factories"`` selected on 2025-01-01 and
    one ``example.org`` source. :func:`build_registry` adds the wave.

    Args:
        id: The entry's id, a lower-case slug.
        **changes: Any other :class:`~aifactories.Factory` field; the keywords
            are typed (:class:`FactoryFields`), so a misspelt one is a type
            error. Sectors may be given by value (``"health"``).

    Raises:
        TypeError: One string where a collection belongs (``aliases="x"``).
        ValueError: A sector that is not one; the message names the sector
            a label or synonym stands for.
    """
    fields = _placeholders(id, "factory", _FACTORY_WAVE) | _checked(dict(changes))
    return Factory(**fields)


def make_antenna(
    id: str = "test-antenna",  # noqa: A002 - the field's name
    **changes: Unpack[AntennaFields],
) -> Antenna:
    """Return a valid test :class:`~aifactories.Antenna`, with ``changes`` applied.

    Like :func:`make_factory`, with the name ``"Test antenna <id>"`` and the
    wave ``"test-antennas"``; link it with ``factories=["some-factory-id"]``.

    Args:
        id: The entry's id, a lower-case slug.
        **changes: Any other :class:`~aifactories.Antenna` field, typed
            (:class:`AntennaFields`).

    Raises:
        TypeError: One string where a collection belongs
            (``factories="alpha"``).
        ValueError: A sector that is not one.
    """
    fields = _placeholders(id, "antenna", _ANTENNA_WAVE) | _checked(dict(changes))
    return Antenna(**fields)


def _replace(old: Iterable[Any], new: list[Any]) -> list[Any]:
    """Return ``old`` minus what ``new`` replaces (same id), plus ``new``."""
    taken = {record.id for record in new}
    return [r for r in old if r.id not in taken] + new


def _missing_waves(entries: list[Entry], waves: list[Wave]) -> list[Wave]:
    """Waves for the entries that name one nobody supplied.

    The first entry naming a wave sets its kind and date; an entry that
    disagrees is then reported by validation, as it would be in a file.
    """
    known = {wave.id for wave in waves}
    made: dict[str, Wave] = {}
    for entry in entries:
        if entry.wave in known or entry.wave in made:
            continue
        made[entry.wave] = Wave(
            id=entry.wave,
            name=f"Test wave {entry.wave}",
            kind=entry.kind,
            announced=entry.selected_on,
            sources=(PLACEHOLDER_SOURCE,),
        )
    return list(made.values())


def build_registry(
    *records: Factory | Antenna | Wave | Fact | Person,
    base: Registry | None = None,
    data_version: str | None = None,
    documents: DocumentFolders = None,
) -> Registry:
    """Build a small, valid registry from a few records, adding the waves they need.

    Every entry whose wave is neither given nor in ``base`` gets a
    placeholder wave of its kind, announced on its ``selected_on`` date.

    Args:
        *records: Factories, antennas, waves, facts and people, in any order.
        base: A registry to start from (e.g. ``aifactories.load()``). A record
            whose id matches one of its entries, waves or facts replaces it.
        data_version: The new registry's data version; by default
            ``base``'s, or ``"test"``.
        documents: Folders of your own seed documents that sources may
            quote, as for :func:`aifactories.load`.

    Raises:
        RegistryDataError: The records break a rule; its ``errors`` list
            every problem. (To test code with invalid data, see
            :func:`break_rule`, which makes a document, not a Registry.)
        TypeError: A record is of a type a registry does not hold.
    """
    for record in records:
        if type(record) not in (Factory, Antenna, Wave, Fact, Person):
            # Untyped callers may pass anything.
            msg = (
                "build_registry() takes Factory, Antenna, Wave, Fact and Person "
                f"records, not {type(record).__name__}"
            )
            raise TypeError(msg)
    # Every record's class is one of those five, none a subclass of another.
    entries: list[Entry] = [r for r in records if isinstance(r, Factory | Antenna)]
    waves = [r for r in records if isinstance(r, Wave)]
    facts = [r for r in records if isinstance(r, Fact)]
    people = [r for r in records if isinstance(r, Person)]
    if base is not None:
        entries = _replace(base.entries, entries)
        waves = _replace(base.wave_records, waves)
        facts = _replace(base.facts, facts)
        people = [*base.people, *people]
    waves += _missing_waves(entries, waves)
    if data_version is None:
        data_version = "test" if base is None else base.data_version
    # The constructor checks every rule: a Registry in hand is valid.
    try:
        return Registry(
            data_version=data_version,
            data_date=None if base is None else base.data_date,
            wave_records=waves,
            factories=[e for e in entries if isinstance(e, Factory)],
            antennas=[e for e in entries if isinstance(e, Antenna)],
            facts=facts,
            people=people,
            documents=documents,
        )
    except RegistryDataError as exc:
        raise RegistryDataError(exc.errors, source="build_registry()") from None


RegistryFile = str | os.PathLike[str] | None
"""The type of the ``aif_registry_file`` fixture: a path, or ``None`` (bundled)."""


class MakeRegistry(Protocol):
    """The type of the ``aif_make_registry`` fixture: :func:`build_registry`."""

    def __call__(
        self,
        *records: Factory | Antenna | Wave | Fact | Person,
        base: Registry | None = None,
        data_version: str | None = None,
        documents: DocumentFolders = None,
    ) -> Registry:
        """Build a small registry from a few records; see :func:`build_registry`."""
        ...
