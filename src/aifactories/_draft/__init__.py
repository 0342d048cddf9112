"""Draft registry entries from a press release, every value with its quote.

One concept a module: :mod:`._text` turns the input into sentences,
:mod:`._drafter` finds the entries and their fields and :mod:`._bids` a
gigafactory bid, :mod:`._output` holds the result, merges it into known
entries and writes it; :mod:`._cldr` and :mod:`._lexicon` hold the words it
matches.
"""

from aifactories._draft._drafter import (
    PLACEHOLDER_DATE,
    TO_FILL,
    _decimal,
    draft,
    require_extra,
)
from aifactories._draft._output import (
    Change,
    Draft,
    changes_between,
    document,
    merge,
    to_toml,
)
from aifactories._draft._text import (
    MAX_BYTES,
    MAX_ENTRIES,
    MAX_READ,
    MAX_SENTENCE,
    MAX_SENTENCES,
)
from aifactories._html import strip_html

__all__ = [
    "MAX_BYTES",
    "MAX_ENTRIES",
    "MAX_READ",
    "MAX_SENTENCE",
    "MAX_SENTENCES",
    "PLACEHOLDER_DATE",
    "TO_FILL",
    "Change",
    "Draft",
    "_decimal",
    "changes_between",
    "document",
    "draft",
    "merge",
    "require_extra",
    "strip_html",
    "to_toml",
]
