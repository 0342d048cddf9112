"""Access to the seed documents that back quoted facts."""

from __future__ import annotations

import functools
import os

# os.path, not pathlib: this module is imported with the package, and
# pathlib's own import costs more than everything here.
_PACKAGE = os.path.dirname(os.path.abspath(__file__))


@functools.cache
def _seed_dir() -> str:
    # Wheels and sdists carry the seeds inside the package (hatch
    # force-include); an editable checkout reads the top-level seeds/ folder.
    bundled = os.path.join(_PACKAGE, "_seeds")
    if os.path.isdir(bundled):
        return bundled
    return os.path.join(os.path.dirname(os.path.dirname(_PACKAGE)), "seeds")


@functools.cache
def seed_names() -> tuple[str, ...]:
    """Return the file names of the shipped seed documents, sorted."""
    folder = _seed_dir()
    if not os.path.isdir(folder):
        return ()
    return tuple(sorted(name for name in os.listdir(folder) if name.endswith(".txt")))


@functools.cache
def seed_text(name: str) -> str:
    """Return the text of the seed document ``name`` (a file name in ``seeds/``).

    Raises:
        LookupError: There is no seed document of that name.
    """
    if name not in seed_names():
        msg = f"no seed document named {name!r}; known: {', '.join(seed_names())}"
        raise LookupError(msg)
    with open(os.path.join(_seed_dir(), name), encoding="utf-8") as file:
        return file.read()
