# The drafter matches typographic quotes, dashes and apostrophes on purpose.
# ruff: noqa: RUF001
"""What an entry focuses on: the listed focus areas and the sectors they name."""

from __future__ import annotations

import functools
import re

import attrs

from aifactories._draft import _lexicon as lex
from aifactories._draft._match import _strip_article, _until, _word_find
from aifactories._draft._reading import _Acc, _Reading
from aifactories._draft._text import _Sentence
from aifactories._model import Sector
from aifactories._text import fold

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
    r"(?:odvětví|oblasti) jako|sektorer som|aloilla kuten|"
    r"richt zich (?:\w+ )?op|se centrarà en|(?:en )?els àmbits (?:de|com)|"
    r"sectors com|se va concentra pe|se concentrează pe|(?:în special )?domeniile|"
    r"domenii precum|vai concentrar-se em|com foco em|"
    r"Im Mittelpunkt stehen(?: \w+ (?:für|in|aus))?|"
    r"(?:em|nas|nos) (?:áreas|setores|domínios) (?:como|d[ao]s?)|"
    r"[Zz]aměření \w+ (?:je|bude) na|(?:se )?(?:zaměří|soustředí) (?:se )?na|"
    r"settori (?:di riferimento|chiave|strategici) (?:figurano|sono)|"
    r"(?:usmjeriti|usmjerit će se|usredotočiti|fokusirati) (?:se )?na|"
    r"(?:in )?(?:the )?(?:fields|areas|sectors) of|"
    r"cent(?:re|er)s on|cent(?:red|ered) on|"
    r"osredotoči\w* na|inrikta sig på|fokusera\w* på|dará prioridade (?:à|ao|às|aos)|"
    r"prioridade (?:à|ao|às|aos)|Im Fokus stehen|(?:its )?priorities (?:are|include)|"
    r"in de sectoren|sectoren|(?:give|gives|giving) priority to|si occuperà di|"
    r"si occupa di|se ocupará de|"
    r"s['’]occupera de|zajmie się|ciblera|(?:mettra|met) l['’]accent sur|"
    r"wspiera\w*(?= (?:m\.in\.|przede wszystkim))|"
    r"(?:its )?(?:main |key |priority )?areas (?:are|include))"
    r"\s*:?\s*",
    re.IGNORECASE,
)
_ABBREVIATED_LEAD = re.compile(
    r"\s*(?:m\.\s?in\.|np\.|e\.\s?g\.|z\.\s?B\.|u\.\s?a\.|i\.\s?a\.|tj\.|mj\.)\s*"
)
_LIST_SPLIT = re.compile(
    r"(?<!\s)\s*+[,;]\s*+(?:and\s+|und\s+|e\s+|y\s+|et\s+|i\s+|oraz\s+)?|"
    r"(?<!\s)\s++(?:and|&|und|sowie|as well as|e|ed|y|et|i|oraz|și|en|og|och|és|ir)\s+"
)
_ITEM_LEAD = re.compile(
    r"^(?:(?:things|areas|fields|sectors) like|such as|including|notably|"
    r"in particular|especially|wie|come|como|comme|takich jak|takie jak|"
    r"(?:sektor\w*|obszar\w*|sectors|areas|settori|sectores|secteurs|Bereiche\w*) "
    r"(?:such as|like|takich jak|takie jak|come|como|comme|wie)|"
    r"insbesondere|in particolare|en particular|notamment|zwłaszcza|m\.in\.)\s+",
    re.IGNORECASE,
)
_VERBISH = re.compile(
    r"\b(?:is|are|will|was|were|has|have|ist|sind|wird|è|sono|sarà|es|son|será|"
    r"est|sont|sera|jest|są|będzie)\b"
)


@functools.cache
def _sector_keys() -> tuple[tuple[str, Sector], ...]:
    from aifactories._sectors import SECTOR_SYNONYMS  # noqa: PLC0415

    keys: dict[str, Sector] = {}
    for sector in Sector:
        words = [sector.value, sector.value.replace("-", " ")]
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


class _Focus(_Reading):
    """Reads an entry's focus areas and sectors."""

    def focus(self, sent: _Sentence, acc: _Acc) -> None:
        text = sent.text
        cue = _FOCUS_CUE.search(text)
        if cue is None:
            return
        # "m.in. rolnictwo, …": the abbreviation's dot does not end the list.
        lead = _ABBREVIATED_LEAD.match(text, cue.end())
        base = lead.end() if lead else cue.end()
        rest = _until(text[base:], r"[.;!?]\s|[.;!?]$|\s[–—]\s|\(")
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
            if bare.strip():
                items.append((lo + cut, hi))
        for lo, hi in items:
            value = text[base + lo : base + hi].strip()
            source = self.source(
                sent, cue.start(), base + items[-1][1], f"focus: {value}"
            )
            acc.focus[value] = source
            for sector in _sectors(value):
                acc.sectors.setdefault(
                    sector, attrs.evolve(source, supports=f"sector: {sector.value}")
                )
