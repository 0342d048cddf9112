"""The data releases that ship with the package, to load and compare offline.

Every data release is kept in ``data/releases/`` as ``VERSION.json.gz``
(the release's registry file, gzip'd), listed with its date in
``data/releases/index.json``; ``scripts/add_release.py`` adds the current
release when the data is released. ``latest`` names the bundled data.
This module only finds releases; :func:`aifactories.load` reads them.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import NamedTuple

from aifactories._errors import NotFoundError

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


def names() -> str:
    """Every name a release answers to, for messages: versions, then ``latest``."""
    return ", ".join([*(release.version for release in releases()), LATEST])


def newest() -> str:
    """The newest release's version: the data bundled with the package.

    The index lists it (without a file of its own: the bundled data is
    that release); a test keeps it equal to ``aifactories.DATA_VERSION``.
    """
    return releases()[-1].version


def resolve(name: str) -> str | None:
    """The data version ``name`` means (``latest``: the bundled data), or None."""
    if name == LATEST:
        return newest()
    return name if name in {release.version for release in releases()} else None


def version_of(name: str) -> str:
    """Return the data version release ``name`` (a version, or ``latest``) is.

    Raises:
        NotFoundError: No release has that name; the message lists them.
    """
    version = resolve(name)
    if version is None:
        message = f"no data release {name!r}; the releases are {names()}"
        raise NotFoundError(str(name), message=message)
    return version


def packed(version: str) -> bytes:
    """Return the registry file of an earlier release (gzip'd JSON)."""
    return (RELEASES_DIR / f"{version}.json.gz").read_bytes()
