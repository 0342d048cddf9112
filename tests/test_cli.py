"""Every ``aifactories`` command prints what the library answers, in one line on error,
with exit 0, 1 or 2.

A few tests run the real console script in a subprocess (exit codes, the
two streams, import cost); the many variants call ``main()`` in-process.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterable
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path
from typing import Any

import attrs
import pytest

import aifactories
from aifactories import Entry, Factory, Registry, Source, _tables
from aifactories._cli import main
from aifactories._table import Column, render, truncate

SCRIPT = Path(sys.executable).with_name("aifactories")


def _env(columns: int | None = 80) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    if columns is not None:
        env["COLUMNS"] = str(columns)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _run(
    *args: str, stdin: str | None = None, command: tuple[str, ...] | None = None
) -> subprocess.CompletedProcess[str]:
    prefix = command or (sys.executable, "-m", "aifactories")
    return subprocess.run(
        [*prefix, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        input=stdin,
        env=_env(),
        check=False,
        timeout=60,
    )


class _Result:
    """What one in-process run printed and returned."""

    def __init__(self, status: int, out: str, err: str) -> None:
        self.status, self.out, self.err = status, out, err

    def json(self) -> Any:
        return json.loads(self.out)


Cli = Callable[..., _Result]


@pytest.fixture(name="cli")
def _cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Call ``main()`` in-process at 80 columns and capture both streams."""
    monkeypatch.setenv("COLUMNS", "80")

    def call(*args: str) -> _Result:
        capsys.readouterr()
        status = main(list(args))
        out, err = capsys.readouterr()
        return _Result(status, out, err)

    return call


def _sources(value: object) -> list[Source]:
    """Every Source anywhere inside a record."""
    if isinstance(value, Source):
        return [value]
    if isinstance(value, tuple | frozenset):
        return [s for item in value for s in _sources(item)]
    cls = type(value)
    if attrs.has(cls):
        return [s for f in attrs.fields(cls) for s in _sources(getattr(value, f.name))]
    return []


def _flat(text: str) -> str:
    """Text with its line wrapping undone, for phrase checks."""
    return " ".join(text.split())


def _user_file(tmp_path: Path, registry: Registry, name: str = "mine.json") -> Path:
    path = tmp_path / name
    path.write_text(aifactories.dumps(registry), encoding="utf-8")
    return path


def _broken_file(tmp_path: Path, registry: Registry) -> Path:
    data = json.loads(aifactories.dumps(registry))
    data["factories"][0]["country"] = "XX"
    data["antennas"][0]["factories"] = ["no-such-factory"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# -- the real console script ----------------------------------------------------


class TestSubprocess:
    """The installed console script runs, exits and writes to the right stream."""

    def test_list_fits_80_columns(self, registry: Registry) -> None:
        result = _run("list")
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        lines = result.stdout.splitlines()
        assert lines[0].split()[:2] == ["ID", "NAME"]
        assert all(len(line) <= 80 for line in lines)
        assert [line.split()[0] for line in lines[1:]] == [e.id for e in registry]

    def test_installed_script_shows_mimer(self) -> None:
        assert SCRIPT.exists(), "the console script is installed next to python"
        result = _run("show", "mimer", command=(str(SCRIPT),))
        assert result.returncode == 0, result.stderr
        text = _flat(result.stdout)
        assert result.stdout.startswith("MIMER - The Swedish AI Innovation Factory\n")
        assert "Linköping University (LiU), Linköping" in text
        # A seed fact shows the words it rests on.
        assert "“hosted by Linköping University and Rise as a partner”" in text
        assert "EuroHPC JU (EU): 50%" in text
        assert all(
            len(line) <= 80 or "://" in line for line in result.stdout.splitlines()
        )

    def test_search_json_round_trips(self) -> None:
        result = _run("search", "linkoping", "--json")
        assert result.returncode == 0
        found = json.loads(result.stdout)
        assert found[0]["id"] == "mimer"
        assert found[0]["rank"] == 1

    def test_validate_exit_statuses(self, tmp_path: Path, registry: Registry) -> None:
        good = _user_file(tmp_path, registry)
        broken = _broken_file(tmp_path, registry)
        ok = _run("validate", str(good))
        assert (ok.returncode, ok.stderr) == (0, "")
        assert ok.stdout.startswith(f"{good}: valid")
        bad = _run("validate", str(good), str(broken))
        assert bad.returncode == 1
        problems = [
            line for line in bad.stdout.splitlines() if line.startswith(str(broken))
        ]
        assert problems == [
            (
                f"{broken}: factories[0].country: 'XX' is not an ISO 3166-1 alpha-2 "
                "country code"
            ),
            f"{broken}: antennas[0].factories[0]: no factory with id 'no-such-factory'",
        ]
        assert "Traceback" not in bad.stderr
        missing = _run("validate", str(tmp_path / "missing.json"))
        assert missing.returncode == 2
        assert (
            missing.stderr.strip()
            == f"{tmp_path / 'missing.json'}: cannot read: No such file or directory"
        )

    def test_export_pipes_into_validate(self) -> None:
        exported = _run("export")
        assert exported.returncode == 0
        checked = _run("validate", "-", stdin=exported.stdout)
        assert checked.returncode == 0, checked.stdout
        assert checked.stdout.startswith("-: valid")

    def test_unknown_key_is_one_line_without_traceback(self) -> None:
        result = _run("show", "mimr")
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1
        assert "did you mean 'mimer'?" in result.stderr


# -- list -------------------------------------------------------------------------


class TestList:
    """``list`` shows exactly the entries the API's filters select, fitted to the
    terminal."""

    def test_json_lists_every_entry(self, cli: Cli, registry: Registry) -> None:
        result = cli("list", "--json")
        rows = result.json()
        assert result.status == 0
        assert [row["id"] for row in rows] == [e.id for e in registry]
        assert rows == registry.to_records("entries")
        mimer = next(row for row in rows if row["id"] == "mimer")
        assert (mimer["host_city"], mimer["host_short_name"]) == ("Linköping", "LiU")

    @pytest.mark.parametrize(
        ("args", "expected"),
        [
            (["--kind", "antenna"], lambda r: r.antennas),
            (["--country", "Germany"], lambda r: r.in_country("DE")),
            (["--country", "de"], lambda r: r.in_country("DE")),
            (["--serving", "Czechia"], lambda r: r.serving("CZ")),
            (["--sector", "medicine"], lambda r: r.with_sector("health")),
            (["--wave", "W2"], lambda r: r.waves[1].entries),
            (["--wave", "2"], lambda r: r.waves[1].entries),
            (["--wave", "a1"], lambda r: r.waves[3].entries),
            (["--as-of", "2025-01-01"], lambda r: tuple(r.as_of(dt.date(2025, 1, 1)))),
        ],
    )
    def test_filters_agree_with_the_api(
        self,
        cli: Cli,
        registry: Registry,
        args: list[str],
        expected: Callable[[Registry], Iterable[Entry]],
    ) -> None:
        result = cli("list", *args, "--json")
        assert result.status == 0
        want = [e.id for e in expected(registry)]
        assert want
        assert [row["id"] for row in result.json()] == want

    def test_filters_combine(self, cli: Cli, registry: Registry) -> None:
        result = cli(
            "list",
            "--serving",
            "Finland",
            "--kind",
            "factory",
            "--sector",
            "health",
            "--json",
        )
        serving = {e.id for e in registry.serving("FI")}
        health = {e.id for e in registry.with_sector("health")}
        want = [f.id for f in registry.factories if f.id in serving & health]
        assert [row["id"] for row in result.json()] == want

    def test_wave_after_as_of_is_empty_not_an_error(self, cli: Cli) -> None:
        result = cli("list", "--wave", "W3", "--as-of", "2025-01-01")
        assert (result.status, result.out) == (0, "")
        assert "no entry matches" in result.err

    def test_table_at_80_columns(self, cli: Cli, registry: Registry) -> None:
        lines = cli("list").out.splitlines()
        assert lines[0].split() == ["ID", "NAME", "KIND", "COUNTRY", "HOST", "WAVE"]
        assert all(len(line) <= 80 for line in lines)
        # Ids are never cut: they are what `show` takes.
        assert [line.split()[0] for line in lines[1:]] == [e.id for e in registry]
        assert any(line.rstrip().endswith("W1") and "…" in line for line in lines)

    def test_wide_terminal_shows_every_column_in_full(
        self, cli: Cli, monkeypatch: pytest.MonkeyPatch, registry: Registry
    ) -> None:
        monkeypatch.setenv("COLUMNS", "400")
        lines = cli("list").out.splitlines()
        assert lines[0].split() == [
            "ID",
            "NAME",
            "KIND",
            "COUNTRY",
            "CITY",
            "HOST",
            "WAVE",
            "SELECTED",
            "SYSTEM",
        ]
        longest = max((e.name for e in registry), key=len)
        assert any(longest in line for line in lines)
        assert "…" not in "".join(lines)

    def test_width_option(self, cli: Cli, registry: Registry) -> None:
        longest = max((e.name for e in registry), key=len)
        full = cli("list", "--width", "0").out.splitlines()
        assert any(longest in line for line in full)
        assert max(map(len, full)) > 150
        narrow = cli("list", "--width", "60").out.splitlines()
        assert max(map(len, narrow)) <= 60
        assert narrow[0].split() == ["ID", "NAME", "COUNTRY", "WAVE"]
        assert cli("search", "lumi", "--width", "-3").status == 2

    def test_no_terminal_and_no_columns_fits_80(
        self, cli: Cli, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("COLUMNS")
        lines = cli("list").out.splitlines()
        assert max(map(len, lines)) <= 80
        assert max(map(len, lines)) > 70

    def test_antennas_only_hides_the_empty_system_column(
        self, cli: Cli, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("COLUMNS", "400")
        header = cli("list", "--kind", "antenna").out.splitlines()[0]
        assert "SYSTEM" not in header
        assert "CITY" in header

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (
                ["--kind", "gigafactory"],
                "argument --kind: invalid choice: 'gigafactory'",
            ),
            (["--country", "Narnia"], "unknown country 'Narnia'"),
            (["--serving", "Atlantis"], "unknown country 'Atlantis'"),
            (
                ["--sector", "cooking"],
                "unknown sector 'cooking'; the sectors are: agrifood",
            ),
            (["--wave", "W9"], "unknown wave 'W9'; the waves are W1 (2024-12-10)"),
            (["--as-of", "2025-13-01"], "'2025-13-01' is not a date; use YYYY-MM-DD"),
        ],
    )
    def test_bad_options_are_usage_errors(
        self, cli: Cli, args: list[str], message: str
    ) -> None:
        result = cli("list", *args)
        assert result.status == 2
        assert result.out == ""
        assert result.err.startswith("aifactories list: ")
        assert message in result.err
        assert result.err.count("\n") == 1


# -- show ---------------------------------------------------------------------------


class TestShow:
    """``show`` prints an entry in full, with its sources, or suggests the ids it may
    mean."""

    def test_every_entry_shows_every_source(self, cli: Cli, registry: Registry) -> None:
        for entry in registry:
            result = cli("show", entry.id)
            assert result.status == 0, entry.id
            text = _flat(result.out)
            for source in _sources(entry):
                if source.url is not None:
                    assert source.url in result.out, (entry.id, source.url)
                else:
                    assert source.seed is not None
                    assert source.quote is not None
                    assert source.seed in text
                    assert f"“{_flat(source.quote)}”" in text, (entry.id, source.quote)

    def test_mimer_in_full(self, cli: Cli) -> None:
        result = cli("show", "mimer")
        text = _flat(result.out)
        for phrase in (
            "mimer · AI Factory · Sweden (SE)",
            "Selected 2024-12-10: First wave of AI Factories (W1)",
            "Also known as: MIMER, Mimer AI Factory",
            (
                "responsible: National Academic Infrastructure for Supercomputing in "
                "Sweden (NAISS), SE"
            ),
            "partner: RISE Research Institutes of Sweden (RISE), SE",
            "Status: new (a new AI-optimised supercomputer)",
            (
                "Sweden (national, SE): 50%, via Swedish Research Council "
                "(Vetenskapsrådet), Vinnova"
            ),
            "Sectors: health, materials, media, robotics",
            "Letters of intent from hearts-ch:",
            "Matts Karlsson, Vice-Rector for Research, Linköping University",
        ):
            assert phrase in text, phrase
        assert all(len(line) <= 80 or "://" in line for line in result.out.splitlines())

    def test_antenna_lists_its_factories(self, cli: Cli, registry: Registry) -> None:
        antenna = next(
            a for a in registry.antennas if a.factories and a.letters_of_intent
        )
        text = _flat(cli("show", antenna.id).out)
        assert "Linked factories" in text
        assert "Letters of intent with" in text
        for factory_id in (*antenna.factories, *antenna.letters_of_intent):
            assert f"{factory_id}: {registry[factory_id].name}" in text

    def test_conflicts_are_shown(self, cli: Cli, registry: Registry) -> None:
        entry = next(e for e in registry if e.conflicts)
        text = _flat(cli("show", entry.id).out)
        assert "Where the sources disagree" in text
        for conflict in entry.conflicts:
            assert _flat(conflict.topic) in text
            for claim in conflict.claims:
                assert _flat(claim.value) in text

    def test_any_key_get_accepts(self, cli: Cli) -> None:
        by_id = cli("show", "lumi-aif").out
        assert cli("show", "LUMI", "AI", "Factory").out == by_id
        assert cli("show", "lumi aif").out == by_id

    def test_json_is_the_data_file_shape(self, cli: Cli, registry: Registry) -> None:
        dumped = json.loads(aifactories.dumps(registry))
        for entry in (registry["mimer"], registry["hearts-ch"]):
            shown = cli("show", entry.id, "--json").json()
            assert isinstance(shown, dict)
            kind = shown.pop("kind")
            linked = shown.pop("linked_antennas", None)
            intents = shown.pop("letters_of_intent_from", None)
            records = dumped["factories" if kind == "factory" else "antennas"]
            assert shown == next(r for r in records if r["id"] == entry.id)
            if isinstance(entry, Factory):
                assert linked == [a.id for a in registry.antennas_of(entry)]
                assert intents == ["hearts-ch"]

    def test_unknown_key_suggests_ids(self, cli: Cli) -> None:
        result = cli("show", "pharo")
        assert result.status == 1
        assert result.out == ""
        assert result.err.startswith(
            "aifactories show: no AI Factory or Antenna matches 'pharo'; "
            "did you mean 'pharos'"
        )

    def test_hopeless_key_points_to_search(self, cli: Cli) -> None:
        result = cli("show", "qqqqzzzz")
        assert result.status == 1
        assert "try 'aifactories search'" in result.err

    def test_ascii_terminal_gets_ascii_marks(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        monkeypatch.setenv("COLUMNS", "80")
        buffer = io.BytesIO()
        stream = io.TextIOWrapper(buffer, encoding="ascii")
        monkeypatch.setattr(sys, "stdout", stream)
        assert main(["show", "mimer"]) == 0
        assert main(["list"]) == 0
        stream.flush()
        text = buffer.getvalue().decode("ascii")
        assert "Link?ping University" in text
        assert '"hosted by Link?ping University and Rise as a partner"' in text
        assert "mimer - AI Factory - Sweden (SE)" in text
        assert "HammerHAI (Hybrid..." in text
        capsys.readouterr()


# -- search -------------------------------------------------------------------------


class TestSearch:
    """``search`` ranks its hits as ``Registry.search`` does and exits 1 on no match."""

    def test_ranked_like_the_api(self, cli: Cli, registry: Registry) -> None:
        result = cli("search", "czechia", "--json")
        assert [row["id"] for row in result.json()] == [
            e.id for e in registry.search("czechia")
        ]
        table = cli("search", "linkoping").out.splitlines()
        assert table[0].split()[:3] == ["#", "ID", "NAME"]
        assert table[1].split()[:2] == ["1", "mimer"]
        assert "Linköping" in table[1]

    def test_words_are_joined(self, cli: Cli, registry: Registry) -> None:
        result = cli("search", "Barcelona", "Supercomputing", "--json")
        assert [r["id"] for r in result.json()] == [
            e.id for e in registry.search("Barcelona Supercomputing")
        ]

    def test_no_match_exits_1(self, cli: Cli) -> None:
        result = cli("search", "qqqqzzzz")
        assert (result.status, result.out) == (1, "")
        assert result.err == "aifactories search: nothing matches 'qqqqzzzz'\n"
        assert cli("search", "qqqqzzzz", "--json").out == "[]\n"


# -- validate -----------------------------------------------------------------------


class TestValidate:
    """``validate`` reports every problem with file and path, exit 1 invalid and 2
    unreadable."""

    def test_reports_every_problem_with_file_and_path(
        self, cli: Cli, tmp_path: Path, registry: Registry
    ) -> None:
        broken = _broken_file(tmp_path, registry)
        with pytest.raises(aifactories.RegistryDataError) as caught:
            aifactories.load(broken)
        result = cli("validate", str(broken))
        assert result.status == 1
        assert result.out.splitlines() == [
            f"{broken}: {e}" for e in caught.value.errors
        ]
        assert result.err == "aifactories validate: 2 problems in 1 of 1 file\n"

    def test_json_report(self, cli: Cli, tmp_path: Path, registry: Registry) -> None:
        good = _user_file(tmp_path, registry)
        broken = _broken_file(tmp_path, registry)
        result = cli(
            "validate", "--json", str(good), str(broken), str(tmp_path / "gone.toml")
        )
        assert result.status == 2
        report = result.json()
        assert [(r["file"], r["status"]) for r in report] == [
            (str(good), "valid"),
            (str(broken), "invalid"),
            (str(tmp_path / "gone.toml"), "unreadable"),
        ]
        assert len(report[1]["problems"]) == 2
        assert report[2]["problems"] == ["cannot read: No such file or directory"]

    def test_unsupported_type_is_unreadable(self, cli: Cli, tmp_path: Path) -> None:
        path = tmp_path / "registry.yaml"
        path.write_text("factories: []\n", encoding="utf-8")
        result = cli("validate", str(path))
        assert result.status == 2
        assert (
            result.err == f"{path}: unsupported file type .yaml; use .json or .toml\n"
        )

    def test_malformed_toml_is_invalid(self, cli: Cli, tmp_path: Path) -> None:
        path = tmp_path / "registry.toml"
        path.write_text("format = 1\ndata_version = \n", encoding="utf-8")
        result = cli("validate", str(path))
        assert result.status == 1
        assert result.out.startswith(f"{path}: $: invalid TOML")

    def test_directory_is_unreadable(self, cli: Cli, tmp_path: Path) -> None:
        folder = tmp_path / "dir.json"
        folder.mkdir()
        assert cli("validate", str(folder)).status == 2

    def test_standard_input(self, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(
            sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"format": 1}'))
        )
        result = cli("validate", "-")
        assert result.status == 1
        assert result.out == "-: data_version: required field missing\n"

    def test_needs_a_file(self, cli: Cli) -> None:
        result = cli("validate")
        assert result.status == 2
        assert "the following arguments are required: FILE" in result.err


# -- export -------------------------------------------------------------------------


class TestExport:
    """``export`` writes exactly what the library's dumps, tables and schema give."""

    def test_json_is_dumps(self, cli: Cli, registry: Registry) -> None:
        assert cli("export").out == aifactories.dumps(registry)
        assert cli("export", "--format", "json").out == aifactories.dumps(registry)

    def test_csv_is_the_entries_table(self, cli: Cli, registry: Registry) -> None:
        result = cli("export", "--format", "csv")
        assert result.out == _tables.csv_text(registry, "entries")
        rows = list(csv.DictReader(io.StringIO(result.out)))
        columns = [c.name for c in _tables.table("entries").columns]
        assert list(rows[0]) == columns
        assert [r["id"] for r in rows] == [e.id for e in registry]
        mimer = next(r for r in rows if r["id"] == "mimer")
        assert mimer["host"] == "Linköping University"
        assert mimer["country_name"] == "Sweden"
        assert json.loads(mimer["sectors"]) == [
            "health",
            "materials",
            "media",
            "robotics",
        ]
        with_total = next(e for e in registry if e.funding and e.funding.total)
        row = next(r for r in rows if r["id"] == with_total.id)
        assert with_total.funding is not None
        assert with_total.funding.total is not None
        assert Decimal(row["funding_total"]) == with_total.funding.total.amount
        assert row["funding_total_eur"]

    def test_csv_of_every_table(self, cli: Cli, registry: Registry) -> None:
        for name in registry.tables():
            result = cli("export", "--format", "csv", "--table", name)
            assert result.out == _tables.csv_text(registry, name)

    def test_output_file(self, cli: Cli, tmp_path: Path, registry: Registry) -> None:
        target = tmp_path / "registry.csv"
        result = cli("export", "--format", "csv", "-o", str(target))
        assert (result.status, result.out) == (0, "")
        assert (
            result.err
            == f"aifactories export: wrote {len(registry)} entries as CSV to {target}\n"
        )
        assert (
            target.read_bytes().decode("utf-8") == cli("export", "--format", "csv").out
        )

    def test_unwritable_output(self, cli: Cli, tmp_path: Path) -> None:
        result = cli("export", "-o", str(tmp_path / "no" / "such" / "dir.json"))
        assert result.status == 1
        assert result.err.startswith("aifactories export: cannot write ")

    def test_schema(self, cli: Cli) -> None:
        from aifactories._schema import json_schema

        assert cli("export", "--format", "schema").json() == json_schema()


# -- --data, --version, --help, errors ---------------------------------------------


class TestCommon:
    """Every command takes ``--data``, shows help with working examples and fails in one
    line."""

    def test_data_points_every_command_at_a_user_file(
        self, cli: Cli, tmp_path: Path, registry: Registry
    ) -> None:
        small = registry.as_of(dt.date(2025, 1, 1))
        path = _user_file(tmp_path, small)
        want = [e.id for e in small]
        assert [
            r["id"] for r in cli("list", "--data", str(path), "--json").json()
        ] == want
        assert [
            r["id"] for r in cli("--data", str(path), "list", "--json").json()
        ] == want
        assert cli("--data", str(path), "show", "ai-at").status == 1
        assert cli("search", "austria", "--data", str(path)).status == 1
        assert cli("export", "--data", str(path)).out == aifactories.dumps(small)

    def test_bad_data_file_is_one_line(
        self, cli: Cli, tmp_path: Path, registry: Registry
    ) -> None:
        broken = _broken_file(tmp_path, registry)
        result = cli("list", "--data", str(broken))
        assert result.status == 1
        assert result.err == (
            f"aifactories: {broken}: invalid registry data, 2 problems "
            f"(run 'aifactories validate {broken}' to list them)\n"
        )
        missing = cli("show", "mimer", "--data", str(tmp_path / "nope.json"))
        assert missing.status == 2  # unreadable, as the README says
        nope = tmp_path / "nope.json"
        assert (
            missing.err
            == f"aifactories: cannot read {nope}: No such file or directory\n"
        )

    def test_many_problems_counted_as_validate_counts_them(
        self, cli: Cli, tmp_path: Path, registry: Registry
    ) -> None:
        doc = json.loads(aifactories.dumps(registry))
        doc["facts"] = [{}] * 2000
        broken = tmp_path / "many.json"
        broken.write_text(json.dumps(doc), encoding="utf-8")
        listed = cli("list", "--data", str(broken)).err
        counted = cli("validate", str(broken)).err.splitlines()[-1]
        number = re.search(r"data, (at least [\d,]+ problems)", listed)
        assert number is not None
        assert "," in number[1]  # thousands grouped, as validate writes them
        assert f"{number[1]} in 1 of 1 file" in counted

    def test_version(self, cli: Cli) -> None:
        result = cli("--version")
        assert result.status == 0
        coverage = aifactories.load().coverage
        assert coverage is not None
        assert coverage.most_checked_until is not None
        versions = (
            f"{version('aifactories')} (data {aifactories.DATA_VERSION}; sources "
            f"checked until {coverage.checked_until.isoformat()}, "
            f"most until {coverage.most_checked_until.isoformat()})"
        )
        assert result.out == f"aifactories {versions}\n"

    def test_show_says_each_sources_kind(self, cli: Cli, registry: Registry) -> None:
        result = cli("show", "lumi")
        assert result.status == 0
        assert "LUMI AI Factory" in result.out
        for source in _sources(registry["lumi-aif"]):
            assert source.kind is not None
            if source.url is not None:
                assert f"{source.url} ({source.kind.label})" in result.out

    @pytest.mark.parametrize(
        "command", [None, "list", "show", "search", "validate", "export"]
    )
    def test_help_has_examples(self, cli: Cli, command: str | None) -> None:
        args = ["--help"] if command is None else [command, "--help"]
        result = cli(*args)
        assert result.status == 0
        assert "examples:" in result.out
        assert f"  aifactories {command or 'show'} " in result.out

    def test_help_examples_work(self, cli: Cli) -> None:
        from aifactories._cli import _EXAMPLES

        lines = [
            line.strip()
            for text in _EXAMPLES.values()
            for line in text.splitlines()
            if line.startswith("  aifactories ")
        ]
        # Examples that write files or name the reader's own files are left out.
        runnable = [
            line
            for line in lines
            if not any(mark in line for mark in ("|", ">", " -o ", ".json", ".toml"))
        ]
        assert len(runnable) >= 10
        for line in runnable:
            result = cli(*shlex.split(line)[1:])
            assert (result.status, result.err) == (0, ""), line
            assert result.out, line

    def test_no_command_prints_help(self, cli: Cli) -> None:
        result = cli()
        assert result.status == 0
        assert result.out.startswith("usage: aifactories")

    def test_unknown_command(self, cli: Cli) -> None:
        result = cli("frobnicate")
        assert result.status == 2
        assert result.err.count("\n") == 1
        assert "invalid choice: 'frobnicate'" in result.err

    def test_internal_errors_are_one_line_unless_debugging(
        self, cli: Cli, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def explode(_path: object = None) -> Registry:
            msg = "disk on fire"
            raise RuntimeError(msg)

        monkeypatch.setattr(aifactories, "load", explode)
        result = cli("list")
        assert result.status == 1
        assert result.err == (
            "aifactories: internal error: RuntimeError: disk on fire "
            "(run with --debug for the traceback)\n"
        )
        with pytest.raises(RuntimeError, match="disk on fire"):
            main(["list", "--debug"])

    def test_debug_shows_the_real_error(self) -> None:
        with pytest.raises(Exception, match="did you mean 'mimer'"):
            main(["--debug", "show", "mimr"])


# -- the table formatter -----------------------------------------------------------


class TestTable:
    """Terminal tables fit the width asked for, shrinking and dropping columns in a
    fixed order."""

    def test_truncate(self) -> None:
        assert truncate("Linköping", 20) == "Linköping"
        assert truncate("Linköping", 9) == "Linköping"
        assert truncate("Linköping", 8) == "Linköpi…"
        assert (
            truncate("AI Factory Austria", 11) == "AI Factory…"
        )  # no space before the mark
        assert truncate("Linköping", 8, "...") == "Linkö..."
        assert truncate("Linköping", 1) == "…"
        assert truncate("Linköping", 2, "...") == ".."

    COLUMNS = (
        Column("ID"),
        Column("NAME", minimum=6, elastic=True, want=10),
        Column("CITY", minimum=4, drop=2),
        Column("NOTE", drop=1),
        Column("EMPTY"),
        Column("TAG", drop=3, last_resort=True),
    )
    ROWS = (
        ("a", "A rather long name", "Linköping", "x", "", "t"),
        ("bb", "Short", "Kajaani", "yy", "", "u"),
    )

    def test_natural_width_without_limit(self) -> None:
        assert render(self.COLUMNS, self.ROWS, None) == [
            "ID  NAME                CITY       NOTE  TAG",
            "a   A rather long name  Linköping  x     t",
            "bb  Short               Kajaani    yy    u",
        ]

    def test_shrinks_the_elastic_column_first(self) -> None:
        lines = render(self.COLUMNS, self.ROWS, 40)
        assert lines[1] == "a   A rather long…  Linköping  x     t"
        assert all(len(line) <= 40 for line in lines)

    def test_then_the_other_shrinkable_columns(self) -> None:
        # NAME stops at the width it wants (10); CITY gives the rest.
        assert render(self.COLUMNS, self.ROWS, 33) == [
            "ID  NAME        CITY    NOTE  TAG",
            "a   A rather…   Linkö…  x     t",
            "bb  Short       Kajaa…  yy    u",
        ]

    def test_drops_columns_in_order_when_shrinking_is_not_enough(self) -> None:
        assert (
            render(self.COLUMNS, self.ROWS, 30)[0] == "ID  NAME        CITY       TAG"
        )
        # A last-resort column stays while the table can fit with it ...
        assert render(self.COLUMNS, self.ROWS, 24) == [
            "ID  NAME             TAG",
            "a   A rather long…   t",
            "bb  Short            u",
        ]
        # ... and goes when it cannot.
        assert render(self.COLUMNS, self.ROWS, 14) == [
            "ID  NAME",
            "a   A rather…",
            "bb  Short",
        ]

    SQUEEZE = (
        Column("NAME", minimum=4, elastic=True),
        Column("NOTE", minimum=4),
        Column("CITY", minimum=4),
    )
    SQUEEZED = (("Abcdefgh", "Abcdefghij", "Abcdefghijkl"),)  # 34 wide in all

    def test_one_character_too_many_comes_off_the_elastic_column(self) -> None:
        assert render(self.SQUEEZE, self.SQUEEZED, 33) == [
            "NAME     NOTE        CITY",
            "Abcdef…  Abcdefghij  Abcdefghijkl",
        ]

    def test_then_the_widest_column_gives_and_the_left_one_on_a_tie(self) -> None:
        # NAME is at its floor; CITY (12) gives until it is as wide as NOTE
        # (10), then the tie goes to NOTE, the left one.
        assert render(self.SQUEEZE, self.SQUEEZED, 27) == [
            "NAME  NOTE       CITY",
            "Abc…  Abcdefgh…  Abcdefghi…",
        ]

    def test_overflows_only_when_nothing_can_go(self) -> None:
        lines = render(self.COLUMNS, self.ROWS, 5)
        assert lines == ["ID  NAME", "a   A rat…", "bb  Short"]

    def test_every_width_fits_the_real_list(self, registry: Registry) -> None:
        rows = [
            (e.id, e.name, e.host.city if e.host and e.host.city else "")
            for e in registry
        ]
        columns = (
            Column("ID"),
            Column("NAME", minimum=20, elastic=True, want=25),
            Column("CITY", minimum=10, drop=1),
        )
        ids = max(len(e.id) for e in registry)
        for width in range(ids + 22, 200):
            lines = render(columns, rows, width)
            assert all(len(line) <= width for line in lines), width
            assert [line.split()[0] for line in lines[1:]] == [e.id for e in registry]
