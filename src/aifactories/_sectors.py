"""The sector vocabulary: what each sector covers and the words that reach it."""

from __future__ import annotations

import functools
from types import MappingProxyType

from aifactories._model import Sector
from aifactories._text import fold

SECTOR_LABELS: MappingProxyType[Sector, str] = MappingProxyType(
    {
        Sector.AGRIFOOD: "Agriculture and food",
        Sector.BIOTECH: "Biotechnology and pharmaceuticals",
        Sector.CLIMATE: "Climate, environment and earth sciences",
        Sector.CULTURE: "Culture, heritage and humanities",
        Sector.CYBERSECURITY: "Cybersecurity",
        Sector.DEFENCE: "Defence, security and civil protection",
        Sector.EDUCATION: "Education",
        Sector.ENERGY: "Energy",
        Sector.FINANCE: "Finance",
        Sector.HEALTH: "Health and life sciences",
        Sector.LANGUAGE: "Language technology and large language models",
        Sector.LEGAL: "Law and legal services",
        Sector.MANUFACTURING: "Manufacturing, engineering and industry",
        Sector.MATERIALS: "Materials science",
        Sector.MEDIA: "Media, communications and gaming",
        Sector.MOBILITY: "Mobility and transport",
        Sector.PUBLIC_SECTOR: "Public sector and administration",
        Sector.RESEARCH: "Science and research",
        Sector.ROBOTICS: "Robotics and autonomous systems",
        Sector.SPACE: "Space and aerospace",
    }
)
"""A human-readable label for every sector."""


def _words(listed: str) -> tuple[str, ...]:
    return tuple(listed.split(", "))


SECTOR_SYNONYMS: MappingProxyType[Sector, tuple[str, ...]] = MappingProxyType(
    {
        Sector.AGRIFOOD: _words(
            "agriculture, agri-food, agritech, agri tech, food, farming"
        ),
        Sector.BIOTECH: _words(
            "biotechnology, pharma, pharmaceuticals, pharmaceutical, genomics"
        ),
        Sector.CLIMATE: _words(
            "environment, environmental, earth sciences, earth science, weather, "
            "meteorology, sustainability, green economy"
        ),
        Sector.CULTURE: _words("cultural heritage, heritage, humanities, arts"),
        Sector.CYBERSECURITY: _words("cyber security, cyber"),
        Sector.DEFENCE: _words("defense, security, civil protection"),
        Sector.EDUCATION: _words("edtech, teaching"),
        Sector.ENERGY: _words("clean energy, renewable energy, renewables, bioenergy"),
        Sector.FINANCE: _words("fintech, banking, financial services"),
        Sector.HEALTH: _words(
            "healthcare, health care, medicine, medical, life sciences, life science, "
            "digital health, personalised medicine, personalized medicine, one health"
        ),
        Sector.LANGUAGE: _words(
            "language technology, language technologies, large language models, "
            "llm, llms, nlp"
        ),
        Sector.LEGAL: _words("law"),
        Sector.MANUFACTURING: _words(
            "industry, industrial, engineering, mechanical engineering, "
            "advanced manufacturing"
        ),
        Sector.MATERIALS: _words(
            "materials science, materials research, advanced materials"
        ),
        Sector.MEDIA: _words("communications, gaming, games, gaming industry"),
        Sector.MOBILITY: _words("transport, automotive, aviation, maritime, logistics"),
        Sector.PUBLIC_SECTOR: _words(
            "public administration, public services, government, e-government, "
            "digital governance"
        ),
        Sector.RESEARCH: _words("science, academia, physics"),
        Sector.ROBOTICS: _words("autonomous systems, automation"),
        Sector.SPACE: _words("aerospace, earth observation, satellites"),
    }
)
"""Words that reach each sector besides its own name and label."""


@functools.cache
def _keys() -> dict[str, Sector]:
    keys: dict[str, Sector] = {}
    for sector in Sector:
        # "public-sector", "PUBLIC_SECTOR", "public sector" and the label.
        words = (sector.value, sector.name, sector.name.replace("_", " "))
        for word in (*words, SECTOR_LABELS[sector], *SECTOR_SYNONYMS[sector]):
            keys[fold(word)] = sector
    return keys


def resolve_sector(sector: Sector | str) -> Sector:
    """Return the :class:`Sector` a name or synonym stands for.

    Raises:
        ValueError: ``sector`` is not in the vocabulary; the message lists it.
    """
    if isinstance(sector, Sector):
        return sector
    if isinstance(sector, str):
        found = _keys().get(fold(sector))
        if found is not None:
            return found
    vocabulary = ", ".join(s.value for s in Sector)
    msg = f"unknown sector {sector!r}; the sectors are: {vocabulary}"
    raise ValueError(msg)
