"""The registry as normalised tables: records, DataFrames, SQLite and GeoJSON.

Every table is one row per thing (an entry, a funding share, a source...),
and its columns are derived from the model's declarations: the fields of a
record class are walked in order, a nested record is flattened into
prefixed columns (``host_city``, ``location_latitude``), and a tuple of
records becomes a table of its own with the owning entry's id. Only the
column *types* are chosen here, from each field's annotation; the
descriptions are the classes' ``Attributes:`` docstrings.

Values in :func:`records` are JSON-safe: decimals and dates as strings, enums
as their values, lists of strings as lists. The typed forms
(:func:`to_pandas`, :func:`to_polars`, :func:`write_sqlite`) convert from
there, one rule per column type.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import sqlite3
import tempfile
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from aifactories._countries import country_name
from aifactories._model import (
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
)
from aifactories._schema import _field_docs

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

    from aifactories._registry import Registry

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
    "timeline",
]
"""The names of the tables."""

TYPE_NOTES: dict[str, tuple[str, str, str, str]] = {
    # For each type: how records, pandas, polars and SQLite hold it.
    "text": ("`str`", "`string`", "`String`", "`TEXT`"),
    "integer": ("`int`", "`Int64` (nullable)", "`Int64`", "`INTEGER`"),
    "decimal": ("exact decimal `str`", "`Float64`", "`Float64`", "`REAL`"),
    "date": ("ISO date `str`", "`datetime64[s]`", "`Date`", "`TEXT` (ISO date)"),
    "boolean": ("`bool`", "`boolean`", "`Boolean`", "`INTEGER` (0 or 1)"),
    "category": ("the enum's value", "`category`", "`Enum`", "`TEXT`"),
    "list": ("`list[str]`", "`object` (lists)", "`List(String)`", "`TEXT` (JSON)"),
}
"""How each column type appears in records, pandas, polars and SQLite."""


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

# Entry fields that are tables of their own, by path.
_CHILDREN: dict[str, TableName] = {
    "stakeholders": "stakeholders",
    "funding.shares": "funding",
    "grants": "grants",
    "people": "people",
    "supercomputer.performance": "performance",
    "supercomputer.top500": "top500",
    "factories": "links",
    "letters_of_intent": "links",
    "calls": "calls",
    "milestones": "timeline",
    "supercomputer.milestones": "timeline",
}

COVERED: dict[str, str] = {}
"""Every entry field path, mapped to the ``table.column`` (or table) holding it."""


def _unwrap(tp: Any) -> Any:
    """``X | None`` -> ``X``."""
    if typing.get_origin(tp) in {types.UnionType, typing.Union}:
        (inner,) = (a for a in typing.get_args(tp) if a is not type(None))
        return inner
    return tp


def _dig(record: object, names: tuple[str, ...]) -> object:
    for name in names:
        if record is None:
            return None
        record = getattr(record, name, None)
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


def _encode(kind: ColumnType, value: object) -> Any:
    """A cell as JSON-safe data."""
    if value is None:
        return None
    if kind == "decimal":
        return format(typing.cast("Decimal", value), "f")
    if kind == "date":
        return typing.cast("dt.date", value).isoformat()
    if kind == "category":
        return typing.cast("enum.Enum", value).value
    if kind == "list":
        items = [v.value if isinstance(v, enum.Enum) else v for v in value]  # type: ignore[attr-defined]
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
        self._walk(cls, "", (), skip)

    def _add(self, column: Column, getter: _Getter, path: str | None = None) -> None:
        self.columns.append(column)
        self.getters.append(getter)
        if path is not None:
            self.paths[path] = f"{self.owner}.{column.name}"

    def _walk(
        self,
        cls: type,
        prefix: str,
        names: tuple[str, ...],
        skip: frozenset[str],
        context: str = "",
    ) -> None:
        hints = typing.get_type_hints(cls)
        docs = _field_docs(cls)
        main = _MAIN.get(cls)
        for field in attrs.fields(typing.cast("type[attrs.AttrsInstance]", cls)):
            path = ".".join((*names, field.name))
            if field.name == "sources":
                self.paths[path] = "sources"
                continue
            if path in skip:
                continue
            tp = _unwrap(hints[field.name])
            if field.name == main and prefix:
                name = prefix.removesuffix("_")
            else:
                name = prefix + _PREFIX.get(field.name, field.name)
            text = docs.get(field.name, "")
            if attrs.has(tp):
                self._walk(tp, name + "_", (*names, field.name), skip, text)
                continue
            if field.name == main and context:
                text = context  # the record's own description says it best
            elif names:
                text = f"{text} (of {'.'.join(names)})"
            kind, categories = _leaf_type(tp, f"{cls.__name__}.{field.name}")
            reader = (*names, field.name)
            self._add(Column(name, kind, text, categories), _reader(kind, reader), path)
        if cls is Money:
            self._add_euros(prefix.removesuffix("_"), names)

    def _add_euros(self, name: str, names: tuple[str, ...]) -> None:
        def euro(part: int) -> _Getter:
            def get(record: object, on: dt.date | None) -> Any:
                money = _dig(record, names)
                if not isinstance(money, Money) or on is None:
                    return None
                try:
                    value = money.in_eur(on)
                except LookupError:
                    return None  # no rate: the cells stay empty, never a guess
                kinds: tuple[ColumnType, ...] = ("decimal", "decimal", "date")
                return _encode(kinds[part], value[part])

            return get

        self._add(
            Column(
                f"{name}_eur",
                "decimal",
                f"The amount in EUR at the ECB reference rate in {name}_eur_rate.",
            ),
            euro(0),
        )
        self._add(
            Column(
                f"{name}_eur_rate",
                "decimal",
                "Units of the currency per EUR (ECB reference rate; 1 for EUR).",
            ),
            euro(1),
        )
        self._add(
            Column(
                f"{name}_eur_rate_date",
                "date",
                "The day the ECB published that rate.",
            ),
            euro(2),
        )

    def row(self, record: object, on: dt.date | None) -> dict[str, Any]:
        return {
            column.name: get(record, on)
            for column, get in zip(self.columns, self.getters, strict=True)
        }


def _id(name: str, description: str) -> Column:
    return Column(name, "text", description)


_ROW = Column("row", "integer", "Row number, 1 for the first row: the key.")
_POSITION = Column(
    "position", "integer", "Place among its entry's items, 0 for the first."
)


def _entry_plan() -> _Plan:
    plan = _Plan("entries", Factory, skip=frozenset({*OMITTED, *_CHILDREN}))
    antenna_only = [
        f.name
        for f in attrs.fields(Antenna)
        if f.name not in {g.name for g in attrs.fields(Factory)}
    ]
    # Every antenna-only field is a link, in the links table.
    assert set(antenna_only) <= set(_CHILDREN), antenna_only  # noqa: S101
    kind = Column(
        "kind",
        "category",
        "factory or antenna.",
        tuple(k.value for k in Kind),
    )
    plan.columns.insert(1, kind)
    plan.getters.insert(1, lambda record, _on: typing.cast("Any", record).kind.value)
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


class _Schema:
    """Every table's definition and how to fill it; built once, on first use."""

    def __init__(self) -> None:
        self.entry_plan = _entry_plan()
        self.child_plans = {
            name: _Plan(name, child.cls, skip=frozenset({"conflicts"}))
            for name, child in _CHILD_TABLES.items()
        }
        self.wave_plan = _Plan("waves", Wave, skip=frozenset({"conflicts"}))
        self.source_plan = _Plan("sources", Source)
        self.tables: dict[str, Table] = {}
        self.tables["entries"] = Table(
            "entries",
            "An AI Factory or AI Factory Antenna. Nested records are flattened "
            "into prefixed columns (host_, location_, funding_, system_).",
            tuple(self.entry_plan.columns),
            ("id",),
            (("wave", "waves"),),
            ("kind", "country"),
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
                (_ROW, entry_id, _POSITION, *plan.columns),
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
                    "formal (Antenna.factories) or letter-of-intent "
                    "(Antenna.letters_of_intent).",
                    ("formal", "letter-of-intent"),
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
        COVERED.clear()
        COVERED.update(self.entry_plan.paths)
        COVERED.update(_CHILDREN)
        for name, child in _CHILD_TABLES.items():
            prefix = ".".join(child.path)
            for path, where in self.child_plans[name].paths.items():
                COVERED[f"{prefix}.{path}"] = where
        self.timeline_plan = _Plan("timeline", Milestone)
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
        for prefix in ("milestones", "supercomputer.milestones"):
            for path, where in self.timeline_plan.paths.items():
                COVERED[f"{prefix}.{path}"] = where


_SCHEMA: _Schema | None = None


def _schema() -> _Schema:
    global _SCHEMA  # noqa: PLW0603 - built once, on first use
    if _SCHEMA is None:
        _SCHEMA = _Schema()
    return _SCHEMA


def tables() -> dict[str, Table]:
    """Every table's definition, by name, in the order of the docs."""
    return dict(_schema().tables)


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


def records(registry: Registry, name: str = "entries") -> list[dict[str, Any]]:
    """Return table ``name`` of ``registry`` as a list of JSON-safe dicts.

    Raises:
        ValueError: No table has that name.
    """
    table(name)
    schema = _schema()
    if name == "entries":
        plan = schema.entry_plan
        return [plan.row(e, e.selected_on) for e in registry]
    if name in schema.child_plans:
        return _child_rows(registry, name)
    if name == "links":
        return _links(registry)
    if name == "timeline":
        return _timeline_rows(registry)
    if name == "waves":
        return [
            {
                **schema.wave_plan.row(selection.wave, selection.wave.announced),
                "entries": len(selection.entries),
            }
            for selection in registry.waves
        ]
    return _sources(registry)


def _child_rows(registry: Registry, name: TableName) -> list[dict[str, Any]]:
    plan = _schema().child_plans[name]
    path = _CHILD_TABLES[name].path
    rows: list[dict[str, Any]] = []
    for entry in registry:
        items = _dig(entry, path) or ()
        for position, item in enumerate(typing.cast("tuple[object, ...]", items)):
            cells = plan.row(item, entry.selected_on)
            rows.append({"entry_id": entry.id, "position": position, **cells})
    if name == "people":
        for position, person in enumerate(registry.people):
            cells = plan.row(person, None)
            rows.append({"entry_id": None, "position": position, **cells})
    return [{"row": n, **row} for n, row in enumerate(rows, 1)]


def _timeline_rows(registry: Registry) -> list[dict[str, Any]]:
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


def _links(registry: Registry) -> list[dict[str, Any]]:
    return [
        {"antenna_id": antenna.id, "factory_id": factory_id, "link": link}
        for antenna in registry.antennas
        for link, ids in (
            ("formal", antenna.factories),
            ("letter-of-intent", antenna.letters_of_intent),
        )
        for factory_id in ids
    ]


def _walk_sources(record: object, path: str) -> Iterator[tuple[str, Source]]:
    """Every source under ``record``, with its path (``host.sources[0]``)."""
    for field in attrs.fields(typing.cast("type[attrs.AttrsInstance]", type(record))):
        value = getattr(record, field.name)
        where = f"{path}.{field.name}" if path else field.name
        if field.name == "sources":
            for i, source in enumerate(value):
                yield f"{where}[{i}]", source
        elif attrs.has(type(value)):
            yield from _walk_sources(value, where)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from _walk_sources(item, f"{where}[{i}]")


def _sources(registry: Registry) -> list[dict[str, Any]]:
    plan = _schema().source_plan
    rows: list[dict[str, Any]] = []

    def add(
        found: Iterator[tuple[str, Source]], entry: str | None, wave: str | None
    ) -> None:
        for path, source in found:
            cells = plan.row(source, None)
            rows.append({"entry_id": entry, "wave_id": wave, "path": path, **cells})

    for wave in registry.wave_records:
        add(_walk_sources(wave, ""), None, wave.id)
    for entry in registry:
        add(_walk_sources(entry, ""), entry.id, None)
    for i, fact in enumerate(registry.facts):
        add(_walk_sources(fact, f"facts[{i}]"), None, None)
    for i, person in enumerate(registry.people):
        add(_walk_sources(person, f"people[{i}]"), None, None)
    if registry.access is not None:
        add(_walk_sources(registry.access, "access"), None, None)
    for i, call in enumerate(registry.gigafactory_calls):
        add(_walk_sources(call, f"gigafactory_calls[{i}]"), None, None)
    return [{"row": n, **row} for n, row in enumerate(rows, 1)]


# -- typed forms -----------------------------------------------------------------


def _missing(extra: str, exc: ImportError) -> ImportError:
    return ImportError(
        f"this needs {extra}, which is not installed: "
        f"pip install 'aifactories[{extra}]'"
    ).with_traceback(exc.__traceback__)


def _python_values(column: Column, values: list[Any]) -> list[Any]:
    """The cells as Python values for a DataFrame: dates, floats."""
    if column.type == "date":
        return [None if v is None else dt.date.fromisoformat(v) for v in values]
    if column.type == "decimal":
        return [None if v is None else float(v) for v in values]
    return values


def to_pandas(registry: Registry, name: str = "entries") -> pd.DataFrame:
    """Return table ``name`` as a pandas DataFrame with one dtype per column type.

    Raises:
        ImportError: pandas is not installed (the ``pandas`` extra).
        ValueError: No table has that name.
    """
    try:
        import pandas as pd  # noqa: PLC0415 - an optional extra
    except ImportError as exc:
        raise _missing("pandas", exc) from None
    definition = table(name)
    rows = records(registry, name)
    data: dict[str, Any] = {}
    for column in definition.columns:
        values = _python_values(column, [row[column.name] for row in rows])
        data[column.name] = pd.Series(values, dtype=_pandas_dtype(pd, column))
    return pd.DataFrame(data, columns=[c.name for c in definition.columns])


def _pandas_dtype(pd: Any, column: Column) -> Any:
    dtypes: dict[str, Any] = {
        "text": pd.StringDtype(),
        "integer": pd.Int64Dtype(),
        "decimal": pd.Float64Dtype(),
        "date": "datetime64[s]",
        "boolean": pd.BooleanDtype(),
        "list": object,
    }
    if column.type == "category":
        return pd.CategoricalDtype(list(column.categories))
    return dtypes[column.type]


def to_polars(registry: Registry, name: str = "entries") -> pl.DataFrame:
    """Return table ``name`` as a polars DataFrame with one dtype per column type.

    Raises:
        ImportError: polars is not installed (the ``polars`` extra).
        ValueError: No table has that name.
    """
    try:
        import polars as pl  # noqa: PLC0415 - an optional extra
    except ImportError as exc:
        raise _missing("polars", exc) from None
    definition = table(name)
    rows = records(registry, name)
    dtypes: dict[str, Any] = {
        "text": pl.String,
        "integer": pl.Int64,
        "decimal": pl.Float64,
        "date": pl.Date,
        "boolean": pl.Boolean,
        "list": pl.List(pl.String),
    }
    schema = {
        c.name: pl.Enum(list(c.categories)) if c.type == "category" else dtypes[c.type]
        for c in definition.columns
    }
    data = {
        c.name: _python_values(c, [row[c.name] for row in rows])
        for c in definition.columns
    }
    return pl.DataFrame(data, schema=schema)


# -- SQLite ----------------------------------------------------------------------

_SQL_TYPES = {
    "text": "TEXT",
    "integer": "INTEGER",
    "decimal": "REAL",
    "date": "TEXT",
    "boolean": "INTEGER",
    "category": "TEXT",
    "list": "TEXT",
}


def _sql_value(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.type == "decimal":
        return float(value)
    if column.type == "boolean":
        return int(value)
    if column.type == "list":
        return json.dumps(value, ensure_ascii=False)
    return value


def _create(definition: Table) -> list[str]:
    lines = [f'  "{c.name}" {_SQL_TYPES[c.type]}' for c in definition.columns]
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


def write_sqlite(registry: Registry, path: str | os.PathLike[str]) -> None:
    """Write every table into a new SQLite database at ``path``, atomically.

    The database is built in a temporary file beside ``path`` and moved into
    place at the end, so a reader never sees half a database and a failure
    leaves ``path`` as it was.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    os.close(handle)
    try:
        # closing() matters: the context manager of a connection only commits.
        connection = sqlite3.connect(temporary)
        try:
            _fill(connection, registry)
        finally:
            connection.close()
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _fill(connection: sqlite3.Connection, registry: Registry) -> None:
    connection.execute("PRAGMA foreign_keys = ON")
    # Parents first, so that every foreign key holds as rows go in.
    order = ["waves", "entries"] + [
        n for n in _schema().tables if n not in {"waves", "entries"}
    ]
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


# -- GeoJSON ---------------------------------------------------------------------


def geojson(registry: Registry) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection: a Point per entry with a location.

    Coordinates are ``[longitude, latitude]`` as numbers (RFC 7946); the
    properties are ``id``, ``name``, ``kind``, ``country``, ``host``,
    ``city``, ``website``, ``wave`` and ``links``: the ids of the entries
    it is formally linked to (an antenna's factories, a factory's antennas).
    """
    features = []
    for entry in registry:
        place = entry.location
        if place is None:
            continue
        if isinstance(entry, Factory):
            links = [a.id for a in registry.antennas_of(entry)]
        else:
            links = list(entry.factories)
        features.append(
            {
                "type": "Feature",
                "id": entry.id,
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(place.longitude), float(place.latitude)],
                },
                "properties": {
                    "id": entry.id,
                    "name": entry.name,
                    "kind": entry.kind.value,
                    "country": entry.country,
                    "host": entry.host.name if entry.host else None,
                    "city": place.city,
                    "website": entry.website.url if entry.website else None,
                    "wave": entry.wave,
                    "links": links,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def markdown() -> str:
    """The tables in Markdown, as ``docs/reference/tables.md`` shows them."""
    out = [
        "## Column types",
        "",
        "| type | records | pandas | polars | SQLite |",
        "| --- | --- | --- | --- | --- |",
    ]
    out += [f"| {kind} | {' | '.join(forms)} |" for kind, forms in TYPE_NOTES.items()]
    out.append("")
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


__all__ = [
    "COVERED",
    "OMITTED",
    "TYPE_NOTES",
    "Column",
    "ColumnType",
    "Table",
    "TableName",
    "geojson",
    "markdown",
    "records",
    "table",
    "tables",
    "to_pandas",
    "to_polars",
    "write_sqlite",
]
