# Typographic quotes, dashes and apostrophes are matched on purpose.
# ruff: noqa: RUF001
"""Text cleanup for drafting: decoding, HTML tags, hard wraps, sentences.

The drafter reads sentences; this module turns what it is given (bytes or
text, plain or HTML, wrapped or not) into them. A sentence keeps its
offsets in the text, so a quote cut from it is a verbatim substring.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from aifactories._errors import RegistryDataError

MAX_BYTES = 2_000_000
"""The largest article :func:`draft` reads, in bytes of UTF-8 (about 2 MB).

Press releases are a few kilobytes; the cap keeps time and memory bounded
for anything else someone feeds the command.
"""

# What a draft reads, so its time is bounded whatever the input (a press
# release has tens of sentences in a few thousand characters).
MAX_SENTENCE = 1_000  # characters: a longer sentence is skipped, not searched
MAX_SENTENCES = 5_000  # only the first this many sentences are read
MAX_READ = 250_000  # only sentences within the first this many characters
MAX_ENTRIES = 64  # a draft proposes at most this many; later names are reported


def _decode(text: object) -> str:
    if isinstance(text, bytes | bytearray):
        if len(text) > MAX_BYTES:
            raise RegistryDataError([_TOO_LARGE])
        if b"\x00" in text:
            msg = f"$: binary data, not text (a NUL byte at offset {text.index(0)})"
            raise RegistryDataError([msg])
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            msg = f"$: not UTF-8 text (invalid byte at offset {exc.start})"
            raise RegistryDataError([msg]) from None
    elif not isinstance(text, str):
        msg = f"$: expected the article as str or bytes, got {type(text).__name__}"
        raise RegistryDataError([msg])
    # Four bytes per character at most: only a long text needs encoding.
    elif len(text) * 4 > MAX_BYTES and len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise RegistryDataError([_TOO_LARGE])
    elif "\x00" in text:
        msg = f"$: binary data, not text (a NUL character at {text.index(chr(0))})"
        raise RegistryDataError([msg])
    # Universal newlines, as Python's text mode and seed_text() read (documents
    # are read that way when their quotes are checked).
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# No size: the CLI reads one byte past the cap, so the size would mislead.
_TOO_LARGE = (
    f"$: the article is larger than {MAX_BYTES:,} bytes, the most a draft reads"
)


def words(text: str) -> tuple[str, ...]:
    """Return the words of ``text``: a word list written as one string."""
    return tuple(text.split())


# -- sentences --------------------------------------------------------------------


class _Sentence(NamedTuple):
    start: int
    end: int
    text: str
    line: int
    bullet: bool
    position: int


# A line ends at a control character (C0 but tab, DEL, C1), a line or
# paragraph separator, or a lone surrogate: none can reach a quote.
_LINE = re.compile(r"[^\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]+")
_WRAP = re.compile(r"[ \t]*\n[ \t]*")
_OPEN_END = re.compile(r"(?:,|(?<![^\W\d_])[^\W\d_A-ZÀ-Þ]{1,3})[ \t]*$")
# Only at the start of a run of terminators, and possessive: a run of
# 20,000 dots is one try, not one try from each dot.
_BREAK = re.compile(r"(?<![.!?…])[.!?…]++[\"”’»)\]]*+\s+")
_BULLET = re.compile(r"^\s*(?:[-*•–·▪]|\d{1,2}[.)])\s+")
_ABBREVIATIONS = frozenset(
    words(
        "dr prof mag ing dipl hab mr ms mrs st no nr e.g i.e approx ca inc ltd co jr "
        "sr vs etc mio mrd mln mld bzw z.b u.a ggf dott dott.ssa sig dra sra gen art "
        "abs vol fig p.a s.a s.p.a mgr inż "
        # Polish, Czech, Slovak and Hungarian: "ok. 80 mln", "im. Adama", "ds.".
        "ok r im np tzw m.in ds tys tj cca resp kft zrt d.o.o a.s s.r.o spol"
    )
)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield the spans of the text's lines, hard-wrapped lines joined.

    Text wrapped at a fixed width (e-mail, text taken from a PDF) breaks
    sentences across lines; when most lines end near one width, a full
    line runs on into the next one (not into a blank line or a bullet).
    """
    spans = [m.span() for m in _LINE.finditer(text) if m.group().strip()]
    widths = [stop - start for start, stop in spans]
    width = max(widths, default=0)
    full = width - 20
    wrapped = (
        len(spans) >= 4
        and width <= 100
        and sum(w >= full for w in widths) * 2 >= len(spans)
    )
    group: tuple[int, int] | None = None
    for start, stop in spans:
        if group is not None:
            # A line ending in a comma or a short word ("a joint effort of")
            # runs on however the text is wrapped.
            open_end = _OPEN_END.search(text, max(group[0], group[1] - 4), group[1])
            if (
                ((wrapped and group[1] - group[0] >= full) or open_end is not None)
                and _WRAP.fullmatch(text, group[1], start)
                and not _BULLET.match(text, start)
            ):
                group = (group[0], stop)
                continue
            yield group
        group = (start, stop)
    if group is not None:
        yield group


def _sentences(text: str) -> tuple[list[_Sentence], int]:
    out: list[_Sentence] = []
    skipped = 0
    for number, (start, stop) in enumerate(_lines(text)):
        # Line breaks inside a joined line read as spaces; offsets stay the
        # same, so quotes are still cut from the text itself.
        segment = text[start:stop].replace("\n", " ")
        bullet = _BULLET.match(segment)
        offset = bullet.end() if bullet else 0
        pieces: list[tuple[int, int]] = []
        for brk in _BREAK.finditer(segment, offset):
            word = segment[max(offset, brk.start() - 12) : brk.start()].split()
            # "Univ.-Prof.": the title after the hyphen.
            last = word[-1].lower().rstrip(".").rsplit("-", 1)[-1] if word else ""
            nxt = segment[brk.end() : brk.end() + 1]
            # "u. a.", "z. B.": an abbreviation written with a space.
            pair = "".join(word[-2:]).lower().rstrip(".")
            if (
                last in _ABBREVIATIONS
                or pair in _ABBREVIATIONS
                # A day written "11. März", "5. září": an ordinal, not an end.
                or (last.isdigit() and len(last) <= 2 and brk.group().startswith(". "))
                or not (nxt.isupper() or nxt.isdigit() or nxt in "“\"„«(‘'¿¡")
            ):
                continue
            pieces.append((offset, brk.start() + len(brk.group().rstrip())))
            offset = brk.end()
        pieces.append((offset, len(segment)))
        for lo, hi in pieces:
            piece = segment[lo:hi]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if not piece:
                continue
            if len(piece) > MAX_SENTENCE:
                skipped += 1
                continue
            first = start + lo + lead
            end = first + len(piece)
            out.append(_Sentence(first, end, piece, number, bool(bullet), len(out)))
    return out, skipped
