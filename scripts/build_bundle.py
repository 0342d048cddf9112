"""Write src/aifactories/data/bundle/ from src/aifactories/data/registry.json.

The bundle is the same data cut into one file per entry, so that a lookup by
id reads one small file (see ``aifactories._bundled``). Run this after every
change to registry.json; ``tests/test_bundle.py`` fails while the two differ.

    python scripts/build_bundle.py           # rewrite the bundle
    python scripts/build_bundle.py --check   # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from aifactories._bundled import BUNDLE_DIR, REGISTRY_FILE, bundle_files, write_bundle


def expected() -> dict[str, str]:
    """Return the bundle's files (relative name -> text) for registry.json."""
    return bundle_files(json.loads(Path(REGISTRY_FILE).read_text(encoding="utf-8")))


def actual() -> dict[str, str]:
    """Return the bundle's files as they are on disk."""
    root = Path(BUNDLE_DIR)
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*.json"))
    }


def main() -> int:
    """Rewrite the bundle, or with --check report whether it is current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check")
    options = parser.parse_args()
    want = expected()
    if options.check:
        if want != actual():
            print("bundle is out of date: run python scripts/build_bundle.py")
            return 1
        return 0
    root = Path(BUNDLE_DIR)
    staging = root.with_name("bundle.new")
    shutil.rmtree(staging, ignore_errors=True)
    write_bundle(
        json.loads(Path(REGISTRY_FILE).read_text(encoding="utf-8")), str(staging)
    )
    shutil.rmtree(root, ignore_errors=True)
    staging.rename(root)
    print(f"wrote {len(want)} files to {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
