# The drafter matches typographic quotes, dashes and apostrophes on purpose.
# ruff: noqa: RUF001
"""Money: an entry's total, its funders' shares and whom they pay through.

Amounts are read with CLDR's words for a million and a billion
(:mod:`._cldr`); a share is a half, a percentage or an amount of one
funder in one clause.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation

from aifactories._countries import country_name
from aifactories._draft import _cldr
from aifactories._draft import _lexicon as lex
from aifactories._draft._match import (
    _ORG_NAMED,
    _TOKEN,
    _alternation,
    _codes_in,
    _country_name_re,
    _strip_article,
    _until,
)
from aifactories._draft._output import _dedupe
from aifactories._draft._reading import _Acc, _Reading, _Share
from aifactories._draft._text import _Sentence, words
from aifactories._model import (
    FunderKind,
    Funding,
    FundingShare,
    Money,
    Qualifier,
    Source,
)

# "Ministry of Education and Research": after these words, "and" joins a name.
_AND_NAME = re.compile(
    r"^(?:Ministry|Ministero|Ministerio|Ministère|Ministerium|Ministerstwo|"
    r"Department|Faculty|Institute for|Centre for|Center for|School of)\b"
)
# Matched where a name ends (match(text, end)): no copy of the rest of the text.
_AND_TAIL = re.compile(
    rf"\s+(?:and|e|y|und|et|i)\s+(?:(?:the|della|del|de la|des|du|der|dei)\s+)?"
    rf"{_TOKEN}(?:\s+{_TOKEN}){{0,3}}"
)
_NUM = r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
# The currencies of the registry's countries, by code; their signs and
# words are in _CURRENCIES.
_CODES = words("EUR GBP CHF SEK PLN CZK DKK NOK HUF RON BGN ISK")
_CUR_PRE = rf"(?P<pre>€|£|{'|'.join(_CODES)})\s?"
_CUR_POST = (
    r"(?P<post>euros?|Euro|EUR|eura|eur|€|złotych|zł|PLN|kronor|SEK|CHF|korun|Kč|CZK|"
    r"evrov|eurų|eiro|euroa|eurot|euró|евро|ευρώ|"
    r"(?:di|de|d['’])\s?euros?)"
)


@functools.cache
def _amount_re() -> re.Pattern[str]:
    # A million or a billion: CLDR's words in every language, "bn" and "mn".
    mult = rf"(?i:{_alternation(map(re.escape, _cldr.multipliers()))}|bn|mn)\.?"
    return re.compile(
        rf"(?:{_CUR_PRE}(?P<n1>{_NUM})(?:\s?(?P<m1>{mult})\b|(?<=\d)(?P<s1>[mMk])\b)?"
        rf"|(?<![\w.,])(?P<n2>{_NUM})\s?(?:(?P<m2>{mult})\s?|(?<=\d)(?P<s2>[mM])\s)?"
        rf"{_CUR_POST}(?!\w)"
        # "45 milioni arrivano da …": the currency the sentence gave before.
        rf"|(?<![\w.,])(?P<n3>{_NUM})\s?(?P<m3>{mult})(?!\w))"
    )


_CURRENCIES = {code.lower(): code for code in _CODES} | {
    word: code
    for code, signs in (
        ("EUR", "€ euro euros eura evrov eurų eiro euroa eurot euró евро ευρώ"),
        ("GBP", "£"),
        ("SEK", "kronor"),
        ("PLN", "zł złotych"),
        ("CZK", "korun kč"),
    )
    for word in words(signs)
}
# The words before an amount that qualify it, a qualifier's at a time.
_QUALIFIERS = tuple(
    (qualifier, re.compile(rf"(?:{words})\s*$", re.IGNORECASE))
    for qualifier, words in {
        Qualifier.ABOUT: r"about|around|approximately|approx\.|roughly|some|nearly|"
        r"almost|circa|ca\.|rund|etwa|ungefähr|knapp|intorno a|quasi|alrededor de|"
        r"aproximadamente|cerca de|casi|unos|environ|près de|presque|około|"
        r"ok\.|blisko|prawie",
        Qualifier.AT_LEAST: r"more than|over|at least|in excess of|exceeding|"
        r"upwards of|mehr als|über|mindestens|oltre|più di|almeno|más de|al menos|"
        r"plus de|au moins|ponad|powyżej|co najmniej|przeszło|więcej niż",
        Qualifier.UP_TO: r"up to|as much as|bis zu|fino a|hasta|jusqu['’]à",
    }.items()
)
# Words for the whole: nouns, not "invests" or "will receive" ("the EU
# invests EUR 50 M", "it receives EUR 50 M from the EU" give a funder's part).
_TOTAL_CUE = re.compile(
    r"total|budget|investment|worth|cost|overall|Gesamt|Investition|backed by|"
    r"koszt|całkowit|łączn|totaal|\bvale\b|ammonta|"
    r"investimento|valore|presupuesto|inversión|coût|investissement|budżet|"
    r"inwestycj|wartoś|finanziert|financed|funded|funding|Finanzierung|"
    r"finanziamento|financiación|financement|finansowani|"
    # The other languages of the registry's countries.
    r"vyjít na|náklad|rozpočet|celkov|investic|žádá o|totale financiering|"
    r"investering|kosten|orçament|custo|buget|költség|бюджет|инвестиц|kostnad|"
    r"budjet|biudžet|proračun|eelarve|pressupost|inversió|bugetul|valoarea|"
    r"vrijednost|vrednost|hodnot|érték|vertė|vērtīb|väärtus|стойност|αξία",
    re.IGNORECASE,
)
_EU_FUNDER = re.compile(
    r"EuroHPC(?:\s+(?:JU|Joint Undertaking))?|European Union|\bthe EU\b|"
    r"(?<![\w-])EU(?![\w-])|European Commission|Unione [Ee]uropea|Unión Europea|"
    r"(?:Europ|Evrop)\w+ (?:[Kk]omis\w*|Commissi\w+|Comiss\w+|Comisi\w+)|"
    r"(?:Komisj\w+|Commission|Comisión|Comissão|Commissione) [Ee]urop\w+|"
    r"Union européenne|Uni[ai] Europejsk\w+|Europäische[n]? Union|EU-Kommission|"
    # The Union in the other languages of the registry's countries.
    r"Uni(?:ó|unea|unii|ão|e) Europe\w+|Europese Unie|Evropsk\w+ uni\w+|Európai Unió|"
    r"Europsk\w+ unij\w+"
)
# The state as a funder, unnamed: "the government", "lo Stato", "het kabinet".
_STATE = re.compile(
    r"(?<=\bthe )(?:(?:national|federal|[A-Z]\w+) )?government\b|"
    r"(?<=\bthe )state\b(?![\w-]|"
    r" of)|\b(?:[Bb]undesregierung|Stato|[Gg]overno|[Gg]obierno|Estado|"
    r"[Gg]ouvernement|[Gg]overn|l['’][ÉE]tat(?: français)?|rząd\w*|"
    r"krajow\w* budże\w+|budże\w+ państwa|"
    r"(?<!bude )(?<!by )stát|vlád[aěyu]|ministerstv[oaue]m? \w+|kabinet|"
    r"[Rr]ijksoverheid|regeringen|staten|Guvernul|statul|bugetul de stat|"
    r"(?<![\w-])Staat|"
    r"(?<=\bder )Bund|[Vv]lad[aeiu]|"
    # A ministry pays for the state: "Ministerstwo Cyfryzacji".
    r"(?:Bundes)?[Mm]inist(?:ero|erio|ère|erium|erstw[oa]|erul|erie|ry|ério|erstv[oa]|eri|"
    r"arstv[oa])"
    r"(?: (?:dell['’]|del|della|de la|de l['’]|de|des|du|of|for|für|van|do|da|"
    r"pentru|za|pro))? ?[A-ZÀ-ÞĀ-Ž]\w*|"
    r"Department (?:of|for) \w+)\b"
)
# A region as a funder: "das Land Nordrhein-Westfalen", "la Generalitat de Catalunya".
_REGION = re.compile(
    r"\b(?:Land|Freistaat|Bundesland|[Pp]rovin(?:cie|ce|cia|z)|[Rr]egion|[Rr]egione|"
    r"[Rr]égion|[Rr]egião|Generalitat|Comunidad|Comunitat|Junta|Xunta|"
    r"[Mm]unicipality|[Gg]emeente|[Cc]omune|[Aa]yuntamiento|[Mm]unicipio|"
    r"[Ww]ojewództw\w*)"
    r"(?: (?:de|di|del|della|of|du|de la|van|d['’]))? ?[A-ZÀ-Þ][\w-]+"
)
# "the Government of", "Vlada Republike": a country's name follows.
_GOVERNMENT_OF = re.compile(
    r"(?:[Gg]overnment|[Gg]overno|[Gg]obierno|[Gg]ouvernement|Regierung|rząd|"
    r"[Vv]lad[aeiu]|Guvernul|[Gg]overn)\w*"
    r"(?:\s+(?:of|di|de|du|von|d['’]|the|[Rr]epubli\w+)){0,3}\s+$"
)
# Where money comes from: "from X", "by X" and the like, X an organisation.
_FROM = re.compile(
    r"\b(?:from|by|von|vom|durch|da|dal|dalla|dall['’]|de|del|de la|par|przez|door|"
    r"od|din|pelo|pela)\s+(?:the\s+)?"
)
_NOT_PAYING = re.compile(
    r"(?:supplied|built|delivered|installed|manufactured|made|operated|run|hosted|led|"
    r"coordinated|developed|designed)\s*$",
    re.IGNORECASE,
)
# A public body among funders: it pays for its state.
_PUBLIC_BODY = re.compile(
    r"Research and Innovation|Research Council|Secretariat|Agency|Office|Authority|"
    r"Council|Forschungsgemeinschaft|Vinnova|Rådet|rådet|[Aa]gen(?:tur|zia|cia|ce)|"
    r"Fonds|Fund\b"
)
_CO_FUNDED = re.compile(
    r"co-?(?:funded|financed)|cofinanc|cofinanz|kofinanz|współfinans|spolufin|"
    r"jointly (?:funded|financed)",
    re.IGNORECASE,
)
# What ends a clause: ", ", "; ", " and " in the registry's languages (never
# inside "1,500,000"); a colon only before a number: "EUR 90 M: 45 M from X".
_CLAUSE_SEP = re.compile(
    r"[,;]\s|:\s(?=\d)|\s(?:and|und|e|y|et|i|oraz|while|whereas|și|iar|dok|og|och|"
    r"ir|ja|terwijl|mentre|mientras|tandis que|während|natomiast|zatímco)\s|"
    r"\s[–—]\s"
)
# "… (UKRI)": an abbreviation follows.
_OPENS_ABBR = re.compile(r"\s*\(")
_CLAUSE_END = re.compile(r"[,;]\s|[.!?]$")
_SPLIT_CUE = re.compile(
    r"50\s*[/:]\s*50|fifty-fifty|(?:split|shared|divided|financed|funded|co-funded)"
    r"\s+(?:\w+\s+){0,2}?(?:equally|evenly)|in equal (?:parts|shares)|"
    r"equal(?:ly)? (?:shares|parts)|(?:je|jeweils) zur Hälfte|zu gleichen Teilen|"
    r"al 50\s*%|in parti uguali|a partes iguales|à parts égales|moitié-moitié|"
    r"po połowie|po równo|w równych częściach|a parts iguals|"
    r"în (?:proporții|părți) egale|în mod egal",
    re.IGNORECASE,
)
# One funder's share: a half, or a percentage (group ``p``).
_SHARE = re.compile(
    r"(?i:\b(?:half|Hälfte|metà|mitad|moitié|połow\w+|polovin\w*|polovic\w*|helft|"
    r"metade|meitat|jumătate\w*|половин\w*|puolet|hälften|halvdelen|pusė\w*|"
    r"puse|fele)\b)|"
    r"(?P<p>\d{1,3}(?:[.,]\d+)?)\s*(?:%|per ?cent|percent|Prozent|por ciento|"
    r"pour cent|procent)"
)
_REST = re.compile(
    r"\b(?:the (?:rest|remainder|balance)|der Rest|den Rest|il resto|el resto|la resta|"
    r"le reste|reszt[aęy]|zbyt(?:ek|ku)|de rest|resten|o restante|restul|"
    # "the other half": the rest too.
    r"the other half|die andere Hälfte|l['’]altra (?:metà|meitat)|la otra mitad|"
    r"l['’]autre moitié|a outra metade|drug[aąu] połow\w+|druhou polovin\w+|"
    r"drugu polovic\w+|cealaltă jumătate|de andere helft)\b",
    re.IGNORECASE,
)
_FUNDED = re.compile(
    r"fund|financ|subsid|granted|gefördert|[Ff]örder|finanz|bijdr|dotac|dofinans|"
    r"spolufin|financiad|financiament|finansowan|zapewni|poskytn|contribut|aport|"
    # "the rest from X" names X a funder too.
    + _REST.pattern,
    re.IGNORECASE,
)
_VIA = re.compile(
    r"\b(?:through|via|by way of|über (?:die|das|den)|durch (?:die|das|den)|"
    r"tramite|attraverso|per il tramite d\w+|a través de(?:l)?|por medio de(?:l)?|"
    r"par l['’]intermédiaire d\w*|par le biais d\w*|za pośrednictwem|poprzez|"
    r"prin|através d[oa]s?|mitjançant|prostřednictvím)\s+"
)


def _clause(text: str, pos: int) -> tuple[int, int]:
    bounds = [0, len(text)]
    bounds.extend(
        sep.start() if sep.start() >= pos else sep.end()
        for sep in _CLAUSE_SEP.finditer(text)
    )
    lo = max(b for b in bounds if b <= pos)
    hi = min(b for b in bounds if b > pos)
    return lo, hi


def _decimal(text: str) -> Decimal | None:
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text)
    seps = re.findall(r"[,.]", cleaned)
    if seps:
        # The last separator is the decimal one after the other kind ("1.234,5")
        # or alone before other than three digits ("1,5", not "1,500").
        last = seps[-1]
        other = "." if last == "," else ","
        frac = cleaned.rpartition(last)[2]
        decimal = other in seps or (len(seps) == 1 and len(frac) != 3)
        cleaned = cleaned.replace(other, "").replace(last, "." if decimal else "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


# The English shorthands _amount_re reads beside CLDR's words.
_SHORT_MULTIPLIERS = {"bn": 10**9, "mn": 10**6, "m": 10**6, "k": 10**3}


def _money(match: re.Match[str], text: str, said: str | None) -> Money | None:
    # ``said``: the currency an amount without one is in, if any.
    value = _decimal(match["n1"] or match["n2"] or match["n3"])
    if value is None:
        return None
    mult = next(filter(None, match.group("m1", "s1", "m2", "s2", "m3")), None)
    if mult:
        key = mult.casefold().rstrip(".")  # "ΔΙΣ" casefolds to "δισ", not "δις"
        # re also matches a dotted or dotless i ("MİLD") where casefold()
        # keeps it apart: such a word counts as a million rather than crash.
        value *= _cldr.multipliers().get(key) or _SHORT_MULTIPLIERS.get(key, 10**6)
    cur = (match.group("pre") or match.group("post") or "").lower()
    cur = re.sub(r"^(?:di|de|d['’])\s?", "", cur)
    currency = _CURRENCIES.get(cur) if cur else said
    if currency is None or value <= 0 or value >= Decimal(10) ** 15:
        return None
    before = text[max(0, match.start() - 30) : match.start()]
    qualifier = next(
        (q for q, pattern in _QUALIFIERS if pattern.search(before)), Qualifier.EXACT
    )
    return Money(
        amount=value.quantize(Decimal(1))
        if value == value.to_integral()
        else value.normalize(),
        currency=currency,
        qualifier=qualifier,
    )


# A funder as the text names it: its label, kind and country code.
_Funder = tuple[str, FunderKind, str | None]


class _Funding(_Reading):
    """Reads an entry's total, shares and the bodies funds go through."""

    def funding(self, sent: _Sentence, acc: _Acc) -> None:
        text = sent.text
        split = _SPLIT_CUE.search(text)
        if split is not None:
            via = _VIA.search(text, split.end())
            funders = self.funders(text, split.end(), via.start() if via else len(text))
            for funder in funders:
                share = self.share(acc, funder)
                if len(funders) == 2:
                    share.share = Decimal("0.5")
                    share.sources.append(self.whole(sent, f"share: {funder[0]} 0.5"))
                else:  # halves among three or more: each pays, how much unsaid
                    share.sources.append(self.whole(sent, f"funder: {funder[0]}"))
        else:
            self.shares(sent, acc)
        self.amounts(sent, acc)
        for cue in _FUNDED.finditer(text):
            # A funder named without money is still one ("co-funded by X"):
            # the one of the clause nearest the cue.
            lo, hi = _clause(text, cue.start())
            funders = self.funders(text, cue.end(), hi)[:1]
            funders = funders or self.funders(text, lo, cue.start())[-1:]
            for funder in funders:
                share = self.share(acc, funder)
                if not share.sources:
                    share.sources.append(self.whole(sent, f"funder: {funder[0]}"))
        self.via(sent, acc)

    def shares(self, sent: _Sentence, acc: _Acc) -> None:
        """Each funder's part: a half or a percentage, and the rest."""
        text = sent.text
        # "the other half": read as the rest of the share before it.
        rests = [m.span() for m in _REST.finditer(text)]
        for match in _SHARE.finditer(text):
            if any(lo <= match.start() < hi for lo, hi in rests):
                continue
            lo, hi = _clause(text, match.start())
            value = _decimal(match["p"]) if match["p"] else Decimal(50)
            # "X pays half and the rest comes from Y": Y pays what is left.
            rest = _REST.search(text, match.end())
            parts = [(lo, hi if rest is None else min(hi, rest.start()), value)]
            if rest is not None and value is not None:
                # The rest's clause runs on past "and": "the other half
                # is shared by X and Y" names two funders, not one.
                stop = _CLAUSE_END.search(text, rest.end())
                parts.append(
                    (rest.start(), stop.start() if stop else len(text), 100 - value)
                )
            for start, end, part in parts:
                funders = self.funders(text, start, end)
                if len(funders) == 1 and part is not None and 0 < part <= 100:
                    share = self.share(acc, funders[0])
                    share.share = (part / 100).normalize()
                    supports = f"share: {funders[0][0]} {share.share}"
                    share.sources.append(self.source(sent, start, end, supports))
                    continue
                for funder in funders:  # a part shared: each pays, how much unsaid
                    share = self.share(acc, funder)
                    supports = f"funder: {funder[0]}"
                    share.sources.append(self.source(sent, start, end, supports))

    def amounts(self, sent: _Sentence, acc: _Acc) -> None:
        """Each amount: a funder's, or the total after a word for one."""
        text = sent.text
        said: str | None = None  # the currency of the amount before
        # "EUR 55 M, borne half each by X and Y": the amount split is the total.
        split = _SPLIT_CUE.search(text) is not None
        for match in _amount_re().finditer(text):
            money = _money(match, text, said)
            if money is None:
                continue
            said = money.currency
            lo, hi = _clause(text, match.start())
            funders = self.funders(text, lo, hi)
            # A total cue before the amount wins over a funder in its clause.
            strong = _TOTAL_CUE.search(text[lo : match.start()])
            # "The EUR 4 M project is co-funded by X and Y": the whole.
            co_funded = _CO_FUNDED.search(text[lo:hi]) is not None
            if strong is None and len(funders) == 1 and not co_funded:
                share = self.share(acc, funders[0])
                if share.amount is None:
                    share.amount = money
                    supports = f"amount: {funders[0][0]} {money}"
                    share.sources.append(self.source(sent, lo, hi, supports))
            elif strong or split or co_funded or _TOTAL_CUE.search(text[lo:hi]):
                acc.totals.append((money, self.source(sent, lo, hi, f"total: {money}")))
                if len(funders) == 1:  # "a budget of EUR 10 M from X": X funds it
                    share = self.share(acc, funders[0])
                    supports = f"funder: {funders[0][0]}"
                    share.sources.append(self.source(sent, lo, hi, supports))

    def via(self, sent: _Sentence, acc: _Acc) -> None:
        text = sent.text
        # "joins the network through X": no money, no funder's channel.
        if not (_FUNDED.search(text) or _amount_re().search(text)):
            return
        for match in _VIA.finditer(text):
            funders = self.funders(text, 0, match.start())
            if not funders:
                continue
            segment = _until(
                text[match.end() :],
                r"[.;!?]\s|[.;!?]$|\s[–—]\s|,\s(?:which|who|and the|with)",
            )
            names = self.channels(segment)
            if not names:
                continue
            share = self.share(acc, funders[-1])
            share.via = list(dict.fromkeys([*share.via, *names]))
            end = match.end() + len(segment)
            share.sources.append(self.source(sent, match.start(), end, "via"))

    def channels(self, segment: str) -> list[str]:
        """The organisations named after "through": who the money goes via."""
        names: list[str] = []
        for org in _ORG_NAMED.finditer(segment):
            label, _ = _strip_article(org.group("org"))
            if names and names[-1].endswith(label):
                continue  # the tail of a name joined by "and", already taken
            tail = _AND_NAME.match(label) and _AND_TAIL.match(segment, org.end("org"))
            if tail:
                label += tail.group()
            if self.org_ok(label, strict=False):
                names.append(label)
        return names

    def funders(self, text: str, lo: int, hi: int) -> list[_Funder]:
        segment = text[lo:hi]
        found: list[tuple[int, _Funder]] = []
        eu = _EU_FUNDER.search(segment)
        if eu is not None:
            # The funder as the text first names it.
            label = eu.group().removeprefix("the ")
            found.append((eu.start(), (label, FunderKind.EU, None)))
        for code, match in _codes_in(_country_name_re(), segment):
            before = segment[: match.start()]
            government = _GOVERNMENT_OF.search(before)
            if government is None and re.search(r"\b(?:in|im|en|w|we)\s+$", before):
                continue  # "companies in Spain", not Spain paying
            # "Vlada Republike Slovenije", "UK Research and Innovation": the
            # funder as the text names it.
            org = _ORG_NAMED.match(segment, match.start())
            if government is not None:
                label = segment[government.start() : match.end()]
            elif org is not None and org.end("org") > match.end() + 1:
                label = org["org"]
            else:
                label = country_name(code)
            found.append((match.start(), (label, FunderKind.NATIONAL, code)))
        found += [
            (m.start(), (m.group(), FunderKind.REGIONAL, None))
            for m in _REGION.finditer(segment)
        ]
        if all(kind is not FunderKind.NATIONAL for _, (_, kind, _) in found):
            found += [
                (m.start(), (m.group(), FunderKind.NATIONAL, None))
                for m in _STATE.finditer(segment)
            ]
        if not found:
            found += self.named_funder(text, lo, hi)
        # One funder a kind and country (the state unnamed: no country).
        unique: dict[tuple[FunderKind, str | None], _Funder] = {}
        for _, (name, kind, country) in sorted(found, key=lambda item: item[0]):
            # Regions are told apart by name: there may be two.
            key = (kind, name if kind is FunderKind.REGIONAL else country)
            unique.setdefault(key, (name, kind, country))
        return list(unique.values())

    def named_funder(self, text: str, lo: int, hi: int) -> list[tuple[int, _Funder]]:
        """The organisation money comes "from" or is given "by", if named.

        The cue is looked for between ``lo`` and ``hi``; the name may run
        on past ``hi`` ("from UK Research and Innovation"). An agency pays
        for its state; any other organisation is its own kind of funder.
        """
        for cue in _FROM.finditer(text, lo, hi):
            org = _ORG_NAMED.match(text, cue.end())
            before = text[max(0, cue.start() - 14) : cue.start()]
            # "supplied by HPE", "hosted by X": who builds or runs it, not who pays.
            if org is None or _NOT_PAYING.search(before):
                continue
            label, _ = _strip_article(org["org"])
            # "UK Research and Innovation (UKRI)": "and" inside a name that
            # an abbreviation closes.
            tail = _AND_TAIL.match(text, org.end("org"))
            if tail is not None and _OPENS_ABBR.match(text, tail.end()):
                label += tail.group()
            if not label.startswith(lex.VENDORS) and self.org_ok(label, strict=True):
                public = _PUBLIC_BODY.search(label) is not None
                kind = FunderKind.NATIONAL if public else FunderKind.OTHER
                return [(org.start() - lo, (label, kind, None))]
        return []

    def share(self, acc: _Acc, funder: _Funder) -> _Share:
        key = (funder[1], funder[2] or funder[0])
        return acc.shares.setdefault(key, _Share(*funder))

    def build_funding(
        self, acc: _Acc, country: str | None = None
    ) -> tuple[Funding | None, list[Source]]:
        # "The state" pays for the entry's ``country``, when that is known.
        totals = dict(acc.totals)
        total = next(iter(totals)) if len(totals) == 1 else None
        if len(totals) > 1:
            shown = "; ".join(str(m) for m in totals)
            self.warnings.append(f"{acc.name}: total left out: the text gives {shown}")
        shares = [
            FundingShare(
                funder=s.funder,
                kind=s.kind,
                country=s.country
                or (country if s.kind is FunderKind.NATIONAL else None),
                share=s.share,
                amount=s.amount,
                via=s.via,
                sources=_dedupe(s.sources),
            )
            for s in acc.shares.values()
            if s.sources
        ]
        if total is None:
            return (Funding(shares=shares) if shares else None), []
        # Funding has no sources of its own: the total's goes to the entry.
        return Funding(total=total, shares=shares), [totals[total]]
