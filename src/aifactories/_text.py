"""Text folding shared by lookups, search and validation."""

from __future__ import annotations

import re
import unicodedata

# Characters that take no space and show nothing: Unicode's default-ignorable
# code points. Format characters (category Cf: U+200B, the bidi controls,
# U+FEFF...) are found by category; these ranges add the fillers and
# variation selectors that belong to other categories.
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0000-\U000e0fff]"
)


def is_ignorable(char: str) -> bool:
    """Whether ``char`` is a default-ignorable (invisible, zero-width) character."""
    return unicodedata.category(char) == "Cf" or _IGNORABLE.match(char) is not None


def visible(text: str) -> bool:
    """Whether ``text`` holds at least one character a reader can see.

    Invisible characters and combining marks (an accent with nothing to sit
    on, such as ``"\u0301"`` alone) do not count.
    """
    stripped = text.strip()
    if stripped.isascii():
        return bool(stripped)
    return any(not ch.isspace() and _shows(ch) for ch in stripped)


def _shows(char: str) -> bool:
    # Non-spacing and enclosing marks (Mn, Me) show only on a base character.
    return not is_ignorable(char) and unicodedata.category(char) not in {"Mn", "Me"}


def fold(text: str) -> str:
    r"""Fold ``text`` for matching: no accents or invisible characters, case-folded.

    Runs of white space become one space, so ``"Mi\\u200bmer"`` and
    ``"MIMER"`` fold alike.
    """
    if text.isascii():
        # Most names are ASCII; skip the Unicode decomposition for them.
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    bare = _SPECIAL.sub(_drop, decomposed)
    return " ".join(bare.casefold().split())


# fold() need look only at these one by one: no character below U+0300
# combines, and the soft hyphen is the only one there that is ignorable.
# Written as the complement of what is skipped: the same set as
# [\u00ad\u0300-\U0010ffff], but it compiles in a fraction of a millisecond
# instead of about 9 ms (re builds a character map for the large range).
_SPECIAL = re.compile("[^\x00-\xac\xae-\u02ff]")


def _drop(match: re.Match[str]) -> str:
    char = match.group()
    return "" if unicodedata.combining(char) or is_ignorable(char) else char


# str.isalnum() and the underscore are exactly what \w matches.
_NOT_ALNUM = re.compile(r"[\W_]+")


def short(value: object, limit: int = 60) -> str:
    """Return ``repr(value)`` cut to about ``limit`` characters, for messages.

    User data can hold megabytes in one field; an error message should not.
    ``repr`` also escapes control characters, so a message stays one line.
    """
    if isinstance(value, str) and len(value) > limit:
        head = repr(value[:limit])
        return head[:-1] + "…" + head[-1]
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a hand-built value's repr may fail
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def compact(text: str) -> str:
    """Fold ``text`` and drop everything but letters and digits.

    Lets ``"bsc aif"``, ``"BSC-AIF"`` and ``"bsc_aif"`` meet on one key.
    """
    return _NOT_ALNUM.sub("", fold(text))


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """``number`` with its noun: ``"1 problem"``, ``"1,207 problems"``."""
    word = singular if number == 1 else plural or f"{singular}s"
    return f"{number:,} {word}"
