"""The article being read and the entries it builds, shared by every field.

:class:`_Reading` holds the sentences and cuts quotes out of the text;
:class:`_Acc` is one entry under construction. The field readers
(:mod:`._entries`, :mod:`._orgs`, :mod:`._funding` ...) extend
:class:`_Reading`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import takewhile

import attrs

from aifactories._draft._knowledge import _Knowledge
from aifactories._draft._match import (
    _LINK,
    _NOT_NAMES,
    _country_name_re,
    _org_like,
    _until,
    _word_find,
)
from aifactories._draft._text import (
    MAX_READ,
    MAX_SENTENCE,
    MAX_SENTENCES,
    _Sentence,
    _sentences,
)
from aifactories._model import (
    Entry,
    FunderKind,
    Host,
    Kind,
    Money,
    Person,
    Sector,
    Source,
    Stakeholder,
    SystemStatus,
)
from aifactories._text import fold


@attrs.define
class _Share:
    funder: str
    kind: FunderKind
    country: str | None
    share: Decimal | None = None
    amount: Money | None = None
    via: list[str] = attrs.Factory(list)
    sources: list[Source] = attrs.Factory(list)


@attrs.define
class _Acc:
    """A mutable entry under construction; frozen into a record at the end."""

    name: str
    kind: Kind
    known: Entry | None
    aliases: list[str] = attrs.Factory(list)
    sources: list[Source] = attrs.Factory(list)
    countries: list[tuple[int, str, Source]] = attrs.Factory(list)
    host: Host | None = None
    stakeholders: dict[str, Stakeholder] = attrs.Factory(dict)
    partner_countries: dict[str, Source] = attrs.Factory(dict)
    factories: dict[str, Source] = attrs.Factory(dict)
    intents: dict[str, Source] = attrs.Factory(dict)
    focus: dict[str, Source] = attrs.Factory(dict)
    sectors: dict[Sector, Source] = attrs.Factory(dict)
    totals: list[tuple[Money, Source]] = attrs.Factory(list)
    shares: dict[tuple[FunderKind, str], _Share] = attrs.Factory(dict)
    people: dict[str, Person] = attrs.Factory(dict)
    selected_on: tuple[dt.date, list[Source]] | None = None
    wave: str | None = None
    system: dict[str, tuple[str, Source]] = attrs.Factory(dict)
    status: tuple[SystemStatus, Source] | None = None

    def alias(self, name: str, source: Source) -> None:
        """Add ``name`` as another name of this entry, unless it has it."""
        known = self.known.names if self.known is not None else ()
        if fold(name) in {fold(n) for n in (self.name, *self.aliases, *known)}:
            return
        self.aliases.append(name)
        self.sources.append(attrs.evolve(source, supports=f"alias: {name}"))


_LINK_ANY_CASE = re.compile(_LINK.pattern, re.IGNORECASE)
_STATE_TITLE = re.compile(
    r"^(?:the\s+)?(?:Republic|Kingdom|Grand Duchy|Principality|State)\s+of\s+"
    r"(?:the\s+)?",
    re.IGNORECASE,
)


class _Reading:
    """The article's sentences and entries, and the checks every field shares."""

    def __init__(self, text: str, name: str, known: _Knowledge) -> None:
        self.text = text
        self.name = name
        self.known = known
        self.warnings: list[str] = []
        self.sentences, skipped = _sentences(text)
        if skipped:
            self.warnings.append(
                f"skipped {skipped} sentence(s) longer than {MAX_SENTENCE} characters"
            )
        kept = min(MAX_SENTENCES, sum(sent.start < MAX_READ for sent in self.sentences))
        if kept < len(self.sentences):
            self.warnings.append(
                f"read the first {kept} sentences of {len(self.sentences)} "
                f"(at most {MAX_SENTENCES:,} within {MAX_READ:,} characters); "
                "the rest is not drafted"
            )
            del self.sentences[kept:]
        self.entries: list[_Acc] = []

    def source(self, sent: _Sentence, lo: int, hi: int, supports: str) -> Source:
        start, end = sent.start + lo, sent.start + hi
        # Never an empty quote: fall back to the whole sentence.
        quote = self.text[start:end].strip() or sent.text
        return Source(seed=self.name, quote=quote, supports=supports)

    def whole(self, sent: _Sentence, supports: str) -> Source:
        return self.source(sent, 0, len(sent.text), supports)

    def first_naming(self, *labels: str | None) -> _Sentence | None:
        """The first sentence naming one of ``labels`` (or an inflected form)."""
        keys = [fold(label) for label in labels if label and len(label) >= 3]
        if not keys:
            return None
        pattern = re.compile(
            rf"(?<!\w)(?:{'|'.join(map(re.escape, keys))})\w{{0,3}}(?!\w)"
        )
        said = zip(self.sentences, self.folded, strict=True)
        return next((sent for sent, folded in said if pattern.search(folded)), None)

    def first_acronym(self, *names: str | None) -> _Sentence | None:
        """The first sentence with a word of capitals of ``names``, as written.

        "AGH" of "Academic Computer Centre Cyfronet AGH": a word of capitals
        names the organisation in any language ("Cyfronet AGH" in Polish).
        """
        words = [
            word
            for name in names
            if name
            for word in re.findall(r"[\w-]+", name)
            if len(word) >= 3 and sum(c.isupper() for c in word) >= 2
        ]
        if not words:
            return None
        pattern = re.compile(
            rf"(?<![\w-])(?:{'|'.join(map(re.escape, words))})(?![\w-])"
        )
        return next((s for s in self.sentences if pattern.search(s.text)), None)

    @functools.cached_property
    def folded(self) -> list[str]:
        return [fold(sent.text) for sent in self.sentences]

    @functools.cached_property
    def folded_text(self) -> str:
        """The whole text folded, once: every lookup in it reuses this."""
        return fold(self.text)

    @functools.cached_property
    def present_names(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        whole = self.folded_text
        return tuple(
            (re.compile(rf"(?<!\w){re.escape(key)}(?!\w)"), entry_id)
            for key, entry_id in self.known.names
            if key in whole
        )

    @functools.cached_property
    def linkless(self) -> list[str]:
        """Each sentence as written, up to a link cue if it has one.

        A factory named after "linked to" is named in passing: the
        sentence is about the antenna linked to it ("…, linked to the Pharos
        AI Factory in Greece": Greece is Pharos's). The cue is found before
        folding, which takes the accents off cues such as "accès à".
        """
        return [_until(sent.text, _LINK_ANY_CASE) for sent in self.sentences]

    @functools.cached_property
    def unlinked(self) -> list[str]:
        """:attr:`linkless` folded; a sentence with no cue is folded once."""
        return [
            folded if len(cut) == len(sent.text) else fold(cut)
            for sent, cut, folded in zip(
                self.sentences, self.linkless, self.folded, strict=True
            )
        ]

    def names_in(self, acc: _Acc, index: int) -> bool:
        known = acc.known.names if acc.known is not None else ()
        keys = [fold(label) for label in (acc.name, *acc.aliases, *known)]
        said = self.unlinked[index]
        return any(len(k) >= 3 and _word_find(said, k) >= 0 for k in keys)

    def city_ok(self, city: str) -> bool:
        return fold(city) in self.known.cities or not _org_like(city)

    def org_ok(self, label: str, *, strict: bool) -> bool:
        if len(label.strip()) < 2 or fold(label) in _NOT_NAMES:
            return False
        # "Portugal", "the Republic of Moldova": a country, not an organisation.
        if _country_name_re().fullmatch(_STATE_TITLE.sub("", label)):
            return False
        if not strict or self.known.org(label) is not None:
            return True
        first = label.split(maxsplit=1)[0]
        if sum(ch.isupper() for ch in first) >= 2:
            return True
        # Two capitalised words or more ("Oslo Health Analytics") name an
        # organisation once people and places are ruled out above.
        return sum(word[:1].isupper() for word in label.split()) >= 2

    def bullets_after(self, sent: _Sentence) -> Iterator[_Sentence]:
        return takewhile(lambda nxt: nxt.bullet, self.sentences[sent.position + 1 :])
