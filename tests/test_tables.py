"""The registry as tables: records, DataFrames, SQLite, GeoJSON, EUR amounts."""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
import typing
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import aifactories
from aifactories import Antenna, Factory, Money, Registry
from aifactories import _tables as tables
from aifactories.testing import strategies as aist

FEWER = settings(max_examples=max(10, settings().max_examples // 5), deadline=None)
ROOT = Path(__file__).resolve().parent.parent
NAMES: list[tables.TableName] = list(typing.get_args(tables.TableName))


def _leaf_paths(cls: type, prefix: str = "") -> list[str]:
    """Every field path under ``cls``, walked independently of _tables."""
    hints = typing.get_type_hints(cls)
    paths: list[str] = []
    for field in attrs.fields(cls):
        path = prefix + field.name
        tp = hints[field.name]
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = args[0] if typing.get_origin(tp) is not None and args else tp
        if typing.get_origin(tp) is tuple and attrs.has(args[0]):
            inner = args[0]
        if attrs.has(inner):
            paths.append(path)
            paths += _leaf_paths(inner, path + ".")
        else:
            paths.append(path)
    return paths


# -- the columns -------------------------------------------------------------


def test_every_entry_field_is_in_a_table_or_omitted() -> None:
    tables.tables()  # builds COVERED
    missing = []
    for cls in (Factory, Antenna):
        for path in _leaf_paths(cls):
            parts = path.split(".")
            prefixes = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
            if prefixes & set(tables.OMITTED):
                continue
            # Sources anywhere are rows of the sources table, with their path.
            if any(tables.COVERED.get(p) == "sources" for p in prefixes):
                continue
            if path in tables.COVERED:
                continue
            # A nested record is covered through its fields.
            if any(p.startswith(path + ".") for p in tables.COVERED):
                continue
            missing.append(path)
    assert missing == [], f"add a column or list these in OMITTED: {missing}"


def test_the_table_names_are_the_tables() -> None:
    assert list(tables.tables()) == NAMES


def test_covered_columns_exist() -> None:
    defined = {
        f"{t.name}.{c.name}" for t in tables.tables().values() for c in t.columns
    }
    for where in tables.COVERED.values():
        assert where in defined or where in tables.tables(), where


def test_keys_name_columns_of_their_tables() -> None:
    definitions = tables.tables()
    for definition in definitions.values():
        names = {c.name for c in definition.columns}
        assert len(names) == len(definition.columns), definition.name
        assert set(definition.primary_key) <= names
        assert set(definition.indexes) <= names
        for column, other in definition.foreign_keys:
            assert column in names
            assert "id" in {c.name for c in definitions[other].columns}


def test_the_entries_columns_have_descriptions() -> None:
    for definition in tables.tables().values():
        for column in definition.columns:
            assert column.description.strip(), f"{definition.name}.{column.name}"


def test_unknown_table_is_a_clear_error(registry: Registry) -> None:
    with pytest.raises(ValueError, match="the tables are entries"):
        registry.to_records("nope")  # type: ignore[arg-type]


def test_the_reference_page_is_generated_from_the_columns() -> None:
    page = (ROOT / "docs" / "reference" / "tables.md").read_text(encoding="utf-8")
    assert tables.markdown() in page, (
        "docs/reference/tables.md is out of date: run python scripts/tables_doc.py"
    )


# -- the rows ----------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_records_are_json_safe_and_match_the_columns(
    registry: Registry, name: tables.TableName
) -> None:
    rows = registry.to_records(name)
    assert rows
    assert json.loads(json.dumps(rows)) == rows
    columns = [c.name for c in tables.table(name).columns]
    assert all(list(row) == columns for row in rows)
    key = tables.table(name).primary_key
    assert len({tuple(row[k] for k in key) for row in rows}) == len(rows)


def _counts(registry: Registry) -> dict[str, int]:
    entries = registry.entries
    systems = [e.supercomputer for e in registry.factories if e.supercomputer]
    return {
        "entries": len(entries),
        "funding": sum(len(e.funding.shares) for e in entries if e.funding),
        "stakeholders": sum(len(e.stakeholders) for e in entries),
        "people": sum(len(e.people) for e in entries) + len(registry.people),
        "grants": sum(len(e.grants) for e in entries),
        "performance": sum(len(s.performance) for s in systems),
        "top500": sum(len(s.top500) for s in systems),
        "links": sum(
            len(a.factories) + len(a.letters_of_intent) for a in registry.antennas
        ),
        "waves": len(registry.wave_records),
        "sources": sum(1 for _ in _all_sources(registry)),
        "calls": sum(len(e.calls) for e in entries),
        "timeline": len(entries)
        + sum(len(e.milestones) for e in entries)
        + sum(len(s.milestones) for s in systems)
        + sum(len(c.milestones) for c in registry.gigafactory_calls),
    }


def _all_sources(value: object) -> typing.Iterator[aifactories.Source]:
    # A plain walk over everything: any Source anywhere is one row.
    if isinstance(value, aifactories.Source):
        yield value
    elif isinstance(value, Registry):
        parts = (value.wave_records, value.entries, value.facts, value.people)
        for part in (*parts, value.gigafactory_calls):
            yield from _all_sources(part)
        yield from _all_sources(value.access)
    elif attrs.has(type(value)):
        for field in attrs.fields(typing.cast("Any", type(value))):
            yield from _all_sources(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _all_sources(item)


def test_row_counts_of_the_bundled_registry(registry: Registry) -> None:
    assert {n: len(registry.to_records(n)) for n in NAMES} == _counts(registry)


@FEWER
@given(aist.registries())
def test_row_counts_of_any_registry(drawn: Registry) -> None:
    counts = {n: len(tables.records(drawn, n)) for n in NAMES}
    assert counts == _counts(drawn)
    rows = tables.records(drawn, "funding")
    for row in rows:
        # EUR amounts always convert, at 1; others only with a recorded rate.
        if row["amount_currency"] == "EUR":
            assert row["amount_eur_rate"] == "1"
        if row["amount_eur"] is not None:
            assert row["amount_eur_rate"] is not None
            assert row["amount_eur_rate_date"] is not None
    json.dumps([tables.records(drawn, n) for n in NAMES])


def test_links_table_has_formal_links_and_letters(registry: Registry) -> None:
    rows = registry.to_records("links")
    for antenna in registry.antennas:
        formal = [
            r["factory_id"]
            for r in rows
            if r["antenna_id"] == antenna.id and r["link"] == "formal"
        ]
        letters = [
            r["factory_id"]
            for r in rows
            if r["antenna_id"] == antenna.id and r["link"] == "letter-of-intent"
        ]
        assert formal == list(antenna.factories)
        assert letters == list(antenna.letters_of_intent)


def test_sources_rows_say_what_they_support_and_their_kind(registry: Registry) -> None:
    rows = registry.to_records("sources")
    mimer = [r for r in rows if r["entry_id"] == "mimer"]
    assert {r["path"] for r in mimer} >= {"sources[0]", "host.sources[0]"}
    assert all(r["url"] or r["seed"] for r in rows)
    assert {r["kind"] for r in rows} >= {"official", "press"}


# -- money -------------------------------------------------------------------


def _amounts(registry: Registry) -> list[tuple[Money, dt.date]]:
    found: list[tuple[Money, dt.date]] = []
    for entry in registry:
        if entry.funding:
            if entry.funding.total:
                found.append((entry.funding.total, entry.selected_on))
            found += [
                (s.amount, entry.selected_on) for s in entry.funding.shares if s.amount
            ]
    found += [
        (w.investment, w.announced) for w in registry.wave_records if w.investment
    ]
    return found


def test_every_amount_has_a_recorded_rate(registry: Registry) -> None:
    amounts = _amounts(registry)
    assert {m.currency for m, _ in amounts} >= {"EUR", "CZK", "PLN", "ISK", "GBP"}
    for money, on in amounts:
        euros = money.in_eur(on)
        assert euros.rate_date <= on
        assert (on - euros.rate_date).days < 5
        if money.currency == "EUR":
            assert euros.rate == 1
            assert euros.amount == money.amount
        else:
            assert euros.rate != 1
            assert abs(euros.amount * euros.rate - money.amount) < euros.rate


def test_the_funding_table_keeps_the_stated_amount(registry: Registry) -> None:
    lumi = [r for r in registry.to_records("funding") if r["entry_id"] == "lumi-aif"]
    czech = next(r for r in lumi if r["amount_currency"] == "CZK")
    assert czech["amount"] == "550000000"
    assert czech["amount_eur_rate"] == "25.098"
    assert czech["amount_eur_rate_date"] == "2024-12-10"
    assert czech["amount_eur"] == "21914096.74"
    assert czech["amount_qualifier"] == "at-least"


def test_no_rate_is_an_error_not_a_guess() -> None:
    money = Money(Decimal(100), "CZK")
    with pytest.raises(LookupError, match="no ECB reference rate for CZK"):
        money.in_eur(dt.date(2001, 1, 1))
    assert Money(Decimal(100), "EUR").in_eur(dt.date(2001, 1, 1)).rate == 1


def test_the_rates_file_names_the_ecb() -> None:
    data = json.loads(
        (ROOT / "src/aifactories/data/ecb_rates.json").read_text(encoding="utf-8")
    )
    assert data["source"].startswith("https://www.ecb.europa.eu/")


# -- DataFrames --------------------------------------------------------------


def _expected_pandas(pd: Any, column: tables.Column) -> Any:
    return {
        "text": pd.StringDtype(),
        "integer": pd.Int64Dtype(),
        "decimal": pd.Float64Dtype(),
        "boolean": pd.BooleanDtype(),
        "date": "datetime64[s]",
        "list": object,
        "category": pd.CategoricalDtype(list(column.categories)),
    }[column.type]


@pytest.mark.parametrize("name", NAMES)
def test_to_pandas_keeps_rows_and_types(
    registry: Registry, name: tables.TableName
) -> None:
    pd = pytest.importorskip("pandas")
    frame = registry.to_pandas(name)
    definition = tables.table(name)
    assert len(frame) == len(registry.to_records(name))
    assert list(frame.columns) == [c.name for c in definition.columns]
    for column in definition.columns:
        assert frame[column.name].dtype == _expected_pandas(pd, column), column.name


@pytest.mark.parametrize("name", NAMES)
def test_to_polars_keeps_rows_and_types(
    registry: Registry, name: tables.TableName
) -> None:
    pl = pytest.importorskip("polars")
    frame = registry.to_polars(name)
    definition = tables.table(name)
    assert frame.height == len(registry.to_records(name))
    expected = {
        "text": pl.String,
        "integer": pl.Int64,
        "decimal": pl.Float64,
        "boolean": pl.Boolean,
        "date": pl.Date,
        "list": pl.List(pl.String),
    }
    for column in definition.columns:
        dtype = frame.schema[column.name]
        if column.type == "category":
            assert dtype == pl.Enum(list(column.categories))
        else:
            assert dtype == expected[column.type], column.name


def test_dataframe_values_match_the_records(registry: Registry) -> None:
    pd = pytest.importorskip("pandas")
    frame = registry.to_pandas("entries").set_index("id")
    mimer = registry.factory("mimer")
    assert frame.loc["mimer", "selected_on"] == pd.Timestamp(mimer.selected_on)
    assert frame.loc["mimer", "kind"] == "factory"
    assert mimer.location is not None
    assert frame.loc["mimer", "location_latitude"] == float(mimer.location.latitude)


def test_a_missing_extra_names_it(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match=r"aifactories\[pandas\]"):
        registry.to_pandas()
    with pytest.raises(ImportError, match=r"aifactories\[polars\]"):
        registry.to_polars()


# -- SQLite ------------------------------------------------------------------


@pytest.fixture(name="database", scope="module")
def _database(tmp_path_factory: pytest.TempPathFactory) -> typing.Iterator[Any]:
    path = tmp_path_factory.mktemp("db") / "registry.db"
    tables.write_sqlite(aifactories.load(), path)
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def test_sqlite_has_every_table_and_row(database: Any, registry: Registry) -> None:
    for name in NAMES:
        (count,) = database.execute(f'SELECT count(*) FROM "{name}"').fetchone()  # noqa: S608
        assert count == len(registry.to_records(name))
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    indexes = {r[0] for r in database.execute("SELECT name FROM sqlite_master")}
    assert {"links_factory_id", "funding_entry_id", "entries_country"} <= indexes


def test_sql_antennas_of_a_factory(database: Any, registry: Registry) -> None:
    for factory in registry.factories:
        rows = database.execute(
            "SELECT a.id FROM entries a JOIN links l ON l.antenna_id = a.id "
            "WHERE l.factory_id = ? AND l.link = 'formal' "
            "ORDER BY a.selected_on, a.id",
            (factory.id,),
        ).fetchall()
        assert [r[0] for r in rows] == [a.id for a in registry.antennas_of(factory)]


SERVING = """
SELECT id FROM entries WHERE country = :c
UNION SELECT e.id FROM entries e, json_each(e.partner_countries) p WHERE p.value = :c
UNION SELECT l.factory_id FROM links l JOIN entries a ON a.id = l.antenna_id
      WHERE a.country = :c AND l.link = 'formal'
"""


def test_sql_entries_serving_a_country(database: Any, registry: Registry) -> None:
    countries = {e.country for e in registry} | {
        c for e in registry for c in e.partner_countries
    }
    for country in sorted(countries):
        rows = database.execute(SERVING, {"c": country}).fetchall()
        assert {r[0] for r in rows} == {e.id for e in registry.serving(country)}


def test_sql_funding_per_country_in_eur(database: Any, registry: Registry) -> None:
    rows = database.execute(
        "SELECT e.country, sum(f.amount_eur) FROM funding f "
        "JOIN entries e ON e.id = f.entry_id "
        "WHERE f.amount_eur IS NOT NULL GROUP BY e.country"
    ).fetchall()
    expected: dict[str, Decimal] = defaultdict(Decimal)
    for entry in registry:
        for share in entry.funding.shares if entry.funding else ():
            if share.amount:
                expected[entry.country] += share.amount.in_eur(entry.selected_on).amount
    assert {c: round(total, 2) for c, total in rows} == {
        c: float(total) for c, total in expected.items()
    }


def test_sql_factories_by_sector(database: Any, registry: Registry) -> None:
    rows = database.execute(
        "SELECT s.value, count(*) FROM entries e, json_each(e.sectors) s "
        "WHERE e.kind = 'factory' GROUP BY s.value"
    ).fetchall()
    expected = {
        sector.value: sum(
            1 for e in registry.with_sector(sector) if e.kind == "factory"
        )
        for sector in aifactories.Sector
    }
    assert dict(rows) == {k: v for k, v in expected.items() if v}


def test_write_sqlite_replaces_a_file_atomically(tmp_path: Path) -> None:
    target = tmp_path / "registry.db"
    target.write_text("not a database", encoding="utf-8")
    tables.write_sqlite(aifactories.load(), target)
    with sqlite3.connect(target) as connection:
        assert connection.execute("SELECT count(*) FROM waves").fetchone() == (4,)
    assert [p.name for p in tmp_path.iterdir()] == ["registry.db"]


def test_datasette_serves_the_database(tmp_path: Path) -> None:
    datasette_app = pytest.importorskip("datasette.app")
    import asyncio

    path = tmp_path / "registry.db"
    tables.write_sqlite(aifactories.load(), path)

    async def fetch() -> Any:
        app = datasette_app.Datasette([str(path)])
        return await app.client.get(
            "/registry/links.json?factory_id=lumi-aif&_shape=array"
        )

    response = asyncio.run(fetch())
    assert response.status_code == 200
    antennas = {row["antenna_id"] for row in response.json()}
    expected = {a.id for a in aifactories.load().antennas}
    assert antennas <= expected
    assert antennas


# -- GeoJSON -----------------------------------------------------------------

PROPERTIES = {"id", "name", "kind", "country", "host", "city", "website", "wave"}


def test_geojson_has_a_valid_point_per_located_entry(registry: Registry) -> None:
    found = tables.geojson(registry)
    assert found["type"] == "FeatureCollection"
    located = [e for e in registry if e.location is not None]
    assert [f["id"] for f in found["features"]] == [e.id for e in located]
    for feature, entry in zip(found["features"], located, strict=True):
        longitude, latitude = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        assert type(longitude) is float
        assert type(latitude) is float
        assert -180 <= longitude <= 180
        assert -90 <= latitude <= 90
        assert math.isfinite(longitude)
        assert math.isfinite(latitude)
        properties = feature["properties"]
        assert set(properties) == {*PROPERTIES, "links"}
        assert properties["id"] == entry.id
        assert properties["kind"] == entry.kind.value
        assert isinstance(properties["links"], list)
    json.dumps(found, allow_nan=False)
    # Europe, roughly: Iceland to Cyprus.
    assert all(
        -25 < f["geometry"]["coordinates"][0] < 35
        and 34 < f["geometry"]["coordinates"][1] < 67
        for f in found["features"]
    )


def test_geojson_links_go_both_ways(registry: Registry) -> None:
    features = {f["id"]: f for f in tables.geojson(registry)["features"]}
    for antenna in registry.antennas:
        if antenna.id in features:
            assert features[antenna.id]["properties"]["links"] == list(
                antenna.factories
            )
        for factory_id in antenna.factories:
            if factory_id in features:
                assert antenna.id in features[factory_id]["properties"]["links"]


@FEWER
@given(aist.registries())
def test_geojson_of_any_registry(drawn: Registry) -> None:
    found = tables.geojson(drawn)
    json.dumps(found, allow_nan=False)
    assert len(found["features"]) == sum(1 for e in drawn if e.location)


def test_enum_values_in_categories_are_complete() -> None:
    for definition in tables.tables().values():
        for column in definition.columns:
            if column.type == "category":
                assert column.categories
                assert len(set(column.categories)) == len(column.categories)


# -- the command line and the typed lookups ------------------------------------


def test_sqlite_export_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    from aifactories._cli import main

    assert main(["export", "--format", "sqlite"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "give -o FILE" in captured.err


def test_cli_exports_sqlite_geojson_and_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], registry: Registry
) -> None:
    from aifactories._cli import main

    database = tmp_path / "registry.db"
    assert main(["export", "--format", "sqlite", "-o", str(database)]) == 0
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM entries").fetchone() == (32,)
    capsys.readouterr()
    assert main(["export", "--format", "geojson"]) == 0
    assert json.loads(capsys.readouterr().out) == tables.geojson(registry)
    assert main(["export", "--format", "csv", "--table", "links"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "antenna_id,factory_id,link"
    assert len(lines) == 1 + len(registry.to_records("links"))
    assert main(["export", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("id,kind,name,aliases,country,")
    assert main(["export", "--format", "csv", "--table", "nope"]) == 2
    assert "no table 'nope'" in capsys.readouterr().err
    assert main(["export", "--table", "links"]) == 2
    assert "--table goes with --format csv" in capsys.readouterr().err


def test_factory_and_antenna_lookups(registry: Registry) -> None:
    assert registry.factory("LUMI").id == "lumi-aif"
    assert registry.antenna("hearts-ch").factories
    with pytest.raises(aifactories.NotFoundError, match="not an AI Factory;"):
        registry.factory("hearts-ch")
    with pytest.raises(aifactories.NotFoundError, match="not an AI Factory Antenna"):
        registry.antenna("mimer")
    with pytest.raises(aifactories.NotFoundError, match="no AI Factory or Antenna"):
        registry.factory("atlantis")


def test_wave_lookup(registry: Registry) -> None:
    assert registry.wave("W1").id == "W1"
    assert registry.wave("a1").entries == registry.waves[-1].entries
    with pytest.raises(aifactories.NotFoundError, match=r"no selection wave 'W9' \(W1"):
        registry.wave("W9")


def test_not_found_errors_pickle_with_their_message() -> None:
    import pickle

    error = aifactories.NotFoundError("x", message="no selection wave 'x'")
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert str(again) == str(error)


def test_serving_by_kind(registry: Registry) -> None:
    everything = registry.serving("Czechia")
    factories = registry.serving("Czechia", kind="factory")
    antennas = registry.serving("Czechia", kind=aifactories.Kind.ANTENNA)
    assert factories == tuple(e for e in everything if isinstance(e, Factory))
    assert antennas == tuple(e for e in everything if isinstance(e, Antenna))
    assert registry.of_kind("factory") == registry.factories
    with pytest.raises(ValueError, match="'robot'"):
        registry.serving("Czechia", kind="robot")
