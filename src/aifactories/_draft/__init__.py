"""Draft registry entries from a press release, every value with its quote.

One concept a module: :mod:`._text` turns the input into sentences,
:mod:`._entries` finds the entries it is about, one reader a field
(:mod:`._places`, :mod:`._orgs`, :mod:`._funding`, :mod:`._people`,
:mod:`._system`, :mod:`._focus`, :mod:`._dates`) reads their fields over
:mod:`._reading`, and :mod:`._drafter` runs them and builds the records
(entries, and the position an article about a gigafactory bid proposes);
:mod:`._output` holds the result, merges it into known entries and writes
it; :mod:`._match`, :mod:`._knowledge`, :mod:`._cldr` and :mod:`._lexicon`
hold the patterns, registry knowledge and words they match.
"""

from aifactories._draft._drafter import PLACEHOLDER_DATE, TO_FILL, draft
from aifactories._draft._output import Draft, document, to_toml
from aifactories._draft._text import MAX_BYTES
from aifactories._html import strip_html

__all__ = [
    "MAX_BYTES",
    "PLACEHOLDER_DATE",
    "TO_FILL",
    "Draft",
    "document",
    "draft",
    "strip_html",
    "to_toml",
]
