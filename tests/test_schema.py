"""The published JSON Schema accepts what the loader accepts and refuses what it
refuses."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import attrs
import jsonschema  # type: ignore[import-untyped]
import pytest

import aifactories
from aifactories import Registry, Sector
from aifactories._schema import DIALECT, json_schema

Validator = jsonschema.Draft202012Validator


@pytest.fixture(name="schema", scope="module")
def _schema() -> dict[str, Any]:
    return json_schema()


@pytest.fixture(name="document", scope="module")
def _document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(aifactories.dumps(aifactories.load()))
    return data


def _errors(schema: dict[str, Any], data: object) -> list[str]:
    validator = Validator(schema, format_checker=Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(data)]


def test_is_a_valid_draft_2020_12_schema(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == DIALECT
    Validator.check_schema(schema)


def test_our_own_dumps_output_validates(
    schema: dict[str, Any], document: dict[str, Any]
) -> None:
    assert _errors(schema, document) == []


def test_is_plain_json(schema: dict[str, Any]) -> None:
    assert json.loads(json.dumps(schema)) == schema


# The smallest file the loader accepts: only the fields without defaults.
MINIMAL: dict[str, Any] = {
    "format": 1,
    "data_version": "1",
    "waves": [
        {
            "id": "W1",
            "name": "First wave",
            "kind": "factory",
            "announced": "2024-12-10",
            "sources": [{"url": "https://example.org/w1"}],
        }
    ],
    "factories": [
        {
            "id": "tiny",
            "name": "Tiny AI Factory",
            "wave": "W1",
            "selected_on": "2024-12-10",
            "country": "SE",
            "sources": [{"url": "https://example.org/tiny"}],
        }
    ],
}


def test_minimal_file_passes_both(schema: dict[str, Any]) -> None:
    registry = aifactories.loads(json.dumps(MINIMAL))
    assert [e.id for e in registry] == ["tiny"]
    assert _errors(schema, MINIMAL) == []


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is _DELETE:
            del node[last]
        else:
            node[last] = value

    return change


_DELETE = object()

# Each breaks the file's structure; the loader and the schema must both refuse.
BREAKAGES = {
    "unknown top-level key": _set("colour", "red"),
    "unknown entry key": _set("factories.0.colour", "red"),
    "unknown nested key": _set("factories.0.sources.0.page", 3),
    "missing format": _set("format", _DELETE),
    "wrong format": _set("format", 2),
    "missing entry sources": _set("factories.0.sources", _DELETE),
    "missing wave kind": _set("waves.0.kind", _DELETE),
    "enum value": _set("waves.0.kind", "gigafactory"),
    "string for array": _set("factories.0.aliases", "Tiny"),
    "number for string": _set("factories.0.name", 7),
    "date format": _set("factories.0.selected_on", "10/12/2024"),
    "impossible date": _set("waves.0.announced", "2024-02-30"),
    "decimal text": _set(
        "factories.0.funding",
        {"shares": [{"funder": "EU", "kind": "eu", "share": "half"}]},
    ),
    "null for required": _set("factories.0.country", None),
    "sector not in vocabulary": _set("factories.0.sectors", ["cooking"]),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_loader_and_schema_refuse_the_same_breakage(
    schema: dict[str, Any], name: str
) -> None:
    data = copy.deepcopy(MINIMAL)
    BREAKAGES[name](data)
    with pytest.raises(aifactories.RegistryDataError):
        aifactories.loads(json.dumps(data))
    assert _errors(schema, data), name


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("factories.0.id", "Not A Slug"),
        ("factories.0.country", "Sweden"),
        ("factories.0.sources.0.url", "ftp://example.org"),
    ],
)
def test_simple_rules_of_the_validator_are_patterns(
    schema: dict[str, Any], path: str, value: str
) -> None:
    data = copy.deepcopy(MINIMAL)
    _set(path, value)(data)
    with pytest.raises(aifactories.RegistryDataError):
        aifactories.loads(json.dumps(data))
    assert _errors(schema, data)


def test_every_record_class_matches_its_definition(schema: dict[str, Any]) -> None:
    classes = {
        cls.__name__: cls
        for cls in vars(aifactories).values()
        if isinstance(cls, type)
        and attrs.has(cls)
        and cls is not Registry
        and cls.__name__ != "Selection"
    }
    defs = schema["$defs"]
    objects = {name for name, d in defs.items() if d["type"] == "object"}
    assert objects == set(classes)
    for name, cls in classes.items():
        fields = [f for f in attrs.fields(cls) if f.init]
        definition = defs[name]
        assert list(definition["properties"]) == [f.name for f in fields]
        required = [f.name for f in fields if f.default is attrs.NOTHING]
        assert definition["required"] == required
        assert definition["additionalProperties"] is False


def test_every_property_is_described(schema: dict[str, Any]) -> None:
    # The descriptions come from the classes' docstrings: a field added
    # without documentation fails here.
    for name, definition in schema["$defs"].items():
        assert definition["description"], name
        for field, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{field}"
            assert "``" not in prop["description"]
    # A field's own words come first; a type's note only adds to them.
    amount = schema["$defs"]["Money"]["properties"]["amount"]["description"]
    assert amount.startswith("The amount, exact to the cent")
    assert "decimal string" in amount


def test_enums_list_their_values(schema: dict[str, Any]) -> None:
    assert schema["$defs"]["Sector"]["enum"] == [s.value for s in Sector]
    assert schema["$defs"]["Kind"]["enum"] == ["factory", "antenna"]


def test_unknown_types_are_refused() -> None:
    from aifactories import _schema

    builder = _schema._Builder()  # noqa: SLF001 - the generator's own edge cases
    with pytest.raises(TypeError, match="no JSON Schema for <class 'float'>"):
        builder.type(float)
    with pytest.raises(TypeError, match="no JSON Schema for dict"):
        builder.type(dict[str, int])
    with pytest.raises(TypeError, match="names no string field"):
        _schema._add_pattern({"type": "integer"}, "^x$", "Money.colour")  # noqa: SLF001
