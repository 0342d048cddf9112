"""pytest fixtures for testing code that uses aifactories.

Needs the ``aifactories[testing]`` extra. The plugin is opt-in: enable it
in the root ``conftest.py`` of your project::

    pytest_plugins = ["aifactories.testing.pytest_plugin"]

It is not auto-loaded through a ``pytest11`` entry point: that would import
aifactories in every pytest run of every environment that has it
installed, and before coverage measurement starts.

Fixtures:

* ``aif_registry``: the registry under test, the bundled one by default.
* ``aif_registry_file``: override it (any scope) to point ``aif_registry``
  at your own ``.json`` or ``.toml`` file; ``None`` means the bundled data.
* ``aif_factory``: the factory ``aif_factory_id`` names in ``aif_registry``.
* ``aif_factory_id``: override it to pick another factory (default ``"mimer"``).
* ``aif_make_registry``: :func:`aifactories.testing.build_registry`, to build
  a small registry from a few records.

Marker:

* ``@pytest.mark.aif_data(path)``: this test's ``aif_registry`` comes from
  ``path`` (relative paths start at the rootdir).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from aifactories.testing._deps import require

require("pytest", __name__)

# pytest is there: the check above passed.
import pytest  # noqa: E402

from aifactories._errors import RegistryDataError  # noqa: E402
from aifactories._io import load  # noqa: E402
from aifactories._model import Factory  # noqa: E402
from aifactories._registry import Registry  # noqa: E402
from aifactories.testing._records import build_registry  # noqa: E402

__all__ = [
    "aif_factory",
    "aif_factory_id",
    "aif_make_registry",
    "aif_registry",
    "aif_registry_file",
    "pytest_configure",
]

_MARKER = "aif_data"


def pytest_configure(config: pytest.Config) -> None:
    """Register our marker, so ``--strict-markers`` runs accept it."""
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(path): load this test's aif_registry from the registry file "
        "at path (relative to the rootdir) instead of aif_registry_file.",
    )


@pytest.fixture(scope="session")
def aif_registry_file() -> str | os.PathLike[str] | None:
    """The registry file ``aif_registry`` loads; ``None`` means the bundled data.

    Override it in your ``conftest.py`` (any scope) to test against your
    own data file.
    """
    return None


@pytest.fixture(scope="session")
def _aif_registry_cache() -> dict[tuple[Path, int, int], Registry]:
    # Registries are immutable, so one parse per file version serves the session.
    return {}


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


@pytest.fixture
def aif_registry(
    request: pytest.FixtureRequest,
    aif_registry_file: str | os.PathLike[str] | None,
    _aif_registry_cache: dict[tuple[Path, int, int], Registry],
) -> Registry:
    """The registry under test: the bundled one unless configured otherwise.

    ``@pytest.mark.aif_data(path)`` on the test wins over the
    ``aif_registry_file`` fixture. A file is parsed once per session (again
    if it changes on disk).
    """
    path = _marked_path(request)
    if path is None and aif_registry_file is not None:
        path = request.config.rootpath / Path(aif_registry_file)
    if path is None:
        return load()
    try:
        stat = path.stat()
        key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
        registry = _aif_registry_cache.get(key)
        if registry is None:
            registry = _aif_registry_cache[key] = load(path)
    except (OSError, RegistryDataError) as exc:
        pytest.fail(f"aif_registry: cannot load {path}: {exc}", pytrace=False)
    return registry


@pytest.fixture
def aif_factory_id() -> str:
    """The id (or name) of the factory ``aif_factory`` returns; override it."""
    return "mimer"


@pytest.fixture
def aif_factory(aif_registry: Registry, aif_factory_id: str) -> Factory:
    """One real factory from ``aif_registry``: Mimer, unless configured otherwise."""
    entry = aif_registry.get(aif_factory_id)
    if not isinstance(entry, Factory):
        what = "is an antenna" if entry is not None else "names no entry"
        pytest.fail(
            f"aif_factory: {aif_factory_id!r} {what} in {aif_registry!r}; "
            "override the aif_factory_id fixture with the id of one of its factories",
            pytrace=False,
        )
    return entry


@pytest.fixture
def aif_make_registry() -> Callable[..., Registry]:
    """:func:`aifactories.testing.build_registry`: a registry from a few records.

    Call it with factories, antennas (e.g. from
    :func:`aifactories.testing.make_factory`), waves, facts or people;
    missing waves are added and the result is validated, so a record that
    breaks a rule fails with :class:`~aifactories.RegistryDataError`.
    """
    return build_registry
