"""Loader and validator error paths the bad-input corpus does not reach.

Covers the input types ``loads`` refuses, TOML values JSON cannot hold,
records built by hand with wrong types (``validate`` must still answer with
paths), the shared cache under a race for its lock, and the seed lookup.
"""

from __future__ import annotations

import contextlib
import gc
import json
import subprocess
import sys
import textwrap
import threading
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path
from typing import Any

import attrs
import pytest

import aifactories
from aifactories import (
    Factory,
    Funding,
    FundingShare,
    Host,
    Money,
    RegistryDataError,
    Source,
    _io,
    _seeds,
)

ROOT = Path(__file__).resolve().parent.parent
CONTROL = ROOT / "tests" / "data" / "bad" / "_valid.json"
TOML_CONTROL = ROOT / "tests" / "data" / "bad" / "_valid.toml"


def _errors(call: Any, *args: Any) -> tuple[str, ...]:
    with pytest.raises(RegistryDataError) as info:
        call(*args)
    return info.value.errors


# -- what loads() accepts ----------------------------------------------------------


class TestInputTypes:
    def test_bytes_and_str_agree(self) -> None:
        raw = CONTROL.read_bytes()
        assert aifactories.loads(raw) == aifactories.loads(raw.decode("utf-8"))

    @pytest.mark.parametrize(
        ("value", "name"), [(None, "NoneType"), (12, "int"), ({}, "dict")]
    )
    def test_other_types_are_refused(self, value: object, name: str) -> None:
        errors = _errors(aifactories.loads, value)
        assert errors == (f"$: expected str or bytes, got {name}",)

    def test_bom_in_str(self) -> None:
        errors = _errors(aifactories.loads, "\ufeff" + CONTROL.read_text("utf-8"))
        assert errors == (
            "$: starts with a byte order mark; save as UTF-8 without BOM",
        )

    def test_invalid_utf8_names_the_byte(self) -> None:
        errors = _errors(aifactories.loads, b'{"format": 1, "x": "\xff"}')
        assert errors == ("$: not valid UTF-8 (byte 20: invalid start byte)",)

    def test_huge_json_integer(self) -> None:
        errors = _errors(aifactories.loads, '{"format": ' + "9" * 5000 + "}")
        assert len(errors) == 1
        assert errors[0].startswith("$: invalid number (")

    def test_message_counts_problems_and_names_the_file(self, tmp_path: Path) -> None:
        data = json.loads(CONTROL.read_text("utf-8"))
        data["data_version"] = 1
        data["factories"][0]["country"] = "XX"
        path = tmp_path / "two.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(RegistryDataError) as info:
            aifactories.load(path)
        text = str(info.value)
        assert text.startswith(f"{path}: invalid registry data, 1 problem:\n")
        data["data_version"] = "x"
        data["waves"][0]["investment"]["currency"] = "XXX1"
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(RegistryDataError) as info:
            aifactories.load(path)
        text = str(info.value)
        assert text.startswith(f"{path}: invalid registry data, 2 problems:\n")
        assert "\n  waves[0].investment.currency: 'XXX1' is not" in text
        assert "\n  factories[0].country: 'XX' is not" in text
        assert isinstance(info.value, ValueError)


class TestFiles:
    def test_suffix_is_case_insensitive(self, tmp_path: Path) -> None:
        path = tmp_path / "REGISTRY.JSON"
        path.write_bytes(CONTROL.read_bytes())
        assert aifactories.load(path) == aifactories.load(CONTROL)

    def test_toml_and_json_agree(self, tmp_path: Path) -> None:
        registry = aifactories.load(TOML_CONTROL)
        path = tmp_path / "same.json"
        path.write_text(aifactories.dumps(registry), encoding="utf-8")
        assert aifactories.load(path) == registry


class TestTomlValues:
    """TOML has dates, times and datetimes; JSON has none of them."""

    def _load(self, tmp_path: Path, old: str, new: str) -> tuple[str, ...]:
        text = TOML_CONTROL.read_text("utf-8")
        assert old in text
        path = tmp_path / "changed.toml"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return _errors(aifactories.load, path)

    def test_date_for_a_string(self, tmp_path: Path) -> None:
        errors = self._load(
            tmp_path, 'data_version = "2026.11.24"', "data_version = 2026-11-24"
        )
        assert errors == ("data_version: expected a string, got date",)

    def test_time_for_a_date(self, tmp_path: Path) -> None:
        errors = self._load(tmp_path, "announced = 2024-12-10", "announced = 10:00:00")
        assert errors == (
            "waves[0].announced: expected a YYYY-MM-DD date string, got time",
        )

    def test_integer_for_a_string(self, tmp_path: Path) -> None:
        errors = self._load(tmp_path, 'country = "SE"', "country = 46")
        assert errors == ("factories[0].country: expected a string, got number",)


# -- hand-built records ------------------------------------------------------------


def _base() -> aifactories.Registry:
    return aifactories.load(CONTROL)


def _mimer(registry: aifactories.Registry) -> Factory:
    mimer = registry["mimer"]
    assert isinstance(mimer, Factory)
    return mimer


def _with(registry: aifactories.Registry, entry: Factory) -> aifactories.Registry:
    others = [f for f in registry.factories if f.id != entry.id]
    return attrs.evolve(registry, factories=[*others, entry])


def _path(registry: aifactories.Registry, entry_id: str) -> str:
    ids = [f.id for f in registry.factories]
    return f"factories[{ids.index(entry_id)}]"


def _force(record: object, **values: object) -> Any:
    """A copy of a frozen record with fields no constructor would allow."""
    copy = attrs.evolve(record)  # type: ignore[misc]
    for name, value in values.items():
        object.__setattr__(copy, name, value)
    return copy


class TestValidateHandBuilt:
    """validate() answers with paths even for records of the wrong types."""

    def test_bundled_control_is_valid(self) -> None:
        assert aifactories.validate(_base()) == []

    def test_notes_not_a_string(self) -> None:
        registry = _base()
        broken = _with(registry, _force(_mimer(registry), notes=42))
        at = _path(broken, "mimer")
        assert aifactories.validate(broken) == [
            f"{at}.notes: must be a string, got int"
        ]

    def test_focus_not_a_tuple(self) -> None:
        registry = _base()
        broken = _with(registry, _force(_mimer(registry), focus=["health"]))
        at = _path(broken, "mimer")
        assert aifactories.validate(broken) == [
            f"{at}.focus: must be a tuple, got list"
        ]

    def test_sources_not_a_tuple(self) -> None:
        registry = _base()
        mimer = _mimer(registry)
        assert mimer.host is not None
        host = _force(mimer.host, sources=None)
        broken = _with(registry, attrs.evolve(mimer, host=host))
        at = _path(broken, "mimer")
        assert aifactories.validate(broken) == [
            f"{at}.host.sources: is required, got None"
        ]

    def test_source_not_a_source(self) -> None:
        registry = _base()
        mimer = attrs.evolve(_mimer(registry), sources=["https://www.liu.se/"])  # type: ignore[list-item]
        broken = _with(registry, mimer)
        at = _path(broken, "mimer")
        assert aifactories.validate(broken) == [
            f"{at}.sources[0]: must be of type Source, got str"
        ]

    def test_money_not_money(self) -> None:
        registry = _base()
        mimer = _mimer(registry)
        assert mimer.funding is not None
        funding = _force(mimer.funding, total="EUR 5M")
        broken = _with(registry, attrs.evolve(mimer, funding=funding))
        at = _path(broken, "mimer")
        assert aifactories.validate(broken) == [
            f"{at}.funding.total: must be of type Money, got str"
        ]

    @pytest.mark.parametrize(
        ("share", "message"),
        [
            (0.5, "must be a Decimal, got float"),
            (Decimal("NaN"), "must be a finite number, got NaN"),
            (Decimal("Infinity"), "must be a finite number, got Infinity"),
        ],
    )
    def test_share_not_a_finite_decimal(self, share: object, message: str) -> None:
        registry = _base()
        mimer = _mimer(registry)
        assert mimer.funding is not None
        first, second = mimer.funding.shares
        shares = (_force(first, share=share), second)
        funding = Funding(total=None, shares=shares, note=mimer.funding.note)
        broken = _with(registry, attrs.evolve(mimer, funding=funding))
        at = _path(broken, "mimer")
        assert aifactories.validate(broken) == [
            f"{at}.funding.shares[0].share: {message}"
        ]

    def test_amount_not_a_decimal(self) -> None:
        registry = _base()
        mimer = _mimer(registry)
        share = FundingShare(
            funder="Sweden",
            kind=aifactories.FunderKind.NATIONAL,
            country="SE",
            amount=_force(Money(Decimal(1), "EUR"), amount=1.5),
            sources=(Source(url="https://www.vr.se/"),),
        )
        funding = Funding(shares=(share,))
        broken = _with(registry, attrs.evolve(mimer, funding=funding))
        at = _path(broken, "mimer")
        assert aifactories.validate(broken) == [
            f"{at}.funding.shares[0].amount.amount: must be a Decimal, got float"
        ]

    def test_host_name_blank_and_wrong_type(self) -> None:
        registry = _base()
        mimer = attrs.evolve(_mimer(registry), host=Host(name=" ", city=3))  # type: ignore[arg-type]
        broken = _with(registry, mimer)
        at = _path(broken, "mimer")
        assert aifactories.validate(broken) == [
            f"{at}.host.name: must not be empty",
            f"{at}.host.city: must be a string, got int",
        ]


# -- the shared cache ----------------------------------------------------------------


@pytest.fixture(name="empty_cache")
def _empty_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    # monkeypatch puts the real shared registry back afterwards.
    monkeypatch.setattr(_io, "_bundled", None)


@pytest.mark.usefixtures("empty_cache")
def test_a_thread_that_waited_for_the_lock_takes_the_built_registry() -> None:
    # Hold the lock as a first builder would; a second caller must wait, then
    # return what the first one stored instead of building its own.
    built = aifactories.loads(CONTROL.read_bytes())
    results: list[aifactories.Registry] = []
    with _io._lock:  # noqa: SLF001 - the race is on this lock
        waiter = threading.Thread(target=lambda: results.append(aifactories.load()))
        waiter.start()
        waiter.join(timeout=0.2)
        assert waiter.is_alive()  # blocked on the lock
        _io._bundled = built  # noqa: SLF001 - what the first builder stores
    waiter.join()
    assert results == [built]
    assert results[0] is built


def test_bundled_load_after_a_strict_load_in_a_fresh_interpreter() -> None:
    # The strict converter (cattrs) resolves the records' annotations in
    # place; the trusted bundled path must still work after it has run.
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        import aifactories

        aifactories.loads(Path(sys.argv[1]).read_bytes())
        bundled = aifactories.load()
        strict = aifactories.loads(Path(sys.argv[2]).read_bytes())
        assert bundled == strict, "fast and strict paths disagree"
        print(len(bundled))
        """
    )
    data = ROOT / "src" / "aifactories" / "data" / "registry.json"
    result = subprocess.run(
        [sys.executable, "-c", script, str(CONTROL), str(data)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == len(aifactories.load())


def test_recursion_while_structuring() -> None:
    # Within the parser's nesting limit, but deeper than cattrs can recurse.
    text = CONTROL.read_text(encoding="utf-8")
    deep = '{"name": ' * 900 + '"x"' + "}" * 900
    doc = json.loads(text)
    doc["factories"][0]["host"] = "@@"
    text = json.dumps(doc).replace('"@@"', deep)
    errors = _errors(aifactories.loads, text)
    assert errors
    assert all(e.startswith(("$", "factories")) for e in errors)


# -- module surface and seeds ------------------------------------------------------


def test_version_is_served_lazily() -> None:
    assert aifactories.__version__ == version("aifactories")
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        aifactories.nope  # type: ignore[attr-defined]  # noqa: B018 - the access is the test


def test_unknown_seed_lists_the_known_ones() -> None:
    with pytest.raises(LookupError, match=r"no seed document named 'x\.txt'; known: "):
        aifactories.seed_text("x.txt")


def test_installed_seed_folder_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A wheel carries the seeds inside the package as _seeds/.
    (tmp_path / "_seeds").mkdir()
    monkeypatch.setattr(_seeds, "_PACKAGE", str(tmp_path))
    assert _seeds._seed_dir.__wrapped__() == str(tmp_path / "_seeds")  # noqa: SLF001


def test_no_seed_folder_means_no_seeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_seeds, "_seed_dir", lambda: str(tmp_path / "missing"))
    assert _seeds.seed_names.__wrapped__() == ()


# -- the collector pause -------------------------------------------------------------


@pytest.mark.parametrize("data", [CONTROL.read_bytes(), b"[]"], ids=["good", "bad"])
def test_loads_restores_the_collector(data: bytes) -> None:
    assert gc.isenabled()
    with contextlib.suppress(RegistryDataError):
        aifactories.loads(data)
    assert gc.isenabled()


def test_loads_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        aifactories.load(CONTROL)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("key", [["mimer"], {"id": "mimer"}, 7])
def test_get_rejects_keys_that_are_not_strings(key: object) -> None:
    # The id fast path meets these first; they must still get the clear error.
    registry = aifactories.load()
    with pytest.raises(TypeError, match="registry keys are strings, not "):
        registry.get(key)  # type: ignore[arg-type]
