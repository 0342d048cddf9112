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


def short(value: object, limit: int = 60) -> str:
    """Return ``repr(value)`` cut to about ``limit`` characters, for messages.

    User data can hold megabytes in one field; an error message should not.
    """
    if isinstance(value, str) and len(value) > limit:
        head = repr(value[:limit])
        return head[:-1] + "…" + head[-1]
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def compact(text: str) -> str:
    """Fold ``text`` and drop everything but letters and digits.

    Lets ``"bsc aif"``, ``"BSC-AIF"`` and ``"bsc_aif"`` meet on one key.
    """
    return "".join(ch for ch in fold(text) if ch.isalnum())
