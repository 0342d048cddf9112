"""The data releases that ship with the package, to load and compare offline.

Every data release is kept in ``data/releases/`` as ``VERSION.json.gz``
(the release's registry file, gzip'd), listed with its date in
``data/releases/index.json``; ``scripts/add_release.py`` adds the current
release when the data is released. ``latest`` names the bundled data.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import json
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from aifactories._errors import NotFoundError

if TYPE_CHECKING:
    from aifactories._registry import Registry

RELEASES_DIR = Path(__file__).parent / "data" / "releases"
LATEST = "latest"
"""The name of the newest release: the data bundled with the package."""


class Release(NamedTuple):
    """A data release that ships with the package.

    Attributes:
        version: The data version, e.g. ``"2026.11.24"``.
        date: The day its facts were last checked.
    """

    version: str
    date: dt.date


@functools.cache
def releases() -> tuple[Release, ...]:
    """Every shipped data release, oldest first.

    >>> releases()[0]
    Release(version='2026.11.24', date=datetime.date(2026, 11, 24))
    """
    index = json.loads((RELEASES_DIR / "index.json").read_text(encoding="utf-8"))
    found = (
        Release(item["version"], dt.date.fromisoformat(item["date"]))
        for item in index["releases"]
    )
    return tuple(sorted(found))


def resolve(name: str) -> str | None:
    """The data version ``name`` means (``latest``: the bundled data), or None."""
    from aifactories import DATA_VERSION  # noqa: PLC0415 - no import cycle

    if name == LATEST:
        return DATA_VERSION
    known = {release.version for release in releases()} | {DATA_VERSION}
    return name if name in known else None


def load_release(name: str) -> Registry:
    """Return data release ``name`` (a version, or ``latest``) as a registry.

    ``latest`` and the bundled data's own version return the bundled
    registry, the object :func:`aifactories.load` returns; an earlier
    release is read from its file once, on first use.

    Raises:
        NotFoundError: No release has that name; the message lists them.
    """
    from aifactories import DATA_VERSION  # noqa: PLC0415 - no import cycle
    from aifactories._io import load  # noqa: PLC0415

    version = resolve(name)
    if version is None:
        names = ", ".join([*(r.version for r in releases()), LATEST])
        message = f"no data release {name!r}; the releases are {names}"
        raise NotFoundError(str(name), message=message)
    if version == DATA_VERSION:
        return load()
    return _read(version)


@functools.cache
def _read(version: str) -> Registry:
    from aifactories._io import loads  # noqa: PLC0415 - no import cycle

    packed = (RELEASES_DIR / f"{version}.json.gz").read_bytes()
    return loads(gzip.decompress(packed))
