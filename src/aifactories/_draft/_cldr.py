"""Country, month, weekday and number words in the languages drafting reads.

Articles come in the languages of the EuroHPC countries, regional ones
included. What those languages call each country, month and weekday comes
from the Unicode Common Locale Data Repository through Babel (the optional
``draft`` extra), not from lists kept by hand. CLDR has no demonyms; those stay in the
drafter's lexicon.
"""

from __future__ import annotations

import functools
import re
from types import ModuleType

from aifactories._draft import _lexicon as lex
from aifactories._text import fold

EXTRA = "draft"
"""The optional dependency group drafting needs: ``aifactories[draft]``."""

# The EuroHPC participating states and the other countries with an entry,
# the countries an article about the initiative names: those the lexicon
# gives demonyms for, so the list is kept in one place.
COUNTRIES = tuple(sorted(lex.DEMONYMS))


class MissingExtraError(ImportError):
    """Drafting was asked for without the optional ``draft`` extra installed."""


def require() -> ModuleType:
    """Return Babel, or raise :class:`MissingExtraError` saying what to install.

    Raises:
        MissingExtraError: Babel is not installed.
    """
    try:
        import babel.dates  # noqa: PLC0415 - an optional dependency
        import babel.languages  # noqa: PLC0415
    except ImportError:
        msg = (
            "drafting needs the optional 'draft' dependencies: "
            f"pip install 'aifactories[{EXTRA}]'"
        )
        raise MissingExtraError(msg) from None
    return babel


@functools.cache
def languages() -> tuple[str, ...]:
    """The official languages of :data:`COUNTRIES`, English first.

    Regional ones count too: a release from Barcelona may be in Catalan.
    """
    babel = require()
    found = ["en"]
    for code in COUNTRIES:
        for language in babel.languages.get_official_languages(code, regional=True):
            base = language.split("_")[0]
            if base not in found and babel.localedata.exists(base):
                found.append(base)
    return tuple(found)


@functools.cache
def country_names() -> dict[str, tuple[str, ...]]:
    """Each country's names in :func:`languages`, as regex fragments.

    A name of five letters or more matches with up to three more letters
    in place of its last, so case endings ("Österreichs", "Austrii",
    "Ostrave") are found too.
    """
    babel = require()
    territories = [babel.Locale.parse(language).territories for language in languages()]
    names = {code: {t[code] for t in territories if t.get(code)} for code in COUNTRIES}
    return {
        code: tuple(sorted(map(_inflected, found))) for code, found in names.items()
    }


def _inflected(name: str) -> str:
    if len(name) < 5 or " " in name:
        return re.escape(name)
    return re.escape(name[:-1]) + r"\w{0,3}"


@functools.cache
def month_numbers() -> dict[str, int]:
    """Folded month names and abbreviations in :func:`languages` -> month."""
    babel = require()
    months: dict[str, int] = {}
    forms = (("wide", "format"), ("wide", "stand-alone"), ("abbreviated", "format"))
    for language in languages():
        for width, context in forms:
            named = babel.dates.get_month_names(width, context, language)
            for number, name in named.items():
                # Languages read first win a name two of them share.
                months.setdefault(fold(name).rstrip("."), number)
    return months


@functools.cache
def weekday_numbers() -> dict[str, int]:
    """Folded weekday names in :func:`languages` -> weekday (Monday is 0)."""
    babel = require()
    days: dict[str, int] = {}
    for language in languages():
        for context in ("format", "stand-alone"):
            named = babel.dates.get_day_names("wide", context, language)
            for number, name in named.items():
                # One word of five letters or more: "mon" is French for
                # "my", not a Monday.
                word = fold(name)
                if len(word) >= 5 and " " not in word:
                    days.setdefault(word, number)
    return days


@functools.cache
def multipliers() -> dict[str, int]:
    """Lower-case words for a million and a billion in :func:`languages` -> factor.

    Taken from CLDR's compact number formats, long ("2 Millionen", "2
    miljoen") and short ("2 Mio.", "2 mld"); the one-letter short forms
    ("2M") are left to the caller, which reads them only after a digit.
    """
    babel = require()
    factors: dict[str, int] = {}
    thousands: set[str] = set()
    for language in languages():
        formats = babel.Locale.parse(language).compact_decimal_formats
        for width in ("long", "short"):
            for by_plural in formats.get(width, {}).values():
                for magnitude in (10**3, 10**6, 10**9):
                    pattern = by_plural.get(str(magnitude))
                    word = re.sub("[0¤]", "", str(getattr(pattern, "pattern", "")))
                    word = word.strip(" \u00a0\u202f.'\u2019").lower()
                    # Languages read first win a word two of them share; a
                    # word for a thousand anywhere ("mil") is never a million.
                    if len(word) < 3:
                        continue
                    factors.setdefault(word, magnitude)
                    if magnitude == 10**3:
                        thousands.add(word)
    return {word: f for word, f in factors.items() if word not in thousands}
