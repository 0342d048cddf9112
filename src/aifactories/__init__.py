"""A typed, validated, cited registry of the EuroHPC AI Factories and Antennas.

Start with :func:`load`::

    >>> import aifactories
    >>> registry = aifactories.load()
    >>> registry["mimer"].host.name
    'Linköping University'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aifactories._countries import country_code, country_name
from aifactories._errors import NotFoundError, RegistryDataError
from aifactories._io import dumps, load, loads, validate
from aifactories._model import (
    Antenna,
    Claim,
    Confidence,
    Conflict,
    Entry,
    Fact,
    Factory,
    FunderKind,
    Funding,
    FundingShare,
    Host,
    Kind,
    Money,
    Person,
    Qualifier,
    Role,
    Sector,
    Source,
    Stakeholder,
    Supercomputer,
    SystemStatus,
    Wave,
)
from aifactories._registry import Registry, Selection
from aifactories._seeds import seed_names, seed_text

if TYPE_CHECKING:
    # Served lazily by __getattr__ below; imported here for type checkers.
    from aifactories._parse import MAX_BYTES, MAX_KEY_DEPTH
    from aifactories._sectors import SECTOR_LABELS, SECTOR_SYNONYMS
    from aifactories._validate import MAX_PROBLEMS

from aifactories._rules import MAX_DIGITS, MAX_EXPONENT, MAX_INT

# Tracebacks and docs should name the public module, not the private one.
NotFoundError.__module__ = RegistryDataError.__module__ = "aifactories"

DATA_VERSION = "2026.11.24"
"""Version of the bundled data (the date its facts were last checked)."""

__all__ = [
    "DATA_VERSION",
    "MAX_BYTES",
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "MAX_INT",
    "MAX_KEY_DEPTH",
    "MAX_PROBLEMS",
    "SECTOR_LABELS",
    "SECTOR_SYNONYMS",
    "Antenna",
    "Claim",
    "Confidence",
    "Conflict",
    "Entry",
    "Fact",
    "Factory",
    "FunderKind",
    "Funding",
    "FundingShare",
    "Host",
    "Kind",
    "Money",
    "NotFoundError",
    "Person",
    "Qualifier",
    "Registry",
    "RegistryDataError",
    "Role",
    "Sector",
    "Selection",
    "Source",
    "Stakeholder",
    "Supercomputer",
    "SystemStatus",
    "Wave",
    "country_code",
    "country_name",
    "dumps",
    "load",
    "loads",
    "seed_names",
    "seed_text",
    "validate",
]


def _register_with_hypothesis() -> None:
    # Hypothesis ran our entry point before this package existed in the
    # process; register the strategies for st.from_type() now.
    import os  # noqa: PLC0415
    import sys  # noqa: PLC0415

    if "hypothesis" in sys.modules and not os.environ.get("HYPOTHESIS_NO_PLUGINS"):
        from aifactories.testing._hook import register  # noqa: PLC0415

        register()


def __getattr__(name: str) -> Any:
    # importlib.metadata costs tens of milliseconds, and the sector tables a
    # few: pay for them only when asked.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("aifactories")
    if name in {"SECTOR_LABELS", "SECTOR_SYNONYMS"}:
        from aifactories import _sectors  # noqa: PLC0415

        return getattr(_sectors, name)
    # The limits of the strict loader, from the modules that enforce them;
    # importing those at start-up would slow down the bundled path.
    if name in {"MAX_BYTES", "MAX_KEY_DEPTH"}:
        from aifactories import _parse  # noqa: PLC0415

        return getattr(_parse, name)
    if name == "MAX_PROBLEMS":
        from aifactories import _validate  # noqa: PLC0415

        return _validate.MAX_PROBLEMS
    msg = f"module 'aifactories' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, "__version__"})


_register_with_hypothesis()
