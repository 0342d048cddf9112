# The drafter matches typographic quotes, dashes and apostrophes on purpose.
# ruff: noqa: RUF001
"""Find the entries an article is about and their fields, each with its quote.

:func:`draft` reads an announcement and proposes one entry per AI Factory or
Antenna it describes: cue words ("hosted by", "ospitata da", "50/50
between") are matched with regular expressions over the sentences of
:mod:`._text`, and names are checked against the registry (known entries,
hosts, stakeholders, cities), CLDR's names (:mod:`._cldr`) and the lexicon
(:mod:`._lexicon`).

Evidence or nothing: a value is proposed only together with a
:class:`~aifactories.Source` whose ``quote`` is sliced out of the text
itself, so every quote is a verbatim substring of :attr:`Draft.text` by
construction. What the text does not say stays ``None``; the few fields the
file format requires (``wave``, ``selected_on``, ``country``) get a
placeholder that the entry's ``notes`` list as "to fill by reviewer".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

import attrs

from aifactories._countries import country_name
from aifactories._draft import _bids, _cldr
from aifactories._draft import _lexicon as lex
from aifactories._draft._output import (
    Change,
    Draft,
    _contains,
    _dedupe,
    _same_org,
    changes_between,
)
from aifactories._draft._text import (
    MAX_ENTRIES,
    MAX_READ,
    MAX_SENTENCE,
    MAX_SENTENCES,
    _decode,
    _Sentence,
    _sentences,
    words,
)
from aifactories._html import strip_html
from aifactories._model import (
    Antenna,
    Confidence,
    Entry,
    Factory,
    FunderKind,
    Funding,
    FundingShare,
    Host,
    Kind,
    Money,
    NationalPosition,
    Person,
    PositionStatus,
    Qualifier,
    Role,
    Sector,
    Source,
    Stakeholder,
    Supercomputer,
    SystemStatus,
)
from aifactories._registry import Registry
from aifactories._text import compact, fold

TO_FILL = "TO-FILL"
"""Placeholder for a required text field the article does not give."""

PLACEHOLDER_DATE = dt.date(1, 1, 1)
"""Placeholder for a required date the article does not give (0001-01-01)."""


# -- public entry point ----------------------------------------------------------


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
    require_extra()  # before any work: say at once what to install
    body = _decode(text)
    if html:
        body = strip_html(body)
    known = _Knowledge.of(_default_registry() if registry is None else registry)
    return _Drafter(body, name, known).run()


def require_extra() -> None:
    """Raise :class:`ImportError` naming the extra to install, if it is missing."""
    _cldr.require()


def _default_registry() -> Registry:
    import aifactories  # noqa: PLC0415 - avoid an import cycle at start-up

    return aifactories.load()


# -- regular-expression building blocks -------------------------------------------


def _letters(*, upper: bool) -> str:
    # Latin letters with diacritics (Latin-1 and Extended-A/B) plus ASCII.
    chars = (chr(c) for c in range(0x41, 0x250))
    return "".join(c for c in chars if c.isalpha() and c.isupper() == upper)


_UP = _letters(upper=True)
_LO = _letters(upper=False)
# Possessive: a token never gives back the hyphen or dot it took, so
# "A-A-A-..." is one token, not 2**n ways to split it (linear time).
# A token starts at a word's start (after an elided "l'" or "dell'" too),
# never inside another token: searches then try each token once.
_START = (
    r"(?:(?<![\w&])(?<![\w&][.\-'’])|(?<=(?<![\w'’])[dlDL]['’])"
    r"|(?<=(?<![\w'’])(?:[dDnN]ell|[dD]all|[sS]ull)['’]))"
)
_TOKEN = rf"{_START}[{_UP}](?:[\w&]|['’.\-](?=\w))*+"
_CONN = (
    r"(?:of|for|on|de|del|della|delle|degli|dei|di|des|du|de la|für|der|des|zur|"
    r"zum|per|pour|para|na|dla|la|le|el|los|las|do|da|dos|das|van|voor|v|ve)"
)
_ORG = (
    rf"{_TOKEN}(?:(?:\s+(?:{_CONN}\s+){{1,2}}|\s+(?:d|l|dell|dall)['’]|"
    rf"\s+(?:{_CONN}\s+)?(?:d|l|dell)['’]|\s+){_TOKEN}){{0,9}}"
)
# "Ministry of Education and Research": after these words, "and" joins a name.
_AND_NAME = re.compile(
    r"^(?:Ministry|Ministero|Ministerio|Ministère|Ministerium|Ministerstwo|"
    r"Department|Faculty|Institute for|Centre for|Center for|School of)\b"
)
_AND_TAIL = re.compile(
    rf"^\s+(?:and|e|y|und|et|i)\s+(?:(?:the|della|del|de la|des|du|der|dei)\s+)?"
    rf"{_TOKEN}(?:\s+{_TOKEN}){{0,3}}"
)
_ABBR = r"(?:\s*\((?P<abbr>[^()\n]{2,24})\))?"
_PTOKEN = rf"[{_UP}][{_LO}]++(?:-[{_UP}][{_LO}]++)?+"
_PERSON = (
    rf"(?:(?:Dr|Prof|prof|dr|Mr|Ms|Mrs|Dott|Dott\.ssa|Dra|Ing|Mag|Professor|Prof\.\s*Dr|"
    rf"Univ\.-Prof|"
    rf"prof\.\s*dr|Dr\.\s*hab|dr\s+hab|inż)"
    rf"\.?\s+){{0,3}}+(?P<person>{_PTOKEN}(?:\s+(?:(?:von|van|de|der|den|di|da|del|della|"
    rf"la|le|du)\s+)?{_PTOKEN}){{1,3}})"
)
_FACTORY_KW = (
    r"(?:AI[ -][Ff]actory|KI-Fabrik|AI-Fabrik|KI-Factory|[Ff]abbrica (?:di |dell['’])"
    r"(?:IA|intelligenza artificiale)|[Ff]ábrica de (?:IA|inteligencia artificial)|"
    r"[Uu]sine (?:d['’]|à )(?:IA|intelligence artificielle)|[Ff]abryk[aięą] "
    r"(?:AI|SI|sztucznej inteligencji)|"
    # The other languages of the registry's countries.
    r"AI-fabriek|AI-fabrik|AI továr\w*|[Tt]ovár\w* na umělou inteligenci|"
    r"[Ff]ábrica de (?:IA|inteligência artificial)|[Ff]actoría de IA|"
    r"[Ff]abric[aă] de (?:IA|inteligență artificială)|"
    r"[Tt]ovarn\w* umetne inteligence|[Tt]ekoälytehta\w*|[Tt]ekoälytehdas|"
    r"[Dd]irbtinio intelekto gamykl\w*|[Mm]ākslīgā intelekta (?:rūpnīc|fabrik)\w*|"
    r"MI-gyár\w*|εργοστάσι\w* [Tτ]εχνητής [Nν]οημοσύνης|"
    r"фабрик\w* за изкуствен интелект|AI фабрик\w*|"
    r"[Tt]vornic\w* umjetne inteligencije|[Tt]ováre\w* umelej inteligencie)"
)
_ANTENNA_KW = (
    r"(?:[Aa]ntenn[ae]s?|[Aa]nten[aęąyė]|[Aa]ntennen|[Aa]ntén\w*|κεραία|антена)"
)
_SUPER_KW = (
    r"(?:[Ss]upercomputer|[Ss]uperordenador|[Ss]upercomputador|[Ss]upercalculateur|"
    r"[Ss]uperkomputer\w*|[Ss]upercalcolatore|HPC system|AI system|system)"
)


def _alternation(patterns: Iterable[str]) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True))


@functools.cache
def _country_name_re() -> re.Pattern[str]:
    groups = [
        f"(?P<c_{code}>{_alternation(names)})"
        for code, names in _cldr.country_names().items()
    ]
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)")


@functools.cache
def _demonym_re() -> re.Pattern[str]:
    groups = [
        f"(?P<c_{code}>{_alternation(words)})" for code, words in lex.DEMONYMS.items()
    ]
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)", re.IGNORECASE)


def _codes_in(pattern: re.Pattern[str], text: str) -> list[tuple[str, re.Match[str]]]:
    found = []
    for match in pattern.finditer(text):
        group = match.lastgroup
        if group is not None:
            found.append((group[2:], match))
    return found


_ARTICLES = re.compile(
    r"^(?:(?:the|The|a|A|an|An|die|Die|der|Der|das|Das|den|dem|des|il|Il|lo|la|La|"
    r"le|Le|les|Les|el|El|los|Los|las|Las|i|gli|l['’]|L['’]|its|our|their)\s+|"
    r"[lL]['’]|dell['’]|dall['’]|all['’])+"
)


def _countries_named(text: str) -> list[str]:
    """Every country ``text`` names, by name then by demonym, as often as named."""
    return [
        code
        for pattern in (_country_name_re(), _demonym_re())
        for code, _ in _codes_in(pattern, text)
    ]


def _strip_article(text: str) -> tuple[str, int]:
    match = _ARTICLES.match(text)
    return (text[match.end() :], match.end()) if match else (text, 0)


# -- what the registry knows ------------------------------------------------------


class _Org(NamedTuple):
    name: str
    short_name: str | None
    country: str | None
    city: str | None


@dataclasses.dataclass(frozen=True)
class _Knowledge:
    registry: Registry
    names: tuple[tuple[str, str], ...]  # folded name or alias, entry id
    orgs: dict[str, _Org]  # folded name, short name or part -> organisation
    cities: dict[str, tuple[str, str]]  # folded city -> (city, country code)
    people: frozenset[str]
    # Patterns over folded text: an entry's names; its host and city.
    mentions: tuple[tuple[re.Pattern[str], str], ...] = ()
    places: tuple[tuple[re.Pattern[str], str], ...] = ()
    by_country: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, registry: Registry) -> _Knowledge:
        names: list[tuple[str, str]] = []
        orgs: dict[str, _Org] = {}
        cities = {fold(city): (city, code) for city, code in lex.CITIES.items()}
        for entry in registry.entries:
            for label in entry.names:
                key = fold(label)
                if len(key) >= 4:
                    names.append((key, entry.id))
            for org, country in _orgs_of(entry):
                for label in _labels(org.name, org.short_name):
                    orgs.setdefault(fold(label), org._replace(country=country))
            if entry.host is not None and entry.host.city:
                cities.setdefault(
                    fold(entry.host.city), (entry.host.city, entry.country)
                )
        people = frozenset(fold(p.name) for e in registry.entries for p in e.people)
        mentions = tuple(
            # Not inside a longer name: "Pharos" is not said in "Pharos-CY".
            (re.compile(rf"(?<![\w-]){re.escape(key)}(?!-?\w)"), entry_id)
            for key, entry_id in names
        )
        by_country: dict[str, tuple[str, ...]] = {}
        for entry in registry.entries:
            by_country[entry.country] = (*by_country.get(entry.country, ()), entry.id)
        return cls(
            registry,
            tuple(names),
            orgs,
            cities,
            people,
            mentions,
            _places(registry),
            by_country,
        )

    def org(self, text: str) -> _Org | None:
        return self.orgs.get(fold(text))


def _places(registry: Registry) -> tuple[tuple[re.Pattern[str], str], ...]:
    # An entry's host (name or short name) and its city: a city may be
    # inflected ("Ostrave", "Poznaniu"), so its stem matches a word start.
    found: list[tuple[re.Pattern[str], str]] = []
    for entry in registry.entries:
        host = entry.host
        if host is None:
            continue
        labels = [fold(host.name), fold(host.short_name or "")]
        keys = [re.escape(label) + r"(?!\w)" for label in labels if len(label) >= 3]
        if host.city and len(fold(host.city)) >= 5:
            keys.append(re.escape(fold(host.city)[:-1]) + r"\w{0,4}(?!\w)")
        if keys:
            found.append((re.compile(rf"(?<!\w)(?:{'|'.join(keys)})"), entry.id))
    return tuple(found)


# A word for a factory or an antenna in the registry's languages (folded).
_KIND_WORD = re.compile(
    r"ai[ -]?factor|ki-fabrik|ai-fabri|fabri[ck]|fabbric|factoria|usine|tovar|"
    r"fabryk|gigaf|tehda|gamykl|εργοστασ|фабрик|gyar|rupnic|antenn|antena|anteen"
)


def _orgs_of(entry: Entry) -> Iterator[tuple[_Org, str | None]]:
    if entry.host is not None:
        host = entry.host
        yield _Org(host.name, host.short_name, entry.country, host.city), entry.country
    for holder in entry.stakeholders:
        yield _Org(holder.name, holder.short_name, holder.country, None), holder.country


def _labels(name: str, short_name: str | None) -> Iterator[str]:
    yield name
    if short_name:
        yield short_name
    # "University of Stuttgart - HLRS": each part names the organisation too.
    parts = [part.strip() for part in name.split(" - ")]
    if len(parts) > 1:
        yield from (part for part in parts if len(part) > 3)


# -- the entries being built ------------------------------------------------------


@dataclasses.dataclass
class _Share:
    funder: str
    kind: FunderKind
    country: str | None
    share: Decimal | None = None
    amount: Money | None = None
    via: list[str] = dataclasses.field(default_factory=list)
    sources: list[Source] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class _Acc:
    """A mutable entry under construction; frozen into a record at the end."""

    name: str
    kind: Kind
    known: Entry | None
    aliases: list[str] = dataclasses.field(default_factory=list)
    sources: list[Source] = dataclasses.field(default_factory=list)
    country: str | None = None
    countries: list[tuple[int, str, Source]] = dataclasses.field(default_factory=list)
    host: Host | None = None
    stakeholders: dict[str, Stakeholder] = dataclasses.field(default_factory=dict)
    partner_countries: dict[str, Source] = dataclasses.field(default_factory=dict)
    factories: dict[str, Source] = dataclasses.field(default_factory=dict)
    intents: dict[str, Source] = dataclasses.field(default_factory=dict)
    focus: dict[str, Source] = dataclasses.field(default_factory=dict)
    sectors: dict[Sector, Source] = dataclasses.field(default_factory=dict)
    totals: list[tuple[Money, Source]] = dataclasses.field(default_factory=list)
    shares: dict[tuple[FunderKind, str], _Share] = dataclasses.field(
        default_factory=dict
    )
    people: dict[str, Person] = dataclasses.field(default_factory=dict)
    selected_on: tuple[dt.date, list[Source]] | None = None
    wave: str | None = None
    system: dict[str, tuple[str, Source]] = dataclasses.field(default_factory=dict)
    status: tuple[SystemStatus, Source] | None = None
    keys: set[str] = dataclasses.field(default_factory=set)

    def alias(self, name: str, source: Source) -> None:
        """Add ``name`` as another name of this entry, unless it has it."""
        known = self.known.names if self.known is not None else ()
        if fold(name) in {fold(n) for n in (self.name, *self.aliases, *known)}:
            return
        self.aliases.append(name)
        self.keys.add(compact(name))
        self.sources.append(attrs.evolve(source, supports=f"alias: {name}"))


# -- the drafter ------------------------------------------------------------------

_NAMING = re.compile(
    r"\b(?:named|called|dubbed|christened|known as|heißt|genannt|namens|"
    r"trägt den Namen|denominat[ao]|chiamat[ao]|si chiama|llamad[ao]|"
    r"denominad[ao]|se llama|baptisée?|appelée?|nommée?|s['’]appelle|o nazwie|"
    r"nazwan[aey]|nosi nazwę)\s+[„“\"«'‘]?"
    rf"(?P<n>{_TOKEN}(?:[ -]{_TOKEN}){{0,4}})"
)
_NAME_BEFORE = re.compile(
    rf"(?P<n>(?:{_TOKEN}\s+){{0,3}}{_TOKEN})\s+(?P<kw>AI Factory(?: Antenna)?|"
    r"KI-Fabrik|AI-Fabrik)(?!\w)(?!\s+Antenna)"
)
_APPOSITIVE = re.compile(
    rf"(?P<n>{_TOKEN}(?:[ -]{_TOKEN}){{0,2}}),\s+(?:the|a|an|la|le|il|el|die|der|das|"
    r"l['’])\s*(?:[\w-]+\s+){0,3}?(?P<kw>AI Factory Antenna|AI Factory|KI-Fabrik|"
    r"[Aa]ntenn[ae]|[Aa]ntena|[Ff]abbrica|[Ff]ábrica|[Uu]sine|[Ff]abryka)"
)
_NAME_AFTER = re.compile(
    r"(?<![\w-])(?P<kw>AI Factory(?: Antenna)?|KI-Fabrik|AI-Fabrik|Antenna|Antenne|"
    rf"Antena)\s+(?P<n>{_TOKEN}(?:\s+{_TOKEN}){{0,2}})"
)
_NOT_NAMES = frozenset(
    fold(word)
    for word in words(
        # Capitalised words that start no name: articles, ordinals, generic
        # words, and verbs a title capitalises ("Cyprus to Host AI Factory").
        "The A An New Our This That Its First Second Third Fourth National European EU "
        "EuroHPC Europe's Today Each Every Both Future Planned Joint Programme Program "
        "Initiative Call Calls Network Antennas Antenna In And For Of With At To Will "
        "Is Are Has Was Project Der Die Das Eine Ein Neue La Il El Le Una Un Nuova "
        "Nueva Nouvelle Nowa Pierwsza Polska Hub Hubs Host Hosts Launch Launches Join "
        "Joins Win Wins Build Builds Get Gets Open Opens Team Consortium Services "
        "Service Support Users Access Ecosystem Factory Factories Gigafactory "
        "Gigafactories AI KI IA Now Here There Linked Nowy Nowa Nowe Nuovo Nuevo "
        "Nouveau Neuer Neues Il El Le Der Brand Latest"
    )
)
_LINK = re.compile(
    r"(?:linked|connected|attached|tied|affiliated|coupled) (?:to|with)|"
    r"^Linked (?:AI )?[Ff]actor(?:y|ies)\s*:|"
    r"\blink(?:s|ing)? (?:\w+ ){0,3}(?:to|with)\b|access to|gateway to|"
    r"\bconnect(?:s|ing)? (?:\w+ ){0,4}(?:to|with)\b|work closely with|"
    r"angebunden an|verbunden mit|Zugang zu|Anbindung an|collegat[ao] (?:a|al|alla|"
    r"all['’])|accesso a|connessa a|vinculad[ao] a|conectad[ao] (?:a|con)|"
    r"acceso a|reliée? à|connectée? à|rattachée? à|accès à|połączon\w+ z|"
    r"dostęp do|powiązan\w+ z|letters? of intent|lettera di intenti|"
    r"Absichtserklärung|carta de intenciones|lettre d['’]intention|list intencyjny"
)
_INTENT = re.compile(
    r"letters? of intent|lettera di intenti|Absichtserklärung|"
    r"carta de intenciones|lettre d['’]intention|list\w* intencyjn\w*",
    re.IGNORECASE,
)
_INITIATIVE = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fifteen|nineteen|all|these|the new|other|sechs|sieben|sei|sette|"
    r"seis|siete|six|sept|sześć|siedem)\s+(?:new\s+|neue\s+|nuove\s+|nuevas\s+|"
    r"nouvelles\s+|nowych\s+)?(?:AI\s+[Ff]actor(?:ies|y\s+Antennas)|[Aa]ntennas|"
    r"KI-Fabriken|AI Factories)\b|\bTogether,|\bcombined\b|\bin total\b|"
    r"\baltogether\b|\binsgesamt\b|\bcomplessivamente\b|\bin totale\b|"
    r"\ben total\b|\ben conjunto\b|\bau total\b|\błącznie\b"
)
_CONSORTIUM = re.compile(
    r"consorti|partner countr|partners? from|Partnerländer|paesi partner|"
    r"países socios|pays partenaires|kraj\w* partnersk|together with|joined by|"
    r"gemeinsam mit|insieme a|junto (?:a|con)|aux côtés|wraz z|cross-border|"
    r"multinational|transnational|Konsorti|consorcio|konsorcj|"
    r"(?:with the|con la|com a|avec la) part[ei]cip\w+ d|unter Beteiligung|z udziałem|"
    r"joint bid|candidatura conjunta|junt\w+-se a|uni\w+-se a|se unió a|"
    r"s['’]associe à|schließt sich",
    re.IGNORECASE,
)

_HOST_AFTER = re.compile(
    r"(?:\b(?:hosted (?:by|at)|housed at|(?:based|located|installed|sited) at|"
    r"host(?:ing)? (?:institution|organi[sz]ation|site|entity)(?: is|:)?|"
    r"(?:gehostet|beherbergt|angesiedelt|betreut) (?:von|bei|am|an der|im|beim|"
    r"durch)(?: der| dem| die| das)?|Gastgeber (?:ist|wird)(?: das| die| der)?|"
    r"ospitat[ao] (?:da|presso)(?:l|lla|llo|i|gli)?|(?:ha sede|con sede) presso|"
    r"(?:alojad[ao]|albergad[ao]|acogid[ao]) (?:por|en)(?: el| la)?|"
    r"hébergée? (?:par|au|chez|à)(?: le| la| l['’])?|"
    r"(?:hostowan\w+|prowadzon\w+) przez|gospodarzem (?:jest|będzie))|"
    r"^(?:Host(?: institution| organi[sz]ation)?|Gastgeber|Ospitante|Anfitrión|"
    r"Hôte|Gospodarz)\s*:)"
    r"\s*(?:the\s+|l['’])?"
)
# "coordinated by X": the coordinator named after the cue.
_COORDINATED_BY = re.compile(
    r"\b(?:coordinated by|led by|"
    r"koordiniert (?:von|vom|durch)(?: der| dem| die)?|"
    r"[Kk]oordiniert wird (?:das Projekt|die KI-Fabrik|sie|es) (?:von|vom)"
    r"(?: der| dem)?|"
    r"unter der Leitung (?:von|des|der)|"
    r"Koordinator (?:ist|wird)(?: das| die| der)?|"
    r"coordinat[ao] da(?:l|lla|llo|ll['’])?|guidat[ao] da(?:l|lla|llo)?|"
    r"coordinad[ao] por(?: el| la)?|liderad[ao] por(?: el| la)?|"
    r"coordenad[ao] pel[ao]|liderad[ao] pel[ao]|"
    r"coordonnée? par(?: le| la| l['’])?|pilotée? par(?: le| la| l['’])?|"
    r"koordynowan\w+ przez|[Kk]oordynatorem (?:\w+ )?(?:jest|będzie)|"
    r"pod kierownictwem)\s*(?:the\s+|l['’])?"
)
# "X coordinates", "X as a partner": the role named after the organisation.
_ROLE_BEFORE: tuple[tuple[Role, re.Pattern[str]], ...] = (
    (
        Role.COORDINATOR,
        re.compile(
            r"^\s*(?:coordinates|will coordinate|is the coordinator|leads the "
            r"consortium|koordiniert|coordina|coordinerà|coordinará|coordonne|"
            r"coordonnera|koordynuje|będzie koordynować)\b"
        ),
    ),
    (
        Role.PARTNER,
        re.compile(
            r"^\s*(?:as (?:a |an |its |the )?(?:new |further |additional )?"
            r"(?:consortium |research |industrial )?partners?|als Partner|"
            r"come partner|como socio|en tant que partenaire|jako partner)\b"
        ),
    ),
)
_PARTNER_LIST = re.compile(
    r"\b(?:partners? (?:are|include|includes|comprise|\s*:)|with (?:the )?partners|"
    r"in partnership with|together with|joined by|consortium (?:of|comprising|"
    r"including|with|that includes|brings together)|"
    r"Partner (?:sind|\s*:)|Partnern|gemeinsam mit|zusammen mit|Konsortium aus|"
    r"als Partner (?:ist|sind|wird|werden)(?: auch)?(?: das| die| der)?|"
    r"partner (?:sono|\s*:)|insieme a(?:l|lla|i|gli)?|in collaborazione con|"
    r"con i partner|(?:partecipano )?come partner|socios (?:son|\s*:)|"
    r"junto (?:a|con)|en colaboración con|con la participación de(?:l)?|"
    r"consorcio formado por|partenaires (?:sont|\s*:)|avec (?:ses )?partenaires|"
    r"en partenariat avec|aux côtés d[eu]|partnerami (?:są|będą)|partnerzy(?::| to)|"
    r"we współpracy z|wraz z|(?:will )?consists? of|"
    # The other languages of the registry's countries.
    r"konsorcium (?:zahrnující(?: také)?|tvoří)|samenwerking tussen|"
    r"consortium (?:bestaat uit|bestående av)|konsortiet består av|"
    r"consorțiul (?:include|reunește)|consórcio (?:formado|composto) por|"
    r"com a participação d[aeo]s?(?: \w+ \w+)?|conta(?:ndo)? (?:ainda )?com|"
    r"em parceria com|juntamente com|"
    r"konsorciumą sudaro|konzorcij (?:sestavljajo|bodo sestavljali)|"
    r"konzorcium tagjai|консорциум(?:ът)? (?:включва|се състои от))\s*"
    r"(?:the\s+|l['’]|de\s+)?",
    re.IGNORECASE,
)
# Between two items of a list: a comma, or the word for "and".
_LIST_GAP = re.compile(
    r"\s*[,;]?\s*(?:(?:and|und|e|y|et|i|и|és|ir|și|en|og|och|a|ja|un|oraz|και)\s+)?"
)
_ITEM_END = re.compile(r"\s*(?:[,(]|$|\s(?:and|und|e|y|et|i|a|en|og|och|és|ir|și)\s)")
# "co-funded by X, Y and Z": the co-funders, each named, money or not.
_COFUNDER_LIST = re.compile(
    r"\b(?:co-?(?:funded|financed) by|cofinanziat[ao] (?:da(?:l|lla|i|gli)?|in parti "
    r"uguali)|cofinanciad[ao] (?:por|al \d+\s?% por)|kofinanziert (?:von|durch)|"
    r"cofinancée? par|współfinansowan[aey] przez|spolufinancovan[áéý] z)\s*",
    re.IGNORECASE,
)
_SEGMENT_END = re.compile(
    r"[;:.!?]\s|[;:!?]$|\.$|\s[–—]\s|\s(?:which|who|that|to|in order|so that|um|"
    r"che|dass|where|wo|dove|donde|où|aby|que|para|pour|offering|providing|"
    r"serving|will|wird|sarà|será|sera|będzie)\s|"
    # "per" before a verb ("per sostenere"), not in a name ("Agenzia per la").
    r"\sper\s(?=\w+(?:are|ere|ire)\b)"
)
_FOCUS_CUE = re.compile(
    r"^focus\s*:|"
    r"\b(?:focus(?:es|ing)? (?:of \S+(?: \S+)? )?(?:will be |is |lies |are )?on|"
    r"focus areas?(?: are| include| will be)?|priority (?:sectors|areas|domains)"
    r"(?: are| include)?|sectors such as|areas such as|domains such as|"
    r"concentrat(?:e|es|ing) on|with an emphasis on|will serve sectors including|"
    r"Schwerpunkte? (?:liegen |liegt |sind |ist )?(?:auf |bei )?|"
    r"konzentriert sich auf|Fokus (?:liegt )?auf|fokussiert (?:sich )?auf|"
    r"Bereiche wie|Branchen wie|si concentrerà su|si concentra su|"
    r"settori (?:come|quali|prioritari(?: sono)?)|ambiti (?:come|quali)|focus su|"
    r"se centrará en|se centra en|sectores (?:como|prioritarios(?: son)?)|"
    r"ámbitos como|áreas como|se concentrera sur|se concentre sur|"
    r"secteurs (?:tels que|comme|prioritaires(?: sont)?)|domaines (?:tels que|"
    r"comme|prioritaires)|skupi się na|skoncentruje się na|"
    r"sektor\w* (?:takie|takich) jak|obszar\w* (?:takie|takich) jak|"
    r"obszary priorytetowe(?: to)?|"
    # The other languages of the registry's countries.
    r"(?:sectoren|domeinen|gebieden) (?:als|zoals)|setores como|sectoare precum|"
    r"(?:odvětví|oblasti) jako|sektorer som|aloilla kuten)\s*:?\s*",
    re.IGNORECASE,
)
_LIST_SPLIT = re.compile(
    r"(?<!\s)\s*+[,;]\s*+(?:and\s+|und\s+|e\s+|y\s+|et\s+|i\s+|oraz\s+)?|"
    r"(?<!\s)\s++(?:and|&|und|sowie|as well as|e|ed|y|et|i|oraz)\s+"
)
_ITEM_LEAD = re.compile(
    r"^(?:(?:things|areas|fields|sectors) like|such as|including|notably|"
    r"in particular|especially|wie|come|como|comme|takich jak|takie jak|"
    r"(?:sektor\w*|obszar\w*|sectors|areas|settori|sectores|secteurs|Bereiche\w*) "
    r"(?:such as|like|takich jak|takie jak|come|como|comme|wie)|"
    r"insbesondere|in particolare|en particular|notamment|zwłaszcza|m\.in\.)\s+",
    re.IGNORECASE,
)

_DATE = re.compile(
    r"\b(?:(?P<d>\d{1,2})(?:st|nd|rd|th|\.|er)?\s+(?:de\s+)?(?P<m>[^\W\d_]{3,12})\.?"
    r"\s+(?:de\s+)?(?P<y>20\d\d)|(?P<m2>[A-Z][a-z]{2,8})\.?\s+(?P<d2>\d{1,2})"
    r"(?:st|nd|rd|th)?,\s+(?P<y2>20\d\d)|(?P<y3>20\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d))\b"
)
_SELECTED = re.compile(
    r"selected|chosen|announced|approved|ausgewählt|bekannt ?gegeben|selezionat|"
    r"scelt[ao]|seleccionad|elegid|sélectionnée?|retenue?|wybran|zakwalifikowan|"
    # The other languages of the registry's countries.
    r"geselecteerd|gekozen|vybrán|selecionad|selectat|atrinkt|izvēlēt|izbran|"
    r"valittu|utsedd|udvalgt|kiválaszt|επιλέχθηκ|избран",
    re.IGNORECASE,
)
_TODAY = re.compile(
    r"\b(?:today|(?:has|have) now been|heute|oggi|hoy|aujourd['’]hui|dzisiaj|dziś)\b",
    re.IGNORECASE,
)

_NUM = r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_CUR_PRE = r"(?P<pre>€|EUR|£|GBP|CHF|SEK|PLN|CZK|DKK|NOK|HUF|RON|BGN|ISK)\s?"
_CUR_POST = (
    r"(?P<post>euros?|Euro|EUR|eur|€|złotych|zł|PLN|kronor|SEK|CHF|korun|Kč|CZK|"
    r"(?:di|de|d['’])\s?euros?)"
)


@functools.cache
def _amount_re() -> re.Pattern[str]:
    # A million or a billion: CLDR's words in every language, "bn" and "mn".
    mult = rf"(?i:{_alternation(map(re.escape, _cldr.multipliers()))}|bn|mn)\.?"
    return re.compile(
        rf"(?:{_CUR_PRE}(?P<n1>{_NUM})(?:\s?(?P<m1>{mult})\b|(?<=\d)(?P<s1>[mMk])\b)?"
        rf"|(?<![\w.,])(?P<n2>{_NUM})\s?(?:(?P<m2>{mult})\s?|(?<=\d)(?P<s2>[mM])\s)?"
        rf"{_CUR_POST}(?!\w))"
    )


_CURRENCIES = {
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "chf": "CHF",
    "sek": "SEK",
    "kronor": "SEK",
    "pln": "PLN",
    "zł": "PLN",
    "złotych": "PLN",
    "czk": "CZK",
    "korun": "CZK",
    "kč": "CZK",
    "dkk": "DKK",
    "nok": "NOK",
    "huf": "HUF",
    "ron": "RON",
    "bgn": "BGN",
    "isk": "ISK",
}
_QUALIFIERS = (
    (
        Qualifier.ABOUT,
        re.compile(
            r"(?:about|around|approximately|approx\.|roughly|some|nearly|almost|"
            r"circa|ca\.|rund|etwa|ungefähr|knapp|intorno a|quasi|alrededor de|"
            r"aproximadamente|cerca de|casi|unos|environ|près de|presque|około|"
            r"ok\.|blisko|prawie)\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        Qualifier.AT_LEAST,
        re.compile(
            r"(?:more than|over|at least|in excess of|exceeding|upwards of|mehr als|"
            r"über|mindestens|oltre|più di|almeno|más de|al menos|plus de|au moins|"
            r"ponad|powyżej|co najmniej|przeszło|więcej niż)\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        Qualifier.UP_TO,
        re.compile(
            r"(?:up to|as much as|bis zu|fino a|hasta|jusqu['’]à)\s*$", re.IGNORECASE
        ),
    ),
)
_TOTAL_CUE = re.compile(
    r"total|budget|investment|invest|worth|cost|overall|Gesamt|Investition|"
    r"investimento|valore|presupuesto|inversión|coût|investissement|budżet|"
    r"inwestycj|wartoś|finanziert|financed|funded|funding|Finanzierung|"
    r"finanziamento|financiación|financement|finansowani|"
    # The other languages of the registry's countries.
    r"vyjít na|náklad|rozpočet|celkov|investic|žádá o|totale financiering|"
    r"investering|kosten|orçament|custo|buget|költség|бюджет|инвестиц|kostnad|"
    r"budjet|biudžet|proračun|eelarve",
    re.IGNORECASE,
)
_STRONG_TOTAL = re.compile(
    r"\btotal|\bbudget|Gesamt|\bBudget|totale|presupuesto|budżet|coût total|"
    r"\bworth\b|\bvale\b|\bcosts?\b",
    re.IGNORECASE,
)
_EU_FUNDER = re.compile(
    r"EuroHPC(?:\s+(?:JU|Joint Undertaking))?|European Union|\bthe EU\b|"
    r"(?<![\w-])EU(?![\w-])|European Commission|Unione [Ee]uropea|Unión Europea|"
    r"(?:Europ|Evrop)\w+ (?:[Kk]omis\w*|Commissi\w+|Comiss\w+|Comisi\w+)|"
    r"(?:Komisj\w+|Commission|Comisión|Comissão|Commissione) [Ee]urop\w+|"
    r"Union européenne|Uni[ai] Europejsk\w+|Europäische[n]? Union|EU-Kommission"
)
_FUNDED = re.compile(
    r"fund|financ|subsid|granted|gefördert|[Ff]örder|finanz|bijdr|dotac|dofinans|"
    r"spolufin|financiad|financiament|finansowan",
    re.IGNORECASE,
)
_SPLIT_CUE = re.compile(
    r"50\s*/\s*50|fifty-fifty|(?:split|shared|divided|financed|funded|co-funded)"
    r"\s+(?:\w+\s+){0,2}?(?:equally|evenly)|in equal (?:parts|shares)|"
    r"equal(?:ly)? (?:shares|parts)|(?:je|jeweils) zur Hälfte|zu gleichen Teilen|"
    r"al 50\s*%|in parti uguali|a partes iguales|à parts égales|moitié-moitié|"
    r"po połowie|po równo|w równych częściach",
    re.IGNORECASE,
)
_HALF = re.compile(
    r"\b(?:half|Hälfte|metà|mitad|moitié|połow\w+|polovin\w*|polovic\w*|helft|"
    r"metade|meitat|jumătate\w*|половин\w*|puolet|hälften|halvdelen|pusė\w*|"
    r"puse|fele)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(
    r"(?P<p>\d{1,3}(?:[.,]\d+)?)\s*(?:%|per ?cent|percent|Prozent|por ciento|"
    r"pour cent|procent)"
)
_VIA = re.compile(
    r"\b(?:through|via|by way of|über (?:die|das|den)|durch (?:die|das|den)|"
    r"tramite|attraverso|per il tramite d\w+|a través de(?:l)?|por medio de(?:l)?|"
    r"par l['’]intermédiaire d\w*|par le biais d\w*|za pośrednictwem|poprzez)\s+"
)
_SPEECH = (
    r"(?:said|says|explained|explains|added|adds|noted|notes|stated|states|"
    r"commented|comments|emphasi[sz]ed|emphasi[sz]es|underlined|stressed|"
    r"sagte|sagt|erklärte|erklärt|betonte|betont|ergänzte|ha dichiarato|"
    r"ha detto|dichiara|afferma|ha affermato|ha spiegato|spiega|sottolinea|"
    r"explicó|afirmó|señaló|declaró|afirma|explica|señala|subraya|"
    r"a déclaré|déclare|explique|souligne|a souligné|a expliqué|"
    r"powiedział[a]?|mówi|podkreślił[a]?|podkreśla|dodał[a]?|zaznaczył[a]?)"
)
_ROLE_TEXT = r"(?P<role>[^,;:“”\"„«»()\n]{3,120}?)"
_PERSON_SAID = re.compile(
    rf"(?:{_SPEECH}|\bso|according to|secondo|según|selon|według)\s+{_PERSON},\s+"
    r"(?P<role>[^;:“”\"„«»()\n]{3,160}?)\s*[.;]?\s*$"
)
_PERSON_DASH = re.compile(
    rf"^[—–-]\s*{_PERSON},\s+(?P<role>[^;:“”\"„«»()\n]{{3,160}}?)\s*\.?$"
)
# A role written before the name: "Bundesminister Peter Hanke", "HUN-REN
# CEO Roland Jakab", "Minister of the Economy and Innovation Edvinas Grikšas".
_ROLE_WORD = (
    r"(?:[\w-]*(?:[Mm]inist(?:er|ra|re|r)|[Dd]irekt(?:or|orin)|[Dd]irector|CEO|"
    r"[Rr]e[ck]tor|[Pp]r[äa]sident|[Pp]resident|[Cc]ommissioner|[Kk]ommissar|"
    r"[Cc]hair(?:man|woman)?|[Ll]eiter|[Cc]oordinat(?:or|ore|rice)|[Mm]ayor|"
    r"[Pp]remier|[Dd]yrektor|[Pp]rezes|[Rr]editel|[Ss]ekretarz|[Vv]orsitzend|"
    r"[Cc]harg[ée]|[Hh]ead|[Mm]anager|[Cc]hief|[Dd]irecteur|[Dd]irettore)[\w-]*)"
)
_PERSON_TITLED = re.compile(
    # Before the role word, only acronyms ("HUN-REN CEO"): "Laut" or "Dazu
    # erklärt" are not part of a role.
    rf"(?<![\w.-])(?P<role>(?:[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*\s+){{0,2}}?{_ROLE_WORD}"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?{_TOKEN}(?:\s+(?:and\s+)?{_TOKEN}){{0,3}}|"
    # "Minister finansów Andrzej Domański": a lower-case word or two.
    rf"(?:\s+(?!{_CONN}\b|the\b|and\b|a\b)[^\W\d_A-ZÀ-ÞĀ-Ž][\w-]*){{0,2}}))"
    rf"\s+{_PERSON}"
)
# "Thomas Lippert, Direktor des JSC, und …": the role after the name.
_PERSON_ROLE = re.compile(
    # Not after "of the", "de la": "Ministerio … de la Función Pública, el …".
    r"(?<!\bthe\s)(?<!\bof\s)(?<!\bla\s)(?<!\bde\s)(?<!\bder\s)(?<!\bdes\s)"
    rf"{_PERSON},\s+(?P<role>(?:[\w.-]+\s+){{0,3}}?{_ROLE_WORD}[^,;:()\n]{{0,80}}?)"
    r"\s*(?=,|\s(?:und|and|et|e|y|i|a)\s)"
)
# Words before a role that are not part of it ("so AIT Director X").
_ROLE_LEAD = re.compile(
    r"^(?:(?:so|says|said|sagt|and|und|et|e|y|by|von|the|der|die|das|le|la|il)\s+)+",
    re.IGNORECASE,
)
_ROLE_ORG_SPLIT = re.compile(
    r"(?<!\s)\s++(?:at|bei|am|presso|en|à|w|we|of|der|des|della|dell['’]|del|de la|"
    r"du|de)\s+"
    r"(?:the\s+)?(?=[" + _UP + r"])"
)
_SYSTEM_NEW = re.compile(
    r"\b(?:(?:brand[ -])?new\s+(?:[\w-]+\s+){0,2}?(?:supercomputer|system)|"
    r"neue[nrs]?\s+(?:[\w-]+\s+){0,2}?Supercomputer|nuovo\s+(?:[\w-]+\s+){0,2}?"
    r"(?:supercomputer|supercalcolatore)|nuevo\s+(?:[\w-]+\s+){0,2}?"
    r"(?:superordenador|supercomputador)|nouveau\s+(?:[\w-]+\s+){0,2}?"
    r"supercalculateur|now\w+\s+(?:[\w-]+\s+){0,2}?superkomputer\w*)",
    re.IGNORECASE,
)
_SYSTEM_UPGRADE = re.compile(
    r"\b(?:upgrade of (?:the |its )?(?:existing )?|upgrad(?:e|es|ing) (?:the |its )"
    r"(?:existing )?|Aufrüstung|Erweiterung des bestehenden|potenziamento|"
    r"ampliación del|mise à niveau|modernizacj\w+|rozbudow\w+)",
    re.IGNORECASE,
)
_SYSTEM_NAME = (
    re.compile(
        rf"{_SUPER_KW}(?:,)?\s+(?:named|called|dubbed|namens|chiamato|denominato|"
        rf"llamado|denominado|baptisé|appelé|nommé|o nazwie)\s+[„“\"«']?(?P<n>{_TOKEN})"
    ),
    re.compile(
        rf"(?<![\w-])(?P<n>[{_UP}][\w-]*)\s+(?:AI\s+)?(?:supercomputer|"
        r"superordenador|supercalculateur|superkomputer)(?!\w)"
    ),
    re.compile(
        r"(?:[Ss]upercomputer|[Ss]uperordenador|[Ss]upercalculateur|"
        rf"[Ss]uperkomputer|[Ss]upercalcolatore)\s+[„“\"«]?(?P<n>[{_UP}][\w-]*)"
    ),
)
_SYSTEM_WORD = re.compile(
    r"supercomput|superordenador|supercalculat|superkomput|supercalcolat|system|"
    r"machine|Rechner|sistema|système|maszyn",
    re.IGNORECASE,
)
_ACCELERATOR = re.compile(
    r"(?:NVIDIA|Nvidia|AMD|Intel)(?:\s+(?:[A-Z][\w-]*|\d\w*)){1,4}"
    r"(?:\s+(?:GPUs?|Superchips?|accelerators?|APUs?|Tensor Core GPUs?|"
    r"processors?|Grafikprozessoren|procesador\w*))?"
)
_OPERATION_BEFORE = re.compile(
    r"(?:(?:Anfang|Mitte|Ende|early|mid|late)\s*-?\s*)?(?P<y>20\d\d)\s+(?:in Betrieb|"
    r"operational|betriebsbereit)"
)
_OPERATION = re.compile(
    r"\b(?:operational|in operation|in service|up and running|go live|"
    r"in Betrieb|betriebsbereit|operativ[oa]|in funzione|entrerà in funzione|"
    r"operativ[oa]|en funcionamiento|en servicio|opérationnel(?:le)?|"
    r"en service|uruchomion\w+|działać)\s+(?:by|in|from|im|ab|nel|entro|a partire dal|"
    r"en|dès|à partir de|w|od)?\s*(?:(?:early|mid|late|the end of|"
    r"Anfang|Mitte|Ende|inizio|metà|fine|principios de|mediados de|finales de|"
    r"début|fin|połowie|początku|końcu)\s*-?\s*)?(?P<y>20\d\d)",
    re.IGNORECASE,
)


class _Drafter:
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
        kept = min(
            MAX_SENTENCES,
            sum(1 for sent in self.sentences if sent.start < MAX_READ),
        )
        if kept < len(self.sentences):
            self.warnings.append(
                f"read the first {kept} sentences of {len(self.sentences)} "
                f"(at most {MAX_SENTENCES:,} within {MAX_READ:,} characters); "
                "the rest is not drafted"
            )
            del self.sentences[kept:]
        self.dropped: set[str] = set()
        self.entries: list[_Acc] = []

    # -- helpers ------------------------------------------------------------

    def source(self, sent: _Sentence, lo: int, hi: int, supports: str) -> Source:
        start, end = sent.start + lo, sent.start + hi
        quote = self.text[start:end].strip()
        if not quote:  # never an empty quote: fall back to the whole sentence
            quote = sent.text
        return Source(seed=self.name, quote=quote, supports=supports)

    def whole(self, sent: _Sentence, supports: str) -> Source:
        return self.source(sent, 0, len(sent.text), supports)

    # -- run ----------------------------------------------------------------

    def run(self) -> Draft:
        self.find_entries()
        said = _bids.bid_sentences(self.sentences)
        owners = self.owners({sent.position for sent in said})
        own = [s for s, o in zip(self.sentences, owners, strict=True) if o is None]
        bid = self.bid(said, own)
        positions = () if bid is None else (bid,)
        if not self.entries:
            if self.sentences and bid is None:
                self.warnings.append("no AI Factory or Antenna is named in the text")
            return Draft(self.text, (), (), tuple(self.warnings), positions)
        for sent, owner in zip(self.sentences, owners, strict=True):
            self.people(sent, owner)
            if owner is None:
                continue
            initiative = bool(_INITIATIVE.search(sent.text)) and not (
                owner.keys & self.mentions(sent)
            )
            self.host(sent, owner)
            self.stakeholders(sent, owner)
            self.links(sent, owner)
            self.dates(sent, owner)
            if initiative:
                continue
            self.countries(sent, owner)
            self.partner_countries(sent, owner)
            self.focus(sent, owner)
            self.funding(sent, owner)
            self.system(sent, owner)
        for acc in self.entries:
            self.known_facts(acc)
        built = [self.build(acc) for acc in self.entries]
        changes: list[Change] = []
        for acc, entry in zip(self.entries, built, strict=True):
            if acc.known is not None:
                changes.extend(changes_between(acc.known, entry))
        return Draft(
            self.text, tuple(built), tuple(changes), tuple(self.warnings), positions
        )

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
            self.host(sent, acc)
            self.stakeholders(sent, acc)
            self.partner_countries(sent, acc)
            self.funding(sent, acc)
            self.people(sent, acc)
        country = None
        for sents in (said, self.sentences):
            country = country or _bids.most_named(
                code for sent in sents for code in _countries_named(sent.text)
            )
        lead = acc.host or next(
            (s for s in acc.stakeholders.values() if s.role is Role.COORDINATOR), None
        )
        sources = [self.whole(sent, "position") for sent in said[:3]]
        site = acc.host.city if acc.host is not None else None
        for sent in said:
            found = _bids.SITE.search(sent.text)
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
            stakeholders=[
                s for s in acc.stakeholders.values() if lead is None or s != lead
            ],
            partner_countries=[c for c in acc.partner_countries if c != country],
            funding=funding,
            people=list(acc.people.values()),
        )

    def known_facts(self, acc: _Acc) -> None:
        """Propose the host and stakeholders the registry has that the text names.

        The registry's record of the organisation, with the sentence that
        names it as the quote; the host's city only when the text says it.
        """
        entry = acc.known
        if entry is None:
            return
        host = entry.host
        if acc.host is None and host is not None:
            said = self.first_naming(host.name, host.short_name)
            if said is not None:
                city = host.city if host.city and self.first_naming(host.city) else None
                acc.host = attrs.evolve(
                    host, city=city, sources=(self.whole(said, "host"),)
                )
        for holder in entry.stakeholders:
            key = fold(holder.name)
            said = self.first_naming(holder.name, holder.short_name)
            if key not in acc.stakeholders and said is not None:
                supports = f"{holder.role.value}: {holder.name}"
                acc.stakeholders[key] = attrs.evolve(
                    holder, sources=(self.whole(said, supports),)
                )

    def first_naming(self, *labels: str | None) -> _Sentence | None:
        """The first sentence naming one of ``labels`` (a city by its stem)."""
        keys = [fold(label) for label in labels if label and len(label) >= 3]
        if not keys:
            return None
        # Inflected names ("Poznaniu", "Ostrave"): a stem of five or more.
        stems = [k[:-1] if len(k) >= 5 else k for k in keys]
        pattern = re.compile(
            rf"(?<!\w)(?:{'|'.join(map(re.escape, stems))})\w{{0,3}}(?!\w)"
        )
        for index, sent in enumerate(self.sentences):
            if pattern.search(self.folded[index]):
                return sent
        return None

    # -- which entries ------------------------------------------------------

    @functools.cached_property
    def folded(self) -> list[str]:
        return [fold(sent.text) for sent in self.sentences]

    @functools.cached_property
    def present_names(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        whole = fold(self.text)
        return tuple(
            (re.compile(rf"(?<!\w){re.escape(key)}(?!\w)"), entry_id)
            for key, entry_id in self.known.names
            if key in whole
        )

    def mentions(self, sent: _Sentence) -> set[str]:
        return self.mentions_at(sent.position)

    @functools.cache  # noqa: B019 - one drafter per call, freed with it
    def mentions_at(self, index: int) -> set[str]:
        folded = self.folded[index]
        found = {
            entry_id
            for pattern, entry_id in self.present_names
            if pattern.search(folded)
        }
        for acc in self.entries:
            if acc.known is None and any(k in folded for k in acc.keys):
                found |= acc.keys & {compact(acc.name)}
        return found

    def find_entries(self) -> None:
        by_key: dict[str, _Acc] = {}
        subjects, fallback = self.subjects
        self.add_known(by_key, subjects)
        for sent in self.sentences:
            named: _Acc | None = None
            for name, kind, lo, hi, alias in self.named(sent):
                source = self.source(sent, lo, hi, "name")
                if alias:  # "Name (ACRONYM)": the acronym names the same entry
                    if named is not None:
                        named.alias(name, source)
                    continue
                named = self.add_entry(by_key, name, kind, source)
        if not self.entries:
            self.add_known(by_key, fallback)

    def add_known(
        self, by_key: dict[str, _Acc], subjects: dict[str, tuple[_Sentence, str]]
    ) -> None:
        for entry_id, (sent, supports) in subjects.items():
            entry = self.known.registry.get(entry_id)
            if entry is not None and entry_id not in by_key:
                acc = _Acc(entry.name, entry.kind, entry)
                acc.keys = {entry_id}
                by_key[entry_id] = acc
                self.entries.append(acc)
                acc.sources.append(self.whole(sent, supports))

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
            folded = self.folded[index]
            named = {
                eid for pattern, eid in self.known.mentions if pattern.search(folded)
            }
            kind_word = _KIND_WORD.search(folded) is not None
            placed = {
                eid
                for pattern, eid in self.known.places
                if kind_word and pattern.search(folded)
            } - named
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

    def listed_countries(self, text: str) -> set[str]:
        """The factories of the countries a sentence lists (three or more).

        Each listed country counts when the registry has one factory for it.
        """
        codes: list[str] = []
        runs: list[list[str]] = []
        end = None
        for code, match in _codes_in(_country_name_re(), text):
            if end is None or not _LIST_GAP.fullmatch(text[end : match.start()]):
                runs.append(codes := [])
            codes.append(code)
            end = match.end()
        codes = max(runs, key=len, default=[])
        if len(codes) < 3:  # two countries may be a pair, not a list
            return set()
        found: set[str] = set()
        for code in codes:
            ids = [
                eid
                for eid in self.known.by_country.get(code, ())
                if (entry := self.known.registry.get(eid)) is not None
                and entry.kind is Kind.FACTORY
            ]
            found |= set(ids) if len(ids) == 1 else set()
        return found

    def country_entry(self, text: str) -> set[str]:
        """The entry of the one country a sentence names, if it has only one.

        "L'AI Factory française" is about France's factory when the
        registry has one entry for France.
        """
        codes = set(_countries_named(text))
        if len(codes) != 1:
            return set()
        ids = self.known.by_country.get(codes.pop(), ())
        return set(ids) if len(ids) == 1 else set()

    def add_entry(
        self,
        by_key: dict[str, _Acc],
        name: str,
        kind: Kind,
        source: Source,
    ) -> _Acc | None:
        entry = self.known.registry.get(name) or self.known.registry.get(
            _generic_free(name)
        )
        if entry is None:
            # "Die Stuttgarter AI Factory": a known entry by its host or city.
            place = fold(_generic_free(name))
            entry = next(
                (
                    self.known.registry.get(eid)
                    for pattern, eid in self.known.places
                    if pattern.fullmatch(place)
                ),
                None,
            )
        if entry is not None and entry.id not in self.subjects[0]:
            return None  # a known entry named in passing, not the article's subject
        key = entry.id if entry is not None else compact(_generic_free(name))
        if not key:
            return None
        acc = by_key.get(key)
        if acc is None and len(self.entries) >= MAX_ENTRIES:
            if not self.dropped:
                self.warnings.append(
                    f"the text names more than {MAX_ENTRIES} entries; "
                    f"only the first {MAX_ENTRIES} are drafted"
                )
            self.dropped.add(key)
            return None
        if acc is None:
            if entry is not None:
                acc = _Acc(entry.name, entry.kind, entry)
                acc.keys = {entry.id}
            else:
                acc = _Acc(name, kind, None)
                acc.keys = {compact(name), key}
            by_key[key] = acc
            self.entries.append(acc)
            acc.sources.append(source)
        elif fold(name) != fold(acc.name) and fold(name) not in map(fold, acc.aliases):
            acc.aliases.append(name)
            acc.keys.add(compact(name))
            acc.sources.append(attrs.evolve(source, supports=f"alias: {name}"))
        if kind is Kind.ANTENNA and acc.known is None:
            acc.kind = Kind.ANTENNA
        return acc

    def named(self, sent: _Sentence) -> Iterator[tuple[str, Kind, int, int, bool]]:  # noqa: C901, PLR0912 - a flat list of cues
        text = sent.text
        has_kw = re.search(f"{_FACTORY_KW}|{_ANTENNA_KW}", text)
        for match in _NAMING.finditer(text):
            if has_kw is None or has_kw.start() > match.start():
                continue
            name = _clean_name(match.group("n"))
            if name:
                kind = _kind_near(text, match.start())
                yield name, kind, 0, len(text), False
                yield from self.acronym(text, match.end("n"), kind)
        for match in _NAME_BEFORE.finditer(text):
            words = match.group("n").split()
            while words and (
                fold(words[0]) in _NOT_NAMES | self.demonym_words(words[0])
                or re.fullmatch(r"\w+['’]s", words[0])
            ):
                words.pop(0)
            if not words or all(fold(w) in _NOT_NAMES for w in words):
                continue
            kw = match.group("kw")
            name = " ".join([*words, kw])
            start = (
                match.end() - len(name) if text.endswith(name, 0, match.end()) else 0
            )
            kind = Kind.ANTENNA if "Antenna" in kw else Kind.FACTORY
            yield name, kind, start, match.end(), False
            yield from self.acronym(text, match.end(), kind)
        for match in _APPOSITIVE.finditer(text):
            name = _clean_name(match.group("n"))
            if not name or fold(name.split()[0]) in _NOT_NAMES:
                continue
            if self.demonym_words(name.split()[0]) or _country_name_re().fullmatch(
                name
            ):
                continue
            kind = Kind.ANTENNA if "nten" in match.group("kw") else Kind.FACTORY
            yield name, kind, match.start(), match.end(), False
        for match in _NAME_AFTER.finditer(text):
            words = match.group("n").split()
            while words and fold(words[-1]) in _NOT_NAMES:
                words.pop()
            if not words or fold(words[0]) in _NOT_NAMES:
                continue
            if self.demonym_words(words[0]):
                continue
            tail = " ".join(words)
            kw = match.group("kw")
            place = _country_name_re().fullmatch(tail)
            name = f"{kw} {tail}" if place else tail
            kind = Kind.ANTENNA if "nten" in kw else Kind.FACTORY
            yield name, kind, match.start(), match.start("n") + len(tail), False

    def acronym(
        self, text: str, end: int, kind: Kind
    ) -> Iterator[tuple[str, Kind, int, int, bool]]:
        match = re.match(r"\s*\((?P<a>[A-Z][A-Za-z0-9+\-]{1,14})\)", text[end:])
        if match and sum(c.isupper() for c in match.group("a")) >= 2:
            yield match.group("a"), kind, 0, end + match.end(), True

    @functools.cache  # noqa: B019 - one drafter per call, freed with it
    def demonym_words(self, word: str) -> frozenset[str]:
        return frozenset({fold(word)}) if _demonym_re().fullmatch(word) else frozenset()

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
                kind = re.search(f"{_FACTORY_KW}|{_ANTENNA_KW}", sent.text)
                named = self.entries if kind else []
            if len(named) == 1:
                current = named[0]
                owners.append(current)
            elif len(named) > 1:
                owners.append(None)  # several entries in one sentence: ambiguous
            elif index in bids:
                owners.append(None)
                current = current if sent.line == 0 else None
            else:
                owners.append(current if not sent.bullet or current else None)
        return owners

    def names_in(self, acc: _Acc, index: int) -> bool:
        folded = self.folded[index]
        labels = [acc.name, *acc.aliases]
        if acc.known is not None:
            labels += list(acc.known.names)
        for label in labels:
            key = fold(label)
            if len(key) < 3:
                continue
            if _word_find(folded, key) >= 0:
                return True
        return False

    # -- fields -------------------------------------------------------------

    def countries(self, sent: _Sentence, acc: _Acc) -> None:
        text = sent.text
        kw = f"(?:{_FACTORY_KW}|{_ANTENNA_KW}|AI Factory|KI|AI)"
        # "The Greek AI Factory" an antenna links to is not the antenna.
        own = _ANTENNA_KW if acc.kind is Kind.ANTENNA else kw
        for code, match in _codes_in(_demonym_re(), text):
            after = text[match.end() : match.end() + 40]
            before = text[max(0, match.start() - 40) : match.start()]
            if re.match(rf"\s+(?:\w+\s+){{0,2}}?{own}", after) or re.search(
                rf"{_FACTORY_KW}\s+(?:\w+\s+)?$", before
            ):
                acc.countries.append(
                    (1, code, self.source(sent, 0, len(text), f"country: {code}"))
                )
        for code, match in _codes_in(_country_name_re(), text):
            before = text[max(0, match.start() - 50) : match.start()]
            after = text[match.end() : match.end() + 30]
            if re.search(
                rf"{own}\s+(?:\w+\s+)?(?:in|for|of|w|we|en|à|im|für|per|"
                r"para|pour|dla|de)\s+(?:\w+\s+)?$",
                before,
            ) or re.match(rf"['’]s\s+(?:\w+\s+){{0,2}}?{own}", after):
                acc.countries.append(
                    (2, code, self.source(sent, 0, len(text), f"country: {code}"))
                )
            elif sent.line == 0 or self.names_in(acc, sent.position):
                acc.countries.append(
                    (4, code, self.source(sent, 0, len(text), f"country: {code}"))
                )

    def partner_countries(self, sent: _Sentence, acc: _Acc) -> None:
        text = sent.text
        if not _CONSORTIUM.search(text) or _SPLIT_CUE.search(text):
            return
        for code, _ in _codes_in(_country_name_re(), text):
            acc.partner_countries.setdefault(
                code, self.whole(sent, f"partner country: {code}")
            )

    def host(self, sent: _Sentence, acc: _Acc) -> None:
        text = sent.text
        for match in _HOST_AFTER.finditer(text):
            org = re.match(rf"{_ORG}{_ABBR}", text[match.end() :])
            if org is None:
                continue
            lo, hi = match.end() + org.start(), match.end() + org.end()
            self.set_host(sent, acc, org, (lo, hi), match.start())
            return

    def set_host(
        self,
        sent: _Sentence,
        acc: _Acc,
        org: re.Match[str],
        span: tuple[int, int],
        cue: int,
    ) -> None:
        text = sent.text
        lo, hi = span
        raw = text[lo:hi]
        abbr = org.group("abbr")
        label = raw[: raw.index("(")].strip() if abbr else raw
        label, _ = _strip_article(label)
        if not self.org_ok(label, strict=False) or acc.host is not None:
            return
        known = self.known.org(label) or self.abbreviated(label, abbr)
        city, city_end = self.city_after(text, hi, label)
        source = self.source(sent, cue, max(hi, city_end), "host")
        if known is not None:
            name, short_name = known.name, known.short_name
        else:
            name, short_name = label, _abbr(abbr)
        acc.host = Host(name=name, short_name=short_name, city=city, sources=(source,))
        place = self.known.cities.get(fold(city)) if city else None
        code = place[1] if place is not None else None
        if known is not None and known.country:
            acc.countries.append((3, known.country, source))
        elif code:
            acc.countries.append((3, code, source))

    def city_after(self, text: str, hi: int, host: str) -> tuple[str | None, int]:
        after = re.match(
            rf"(?:,?\s+(?P<p>in|im|a|à|en|w|we)|,)\s+(?P<c>{_TOKEN}(?:[ -]{_TOKEN})?)",
            text[hi:],
        )
        if after is not None:
            city = after.group("c")
            # Polish and a bare comma inflect or list: trust known cities only.
            loose = after.group("p") in {"in", "im", "a", "à", "en"}
            if fold(city) in self.known.cities or (loose and self.city_ok(city)):
                known = self.known.cities.get(fold(city))
                return (known[0] if known else city), hi + after.end()
        for key, (city, _) in self.known.cities.items():
            if _word_find(fold(host), key) >= 0:
                return city, hi
        return None, hi

    def city_ok(self, city: str) -> bool:
        if fold(city) in self.known.cities:
            return True
        if _country_name_re().fullmatch(city) or _demonym_re().fullmatch(city):
            return False
        return not any(stem in city for stem in lex.ORG_WORDS) and not city.isupper()

    def org_ok(self, label: str, *, strict: bool) -> bool:  # noqa: PLR0911 - a flat list of cues
        if len(label) < 2 or fold(label) in _NOT_NAMES:
            return False
        if _country_name_re().fullmatch(label):
            return False
        if _demonym_re().fullmatch(label) or fold(label) in self.known.cities:
            return False
        if not strict or self.known.org(label) is not None:
            return True
        if any(stem in label for stem in lex.ORG_WORDS):
            return True
        first = label.split(maxsplit=1)[0]
        if sum(ch.isupper() for ch in first) >= 2:
            return True
        # Two capitalised words or more ("Oslo Health Analytics") name an
        # organisation once people and places are ruled out above.
        return sum(word[:1].isupper() for word in label.split()) >= 2

    def abbreviated(self, label: str, abbr: str | None) -> _Org | None:
        """The known organisation ``abbr`` stands for, if ``label`` can be it.

        "Arctic Compute Alliance (ACA)" is not the registry's Advanced
        Computing Austria (ACA): the name must share a word with the known one.
        """
        known = self.known.org(abbr) if abbr else None
        if known is None or not label:
            return known
        words = {w for w in fold(known.name).split() if len(w) > 3}
        return known if words & set(fold(label).split()) else None

    def stakeholders(self, sent: _Sentence, acc: _Acc) -> None:
        text = sent.text
        for match in _COORDINATED_BY.finditer(text):
            org = re.match(rf"(?P<org>{_ORG}){_ABBR}", text[match.end() :])
            if org is not None:
                hi = match.end() + org.end()
                self.add_holder(sent, acc, org, Role.COORDINATOR, (match.start(), hi))
        for org in re.finditer(rf"(?P<org>{_ORG}){_ABBR}", text):
            for role, pattern in _ROLE_BEFORE:
                cue = pattern.match(text[org.end() :])
                if cue is not None:
                    hi = org.end() + cue.end()
                    self.add_holder(sent, acc, org, role, (org.start(), hi))
        self.listed(sent, acc, _PARTNER_LIST, Role.PARTNER)
        self.listed(sent, acc, _COFUNDER_LIST, Role.COFUNDER)

    def listed(
        self, sent: _Sentence, acc: _Acc, cue: re.Pattern[str], role: Role
    ) -> None:
        """Add each organisation of the list after ``cue`` in the role."""
        text = sent.text
        for match in cue.finditer(text):
            segment = text[match.end() :]
            if not segment.strip(" :") and text.rstrip().endswith(":"):
                for item in self.bullets_after(sent):
                    org = re.match(rf"(?P<org>{_ORG}){_ABBR}", item.text)
                    if org is None:
                        break
                    self.add_holder(item, acc, org, role, (0, len(item.text)))
                continue
            stop = _SEGMENT_END.search(segment)
            segment = segment[: stop.start()] if stop else segment
            # In a list of three or more, one capitalised word names a member.
            strict = segment.count(",") < 2
            for org in re.finditer(rf"(?P<org>{_ORG}){_ABBR}", segment):
                if re.search(
                    r"(?:\bin|\bfrom|\baus|\bda|\bde|\bw|\bz|\bv|\bve|\bem)\s+$",
                    segment[: org.start()],
                ):
                    continue  # "partners in Bavaria": a place
                # A lone word read loosely must end its item ("Bial, Sonae"),
                # not start a name in lower case ("Vysoké učení").
                whole = _ITEM_END.match(segment, org.end())
                hi = match.end() + org.end()
                span = (match.start(), hi)
                loose = strict or whole is None
                self.add_holder(sent, acc, org, role, span, strict=loose)

    def add_holder(  # noqa: PLR0913 - the evidence and how strictly to read it
        self,
        sent: _Sentence,
        acc: _Acc,
        org: re.Match[str],
        role: Role,
        span: tuple[int, int],
        *,
        strict: bool = True,
    ) -> None:
        label = org.group("org")
        label, _ = _strip_article(label)
        abbr = org.group("abbr")
        known_abbr = bool(abbr) and self.known.org(abbr or "") is not None
        if not (label and self.org_ok(label, strict=strict)) and not known_abbr:
            return
        if acc.host is not None and _same_org(
            acc.host.name, acc.host.short_name, label
        ):
            return
        if any(_same(label, name) for name in [acc.name, *acc.aliases]):
            return
        known = self.known.org(label) or self.abbreviated(label, abbr)
        if known is not None:
            name, short_name, country = known.name, known.short_name, known.country
        else:
            name, short_name, country = label, _abbr(abbr), None
        key = fold(name)
        if key in acc.stakeholders:
            return
        source = self.source(sent, *span, f"{role.value}: {name}")
        acc.stakeholders[key] = Stakeholder(
            name=name,
            role=role,
            country=country,
            short_name=short_name,
            sources=(source,),
        )

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
            entry = self.known.registry.get(entry_id)
            if not isinstance(entry, Factory):
                continue
            in_intent = bool(intended) and bool(pattern.search(intended))
            if not in_intent and not pattern.search(linked):
                continue
            intent_kind = in_intent and not pattern.search(linked)
            target = acc.intents if intent_kind else acc.factories
            label = "letter of intent" if intent_kind else "linked factory"
            target.setdefault(entry_id, self.whole(sent, f"{label}: {entry_id}"))
            found = True
        if not found and re.search(_FACTORY_KW, text[link.start() :]):
            self.warnings.append(
                f"{acc.name}: a linked factory the registry does not know: "
                f"{_short(text[link.start() :])}"
            )

    def dates(self, sent: _Sentence, acc: _Acc) -> None:
        if acc.selected_on is not None or not _SELECTED.search(sent.text):
            return
        date = _first_date(sent.text)
        sources = [self.whole(sent, "selected_on")]
        if date is None and _TODAY.search(sent.text):
            dateline = self.dateline()
            if dateline is not None:
                date, source = dateline
                sources.append(source)
        if date is None:
            return
        for wave in self.known.registry.wave_records:
            if wave.announced == date and wave.kind is acc.kind:
                acc.wave = wave.id
                sources.append(
                    attrs.evolve(
                        sources[0], supports=f"wave: {wave.id} ({wave.announced})"
                    )
                )
        acc.selected_on = (date, sources)

    def dateline(self) -> tuple[dt.date, Source] | None:
        for sent in self.sentences[:4]:
            if sent.line > 3:
                break
            match = _DATE.search(sent.text)
            if match is not None and match.start() < 60:
                date = _date_of(match)
                if date is not None:
                    source = self.source(sent, 0, match.end(), "selected_on: dateline")
                    return date, source
        return None

    def focus(self, sent: _Sentence, acc: _Acc) -> None:  # noqa: C901 - a flat list of cues
        text = sent.text
        cue = _FOCUS_CUE.search(text)
        if cue is None:
            return
        rest = text[cue.end() :]
        stop = re.search(r"[.;!?]\s|[.;!?]$|\s[–—]\s|\(", rest)
        rest = rest[: stop.start()] if stop else rest
        items: list[tuple[int, int]] = []
        pos = 0
        for sep in [*_LIST_SPLIT.finditer(rest), None]:
            lo, hi = pos, (sep.start() if sep else len(rest))
            pos = sep.end() if sep else len(rest)
            item = rest[lo:hi]
            if items and _VERBISH.search(item):
                break  # "..., and the goal is to ...": a new clause
            lead = _ITEM_LEAD.match(item)
            if lead:
                lo, item = lo + lead.end(), item[lead.end() :]
            bare, cut = _strip_article(item)
            lo += cut
            words = bare.split()
            if not words:
                continue
            if len(words) > 8 and items:
                break
            if len(words) > 8:
                return
            items.append((lo, hi))
        if len(items) < 1:
            return
        base = cue.end()
        for lo, hi in items:
            value = text[base + lo : base + hi].strip()
            source = self.source(
                sent, cue.start(), base + items[-1][1], f"focus: {value}"
            )
            if not any(_contains(value, old) for old in acc.focus):
                acc.focus[value] = source
            for sector in _sectors(value):
                acc.sectors.setdefault(
                    sector, attrs.evolve(source, supports=f"sector: {sector.value}")
                )

    def bullets_after(self, sent: _Sentence) -> Iterator[_Sentence]:
        for nxt in self.sentences[sent.position + 1 :]:
            if not nxt.bullet:
                return
            yield nxt

    def funding(self, sent: _Sentence, acc: _Acc) -> None:  # noqa: C901, PLR0912 - a flat list of cues
        text = sent.text
        amounts = list(_amount_re().finditer(text))
        split = _SPLIT_CUE.search(text)
        if split is not None:
            via = _VIA.search(text, split.end())
            segment_end = via.start() if via else len(text)
            funders = self.funders(text, split.end(), segment_end, acc)
            if len(funders) == 2:
                for funder in funders:
                    share = self.share(acc, funder)
                    share.share = Decimal("0.5")
                    share.sources.append(self.whole(sent, f"share: {funder[0]} 0.5"))
        else:
            for match in _HALF.finditer(text):
                clause = _clause(text, match.start())
                funders = self.funders(text, *clause, acc)
                if len(funders) == 1:
                    share = self.share(acc, funders[0])
                    share.share = Decimal("0.5")
                    share.sources.append(
                        self.source(
                            sent, clause[0], clause[1], f"share: {funders[0][0]} 0.5"
                        )
                    )
            for match in _PERCENT.finditer(text):
                clause = _clause(text, match.start())
                funders = self.funders(text, *clause, acc)
                value = _decimal(match.group("p"))
                if len(funders) == 1 and value is not None and 0 < value <= 100:
                    share = self.share(acc, funders[0])
                    share.share = (value / 100).normalize()
                    share.sources.append(
                        self.source(
                            sent, clause[0], clause[1], f"share: {funders[0][0]}"
                        )
                    )
        for match in amounts:
            money = _money(match, text)
            if money is None:
                continue
            lo, hi = _clause(text, match.start())
            funders = self.funders(text, lo, hi, acc)
            strong = _STRONG_TOTAL.search(text[lo : match.start()])
            if strong is not None:
                acc.totals.append((money, self.source(sent, lo, hi, f"total: {money}")))
            elif len(funders) == 1:
                share = self.share(acc, funders[0])
                if share.amount is None:
                    share.amount = money
                    share.sources.append(
                        self.source(sent, lo, hi, f"amount: {funders[0][0]} {money}")
                    )
            elif _TOTAL_CUE.search(text[lo:hi]):
                acc.totals.append((money, self.source(sent, lo, hi, f"total: {money}")))
        for cue in _FUNDED.finditer(text):
            # A funder named without money is still one ("co-funded by X"):
            # the one of the clause nearest the cue.
            lo, hi = _clause(text, cue.start())
            funders = self.funders(text, cue.end(), hi, acc)[:1]
            funders = funders or self.funders(text, lo, cue.start(), acc)[-1:]
            for funder in funders:
                share = self.share(acc, funder)
                if not share.sources:
                    share.sources.append(self.whole(sent, f"funder: {funder[0]}"))
        self.via(sent, acc)

    def via(self, sent: _Sentence, acc: _Acc) -> None:
        text = sent.text
        for match in _VIA.finditer(text):
            funders = self.funders(text, 0, match.start(), acc)
            national = [f for f in funders if f[1] is not FunderKind.EU]
            if not national:
                continue
            segment = text[match.end() :]
            stop = re.search(
                r"[.;!?]\s|[.;!?]$|\s[–—]\s|,\s(?:which|who|and the|with)", segment
            )
            segment = segment[: stop.start()] if stop else segment
            names: list[str] = []
            for org in re.finditer(rf"(?P<org>{_ORG}){_ABBR}", segment):
                label, _ = _strip_article(org.group("org"))
                if names and names[-1].endswith(label):
                    continue  # the tail of a name joined by "and", already taken
                tail = _AND_TAIL.match(segment[org.end("org") :])
                if _AND_NAME.match(label) and tail is not None:
                    label += tail.group()
                if label and self.org_ok(label, strict=False):
                    names.append(label)
            if not names:
                continue
            share = self.share(acc, national[-1])
            for label in names:
                if label not in share.via:
                    share.via.append(label)
            end = match.end() + (stop.start() if stop else len(text) - match.end())
            share.sources.append(self.source(sent, match.start(), end, "via"))

    def funders(
        self, text: str, lo: int, hi: int, acc: _Acc
    ) -> list[tuple[str, FunderKind, str | None]]:
        segment = text[lo:hi]
        found: list[tuple[int, tuple[str, FunderKind, str | None]]] = []
        eu = _EU_FUNDER.search(segment)
        if eu is not None:
            # The funder as the text first names it; EuroHPC by its usual name.
            named = eu.group().removeprefix("the ")
            label = "EuroHPC JU" if named.startswith("EuroHPC") else named
            found.append((eu.start(), (label, FunderKind.EU, None)))
        for code, match in _codes_in(_country_name_re(), segment):
            if re.search(
                r"\b(?:in|im|en|w|we)\s+$", segment[: match.start()]
            ) and not re.search(
                r"(?:[Gg]overnment|[Gg]overno|[Gg]obierno|[Gg]ouvernement|Regierung|rząd)\w*\s+(?:of|di|de|du|von)\s+(?:the\s+)?$",
                segment[: match.start()],
            ):
                continue  # "companies in Spain", not Spain paying
            found.append(
                (match.start(), (country_name(code), FunderKind.NATIONAL, code))
            )
        unique: dict[
            tuple[FunderKind, str | None, str], tuple[str, FunderKind, str | None]
        ] = {}
        for _, funder in sorted(found, key=lambda item: item[0]):
            key = (
                funder[1],
                funder[2],
                funder[0] if funder[1] is FunderKind.REGIONAL else "",
            )
            unique.setdefault(key, funder)
        del acc
        return list(unique.values())

    def share(self, acc: _Acc, funder: tuple[str, FunderKind, str | None]) -> _Share:
        label, kind, code = funder
        key = (kind, code or label)
        share = acc.shares.get(key)
        if share is None:
            share = acc.shares[key] = _Share(label, kind, code)
        return share

    def system(self, sent: _Sentence, acc: _Acc) -> None:  # noqa: C901 - a flat list of cues
        if acc.kind is not Kind.FACTORY:
            return
        text = sent.text
        new = _SYSTEM_NEW.search(text)
        upgrade = _SYSTEM_UPGRADE.search(text)
        if acc.status is None and (new is not None) != (upgrade is not None):
            status = SystemStatus.NEW if new is not None else SystemStatus.UPGRADE
            acc.status = (
                status,
                self.whole(sent, f"supercomputer.status: {status.value}"),
            )
        names = self.known_label_words(acc)
        for pattern in _SYSTEM_NAME:
            for match in pattern.finditer(text):
                value = match.group("n").rstrip(".,")
                if fold(value) in _NOT_NAMES | names or self.demonym_words(value):
                    continue
                if _country_name_re().fullmatch(value) or value in lex.VENDORS:
                    continue
                if re.search(r"-[a-z]", value):
                    continue  # "AI-optimised supercomputer": a description
                acc.system.setdefault(
                    "name",
                    (
                        value,
                        self.source(
                            sent, match.start(), match.end(), "supercomputer.name"
                        ),
                    ),
                )
        if _SYSTEM_WORD.search(text):
            for vendor in lex.VENDORS:
                pos = _word_find(text, vendor)
                if pos >= 0:
                    acc.system.setdefault(
                        "vendor", (vendor, self.whole(sent, "supercomputer.vendor"))
                    )
                    break
        accel = _ACCELERATOR.search(text)
        if accel is not None and any(ch.isdigit() for ch in accel.group()) | bool(
            re.search(r"Hopper|Blackwell|Instinct|Gaudi|Grace", accel.group())
        ):
            value = accel.group().strip()
            acc.system.setdefault(
                "accelerators",
                (
                    value,
                    self.source(
                        sent, accel.start(), accel.end(), "supercomputer.accelerators"
                    ),
                ),
            )
        operation = _OPERATION.search(text) or _OPERATION_BEFORE.search(text)
        if operation is not None and _SYSTEM_WORD.search(text):
            value = operation.group().strip()
            acc.system.setdefault(
                "expected_operation",
                (
                    value,
                    self.source(
                        sent,
                        operation.start(),
                        operation.end(),
                        "supercomputer.expected_operation",
                    ),
                ),
            )

    def known_label_words(self, acc: _Acc) -> frozenset[str]:
        words = {fold(w) for label in [acc.name, *acc.aliases] for w in label.split()}
        return frozenset(words)

    def people(self, sent: _Sentence, acc: _Acc | None) -> None:
        text = sent.text
        for pattern in (
            _PERSON_SAID,
            _PERSON_DASH,
            _PERSON_TITLED,
            _PERSON_ROLE,
        ):
            for match in pattern.finditer(text):
                person = match.group("person")
                role = _ROLE_LEAD.sub("", match.group("role").strip().rstrip("."))
                if not _is_person(person) or len(role) < 3:
                    continue
                if acc is None:
                    continue
                key = fold(person)
                if key in acc.people:
                    continue
                role_text, organisation = self.split_role(role)
                if organisation is not None:
                    # The speaker for an entry's host speaks for that entry.
                    for other in self.entries:
                        host = other.host
                        if host is not None and _same_org(
                            host.name, host.short_name, organisation
                        ):
                            acc = other
                            break
                if key in acc.people:
                    continue
                lo, hi = sorted((match.start("person"), match.start("role")))
                hi = max(match.end("person"), match.end("role"))
                source = self.source(sent, lo, hi, "person")
                acc.people[key] = Person(
                    name=person,
                    role=role_text,
                    organisation=organisation,
                    sources=(source,),
                )

    def split_role(self, role: str) -> tuple[str, str | None]:
        for cut in _ROLE_ORG_SPLIT.finditer(role):
            rest = role[cut.end() :]
            org = re.fullmatch(rf"{_ORG}", rest)
            word = cut.group().strip().split()[0]
            if org is None:
                continue
            if word in {"at", "bei", "presso", "en", "à", "w", "we", "am"} or (
                self.known.org(rest) is not None
                or any(stem in rest for stem in lex.ORG_WORDS)
            ):
                return role[: cut.start()].strip(), rest
        return role, None

    # -- records ------------------------------------------------------------

    def build(self, acc: _Acc) -> Entry:
        known = acc.known
        to_fill: list[str] = []
        sources = list(acc.sources)
        country = self.pick_country(acc)
        if country is not None:
            code, source = country
            sources.append(attrs.evolve(source, supports=f"country: {code}"))
        elif known is not None:
            code = known.country
        else:
            code = TO_FILL
            to_fill.append("country")
        sources.append(self.kind_source(acc))
        if acc.selected_on is not None:
            selected_on, date_sources = acc.selected_on
            sources.extend(date_sources)
        elif known is not None:
            selected_on = known.selected_on
        else:
            selected_on = PLACEHOLDER_DATE
            to_fill.append("selected_on")
        wave = acc.wave or (known.wave if known is not None else None)
        if wave is None:
            wave = TO_FILL
            to_fill.append("wave")
        for value, source in [
            *acc.partner_countries.items(),
            *acc.factories.items(),
            *acc.intents.items(),
        ]:
            del value
            sources.append(source)
        focus = [
            v
            for v in acc.focus
            if not any(v != o and _contains(o, v) for o in acc.focus)
        ]
        sources.extend(acc.focus[v] for v in focus)
        # Sectors and the total have no sources of their own: theirs go here.
        sources.extend(acc.sectors.values())
        funding, total_sources = self.build_funding(acc)
        sources.extend(total_sources)
        notes = None
        if known is None:
            to_fill.append("confidence")
            notes = (
                f"Draft from {self.name}; to fill by reviewer: {', '.join(to_fill)}."
            )
            for field in to_fill:
                self.warnings.append(f"{acc.name}: {field}: to fill by reviewer")
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
            "focus": focus,
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

    def kind_source(self, acc: _Acc) -> Source:
        return attrs.evolve(acc.sources[0], supports=f"kind: {acc.kind.value}")

    def pick_country(self, acc: _Acc) -> tuple[str, Source] | None:
        for level in (1, 2, 3, 4):
            codes = {code: src for lvl, code, src in acc.countries if lvl == level}
            if len(codes) == 1:
                return next(iter(codes.items()))
            if len(codes) > 1:
                self.warnings.append(
                    f"{acc.name}: country left out: the text points to "
                    f"{', '.join(sorted(codes))}"
                )
                return None
        return None

    def build_funding(self, acc: _Acc) -> tuple[Funding | None, list[Source]]:
        total = None
        totals = dict(acc.totals)
        if len(totals) == 1:
            total = next(iter(totals))
        elif len(totals) > 1:
            shown = "; ".join(str(m) for m in totals)
            self.warnings.append(f"{acc.name}: total left out: the text gives {shown}")
        shares = [
            FundingShare(
                funder=s.funder,
                kind=s.kind,
                country=s.country,
                share=s.share,
                amount=s.amount,
                via=s.via,
                sources=_dedupe(s.sources),
            )
            for s in acc.shares.values()
            if s.sources
        ]
        if total is None and not shares:
            return None, []
        if total is None:
            return Funding(shares=shares), []
        # Funding has no sources of its own: the total's goes to the entry.
        return Funding(total=total, shares=shares), [totals[total]]

    def build_system(self, acc: _Acc) -> Supercomputer | None:
        if not acc.system and acc.status is None:
            return None
        sources = [source for _, source in acc.system.values()]
        if acc.status is not None:
            status, source = acc.status
            sources.insert(0, source)
        else:
            # The format requires a status; the reviewer must set it.
            status = SystemStatus.NEW
            self.warnings.append(
                f"{acc.name}: supercomputer.status: to fill by reviewer"
            )
        # Only the free-text fields (name, vendor, accelerators...) are drafted.
        values: dict[str, Any] = {f: value for f, (value, _) in acc.system.items()}
        note = None if acc.status is not None else "status: to fill by reviewer"
        return Supercomputer(
            status=status, note=note, sources=_dedupe(sources), **values
        )

    def slug(self, name: str) -> str:
        # Letters NFKD does not take apart ("Ł", "ø") get their usual spelling.
        plain = fold(name).translate(_SLUG_LETTERS)
        base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "draft"
        slug, number = base, 2
        taken = {entry.id for entry in self.known.registry.entries}
        while slug in taken:
            slug = f"{base}-{number}"
            number += 1
        return slug


_VERBISH = re.compile(
    r"\b(?:is|are|will|was|were|has|have|ist|sind|wird|è|sono|sarà|es|son|será|"
    r"est|sont|sera|jest|są|będzie)\b"
)


def _is_person(name: str) -> bool:
    # "rektor Politechniki Gdańskiej": an organisation where a name stands.
    return not any(w in name for w in lex.ORG_WORDS)


_SLUG_LETTERS = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
        "ı": "i",
    }
)

# -- small helpers ----------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _key(name: str) -> str:
    # Cached: each name is compared with every entry found so far.
    return compact(_generic_free(name))


def _generic_free(name: str) -> str:
    words = [w for w in re.split(r"[\s]+", name) if fold(w) not in _GENERIC]
    return " ".join(words)


_GENERIC = frozenset(
    fold(w) for w in words("AI Factory Antenna KI-Fabrik AI-Fabrik KI Fabrik The the")
)


def _same(one: str, other: str) -> bool:
    a, b = _key(one), _key(other)
    return bool(a) and bool(b) and (a == b or a.startswith(b) or b.startswith(a))


def _word_find(haystack: str, needle: str) -> int:
    start = 0
    while True:
        pos = haystack.find(needle, start)
        if pos < 0:
            return -1
        end = pos + len(needle)
        before = haystack[pos - 1] if pos else " "
        after = haystack[end] if end < len(haystack) else " "
        if not before.isalnum() and not after.isalnum():
            return pos
        start = pos + 1


def _clean_name(text: str) -> str:
    words = text.split()
    while words and fold(words[-1]) in _NOT_NAMES:
        words.pop()
    return " ".join(words).strip("”\"»'’.,")


def _kind_near(text: str, pos: int) -> Kind:
    # The keyword nearest to the name says what it names.
    best: tuple[int, Kind] | None = None
    for pattern, kind in ((_ANTENNA_KW, Kind.ANTENNA), (_FACTORY_KW, Kind.FACTORY)):
        for match in re.finditer(pattern, text):
            distance = min(abs(match.start() - pos), abs(match.end() - pos))
            if best is None or distance < best[0]:
                best = (distance, kind)
    return best[1] if best is not None else Kind.FACTORY


def _abbr(abbr: str | None) -> str | None:
    if (
        abbr
        and re.fullmatch(r"[A-Z][\w&.\- ]{1,20}", abbr)
        and sum(c.isupper() for c in abbr) >= 2
    ):
        return abbr
    return None


def _clause(text: str, pos: int) -> tuple[int, int]:
    # A clause ends at ", ", "; " or " and " (never inside "1,500,000").
    bounds = [0, len(text)]
    bounds.extend(
        sep.start() if sep.start() >= pos else sep.end()
        for sep in re.finditer(
            r",\s|;\s|\s(?:and|und|e|y|et|i|oraz|while|whereas)\s|\s[–—]\s", text
        )
    )
    lo = max(b for b in bounds if b <= pos)
    hi = min(b for b in bounds if b > pos)
    return lo, hi


def _decimal(text: str) -> Decimal | None:
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text)
    commas, dots = cleaned.count(","), cleaned.count(".")
    if commas and dots:
        decimal_sep = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_sep, ".")
    elif commas + dots == 1:
        sep = "," if commas else "."
        whole, frac = cleaned.split(sep)
        cleaned = whole + frac if len(frac) == 3 else f"{whole}.{frac}"
    elif commas + dots > 1:
        cleaned = cleaned.replace(",", "").replace(".", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def _money(match: re.Match[str], text: str) -> Money | None:
    number = match.group("n1") or match.group("n2")
    value = _decimal(number) if number else None
    if value is None:
        return None
    mult = (
        match.group("m1") or match.group("s1") or match.group("m2") or match.group("s2")
    )
    if mult:
        key = mult.lower().rstrip(".")
        value *= _cldr.multipliers().get(key) or 10**6
    cur = (match.group("pre") or match.group("post") or "").lower()
    cur = re.sub(r"^(?:di|de|d['’])\s?", "", cur)
    currency = _CURRENCIES.get(cur)
    if currency is None or value <= 0 or value >= Decimal(10) ** 15:
        return None
    before = text[max(0, match.start() - 30) : match.start()]
    qualifier = Qualifier.EXACT
    for candidate, pattern in _QUALIFIERS:
        if pattern.search(before):
            qualifier = candidate
            break
    return Money(
        amount=value.quantize(Decimal(1))
        if value == value.to_integral()
        else value.normalize(),
        currency=currency,
        qualifier=qualifier,
    )


def _first_date(text: str) -> dt.date | None:
    for match in _DATE.finditer(text):
        date = _date_of(match)
        if date is not None:
            return date
    return None


def _date_of(match: re.Match[str]) -> dt.date | None:
    try:
        if match.group("y3"):
            return dt.date(
                int(match.group("y3")), int(match.group("m3")), int(match.group("d3"))
            )
        day = match.group("d") or match.group("d2")
        month_word = match.group("m") or match.group("m2")
        year = match.group("y") or match.group("y2")
        month = _cldr.month_numbers().get(fold(month_word or "").rstrip("."))
        if month is None or day is None or year is None:
            return None
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


@functools.cache
def _sector_keys() -> tuple[tuple[str, Sector], ...]:
    from aifactories._sectors import SECTOR_LABELS, SECTOR_SYNONYMS  # noqa: PLC0415

    keys: dict[str, Sector] = {}
    for sector in Sector:
        words = [sector.value, sector.value.replace("-", " "), SECTOR_LABELS[sector]]
        words += [*SECTOR_SYNONYMS[sector], *lex.SECTOR_WORDS.get(sector, ())]
        for word in words:
            keys.setdefault(fold(word), sector)
    # Longest first, so "gaming industry" wins over "industry".
    return tuple(sorted(keys.items(), key=lambda item: -len(item[0])))


def _sectors(value: str) -> list[Sector]:
    folded = fold(value)
    found: list[Sector] = []
    for key, sector in _sector_keys():
        pos = _word_find(folded, key)
        if pos >= 0:
            folded = folded[:pos] + " " * len(key) + folded[pos + len(key) :]
            if sector not in found:
                found.append(sector)
    if len(found) > 1 and Sector.RESEARCH in found:
        # "climate research": research qualifies the sector, it is not one.
        found.remove(Sector.RESEARCH)
    return found


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
