"""Every broken file in the bad-input corpus gives RegistryDataError with its path.

The corpus is one valid control per format (``tests/data/bad/_valid.json``,
``_valid.toml``: trimmed copies of bundled records) and ``cases.json``: for
each broken file, the one small patch that breaks the control, the path its
problem must be reported at, a fragment of the message, and why. The files
are written from the patches at run time (see ``tests/data/bad/README.md``);
inputs too big for a patch are built here too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import aifactories
from aifactories._parse import parse_json

BAD = Path(__file__).resolve().parent / "data" / "bad"
CASES: dict[str, dict[str, Any]] = json.loads(
    (BAD / "cases.json").read_text(encoding="utf-8")
)
CONTROLS = ("_valid.json", "_valid.toml")


def _text(part: Any) -> str:
    # A replacement is text, or a list of texts and [text, times] repeats.
    if isinstance(part, str):
        return part
    return "".join(p if isinstance(p, str) else p[0] * p[1] for p in part)


def _patched(old: str, edits: list[list[Any]]) -> str:
    for find, replace in edits:
        assert old.count(find) == 1, f"patch anchor not unique: {find[:40]!r}"
        old = old.replace(find, _text(replace))
    return old


def broken(name: str) -> bytes:
    """Return the bytes of corpus file ``name``: its control with its patch."""
    case = CASES[name]
    control = case.get(
        "control", "_valid.toml" if name.endswith(".toml") else "_valid.json"
    )
    text = (BAD / control).read_text(encoding="utf-8")
    if "text" in case:
        text = case["text"]
    if "cut_after" in case:
        text = text[: text.index(case["cut_after"]) + len(case["cut_after"])]
    if "json_patch" in case:
        document = json.loads(text)
        for op in case["json_patch"]:
            assert op["op"] == "copy"
            source = _pointer(document, op["from"])
            parent, key = op["path"].rsplit("/", 1)
            _pointer(document, parent).insert(int(key), json.loads(json.dumps(source)))
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    text = _patched(text, case.get("patch", []))
    if "bytes_patch" in case:
        # Byte-level defects (a BOM, invalid UTF-8): patch the bytes, spelled
        # as latin-1 text so that every byte is one character.
        raw = text.encode("utf-8").decode("latin-1")
        return _patched(raw, case["bytes_patch"]).encode("latin-1")
    return text.encode(case.get("encoding", "utf-8"))


def _pointer(document: Any, pointer: str) -> Any:
    for step in pointer.strip("/").split("/"):
        document = document[int(step)] if isinstance(document, list) else document[step]
    return document


@pytest.fixture(scope="module", name="corpus")
def _corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    for name in CASES:
        (folder / name).write_bytes(broken(name))
    return folder


def _paths(exc: aifactories.RegistryDataError) -> list[tuple[str, str]]:
    return [
        (path, message) for path, _, message in (e.partition(": ") for e in exc.errors)
    ]


def _assert_reported(
    exc: aifactories.RegistryDataError, path: str, fragment: str
) -> None:
    found = _paths(exc)
    assert any(p == path and fragment in m for p, m in found), found


@pytest.mark.parametrize("name", CONTROLS)
def test_controls_load(name: str) -> None:
    # Each bad file is a control with one defect: the control itself is fine.
    registry = aifactories.load(BAD / name)
    assert len(registry) > 0
    assert aifactories.validate(registry) == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file(name: str, corpus: Path) -> None:
    expected = CASES[name]
    path = corpus / name
    with pytest.raises(aifactories.RegistryDataError) as info:
        aifactories.load(path)
    assert info.value.source == str(path)
    assert str(path) in str(info.value)
    _assert_reported(info.value, expected["path"], expected["message"])


@pytest.mark.parametrize("name", sorted(n for n in CASES if n.endswith(".json")))
def test_loads_reports_the_same(name: str, corpus: Path) -> None:
    raw = broken(name)
    with pytest.raises(aifactories.RegistryDataError) as from_file:
        aifactories.load(corpus / name)
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
    assert errors[-1] == "$: … and more problems; 19,000 array items were not checked"


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


def _data_cases() -> list[str]:
    """The JSON cases whose text passes the text rules: data reaches validate()."""
    found = ["_valid.json"]
    for name in sorted(n for n in CASES if n.endswith(".json")):
        try:
            parse_json(broken(name))  # UTF-8, no NaN, no repeated key
        except aifactories.RegistryDataError:
            continue
        found.append(name)
    return found


@pytest.mark.parametrize("name", _data_cases())
def test_validate_on_json_loads_data_agrees_with_loads(name: str) -> None:
    # validate() takes what json.loads makes of a file (floats included);
    # it must find what loads() finds, no more and no less.
    raw = (BAD / name).read_bytes() if name in CONTROLS else broken(name)
    try:
        aifactories.loads(raw)
    except aifactories.RegistryDataError as exc:
        expected = list(exc.errors)
    else:
        expected = []
    assert aifactories.validate(json.loads(raw)) == expected


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("0.5", None),
        ("0.50", None),
        ("5E-1", None),
        ("1.5", "must be in (0, 1], got 1.5"),
    ],
)
def test_a_fraction_as_a_json_number_validates_as_loads_reads_it(
    number: str, problem: str | None
) -> None:
    # json.loads makes the number a float; loads() reads it as a Decimal.
    raw = (BAD / "_valid.json").read_text(encoding="utf-8")
    raw = raw.replace('"share": "0.5"', f'"share": {number}', 1)
    problems = aifactories.validate(json.loads(raw))
    assert [p.partition(": ")[2] for p in problems] == ([problem] if problem else [])
    if problem is None:
        aifactories.loads(raw)
