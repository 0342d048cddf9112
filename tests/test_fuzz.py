"""Fuzz ``loads`` with mutated valid documents: only RegistryDataError escapes.

The example count comes from the Hypothesis profile (``AIFACTORIES_PROFILE``):
``thorough`` runs at least 10,000 documents per test.
"""

from __future__ import annotations

import copy
import json
import math
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import aifactories

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_TEXT = (ROOT / "src" / "aifactories" / "data" / "registry.json").read_text(
    encoding="utf-8"
)
CONTROL_TEXT = (ROOT / "tests" / "data" / "bad" / "_valid.json").read_text(
    encoding="utf-8"
)
# Mostly the small control (fast), one time in eight the whole bundled file.
BASES = {"control": CONTROL_TEXT, "bundled": BUNDLED_TEXT}
BASE_NAMES = ("control",) * 7 + ("bundled",)

Json = Any
Location = tuple[Json, Any]  # a container and a key or index in it

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["", " ", "0", "-1", "1.5", "1,5", "1e9", "NaN", "2024-02-30"]),
    st.sampled_from(["SE", "se", "XX", "EUR", "EURO", "factory", "antenna", "W1"]),
    st.sampled_from(["mimer", "lumi-aif", "hearts-ch", "health", "https://x.org"]),
    st.text(max_size=20),
)
junk: st.SearchStrategy[Json] = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=10), inner, max_size=4),
    ),
    max_leaves=12,
)


def _keys(node: Json) -> list[Any]:
    return list(node) if isinstance(node, dict) else list(range(len(node)))


def _pick(draw: st.DrawFn, doc: Json) -> Location | None:
    """A random (container, key) in the tree, at any depth.

    Walks down from the root, stopping at each level with probability 1/4:
    every level gets its share, and a walk costs its depth, not the size of
    the document.
    """
    found: Location | None = None
    node = doc
    while isinstance(node, dict | list) and node:
        keys = _keys(node)
        key = keys[draw(st.integers(0, len(keys) - 1))]
        found = (node, key)
        node = node[key]
        if draw(st.integers(0, 3)) == 0:
            break
    return found


def _flip(value: Json) -> Json:
    """A nearby wrong value of the same JSON type."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return -value - 1
    if isinstance(value, float):
        return -value
    if isinstance(value, str):
        return value.upper() if value != value.upper() else value + "x"
    return value


def _grow(draw: st.DrawFn, container: Json, key: Any, *, duplicate: bool) -> None:
    """Add to the value at ``container[key]``: a copied item or a junk one."""
    value = container[key]
    if duplicate and isinstance(value, list) and value:
        # Duplicate ids, names, links: a copy of one item appended.
        value.append(copy.deepcopy(value[draw(st.integers(0, len(value) - 1))]))
    elif isinstance(value, dict):
        value[draw(st.text(max_size=10))] = draw(junk)  # an unknown key
    elif isinstance(value, list):
        value.append(draw(junk))
    else:
        container[key] = draw(junk)


@st.composite
def mutated(draw: st.DrawFn) -> Json:
    """A valid document with one to three mutations."""
    # json.loads is a faster deep copy than copy.deepcopy.
    doc = json.loads(BASES[draw(st.sampled_from(BASE_NAMES))])
    for _ in range(draw(st.integers(1, 3))):
        picked = _pick(draw, doc)
        if picked is None:  # the document is an empty object by now
            break
        container, key = picked
        action = draw(
            st.sampled_from(
                ["drop", "replace", "flip", "borrow", "add", "duplicate", "nest"]
            )
        )
        value = container[key]
        if action == "drop":
            del container[key]
        elif action == "replace":
            container[key] = draw(junk)
        elif action == "flip":
            container[key] = _flip(value)
        elif action == "borrow":
            # A value from elsewhere in the document: dangling or crossed links.
            other = _pick(draw, doc)
            if other is not None:
                container[key] = copy.deepcopy(other[0][other[1]])
        elif action == "nest":
            container[key] = [value]
        else:
            _grow(draw, container, key, duplicate=action == "duplicate")
    return doc


def _text_of(draw: st.DrawFn, doc: Json) -> str | bytes:
    text = json.dumps(doc, allow_nan=True)
    form = draw(
        st.sampled_from(["text", "text", "text", "bytes", "truncated", "garbled"])
    )
    if form == "bytes":
        return text.encode("utf-8")
    if form == "truncated":
        return text[: draw(st.integers(0, len(text)))]
    if form == "garbled":
        raw = bytearray(text.encode("utf-8"))
        at = draw(st.integers(0, len(raw)))
        raw[at:at] = draw(st.binary(min_size=1, max_size=4))
        return bytes(raw)
    return text


@st.composite
def documents(draw: st.DrawFn) -> str | bytes:
    """The text of a mutated document, sometimes further broken as text."""
    return _text_of(draw, draw(mutated()))


def _only_registry_data_error(call: Callable[[], aifactories.Registry]) -> None:
    """Run ``call``; a result must be valid, a failure must list its paths."""
    bundled = aifactories.load()
    failure: aifactories.RegistryDataError | None = None
    try:
        registry = call()
    except aifactories.RegistryDataError as exc:
        failure = exc
    if failure is not None:
        event("rejected")
        assert failure.errors
        assert all(": " in e for e in failure.errors)
    else:
        event("accepted")
        assert aifactories.validate(registry) == []
        assert aifactories.loads(aifactories.dumps(registry)) == registry
    # A failed (or successful) user load never touches the shared registry.
    assert aifactories.load() is bundled


_FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FUZZ
@given(documents())
def test_loads_mutated_documents(text: str | bytes) -> None:
    _only_registry_data_error(lambda: aifactories.loads(text))


@_FUZZ
@given(mutated(), st.sampled_from([".json", ".toml"]))
def test_load_mutated_files(doc: Json, suffix: str) -> None:
    # load(path) is the other way in: the same promise, from a file.
    text = json.dumps(doc, allow_nan=True)
    if suffix == ".toml":
        text = _as_toml(doc)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"registry{suffix}"
        path.write_text(text, encoding="utf-8")
        _only_registry_data_error(lambda: aifactories.load(path))


def _as_toml(doc: Json) -> str:
    """A rough TOML rendering: inline tables, nulls dropped (TOML has none)."""

    def value(node: Json) -> str:
        if isinstance(node, dict):
            items = (
                f"{json.dumps(k)} = {value(v)}"
                for k, v in node.items()
                if v is not None
            )
            return "{ " + ", ".join(items) + " }"
        if isinstance(node, list):
            return "[" + ", ".join(value(v) for v in node if v is not None) + "]"
        if isinstance(node, bool):
            return "true" if node else "false"
        if isinstance(node, float):
            return "nan" if math.isnan(node) else repr(node)  # repr gives inf, -inf
        return json.dumps(node)

    if not isinstance(doc, dict):
        return value(doc)
    lines = (f"{json.dumps(k)} = {value(v)}" for k, v in doc.items() if v is not None)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", sorted(BASES))
def test_bases_are_valid(name: str) -> None:
    # The fuzzers start from valid documents, or they prove nothing.
    registry = aifactories.loads(BASES[name])
    assert aifactories.validate(registry) == []
