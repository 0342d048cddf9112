"""pytest fixtures for testing code that uses aifactories.

Needs the ``aifactories[testing]`` extra. Installed with it, the fixtures
are there in every project, with nothing to configure: a ``pytest11`` entry
point loads them from the tiny top-level module ``_aifactories_pytestplugin``,
which imports aifactories only when a test first uses one, so test runs
that never do pay nothing. Disable them with ``-p
no:_aifactories_pytestplugin``.

Where plugin auto-loading is off (``PYTEST_DISABLE_PLUGIN_AUTOLOAD``), list
this module in the root ``conftest.py``; it loads the same fixtures, and
with auto-loading on it adds nothing, so no fixture is registered twice::

    pytest_plugins = ["aifactories.testing.pytest_plugin"]

Fixtures:

* ``aif_registry``: the registry under test, the bundled one by default.
* ``aif_session_registry``: the same registry, session-scoped, for
  ``@given`` tests (Hypothesis refuses function-scoped fixtures there).
* ``aif_registry_file``: override it to point both at your own ``.json``
  or ``.toml`` file; ``None`` means the bundled data.
* ``aif_factory``: the factory ``aif_factory_id`` names in ``aif_registry``.
* ``aif_factory_id``: override it to pick another factory (default ``"mimer"``).
* ``aif_make_registry``: :func:`aifactories.testing.build_registry`, to build
  a small registry from a few records (session-scoped).

For annotations: ``aif_registry`` and ``aif_session_registry`` are
:class:`~aifactories.Registry`, ``aif_factory`` a
:class:`~aifactories.Factory`, ``aif_make_registry`` a
:class:`~aifactories.testing.MakeRegistry` and ``aif_registry_file`` a
:data:`~aifactories.testing.RegistryFile`.

Marker:

* ``@pytest.mark.aif_data(path)``: this test's ``aif_registry`` comes from
  ``path`` (relative paths start at the rootdir).
"""

from __future__ import annotations

from aifactories.testing import _require

_require("pytest", __name__)

# pytest skips a plugin already registered under this name: the entry point
# registers the module under its own name, so listing this module with
# auto-loading on loads nothing twice.
pytest_plugins = ["_aifactories_pytestplugin"]
