"""The :class:`Registry`: an immutable, indexed collection of entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

import attrs

from aifactories._countries import country_code
from aifactories._errors import NotFoundError, RegistryDataError
from aifactories._model import (
    Access,
    Antenna,
    Coverage,
    Entry,
    Fact,
    Factory,
    GigafactoryCall,
    Kind,
    MilestoneKind,
    Person,
    Sector,
    Wave,
    serves,
)
from aifactories._text import compact, counted, fold

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

    from aifactories._format import Document
    from aifactories._funding import FundingSum, GroupBy
    from aifactories._model import FunderKind
    from aifactories._seeds import DocumentFolders
    from aifactories._tables import TableName
    from aifactories._timeline import Event, Stale

T = TypeVar("T")
K = TypeVar("K")

_REPR_IDS = 12
"""A registry of at most this many entries names them in its repr."""

_FactoryKind = Literal[Kind.FACTORY, "factory"]
_AntennaKind = Literal[Kind.ANTENNA, "antenna"]


def _require_str(key: object) -> None:
    # Typed callers cannot get here; untyped ones get a clear error.
    if not isinstance(key, str):
        msg = f"registry keys are strings, not {type(key).__name__}"
        raise TypeError(msg)


def _entry_order(entry: Entry) -> tuple[dt.date, str]:
    return (entry.selected_on, entry.id)


def _keys(entry: Entry) -> tuple[str, ...]:
    """What names ``entry`` in a lookup: its id, official name and aliases."""
    return (entry.id, *entry.names)


def _folded(texts: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(fold(t) for t in texts if t)


def _by(pairs: Iterable[tuple[K, T]]) -> dict[K, tuple[T, ...]]:
    """The values of ``pairs`` grouped by key, each group in the order given."""
    found: dict[K, list[T]] = {}
    for key, value in pairs:
        found.setdefault(key, []).append(value)
    return {key: tuple(values) for key, values in found.items()}


@attrs.frozen
class Selection:
    """One selection wave together with the entries it selected.

    Attributes:
        wave: The wave record (id, name, date, investment, sources).
        entries: The entries selected in it, in registry order.
    """

    wave: Wave
    entries: tuple[Entry, ...]

    @property
    def id(self) -> str:
        """The wave's id, e.g. ``"W1"``."""
        return self.wave.id

    @property
    def date(self) -> dt.date:
        """The date the wave was announced."""
        return self.wave.announced


# Search scores: exact names beat prefixes beat substrings; the entry's own
# names beat its supercomputer's, which beat hosts, places, stakeholders and
# last focus areas and sectors. Spaced so that no two kinds of match tie.
# Each is (whole text, word or start, inside a word).
_NAMES, _COMPACT, _COUNTRY = (100, 70, 60), 95, 46
_TIERS = (
    (58, 56, 53),  # systems
    (55, 50, 45),  # hosts
    (48, 40, 40),  # places: a word of a place counts as any part of it
    (38, 36, 34),  # stakeholders
    (30, 28, 25),  # topics: focus areas and sectors
)


_Hay = tuple[Entry, tuple[str, ...], tuple[tuple[str, ...], ...]]
"""One entry's searchable texts, folded: its names, then a group per tier."""


def _hay(entry: Entry) -> _Hay:
    from aifactories._sectors import SECTOR_LABELS  # noqa: PLC0415 - search only

    hosts: list[str | None] = []
    places: list[str | None] = []
    systems: list[str | None] = []
    if entry.host is not None:
        hosts += (entry.host.name, entry.host.short_name)
        places.append(entry.host.city)
    if entry.location is not None:
        places += (entry.location.city, entry.location.site)
    system = entry.supercomputer if isinstance(entry, Factory) else None
    if system is not None:
        systems.append(system.name)
        places.append(system.site)
    stakeholders: list[str | None] = []
    for stakeholder in entry.stakeholders:
        stakeholders += (stakeholder.name, stakeholder.short_name)
    topics: list[str | None] = list(entry.focus)
    for sector in entry.sectors:
        topics += (sector.value, SECTOR_LABELS.get(sector))
    tiers = (systems, hosts, places, stakeholders, topics)  # in _TIERS order
    return entry, _folded(_keys(entry)), tuple(_folded(t) for t in tiers)


def _tuple(items: Iterable[T], name: str) -> tuple[T, ...]:
    if isinstance(items, str | bytes):
        msg = f"{name} takes a collection of records, not {type(items).__name__}"
        raise TypeError(msg)
    return tuple(items)


def _fill(registry: Registry, document: Document) -> None:
    """Set ``registry``'s fields from a checked ``document`` and index it."""
    factories = tuple(sorted(document.factories, key=_entry_order))
    antennas = tuple(sorted(document.antennas, key=_entry_order))
    registry.__attrs_init__(
        data_version=document.data_version,
        data_date=document.data_date,
        coverage=document.coverage,
        wave_records=tuple(sorted(document.waves, key=lambda w: (w.announced, w.id))),
        factories=factories,
        antennas=antennas,
        facts=document.facts,
        people=document.people,
        access=document.access,
        gigafactory_calls=document.gigafactory_calls,
    )
    everything: tuple[Entry, ...] = (*factories, *antennas)
    entries = tuple(sorted(everything, key=_entry_order))
    object.__setattr__(registry, "_index", _Index(entries))


class _Index:
    """Lookup tables over one registry; built once, never changed."""

    def __init__(self, entries: tuple[Entry, ...]) -> None:
        self.entries = entries
        self.by_id: dict[str, Entry] = {entry.id: entry for entry in entries}
        self.by_key, self.by_compact, self.ambiguous = self._name_keys(entries)
        # Queries hand out these tuples as they are: no copy per call.
        self.by_country = _by((entry.country, entry) for entry in entries)
        self.by_sector = _by((s, entry) for entry in entries for s in entry.sectors)
        antennas = [entry for entry in entries if isinstance(entry, Antenna)]
        self.antennas_of = _by((f, a) for a in antennas for f in a.factories)
        self.serving = self._serving(entries)
        self._haystack: list[_Hay] = []

    @staticmethod
    def _name_keys(
        entries: tuple[Entry, ...],
    ) -> tuple[dict[str, Entry], dict[str, Entry], frozenset[str]]:
        by_key: dict[str, Entry] = {}
        by_compact: dict[str, Entry | None] = {}
        for entry in entries:
            for name in _keys(entry):
                by_key.setdefault(fold(name), entry)
                key = compact(name)
                if not key:
                    continue
                # A compact key shared by two entries is ambiguous: drop it.
                seen = by_compact.setdefault(key, entry)
                if seen is not entry:
                    by_compact[key] = None
        unique = {k: e for k, e in by_compact.items() if e is not None}
        return by_key, unique, frozenset(by_compact.keys() - unique.keys())

    def _serving(self, entries: tuple[Entry, ...]) -> dict[str, tuple[Entry, ...]]:
        serving: dict[str, dict[str, Entry]] = {}
        for country, entry_id, _ in serves(entries):
            entry = self.by_id.get(entry_id)  # None: a factory as_of() left out
            if entry is not None:
                serving.setdefault(country, {})[entry_id] = entry
        position = {entry.id: i for i, entry in enumerate(entries)}
        return {
            country: tuple(sorted(found.values(), key=lambda e: position[e.id]))
            for country, found in serving.items()
        }

    def haystack(self) -> list[_Hay]:
        """The searchable texts of every entry; built on first search."""
        if not self._haystack and self.entries:
            # Built aside and published in one assignment: another thread
            # searching meanwhile builds its own copy, never sees a half one.
            self._haystack = [_hay(entry) for entry in self.entries]
        return self._haystack

    def compact_names(self, entry: Entry, key: str) -> bool:
        """Whether one of ``entry``'s names squeezes to ``key``."""
        # by_compact keeps only unambiguous keys; ambiguous ones are rare
        # enough that a scan of this entry's names is fine.
        if self.by_compact.get(key) is entry:
            return True
        return key in self.ambiguous and any(compact(n) == key for n in _keys(entry))


def _score(
    query: str, texts: tuple[str, ...], exact: int, word: int, inner: int
) -> int:
    best = 0
    for text in texts:
        if text == query:
            return exact
        if text.startswith(query) or f" {query}" in text:
            best = max(best, word)
        elif query in text:
            best = max(best, inner)
    return best


@attrs.frozen(kw_only=True, repr=False, init=False)
class Registry:
    """An immutable, validated collection of AI Factories and Antennas with lookups.

    Get one from :func:`aifactories.load` or :func:`aifactories.loads`, or
    build one from records: the constructor checks every rule, so a
    registry in hand is always valid.

    Attributes:
        data_version: Version of the data, e.g. ``"2026.11.24"``.
        data_date: The date the facts were last checked.
        wave_records: The selection waves, by date (see :attr:`waves`).
        factories: Every AI Factory, by selection date then id.
        antennas: Every AI Factory Antenna, by selection date then id.
        facts: Facts about the initiative as a whole.
        people: People quoted about the initiative as a whole.
        access: How to get access, for the initiative as a whole.
        coverage: Up to which date the sources behind the data were checked.
        gigafactory_calls: The calls to select AI Gigafactories, with the
            national bids.
    """

    data_version: str
    data_date: dt.date | None = None
    coverage: Coverage | None = None
    wave_records: tuple[Wave, ...] = ()
    factories: tuple[Factory, ...] = ()
    antennas: tuple[Antenna, ...] = ()
    facts: tuple[Fact, ...] = ()
    people: tuple[Person, ...] = ()
    access: Access | None = None
    gigafactory_calls: tuple[GigafactoryCall, ...] = ()
    _index: _Index = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __init__(  # noqa: PLR0913 - one keyword per field of the data format
        self,
        *,
        data_version: str,
        data_date: dt.date | None = None,
        coverage: Coverage | None = None,
        wave_records: Iterable[Wave] = (),
        factories: Iterable[Factory] = (),
        antennas: Iterable[Antenna] = (),
        facts: Iterable[Fact] = (),
        people: Iterable[Person] = (),
        access: Access | None = None,
        gigafactory_calls: Iterable[GigafactoryCall] = (),
        documents: DocumentFolders = None,
    ) -> None:
        """Build a registry from records, checking every rule.

        ``documents`` names folders of your own documents that seed sources
        quote, as for :func:`aifactories.load`; the quotes are checked
        verbatim. It is not kept: the registry holds the records only.

        Raises:
            RegistryDataError: The records break a rule; its ``errors`` list
                every problem, with paths into the arguments as given
                (``factories[0].country``).
        """
        from aifactories._format import Document  # noqa: PLC0415
        from aifactories._seeds import documents_from  # noqa: PLC0415
        from aifactories._validate import check_document  # noqa: PLC0415

        # Collections as the format holds them; a str is no collection.
        document = Document(
            data_version=data_version,
            data_date=data_date,
            coverage=coverage,
            waves=_tuple(wave_records, "wave_records"),
            factories=_tuple(factories, "factories"),
            antennas=_tuple(antennas, "antennas"),
            facts=_tuple(facts, "facts"),
            people=_tuple(people, "people"),
            access=access,
            gigafactory_calls=_tuple(gigafactory_calls, "gigafactory_calls"),
        )
        problems = check_document(document, documents_from(documents))
        if problems:
            raise RegistryDataError(problems)
        _fill(self, document)

    @classmethod
    def _checked(cls, document: Document) -> Registry:
        """Index ``document``, whose rules the caller has already checked."""
        registry = cls.__new__(cls)
        _fill(registry, document)
        return registry

    # -- the collection -------------------------------------------------------

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry, by selection date then id."""
        return self._index.entries

    def __len__(self) -> int:
        """Return the number of entries."""
        return len(self._index.entries)

    def __iter__(self) -> Iterator[Entry]:
        """Iterate over the entries by selection date, then id."""
        return iter(self._index.entries)

    def __contains__(self, item: object) -> bool:
        """Whether ``item`` is an entry of this registry, or a key that names one."""
        if isinstance(item, str):
            return self.get(item) is not None
        if isinstance(item, Factory | Antenna):
            return self._index.by_id.get(item.id) == item
        return False

    def __repr__(self) -> str:
        # The full field dump runs to hundreds of lines; say what it holds,
        # and for a small registry (a test's falsifying example) which ids.
        counts = (
            f"{counted(len(self.factories), 'factory', 'factories')}, "
            f"{counted(len(self.antennas), 'antenna')}"
        )
        ids = [entry.id for entry in self._index.entries]
        if len(ids) <= _REPR_IDS:
            counts += ": " + " ".join(ids) if ids else ""
        return f"<Registry {self.data_version}: {counts}>"

    # -- lookups ---------------------------------------------------------------

    def get(self, key: str) -> Entry | None:
        """Return the entry an id, official name or alias names, or ``None``.

        The lookup rules, in order:

        1. the exact id (``"lumi-aif"``), at dict speed;
        2. the id, official name or an alias, ignoring case and accents;
           aliases hold the names people type: acronyms (``"BSC"``,
           ``"AIFNL"``), the name of the system a factory is built around
           (``"LUMI"``, ``"JUPITER"``, ``"MeluXina"``), later names
           (``"Sweden AI Factory"`` for ``mimer``) and official misspellings
           (``"ITA4LIA"``);
        3. the same with punctuation and spaces squeezed out (``"Lumi-AIF"``,
           ``"lumiaif"``), where that names a single entry.

        Anything else, such as a host or a city, is for :meth:`search`.

        Raises:
            TypeError: ``key`` is not a string.
        """
        index = self._index
        try:
            # Most lookups are by id: answer them first, at dict speed (a
            # subscript beats .get by 20 ns; a miss pays for the KeyError).
            return index.by_id[key]
        except (KeyError, TypeError):  # a miss, or an unhashable key (see below)
            pass
        _require_str(key)
        found = index.by_key.get(fold(key))
        if found is None:
            found = index.by_compact.get(compact(key))
        return found

    def __getitem__(self, key: str) -> Entry:
        """Return the entry ``key`` names.

        Raises:
            NotFoundError: Nothing matches; the message suggests close matches.
        """
        found = self.get(key)
        if found is None:
            raise NotFoundError(key, self._suggest(key))
        return found

    def _suggest(self, key: str) -> list[str]:
        import difflib  # noqa: PLC0415 - only failed lookups need it

        index = self._index
        folded = fold(key)
        close = difflib.get_close_matches(folded, list(index.by_key), n=6, cutoff=0.6)
        names = list(dict.fromkeys(index.by_key[match].name for match in close))
        if names:
            return names[:3]
        return [entry.name for entry in self.search(key)[:3]]

    def search(self, text: str) -> list[Entry]:
        """Rank entries by how well they match ``text``.

        Matching ignores case and accents (``"linkoping"`` finds Mimer). A
        hit counts for more the closer it is to the entry's identity; from
        most to least:

        1. the id, official name or an alias (``"LUMI"``, ``"BSC"``), also
           with punctuation and spaces squeezed out (``"lumiaif"``);
        2. the supercomputer's name (``"MareNostrum"``, ``"DAEDALUS"``);
        3. the host's name or short name;
        4. a place: the host city, the location's city and site, the
           supercomputer's site; or the host country (code or English name);
        5. a stakeholder's name or short name;
        6. a focus area or sector (its value or label, e.g. ``"health"``).

        Within each kind, the whole text beats a word or a start (``"alice"``
        in ``"Alice Recoque"``), which beats a part of a word. Ties keep
        registry order.

        Returns:
            The matching entries, best first; ``[]`` for no match or an
            empty query.

        Raises:
            TypeError: ``text`` is not a string.
        """
        _require_str(text)
        query = fold(text)
        if not query:
            return []
        from aifactories._codes import COUNTRY_KEYS  # noqa: PLC0415

        country = COUNTRY_KEYS.get(query)
        squeezed = compact(text)
        scored: list[tuple[int, int, Entry]] = []
        for position, (entry, names, tiers) in enumerate(self._index.haystack()):
            score = _score(query, names, *_NAMES)
            if (
                score < _COMPACT
                and squeezed
                and self._index.compact_names(entry, squeezed)
            ):
                score = _COMPACT
            if score < _TIERS[0][0]:  # no other text can beat a name
                pairs = zip(tiers, _TIERS, strict=True)
                found = (_score(query, texts, *points) for texts, points in pairs)
                score = max(score, *found)
            if country is not None and entry.country == country:
                score = max(score, _COUNTRY)
            if score:
                scored.append((-score, position, entry))
        scored.sort(key=lambda item: (item[0], item[1]))
        return [entry for _, _, entry in scored]

    # -- filters ---------------------------------------------------------------

    def in_country(self, country: str) -> tuple[Entry, ...]:
        """Return the entries hosted in ``country`` (ISO code or English name).

        Raises:
            ValueError: ``country`` is not a known country.
        """
        return self._index.by_country.get(country_code(country), ())

    @overload
    def serving(self, country: str, kind: _FactoryKind) -> tuple[Factory, ...]: ...
    @overload
    def serving(self, country: str, kind: _AntennaKind) -> tuple[Antenna, ...]: ...
    @overload
    def serving(
        self, country: str, kind: Kind | str | None = None
    ) -> tuple[Entry, ...]: ...

    def serving(
        self, country: str, kind: Kind | str | None = None
    ) -> tuple[Factory, ...] | tuple[Antenna, ...] | tuple[Entry, ...]:
        """Return the entries a user in ``country`` can turn to.

        That is every entry hosted there or whose consortium includes the
        country, plus the factories an antenna hosted there links to.

        Args:
            country: An ISO code or English name.
            kind: Only factories (``"factory"``) or antennas (``"antenna"``);
                with a literal, type checkers know the record class.

        Raises:
            ValueError: ``country`` is not a known country, or ``kind`` is
                neither kind.
        """
        found = self._index.serving.get(country_code(country), ())
        if kind is None:
            return found
        wanted = Factory if Kind(kind) is Kind.FACTORY else Antenna
        return tuple(e for e in found if isinstance(e, wanted))

    def with_sector(self, sector: Sector | str) -> tuple[Entry, ...]:
        """Return the entries whose focus includes ``sector``.

        ``sector`` is a :class:`Sector`, its value, or a synonym from
        :data:`aifactories.SECTOR_SYNONYMS` (``"healthcare"``, ``"medicine"``).

        Raises:
            ValueError: ``sector`` is not in the vocabulary; the message lists it.
        """
        from aifactories._sectors import resolve_sector  # noqa: PLC0415

        return self._index.by_sector.get(resolve_sector(sector), ())

    @overload
    def of_kind(self, kind: _FactoryKind) -> tuple[Factory, ...]: ...
    @overload
    def of_kind(self, kind: _AntennaKind) -> tuple[Antenna, ...]: ...
    @overload
    def of_kind(self, kind: Kind | str) -> tuple[Entry, ...]: ...

    def of_kind(
        self, kind: Kind | str
    ) -> tuple[Factory, ...] | tuple[Antenna, ...] | tuple[Entry, ...]:
        """Return the factories or the antennas.

        With a literal kind (``"factory"``, :attr:`Kind.ANTENNA`), type
        checkers know the result holds :class:`Factory` or :class:`Antenna`
        records.

        Raises:
            ValueError: ``kind`` is neither ``"factory"`` nor ``"antenna"``.
        """
        if Kind(kind) is Kind.FACTORY:
            return self.factories
        return self.antennas

    def factory(self, key: str) -> Factory:
        """Return the AI Factory ``key`` names, by the rules of :meth:`get`.

        Raises:
            NotFoundError: Nothing matches, or ``key`` names an antenna.
        """
        return self._one(key, Factory)

    def antenna(self, key: str) -> Antenna:
        """Return the AI Factory Antenna ``key`` names, by the rules of :meth:`get`.

        Raises:
            NotFoundError: Nothing matches, or ``key`` names a factory.
        """
        return self._one(key, Antenna)

    def _one(self, key: str, cls: type[T]) -> T:
        entry = self[key]
        if not isinstance(entry, cls):
            wanted = Kind.FACTORY if cls is Factory else Kind.ANTENNA
            msg = f"{entry.id!r} is an {entry.kind.label}, not an {wanted.label}"
            raise NotFoundError(key, message=f"{msg}; see Registry.{entry.kind}()")
        return entry

    def antennas_of(self, factory: Factory | str) -> tuple[Antenna, ...]:
        """Return the antennas formally linked to ``factory`` (record or key).

        Raises:
            NotFoundError: ``factory`` is a key that names no entry.
            ValueError: ``factory`` names an antenna.
            TypeError: ``factory`` is neither a string nor an entry.
        """
        entry = self._entry_of(factory)
        if not isinstance(entry, Factory):
            msg = f"{entry.id!r} is an antenna, not a factory"
            raise ValueError(msg)  # noqa: TRY004 - a wrong key, not a wrong type
        return self._index.antennas_of.get(entry.id, ())

    def linked_factories(self, antenna: Antenna | str) -> tuple[Factory, ...]:
        """Return the factories ``antenna`` (record or key) is formally linked to.

        Raises:
            NotFoundError: ``antenna`` is a key that names no entry.
            ValueError: ``antenna`` names a factory.
            TypeError: ``antenna`` is neither a string nor an entry.
        """
        entry = self._entry_of(antenna)
        if not isinstance(entry, Antenna):
            msg = f"{entry.id!r} is a factory, not an antenna"
            raise ValueError(msg)  # noqa: TRY004 - a wrong key, not a wrong type
        found = (self._index.by_id.get(i) for i in entry.factories)
        # None for a factory selected after the date of an as_of() registry.
        return tuple(f for f in found if isinstance(f, Factory))

    def _entry_of(self, item: object) -> Entry:
        if isinstance(item, str):
            return self[item]
        if isinstance(item, Factory | Antenna):
            return item
        msg = f"expected an entry or a key, not {type(item).__name__}"
        raise TypeError(msg)

    # -- time ------------------------------------------------------------------

    @property
    def waves(self) -> tuple[Selection, ...]:
        """The selection waves in date order, each with its entries."""
        by_wave = _by((entry.wave, entry) for entry in self._index.entries)
        return tuple(Selection(w, by_wave.get(w.id, ())) for w in self.wave_records)

    def wave(self, wave_id: str) -> Selection:
        """Return the selection wave ``wave_id`` (``"W1"``, ``"a1"``) with its entries.

        Raises:
            NotFoundError: No wave has that id; the message lists the ids.
        """
        _require_str(wave_id)
        # Case does not matter, unless two ids differ only by it: then the
        # one written exactly as asked wins.
        for selection in sorted(self.waves, key=lambda s: s.id != wave_id):
            if selection.id.casefold() == wave_id.casefold():
                return selection
        ids = ", ".join(w.id for w in self.wave_records)
        raise NotFoundError(wave_id, message=f"no selection wave {wave_id!r} ({ids})")

    # -- tables ----------------------------------------------------------------

    def to_records(self, table: TableName = "entries") -> list[dict[str, Any]]:
        """Return one of the registry's tables as JSON-safe dicts, one per row.

        :meth:`tables` names the tables (``entries``, ``funding`` and the
        rest); the tables reference describes them and their columns.
        Decimals (amounts, shares, coordinates) are exact strings, dates ISO
        strings, enums their values, lists of strings lists.

        Raises:
            ValueError: ``table`` names no table.
        """
        from aifactories._tables import records  # noqa: PLC0415 - tables on use

        return records(self, table)

    def to_pandas(self, table: TableName = "entries") -> pd.DataFrame:
        """Return one of the tables (see :meth:`to_records`) as a pandas DataFrame.

        Columns have real dtypes: ``string``, nullable ``Int64``, ``boolean``,
        ``category`` for enums, ``datetime64[s]`` for dates and ``Float64``
        for decimals (money too: the exact amounts are in :meth:`to_records`).

        Raises:
            ImportError: pandas is missing: ``pip install 'aifactories[pandas]'``.
            ValueError: ``table`` names no table.
        """
        from aifactories._tables import to_pandas  # noqa: PLC0415 - tables on use

        return to_pandas(self, table)

    def to_polars(self, table: TableName = "entries") -> pl.DataFrame:
        """Return one of the tables (see :meth:`to_records`) as a polars DataFrame.

        Columns have real dtypes: ``String``, ``Int64``, ``Boolean``, ``Enum``
        for enums, ``Date`` for dates, ``Float64`` for decimals and
        ``List(String)`` for lists.

        Raises:
            ImportError: polars is missing: ``pip install 'aifactories[polars]'``.
            ValueError: ``table`` names no table.
        """
        from aifactories._tables import to_polars  # noqa: PLC0415 - tables on use

        return to_polars(self, table)

    def funding_by(
        self, by: GroupBy = "country", *, kind: FunderKind | str | None = None
    ) -> list[FundingSum]:
        """Sum the funding shares per host country or per funder kind, in euros.

        One :class:`~aifactories.FundingSum` per group, sorted by group: the
        amounts the sources state and those implied by a share of a known
        total (:attr:`Funding.implied_amounts`), apart and together, at the
        ECB rate of each entry's selection date. Unknown amounts are
        counted, never summed as 0; a group with none known has ``eur``
        ``None``. EU money per host country:

        >>> import aifactories
        >>> registry = aifactories.load()
        >>> poland = {s.group: s for s in registry.funding_by(kind="eu")}["PL"]
        >>> poland.eur, poland.stated_eur, poland.implied_eur, poland.unknown
        (Decimal('85000000.00'), Decimal('50000000.00'), Decimal('35000000.00'), 0)

        Args:
            by: ``"country"``: the entry's host country (entries without a
                share of ``kind`` count as unknown); ``"kind"``: the funder
                kind.
            kind: Only shares of this funder kind (``"eu"``, ``"national"``,
                ``"regional"``, ``"other"``); ``None`` for every share.

        Raises:
            ValueError: ``by`` or ``kind`` names nothing of the kind.
        """
        from aifactories._funding import funding_by  # noqa: PLC0415 - on use

        return funding_by(self, by, kind=kind)

    def to_geojson(self, *, links: bool = False) -> dict[str, Any]:
        """Return a GeoJSON FeatureCollection with a Feature per entry.

        What ``aifactories export --format geojson`` writes: an entry's
        properties are its row of the entries table and its geometry a Point
        ``[longitude, latitude]``, or ``null`` where the location is
        unknown. With ``links``, a LineString per row of the links table
        follows. The ``provenance`` member says which data it holds.
        """
        from aifactories._tables import geojson  # noqa: PLC0415 - tables on use

        return geojson(self, links=links)

    @staticmethod
    def tables() -> dict[str, str]:
        """Return the name of every table with what one of its rows is."""
        from aifactories._tables import summaries  # noqa: PLC0415 - tables on use

        return summaries()

    @property
    def countries(self) -> tuple[str, ...]:
        """The ISO codes of every country that hosts an entry or partners in one."""
        return tuple(
            sorted({c for e in self for c in (e.country, *e.partner_countries)})
        )

    def as_of(self, date: dt.date) -> Registry:
        """Return a registry of what had been selected by ``date`` (inclusive).

        Raises:
            TypeError: ``date`` is not a :class:`datetime.date`.
        """
        if isinstance(date, dt.datetime) or not isinstance(date, dt.date):
            msg = f"as_of() takes a datetime.date, not {type(date).__name__}"
            raise TypeError(msg)
        from aifactories._format import document_of  # noqa: PLC0415

        whole = document_of(self)
        # A subset of a valid registry by date keeps every rule but one: an
        # antenna may link to a factory selected after the date; the
        # queries leave such links out (see linked_factories).
        return Registry._checked(
            attrs.evolve(
                whole,
                waves=tuple(w for w in whole.waves if w.announced <= date),
                factories=tuple(f for f in whole.factories if f.selected_on <= date),
                antennas=tuple(a for a in whole.antennas if a.selected_on <= date),
            )
        )

    # -- timeline ----------------------------------------------------------------

    def timeline(self, entry: Entry | str | None = None) -> tuple[Event, ...]:
        """Return the dated events, by date: selections, milestones, plans.

        Every event of the registry (the AI Gigafactory calls' too), or only
        those of ``entry`` and its supercomputer.

        Raises:
            NotFoundError: ``entry`` is a key that names no entry.
        """
        from aifactories._timeline import entry_events, timeline  # noqa: PLC0415

        if entry is None:
            return timeline(self)
        return entry_events(self, self._entry_of(entry))

    def status(self, entry: Entry | str, on: dt.date) -> MilestoneKind | None:
        """Return the furthest stage ``entry`` had reached by ``on``, or ``None``.

        Stages run from ``selected`` to ``in-operation``; the entry's own
        milestones and its supercomputer's count. An event counts from the
        first day its date may mean (``2026-06`` from 1 June); planned and
        renaming events make no status. ``None`` is before the first event.

        Raises:
            NotFoundError: ``entry`` is a key that names no entry.
        """
        from aifactories._timeline import status  # noqa: PLC0415 - on use

        return status(self, self._entry_of(entry), on)

    def in_operation(self, on: dt.date) -> tuple[Factory, ...]:
        """Return the factories whose supercomputer was in operation on ``on``.

        A system counts from its first-users, inauguration or in-operation
        milestone, whichever comes first.
        """
        from aifactories._timeline import in_operation  # noqa: PLC0415 - on use

        return in_operation(self, on)

    def stale(self, on: dt.date | None = None) -> tuple[Stale, ...]:
        """Return what a maintainer should check again on ``on``, by subject and path.

        Planned milestones whose date has passed with nothing recorded since
        that settles them (the event they expect, a later stage or a new
        plan); milestones, access calls and national positions resting on
        one low-confidence source more than a year old; entries whose newest
        dated evidence (selection, milestones, calls) is more than a year
        older than the coverage date. ``on`` defaults to :attr:`data_date`,
        else today.
        """
        from aifactories._timeline import stale  # noqa: PLC0415 - on use

        return stale(self, on)
