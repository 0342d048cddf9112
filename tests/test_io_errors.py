"""Every input the loader cannot take, of any type or format, ends in RegistryDataError
or a clear TypeError.

Covers the input types ``loads`` refuses, TOML values JSON cannot hold,
records built by hand with wrong types (``validate`` must still answer with
paths), the shared cache under a race for its lock, and the seed lookup.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

import aifactories
from aifactories import (
    RegistryDataError,
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
    """``loads`` takes bytes or str alike and refuses every other type clearly."""

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

    def test_a_cut_list_counts_at_least_what_it_lists(self, tmp_path: Path) -> None:
        # The line closing a cut list is not a problem: "at least 1,000".
        data = json.loads(CONTROL.read_text("utf-8"))
        data["facts"] = [1] * (aifactories.MAX_PROBLEMS + 5)
        path = tmp_path / "many.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(RegistryDataError) as info:
            aifactories.load(path)
        text = str(info.value)
        head = f"{path}: invalid registry data, at least 1,000 problems:\n"
        assert text.startswith(head)
        assert info.value.errors[-1].startswith("$: … and more problems; ")
        result = subprocess.run(
            [sys.executable, "-m", "aifactories", "validate", str(path)],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert result.returncode == 1
        assert result.stderr.splitlines()[-1] == (
            "aifactories validate: at least 1,000 problems in 1 of 1 file"
        )


class TestFiles:
    """A file loads by its suffix in any case, TOML and JSON to the same registry."""

    def test_suffix_is_case_insensitive(self, tmp_path: Path) -> None:
        path = tmp_path / "REGISTRY.JSON"
        path.write_bytes(CONTROL.read_bytes())
        assert aifactories.load(path) == aifactories.load(CONTROL)

    def test_toml_suffix_is_case_insensitive(self, tmp_path: Path) -> None:
        path = tmp_path / "REGISTRY.TOML"
        path.write_bytes(TOML_CONTROL.read_bytes())
        assert aifactories.load(path) == aifactories.load(TOML_CONTROL)

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


@pytest.mark.parametrize("key", [["mimer"], {"id": "mimer"}, 7])
def test_get_rejects_keys_that_are_not_strings(key: object) -> None:
    # The id fast path meets these first; they must still get the clear error.
    registry = aifactories.load()
    with pytest.raises(TypeError, match="registry keys are strings, not "):
        registry.get(key)  # type: ignore[arg-type]
