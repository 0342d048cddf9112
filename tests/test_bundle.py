"""The bundled data: registry.json and its per-entry bundle say the same."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import aifactories
from aifactories._bundled import BUNDLE_DIR, REGISTRY_FILE, bundle_files

ROOT = Path(__file__).resolve().parents[1]


def test_the_bundle_is_built_from_registry_json() -> None:
    document = json.loads(Path(REGISTRY_FILE).read_text(encoding="utf-8"))
    root = Path(BUNDLE_DIR)
    on_disk = {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in root.rglob("*.json")
    }
    # Fails after an edit of registry.json: run python scripts/build_bundle.py
    assert on_disk == bundle_files(document)


def test_the_build_script_checks_the_bundle() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_bundle.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_entry_has_one_file_and_the_index_lists_it() -> None:
    registry = aifactories.load()
    index = json.loads((Path(BUNDLE_DIR) / "index.json").read_text(encoding="utf-8"))
    assert set(index["factories"]) == {f.id for f in registry.factories}
    assert set(index["antennas"]) == {a.id for a in registry.antennas}
    for factory in registry.factories:
        assert (Path(BUNDLE_DIR) / "factories" / f"{factory.id}.json").is_file()
    for antenna in registry.antennas:
        assert (Path(BUNDLE_DIR) / "antennas" / f"{antenna.id}.json").is_file()
