"""``aifactories.diff`` and ``aifactories diff`` name every change between two
registries by its path."""

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
from aifactories._diff import RECORD_COLUMNS
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
    """A registry equals itself, and removing is the reverse of adding."""

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
        assume(
            not any(
                entry.id in (*a.factories, *a.letters_of_intent)
                for a in registry.antennas
            )
        )
        smaller = attrs.evolve(
            registry,
            factories=[f for f in registry.factories if f.id != entry.id],
            antennas=[a for a in registry.antennas if a.id != entry.id],
        )
        assert aifactories.diff(registry, smaller).removed == (entry.id,)
        assert aifactories.diff(smaller, registry).added == (entry.id,)
        assert not aifactories.diff(smaller, registry).changed


class TestPaths:
    """Each change is named by the path of the field that changed, keyed lists by their
    keys."""

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


def _facts_and_bookkeeping(registry: Registry) -> Registry:
    """``registry`` with mimer's notes (a fact) and sources (bookkeeping) changed."""
    mimer = registry["mimer"]
    first = mimer.stakeholders[0]
    new = aifactories.Source(url="https://example.org/new")
    changed = attrs.evolve(
        mimer,
        notes="Changed.",
        sources=(new, *mimer.sources),
        stakeholders=(
            attrs.evolve(first, sources=(new, *first.sources)),
            *mimer.stakeholders[1:],
        ),
    )
    return attrs.evolve(_replace_entry(registry, changed), data_version="9999.01.01")


class TestFactsAndBookkeeping:
    """Source bookkeeping is told apart from changed facts, and can be left out."""

    def test_each_change_is_marked(self, registry: Registry) -> None:
        found = aifactories.diff(registry, _facts_and_bookkeeping(registry))
        (record,) = found.changed
        marks = {f.path: f.bookkeeping for f in record.fields}
        assert marks == {
            "notes": False,
            "sources[https://example.org/new]": True,
            f"stakeholders[{registry['mimer'].stakeholders[0].name}]"
            ".sources[https://example.org/new]": True,
        }
        assert [(f.path, f.bookkeeping) for f in found.initiative] == [
            ("data_version", True)
        ]

    def test_only_facts_and_only_bookkeeping_split_the_diff(
        self, registry: Registry
    ) -> None:
        new = _facts_and_bookkeeping(registry)
        removed = attrs.evolve(new, antennas=new.antennas[1:])
        found = aifactories.diff(registry, removed)
        facts, bookkeeping = found.only("facts"), found.only("bookkeeping")
        assert facts.removed == found.removed == (registry.antennas[0].id,)
        assert [f.path for f in facts.changed[0].fields] == ["notes"]
        assert facts.initiative == ()
        assert bookkeeping.removed == ()
        assert all(f.bookkeeping for f in bookkeeping.changed[0].fields)
        assert [f.path for f in bookkeeping.initiative] == ["data_version"]
        both = [f for d in (facts, bookkeeping) for f in d.changed[0].fields]
        assert sorted(both, key=str) == sorted(found.changed[0].fields, key=str)
        assert not aifactories.diff(registry, registry).only("facts")
        with pytest.raises(ValueError, match="'facts' or 'bookkeeping'"):
            found.only("sources")  # type: ignore[arg-type]

    def test_to_records_has_a_flat_row_per_change(self, registry: Registry) -> None:
        new = _facts_and_bookkeeping(registry)
        found = aifactories.diff(registry, attrs.evolve(new, antennas=new.antennas[1:]))
        rows = found.to_records()
        assert all(tuple(row) == RECORD_COLUMNS for row in rows)
        removed = registry.antennas[0].id
        assert rows[0] == {
            "record": "entry",
            "id": removed,
            "change": "removed",
            "path": None,
            "old": None,
            "new": None,
            "bookkeeping": False,
        }
        notes = next(r for r in rows if r["path"] == "notes")
        assert notes["record"] == "entry"
        assert notes["id"] == "mimer"
        assert (notes["old"], notes["new"]) == (registry["mimer"].notes, "Changed.")
        assert notes["change"] == ("changed" if registry["mimer"].notes else "added")
        source = next(
            r for r in rows if r["path"] == "sources[https://example.org/new]"
        )
        assert source["change"] == "added"
        assert source["bookkeeping"] is True
        assert json.loads(source["new"])["url"] == "https://example.org/new"
        version = rows[-1]
        assert (version["record"], version["id"], version["path"]) == (
            "initiative",
            None,
            "data_version",
        )
        fields = sum(len(r.fields) for r in found.changed) + len(found.initiative)
        assert len(rows) == 1 + fields
        assert all(not isinstance(v, list | dict) for row in rows for v in row.values())

    def test_to_pandas(self, registry: Registry) -> None:
        pytest.importorskip("pandas")
        found = aifactories.diff(registry, _facts_and_bookkeeping(registry))
        frame = found.to_pandas()
        assert list(frame.columns) == list(RECORD_COLUMNS)
        assert frame.to_dict("records") == found.to_records()
        assert list(frame[~frame["bookkeeping"]]["path"]) == ["notes"]

    def test_to_pandas_without_pandas_names_the_extra(
        self, registry: Registry, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r"aifactories\[pandas\]"):
            aifactories.diff(registry, registry).to_pandas()


class TestCommand:
    """``aifactories diff`` prints every change and exits 0, 1 or 2 as ``validate``
    does."""

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

    def test_records_are_set_apart_by_blank_lines(
        self, files: tuple[Path, Path], tmp_path: Path, registry: Registry
    ) -> None:
        third = tmp_path / "third.json"
        third.write_text(
            aifactories.dumps(_facts_and_bookkeeping(registry)), encoding="utf-8"
        )
        lines = self._run(str(files[0]), str(third)).stdout.splitlines()
        assert "\\x0a" not in "".join(lines)
        for mark in ("~ entry mimer", "~ initiative"):
            assert lines[lines.index(mark) - 1] == ""

    def test_facts_hides_bookkeeping(
        self, files: tuple[Path, Path], tmp_path: Path, registry: Registry
    ) -> None:
        third = tmp_path / "third.json"
        third.write_text(
            aifactories.dumps(_facts_and_bookkeeping(registry)), encoding="utf-8"
        )
        every = self._run(str(files[0]), str(third)).stdout
        facts = self._run(str(files[0]), str(third), "--facts").stdout
        assert "sources[https://example.org/new]" in every
        assert "sources[" not in facts
        assert "    notes: " in facts
        assert "initiative: 0 fields changed" in facts
        data = json.loads(
            self._run(str(files[0]), str(third), "--facts", "--json").stdout
        )
        assert (
            data
            == aifactories.diff(registry, _facts_and_bookkeeping(registry))
            .only("facts")
            .to_json()
        )

    def test_documents_are_honoured(self, tmp_path: Path) -> None:
        quote = "Nordlys AI Factory opens its doors in Tromso."
        (tmp_path / "docs").mkdir()
        (tmp_path / "docs" / "article.txt").write_text(quote, encoding="utf-8")
        citing = json.loads(aifactories.dumps(build_registry(make_factory("nordlys"))))
        citing["factories"][0]["sources"] = [
            {"seed": "article.txt", "quote": quote, "supports": "x"}
        ]
        path = tmp_path / "citing.json"
        path.write_text(json.dumps(citing), encoding="utf-8")
        without = self._run(str(path), str(path))
        assert without.returncode == 1
        assert "invalid registry data" in without.stderr
        folder = str(tmp_path / "docs")
        result = self._run(str(path), str(path), "--documents", folder)
        assert result.returncode == 0, result.stderr
        assert "entry records: 0 added, 0 removed, 0 changed" in result.stdout

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
