"""Text folding shared by lookups, search and validation."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Fold ``text`` for matching: no accents, case-folded, single spaces."""
    if text.isascii():
        # Most names are ASCII; skip the Unicode decomposition for them.
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def compact(text: str) -> str:
    """Fold ``text`` and drop everything but letters and digits.

    Lets ``"bsc aif"``, ``"BSC-AIF"`` and ``"bsc_aif"`` meet on one key.
    """
    return "".join(ch for ch in fold(text) if ch.isalnum())
