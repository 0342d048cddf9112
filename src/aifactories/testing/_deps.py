"""Friendly import errors for the parts of the testing kit that need extras."""

from __future__ import annotations

import importlib
from types import ModuleType


def require(module: str, feature: str) -> ModuleType:
    """Import ``module`` or explain which extra provides it.

    Args:
        module: The third-party module ``feature`` needs, e.g. ``"hypothesis"``.
        feature: Our module that needs it, named in the message.

    Raises:
        ImportError: ``module`` is not installed; the message names the
            ``aifactories[testing]`` extra.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        msg = (
            f"{feature} needs {module}, which is not installed; "
            "install the testing extra: pip install 'aifactories[testing]'"
        )
        raise ImportError(msg, name=module) from exc
