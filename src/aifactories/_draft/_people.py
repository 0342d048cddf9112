# The drafter matches typographic quotes, dashes and apostrophes on purpose.
# ruff: noqa: RUF001
"""People: who speaks for an entry, in what role, for which organisation."""

from __future__ import annotations

import re

from aifactories._draft._match import _CONN, _LO, _ORG, _TOKEN, _UP, _org_like
from aifactories._draft._output import _same_org
from aifactories._draft._reading import _Acc, _Reading
from aifactories._draft._text import _Sentence
from aifactories._model import Person
from aifactories._text import fold

_PTOKEN = rf"[{_UP}][{_LO}]++(?:-[{_UP}][{_LO}]++)?+"
# "according to X": never part of X's name, even capitalised ("Laut Thomas …").
_ACCORDING = (
    r"(?i:according to|laut|secondo|según|selon|według|volgens|segundo|segons|"
    r"potrivit(?: lui)?|podle|enligt|ifølge)"
)
_PERSON = (
    r"(?:(?:Dr|Prof|prof|dr|Mr|Ms|Mrs|Dott|Dott\.ssa|Dra|Ing|Mag|Professor|Prof\.\s*Dr|"
    r"Univ\.-Prof|prof\.\s*dr|Dr\.\s*hab|dr\s+hab|inż)\.?\s+){0,3}+"
    rf"(?P<person>(?!{_ACCORDING}\s){_PTOKEN}(?:\s+(?:(?:von|van|de|der|den|di|da|del|"
    rf"della|la|le|du)\s+)?{_PTOKEN}){{1,3}})"
)
_SPEECH = (
    r"(?:said|says|explained|explains|added|adds|noted|notes|stated|states|"
    r"commented|comments|emphasi[sz]ed|emphasi[sz]es|underlined|stressed|"
    r"sagte|sagt|erklärte|erklärt|betonte|betont|ergänzte|ha dichiarato|"
    r"ha detto|dichiara|afferma|ha affermato|ha spiegato|spiega|sottolinea|"
    r"explicó|afirmó|señaló|declaró|afirma|explica|señala|subraya|"
    r"a déclaré|déclare|explique|souligne|a souligné|a expliqué|"
    r"powiedział[a]?|mówi|podkreślił[a]?|podkreśla|dodał[a]?|zaznaczył[a]?|"
    # The other languages of the registry's countries.
    r"\b(?:zei|zegt|verklaarde|benadrukte|disse|afirmou|explicou|destacou|declarou|"
    r"va dir|ha dit|va afirmar|va explicar|ha explicat|ha afirmat|ha declarat|"
    r"ha destacat|"
    r"a declarat|a spus|a afirmat|a explicat|a subliniat|a precizat|a adăugat|"
    r"ha commentato|ha aggiunto|ha sottolineato|rekao je|rekla je|izjavio je|"
    r"izjavila je|istaknuo je|istaknula je|je dejal|je dejala|je povedal|je povedala|"
    r"mondta|nyilatkozta|hangsúlyozta|tette hozzá|a réagi|réagit|"
    r"a commenté|a indiqué|a ajouté|a estimé|a rappelé|ha assegurat|ha manifestat|"
    r"ha subratllat|ha indicat|"
    r"řekl|řekla|uvedl|uvedla|säger|sade|sagde|siger))"
)
_PERSON_SAID = re.compile(
    rf"(?:{_SPEECH}|\bso)\s+{_PERSON},\s+"
    r"(?P<role>[^;:“”\"„«»()\n]{3,160}?)\s*[.;]?\s*$"
)
# "according to X, role, …": the role ends at the next comma.
_PERSON_ACCORDING = re.compile(
    rf"(?<!\w){_ACCORDING}\s+{_PERSON},\s+(?P<role>[^,;:“”\"„«»()\n]{{3,160}}?)"
    r"\s*(?:,|[.;]?\s*$)"
)
_PERSON_DASH = re.compile(
    rf"^[—–-]\s*{_PERSON},\s+(?P<role>[^;:“”\"„«»()\n]{{3,160}}?)\s*\.?$"
)
# A role written before the name: "Bundesminister Peter Hanke", "HUN-REN
# CEO Roland Jakab", "Minister of the Economy and Innovation Edvinas Grikšas".
_ROLE_WORD = (
    r"(?:[\w-]*(?:[Mm]inist(?:er|ra|re|r)|[Dd]irekt(?:or|orin|ör)|[Dd]irector|CEO|"
    r"[Rr]e[ck]tor|[Pp]r[äa]sident|[Pp]resident|[Cc]ommissioner|[Kk]ommissar|"
    r"[Cc]hair(?:man|woman)?|[Ll]eiter|[Cc]oordinat(?:or|ore|rice)|[Mm]ayor|"
    r"[Pp]remier|[Dd]yrektor|[Pp]rezes|[ŘřRr]editel|[Ss]ekretarz|[Vv]orsitzend|"
    r"[Cc]harg[ée]|[Hh]ead|[Mm]anager|[Cc]hief|[Dd]irecteur|[Dd]irettore|"
    r"[Pp]re[șş]edinte|[Vv]oorzitter|[Hh]oogleraar|[Cc]onseller|[Ss]ecretar|[Ss]ekret[aä]r|"
    r"[Dd]ean|[Dd]ekan|[Dd]ecan|[Dd]oyen|[Dd]ecaan|[Dd]iretor|[Rr]ettor|[Rr]eitor|"
    r"[Mm]inistar|[Ss]ecr[ée]tai?r|[Gg]edeputeerde|[Ww]ethouder|[Bb]urgemeester|"
    r"[Ss]taatssecretaris|[Aa]ssessor|[Cc]onsigliere|[Cc]onselleir|[Cc]onsejer)[\w-]*)"
)
# "said the rector of the University of Minho, Pedro Antunes.": the role
# before the name, a comma between, the sentence's end after.
_SAID_ROLE_PERSON = re.compile(
    rf"{_SPEECH}\s+(?:the|o|a|il|la|el|le|der|die|de)?\s*"
    rf"(?P<role>(?:[\w-]+\s+)?{_ROLE_WORD}[^;:“”\"„«»()\n]{{0,100}}?),\s+{_PERSON}\s*[.;]?\s*$"
)
_PERSON_TITLED = re.compile(
    # Before the role word, only acronyms ("HUN-REN CEO"): "Laut" or "Dazu
    # erklärt" are not part of a role.
    rf"(?<![\w.-])(?P<role>(?:[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*\s+){{0,2}}?{_ROLE_WORD}"
    # "Vizerektor für Lehre, Forschung und Digitalisierung Maria Berger".
    rf"(?:\s+(?:of|for|für)\s+(?:the\s+)?{_TOKEN}(?:,?\s+(?:(?:and|und)\s+)?{_TOKEN}){{0,3}}|"
    # "Minister finansów Andrzej Domański": a lower-case word or two.
    rf"(?:\s+(?!{_CONN}\b|the\b|and\b|a\b)[{_LO}][\w-]*){{0,3}})"
    # "ředitel IT4Innovations Vít Dvořák": the organisation's short name.
    r"(?:\s+[A-Z][\w-]*[A-Z0-9][\w-]*)?)"
    rf"\s+{_PERSON}"
)
# "Thomas Lippert, Direktor des JSC, und …": the role after the name.
_PERSON_ROLE = re.compile(
    # Not after "of the", "de la": "Ministerio … de la Función Pública, el …".
    r"(?<!\bthe\s)(?<!\bof\s)(?<!\bla\s)(?<!\bde\s)(?<!\bder\s)(?<!\bdes\s)"
    rf"{_PERSON},\s+(?P<role>(?:[\w.-]+\s+){{0,3}}?{_ROLE_WORD}[^,;:()\n]{{0,80}}?)"
    r"\s*(?=,|\s(?:und|and|et|e|y|i|a)\s)"
)
_ROLE_ORG_SPLIT = re.compile(
    r"(?<!\s)\s++(?:at|bei|am|presso|en|à|w|we|of|der|des|della|dell['’]|del|de la|"
    r"du|de)\s+"
    r"(?:the\s+)?(?=[" + _UP + r"])"
)


class _People(_Reading):
    """Reads the people who speak for an entry."""

    def people(self, sent: _Sentence, acc: _Acc) -> None:
        text = sent.text
        for pattern in (
            _PERSON_SAID,
            _PERSON_ACCORDING,
            _PERSON_DASH,
            _SAID_ROLE_PERSON,
            _PERSON_TITLED,
            _PERSON_ROLE,
        ):
            for match in pattern.finditer(text):
                person, said = match["person"], match["role"].strip().rstrip(".")
                # "rektor Politechniki Gdańskiej": no name where it stands.
                if _org_like(person) or len(said) < 3:
                    continue
                role, organisation = self.split_role(said)
                # The speaker for an entry's host speaks for that entry.
                hosts = [
                    other
                    for other in self.entries
                    if other.host
                    and organisation
                    and _same_org(other.host.name, other.host.short_name, organisation)
                ]
                owner = hosts[0] if hosts else acc
                if fold(person) in owner.people:
                    continue
                ends = (*match.span("person"), *match.span("role"))
                source = self.source(sent, min(ends), max(ends), "person")
                owner.people[fold(person)] = Person(
                    name=person, role=role, organisation=organisation, sources=(source,)
                )

    def split_role(self, role: str) -> tuple[str, str | None]:
        # "Director of the Jülich Supercomputing Centre": the role, then whom.
        for cut in _ROLE_ORG_SPLIT.finditer(role):
            rest = role[cut.end() :]
            if re.fullmatch(_ORG, rest):
                return role[: cut.start()].strip(), rest
        return role, None
