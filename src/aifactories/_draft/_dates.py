# The drafter matches typographic quotes, dashes and apostrophes on purpose.
# ruff: noqa: RUF001
"""When an entry was selected: a date next to a selection cue, or the dateline."""

from __future__ import annotations

import datetime as dt
import re

from aifactories._draft import _cldr
from aifactories._draft._reading import _Acc, _Reading
from aifactories._draft._text import _Sentence
from aifactories._model import Source
from aifactories._text import fold

_DATE = re.compile(
    r"\b(?:(?P<d>\d{1,2})(?:st|nd|rd|th|\.|er)?\s+(?:de\s+|d['’])?(?P<m>[^\W\d_]{3,12})\.?"
    r"\s+(?:de\s+)?(?P<y>20\d\d)|(?P<m2>[A-Z][a-z]{2,8})\.?\s+(?P<d2>\d{1,2})"
    r"(?:st|nd|rd|th)?,\s+(?P<y2>20\d\d)|(?P<y3>20\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)|"
    # "18.03.2026", "18. 3. 2026": day first, as Europe writes it.
    r"(?P<d4>\d{1,2})\.\s?(?P<m4>\d{1,2})\.\s?(?P<y4>20\d\d))\b"
)
_SELECTED = re.compile(
    r"selected|chosen|chose|picked|announced|approved|ausgewählt|bekannt ?gegeben|"
    r"selezion|scelt[ao]|seleccion|elegid|sélectionn|retenue?|wybra|zakwalifikowan|"
    # The other languages of the registry's countries.
    r"geselecteerd|gekozen|vybr[aá]|selecion|selecta|atrinkt|izvēlē|"
    r"izabra|odabra|izbra|valit|utsedd|udvalgt|kiválaszt|επιλέχθηκ|избран",
    re.IGNORECASE,
)
_TODAY = re.compile(
    r"\b(?:today|(?:has|have) now been|heute|oggi|hoy|aujourd['’]hui|dzisiaj|dziś|"
    r"hoje|avui|astăzi|azi|vandaag|dnes|danes|danas|idag|i dag|tänään|täna|šiandien|"
    r"šodien|днес|σήμερα)\b",
    re.IGNORECASE,
)


def _date_of(match: re.Match[str]) -> dt.date | None:
    # One of the four forms matched whole: its day, month and year are set.
    year = match["y"] or match["y2"] or match["y3"] or match["y4"]
    day = match["d"] or match["d2"] or match["d3"] or match["d4"]
    # A month in digits may be "00", which is no month, not a month in words.
    digits = match["m3"] or match["m4"]
    words = _cldr.month_numbers()
    month = int(digits) if digits else words.get(fold(match["m"] or match["m2"]))
    try:
        return dt.date(int(year), month, int(day)) if month else None
    except ValueError:
        return None


_YESTERDAY = re.compile(
    r"\b(?:yesterday|gestern|gestrigen|ieri|ayer|hier|wczoraj|včera|gisteren|ontem|"
    r"ahir|igår|i går|eilen|вчера|χθες|tegnap|vakar)\b",
    re.IGNORECASE,
)


def _days_back(text: str, dateline: dt.date) -> int | None:
    """How many days before the dateline the sentence's day is, if it says.

    "Today" is the dateline's day, "yesterday" the one before, a weekday
    ("am Dienstag") the last such day on or before the dateline.
    """
    if _TODAY.search(text):
        return 0
    if _YESTERDAY.search(text):
        return 1
    days = _cldr.weekday_numbers()
    named = {days[w] for w in re.findall(r"\w+", fold(text)) if w in days}
    if len(named) != 1:
        return None
    return (dateline.weekday() - named.pop()) % 7


class _Dates(_Reading):
    """Reads the date an entry was selected."""

    def dates(self, sent: _Sentence, acc: _Acc) -> None:
        if acc.selected_on is not None or not _SELECTED.search(sent.text):
            return
        date = next(filter(None, map(_date_of, _DATE.finditer(sent.text))), None)
        sources = [self.whole(sent, "selected_on")]
        dateline = self.dateline() if date is None else None
        if dateline is not None:
            # "today", "yesterday", "on Wednesday": counted back from the dateline.
            back = _days_back(sent.text, dateline[0])
            if back is not None:
                date = dateline[0] - dt.timedelta(days=back)
                sources.append(dateline[1])
        if date is None:
            return
        for wave in self.known.registry.wave_records:
            if wave.announced == date and wave.kind is acc.kind:
                acc.wave = wave.id
                sources.append(self.whole(sent, f"wave: {wave.id} ({wave.announced})"))
        acc.selected_on = (date, sources)

    def dateline(self) -> tuple[dt.date, Source] | None:
        for sent in self.sentences[:4]:
            match = _DATE.search(sent.text)
            if match is not None and match.start() < 60:
                date = _date_of(match)
                if date is not None:
                    source = self.source(sent, 0, match.end(), "selected_on: dateline")
                    return date, source
        return None
