"""Propose entries from an article: run every field's reader, build the records.

Evidence or nothing: a value is proposed only together with a
:class:`~aifactories.Source` whose ``quote`` is sliced out of the text
itself, so every quote is a verbatim substring of :attr:`Draft.text` by
construction; what it does not say is left to fill (:func:`draft`).

A gigafactory bid is not an entry of the registry: until the call selects
its sites, the registry records where each country stands on bidding
(:class:`~aifactories.NationalPosition`, one per country, under the call's
:class:`~aifactories.GigafactoryCall`). An article about a bid therefore
proposes a position (country, lead, site, members, money), each value
with its quote; its summary and people are left to the reviewer, in the
registry's own words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

import attrs

from aifactories._draft import _cldr
from aifactories._draft._dates import _Dates
from aifactories._draft._entries import _Entries
from aifactories._draft._focus import _Focus
from aifactories._draft._funding import _Funding
from aifactories._draft._knowledge import _Knowledge
from aifactories._draft._match import _countries_named
from aifactories._draft._orgs import _Orgs
from aifactories._draft._output import Change, Draft, _dedupe, changes_between
from aifactories._draft._people import _People
from aifactories._draft._places import _Places
from aifactories._draft._reading import _Acc
from aifactories._draft._system import _System
from aifactories._draft._text import _decode, _Sentence, words
from aifactories._html import strip_html
from aifactories._model import (
    Antenna,
    Confidence,
    Entry,
    Factory,
    Host,
    Kind,
    NationalPosition,
    PositionStatus,
    Role,
    Source,
)
from aifactories._registry import Registry
from aifactories._text import fold

TO_FILL = "TO-FILL"
"""Placeholder for a required text field the article does not give."""

PLACEHOLDER_DATE = dt.date(1, 1, 1)
"""Placeholder for a required date the article does not give (0001-01-01)."""


def draft(
    text: str | bytes,
    registry: Registry | None = None,
    *,
    name: str = "article.txt",
    html: bool = False,
) -> Draft:
    """Propose registry entries from the text of a press release.

    Every proposed value carries a :class:`~aifactories.Source` with
    ``seed=name`` and the verbatim ``quote`` it rests on. What the article
    does not say is left ``None`` (or empty); the required fields it does
    not give get placeholders (:data:`TO_FILL`, 0001-01-01) named in the
    entry's ``notes`` and in :attr:`Draft.warnings`.

    Args:
        text: The article, as text or UTF-8 bytes; at most
            :data:`MAX_BYTES` bytes.
        registry: What is already known (entries, hosts, stakeholders,
            cities); defaults to the bundled registry. An article about an
            entry it holds yields :attr:`Draft.changes` for that entry.
        name: The article's file name, written into every source's ``seed``.
        html: Remove HTML tags, scripts and styles first (quotes then refer
            to the remaining text, :attr:`Draft.text`).

    Returns:
        The draft; empty when the text names no AI Factory or Antenna.

    Raises:
        RegistryDataError: The input is too large, not UTF-8, or binary.
        ImportError: The optional ``draft`` dependencies are not installed
            (``pip install 'aifactories[draft]'``).
    """
    _cldr.require()  # before any work: say at once what to install
    body = _decode(text)
    if html:
        body = strip_html(body)
    if registry is None:
        import aifactories  # noqa: PLC0415 - avoid an import cycle at start-up

        registry = aifactories.load()
    known = _Knowledge.of(registry)
    return _Drafter(body, name, known).run()


# The word for a gigafactory in the registry's languages ("Gigafabrik",
# "gigafábrica", "gigafàbrica", "gigatovárna", "gigafabryka").
_GIGAFACTORY = re.compile(
    r"\bgiga[ -]?(?:factor|fabri|fábric|fàbric|továr|tovarn|usine)\w*", re.IGNORECASE
)
# The place a gigafactory is to be built: "gigafábrica ... em Sines".
_SITE = re.compile(
    rf"{_GIGAFACTORY.pattern}[^.;]{{0,60}}?\b(?:em|in|en|w|à|v|ve|im|no|na|nel|nella|bei)\s+"
    r"(?P<c>(?-i:[A-ZÀ-ÖØ-Þ])[\w-]+)",
    re.IGNORECASE,
)
# A bid, an application or an expression of interest.
_BID = re.compile(
    r"candidat|bewerb|interessensbekundung|expression of interest|\bbids?\b|"
    r"žádost|kandid|consorti|konsorc|solicitud|wniosek|manifesta[çc]|propost",
    re.IGNORECASE,
)
_INITIATIVE = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fifteen|nineteen|all|these|the new|other|sechs|sieben|sei|sette|"
    r"seis|siete|sept|sześć|siedem)\s+(?:new\s+|neue\s+|nuove\s+|nuevas\s+|"
    r"nouvelles\s+|nowych\s+)?(?:AI\s+[Ff]actor(?:ies|y\s+Antennas)|[Aa]ntennas|"
    r"KI-Fabriken|AI Factories)\b"
)
# "In total, the factories ...": a sum over the initiative, but only where
# the sentence speaks of factories or antennas in the plural ("the budget
# is EUR 85 M in total" is the entry's own).
_SUM = re.compile(
    r"\bTogether,|\bcombined\b|\bin total\b|\baltogether\b|\binsgesamt\b|"
    r"\bcomplessivamente\b|\bin totale\b|\ben total\b|\ben conjunto\b|\bau total\b|"
    r"\błącznie\b"
)
_PLURAL_KIND = re.compile(
    r"factories|antennas|fabriken|fabbriche|fábricas|usines|fabryk|fabrieken|"
    r"továrn|antennen|antenas",
    re.IGNORECASE,
)


class _Drafter(_Entries, _Places, _Orgs, _Funding, _People, _System, _Focus, _Dates):
    """Reads every field of every entry and builds the records."""

    def run(self) -> Draft:
        self.find_entries()
        said = self.bid_sentences()
        owners = self.owners({sent.position for sent in said})
        own = [s for s, o in zip(self.sentences, owners, strict=True) if o is None]
        bid = self.bid(said, own)
        if not self.entries and self.sentences and bid is None:
            self.warnings.append("no AI Factory or Antenna is named in the text")
        for sent, owner in zip(self.sentences, owners, strict=True):
            if owner is None:
                continue
            # A sentence about the initiative as a whole, unless it names the
            # known entry itself, gives no country, money or machine.
            known = owner.known.id if owner.known is not None else None
            about_all = _INITIATIVE.search(sent.text) or (
                _SUM.search(sent.text) and _PLURAL_KIND.search(sent.text)
            )
            initiative = bool(about_all) and (known not in self.mentions(sent))
            readers = [self.people, self.host, self.stakeholders, self.links]
            readers.append(self.dates)
            if not initiative:
                readers += [self.countries, self.partner_countries, self.focus]
                readers += [self.funding, self.system]
            for read in readers:
                read(sent, owner)
        built = [self.build(acc) for acc in self.entries]
        changes: list[Change] = []
        for acc, entry in zip(self.entries, built, strict=True):
            if acc.known is not None:
                changes.extend(changes_between(acc.known, entry))
        positions = () if bid is None else (bid,)
        return Draft(
            self.text, tuple(built), tuple(changes), tuple(self.warnings), positions
        )

    def bid_sentences(self) -> list[_Sentence]:
        """The sentences naming a gigafactory, if the article is about a bid.

        It is when its title names a gigafactory, or a sentence names one
        next to a word for a bid; a gigafactory named in passing
        ("complementing the future AI Gigafactories") gives nothing.
        """
        said = [sent for sent in self.sentences if _GIGAFACTORY.search(sent.text)]
        return said if any(s.line == 0 or _BID.search(s.text) for s in said) else []

    def bid(
        self, said: list[_Sentence], own: list[_Sentence]
    ) -> NationalPosition | None:
        """The position an article about a national gigafactory bid proposes.

        Its fields are read as an entry's are, from ``own``, the sentences
        about no entry; ``said`` are those naming a gigafactory. Its country
        is the one those name most (else the text, else left to fill); the
        consortium is the bid's lead.
        """
        if not said:
            return None
        acc = _Acc("", Kind.FACTORY, None)
        for sent in own:
            for read in (self.host, self.stakeholders, self.partner_countries):
                read(sent, acc)
            self.funding(sent, acc)
        named = Counter(code for sent in said for code in _countries_named(sent.text))
        country = named.most_common(1)[0][0] if named else None
        lead = acc.host or next(
            (s for s in acc.stakeholders.values() if s.role is Role.COORDINATOR), None
        )
        sources = [self.whole(sent, "position") for sent in said[:3]]
        site = acc.host.city if acc.host is not None else None
        for sent in said:
            found = _SITE.search(sent.text)
            if site is None and found is not None and self.city_ok(found["c"]):
                site = found["c"]
                sources.append(self.whole(sent, f"site: {site}"))
        funding, total_sources = self.build_funding(acc)
        sources += [*total_sources, *acc.partner_countries.values()]
        if lead is not None:
            sources += lead.sources
        # A bid the text places in no country is still proposed, to fill.
        to_fill = "summary and status" if country else "country, summary and status"
        self.warnings.append(
            f"a gigafactory bid of {country or 'an unnamed country'}: "
            f"{to_fill} to fill by reviewer"
        )
        return NationalPosition(
            country=country or TO_FILL,
            status=PositionStatus.BIDDING if lead else PositionStatus.INTEREST,
            summary=TO_FILL,
            sources=_dedupe(sources),
            consortium=None if lead is None else lead.name,
            confidence=Confidence.LOW,
            site=site,
            stakeholders=[s for s in acc.stakeholders.values() if s != lead],
            partner_countries=[c for c in acc.partner_countries if c != country],
            funding=funding,
        )

    def known_facts(self, acc: _Acc) -> None:
        """Propose the registry's host, stakeholders, people and machine the text names.

        The registry's record of the organisation, with the sentence that
        names it as the quote; the host's city only when the text says it.
        """
        entry = acc.known
        if entry is None:
            return
        machine = entry.supercomputer if isinstance(entry, Factory) else None
        said = self.first_naming(machine.name) if machine and machine.name else None
        if machine and machine.name and said and "name" not in acc.system:
            acc.system["name"] = (machine.name, self.whole(said, "supercomputer.name"))
        host = entry.host
        if acc.host is None and host is not None:
            labels = (host.name, host.short_name)
            said = self.first_naming(*labels) or self.first_acronym(*labels)
            if said is not None:
                city = host.city if host.city and self.first_naming(host.city) else None
                acc.host = attrs.evolve(
                    host, city=city, sources=(self.whole(said, "host"),)
                )
        for holder in entry.stakeholders:
            said = self.first_naming(holder.name, holder.short_name)
            if said is not None:
                quote = self.whole(said, f"{holder.role.value}: {holder.name}")
                stakeholder = attrs.evolve(holder, sources=(quote,))
                acc.stakeholders.setdefault(fold(holder.name), stakeholder)
        # A person the registry names for the entry, named with no role cue.
        for person in entry.people:
            said = self.first_naming(person.name)
            if said is not None:
                quoted = attrs.evolve(person, sources=(self.whole(said, "person"),))
                acc.people.setdefault(fold(person.name), quoted)

    def build(self, acc: _Acc) -> Entry:
        self.known_facts(acc)
        known = acc.known
        # The lead: the one coordinator, else the one body that runs it.
        holders = list(acc.stakeholders.values())
        leads = [s for s in holders if s.role is Role.COORDINATOR] or [
            s for s in holders if s.role is Role.OPERATOR
        ]
        if acc.host is None and len(leads) == 1 and not (known and known.host):
            # A consortium's one lead is its hosting entity, as EuroHPC
            # calls it, unless the text names a host of its own.
            lead = leads[0]
            quotes = tuple(
                attrs.evolve(s, supports="host: the lead") for s in lead.sources
            )
            acc.host = Host(name=lead.name, short_name=lead.short_name, sources=quotes)
        to_fill: list[str] = []

        def given(field: str, value: object, placeholder: object) -> Any:
            # The text's value, else the registry's, else a placeholder to fill.
            if value is not None:
                return value
            if known is not None:
                return getattr(known, field)
            to_fill.append(field)
            return placeholder

        sources = list(acc.sources)
        country = self.pick_country(acc, None if known is None else known.country)
        if country is not None:
            sources.append(attrs.evolve(country[1], supports=f"country: {country[0]}"))
        code = given("country", country[0] if country else None, TO_FILL)
        sources.append(attrs.evolve(acc.sources[0], supports=f"kind: {acc.kind.value}"))
        date = acc.selected_on
        sources.extend(date[1] if date else ())
        selected_on = given("selected_on", date[0] if date else None, PLACEHOLDER_DATE)
        wave = given("wave", acc.wave, TO_FILL)
        sources += [*acc.partner_countries.values(), *acc.focus.values()]
        sources += [*acc.factories.values(), *acc.intents.values()]
        # Sectors and the total have no sources of their own: theirs go here.
        sources.extend(acc.sectors.values())
        funding, total_sources = self.build_funding(
            acc, None if code == TO_FILL else code
        )
        sources.extend(total_sources)
        notes = None
        if known is None:
            to_fill.append("confidence")
            notes = (
                f"Draft from {self.name}; to fill by reviewer: {', '.join(to_fill)}."
            )
            self.warnings += [f"{acc.name}: {f}: to fill by reviewer" for f in to_fill]
        common: dict[str, Any] = {
            "id": known.id if known is not None else self.slug(acc.name),
            "name": acc.name if known is None else known.name,
            "aliases": acc.aliases if known is None else (),
            "wave": wave,
            "selected_on": selected_on,
            "country": code,
            "host": acc.host,
            "partner_countries": [c for c in acc.partner_countries if c != code],
            "stakeholders": list(acc.stakeholders.values()),
            "focus": list(acc.focus),
            "sectors": list(acc.sectors),
            "funding": funding,
            "people": list(acc.people.values()),
            "confidence": Confidence.LOW if known is None else known.confidence,
            "notes": notes,
            "sources": _dedupe(sources),
        }
        if acc.kind is Kind.ANTENNA:
            return Antenna(
                **common,
                factories=list(acc.factories),
                letters_of_intent=list(acc.intents),
            )
        return Factory(**common, supercomputer=self.build_system(acc))

    def pick_country(self, acc: _Acc, known: str | None) -> tuple[str, Source] | None:
        for level in (1, 2, 3, 4, 5):
            codes = {code: src for lvl, code, src in acc.countries if lvl == level}
            if len(codes) == 1:
                code, source = next(iter(codes.items()))
                # A country in the title or a dateline only hints: it backs a
                # known entry's country, and never changes it.
                if level >= 4 and known is not None and code != known:
                    return None
                return code, source
            if len(codes) > 1:
                self.warnings.append(
                    f"{acc.name}: country left out: the text points to "
                    f"{', '.join(sorted(codes))}"
                )
                return None
        return None

    def slug(self, name: str) -> str:
        plain = fold(name).translate(_SLUG_LETTERS)
        base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "draft"
        slug, number = base, 2
        taken = {entry.id for entry in self.known.registry.entries}
        while slug in taken:
            slug = f"{base}-{number}"
            number += 1
        return slug


# Letters NFKD does not take apart ("Ł", "ø") get their usual spelling.
_SLUG_LETTERS = str.maketrans(
    dict(zip("łøđßæœþðı", words("l o d ss ae oe th d i"), strict=True))
)
