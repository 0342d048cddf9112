"""Helpers for testing code that uses aifactories.

The helpers here need nothing beyond aifactories itself:

* :func:`make_factory`, :func:`make_antenna`: valid test records with
  placeholder values, and :func:`build_registry` to put a few records
  (and the waves they need) into a validated :class:`~aifactories.Registry`;
* :func:`break_rule` and :data:`RULES`: invalid copies of valid data, each
  breaking one named rule, for testing how code handles
  :class:`~aifactories.RegistryDataError`.

Two modules need the ``aifactories[testing]`` extra:
:mod:`aifactories.testing.strategies` (Hypothesis strategies) and
:mod:`aifactories.testing.pytest_plugin` (pytest fixtures, auto-loaded
through a ``pytest11`` entry point that imports aifactories only when a test
uses one; :class:`MakeRegistry` and :data:`RegistryFile` type them).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from aifactories.testing._mutations import RULES, BrokenDocument, Rule, break_rule
from aifactories.testing._records import (
    PLACEHOLDER_SOURCE,
    AntennaFields,
    FactoryFields,
    MakeRegistry,
    RegistryFile,
    build_registry,
    make_antenna,
    make_factory,
)

__all__ = [
    "PLACEHOLDER_SOURCE",
    "RULES",
    "AntennaFields",
    "BrokenDocument",
    "FactoryFields",
    "MakeRegistry",
    "RegistryFile",
    "Rule",
    "break_rule",
    "build_registry",
    "make_antenna",
    "make_factory",
]


def _require(module: str, feature: str) -> ModuleType:
    """Import ``module``, which our ``feature`` needs, or name the extra providing it.

    Raises:
        ImportError: ``module`` is not installed; the message names the extra.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        msg = (
            f"{feature} needs {module}, which is not installed; "
            "install the testing extra: pip install 'aifactories[testing]'"
        )
        raise ImportError(msg, name=module) from exc


def __dir__() -> list[str]:
    # What a user may use, not how it is built.
    return sorted(__all__)
