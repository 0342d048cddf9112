"""What the pytest fixtures do, imported only once a test uses one.

The fixtures themselves live in the top-level ``_aifactories_pytestplugin``
module, which pytest loads in every run; this module holds their work, so
that loading them costs nothing until then.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aifactories._errors import RegistryDataError
from aifactories._io import load
from aifactories._model import Factory
from aifactories._registry import Registry

_MARKER = "aif_data"


def _marked_path(request: pytest.FixtureRequest) -> Path | None:
    marker = request.node.get_closest_marker(_MARKER)
    if marker is None:
        return None
    if len(marker.args) != 1 or marker.kwargs:
        pytest.fail(
            f"@pytest.mark.{_MARKER} takes exactly one argument, the path of a "
            f"registry file; got args={marker.args!r} kwargs={marker.kwargs!r}",
            pytrace=False,
        )
    return request.config.rootpath / Path(marker.args[0])


def registry(
    request: pytest.FixtureRequest,
    file: str | os.PathLike[str] | None,
    cache: dict[tuple[Path, int, int], Registry],
    *,
    marked: bool,
) -> Registry:
    """The registry a fixture returns: the marker's file, ``file``, or the bundled.

    Args:
        request: The fixture's request.
        file: The ``aif_registry_file`` fixture's value.
        cache: Parsed files by (path, mtime, size), for the session.
        marked: Whether the ``aif_data`` marker applies (function scope).
    """
    path = _marked_path(request) if marked else None
    if path is None and file is not None:
        path = request.config.rootpath / Path(file)
    if path is None:
        return load()
    try:
        stat = path.stat()
        key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
        found = cache.get(key)
        if found is None:
            found = cache[key] = load(path)
    except (OSError, RegistryDataError) as exc:
        pytest.fail(f"aif_registry: cannot load {path}: {exc}", pytrace=False)
    return found


def factory(registry: Registry, factory_id: str) -> Factory:
    """The factory ``factory_id`` names in ``registry``, or a clear failure."""
    entry = registry.get(factory_id)
    if not isinstance(entry, Factory):
        what = "is an antenna" if entry is not None else "names no entry"
        pytest.fail(
            f"aif_factory: {factory_id!r} {what} in {registry!r}; "
            "override the aif_factory_id fixture with the id of one of its factories",
            pytrace=False,
        )
    return entry
