"""What the registry knows: entries' names, organisations, cities, people.

Names the drafter reads are checked against it, so a known host, partner
or city resolves to the registry's record and an article about a known
entry gives changes, not a duplicate.
"""

from __future__ import annotations

import dataclasses
import re
from typing import NamedTuple

from aifactories._draft import _lexicon as lex
from aifactories._model import Host
from aifactories._registry import Registry
from aifactories._text import fold


class _Org(NamedTuple):
    name: str
    short_name: str | None
    country: str | None


@dataclasses.dataclass(frozen=True)
class _Knowledge:
    registry: Registry
    names: tuple[tuple[str, str], ...]  # folded name or alias, entry id
    orgs: dict[str, _Org]  # folded name or short name -> organisation
    cities: dict[str, tuple[str, str]]  # folded city -> (city, country code)
    # Patterns over folded text: an entry's names; its host and city.
    mentions: tuple[tuple[re.Pattern[str], str], ...]
    places: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    def of(cls, registry: Registry) -> _Knowledge:
        names: list[tuple[str, str]] = []
        orgs: dict[str, _Org] = {}
        cities = {fold(city): (city, code) for city, code in lex.CITIES.items()}
        places: tuple[tuple[re.Pattern[str], str], ...] = ()
        for entry in registry.entries:
            names += [(fold(n), entry.id) for n in entry.names if len(fold(n)) >= 4]
            known = [_Org(s.name, s.short_name, s.country) for s in entry.stakeholders]
            if (host := entry.host) is not None:
                known.insert(0, _Org(host.name, host.short_name, entry.country))
                if host.city:
                    cities.setdefault(fold(host.city), (host.city, entry.country))
                places += _place(host, entry.id)
            for org in known:
                for label in filter(None, (org.name, org.short_name)):
                    orgs.setdefault(fold(label), org)
        mentions = tuple(
            # Not inside a longer name: "Pharos" is not said in "Pharos-CY".
            (re.compile(rf"(?<![\w-]){re.escape(key)}(?!-?\w)"), entry_id)
            for key, entry_id in names
        )
        return cls(registry, tuple(names), orgs, cities, mentions, places)

    def org(self, text: str) -> _Org | None:
        return self.orgs.get(fold(text))


def _place(host: Host, entry_id: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    # An entry's host (name or short name) and its city: a city may be
    # inflected ("Ostrave", "Poznaniu"), so its stem matches a word start.
    labels = [fold(host.name), fold(host.short_name or "")]
    keys = [re.escape(label) + r"(?!\w)" for label in labels if len(label) >= 3]
    if host.city and len(fold(host.city)) >= 5:
        keys.append(re.escape(fold(host.city)[:-1]) + r"\w{0,4}(?!\w)")
    return ((re.compile(rf"(?<!\w)(?:{'|'.join(keys)})"), entry_id),) if keys else ()
