# The drafter matches typographic quotes, dashes and apostrophes on purpose.
# ruff: noqa: RUF001, RUF002
"""An entry's country and its partner countries."""

from __future__ import annotations

import re

from aifactories._draft._match import (
    _ANTENNA_KW,
    _KIND_KW,
    _codes_in,
    _country_name_re,
    _demonym_re,
)
from aifactories._draft._reading import _Acc, _Reading
from aifactories._draft._text import _Sentence
from aifactories._model import Kind
from aifactories._text import fold

_CONSORTIUM = re.compile(
    r"consorti|partner countr|partners? from|Partnerländer|paesi partner|"
    r"países socios|pays partenaires|kraj\w* partnersk|together with|joined by|"
    r"gemeinsam mit|insieme a|junto (?:a|con)|aux côtés|wraz z|cross-border|"
    r"multinational|transnational|Konsorti|consorcio|konsorcj|"
    r"(?:with the|con la|com a|avec la) part[ei]cip\w+ d|unter Beteiligung|z udziałem|"
    r"joint bid|candidatura conjunta|junt\w+-se a|uni\w+-se a|se unió a|"
    r"s['’]associe à|schließt sich|co-?fun|co-?financ|cofinanc|cofinanz|kofinanz|"
    r"współfinans|spolufin|joint (?:effort|initiative|project)|"
    r"partnership (?:of|between)|unissent leurs forces|transfrontali",
    re.IGNORECASE,
)


# A dateline: a city opening one of the first lines ("Napoli, 9 aprile").
_DATELINE = re.compile(
    r"^\W*(?P<c>[^\W\d_][\w.'’-]*(?: [^\W\d_][\w'’-]*)?)\s*(?:,|–|—|-|\(|\d)"
)
# Where the EU's own releases are dated: no hint of the entry's country.
_EU_SEATS = frozenset(("brussels", "bruxelles", "brussel", "luxembourg", "strasbourg"))


class _Places(_Reading):
    """Reads an entry's country and partner countries."""

    def countries(self, sent: _Sentence, acc: _Acc) -> None:
        """Each country the sentence gives the entry, ranked by how clearly.

        1: a demonym before the entry's kind ("the Greek AI Factory");
        2: a country after it ("the AI Factory in Greece"); 3 is the host's
        (:mod:`._orgs`); 4: a country in the title or next to the entry's name;
        5: the city of a dateline ("Napoli, 9 aprile 2026 –").
        """
        text = self.linkless[sent.position]
        kw = f"(?:{_KIND_KW.pattern}|AI Factory|KI|AI)"
        # "The Greek AI Factory" an antenna links to is not the antenna.
        own = _ANTENNA_KW if acc.kind is Kind.ANTENNA else kw
        found: list[tuple[int, str]] = []
        for code, match in _codes_in(_demonym_re(), text):
            after = text[match.end() : match.end() + 40]
            if re.match(rf"\s+(?:\w+\s+){{0,2}}?{own}", after):
                found.append((1, code))
        for code, match in _codes_in(_country_name_re(), text):
            before = text[max(0, match.start() - 50) : match.start()]
            if re.search(
                rf"{own}\s+(?:\w+\s+)?(?:in|for|of|w|we|en|à|im|für|per|"
                r"para|pour|dla|de)\s+(?:\w+\s+)?$",
                before,
            ):
                found.append((2, code))
            elif sent.line == 0 or self.names_in(acc, sent.position):
                found.append((4, code))
        dateline = _DATELINE.match(text) if sent.position < 4 else None
        place = fold(dateline["c"]) if dateline is not None else ""
        if place in self.known.cities and place not in _EU_SEATS:
            found.append((5, self.known.cities[place][1]))
        for level, code in found:
            acc.countries.append((level, code, self.whole(sent, f"country: {code}")))

    def partner_countries(self, sent: _Sentence, acc: _Acc) -> None:
        text = self.linkless[sent.position]
        if not _CONSORTIUM.search(text):
            return
        for code, _ in _codes_in(_country_name_re(), text):
            acc.partner_countries.setdefault(
                code, self.whole(sent, f"partner country: {code}")
            )
