"""Every flat surface shows each table with the row layer's columns and values.

The row layer (``to_records``) is the reference; pandas, polars, CSV (the
library's and the command line's), SQLite, the Data Package, the GeoJSON
properties and the command line's ``--json`` listings are read back here,
each in its own way, and compared with it, for every table of the bundled
data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import sqlite3
import typing
from collections.abc import Callable
from typing import Any

import pytest

import aifactories
from aifactories import Registry
from aifactories import _tables as tables
from aifactories._cli import main

NAMES: list[str] = list(typing.get_args(tables.TableName))

Rows = list[dict[str, Any]]


def _typed(column: tables.Column, value: Any) -> Any:
    """A records cell as the typed forms hold it: floats and dates."""
    if value is None:
        return None
    if column.type == "decimal":
        return float(value)
    if column.type == "date":
        return dt.date.fromisoformat(value)
    return value


def _expected(registry: Registry, name: str) -> Rows:
    columns = tables.table(name).columns
    return [
        {c.name: _typed(c, row[c.name]) for c in columns}
        for row in registry.to_records(name)  # type: ignore[arg-type]
    ]


def _missing(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or (type(value).__name__ in {"NAType", "NaTType"})
    )


# -- readers: each surface back to typed rows -----------------------------------


def _from_csv(text: str, name: str) -> Rows:
    columns = {c.name: c for c in tables.table(name).columns}
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows
    assert list(rows[0]) == list(columns)

    def cell(column: tables.Column, text: str) -> Any:
        if text == "":
            return None
        readers: dict[str, Callable[[str], Any]] = {
            "list": json.loads,
            "boolean": {"true": True, "false": False}.__getitem__,
            "integer": int,
            "text": lambda t: t.removeprefix(tables.ESCAPE),
        }
        return _typed(column, readers.get(column.type, str)(text))

    return [{k: cell(columns[k], v) for k, v in row.items()} for row in rows]


def _from_sqlite(connection: sqlite3.Connection, name: str) -> Rows:
    columns = tables.table(name).columns
    cursor = connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid')  # noqa: S608
    assert [d[0] for d in cursor.description] == [c.name for c in columns]

    def cell(column: tables.Column, value: Any) -> Any:
        if value is None:
            return None
        if column.type == "list":
            return json.loads(value)
        if column.type == "boolean":
            assert value in {0, 1}
            return bool(value)
        if column.type == "date":
            return dt.date.fromisoformat(value)
        return value

    return [
        {c.name: cell(c, v) for c, v in zip(columns, row, strict=True)}
        for row in cursor
    ]


def _from_pandas(registry: Registry, name: str) -> Rows:
    pytest.importorskip("pandas")
    frame = registry.to_pandas(name)  # type: ignore[arg-type]
    columns = {c.name: c for c in tables.table(name).columns}
    assert list(frame.columns) == list(columns)

    def cell(column: tables.Column, value: Any) -> Any:
        if not isinstance(value, list) and _missing(value):
            return None
        if column.type == "date":
            return value.date()
        if column.type in {"integer", "boolean"}:
            return {"integer": int, "boolean": bool}[column.type](value)
        return value

    return [
        {str(k): cell(columns[str(k)], v) for k, v in row.items()}
        for row in frame.to_dict("records")
    ]


def _from_polars(registry: Registry, name: str) -> Rows:
    pytest.importorskip("polars")
    frame = registry.to_polars(name)  # type: ignore[arg-type]
    assert frame.columns == [c.name for c in tables.table(name).columns]
    return list(frame.rows(named=True))


def _from_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == 0
    return capsys.readouterr().out


# -- the guard -----------------------------------------------------------------


@pytest.fixture(name="database", scope="module")
def _database(tmp_path_factory: pytest.TempPathFactory) -> typing.Iterator[Any]:
    path = tmp_path_factory.mktemp("surfaces") / "registry.db"
    tables.write_sqlite(aifactories.load(), path)
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


class TestEveryTableOnEverySurface:
    """Each surface of each table has the row layer's columns and values."""

    @pytest.mark.parametrize("name", NAMES)
    def test_csv(self, registry: Registry, name: str) -> None:
        found = _from_csv(tables.csv_text(registry, name), name)
        assert found == _expected(registry, name)

    @pytest.mark.parametrize("name", NAMES)
    def test_cli_csv(
        self, registry: Registry, name: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        text = _from_cli(["export", "--format", "csv", "--table", name], capsys)
        assert _from_csv(text, name) == _expected(registry, name)

    @pytest.mark.parametrize("name", NAMES)
    def test_sqlite(
        self, registry: Registry, name: str, database: sqlite3.Connection
    ) -> None:
        assert _from_sqlite(database, name) == _expected(registry, name)

    @pytest.mark.parametrize("name", NAMES)
    def test_pandas(self, registry: Registry, name: str) -> None:
        assert _from_pandas(registry, name) == _expected(registry, name)

    @pytest.mark.parametrize("name", NAMES)
    def test_polars(self, registry: Registry, name: str) -> None:
        assert _from_polars(registry, name) == _expected(registry, name)

    @pytest.mark.parametrize("name", NAMES)
    def test_datapackage_fields(self, registry: Registry, name: str) -> None:
        resources = {r["name"]: r for r in tables.datapackage(registry)["resources"]}
        fields = [f["name"] for f in resources[name]["schema"]["fields"]]
        assert fields == [c.name for c in tables.table(name).columns]

    @pytest.mark.parametrize("name", NAMES)
    def test_datasette_columns(self, registry: Registry, name: str) -> None:
        described = tables.datasette_metadata(registry, "registry")
        columns = described["databases"]["registry"]["tables"][name]["columns"]
        assert list(columns) == [c.name for c in tables.table(name).columns]


class TestTheEntriesTableElsewhere:
    """GeoJSON properties and the CLI's JSON listings are rows of their tables."""

    def test_geojson_properties(self, registry: Registry) -> None:
        features = registry.to_geojson(links=True)["features"]
        entries, links = features[: len(registry)], features[len(registry) :]
        assert [f["properties"] for f in entries] == registry.to_records("entries")
        assert [f["properties"] for f in links] == registry.to_records("links")

    @pytest.mark.parametrize(
        ("args", "pick"),
        [
            (["list", "--json"], list),
            (["list", "--json", "--kind", "antenna"], lambda r: list(r.antennas)),
            (["search", "--json", "lumi"], lambda r: list(r.search("lumi"))),
        ],
    )
    def test_cli_json(
        self,
        registry: Registry,
        capsys: pytest.CaptureFixture[str],
        args: list[str],
        pick: Callable[[Registry], list[aifactories.Factory | aifactories.Antenna]],
    ) -> None:
        rows = json.loads(_from_cli(args, capsys))
        by_id = {row["id"]: row for row in registry.to_records("entries")}
        for row in rows:
            row.pop("rank", None)
        assert rows == [by_id[entry.id] for entry in pick(registry)]
