"""aifactories.diff and ``aifactories diff``: what changed between two registries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import aifactories
from aifactories import Registry
from aifactories.testing import build_registry, make_factory
from aifactories.testing import strategies as aist

FEWER = settings(max_examples=max(10, settings().max_examples // 4), deadline=None)


def _replace_entry(registry: Registry, entry: aifactories.Entry) -> Registry:
    if isinstance(entry, aifactories.Factory):
        factories = [entry if f.id == entry.id else f for f in registry.factories]
        return attrs.evolve(registry, factories=factories)
    antennas = [entry if a.id == entry.id else a for a in registry.antennas]
    return attrs.evolve(registry, antennas=antennas)


class TestProperties:
    @FEWER
    @given(aist.registries())
    def test_a_registry_does_not_differ_from_itself(self, registry: Registry) -> None:
        found = aifactories.diff(registry, registry)
        assert not found
        assert found == aifactories.Diff()
        copy = aifactories.loads(aifactories.dumps(registry))
        assert not aifactories.diff(registry, copy)

    @FEWER
    @given(aist.registries(min_size=1), st.data())
    def test_a_one_field_change_names_that_path(
        self, registry: Registry, data: st.DataObject
    ) -> None:
        entry = data.draw(st.sampled_from(registry.entries))
        notes = f"{entry.notes or ''} A changed note.".strip()
        found = aifactories.diff(
            registry, _replace_entry(registry, attrs.evolve(entry, notes=notes))
        )
        assert found.added == found.removed == ()
        assert not found.waves
        assert not found.facts
        assert found.initiative == ()
        assert found.changed == (
            aifactories.RecordChange(
                entry.id, (aifactories.FieldChange("notes", entry.notes, notes),)
            ),
        )

    @FEWER
    @given(aist.registries(min_size=1), st.data())
    def test_removing_an_entry_is_the_reverse_of_adding_it(
        self, registry: Registry, data: st.DataObject
    ) -> None:
        entry = data.draw(st.sampled_from(registry.entries))
        # Removing a factory an antenna links to would break the registry.
        assume(not any(entry.id in a.factories for a in registry.antennas))
        smaller = attrs.evolve(
            registry,
            factories=[f for f in registry.factories if f.id != entry.id],
            antennas=[a for a in registry.antennas if a.id != entry.id],
        )
        assert aifactories.diff(registry, smaller).removed == (entry.id,)
        assert aifactories.diff(smaller, registry).added == (entry.id,)
        assert not aifactories.diff(smaller, registry).changed


class TestPaths:
    def test_nested_field_and_keyed_lists(self, registry: Registry) -> None:
        mimer = registry["mimer"]
        assert isinstance(mimer, aifactories.Factory)
        assert mimer.supercomputer is not None
        first = mimer.stakeholders[0]
        changed = attrs.evolve(
            mimer,
            supercomputer=attrs.evolve(mimer.supercomputer, vendor="Someone else"),
            stakeholders=(
                attrs.evolve(first, short_name="XYZ"),
                *mimer.stakeholders[1:],
            ),
        )
        found = aifactories.diff(registry, _replace_entry(registry, changed))
        (record,) = found.changed
        assert record.id == "mimer"
        assert record.paths == (
            f"stakeholders[{first.name}].short_name",
            "supercomputer.vendor",
        )
        vendor = record.fields[1]
        assert (vendor.old, vendor.new) == (mimer.supercomputer.vendor, "Someone else")

    def test_an_added_source_does_not_shift_the_others(
        self, registry: Registry
    ) -> None:
        mimer = registry["mimer"]
        new = aifactories.Source(
            url="https://example.org/new", kind=aifactories.SourceKind.PRESS
        )
        changed = attrs.evolve(mimer, sources=(new, *mimer.sources))
        found = aifactories.diff(registry, _replace_entry(registry, changed))
        (field,) = found.changed[0].fields
        assert field.path == "sources[https://example.org/new]"
        assert field.old is None
        assert field.new["kind"] == "press"
        assert field.added

    def test_plain_value_lists_change_as_a_whole(self, registry: Registry) -> None:
        mimer = registry["mimer"]
        changed = attrs.evolve(mimer, aliases=(*mimer.aliases, "Yet another name"))
        (field,) = (
            aifactories.diff(registry, _replace_entry(registry, changed))
            .changed[0]
            .fields
        )
        assert field.path == "aliases"
        assert field.old == list(mimer.aliases)
        assert field.new == [*mimer.aliases, "Yet another name"]

    def test_values_are_in_data_file_form(self, registry: Registry) -> None:
        lumi = registry["lumi-aif"]
        assert lumi.location is not None
        changed = attrs.evolve(lumi, location=None)
        (field,) = (
            aifactories.diff(registry, _replace_entry(registry, changed))
            .changed[0]
            .fields
        )
        assert field.path == "location"
        assert field.new is None
        assert field.removed
        assert field.old["latitude"] == str(lumi.location.latitude)
        assert json.loads(json.dumps(field.old)) == field.old

    def test_waves_facts_and_initiative(self, registry: Registry) -> None:
        fact = registry.facts[0]
        wave = registry.wave_records[0]
        other = attrs.evolve(
            registry,
            data_version="2099.01.01",
            facts=[
                attrs.evolve(fact, statement="Something else."),
                *registry.facts[1:],
            ],
            wave_records=[
                attrs.evolve(wave, name="Renamed"),
                *registry.wave_records[1:],
            ],
        )
        found = aifactories.diff(registry, other)
        assert found.facts.changed[0].paths == ("statement",)
        assert found.waves.changed[0].paths == ("name",)
        assert [f.path for f in found.initiative] == ["data_version"]
        assert not found.entries
        assert found.to_json()["initiative"] == [
            {"path": "data_version", "old": registry.data_version, "new": "2099.01.01"}
        ]

    def test_kind_change_is_reported(self) -> None:
        factory = make_factory("x-one")
        antenna = aifactories.Antenna(
            id="x-one",
            name=factory.name,
            wave="test-antennas",
            selected_on=factory.selected_on,
            country=factory.country,
            sources=factory.sources,
        )
        old = build_registry(factory)
        new = build_registry(antenna)
        paths = aifactories.diff(old, new).changed[0].paths
        assert paths[0] == "kind"
        assert "wave" in paths


class TestCommand:
    @staticmethod
    def _run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "aifactories", "diff", *args],
            capture_output=True,
            text=True,
            check=False,
        )

    @pytest.fixture(name="files")
    def _files(self, tmp_path: Path, registry: Registry) -> tuple[Path, Path]:
        old = tmp_path / "old.json"
        new = tmp_path / "new.json"
        old.write_text(aifactories.dumps(registry), encoding="utf-8")
        mimer = registry["mimer"]
        changed = attrs.evolve(mimer, notes="Changed.")
        new.write_text(
            aifactories.dumps(_replace_entry(registry, changed)), encoding="utf-8"
        )
        return old, new

    def test_text_output_and_exit_zero_with_differences(
        self, files: tuple[Path, Path]
    ) -> None:
        result = self._run(str(files[0]), str(files[1]))
        assert result.returncode == 0, result.stderr
        assert "entry records: 0 added, 0 removed, 1 changed" in result.stdout
        # Each record's block starts on a line of its own after a blank one.
        assert "\n\n~ entry mimer\n" in result.stdout
        assert "\\x0a" not in result.stdout
        assert '    notes: "' in result.stdout
        assert '-> "Changed."' in result.stdout

    def test_json_output(self, files: tuple[Path, Path]) -> None:
        result = self._run(str(files[0]), str(files[1]), "--json")
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        (changed,) = data["entries"]["changed"]
        assert changed["id"] == "mimer"
        assert [f["path"] for f in changed["fields"]] == ["notes"]
        assert changed["fields"][0]["new"] == "Changed."

    def test_same_file_exits_zero(self, files: tuple[Path, Path]) -> None:
        result = self._run(str(files[0]), str(files[0]))
        assert result.returncode == 0
        assert "entry records: 0 added, 0 removed, 0 changed" in result.stdout

    def test_unreadable_file_exits_two(
        self, files: tuple[Path, Path], tmp_path: Path
    ) -> None:
        result = self._run(str(tmp_path / "missing.json"), str(files[1]))
        assert result.returncode == 2
        assert "missing.json" in result.stderr

    def test_invalid_file_exits_one(
        self, files: tuple[Path, Path], tmp_path: Path
    ) -> None:
        bad = tmp_path / "bad.json"
        bad.write_text(
            files[0].read_text(encoding="utf-8").replace('"SE"', '"ZZ"', 1),
            encoding="utf-8",
        )
        result = self._run(str(files[0]), str(bad))
        assert result.returncode == 1
        assert "invalid registry data" in result.stderr
