"""The registry as normalised tables: the one row layer every flat export reads.

Every table is one row per thing (an entry, a funding share, a source...),
and its columns are derived from the model's declarations: the fields of a
record class are walked in order, a nested record is flattened into
prefixed columns (``host_city``, ``location_latitude``), and a tuple of
records becomes a table of its own with the owning entry's id. Only the
column *types* are chosen here, from each field's annotation; the
descriptions are the classes' ``Attributes:`` docstrings.

Values in :func:`records` are JSON-safe: decimals and dates in the data
file's wire forms (:mod:`aifactories._format`), enums as their values, lists
of strings as lists. Every other flat form (:func:`to_pandas`,
:func:`to_polars`, :func:`csv_text`, :func:`write_sqlite`, the properties of
:func:`geojson`, the command line's ``--json`` listings) converts from
those rows, one rule per column type; :func:`provenance` is the one record
of what an export holds, which each of them carries.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import enum
import functools
import io
import json
import os
import re
import typing
from collections.abc import Callable, Collection, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from aifactories._countries import country_name
from aifactories._format import (
    Records,
    date_from_wire,
    date_to_wire,
    decimal_to_wire,
    document_of,
)
from aifactories._funding import euro_value, implied_eur
from aifactories._model import (
    SERVING_HOW,
    AccessCall,
    Antenna,
    Count,
    Factory,
    FundingShare,
    Grant,
    Host,
    Kind,
    Link,
    Milestone,
    Money,
    Performance,
    Person,
    Source,
    Stakeholder,
    Top500Rank,
    Wave,
    serves,
)
from aifactories._rules import strip_none
from aifactories._schema import _field_docs

if TYPE_CHECKING:
    import sqlite3

    import pandas as pd
    import polars as pl


ColumnType = Literal[
    "text", "integer", "decimal", "date", "boolean", "category", "list"
]
"""How a column's values are typed; see :data:`TYPE_NOTES` for each form."""

TableName = Literal[
    "entries",
    "funding",
    "stakeholders",
    "people",
    "grants",
    "performance",
    "top500",
    "calls",
    "links",
    "waves",
    "sources",
    "serving",
    "timeline",
]
"""The names of the tables."""

TYPE_NOTES: dict[str, tuple[str, str, str, str, str]] = {
    # The first name in backticks is the type each form is given (_declared),
    # so the reference page and the exports cannot disagree.
    "text": ("`str`", "`string`", "`String`", "`TEXT`", "text (escaped: see below)"),
    "integer": ("`int`", "`Int64` (nullable)", "`Int64`", "`INTEGER`", "digits"),
    "decimal": (
        "exact decimal `str`",
        "`Float64`",
        "`Float64`",
        "`REAL`",
        "exact decimal",
    ),
    "date": (
        "ISO date `str`",
        "`datetime64[s]`",
        "`Date`",
        "`TEXT` (ISO date)",
        "ISO date",
    ),
    "boolean": (
        "`bool`",
        "`boolean`",
        "`Boolean`",
        "`INTEGER` (0 or 1)",
        "`true`, `false`",
    ),
    "category": ("the enum's value", "`category`", "`Enum`", "`TEXT`", "the value"),
    "list": (
        "`list[str]`",
        "`object` (lists)",
        "`List(String)`",
        "`TEXT` (JSON)",
        "JSON array",
    ),
}
"""How each column type appears in records, pandas, polars, SQLite and CSV.

An unknown value is ``None`` in records, missing in DataFrames, ``NULL`` in
SQLite and an empty cell in CSV."""


@attrs.frozen
class Column:
    """One column of a table.

    Attributes:
        name: The column name.
        type: How its values are typed.
        description: What it holds.
        categories: For a category column: every value it may take, in order.
    """

    name: str
    type: ColumnType
    description: str
    categories: tuple[str, ...] = ()


@attrs.frozen
class Table:
    """A table's definition: its columns and keys.

    Attributes:
        name: The table name.
        description: What one row is.
        columns: The columns, in order.
        primary_key: The columns that identify a row.
        foreign_keys: ``(column, table)`` pairs: the column holds an ``id``
            of that table (``None`` where it belongs to no row there).
        indexes: Further columns with an SQLite index.
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str], ...] = ()
    indexes: tuple[str, ...] = ()


# -- deriving columns from the declarations ------------------------------------

# A getter reads one cell from a record, given the date that money in that
# row converts at (the entry's selection date, the wave's announcement).
_Getter = Callable[[object, "dt.date | None"], Any]

# Records whose main field takes the bare prefix: ``host`` is the host's name,
# ``website`` its URL, ``funding_total`` the amount.
_MAIN: dict[type, str] = {Money: "amount", Link: "url", Count: "value", Host: "name"}
# Shorter prefixes for long field names.
_PREFIX = {"supercomputer": "system"}

_SCALARS: dict[type, ColumnType] = {
    str: "text",
    int: "integer",
    bool: "boolean",
    Decimal: "decimal",
    dt.date: "date",
}

OMITTED: dict[str, str] = {
    "conflicts": "disagreeing sources do not fit a row; see the JSON export "
    "(their sources are in the sources table)",
}
"""Entry fields in no table, each with the reason (a test holds the list)."""

COVERED: dict[str, str] = {}
"""Every entry field path, mapped to the ``table.column`` (or table) holding it."""


def _dig(record: Any, names: tuple[str, ...]) -> Any:
    for name in names:
        record = getattr(record, name, None)  # None once a record is missing
    return record


def _leaf_type(tp: Any, where: str) -> tuple[ColumnType, tuple[str, ...]]:
    origin = typing.get_origin(tp)
    if origin in {tuple, frozenset}:
        (item, *_) = typing.get_args(tp)
        if item is str or (isinstance(item, type) and issubclass(item, enum.Enum)):
            return "list", ()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "category", tuple(member.value for member in tp)
    if tp in _SCALARS:
        return _SCALARS[tp], ()
    msg = f"no table column type for {where}: {tp!r}"
    raise TypeError(msg)


def _encode(kind: ColumnType, value: Any) -> Any:
    """A cell as JSON-safe data."""
    if value is None:
        return None
    if kind == "decimal":
        return decimal_to_wire(value)
    if kind == "date":
        return date_to_wire(value)
    if kind == "category":
        return value.value
    if kind == "list":
        items = [v.value if isinstance(v, enum.Enum) else v for v in value]
        # Sets (sectors) have no order of their own: sort them.
        return sorted(items) if isinstance(value, frozenset) else items
    return value


def _reader(kind: ColumnType, names: tuple[str, ...]) -> _Getter:
    def get(record: object, _on: dt.date | None) -> Any:
        return _encode(kind, _dig(record, names))

    return get


class _Plan:
    """The columns of one record class, flattened, with how to read each."""

    def __init__(
        self, owner: str, cls: type, *, skip: frozenset[str] = frozenset()
    ) -> None:
        self.owner = owner
        self.columns: list[Column] = []
        self.getters: list[_Getter] = []
        self.paths: dict[str, str] = {}
        self.skip = skip
        self._walk(cls, "", ())

    def _add(self, column: Column, getter: _Getter, path: str | None = None) -> None:
        self.columns.append(column)
        self.getters.append(getter)
        if path is not None:
            self.paths[path] = f"{self.owner}.{column.name}"

    def _walk(
        self, cls: type, prefix: str, names: tuple[str, ...], context: str = ""
    ) -> None:
        hints = typing.get_type_hints(cls)
        docs = _field_docs(cls)
        main = _MAIN.get(cls)
        for field in attrs.fields(typing.cast("type[attrs.AttrsInstance]", cls)):
            here = (*names, field.name)
            path = ".".join(here)
            if field.name == "sources":
                self.paths[path] = "sources"
                continue
            if path in self.skip:
                continue
            tp = strip_none(hints[field.name])[0]
            if field.name == main and prefix:
                name = prefix.removesuffix("_")
            else:
                name = prefix + _PREFIX.get(field.name, field.name)
            text = docs.get(field.name, "")
            if attrs.has(tp):
                self._walk(tp, name + "_", here, text)
                continue
            if field.name == main and context:
                text = context  # the record's own description says it best
            elif names:
                text = f"{text} (of {'.'.join(names)})"
            kind, categories = _leaf_type(tp, f"{cls.__name__}.{field.name}")
            self._add(Column(name, kind, text, categories), _reader(kind, here), path)
        if cls is Money:
            self._add_euros(prefix.removesuffix("_"), names)

    def _add_euros(self, name: str, names: tuple[str, ...]) -> None:
        def euro(part: int, kind: ColumnType) -> _Getter:
            def get(record: object, on: dt.date | None) -> Any:
                value = euro_value(_dig(record, names), on)
                return None if value is None else _encode(kind, value[part])

            return get

        rate = "Units of the currency per EUR (ECB reference rate; 1 for EUR)."
        columns = (  # the parts of Money.in_eur, in its order
            Column(
                f"{name}_eur",
                "decimal",
                f"The amount in EUR at the ECB reference rate in {name}_eur_rate.",
            ),
            Column(f"{name}_eur_rate", "decimal", rate),
            Column(
                f"{name}_eur_rate_date", "date", "The day the ECB published that rate."
            ),
        )
        for part, column in enumerate(columns):
            self._add(column, euro(part, column.type))

    def row(self, record: object, on: dt.date | None) -> dict[str, Any]:
        return {
            column.name: get(record, on)
            for column, get in zip(self.columns, self.getters, strict=True)
        }


def _id(name: str, description: str) -> Column:
    return Column(name, "text", description)


_IMPLIED = Column(
    "amount_eur_implied",
    "decimal",
    "Derived, never stated: where a share gives its fraction of the entry's "
    "known funding total but no amount, that fraction of the total in EUR "
    "(Funding.implied_amounts); empty where amount is stated or either is "
    "unknown. amount_eur, or else this, is the share's known money in EUR.",
)
_ROW = Column("row", "integer", "Row number, 1 for the first row: the key.")
_POSITION = Column(
    "position", "integer", "Place among its entry's items, 0 for the first."
)


def _entry_plan() -> _Plan:
    plan = _Plan("entries", Factory, skip=frozenset({*OMITTED, *_CHILDREN}))
    antenna_only = attrs.fields_dict(Antenna).keys() - attrs.fields_dict(Factory).keys()
    # Every antenna-only field is a link, in the links table.
    assert antenna_only <= _CHILDREN.keys(), antenna_only  # noqa: S101
    kind = Column(
        "kind", "category", "factory or antenna.", tuple(k.value for k in Kind)
    )
    plan.columns.insert(1, kind)
    plan.getters.insert(1, _reader("category", ("kind",)))
    where = [c.name for c in plan.columns].index("country") + 1
    plan.columns.insert(
        where, Column("country_name", "text", "The host country's English name.")
    )
    plan.getters.insert(
        where, lambda record, _on: country_name(typing.cast("Any", record).country)
    )
    return plan


class _Child(typing.NamedTuple):
    path: tuple[str, ...]
    cls: type
    description: str


_CHILD_TABLES: dict[TableName, _Child] = {
    "funding": _Child(
        ("funding", "shares"),
        FundingShare,
        "One funder's share of an entry's funding, with the amount in EUR.",
    ),
    "stakeholders": _Child(
        ("stakeholders",),
        Stakeholder,
        "An organisation with a role in an entry, besides hosting it.",
    ),
    "people": _Child(
        ("people",),
        Person,
        "A person quoted about an entry, or (no entry_id) about the initiative.",
    ),
    "grants": _Child(("grants",), Grant, "An EU grant agreement that funds an entry."),
    "performance": _Child(
        ("supercomputer", "performance"),
        Performance,
        "A computing performance figure of a factory's supercomputer.",
    ),
    "top500": _Child(
        ("supercomputer", "top500"),
        Top500Rank,
        "A place of a factory's supercomputer on the TOP500 list.",
    ),
    "calls": _Child(("calls",), AccessCall, "An entry's own access call or programme."),
}

# Each kind of link in the links table, with the antenna's field that holds it.
_LINKS = {"formal": "factories", "letter-of-intent": "letters_of_intent"}

# Entry fields that are tables of their own, by path.
_CHILDREN: dict[str, TableName] = {
    **{".".join(child.path): name for name, child in _CHILD_TABLES.items()},
    **dict.fromkeys(_LINKS.values(), "links"),
    **dict.fromkeys(("milestones", "supercomputer.milestones"), "timeline"),
}


class _Schema:
    """Every table's definition and how to fill it; built once, on first use."""

    def __init__(self) -> None:
        self.entry_plan = _entry_plan()
        self.child_plans = {n: _Plan(n, c.cls) for n, c in _CHILD_TABLES.items()}
        self.wave_plan = _Plan("waves", Wave, skip=frozenset({"conflicts"}))
        self.source_plan = _Plan("sources", Source)
        self.timeline_plan = _Plan("timeline", Milestone)
        self.tables: dict[str, Table] = {}
        self.tables["entries"] = Table(
            "entries",
            "An AI Factory or AI Factory Antenna. Nested records are flattened "
            "into prefixed columns (host_, location_, funding_, system_).",
            tuple(self.entry_plan.columns),
            ("id",),
            (("wave", "waves"),),
            ("kind", "country", "wave"),
        )
        for name, plan in self.child_plans.items():
            entry_id = _id(
                "entry_id",
                "The id of the entry it belongs to"
                + (" (empty: the initiative as a whole)." if name == "people" else "."),
            )
            self.tables[name] = Table(
                name,
                _CHILD_TABLES[name].description,
                (_ROW, entry_id, _POSITION, *plan.columns)
                + ((_IMPLIED,) if name == "funding" else ()),
                ("row",),
                (("entry_id", "entries"),),
                ("entry_id",),
            )
        self.tables["links"] = Table(
            "links",
            "An antenna's link to a factory: formal, or a letter of intent.",
            (
                _id("antenna_id", "The antenna's id."),
                _id("factory_id", "The factory's id."),
                Column(
                    "link",
                    "category",
                    " or ".join(f"{k} (Antenna.{f})" for k, f in _LINKS.items()) + ".",
                    tuple(_LINKS),
                ),
            ),
            ("antenna_id", "factory_id", "link"),
            (("antenna_id", "entries"), ("factory_id", "entries")),
            ("factory_id",),
        )
        self.tables["waves"] = Table(
            "waves",
            "A selection wave, with its combined investment.",
            (
                *self.wave_plan.columns,
                Column("entries", "integer", "How many entries it selected."),
            ),
            ("id",),
        )
        self.tables["sources"] = Table(
            "sources",
            "One source of one fact. path names the fact within the entry or "
            "wave (host.sources[0]); facts, people, access and AI Gigafactory calls "
            "of the initiative have neither id.",
            (
                _ROW,
                _id("entry_id", "The entry the fact is about, if any."),
                _id("wave_id", "The wave the fact is about, if any."),
                _id("path", "Where the source sits: the fact it supports."),
                *self.source_plan.columns,
            ),
            ("row",),
            (("entry_id", "entries"), ("wave_id", "waves")),
            ("entry_id", "wave_id", "kind"),
        )
        self.tables["serving"] = Table(
            "serving",
            "A country and an entry its users can turn to. how says why: the "
            "entry is hosted there (host), the country is in its consortium "
            "(consortium), or an antenna hosted there links to it (antenna).",
            (
                Column("country", "text", "ISO 3166-1 alpha-2 code of the country."),
                _id("entry_id", "The entry its users can turn to."),
                Column("how", "category", "Why the entry serves it.", SERVING_HOW),
            ),
            ("country", "entry_id", "how"),
            (("entry_id", "entries"),),
            ("entry_id",),
        )
        COVERED.update(self.entry_plan.paths)
        COVERED.update(_CHILDREN)
        plans = {**self.child_plans, "timeline": self.timeline_plan}
        for prefix, name in _CHILDREN.items():
            for path, where in plans[name].paths.items() if name in plans else ():
                COVERED[f"{prefix}.{path}"] = where
        self.tables["timeline"] = Table(
            "timeline",
            "One dated event: an entry's selection, a milestone of an entry, "
            "of its supercomputer or of an AI Gigafactory call; by date.",
            (
                _ROW,
                _id("entry_id", "The entry it concerns, if any."),
                _id("call_id", "The AI Gigafactory call it concerns, if any."),
                _id("path", "Where it sits: selected_on, supercomputer.milestones[0]."),
                *self.timeline_plan.columns,
            ),
            ("row",),
            (("entry_id", "entries"),),
            ("entry_id", "kind"),
        )


@functools.cache
def _schema() -> _Schema:
    return _Schema()


def tables() -> dict[str, Table]:
    """Every table's definition, by name, in the order of the docs."""
    return dict(_schema().tables)


def summaries() -> dict[str, str]:
    """Every table's name with its first sentence: what one row is."""
    return {
        name: definition.description.split(". ", 1)[0].removesuffix(".") + "."
        for name, definition in _schema().tables.items()
    }


def table(name: str) -> Table:
    """The definition of table ``name``.

    Raises:
        ValueError: No table has that name; the message lists them.
    """
    found = _schema().tables.get(name)
    if found is None:
        known = ", ".join(_schema().tables)
        msg = f"no table {name!r}; the tables are {known}"
        raise ValueError(msg)
    return found


# -- the rows ------------------------------------------------------------------


def records(registry: Records, name: str = "entries") -> list[dict[str, Any]]:
    """Return table ``name`` of ``registry`` as a list of JSON-safe dicts.

    Raises:
        ValueError: No table has that name.
    """
    table(name)
    schema = _schema()
    if name == "entries":
        return [schema.entry_plan.row(e, e.selected_on) for e in registry]
    if name in schema.child_plans:
        return _child_rows(registry, name)
    if name == "waves":
        selected = collections.Counter(entry.wave for entry in registry)
        return [
            {**schema.wave_plan.row(wave, wave.announced), "entries": selected[wave.id]}
            for wave in registry.wave_records
        ]
    rows = {
        "links": _links,
        "timeline": _timeline_rows,
        "serving": _serving,
        "sources": _sources,
    }
    return rows[name](registry)


def _serving(registry: Records) -> list[dict[str, Any]]:
    order = {entry.id: n for n, entry in enumerate(registry)}
    known = list({row for row in serves(registry) if row[1] in order})
    known.sort(key=lambda r: (r[0], order[r[1]], SERVING_HOW.index(r[2])))
    return [{"country": c, "entry_id": e, "how": how} for c, e, how in known]


def _child_rows(registry: Records, name: TableName) -> list[dict[str, Any]]:
    plan = _schema().child_plans[name]
    path = _CHILD_TABLES[name].path
    rows: list[dict[str, Any]] = []
    for entry in registry:
        implied = implied_eur(entry) if name == "funding" else []
        for position, item in enumerate(_dig(entry, path) or ()):
            cells = plan.row(item, entry.selected_on)
            if implied:
                cells[_IMPLIED.name] = _encode("decimal", implied[position])
            rows.append({"entry_id": entry.id, "position": position, **cells})
    if name == "people":
        for position, person in enumerate(registry.people):
            cells = plan.row(person, None)
            rows.append({"entry_id": None, "position": position, **cells})
    return _numbered(rows)


def _numbered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"row": n, **row} for n, row in enumerate(rows, 1)]


def _timeline_rows(registry: Records) -> list[dict[str, Any]]:
    from aifactories._timeline import timeline  # noqa: PLC0415 - on use

    plan = _schema().timeline_plan
    entries = {entry.id for entry in registry}
    return [
        {
            "row": n,
            "entry_id": event.subject if event.subject in entries else None,
            "call_id": None if event.subject in entries else event.subject,
            "path": event.path,
            **plan.row(event.milestone, None),
        }
        for n, event in enumerate(timeline(registry), 1)
    ]


def _links(registry: Records) -> list[dict[str, Any]]:
    return [
        {"antenna_id": antenna.id, "factory_id": factory_id, "link": link}
        for antenna in registry.antennas
        for link, field in _LINKS.items()
        for factory_id in getattr(antenna, field)
    ]


def _walk_sources(value: Any, path: str) -> Iterator[tuple[str, Source]]:
    """Every source in ``value``, with its path (``host.sources[0]``)."""
    if isinstance(value, Source):
        yield path, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _walk_sources(item, f"{path}[{i}]")
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            where = f"{path}.{field.name}" if path else field.name
            yield from _walk_sources(getattr(value, field.name), where)


def _sources(registry: Records) -> list[dict[str, Any]]:
    plan = _schema().source_plan
    # The initiative's own facts, people, access and calls, at their paths.
    rest = attrs.evolve(document_of(registry), waves=(), factories=(), antennas=())
    owners: list[tuple[object, str | None, str | None]] = [
        *((wave, None, wave.id) for wave in registry.wave_records),
        *((entry, entry.id, None) for entry in registry),
        (rest, None, None),
    ]
    return _numbered(
        [
            {"entry_id": entry, "wave_id": wave, "path": path, **plan.row(source, None)}
            for record, entry, wave in owners
            for path, source in _walk_sources(record, "")
        ]
    )


# -- provenance ------------------------------------------------------------------

_DATED_VERSION = re.compile(r"(\d{4})\.(\d{2})\.(\d{2})\Z", re.ASCII)


@attrs.frozen
class Provenance:
    """What an export holds and where it comes from.

    Computed once per export by :func:`provenance` and carried by every
    form: the ``meta`` table and ``PRAGMA user_version`` of SQLite, the
    Datasette metadata, the GeoJSON's ``provenance`` member, ``DataFrame.attrs``
    in pandas and the Data Package descriptor.

    Attributes:
        data_version: The registry's data version, e.g. ``"2026.12.01"``.
        data_date: The date its facts were last checked (ISO), if stated.
        checked_until: The newest date any source was checked for (ISO),
            from the registry's coverage, if stated.
        licence: The licence of the aifactories package that wrote the
            export (an SPDX expression); the bundled data is published
            under it. Your own data keeps your own terms.
        source: Where aifactories and its bundled data are published.
        library_version: The version of aifactories that wrote the export.
    """

    data_version: str
    data_date: str | None
    checked_until: str | None
    licence: str | None
    source: str | None
    library_version: str | None

    @property
    def user_version(self) -> int:
        """The data version as an integer: ``2026.12.01`` -> ``20261201``.

        SQLite's ``PRAGMA user_version`` holds it; ``0`` when the data
        version is not of the form ``YYYY.MM.DD``.
        """
        found = _DATED_VERSION.match(self.data_version)
        return int("".join(found.groups())) if found else 0

    def as_dict(self) -> dict[str, str | None]:
        """The fields by name, in order."""
        return attrs.asdict(self)


@functools.cache
def _package() -> tuple[str | None, str | None, str | None]:
    """The installed package's version, licence and source address."""
    from importlib import metadata  # noqa: PLC0415 - slow to import; exports only

    try:
        found = metadata.metadata("aifactories")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout
        return None, None, None

    def first(key: str) -> str | None:
        return next(iter(found.get_all(key) or ()), None)

    urls = dict(url.split(", ", 1) for url in found.get_all("Project-URL") or ())
    licence = first("License-Expression") or first("License")
    return first("Version"), licence, urls.get("Source")


def provenance(registry: Records) -> Provenance:
    """The provenance record every export of ``registry`` carries."""
    version, licence, source = _package()
    checked = registry.coverage.checked_until if registry.coverage else None
    dates = (_encode("date", registry.data_date), _encode("date", checked))
    return Provenance(registry.data_version, *dates, licence, source, version)


# -- typed forms -----------------------------------------------------------------


def _declared(kind: ColumnType, form: int) -> str:
    """The type in backticks for ``kind`` in :data:`TYPE_NOTES` column ``form``."""
    return TYPE_NOTES[kind][form].split("`")[1]


@contextlib.contextmanager
def _needs(extra: str) -> Iterator[None]:
    """Turn an ImportError of the block into one naming the extra to install."""
    try:
        yield
    except ImportError as exc:
        raise ImportError(
            f"this needs {extra}, which is not installed: "
            f"pip install 'aifactories[{extra}]'"
        ).with_traceback(exc.__traceback__) from None


def _python_values(
    registry: Records, name: str
) -> tuple[tuple[Column, ...], dict[str, list[Any]]]:
    """Table ``name``'s columns, and its cells as Python values by column."""
    columns = table(name).columns
    rows = records(registry, name)
    data = {}
    for column in columns:
        values = [row[column.name] for row in rows]
        if column.type == "date":
            values = [None if v is None else date_from_wire(v) for v in values]
        elif column.type == "decimal":
            values = [None if v is None else float(v) for v in values]
        data[column.name] = values
    return columns, data


def to_pandas(registry: Records, name: str = "entries") -> pd.DataFrame:
    """Return table ``name`` as a pandas DataFrame with one dtype per column type.

    ``DataFrame.attrs`` holds the :class:`Provenance` fields.

    Raises:
        ImportError: pandas is not installed (the ``pandas`` extra).
        ValueError: No table has that name.
    """
    with _needs("pandas"):
        import pandas as pd  # noqa: PLC0415 - an optional extra
    columns, data = _python_values(registry, name)
    frame = pd.DataFrame(
        {c.name: pd.Series(data[c.name], dtype=_pandas_dtype(pd, c)) for c in columns}
    )
    frame.attrs.update(provenance(registry).as_dict())
    return frame


def _pandas_dtype(pd: Any, column: Column) -> Any:
    if column.type == "category":
        return pd.CategoricalDtype(list(column.categories))
    return _declared(column.type, 1)


def to_polars(registry: Records, name: str = "entries") -> pl.DataFrame:
    """Return table ``name`` as a polars DataFrame with one dtype per column type.

    A polars DataFrame has no place for metadata: take the provenance from
    :func:`provenance` (or the pandas form's ``attrs``).

    Raises:
        ImportError: polars is not installed (the ``polars`` extra).
        ValueError: No table has that name.
    """
    with _needs("polars"):
        import polars as pl  # noqa: PLC0415 - an optional extra
    columns, data = _python_values(registry, name)
    return pl.DataFrame(data, schema={c.name: _polars_dtype(pl, c) for c in columns})


def _polars_dtype(pl: Any, column: Column) -> Any:
    if column.type == "category":
        return pl.Enum(list(column.categories))
    if column.type == "list":
        return pl.List(pl.String)
    return getattr(pl, _declared(column.type, 2))


# -- CSV -------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is read as a formula by spreadsheets."""

ESCAPE = "'"
"""Put before a text cell that starts with a :data:`FORMULA_STARTS` character
(as OWASP advises) or with itself, so that one leading apostrophe always
means an escape: remove one from any text cell that starts with it to get
the text back."""


def csv_cell(column: Column, value: Any) -> str:
    """One CSV cell of ``column`` from its :func:`records` value."""
    if value is None:
        return ""
    if column.type == "list":
        return json.dumps(value, ensure_ascii=False)
    if column.type == "boolean":
        return "true" if value else "false"
    text = str(value)
    if column.type == "text" and text.startswith((*FORMULA_STARTS, ESCAPE)):
        return ESCAPE + text
    return text


def csv_text(registry: Records, name: str = "entries") -> str:
    """Return table ``name`` as CSV text, a header line first.

    Empty cells are unknown values, lists are JSON arrays, booleans ``true``
    or ``false``; text cells are escaped as :data:`ESCAPE` says.

    Raises:
        ValueError: No table has that name.
    """
    import csv  # noqa: PLC0415 - exports only

    definition = table(name)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in definition.columns])
    writer.writerows(
        [csv_cell(c, row[c.name]) for c in definition.columns]
        for row in records(registry, name)
    )
    return buffer.getvalue()


_TABLE_SCHEMA_TYPES = {
    "text": "string",
    "integer": "integer",
    "decimal": "number",
    "date": "date",
    "boolean": "boolean",
    "category": "string",
    "list": "array",
}


def datapackage(registry: Records) -> dict[str, Any]:
    """Return the Frictionless Data Package descriptor of every table's CSV.

    Each table is a resource ``NAME.csv`` (as :func:`csv_text` writes it)
    with a Table Schema: field types, category values as ``enum``
    constraints, primary and foreign keys. The provenance is in the
    package's ``provenance`` member.
    """
    made = provenance(registry)
    resources = [
        {
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": definition.description,
            "schema": {
                "fields": [
                    {
                        "name": column.name,
                        "type": _TABLE_SCHEMA_TYPES[column.type],
                        "description": column.description,
                    }
                    | (
                        {"constraints": {"enum": list(column.categories)}}
                        if column.categories
                        else {}
                    )
                    for column in definition.columns
                ],
                "primaryKey": list(definition.primary_key),
                "foreignKeys": [
                    {
                        "fields": [column],
                        "reference": {"resource": other, "fields": ["id"]},
                    }
                    for column, other in definition.foreign_keys
                ],
                "missingValues": [""],
            },
        }
        for name, definition in _schema().tables.items()
    ]
    escapes = " ".join(repr(c)[1:-1] for c in FORMULA_STARTS)
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "aifactories",
        **_about(made),
        "version": made.data_version,
        "provenance": made.as_dict(),
        "notes": f"A text cell that starts with one of {escapes} or with "
        f"{ESCAPE} has one {ESCAPE} more in front: remove it to read the text.",
    }
    if made.licence:
        package["licenses"] = [{"name": made.licence, "path": _licence_url(made)}]
    if made.source:
        package["sources"] = [{"title": "aifactories", "path": made.source}]
    return package | {"resources": resources}


def _about(made: Provenance) -> dict[str, str]:
    """A title and a one-line description of an export, from its provenance."""
    checked = f", sources checked until {made.checked_until}" * bool(made.checked_until)
    return {
        "title": f"EuroHPC AI Factories registry, data version {made.data_version}",
        "description": f"Data version {made.data_version}{checked}; written by "
        f"aifactories {made.library_version or '(unknown version)'}.",
    }


def _licence_url(made: Provenance) -> str:
    return f"https://spdx.org/licenses/{made.licence}.html"


# -- SQLite ----------------------------------------------------------------------


def _sql_value(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.type == "decimal":
        return float(value)
    if column.type == "list":  # a boolean is an int to sqlite3 already
        return json.dumps(value, ensure_ascii=False)
    return value


def _create(definition: Table) -> list[str]:
    lines = [f'  "{c.name}" {_declared(c.type, 3)}' for c in definition.columns]
    keys = ", ".join(f'"{k}"' for k in definition.primary_key)
    lines.append(f"  PRIMARY KEY ({keys})")
    lines += [
        f'  FOREIGN KEY ("{column}") REFERENCES "{other}" ("id")'
        for column, other in definition.foreign_keys
    ]
    body = ",\n".join(lines)
    statements = [f'CREATE TABLE "{definition.name}" (\n{body}\n)']
    statements += [
        f'CREATE INDEX "{definition.name}_{column}" ON "{definition.name}" ("{column}")'
        for column in definition.indexes
    ]
    return statements


def write_sqlite(
    registry: Records,
    path: str | os.PathLike[str],
    *,
    inputs: Collection[str] = (),
) -> None:
    """Write every table into a new SQLite database at ``path``, atomically.

    The database also holds a ``meta`` table (``key``, ``value``: the
    :class:`Provenance` fields) and ``PRAGMA user_version`` set to
    :attr:`Provenance.user_version`. It is built in a temporary folder, then
    written to ``path`` in one step by :func:`aifactories._files.write_file`,
    which says how a failure, links and devices are handled.

    Args:
        registry: The registry to write.
        path: The database file.
        inputs: Files the command reads, which ``path`` must not be.
    """
    # Imported here: listing entries reads this module and needs none of them.
    import sqlite3  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    from aifactories._files import write_file  # noqa: PLC0415 - writers only

    with tempfile.TemporaryDirectory() as folder:
        built = os.path.join(folder, "registry.db")  # noqa: PTH118 - str for sqlite3
        # closing() matters: the context manager of a connection only commits.
        with contextlib.closing(sqlite3.connect(built)) as connection:
            _fill(connection, registry)
        with open(built, "rb") as stream:  # noqa: PTH123 - a private file we just built
            write_file(os.fspath(path), stream, inputs=inputs)


def _fill(connection: sqlite3.Connection, registry: Records) -> None:
    connection.execute("PRAGMA foreign_keys = ON")
    made = provenance(registry)
    connection.execute(f"PRAGMA user_version = {made.user_version:d}")
    # Parents first, so that every foreign key holds as rows go in.
    order = dict.fromkeys(["waves", "entries", *_schema().tables])
    with connection:
        for name in order:
            definition = table(name)
            for statement in _create(definition):
                connection.execute(statement)
            names = ", ".join(f'"{c.name}"' for c in definition.columns)
            marks = ", ".join("?" for _ in definition.columns)
            connection.executemany(
                f'INSERT INTO "{name}" ({names}) VALUES ({marks})',  # noqa: S608 - our names
                [
                    [_sql_value(c, row[c.name]) for c in definition.columns]
                    for row in records(registry, name)
                ],
            )
        connection.execute(f'CREATE TABLE "meta" (\n{_META_COLUMNS}\n)')
        connection.executemany(
            'INSERT INTO "meta" VALUES (?, ?)', made.as_dict().items()
        )


_META_COLUMNS = '  "key" TEXT PRIMARY KEY,\n  "value" TEXT'
_META_DESCRIPTION = (
    "What the database holds and where it comes from: data_version, "
    "data_date, checked_until, licence, source and library_version."
)


def datasette_metadata(registry: Records, database: str) -> dict[str, Any]:
    """Return Datasette metadata for the database :func:`write_sqlite` writes.

    Args:
        registry: The registry in the database.
        database: The database's name in Datasette: its file name without
            the suffix (``registry`` for ``registry.db``).
    """
    made = provenance(registry)
    described = {
        name: {
            "description": definition.description,
            "columns": {c.name: c.description for c in definition.columns},
        }
        for name, definition in _schema().tables.items()
    }
    described["meta"] = {"description": _META_DESCRIPTION}
    metadata: dict[str, Any] = _about(made)
    if made.licence:
        metadata |= {"license": made.licence, "license_url": _licence_url(made)}
    if made.source:
        metadata |= {"source": "aifactories", "source_url": made.source}
    metadata["databases"] = {database: {"tables": described}}
    return metadata


# -- GeoJSON ---------------------------------------------------------------------


def _point(row: dict[str, Any]) -> dict[str, Any] | None:
    latitude, longitude = row["location_latitude"], row["location_longitude"]
    if latitude is None or longitude is None:
        return None
    return {"type": "Point", "coordinates": [float(longitude), float(latitude)]}


def geojson(registry: Records, *, links: bool = False) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection with a Feature per entry.

    The properties of an entry's Feature are its row of the entries table;
    its geometry is a Point ``[longitude, latitude]`` (RFC 7946), or
    ``null`` where the location is unknown. With ``links``, each row of the
    links table follows as a Feature whose properties are that row and
    whose geometry is a LineString from the antenna to the factory (``null``
    when either end has no location). The collection's ``provenance``
    member holds the :class:`Provenance` fields.
    """
    rows = records(registry, "entries")
    points = {row["id"]: _point(row) for row in rows}
    features = [
        {
            "type": "Feature",
            "id": row["id"],
            "geometry": points[row["id"]],
            "properties": row,
        }
        for row in rows
    ]
    for row in records(registry, "links") if links else ():
        ends = [points.get(row["antenna_id"]), points.get(row["factory_id"])]
        line = [end and end["coordinates"] for end in ends]
        known = None not in line
        geometry = {"type": "LineString", "coordinates": line} if known else None
        features.append({"type": "Feature", "geometry": geometry, "properties": row})
    return {
        "type": "FeatureCollection",
        "provenance": provenance(registry).as_dict(),
        "features": features,
    }


def markdown() -> str:
    """The tables in Markdown, as ``docs/reference/tables.md`` shows them."""
    out = [
        "## Column types",
        "",
        "| type | records | pandas | polars | SQLite | CSV |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    out += [f"| {kind} | {' | '.join(forms)} |" for kind, forms in TYPE_NOTES.items()]
    starts = ", ".join(f"`{repr(c)[1:-1]}`" for c in FORMULA_STARTS)
    out += [
        "",
        "## Text cells in CSV",
        "",
        (
            f"A text cell that starts with {starts} (which a spreadsheet would "
            f"run as a formula) or with `{ESCAPE}` is written with one "
            f"`{ESCAPE}` in front, as OWASP advises for CSV files; numeric, "
            "date, category and list cells never are. To get the text back, "
            f"remove one `{ESCAPE}` from any text cell that starts with "
            f"`{ESCAPE}`: a leading apostrophe of the data itself is written "
            f"as `{ESCAPE * 2}`."
        ),
        "",
    ]
    for definition in _schema().tables.values():
        out += [f"## `{definition.name}`", "", definition.description, ""]
        keys = ", ".join(f"`{k}`" for k in definition.primary_key)
        out.append(f"Primary key: {keys}.")
        if definition.foreign_keys:
            refs = ", ".join(f"`{c}` → `{t}.id`" for c, t in definition.foreign_keys)
            out.append(f"Foreign keys: {refs}.")
        out += ["", "| column | type | description |", "| --- | --- | --- |"]
        for column in definition.columns:
            kind: str = column.type
            if column.categories:
                kind += ": " + ", ".join(f"`{v}`" for v in column.categories)
            text = column.description.replace("|", "\\|")
            out.append(f"| `{column.name}` | {kind} | {text} |")
        out.append("")
    return "\n".join(out)
