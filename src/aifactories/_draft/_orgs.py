# The drafter matches typographic quotes, dashes and apostrophes on purpose.
# ruff: noqa: RUF001
"""Organisations: an entry's host (and its city) and its stakeholders."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TypeVar

from aifactories._draft._knowledge import _Org
from aifactories._draft._match import (
    _ORG_NAMED,
    _TOKEN,
    _abbr,
    _strip_article,
    _until,
    _word_find,
)
from aifactories._draft._reading import _Acc, _Reading
from aifactories._draft._text import _Sentence
from aifactories._model import Host, Role, Stakeholder
from aifactories._text import fold

_HOST_AFTER = re.compile(
    r"(?:\b(?:hosted (?:by|at)|housed at|(?:based|located|installed|sited) at|"
    r"host(?:ing)? (?:institution|organi[sz]ation|site|entity)(?: is|:)?|"
    r"(?:gehostet|beherbergt|angesiedelt|betreut) (?:von|bei|am|an der|im|beim|"
    r"durch)(?: der| dem| die| das)?|Gastgeber (?:ist|wird)(?: das| die| der)?|"
    r"ospitat[ao] (?:da|presso)(?:l|lla|llo|ll['’]|i|gli)?|(?:ha sede|con sede) presso|"
    r"(?:alojad[ao]|albergad[ao]|acogid[ao]) (?:por|en)(?: el| la)?|"
    r"hébergée? (?:par|au|chez|à)(?: le| la| l['’])?|"
    r"(?:hostowan\w+|prowadzon\w+) przez|gospodarzem (?:jest|będzie)|"
    # The other languages of the registry's countries.
    r"(?:gehost|gehuisvest|ondergebracht) (?:door|bij)(?: het| de)?|"
    # The verb last: "von der Technischen Hochschule Lübeck gehostet".
    r"(?:von|vom|door) (?:der |dem |den |de |het )?(?=[^.;,]{1,80}\b(?:gehostet|"
    r"beherbergt|gehost)\b)|"
    r"(?:acolhid|sediad)[ao] (?:pel[ao]|n[ao])|"
    r"(?:allotja|acolli)(?:t|da|ts|des) (?:pel|per(?: la| l['’])?)|"
    r"g[ăa]zduit\w* de(?: către)?|hostitel[eo]m (?:je|bude)|gostitelj (?:je|bo)|"
    r"(?:ki (?:jo|ga) bo )?gostil[aio]?|"
    r"domaćin (?:je|će biti)|värd (?:är|blir)|vært (?:er|bliver)|"
    r"домакин (?:е|ще бъде)|φιλοξεν\w+ από(?: το| τον| την)?|"
    # A name after a word for a supercomputing centre: "the centre IT4I".
    r"(?:supercomputing|HPC) cent(?:re|er)|superpočítačov\w+ cent\w+|"
    r"centr\w* (?:\w+ )?(?:di supercalcolo|de supercomputaci[óo]n|superkomputerow\w*))|"
    r"^(?:Host(?: institution| organi[sz]ation)?|Gastgeber|Ospitante|Anfitrión|"
    r"Hôte|Gospodarz)\s*:)"
    r"\s*(?:the\s+|l['’])?"
)


_T = TypeVar("_T")
_Cues = tuple[tuple[_T, re.Pattern[str]], ...]


def _cues(cues: dict[Role, str], *, name_first: bool) -> _Cues[Role]:
    # Each role's cue before the organisation ("coordinated by the X"), or
    # after it ("X coordinates", matched where the organisation ends).
    # "X, a research centre of Y, will lead": an aside between name and verb.
    aside = r"(?:\s*,[^,;.]{{1,80}},)?"
    form = aside + r"\s*(?:{})\b" if name_first else r"\b(?:{})\s*(?:the\s+|l['’])?"
    return tuple((role, re.compile(form.format(cue))) for role, cue in cues.items())


# "coordinated by X", "operated by X": the role named before the organisation.
_ROLE_AFTER = _cues(
    {
        Role.COORDINATOR: r"coordinated by|led by|"
        r"koordiniert (?:von|vom|durch)(?: der| dem| die)?|"
        r"[Kk]oordiniert wird (?:das Projekt|die KI-Fabrik|sie|es) (?:von|vom)"
        r"(?: der| dem)?|"
        r"unter der Leitung (?:von|des|der)|"
        r"Koordinator (?:ist|wird)(?: das| die| der)?|"
        r"coordinat[ao] da(?:l|lla|llo|ll['’])?|guidat[ao] da(?:l|lla|llo|ll['’])?|"
        r"coordinad[ao] por(?: el| la)?|liderad[ao] por(?: el| la)?|"
        r"coordenad[ao] pel[ao]|liderad[ao] pel[ao]|"
        r"coordonnée? par(?: le| la| l['’])?|pilotée? par(?: le| la| l['’])?|"
        r"koordynowan\w+ przez|[Kk]oordynatorem (?:\w+ )?(?:jest|będzie)|"
        r"pod kierownictwem|"
        # The other languages of the registry's countries.
        r"(?:gecoördineerd|geleid) door(?: het| de)?|"
        r"onder (?:leiding|coördinatie) van(?: het| de)?|"
        r"sob a (?:coordenação|liderança) d[aoe]|"
        r"(?:coordina|lidera)(?:t|da|ts|des) (?:pel|per(?: la| l['’])?)|"
        r"(?:coordonat|condus)\w* de(?: către)?|sub (?:coordonarea|conducerea)|"
        r"pod vedením|koordinátor[eo]m (?:je|bude)|pod vodstvom|"
        r"koordinator (?:je|bo|će biti)|(?:leds|samordnas|koordineras) av|"
        r"(?:ledet|koordineret) af|υπό τον συντονισμό (?:του|της)|"
        r"(?:координиран|ръководен)\w* от|под ръководството на|"
        r"nositelj(?:ica)? (?:je|projekta je|će biti)|čiji je nositelj|"
        r"(?:którego |której )?liderem (?:jest|będzie)|kierowan\w* przez",
        Role.OPERATOR: r"operated by|run by|"
        r"betrieben (?:von|vom|durch)(?: der| dem| die)?|"
        r"gestit[ao] da(?:l|lla|llo)?|operad[ao] por(?: el| la)?|"
        r"gestionad[ao] por(?: el| la)?|exploitée? par(?: le| la| l['’])?|"
        r"opérée? par(?: le| la)?|operatorem (?:jest|będzie)|"
        r"Betreiber (?:des \w+ |der \w+ )?(?:ist|wird)(?: das| die| der)?",
        Role.RESPONSIBLE: r"under the responsibility of|responsible:|"
        r"Verantwortung trägt(?: das| die| der)?|"
        r"sotto la responsabilità d(?:i|el|ella)|"
        r"bajo la responsabilidad de(?:l| la)?|"
        r"sous la responsabilité d(?:e|u)(?: la| l['’])?",
    },
    name_first=False,
)
# "X coordinates", "X as a partner": the role named after the organisation.
_ROLE_BEFORE = _cues(
    {
        Role.COORDINATOR: r"coordinates|will coordinate|is the coordinator|will lead|"
        r"guiderà|guida|dirigirá|pilotera|wird \w+ leiten|leitet|będzie kierować|"
        r"va conduce|zal leiden|"
        r"leads the (?:consortium|project|initiative)|,? which (?:leads|coordinates)"
        r"(?: the (?:consortium|project|initiative))?|koordiniert|coordina|"
        r"coordinerà|coordinará|"
        r"coordonne|coordonnera|koordynuje|będzie koordynować|"
        r"coördineert|coordoneaz[ăa]|koordinira|koordinerar|koordinerer|koordinoi|"
        r"koordinuoja|koordinē|koordineerib|συντονίζει|координира|vezetésével|"
        r"koordinálásával",
        Role.OPERATOR: r"will operate|operates|betreibt|wird \w+ betreiben|"
        r"gestirà|operará|exploitera|będzie operatorem",
        Role.RESPONSIBLE: r"(?:is|will be|are|ist|è|sarà|es|será|est|sera|jest|"
        r"będzie)\s+(?:responsible|verantwortlich|responsabile|responsable|"
        r"odpowiedzialn\w*)",
        Role.PARTNER: r"as (?:a |an |its |the )?(?:new |further |additional )?"
        r"(?:consortium |research |industrial )?partners?|als Partner|"
        r"come partner|como socio|en tant que partenaire|jako partner",
    },
    name_first=True,
)
_PARTNER_LIST = re.compile(
    r"\b(?:partners?(?: (?:are|include|includes|comprise)|\s*:)|with (?:the )?partners|"
    r"in partnership with|together with|joined by|consortium (?:of|comprising|"
    r"including|with|that includes|brings together)|"
    r"Partner (?:sind|\s*:)|Partnern|gemeinsam mit|zusammen mit|Konsortium aus|"
    r"als Partner (?:ist|sind|wird|werden)(?: auch)?(?: das| die| der)?|"
    r"partner (?:sono|\s*:)|insieme a(?:l|lla|i|gli)?|in collaborazione con|"
    r"con i partner|(?:partecipano )?come partner|socios (?:son|\s*:)|"
    r"junto (?:a|con)|en colaboración con|con la participación de(?:l)?|"
    r"consorcio formado por|partenaires (?:sont|\s*:)|avec (?:ses )?partenaires|"
    r"en partenariat avec|aux côtés d[eu]|partnerami (?:są|będą)|partnerzy(?::| to)|"
    r"we współpracy z|wraz z|(?:will )?consists? of|consisting of|bestehend aus|"
    r"compost[ao] da|compuest[ao] por|composée? d(?:e|u|es)|składając\w* się z|"
    # "among them X": a list's members after the words that open it.
    r"among them|including|darunter|tra (?:i|le) quali|tra cui|entre (?:ellos|"
    r"ellas|os quais|as quais)|parmi (?:lesquels|lesquelles|eux)|w tym|mezi nimi|"
    r"waaronder|bland (?:dem|annat)|inclusiv|"
    # The other languages of the registry's countries.
    r"konsorcium (?:zahrnující(?: také)?|tvoří)|samenwerking tussen|"
    r"consortium (?:bestaat uit|bestående av)|konsortiet består av|"
    r"consorțiul (?:include|reunește)|consórcio (?:formado|composto) por|"
    r"com a participação d[aeo]s?(?: \w+ \w+)?|conta(?:ndo)? (?:ainda )?com|"
    r"em parceria com|juntamente com|"
    r"konsorciumą sudaro|konzorcij (?:sestavljajo|bodo sestavljali)|"
    r"konzorcium tagjai|консорциум(?:ът)? (?:включва|се състои от)|"
    r"hi participen|amb la participació d(?:e|el|els)|en col·laboració amb|"
    r"juntament amb|în parteneriat cu|împreună cu|alături de|"
    r"partenerii (?:\w+ )?sunt|consorțiul (?:este format din|cuprinde)|"
    r"samen met|in samenwerking met|w skład konsorcjum wchodz\w+(?: także| również)?|"
    r"brings together|réunit|rassemble|reúne|riunisce|vereint|reuneix|"
    r"(?:fanno|fa) parte del consorzio(?: anche)?|"
    r"zum Konsortium gehören(?: außerdem| auch| zudem| ferner)?|"
    r"(?:terá|tem) como parceiros|konsorcium \w+ tvoří(?: kromě \w+)?(?: také)?|"
    r"partneri (?:u|na) projektu su|(?:working )?alongside|"
    r"(?:consortium )?members (?:are|include)|consortium includes?|"
    r"konzorcij (?:sestavljajo|tvorijo)(?: še| tudi)?|"
    r"i konsortiet ingår(?: även| också)?|en collaboration avec|"
    r"beteiligt sind(?: außerdem| auch| zudem)?|compta (?:també )?amb|"
    r"in (?:close )?(?:cooperation|collaboration|partnership) with|"
    r"(?:will )?work(?:s|ing)? with|lo (?:completan|integran)|(?:elle |il )?associe|"
    r"joint (?:effort|initiative|project) of|"
    r"a partnership (?:of|between)|(?:created|founded|set up|established) by|"
    r"în consorțiu cu|(?:mit )?an Bord sind(?: auch| außerdem)?|"
    r"(?:al progetto |vi )?partecipano(?: anche)?|avec la participation d(?:e|u|es)|"
    r"w konsorcjum (?:są|jest)(?: również| także| też)?|"
    r"(?:el )?consorci (?:inclou|està format per)|"
    r"Partner (?:des|der) \w+ sind(?: unter anderem| u\. ?a\.)?|"
    r"partnerami \w+ (?:są|będą)|samenwerkingsverband van|consortium van|"
    r"with(?=[^.;]{0,200}\bas (?:its )?partners\b)|"
    r"a konzorcium tagjai)\s*"
    r"(?:the\s+|l['’]|de\s+)?",
    re.IGNORECASE,
)
# "co-funded by X, Y and Z": the co-funders, each named, money or not.
_COFUNDER_LIST = re.compile(
    r"\b(?:co-?(?:funded|financed) by|cofinanziat[ao] (?:da(?:l|lla|i|gli)?|in parti "
    r"uguali)|cofinanciad[ao] (?:por|al \d+\s?% por)|kofinanziert (?:von|durch)|"
    r"cofinancée? par|współfinansowan[aey] przez|spolufinancovan[áéý] z)\s*",
    re.IGNORECASE,
)
_HOST_BEFORE = re.compile(
    r"\s*(?:will host|hosts|is hosting|is the host|will be the host|"
    r"wird (?:die KI-Fabrik |sie )?beherbergen|beherbergt|ospiterà|ospita|"
    r"vai acolher|acolherá|acolhe|acollirà|acull|va găzdui|găzduiește|"
    r"albergará|acogerá|alberga|accueillera|héberge|hébergera|będzie gospodarzem)\b"
)
_ASIDE = re.compile(r"\([^()\n]{25,}+\)")
_SEGMENT_END = re.compile(
    # Not the dot of "im. Adama", "St. Kliment" or an initial: names go on.
    r"[;:!?]\s|(?<!\bim)(?<!\bSt)(?<!\b[A-Za-z])\.\s|[;:!?]$|\.$|\s[–—]\s|"
    r"\s(?:which|who|that|to|in order|so that|um|"
    r"che|dass|where|wo|dove|donde|où|aby|que|para|pour|offering|providing|"
    r"serving|will|wird|sarà|será|sera|będzie)\s|"
    # "per" before a verb ("per sostenere"), not in a name ("Agenzia per la").
    r"\sper\s(?=\w+(?:are|ere|ire)\b)"
)


# The host's cues, before and after the organisation, as role-less tables.
_HOST = ((None, _HOST_AFTER),), ((None, _HOST_BEFORE),)


def _cued(
    text: str, after: _Cues[_T], before: _Cues[_T]
) -> Iterator[tuple[_T, re.Match[str], int, int]]:
    """Each organisation a cue names: role, organisation, span of cue and name."""
    for role, pattern in after:
        for cue in pattern.finditer(text):
            org = _ORG_NAMED.match(text, cue.end())
            if org is not None:
                yield role, org, cue.start(), org.end()
    for org in _ORG_NAMED.finditer(text):
        for role, pattern in before:
            said = pattern.match(text, org.end())
            if said is not None:
                yield role, org, org.start(), said.end()


class _Orgs(_Reading):
    """Reads an entry's host and stakeholders."""

    def host(self, sent: _Sentence, acc: _Acc) -> None:
        if acc.host is not None:
            return
        for _, org, lo, _ in _cued(sent.text, *_HOST):
            # The active voice (the name first): "MACC will host the factory",
            # but not "Valencia will host it": a city is where, not who.
            if lo == org.start() and fold(org["org"]) in self.known.cities:
                continue
            label, _ = _strip_article(org["org"])
            if not self.org_ok(label, strict=False):
                return
            host = self.organisation(label, org["abbr"])
            city, city_end = self.city_after(sent.text, org.end(), label)
            source = self.source(sent, lo, city_end, "host")
            acc.host = Host(
                name=host.name, short_name=host.short_name, city=city, sources=(source,)
            )
            place = self.known.cities.get(fold(city)) if city else None
            country = host.country or (place[1] if place is not None else None)
            if country:
                acc.countries.append((3, country, source))
            return

    def city_after(self, text: str, hi: int, host: str) -> tuple[str | None, int]:
        """The host's city after ``hi`` or in its name; its end is never before hi."""
        after = re.match(
            rf"(?:,?\s+(?P<p>in|im|a|à|en|w|we)|,)\s+(?P<c>{_TOKEN}(?:[ -]{_TOKEN})?)",
            text[hi:],
        )
        if after is not None:
            city = after.group("c")
            # Polish and a bare comma inflect or list: trust known cities only.
            loose = after.group("p") in {"in", "im", "a", "à", "en"}
            known = self.known.cities.get(fold(city))
            if known or (loose and self.city_ok(city)):
                return (known[0] if known else city), hi + after.end()
        for key, (city, _) in self.known.cities.items():
            if _word_find(fold(host), key) >= 0:
                return city, hi
        return None, hi

    def stakeholders(self, sent: _Sentence, acc: _Acc) -> None:
        for role, org, lo, hi in _cued(sent.text, _ROLE_AFTER, _ROLE_BEFORE):
            # After "led by", one word names the lead too ("led by Sigma2").
            self.add_holder(sent, acc, org, role, (lo, hi), strict=lo == org.start())
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
                    org = _ORG_NAMED.match(item.text)
                    if org is None:
                        break
                    self.add_holder(item, acc, org, role, (0, len(item.text)))
                continue
            # An aside longer than an acronym, "(Centre for AI, with CAI)", is
            # blanked: its dash does not end the list, its words name no member.
            segment = _ASIDE.sub(lambda m: " " * len(m[0]), segment)
            segment = _until(segment, _SEGMENT_END)
            # In a list of three or more, one capitalised word names a member.
            strict = segment.rstrip(" ,").count(",") < 2
            for org in _ORG_NAMED.finditer(segment):
                span = (match.start(), match.end() + org.end())
                self.add_holder(sent, acc, org, role, span, strict=strict)

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
        label, _ = _strip_article(org["org"])
        abbr = org["abbr"]
        known_abbr = abbr is not None and self.known.org(abbr) is not None
        if not self.org_ok(label, strict=strict) and not known_abbr:
            return
        holder = self.organisation(label, abbr)
        key = fold(holder.name)
        if key in acc.stakeholders:
            return
        source = self.source(sent, *span, f"{role.value}: {holder.name}")
        # An _Org's fields (name, short name, country) are a Stakeholder's too.
        acc.stakeholders[key] = Stakeholder(
            **holder._asdict(), role=role, sources=(source,)
        )

    def organisation(self, label: str, abbr: str | None) -> _Org:
        """The registry's record of ``label (abbr)``, else the text's own names.

        "Arctic Compute Alliance (ACA)" is not the registry's Advanced
        Computing Austria (ACA): a known organisation found by its
        abbreviation must share a word with the label.
        """
        known = self.known.org(label)
        by_abbr = self.known.org(abbr) if abbr else None
        if known is None and by_abbr is not None:
            words = {w for w in fold(by_abbr.name).split() if len(w) > 3}
            known = by_abbr if not label or words & set(fold(label).split()) else None
        return known or _Org(label, _abbr(abbr), None)
