"""Invariants over every record of the bundled data.

These loop over the records instead of hard-coding counts, so a data
release that adds entries needs no test edits; ``test_snapshot`` is the one
deliberate exception.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import aifactories
from aifactories import Antenna, Factory, Kind, Source
from aifactories._codes import COUNTRY_NAMES, CURRENCIES
from aifactories._text import fold

ROOT = Path(__file__).resolve().parent.parent
SEED = "000_98a94df9ca6a03ef.txt"
DATA = ROOT / "src" / "aifactories" / "data" / "registry.json"


def _walk(label: str, value: object, found: list[tuple[str, Source]]) -> None:
    if isinstance(value, Source):
        found.append((label, value))
    elif isinstance(value, tuple | list | frozenset):
        for item in value:
            _walk(label, item, found)
    elif attrs.has(type(value)):
        for name, item in attrs.asdict(value, recurse=False).items():  # type: ignore[arg-type]
            _walk(f"{label}.{name}", item, found)


def _all_sources(registry: aifactories.Registry) -> list[tuple[str, Source]]:
    """Every Source anywhere in the registry, with a label for messages."""
    found: list[tuple[str, Source]] = []
    records: list[tuple[str, object]] = [(e.id, e) for e in registry]
    records += [(w.id, w) for w in registry.wave_records]
    records += [(f.id, f) for f in registry.facts]
    records += [(p.name, p) for p in registry.people]
    for label, record in records:
        _walk(label, record, found)
    return found


def test_bundled_registry_is_valid(registry: aifactories.Registry) -> None:
    assert aifactories.validate(registry) == []


def test_strict_and_fast_paths_agree(registry: aifactories.Registry) -> None:
    # The bundled path skips cattrs and validation; the strict one must agree.
    assert aifactories.loads(DATA.read_text(encoding="utf-8")) == registry


def test_data_file_is_what_dumps_writes(registry: aifactories.Registry) -> None:
    # Keeps the reviewable file canonical: regenerate it with dumps().
    assert DATA.read_text(encoding="utf-8") == aifactories.dumps(registry)


def test_data_version_matches_constant(registry: aifactories.Registry) -> None:
    assert registry.data_version == aifactories.DATA_VERSION
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    assert raw["data_version"] == aifactories.DATA_VERSION


def test_ids_and_names_are_unique(registry: aifactories.Registry) -> None:
    ids = [entry.id for entry in registry]
    assert len(ids) == len(set(ids))
    owners: dict[str, str] = {}
    for entry in registry:
        for name in {fold(n) for n in (entry.id, *entry.names)}:
            assert owners.setdefault(name, entry.id) == entry.id, name


def test_every_name_finds_its_entry(registry: aifactories.Registry) -> None:
    for entry in registry:
        for name in (entry.id, *entry.names):
            assert registry[name] is entry
            assert registry[name.upper()] is entry


def test_links_resolve_both_ways(registry: aifactories.Registry) -> None:
    factory_ids = {f.id for f in registry.factories}
    for antenna in registry.antennas:
        assert set(antenna.factories) <= factory_ids
        assert set(antenna.letters_of_intent) <= factory_ids
        for factory in registry.linked_factories(antenna):
            assert antenna in registry.antennas_of(factory)


def test_codes_are_valid(registry: aifactories.Registry) -> None:
    for entry in registry:
        assert entry.country in COUNTRY_NAMES
        assert entry.country not in entry.partner_countries
        assert set(entry.partner_countries) <= set(COUNTRY_NAMES)
        for stakeholder in entry.stakeholders:
            assert stakeholder.country is None or stakeholder.country in COUNTRY_NAMES
        if entry.funding is not None:
            for share in entry.funding.shares:
                assert share.country is None or share.country in COUNTRY_NAMES
            monies = [entry.funding.total, *(s.amount for s in entry.funding.shares)]
            for money in monies:
                assert money is None or money.currency in CURRENCIES


def test_shares_add_up(registry: aifactories.Registry) -> None:
    for entry in registry:
        if entry.funding is None:
            continue
        shares = [s.share for s in entry.funding.shares if s.share is not None]
        assert all(Decimal(0) < s <= 1 for s in shares), entry.id
        assert sum(shares, Decimal(0)) <= 1, entry.id
        if shares and len(shares) == len(entry.funding.shares):
            # Every funder's share known: they must cover the whole.
            assert sum(shares, Decimal(0)) == 1, entry.id


def test_every_entry_is_sourced(registry: aifactories.Registry) -> None:
    for entry in registry:
        assert entry.sources, entry.id
        for source in entry.sources:
            assert (source.url is None) != (source.seed is None)


def test_every_seed_quote_is_in_the_seed(registry: aifactories.Registry) -> None:
    quotes = [(label, s) for label, s in _all_sources(registry) if s.seed is not None]
    assert quotes, "the seed facts must carry quotes"
    for label, source in quotes:
        assert source.seed is not None
        assert source.quote, label
        assert source.quote in aifactories.seed_text(source.seed), (label, source.quote)


def test_urls_are_http(registry: aifactories.Registry) -> None:
    for label, source in _all_sources(registry):
        if source.url is not None:
            assert source.url.startswith(("https://", "http://")), label


def test_conflicts_have_two_sides(registry: aifactories.Registry) -> None:
    conflicts = [c for e in registry for c in e.conflicts]
    conflicts += [c for w in registry.wave_records for c in w.conflicts]
    assert conflicts, "the reference records conflicts; so must we"
    for conflict in conflicts:
        assert len(conflict.claims) >= 2, conflict.topic


def test_entries_match_their_wave(registry: aifactories.Registry) -> None:
    waves = {w.id: w for w in registry.wave_records}
    for entry in registry:
        wave = waves[entry.wave]
        assert wave.announced == entry.selected_on
        assert wave.kind is entry.kind


def test_kinds(registry: aifactories.Registry) -> None:
    assert all(type(f) is Factory for f in registry.factories)
    assert all(type(a) is Antenna for a in registry.antennas)
    assert {f.kind for f in registry.factories} == {Kind.FACTORY}
    assert {a.kind for a in registry.antennas} == {Kind.ANTENNA}


def test_seed_file_is_shipped_unchanged() -> None:
    shipped = aifactories.seed_text(SEED).encode("utf-8")
    assert shipped == (ROOT / "seeds" / SEED).read_bytes()
    assert aifactories.seed_names() == (SEED,)


def test_snapshot(registry: aifactories.Registry) -> None:
    # The one deliberate count check: update it with each data release.
    assert (len(registry.factories), len(registry.antennas)) == (19, 13)
    assert [(s.id, s.date, len(s.entries)) for s in registry.waves] == [
        ("W1", dt.date(2024, 12, 10), 7),
        ("W2", dt.date(2025, 3, 12), 6),
        ("W3", dt.date(2025, 10, 10), 6),
        ("A1", dt.date(2025, 10, 13), 13),
    ]


class TestMimerSeedFacts:
    """Every fact the seed article states about Mimer is in the data, quoted."""

    @pytest.fixture(name="mimer")
    def _mimer(self, registry: aifactories.Registry) -> Factory:
        mimer = registry["mimer"]
        assert isinstance(mimer, Factory)
        return mimer

    @staticmethod
    def _quoted(sources: tuple[Source, ...], *words: str) -> None:
        quotes = [s.quote for s in sources if s.seed == SEED and s.quote]
        assert quotes
        text = aifactories.seed_text(SEED)
        for quote in quotes:
            assert quote in text
        joined = " ".join(quotes)
        for word in words:
            assert word in joined

    def test_host(self, mimer: Factory) -> None:
        assert mimer.host is not None
        assert mimer.host.name == "Linköping University"
        self._quoted(mimer.host.sources, "hosted by Linköping University")

    def test_partner_and_responsible(self, mimer: Factory) -> None:
        roles = {s.short_name: s for s in mimer.stakeholders}
        assert roles["RISE"].role is aifactories.Role.PARTNER
        assert roles["NAISS"].role is aifactories.Role.RESPONSIBLE
        self._quoted(roles["RISE"].sources, "Rise as a partner")
        self._quoted(roles["NAISS"].sources, "(NAISS) is responsible")

    def test_funding_split(self, mimer: Factory) -> None:
        assert mimer.funding is not None
        eu, sweden = mimer.funding.shares
        assert (eu.funder, eu.kind, eu.share) == (
            "EuroHPC JU",
            aifactories.FunderKind.EU,
            Decimal("0.5"),
        )
        assert (sweden.country, sweden.share) == ("SE", Decimal("0.5"))
        assert any("Swedish Research Council" in v for v in sweden.via)
        assert "Vinnova" in sweden.via
        self._quoted(eu.sources, "50/50")
        self._quoted(sweden.sources, "Swedish Research Council", "Vinnova")

    def test_five_focus_areas(self, mimer: Factory) -> None:
        assert len(mimer.focus) == 5
        self._quoted(mimer.sources, "life sciences, medicine, materials research")
        assert {"health", "materials", "robotics", "media"} <= set(mimer.sectors)

    def test_people(self, mimer: Factory, registry: aifactories.Registry) -> None:
        karlsson = next(p for p in mimer.people if p.name == "Matts Karlsson")
        assert karlsson.role == "Vice-Rector for Research"
        self._quoted(karlsson.sources, "Vice-Rector for Research at Linköping")
        virkkunen = next(p for p in registry.people if p.name == "Henna Virkkunen")
        self._quoted(virkkunen.sources, "Henna Virkkunen, European Commissioner")

    def test_initiative_facts(self, registry: aifactories.Registry) -> None:
        facts = {f.id: f for f in registry.facts}
        self._quoted(facts["first-selection-seven"].sources, "one of seven")
        self._quoted(facts["first-selection-five-new-systems"].sources, "one of five")
        self._quoted(facts["second-wave-expected"].sources, "February 1")
        first = registry.waves[0]
        assert len(first.entries) == 7
        new = [
            f
            for f in first.entries
            if isinstance(f, Factory)
            and f.supercomputer is not None
            and f.supercomputer.status is aifactories.SystemStatus.NEW
        ]
        assert len(new) == 5
