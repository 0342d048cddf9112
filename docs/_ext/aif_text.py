"""Turning registry values into the words and Markdown the docs print."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

# The registry keeps no public country-name table; the docs borrow the one
# the library uses for its own messages.
from aifactories import Kind, Money, country_name

if TYPE_CHECKING:
    from aifactories import Entry

# Characters that would start Markdown or MyST syntax inside running text.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#~$%])")


def esc(text: str) -> str:
    """Escape ``text`` for use inside a Markdown paragraph or table cell."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def number(value: Decimal) -> str:
    """Format a decimal without exponent or trailing zeros."""
    text = format(value.normalize(), "f")
    whole, dot, fraction = text.partition(".")
    grouped = f"{int(whole):,}"
    return grouped + (dot + fraction if fraction else "")


def money(value: Money) -> str:
    """Return e.g. ``"about EUR 1.5 billion"``."""
    return value.in_words()


def share(value: Decimal) -> str:
    """Return a fraction as a percentage, e.g. ``"50%"``."""
    return f"{number(value * 100)}%"


def date_text(day: dt.date) -> str:
    """Return e.g. ``"10 December 2024"``."""
    return f"{day.day} {day:%B %Y}"


def kind_text(kind: Kind) -> str:
    """Return ``"AI Factory"`` or ``"AI Factory Antenna"``."""
    return kind.label


def count(n: int, noun: str) -> str:
    """Return e.g. ``"1 antenna"`` or ``"7 factories"``."""
    if n == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {plural}"


def country(code: str) -> str:
    """Return e.g. ``"Czechia (CZ)"``."""
    return f"{country_name(code)} ({code})"


def short_label(entry: Entry) -> str:
    """A name short enough for a figure: ``"MIMER"``, not the full title."""
    name = entry.name.split(" (", 1)[0]
    head, dash, _ = name.partition(" - ")
    if dash and len(name) > 28:
        return head
    return name


def url_text(url: str) -> str:
    """A readable, shortened form of a URL for link text."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    text = host + path
    if len(text) > 60:
        text = text[:57] + "…"
    return text


def link(url: str, text: str | None = None) -> str:
    """A Markdown link whose target survives any character in the URL."""
    return f"[{esc(text or url_text(url))}](<{url}>)"
