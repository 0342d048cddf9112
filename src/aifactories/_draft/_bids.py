"""Bids for an AI Gigafactory: what an article about one proposes.

A gigafactory bid is not an entry of the registry: until the call selects
its sites, the registry records where each country stands on bidding
(:class:`~aifactories.NationalPosition`, one per country, under the call's
:class:`~aifactories.GigafactoryCall`). An article about a bid therefore
proposes a position (country, lead, site, members, money), each value
with its quote; its summary and people are left to the reviewer, in the
registry's own words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from aifactories._draft._text import _Sentence

# The word for a gigafactory in the registry's languages ("Gigafabrik",
# "gigafábrica", "gigafàbrica", "gigatovárna", "gigafabryka").
GIGAFACTORY = re.compile(
    r"\bgiga[ -]?(?:factor|fabri|fábric|fàbric|továr|tovarn|usine)\w*", re.IGNORECASE
)
# The place a gigafactory is to be built: "gigafábrica ... em Sines".
SITE = re.compile(
    rf"{GIGAFACTORY.pattern}[^.;]{{0,60}}?\b(?:em|in|en|w|à|v|ve|im|no|na|nel|nella|bei)\s+"
    r"(?P<c>(?-i:[A-ZÀ-ÖØ-Þ])[\w-]+)",
    re.IGNORECASE,
)
# A bid, an application or an expression of interest.
_BID = re.compile(
    r"candidat|bewerb|interessensbekundung|expression of interest|\bbids?\b|"
    r"žádost|kandid|consorti|konsorc|solicitud|wniosek|manifesta[çc]|propost",
    re.IGNORECASE,
)


def bid_sentences(sentences: list[_Sentence]) -> list[_Sentence]:
    """Return the sentences naming a gigafactory, if the article is about a bid.

    An article is about a bid when its title names a gigafactory, or a
    sentence names one next to a word for a bid; a gigafactory named in
    passing ("complementing the future AI Gigafactories") gives nothing.
    """
    named = [sent for sent in sentences if GIGAFACTORY.search(sent.text)]
    if any(sent.line == 0 or _BID.search(sent.text) for sent in named):
        return named
    return []


def most_named(codes: Iterable[str]) -> str | None:
    """Return the code named most often, the first on a tie; ``None`` if none."""
    counted = Counter(codes)
    return counted.most_common(1)[0][0] if counted else None
