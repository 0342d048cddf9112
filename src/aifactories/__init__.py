"""aifactories: the EuroHPC AI Factories and AI Factory Antennas, as typed data.

Which AI Factories and Antennas Europe has, who hosts and funds them, what
they run, how to get access, and where each fact comes from: every value
is a frozen, typed record, checked against the rules of the data format
and cited to its sources. Start with :func:`load`::

    >>> import aifactories
    >>> registry = aifactories.load()
    >>> registry["mimer"].host.name
    'Linköping University'

The public names are those in ``__all__``; modules whose names start with
an underscore are private.
"""

import typing as _typing

from aifactories._countries import country_code, country_name
from aifactories._errors import NotFoundError, RegistryDataError
from aifactories._io import dumps, load, loads, validate
from aifactories._model import (
    Access,
    AccessCall,
    AccessMode,
    Antenna,
    Audience,
    Claim,
    Confidence,
    Conflict,
    Count,
    Coverage,
    Entry,
    Fact,
    Factory,
    FlopsUnit,
    FunderKind,
    Funding,
    FundingShare,
    GigafactoryCall,
    GigafactoryLot,
    Grant,
    Host,
    Kind,
    Link,
    Location,
    Milestone,
    MilestoneKind,
    Money,
    NationalPosition,
    Performance,
    Person,
    PositionStatus,
    Precision,
    Qualifier,
    Role,
    Sector,
    Source,
    SourceKind,
    Stakeholder,
    Supercomputer,
    SystemStatus,
    Top500Rank,
    Wave,
)
from aifactories._registry import Registry, Selection
from aifactories._seeds import seed_names, seed_text

if _typing.TYPE_CHECKING:
    # Served lazily by __getattr__ below; imported here for type checkers.
    # diff() and its result types: results, not data records, so only
    # diff is in __all__ (re-exported here with redundant aliases).
    from aifactories._diff import Changes as Changes
    from aifactories._diff import Diff as Diff
    from aifactories._diff import FieldChange as FieldChange
    from aifactories._diff import RecordChange as RecordChange
    from aifactories._diff import diff
    from aifactories._draft import Draft, draft
    from aifactories._files import MAX_BYTES
    from aifactories._funding import FundingSum
    from aifactories._parse import MAX_KEY_DEPTH
    from aifactories._rates import EuroValue
    from aifactories._sectors import SECTOR_LABELS, SECTOR_SYNONYMS

    __version__: str
    """The installed package's version."""

from aifactories._errors import MAX_PROBLEMS
from aifactories._rules import MAX_DIGITS, MAX_EXPONENT, MAX_INT

# Tracebacks and docs should name the public module, not the private one.
NotFoundError.__module__ = RegistryDataError.__module__ = "aifactories"

DATA_VERSION = "2026.12.02"
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
    "Access",
    "AccessCall",
    "AccessMode",
    "Antenna",
    "Audience",
    "Claim",
    "Confidence",
    "Conflict",
    "Count",
    "Coverage",
    "Draft",
    "Entry",
    "EuroValue",
    "Fact",
    "Factory",
    "FlopsUnit",
    "FunderKind",
    "Funding",
    "FundingShare",
    "FundingSum",
    "GigafactoryCall",
    "GigafactoryLot",
    "Grant",
    "Host",
    "Kind",
    "Link",
    "Location",
    "Milestone",
    "MilestoneKind",
    "Money",
    "NationalPosition",
    "NotFoundError",
    "Performance",
    "Person",
    "PositionStatus",
    "Precision",
    "Qualifier",
    "Registry",
    "RegistryDataError",
    "Role",
    "Sector",
    "Selection",
    "Source",
    "SourceKind",
    "Stakeholder",
    "Supercomputer",
    "SystemStatus",
    "Top500Rank",
    "Wave",
    "country_code",
    "country_name",
    "diff",
    "draft",
    "dumps",
    "load",
    "loads",
    "seed_names",
    "seed_text",
    "validate",
]


# The names served on first use, by the module that defines them: the sector
# tables cost a few milliseconds, the drafter compiles its patterns on
# import, diff() and its result types and what conversions and sums return
# are loaded when first named, and importing the limits of the strict loader
# at start-up would slow down the bundled path.
_LAZY = {
    "SECTOR_LABELS": "_sectors",
    "SECTOR_SYNONYMS": "_sectors",
    "Draft": "_draft",
    "draft": "_draft",
    "Changes": "_diff",
    "Diff": "_diff",
    "FieldChange": "_diff",
    "RecordChange": "_diff",
    "diff": "_diff",
    "EuroValue": "_rates",
    "FundingSum": "_funding",
    "MAX_BYTES": "_files",
    "MAX_KEY_DEPTH": "_parse",
}


def _lazy(name: str) -> object:
    if name == "__version__":
        # importlib.metadata costs tens of milliseconds: only when asked.
        from importlib.metadata import version  # noqa: PLC0415

        return version("aifactories")
    if name not in _LAZY:
        msg = f"module 'aifactories' has no attribute {name!r}"
        raise AttributeError(msg)
    from importlib import import_module  # noqa: PLC0415

    return getattr(import_module(f"aifactories.{_LAZY[name]}"), name)


if not _typing.TYPE_CHECKING:
    # Hidden from type checkers: a module __getattr__ returning Any would make
    # every misspelt name (aifactories.lod) type-check. The lazy names are
    # declared in the TYPE_CHECKING block above instead.
    __getattr__ = _lazy


def __dir__() -> list[str]:
    # What a user may use, not how the module is built.
    return sorted(__all__)
