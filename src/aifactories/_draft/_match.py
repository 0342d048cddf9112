# The drafter matches typographic quotes, dashes and apostrophes on purpose.
# ruff: noqa: RUF001
"""Patterns every field shares: capitalised names, organisations, countries.

A name is a run of capitalised tokens (an organisation's may hold "of",
"für", "dell'"); a country is named by CLDR's names (:mod:`._cldr`) or by a
demonym (:mod:`._lexicon`). Tokens are possessive, so every search is
linear in the text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from aifactories._draft import _cldr
from aifactories._draft import _lexicon as lex
from aifactories._draft._text import words
from aifactories._model import Kind
from aifactories._text import fold


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
    r"(?:of|for|on|de|del|della|delle|degli|dei|di|des|du|de la|für|der|zur|"
    r"zum|per|pour|para a|para o|para|na|dla|la|le|el|los|las|do|da|dos|das|van|im\.|"
    r"voor|v|ve)"
)
_ORG = (
    rf"{_TOKEN}(?:(?:\s+(?:{_CONN}\s+){{1,2}}|\s+(?:d|l|dell|dall)['’]|"
    rf"\s+(?:{_CONN}\s+)?(?:d|l|dell)['’]|\s+){_TOKEN}){{0,9}}"
)
# An organisation's name (group ``org``), with its abbreviation if one follows.
_ORG_NAMED = re.compile(rf"(?P<org>{_ORG})(?:\s*\((?P<abbr>[^()\n]{{2,24}})\))?")
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
# Either keyword: the text speaks of a factory or an antenna.
_KIND_KW = re.compile(f"{_FACTORY_KW}|{_ANTENNA_KW}")


def _alternation(patterns: Iterable[str]) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True))


def _by_code(names: dict[str, tuple[str, ...]], flags: int = 0) -> re.Pattern[str]:
    # A group a country, named "c_" and its code (read by _codes_in).
    groups = [f"(?P<c_{code}>{_alternation(words)})" for code, words in names.items()]
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)", flags)


@functools.cache
def _country_name_re() -> re.Pattern[str]:
    return _by_code(_cldr.country_names())


@functools.cache
def _demonym_re() -> re.Pattern[str]:
    return _by_code(lex.DEMONYMS, re.IGNORECASE)


def _codes_in(pattern: re.Pattern[str], text: str) -> list[tuple[str, re.Match[str]]]:
    return [(str(m.lastgroup)[2:], m) for m in pattern.finditer(text) if m.lastgroup]


_ARTICLES = re.compile(
    r"^(?:(?:the|The|a|A|an|An|die|Die|der|Der|das|Das|den|dem|des|il|Il|lo|la|La|"
    r"le|Le|les|Les|el|El|los|Los|las|Las|i|gli|de|De|het|Het|o|O|els|Els|l['’]|"
    r"L['’]|its|our|their|da|do|dos|as|os)\s+|"
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


_NOT_NAMES = frozenset(
    fold(word)
    for word in words(
        # Capitalised words that start no name: articles, ordinals, generic
        # words, and verbs a title capitalises ("Cyprus to Host AI Factory").
        "The A An New Our This That Its First Second Third Fourth National European EU "
        "EuroHPC Europe's Today Each Every Both Future Planned Joint Programme Program "
        "Initiative Call Calls Network Antennas Antenna In And For Of With At To Will "
        "Is Are Has Was Project Der Die Das Eine Ein Neue La Il El Le Una Un Nuova "
        "Nueva Nouvelle Pierwsza Polska Hub Hubs Host Hosts Launch Launches Join Joins "
        "Win Wins Build Builds Get Gets Open Opens Team Consortium Services Service "
        "Support Users Access Ecosystem Factory Factories Gigafactory Gigafactories AI "
        "KI IA Now Here There Linked Nowy Nowa Nowe Nuovo Nuevo Nouveau Neuer Neues "
        "Brand Latest De Het Een Projekt Progetto Proyecto Projet Projeto Proiectul "
        "Projektu"
    )
)


def _generic_free(name: str) -> str:
    return " ".join(w for w in name.split() if fold(w) not in _GENERIC)


_GENERIC = frozenset(words("ai factory antenna ki-fabrik ai-fabrik ki fabrik the"))


def _org_like(text: str) -> bool:
    # A stem of an organisation's name ("Politechniki", "Zentrum") in it.
    return any(stem in text for stem in lex.ORG_WORDS)


def _word_find(haystack: str, needle: str) -> int:
    # Where ``needle`` stands as a whole word (no letter or digit either side).
    found = re.search(rf"(?<![^\W_]){re.escape(needle)}(?![^\W_])", haystack)
    return found.start() if found else -1


def _kind_near(text: str, pos: int) -> Kind:
    # The keyword nearest to the name says what it names.
    found = (
        (min(abs(match.start() - pos), abs(match.end() - pos)), kind)
        for pattern, kind in ((_ANTENNA_KW, Kind.ANTENNA), (_FACTORY_KW, Kind.FACTORY))
        for match in re.finditer(pattern, text)
    )
    # Equally near: the antenna's keyword, read first, wins (min keeps the first).
    return min(found, key=lambda near: near[0], default=(0, Kind.FACTORY))[1]


def _abbr(abbr: str | None) -> str | None:
    return abbr if abbr and re.fullmatch(r"[A-Z][\w&.\- ]{1,20}", abbr) else None


def _until(text: str, stop: re.Pattern[str] | str) -> str:
    found = re.search(stop, text)
    return text[: found.start()] if found else text


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# A link from an antenna to a factory: "linked to", "Zugang zu", a letter of intent.
_INTENT = re.compile(
    r"letters? of intent|lettera di intenti|Absichtserklärung|"
    r"carta de intenciones|lettre d['’]intention|list\w* intencyjn\w*",
    re.IGNORECASE,
)
_LINK = re.compile(
    r"(?:linked|connected|attached|tied|affiliated|coupled) (?:to|with)|"
    r"^Linked (?:AI )?[Ff]actor(?:y|ies)\s*:|"
    r"\blink(?:s|ing)? (?:\w+ ){0,3}(?:to|with)\b|access to|gateway to|"
    r"\bconnect(?:s|ing)? (?:\w+ ){0,4}(?:to|with)\b|work closely with|"
    r"angebunden an|verbunden mit|Zugang zu|Anbindung an|collegat[ao] (?:a|al|alla|"
    r"all['’])|accesso a|connessa a|vinculad[ao] a|conectad[ao] (?:a|con)|"
    r"acceso a|reliée? à|connectée? à|rattachée? à|accès à|połączon\w+ z|"
    r"dostęp do|powiązan\w+ z|"
    # German and Dutch put the verb last: "mit der JUPITER AI Factory verbunden".
    r"\b(?:mit|met) (?:der |dem |den |de |het )?(?=[^.;]{1,80}\b(?:verbunden|vernetzt|"
    r"gekoppelt|verknüpft|verbonden|gekoppeld)\b)|"
    # A letter of intent links an antenna to a factory as well.
    rf"(?i:{_INTENT.pattern})"
)
