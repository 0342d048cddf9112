"""The bundled registry builds lazily: an id builds one entry, anything else all.

Each test makes its own lazy registry over a bundle directory, so that the
shared one that :func:`aifactories.load` caches is never disturbed, and
compares it with a registry built in full the ordinary way.
"""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import aifactories
from aifactories import Antenna, Registry
from aifactories._bundled import BUNDLE_DIR, REGISTRY_FILE, Bundle, lazy, write_bundle

RAW = Path(REGISTRY_FILE).read_bytes()


class CountingBundle(Bundle):
    """A bundle that counts how often the whole registry is built from it."""

    def __init__(self, folder: str = BUNDLE_DIR) -> None:
        super().__init__(folder)
        self.full_builds = 0

    def fields(self) -> dict[str, Any]:
        self.full_builds += 1
        return super().fields()


@pytest.fixture(name="eager")
def _eager() -> Registry:
    # Built by the constructor, not lazily: the reference to compare with.
    return aifactories.loads(RAW)


@pytest.fixture(name="bundle")
def _bundle() -> CountingBundle:
    return CountingBundle()


def test_a_lookup_by_id_builds_only_that_entry(
    bundle: CountingBundle, eager: Registry
) -> None:
    registry = lazy(bundle)
    for entry in eager:
        found = registry.get(entry.id)
        assert found == entry
        assert type(found) is type(entry)
        assert registry[entry.id] is found  # built once, then kept
        assert entry.id in registry
    assert bundle.full_builds == 0


def test_the_first_other_use_builds_everything_once(
    bundle: CountingBundle, eager: Registry
) -> None:
    registry = lazy(bundle)
    mimer = registry["mimer"]
    assert len(registry) == len(eager)
    assert bundle.full_builds == 1
    # The full registry holds the very object the lookup handed out.
    assert any(f is mimer for f in registry.factories)
    assert registry["mimer"] is mimer
    assert registry == eager
    assert list(registry) == list(eager)
    assert bundle.full_builds == 1


def test_a_filled_registry_is_a_plain_registry(bundle: CountingBundle) -> None:
    registry = lazy(bundle)
    assert isinstance(registry, Registry)
    registry.get("mimer")
    assert type(registry) is not Registry  # still lazy: the lookup built one entry
    len(registry)
    # A plain Registry has no __getattr__ hook, which would slow every
    # attribute access (and so every lookup) on the shared registry.
    assert type(registry) is Registry


USES: dict[str, Callable[[Registry], object]] = {
    "len": len,
    "iteration": list,
    "factories": lambda r: r.factories,
    "antennas": lambda r: r.antennas,
    "waves": lambda r: r.waves,
    "facts": lambda r: r.facts,
    "people": lambda r: r.people,
    "data_version": lambda r: r.data_version,
    "data_date": lambda r: r.data_date,
    "repr": repr,
    "hash": hash,
    "a name": lambda r: r.get("MIMER"),
    "punctuation": lambda r: r.get("Lumi-AIF"),
    "a miss": lambda r: r.get("nothing-like-it"),
    "a record": lambda r: r["mimer"] in r,
    "search": lambda r: r.search("linkoping"),
    "serving": lambda r: r.serving("CZ"),
    "with_sector": lambda r: r.with_sector("health"),
    "as_of": lambda r: r.as_of(r.data_date or r.wave_records[-1].announced),
    "antennas_of": lambda r: r.antennas_of("mimer"),
    "validate": aifactories.validate,
    "dumps": aifactories.dumps,
    "attrs.asdict": lambda r: attrs.asdict(
        r, recurse=False, filter=lambda a, _: a.init
    ),
    "attrs.evolve": lambda r: attrs.evolve(r, facts=()),
    "!= (the other way round)": lambda r: aifactories.loads(RAW) != r,
    "== (the other way round)": lambda r: aifactories.loads(RAW) == r,
    "copy": copy.copy,
    "deepcopy": copy.deepcopy,
    "pickle": lambda r: pickle.loads(pickle.dumps(r)),  # noqa: S301 - our own bytes
}


@pytest.mark.parametrize("use", USES.values(), ids=USES.keys())
def test_every_other_use_sees_the_whole_registry(
    use: Callable[[Registry], object], bundle: CountingBundle, eager: Registry
) -> None:
    registry = lazy(bundle)
    result = use(registry)
    assert result == use(eager)
    assert bundle.full_builds == 1
    assert type(registry) is Registry
    if isinstance(result, Registry):  # evolve, copy, pickle: plain ones too
        assert type(result) is Registry
    assert registry == eager


@pytest.mark.parametrize(
    "key",
    [
        'mimer",',
        '"mimer"',
        "mimer\n",
        "../index",
        "factories/mimer",
        "MIMER",
        "mimér",
        "",
        "\ud800",
        "W1",  # a wave's id, not an entry's
        "dates-in-the-initiative",
        "index",
    ],
)
def test_keys_that_are_not_ids_answer_as_in_a_full_registry(
    key: str, bundle: CountingBundle, eager: Registry
) -> None:
    registry = lazy(bundle)
    assert registry.get(key) == eager.get(key)


def test_a_wave_with_an_entry_id_is_no_entry(eager: Registry, tmp_path: Path) -> None:
    data = json.loads(RAW)
    data["waves"][0]["id"] = "mimer"
    for entry in data["factories"]:
        if entry["wave"] == "W1":
            entry["wave"] = "mimer"
    write_bundle(data, str(tmp_path))
    found = lazy(CountingBundle(str(tmp_path))).get("mimer")
    assert found == attrs.evolve(eager["mimer"], wave="mimer")


def test_antennas_build_lazily_too(bundle: CountingBundle, eager: Registry) -> None:
    antenna = eager.antennas[0]
    found = lazy(bundle).get(antenna.id)
    assert isinstance(found, Antenna)
    assert found == antenna
    assert bundle.full_builds == 0


def test_unknown_attributes_still_raise_without_a_build(
    bundle: CountingBundle,
) -> None:
    registry = lazy(bundle)
    with pytest.raises(
        AttributeError, match="'Registry' object has no attribute 'nope'"
    ):
        registry.nope  # type: ignore[attr-defined]  # noqa: B018 - the access is the test
    assert not hasattr(registry, "__deepcopy__")
    assert bundle.full_builds == 0


def test_a_registry_made_with_new_alone_has_no_fields() -> None:
    bare = object.__new__(Registry)  # no fields, and nothing to fill them from
    with pytest.raises(AttributeError, match="factories"):
        bare.factories  # noqa: B018 - the access is the test
    for use in (
        len,
        hash,
        lambda r: r == Registry(data_version="x"),
        lambda r: r.get("mimer"),
        copy.copy,
    ):
        with pytest.raises(AttributeError):
            use(bare)


def test_a_key_that_is_not_a_string_is_refused_as_by_a_full_registry(
    bundle: CountingBundle,
) -> None:
    with pytest.raises(TypeError, match="registry keys are strings, not int"):
        lazy(bundle).get(1)  # type: ignore[arg-type]


def test_the_shared_registry_is_lazy_and_equal_to_a_full_one(eager: Registry) -> None:
    assert aifactories.load() == eager
