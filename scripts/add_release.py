"""Add a data release to ``src/aifactories/data/releases/``.

Run when the data is released, after setting ``DATA_VERSION`` and the
package version (``MAJOR.MINOR.DATA``: the last part is the data version
without dots, e.g. ``0.2.20261201`` for data ``2026.12.01``)::

    python scripts/add_release.py            # list the bundled release
    python scripts/add_release.py FILE.json  # archive a release's file

The bundled release is ``data/registry.json`` itself: it is only listed,
with its date, in ``index.json``. An earlier release is archived as
``VERSION.json.gz``: run the second form on ``data/registry.json`` *before*
replacing it with the next release's data. Each checks that the file loads;
adding a release again replaces it.
"""

from __future__ import annotations

import gzip
import json
import sys
import tomllib
from pathlib import Path

import aifactories

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "aifactories" / "data"
RELEASES = DATA / "releases"


def add(path: Path, *, archive: bool) -> str:
    """List the registry file at ``path`` as a release (``archive``: keep a copy)."""
    registry = aifactories.load(path)  # must load with today's loader
    raw = path.read_bytes()
    data = json.loads(raw)
    version: str = data["data_version"]
    date: str = data["data_date"]
    assert registry.data_version == version  # noqa: S101
    if archive:
        # mtime=0: the same file gives the same bytes.
        packed = gzip.compress(raw, compresslevel=9, mtime=0)
        (RELEASES / f"{version}.json.gz").write_bytes(packed)
    index_file = RELEASES / "index.json"
    index = (
        json.loads(index_file.read_text(encoding="utf-8"))
        if index_file.exists()
        else {"releases": []}
    )
    found = {item["version"]: item for item in index["releases"]}
    found[version] = {"version": version, "date": date}
    index["releases"] = [found[key] for key in sorted(found)]
    index_file.write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    print(f"added data release {version}", file=sys.stderr)
    return version


def _check_package_version(version: str) -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package = pyproject["project"]["version"]
    if package.split(".")[2] != version.replace(".", ""):
        msg = f"set the package version to MAJOR.MINOR.{version.replace('.', '')}"
        raise SystemExit(msg)


def main(argv: list[str]) -> int:
    """Add the file named in ``argv`` (default: the bundled registry)."""
    if argv:
        add(Path(argv[0]), archive=True)
    else:
        _check_package_version(add(DATA / "registry.json", archive=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
