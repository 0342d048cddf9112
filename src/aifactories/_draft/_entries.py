# The drafter matches typographic quotes, dashes and apostrophes on purpose.
# ruff: noqa: RUF001
"""Which entries an article is about: names, known subjects, owners of sentences.

An entry is named by a cue ("named X", "X AI Factory", "the X, an
antenna") or is a registry entry the article is about (named in its title
or twice, or by its host or city next to a word for a factory). Each
sentence is then owned by the entry it is about; an antenna's links to
factories are read here too.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from itertools import chain

from aifactories._draft._match import (
    _FACTORY_KW,
    _INTENT,
    _KIND_KW,
    _LINK,
    _NOT_NAMES,
    _TOKEN,
    _UP,
    _codes_in,
    _countries_named,
    _country_name_re,
    _demonym_re,
    _generic_free,
    _kind_near,
    _short,
)
from aifactories._draft._reading import _Acc, _Reading
from aifactories._draft._text import MAX_ENTRIES, _Sentence
from aifactories._model import Entry, Factory, Kind, Source
from aifactories._text import compact, fold

# A word for a factory or an antenna in the registry's languages (folded).
_KIND_WORD = re.compile(
    r"ai[ -]?factor|ai-fabri|fabri[ck]|fabbric|factoria|usine|tovar|"
    r"fabryk|gigaf|tehda|tehas|gamykl|εργοστασ|фабрик|gyar|rupnic|tvornic|anten|anteen"
)
_NAMING = re.compile(
    r"\b(?:named|called|dubbed|christened|known as|heißt|genannt|namens|"
    r"trägt den Namen|denominat[ao]|chiamat[ao]|si chiama|llamad[ao]|"
    r"denominad[ao]|se llama|baptisée?|appelée?|nommée?|s['’]appelle|o nazwie|"
    r"nazwan[aey]|nosi nazwę)\s+[„“\"«'‘]?"
    rf"(?P<n>{_TOKEN}(?:[ -]{_TOKEN}){{0,4}})"
)
_NAME_BEFORE = re.compile(
    rf"(?P<n>(?:{_TOKEN}\s+){{0,3}}{_TOKEN})\s+(?P<kw>AI Factory(?: Antenna\w*)?|"
    r"KI-Fabrik|AI-Fabrik)(?!\w)(?!\s+Antenna)"
)
_APPOSITIVE = re.compile(
    rf"(?P<n>{_TOKEN}(?:[ -]{_TOKEN}){{0,2}}),\s+(?:the|a|an|la|le|il|el|die|der|das|"
    r"l['’]|en|ett|et|ein|eine|un|una|une|um|uma|o|een|egy)\s*(?:[\w-]+\s+){0,3}?"
    r"(?P<kw>AI Factory Antenna|AI Factory|KI-Fabrik|AI-[Ff]abri\w*|AI-gyár\w*|"
    r"[Aa]ntenn[ae]|[Aa]ntena|[Ff]abbrica|[Ff]ábrica|[Uu]sine|[Ff]abryka)"
)
_NAME_AFTER = re.compile(
    r"(?<![\w-])(?P<kw>AI Factory(?: Antenn\w*)?|KI-Fabrik|AI-Fabrik|Antenna|Antenne|"
    rf"Antena)\s+(?!Antenn)(?P<n>{_TOKEN}(?:\s+{_TOKEN}){{0,2}})"
)
# "antenu AI tvornice CRO-AIFA", "la fàbrica d'IA MONTSENY": a word for a
# factory or an antenna in any language, its words for AI, then a name in
# capitals. (English word order is read by _NAME_AFTER.)
_CAPS_AFTER_KIND = re.compile(
    r"(?i:\b(?P<kw>anten\w*|fabri\w*|fàbri\w*|fábri\w*|fabbric\w*|tvornic\w*|"
    r"továrn\w*|tovarn\w*|gyár\w*|usine|tehas\w*|tehda\w*|gamykl\w*|rūpnīc\w*|"
    r"fabryk\w*|фабрик\w*|εργοστάσι\w*)"
    r"(?:\s+(?:d['’]|de |di |za |pro |dla |pentru |na )?(?:AI|IA|KI|UI|MI|SI|TI|UMI|"
    r"sztucznej|umělé|umjetne|umetne|mesterséges|künstliche\w*|intel\w*|inteli\w*|"
    r"artificial\w*|artificiel\w*|inteligen\w*|intelligen\w*)){0,3})"
    # "eine KI-Fabrik-Antenne: OSTSEE-KI": a colon may stand between.
    rf":?\s+(?P<n>[{_UP}][{_UP}0-9]*(?:[-+][{_UP}0-9]+)+|[{_UP}][{_UP}0-9]{{2,}})(?![\w-])"
)
# "The Danish antenna, DAIFA, will ...": a kind, then a name in capitals
# between commas.
_KIND_THEN_NAME = re.compile(
    r"(?P<kw>AI Factory Antenna|AI Factory|[Aa]ntenna|[Aa]ntenne|[Aa]ntena|[Ff]actory|"
    r"KI-Fabrik|AI-Fabrik),\s+"
    rf"(?P<n>[{_UP}][{_UP}0-9]+(?:[-+][{_UP}0-9]+)*)\s*,"
)
# A role or "according to" right before a name: the name is a person's.
_SPEAKER_BEFORE = re.compile(
    r"(?i:director|CEO|minister|president|chair\w*|head|rector|professor|prof\.|dr\.|"
    r"according to|said|says)\s+$"
)
# Between two items of a list: a comma, or the word for "and".
_LIST_GAP = re.compile(
    r"\s*[,;]?\s*(?:(?:and|und|e|y|et|i|и|és|ir|și|en|og|och|a|ja|un|oraz|και)\s+)?"
)


# A name found: the name, its kind, the span of its evidence, and whether it
# is an alias ("(AAIF)") of the name before it.
_Named = tuple[str, Kind, int, int, bool]


class _Entries(_Reading):
    """Finds the entries an article names and the sentences each one owns."""

    def mentions(self, sent: _Sentence) -> set[str]:
        folded = self.folded[sent.position]
        return {eid for pattern, eid in self.present_names if pattern.search(folded)}

    def find_entries(self) -> None:
        self.by_key: dict[str, _Acc] = {}  # by entry id, or compacted name
        subjects, fallback = self.subjects
        self.add_known(subjects)
        for sent in self.sentences:
            named: _Acc | None = None
            found = chain(
                self.named_by_cue(sent.text), self.named_beside_kind(sent.text)
            )
            for name, kind, lo, hi, alias in found:
                source = self.source(sent, lo, hi, "name")
                if alias:  # "Name (ACRONYM)": the acronym names the same entry
                    if named is not None:
                        named.alias(name, source)
                    continue
                named = self.add_entry(name, kind, source)
        if not self.entries:
            self.add_known(fallback)

    def add_known(self, subjects: dict[str, tuple[_Sentence, str]]) -> None:
        for entry_id, (sent, supports) in subjects.items():
            entry = self.known.registry.get(entry_id)
            if entry is not None and entry_id not in self.by_key:
                source = self.whole(sent, supports)
                acc = _Acc(entry.name, entry.kind, entry, sources=[source])
                self.by_key[entry_id] = acc
                self.entries.append(acc)

    @functools.cached_property
    def subjects(
        self,
    ) -> tuple[dict[str, tuple[_Sentence, str]], dict[str, tuple[_Sentence, str]]]:
        """The known entries the article is about, with the sentence naming each.

        Each sentence that names an entry counts one (the title two); one
        that names its host, or its city next to a word for a factory or
        antenna in any language, counts one too; a sentence with a link
        cue ("linked to") does not count. An entry counting two or more is
        a subject. The best of the rest is returned second: the subject
        when the text names no other entry, else one named in passing;
        none when two tie; with it, the factories of a list of three or more
        countries in the title or lead ("selected: Czechia, Lithuania and
        Spain"), for each country with one. Failing all else, a sentence
        with a factory word naming the one country of a registry entry hints
        at that entry.
        """
        weights: Counter[str] = Counter()
        hinted: Counter[str] = Counter()  # by country: only when nothing else is
        first: dict[str, tuple[_Sentence, str]] = {}
        listed: list[str] = []
        for index, sent in enumerate(self.sentences):
            folded = self.unlinked[index]
            # In the registry's order, not a set's: entries first named in
            # the same sentence come out in the same order on every run.
            named = dict.fromkeys(
                eid for pattern, eid in self.known.mentions if pattern.search(folded)
            )
            kind_word = _KIND_WORD.search(folded) is not None
            placed = dict.fromkeys(
                eid
                for pattern, eid in self.known.places
                if kind_word and pattern.search(folded) and eid not in named
            )
            if kind_word and sent.position <= 1:
                # "Six more countries were selected: Czechia, Lithuania, ...":
                # a list of countries leading the article is its subject.
                for eid in self.listed_countries(sent.text):
                    listed.append(eid)
                    first.setdefault(eid, (sent, "name: the entry's country listed"))
            if kind_word and not named and not placed:
                for eid in self.country_entry(sent.text):
                    hinted[eid] += 1
                    first.setdefault(eid, (sent, "name: the entry's country named"))
            for eid in named:
                weights[eid] += 2 if sent.line == 0 else 1
                first.setdefault(eid, (sent, "name: the entry named"))
            for eid in placed:
                weights[eid] += 1
                first.setdefault(eid, (sent, "name: the entry's host or city named"))
        chosen = [eid for eid, weight in weights.items() if weight >= 2]
        ranked = weights.most_common(2) or hinted.most_common(2)
        # The best of the rest only if it is alone at the top: two entries
        # named once each are both named in passing.
        alone = len(ranked) == 1 or (len(ranked) > 1 and ranked[0][1] > ranked[1][1])
        rest = [ranked[0][0]] if not chosen and alone else []

        def ordered(ids: list[str]) -> dict[str, tuple[_Sentence, str]]:
            by_position = sorted(ids, key=lambda e: first[e][0].position)
            return {eid: first[eid] for eid in by_position}

        # Listed countries' entries come with the best of the rest: when the
        # article names no entry of its own.
        rest += [eid for eid in listed if eid not in chosen and eid not in rest]
        return ordered(chosen), ordered(rest)

    def listed_countries(self, text: str) -> list[str]:
        """The factories of the countries a sentence lists (three or more).

        Each listed country counts when the registry has one factory for it,
        or one of the wave all the others' single factories share: countries
        listed together were selected together. In the order of the list.
        """
        runs: list[list[str]] = []
        end = None
        for code, match in _codes_in(_country_name_re(), text):
            if end is None or not _LIST_GAP.fullmatch(text[end : match.start()]):
                runs.append([])
            runs[-1].append(code)
            end = match.end()
        codes = max(runs, key=len, default=[])
        if len(codes) < 3:  # two countries may be a pair, not a list
            return []
        factories = [
            {
                entry.id: entry.wave
                for entry in self.known.registry.in_country(code)
                if entry.kind is Kind.FACTORY
            }
            for code in codes
        ]
        waves = {wave for ids in factories if len(ids) == 1 for wave in ids.values()}
        found: list[str] = []
        for ids in factories:
            same = [eid for eid, wave in ids.items() if {wave} == waves]
            found += list(ids) if len(ids) == 1 else same if len(same) == 1 else []
        return list(dict.fromkeys(found))

    def country_entry(self, text: str) -> set[str]:
        """The entry of the one country a sentence names, if it has only one.

        "L'AI Factory française" is about France's factory when the
        registry has one entry for France.
        """
        codes = set(_countries_named(text))
        if len(codes) != 1:
            return set()
        entries = self.known.registry.in_country(codes.pop())
        return {entries[0].id} if len(entries) == 1 else set()

    def add_entry(self, name: str, kind: Kind, source: Source) -> _Acc | None:
        bare = _generic_free(name)
        place = fold(bare)
        # "Die Stuttgarter AI Factory": a known entry by its host or city.
        by_place = (
            self.known.registry.get(eid)
            for pattern, eid in self.known.places
            if pattern.fullmatch(place)
        )
        entry = (
            self.known.registry.get(name)
            or self.known.registry.get(bare)
            or next(by_place, None)
            or self.known_by_part(name)
        )
        if entry is not None and entry.id not in self.subjects[0]:
            return None  # a known entry named in passing, not the article's subject
        key = entry.id if entry is not None else compact(bare)
        if not key:
            return None
        acc = self.by_key.get(key)
        if acc is not None:
            acc.alias(name, source)
            return acc
        if len(self.entries) >= MAX_ENTRIES:
            too_many = (
                f"the text names more than {MAX_ENTRIES} entries; "
                f"only the first {MAX_ENTRIES} are drafted"
            )
            if too_many not in self.warnings:  # said once, however many are left out
                self.warnings.append(too_many)
            return None
        if entry is not None:  # a known entry goes by the registry's name and kind
            name, kind = entry.name, entry.kind
        acc = _Acc(name, kind, entry, sources=[source])
        self.by_key[key] = acc
        self.entries.append(acc)
        return acc

    def known_by_part(self, name: str) -> Entry | None:
        """The one known entry whose name, written whole in the text, holds ``name``.

        "One-Health AI Factory, la segunda fábrica" is the European One-Health
        AI Factory the article names in full.
        """
        part = fold(name)
        whole = self.folded_text
        ids = {
            eid
            for key, eid in self.known.names
            if len(part) >= 6 and part in key and key in whole
        }
        return self.known.registry.get(ids.pop()) if len(ids) == 1 else None

    def named_by_cue(self, text: str) -> Iterator[_Named]:
        # "named X", "the X AI Factory".
        has_kw = _KIND_KW.search(text)
        for match in _NAMING.finditer(text):
            if has_kw is None or has_kw.start() > match.start():
                continue
            kind = _kind_near(text, match.start())
            yield match["n"], kind, 0, len(text), False
            yield from self.acronym(text, match.end("n"), kind)
        for match in _NAME_BEFORE.finditer(text):
            words = match.group("n").split()
            kw = match.group("kw")
            # "European One-Health AI Factory": a known name, whole, even
            # where its first word would start no name.
            while (
                words
                and self.known.registry.get(" ".join([*words, kw])) is None
                and (
                    fold(words[0]) in _NOT_NAMES
                    or _demonym_re().fullmatch(words[0])
                    or re.fullmatch(r"\w+['’]s", words[0])
                )
            ):
                words.pop(0)
            if not words:
                continue
            name = " ".join([*words, kw])
            start = (
                match.end() - len(name) if text.endswith(name, 0, match.end()) else 0
            )
            kind = _kind_of(kw)
            yield name, kind, start, match.end(), False
            yield from self.acronym(text, match.end(), kind)

    def named_beside_kind(self, text: str) -> Iterator[_Named]:
        # "X, the antenna", "AI Factory X", "fàbrica d'IA X".
        for match in _APPOSITIVE.finditer(text):
            name = match["n"]
            if fold(name.split()[0]) in _NOT_NAMES:
                continue
            # "According to director Thomas Schulthess, the antenna ...": a
            # person before the comma, not the entry.
            if _SPEAKER_BEFORE.search(text, max(0, match.start() - 40), match.start()):
                continue
            yield name, _kind_of(match["kw"]), match.start(), match.end(), False
        for match in _NAME_AFTER.finditer(text):
            tail, kw = " ".join(match["n"].split()), match["kw"]
            first = tail.split()[0]
            if fold(first) in _NOT_NAMES or _demonym_re().fullmatch(first):
                continue
            # "AI Factory Antenna Cyprus": a place alone keeps its keyword.
            name = f"{kw} {tail}" if _country_name_re().fullmatch(tail) else tail
            yield name, _kind_of(kw), match.start(), match.end("n"), False
        for match in _KIND_THEN_NAME.finditer(text):
            # "the factory, EU, ...": two capitals or a known body name no entry.
            name = match["n"]
            if len(name) < 3 or fold(name) in _NOT_NAMES or self.known.org(name):
                continue
            yield name, _kind_of(match["kw"]), match.start(), match.end("n"), False
        for match in _CAPS_AFTER_KIND.finditer(text):
            name = match["n"]
            # "la fabbrica di IA CINECA": an organisation, not the entry.
            if fold(name) in _NOT_NAMES or self.known.org(name) is not None:
                continue
            # "antena AI tvornice X": an antenna of a factory, named X.
            said = text[max(0, match.start() - 30) : match.end("n")].lower()
            yield name, _kind_of(said), match.start(), match.end("n"), False

    def acronym(self, text: str, end: int, kind: Kind) -> Iterator[_Named]:
        match = re.match(r"\s*\((?P<a>[A-Z][A-Za-z0-9+\-]{1,14})\)", text[end:])
        if match and sum(c.isupper() for c in match.group("a")) >= 2:
            yield match.group("a"), kind, 0, end + match.end(), True

    def owners(self, bids: set[int]) -> list[_Acc | None]:
        """The entry each sentence is about, ``None`` for none or a bid's.

        A sentence naming one entry is about it, and so are the ones after
        it; a sentence naming a gigafactory bid (positions ``bids``) and no
        entry is the bid's, and so are the ones after it (the title's
        only itself), until one names the entry or, when there is only one,
        its kind.
        """
        if len(self.entries) == 1 and not bids:
            return [self.entries[0]] * len(self.sentences)
        owners: list[_Acc | None] = []
        current = self.entries[0] if len(self.entries) == 1 else None
        for index, sent in enumerate(self.sentences):
            named = [acc for acc in self.entries if self.names_in(acc, index)]
            if not named and index not in bids and len(self.entries) == 1:
                # Back from the bid: "the smaller AI factory" is the entry.
                named = self.entries if _KIND_KW.search(sent.text) else []
            if len(named) == 1:
                current = named[0]
                owners.append(current)
            elif len(named) > 1:
                owners.append(None)  # several entries in one sentence: ambiguous
            elif index in bids:
                owners.append(None)
                current = current if sent.line == 0 else None
            else:
                owners.append(current)
        return owners

    def links(self, sent: _Sentence, acc: _Acc) -> None:
        if acc.kind is not Kind.ANTENNA:
            return
        text = sent.text
        link = _LINK.search(text)
        if link is None:
            return
        intent = _INTENT.search(text)
        linked = fold(text[link.start() : intent.start() if intent else len(text)])
        intended = fold(text[intent.start() :]) if intent else ""
        found = False
        for pattern, entry_id in self.present_names:
            if not isinstance(self.known.registry.get(entry_id), Factory):
                continue
            if pattern.search(linked):
                target, label = acc.factories, "linked factory"
            elif intended and pattern.search(intended):
                target, label = acc.intents, "letter of intent"
            else:
                continue
            target.setdefault(entry_id, self.whole(sent, f"{label}: {entry_id}"))
            found = True
        if not found and re.search(_FACTORY_KW, text[link.start() :]):
            self.warnings.append(
                f"{acc.name}: a linked factory the registry does not know: "
                f"{_short(text[link.start() :])}"
            )


def _kind_of(keyword: str) -> Kind:
    # "AI Factory Antenna", "Antenne", "antena": an antenna; else a factory.
    return Kind.ANTENNA if "nten" in keyword else Kind.FACTORY
