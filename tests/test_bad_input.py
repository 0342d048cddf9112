"""Every broken file in the bad-input corpus gives RegistryDataError with its path.

``tests/data/bad/expected.json`` maps each file to the path its problem must be
reported at and a fragment of the message. The corpus files are the control
documents ``_valid.json`` / ``_valid.toml`` (trimmed copies of bundled
records) with one defect each; inputs too big to commit are made here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import aifactories

BAD = Path(__file__).resolve().parent / "data" / "bad"
MANIFEST: dict[str, dict[str, str]] = json.loads(
    (BAD / "expected.json").read_text(encoding="utf-8")
)
CONTROLS = ("_valid.json", "_valid.toml")


def _paths(exc: aifactories.RegistryDataError) -> list[tuple[str, str]]:
    return [
        (path, message) for path, _, message in (e.partition(": ") for e in exc.errors)
    ]


def _assert_reported(
    exc: aifactories.RegistryDataError, path: str, fragment: str
) -> None:
    found = _paths(exc)
    assert any(p == path and fragment in m for p, m in found), found


def test_corpus_is_complete() -> None:
    files = {p.name for p in BAD.iterdir()} - {"expected.json", "README.md"}
    assert files == set(MANIFEST) | set(CONTROLS)
    assert len(MANIFEST) >= 30


@pytest.mark.parametrize("name", CONTROLS)
def test_controls_load(name: str) -> None:
    # Each bad file is a control with one defect: the control itself is fine.
    registry = aifactories.load(BAD / name)
    assert len(registry) > 0
    assert aifactories.validate(registry) == []


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_bad_file(name: str) -> None:
    expected = MANIFEST[name]
    path = BAD / name
    with pytest.raises(aifactories.RegistryDataError) as info:
        aifactories.load(path)
    assert info.value.source == str(path)
    assert str(path) in str(info.value)
    _assert_reported(info.value, expected["path"], expected["message"])


@pytest.mark.parametrize("name", sorted(n for n in MANIFEST if n.endswith(".json")))
def test_loads_reports_the_same(name: str) -> None:
    raw = (BAD / name).read_bytes()
    with pytest.raises(aifactories.RegistryDataError) as from_file:
        aifactories.load(BAD / name)
    with pytest.raises(aifactories.RegistryDataError) as from_bytes:
        aifactories.loads(raw)
    assert from_bytes.value.errors == from_file.value.errors
    assert from_bytes.value.source is None


def _control() -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (BAD / "_valid.json").read_text(encoding="utf-8")
    )
    return data


# -- inputs too big to commit -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a": ' * 100_000 + "1" + "}" * 100_000,
        '{"format": 1, "data_version": "x", "facts": ' + "[" * 50_000,
    ],
    ids=["arrays", "objects", "unclosed"],
)
def test_deeply_nested_json(text: str) -> None:
    with pytest.raises(aifactories.RegistryDataError) as info:
        aifactories.loads(text)
    assert info.value.errors[0].startswith(("$: nested too deeply", "line 1 column"))


def test_deeply_nested_toml(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("format = 1\nx = " + "[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(aifactories.RegistryDataError) as info:
        aifactories.load(path)
    assert info.value.errors == ("$: nested too deeply",)


def test_deep_nesting_within_json_limits_is_a_type_error() -> None:
    # Shallow enough for the parser, so the structurer must say where it is.
    data = _control()
    data["data_version"] = json.loads("[" * 500 + "]" * 500)
    with pytest.raises(aifactories.RegistryDataError) as info:
        aifactories.loads(json.dumps(data))
    _assert_reported(info.value, "data_version", "expected a string, got array")


def test_huge_array_reports_the_first_problems_and_counts_the_rest() -> None:
    data = _control()
    data["factories"] = list(range(20_000))
    with pytest.raises(aifactories.RegistryDataError) as info:
        aifactories.loads(json.dumps(data))
    errors = info.value.errors
    assert len(errors) == aifactories.MAX_PROBLEMS + 1
    assert errors[0] == "factories[0]: expected an object, got number"
    assert errors[-2] == "factories[999]: expected an object, got number"
    assert errors[-1] == "$: … and 19,000 more problems"


def test_huge_text_still_points_at_the_problem() -> None:
    data = _control()
    factories = data["factories"]
    assert isinstance(factories, list)
    factories[0]["notes"] = "x" * (16 << 20)
    factories[0]["country"] = "XX"
    with pytest.raises(aifactories.RegistryDataError) as info:
        aifactories.loads(json.dumps(data))
    assert info.value.errors == (
        "factories[0].country: 'XX' is not an ISO 3166-1 alpha-2 country code",
    )


def test_huge_toml_integer(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_text("format = " + "1" * 5000 + "\n")
    with pytest.raises(aifactories.RegistryDataError) as info:
        aifactories.load(path)
    _assert_reported(info.value, "$", "invalid number")
