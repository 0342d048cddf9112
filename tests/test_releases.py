"""Every data release ships with the package and loads, lists and compares
offline, and the package version names the data release it carries."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

import aifactories
from aifactories import NotFoundError
from aifactories._cli import main
from aifactories._releases import LATEST, RELEASES_DIR, releases

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = [r.version for r in releases()]


def test_the_past_releases_ship() -> None:
    assert {"2026.11.24", "2026.12.01"} <= set(VERSIONS)
    assert sorted(VERSIONS) == VERSIONS
    # Every release but the bundled one is archived; the bundled one is the
    # package's data file itself, not shipped twice.
    files = {p.name for p in RELEASES_DIR.iterdir()}
    past = [v for v in VERSIONS if v != aifactories.DATA_VERSION]
    assert files == {"index.json", *(f"{v}.json.gz" for v in past)}


@pytest.mark.parametrize("release", releases())
def test_each_release_loads_with_its_version_and_date(
    release: aifactories._releases.Release,
) -> None:
    registry = aifactories.load(release=release.version)
    assert registry.data_version == release.version
    assert registry.data_date == release.date
    assert len(registry) == len(registry.factories) + len(registry.antennas) > 0
    # Read once: asking again gives the same object.
    assert aifactories.load(release=release.version) is registry


def test_the_bundled_data_is_the_latest_release() -> None:
    bundled = aifactories.load()
    assert VERSIONS[-1] == aifactories.DATA_VERSION
    assert aifactories.load(release=LATEST) is bundled
    assert aifactories.load(release=aifactories.DATA_VERSION) is bundled


def test_releases_differ() -> None:
    old = aifactories.load(release="2026.11.24")
    found = aifactories.diff(old, aifactories.load(release=LATEST))
    assert found.changed
    assert old.data_version != aifactories.DATA_VERSION


def test_an_unknown_release_is_an_error_listing_the_known_ones() -> None:
    with pytest.raises(NotFoundError, match=r"the releases are 2026\.11\.24, .*latest"):
        aifactories.load(release="2020.01.01")


def test_a_release_is_not_read_from_a_path() -> None:
    with pytest.raises(TypeError, match="release= goes alone"):
        aifactories.load("x.json", release=LATEST)


def test_the_package_version_names_the_data_release() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    version = pyproject["project"]["version"]
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d{8})(\.\d+)?", version)
    assert match, version
    assert match[3] == aifactories.DATA_VERSION.replace(".", "")


class TestCli:
    """``aifactories releases`` lists the releases; ``diff`` takes their names."""

    def test_releases_lists_versions_and_dates(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["releases"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[0] == "2026.11.24  2026-11-24"
        assert lines[-1] == f"{aifactories.DATA_VERSION}  {releases()[-1].date}  latest"
        assert main(["releases", "--json"]) == 0
        rows = json.loads(capsys.readouterr().out)
        assert [row["version"] for row in rows] == VERSIONS
        assert [row["latest"] for row in rows] == [False] * (len(rows) - 1) + [True]

    def test_diff_compares_releases_by_name(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["diff", "2026.11.24", "latest", "--json"]) == 0
        found = json.loads(capsys.readouterr().out)
        expected = aifactories.diff(
            aifactories.load(release="2026.11.24"), aifactories.load()
        )
        assert found == expected.to_json()
        assert main(["diff", "latest", aifactories.DATA_VERSION]) == 0
        assert "0 changed" in capsys.readouterr().out

    def test_diff_names_the_releases_for_an_unknown_name(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["diff", "2020.01.01", "latest"]) == 2
        err = capsys.readouterr().err
        assert "2020.01.01: no such file or data release" in err
        assert "2026.11.24" in err

    def test_a_file_wins_over_a_release_of_the_same_name(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        monkeypatch.chdir(tmp_path)
        (tmp_path / "latest").write_text("{}", encoding="utf-8")
        assert main(["diff", "latest", "2026.11.24"]) == 2
        assert "latest: unsupported file type" in capsys.readouterr().err
