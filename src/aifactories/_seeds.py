"""Access to the seed documents that back quoted facts."""

from __future__ import annotations

import functools
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def _seed_dir() -> Path:
    # Wheels and sdists carry the seeds inside the package (hatch
    # force-include); an editable checkout reads the top-level seeds/ folder.
    bundled = _PACKAGE / "_seeds"
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent.parent / "seeds"


def seed_names() -> tuple[str, ...]:
    """Return the file names of the shipped seed documents, sorted."""
    folder = _seed_dir()
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name for p in folder.iterdir() if p.suffix == ".txt"))


@functools.cache
def seed_text(name: str) -> str:
    """Return the text of the seed document ``name`` (a file name in ``seeds/``).

    Raises:
        LookupError: There is no seed document of that name.
    """
    if name not in seed_names():
        msg = f"no seed document named {name!r}; known: {', '.join(seed_names())}"
        raise LookupError(msg)
    return (_seed_dir() / name).read_text(encoding="utf-8")
