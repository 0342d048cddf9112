"""aifactories' pytest fixtures, auto-loaded through a ``pytest11`` entry point.

pytest loads this module in every run of every environment where
aifactories is installed, so it is kept outside the package and imports
only pytest and the standard library: aifactories itself is imported when a
test first asks for one of these fixtures, never in a run that does not
(``python -X importtime -m pytest`` shows it). Hypothesis registers its own
plugin the same way.

The fixtures are documented in :mod:`aifactories.testing.pytest_plugin`,
which a ``conftest.py`` may still list in ``pytest_plugins``: it loads this
module (once) where auto-loading is off.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from aifactories import Factory, Registry
    from aifactories.testing import MakeRegistry

_MARKER = "aif_data"


def pytest_configure(config: pytest.Config) -> None:
    """Register our marker, so ``--strict-markers`` runs accept it."""
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(path): load this test's aif_registry from the registry file "
        "at path (relative to the rootdir) instead of aif_registry_file.",
    )


# What to use instead of each function-scoped fixture in an @given test.
_IN_GIVEN = {
    "aif_registry": "aif_session_registry (the same registry, session-scoped)",
    "aif_factory": (
        "aif_session_registry (session-scoped) and look the factory up in the "
        "test: aif_session_registry.factory('mimer')"
    ),
}


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """Point an ``@given`` test that uses a function-scoped fixture of ours to ours.

    Hypothesis refuses function-scoped fixtures in ``@given`` tests with a
    generic health check; this says which fixture to use instead. Runs
    before Hypothesis's own check, and defers to the same setting:
    ``suppress_health_check=[HealthCheck.function_scoped_fixture]``.
    """
    test = getattr(item, "obj", None)
    if getattr(test, "is_hypothesis_test", False):
        settings = getattr(test, "_hypothesis_internal_use_settings", None)
        suppressed = getattr(settings, "suppress_health_check", ())
        if "function_scoped_fixture" not in {check.name for check in suppressed}:
            function = getattr(item, "function", test)
            parameters = inspect.signature(function).parameters if function else {}
            name = next((n for n in _IN_GIVEN if n in parameters), None)
            if name is not None:
                pytest.fail(
                    f"{item.nodeid}: the fixture {name!r} is function-scoped, and "
                    "Hypothesis runs every example of an @given test with one value "
                    f"of it, so it refuses it there; use {_IN_GIVEN[name]}",
                    pytrace=False,
                )
    return (yield)


def _registry(
    request: pytest.FixtureRequest,
    file: str | os.PathLike[str] | None,
    cache: dict[tuple[Path, int, int], Registry],
    *,
    marked: bool,
) -> Registry:
    """The registry a fixture returns: the marker's file, ``file``, or the bundled.

    ``marked``: the ``aif_data`` marker applies; ``cache``: parsed files by
    (path, mtime, size), for the session.
    """
    from aifactories import RegistryDataError, load  # noqa: PLC0415 - lazily

    marker = request.node.get_closest_marker(_MARKER) if marked else None
    if marker is not None:
        if len(marker.args) != 1 or marker.kwargs:
            pytest.fail(
                f"@pytest.mark.{_MARKER} takes exactly one argument, the path of a "
                f"registry file; got args={marker.args!r} kwargs={marker.kwargs!r}",
                pytrace=False,
            )
        file = marker.args[0]
    elif file is None:
        return load()
    path = request.config.rootpath / Path(file)
    try:
        stat = path.stat()
        key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
        found = cache.get(key)
        if found is None:
            found = cache[key] = load(path)
    except (OSError, RegistryDataError) as exc:
        pytest.fail(f"aif_registry: cannot load {path}: {exc}", pytrace=False)
    return found


@pytest.fixture(scope="session")
def aif_registry_file() -> str | os.PathLike[str] | None:
    """The registry file ``aif_registry`` loads; ``None`` means the bundled data.

    Override it in your ``conftest.py`` to test against your own data file:
    in any scope for ``aif_registry``, at session scope (its own) for
    ``aif_session_registry``.
    """
    return None


@pytest.fixture(scope="session")
def _aif_registry_cache() -> dict[tuple[Path, int, int], Registry]:
    # Registries are immutable, so one parse per file version serves the session.
    return {}


@pytest.fixture
def aif_registry(
    request: pytest.FixtureRequest,
    aif_registry_file: str | os.PathLike[str] | None,
    _aif_registry_cache: dict[tuple[Path, int, int], Registry],
) -> Registry:
    """The registry under test: the bundled one unless configured otherwise.

    ``@pytest.mark.aif_data(path)`` on the test wins over the
    ``aif_registry_file`` fixture. A file is parsed once per session (again
    if it changes on disk). Function-scoped, so Hypothesis refuses it in an
    ``@given`` test: use ``aif_session_registry`` there.
    """
    return _registry(request, aif_registry_file, _aif_registry_cache, marked=True)


@pytest.fixture(scope="session")
def aif_session_registry(
    request: pytest.FixtureRequest,
    aif_registry_file: str | os.PathLike[str] | None,
    _aif_registry_cache: dict[tuple[Path, int, int], Registry],
) -> Registry:
    """The same registry as ``aif_registry``, once for the whole session.

    Registries are immutable, so one serves every test; being session-scoped,
    it works in ``@given`` tests. It follows ``aif_registry_file`` (override
    that at session scope), not the ``aif_data`` marker.
    """
    return _registry(request, aif_registry_file, _aif_registry_cache, marked=False)


@pytest.fixture
def aif_factory_id() -> str:
    """The id (or name) of the factory ``aif_factory`` returns; override it."""
    return "mimer"


@pytest.fixture
def aif_factory(aif_registry: Registry, aif_factory_id: str) -> Factory:
    """One real factory from ``aif_registry``: Mimer, unless configured otherwise."""
    import aifactories  # noqa: PLC0415 - lazily

    entry = aif_registry.get(aif_factory_id)
    if not isinstance(entry, aifactories.Factory):
        what = "is an antenna" if entry is not None else "names no entry"
        pytest.fail(
            f"aif_factory: {aif_factory_id!r} {what} in {aif_registry!r}; "
            "override the aif_factory_id fixture with the id of one of its factories",
            pytrace=False,
        )
    return entry


@pytest.fixture(scope="session")
def aif_make_registry() -> MakeRegistry:
    """:func:`aifactories.testing.build_registry`: a registry from a few records.

    Call it with factories, antennas (e.g. from
    :func:`aifactories.testing.make_factory`), waves, facts or people;
    missing waves are added and the result is validated, so a record that
    breaks a rule fails with :class:`~aifactories.RegistryDataError`.
    Session-scoped (it keeps no state), so it works in ``@given`` tests.
    """
    from aifactories.testing import build_registry  # noqa: PLC0415 - lazily

    return build_registry
