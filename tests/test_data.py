"""Invariants over every record of the bundled data.

These loop over the records instead of hard-coding counts, so a data
release that adds entries needs no test edits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import aifactories
from aifactories import (
    AccessMode,
    Antenna,
    Count,
    Factory,
    Grant,
    Host,
    Kind,
    Link,
    Performance,
    Source,
    SourceKind,
    Stakeholder,
    Top500Rank,
)
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
    # The bundled path skips the rule walk and the per-field problem
    # bookkeeping; the strict one must agree.
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
    # And the other way round: a wave lists exactly the entries naming it.
    for selection in registry.waves:
        assert {e.id for e in selection.entries} == {
            e.id for e in registry if e.wave == selection.id
        }, selection.id


def test_kinds(registry: aifactories.Registry) -> None:
    assert all(type(f) is Factory for f in registry.factories)
    assert all(type(a) is Antenna for a in registry.antennas)
    assert {f.kind for f in registry.factories} == {Kind.FACTORY}
    assert {a.kind for a in registry.antennas} == {Kind.ANTENNA}


def test_seed_file_is_shipped_unchanged() -> None:
    shipped = aifactories.seed_text(SEED).encode("utf-8")
    assert shipped == (ROOT / "seeds" / SEED).read_bytes()
    assert aifactories.seed_names() == (SEED,)


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


# -- release 2026.12: new fields, source hygiene ---------------------------------

# Europe's bounding box, generously: the Canaries to the North Cape, Iceland
# to the Urals' foothills.
LATITUDES = (Decimal(34), Decimal(72))
LONGITUDES = (Decimal(-25), Decimal(45))
# ROR's own pattern: a 0, six characters of Crockford base32 (no i, l, o, u),
# two checksum digits; as the URL form.
ROR_ID = re.compile(r"https://ror\.org/0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}")
BANNED_HOSTS = ("www-dev.", "josjedanprobnidomen")


def _records(value: object) -> Iterator[object]:
    """Every record (attrs instance) inside ``value``, ``value`` included."""
    if isinstance(value, tuple | list | frozenset):
        for item in value:
            yield from _records(item)
    elif attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            yield from _records(getattr(value, field.name))


def _everything(registry: aifactories.Registry) -> list[object]:
    """Every record of the registry: entries, waves, facts, people, access."""
    roots: list[object] = [
        *registry,
        *registry.wave_records,
        *registry.facts,
        *registry.people,
        registry.access,
        registry.coverage,
    ]
    return [record for root in roots for record in _records(root)]


def test_every_address_is_https_or_declared_http_only(
    registry: aifactories.Registry,
) -> None:
    checked = 0
    for record in _everything(registry):
        if isinstance(record, Source | Link):
            if record.url is None:
                continue
            checked += 1
            if record.http_only:
                assert record.url.startswith("http://"), record
            else:
                assert record.url.startswith("https://"), record
        elif isinstance(record, AccessMode | Grant) and record.url is not None:
            checked += 1
            assert record.url.startswith("https://"), record
    assert checked


def test_no_development_or_test_domains(registry: aifactories.Registry) -> None:
    # Anywhere in the data, notes included: the file holds every string.
    text = aifactories.dumps(registry)
    for host in BANNED_HOSTS:
        assert host not in text


def test_every_source_has_a_kind(registry: aifactories.Registry) -> None:
    sources = [r for r in _everything(registry) if isinstance(r, Source)]
    assert sources
    for source in sources:
        assert isinstance(source.kind, SourceKind), source


def test_every_numeric_compute_claim_has_a_source(
    registry: aifactories.Registry,
) -> None:
    claims = [
        r
        for r in _everything(registry)
        if isinstance(r, Count | Performance | Top500Rank)
    ]
    assert claims
    for claim in claims:
        assert claim.sources, claim
        for source in claim.sources:
            assert source.url is not None or source.seed is not None, claim
            assert source.kind is not None, claim


def test_coordinates_lie_in_europe_and_in_the_entry_country(
    registry: aifactories.Registry,
) -> None:
    located = [e for e in registry if e.location is not None]
    assert located
    for entry in located:
        place = entry.location
        assert place is not None
        assert LATITUDES[0] <= place.latitude <= LATITUDES[1], entry.id
        assert LONGITUDES[0] <= place.longitude <= LONGITUDES[1], entry.id
        assert place.country == entry.country, entry.id
        # The coordinates are the host city's, from GeoNames.
        if entry.host is not None and entry.host.city is not None:
            assert fold(place.city) == fold(entry.host.city), entry.id
        assert place.geonames_id is not None, entry.id
        geonames = f"https://www.geonames.org/{place.geonames_id}"
        assert geonames in {s.url for s in place.sources}, entry.id


def test_ror_ids_match_rors_pattern(registry: aifactories.Registry) -> None:
    ids = [r.ror for r in _everything(registry) if isinstance(r, Host | Stakeholder)]
    given = [ror for ror in ids if ror is not None]
    assert given
    for ror in given:
        assert ROR_ID.fullmatch(ror), ror


def test_an_unknown_host_is_not_guessed(registry: aifactories.Registry) -> None:
    # No source names the Slovak antenna's host: it stays unknown, and so
    # does everything that would follow from a host.
    slovakia = registry["antenna-slovakia"]
    assert slovakia.host is None
    assert slovakia.location is None
    assert registry.get("SKAIAT") is slovakia


def test_coverage_is_stated(registry: aifactories.Registry) -> None:
    coverage = registry.coverage
    assert coverage is not None
    assert registry.data_date is not None
    assert coverage.checked_until <= registry.data_date
    if coverage.most_checked_until is not None:
        assert coverage.most_checked_until <= coverage.checked_until


def _coverage_counts(registry: aifactories.Registry) -> dict[str, int]:
    def system(entry: aifactories.Entry) -> aifactories.Supercomputer | None:
        return entry.supercomputer if isinstance(entry, Factory) else None

    def count(test: Callable[[aifactories.Entry], object]) -> int:
        return sum(1 for entry in registry if test(entry))

    def every_source_kind(entry: aifactories.Entry) -> bool:
        return all(r.kind is not None for r in _records(entry) if isinstance(r, Source))

    return {
        "`website`": count(lambda e: e.website),
        "`access`": count(lambda e: e.access),
        "`location`": count(lambda e: e.location),
        "`location.site`": count(lambda e: e.location and e.location.site),
        "`host.ror`": count(lambda e: e.host and e.host.ror),
        "`stakeholders[].ror` (at least one)": count(
            lambda e: any(s.ror for s in e.stakeholders)
        ),
        "`grants`": count(lambda e: e.grants),
        "`supercomputer.accelerator_model`": count(
            lambda e: (s := system(e)) and s.accelerator_model
        ),
        "`supercomputer.accelerator_count`": count(
            lambda e: (s := system(e)) and s.accelerator_count
        ),
        "`supercomputer.performance`": count(
            lambda e: (s := system(e)) and s.performance
        ),
        "`supercomputer.top500`": count(lambda e: (s := system(e)) and s.top500),
        "`milestones` (entry or system)": count(
            lambda e: e.milestones or ((s := system(e)) and s.milestones)
        ),
        "`calls`": count(lambda e: e.calls),
        "every source has a `kind`": count(every_source_kind),
    }


def test_coverage_table_in_the_docs_matches_the_data(
    registry: aifactories.Registry,
) -> None:
    page = (ROOT / "docs" / "explanation" / "data-model.md").read_text(encoding="utf-8")
    table = page.split("<!-- coverage-table: begin -->")[1]
    table = table.split("<!-- coverage-table: end -->")[0]
    rows = [line.strip("|").split("|") for line in table.strip().splitlines()[2:]]
    documented = {field.strip(): int(number) for field, number in rows}
    assert documented == _coverage_counts(registry)
    assert f"{len(registry)} entries" in page


# -- the timeline --------------------------------------------------------------

_MONTH = (
    "(?:January|February|March|April|May|June|July|August|September|October"
    "|November|December)"
)
_DATED = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b(?:\d{{1,2}} )?{_MONTH} \d{{4}}\b"
    r"|\b(?:Q[1-4]|H[12]) \d{4}\b"
    r"|\b(?:in|by|from|since|until|of|early|mid|late)[ -](?:19|20)\d\d\b"
)
# Note fields whose dates are not events of an entry's life, each with why.
DATE_EXCEPTIONS: dict[str, str] = {
    "coverage": "says up to when sources were checked",
    "access": "describes the initiative-wide access modes",
    "conflicts": "a conflict's note weighs the disagreeing claims",
    "grants": "a grant's note gives its funding period",
    "funding": "a funding period, not an event",
    "faima-md.notes": "Moldova's accession to EuroHPC, not the antenna's",
    "uk-antenna-epcc.notes": "the UK's accession to EuroHPC, not the antenna's",
    "hunaifa.notes": "a national system outside the antenna",
    "hammerhai.notes": "the date of a user count, not an event",
    "performance": "a performance note dates the figure, not an event",
}


def _notes(registry: aifactories.Registry) -> Iterator[tuple[str, str, str]]:
    """Every note field: (entry id or "", dotted path, text)."""

    def walk(owner: str, path: str, value: object) -> Iterator[tuple[str, str, str]]:
        if isinstance(value, tuple | list):
            for item in value:
                yield from walk(owner, path, item)
        elif attrs.has(type(value)):
            for name, item in attrs.asdict(value, recurse=False).items():  # type: ignore[arg-type]
                where = f"{path}.{name}" if path else name
                if name in {"note", "notes"} and isinstance(item, str):
                    yield owner, where, item
                else:
                    yield from walk(owner, where, item)

    for entry in registry:
        yield from walk(entry.id, "", entry)
    yield from walk("", "access", registry.access)
    yield from walk("", "coverage", registry.coverage)
    for wave in registry.wave_records:
        yield from walk(wave.id, "", wave)


def test_no_dated_event_is_left_in_a_note(registry: aifactories.Registry) -> None:
    # Dated events are milestones; a date left in a note needs a reason.
    left = []
    for owner, path, text in _notes(registry):
        keys = {f"{owner}.{path}", *path.split(".")}
        if keys & set(DATE_EXCEPTIONS):
            continue
        left += [f"{owner} {path}: {m}" for m in _DATED.findall(text)]
    assert left == []


def test_date_exceptions_are_all_used(registry: aifactories.Registry) -> None:
    used = set()
    for owner, path, text in _notes(registry):
        if _DATED.search(text):
            used |= {f"{owner}.{path}", *path.split(".")}
    assert set(DATE_EXCEPTIONS) <= used


def _milestones(
    registry: aifactories.Registry,
) -> Iterator[tuple[str, aifactories.Milestone]]:
    for entry in registry:
        for milestone in entry.milestones:
            yield entry.id, milestone
        system = getattr(entry, "supercomputer", None)
        for milestone in system.milestones if system is not None else ():
            yield f"{entry.id} (system)", milestone
    for call in registry.gigafactory_calls:
        for milestone in call.milestones:
            yield call.id, milestone


def test_milestone_dates_are_the_first_day_of_their_period(
    registry: aifactories.Registry,
) -> None:
    wrong = [f"{o}: {m}" for o, m in _milestones(registry) if m.date != m.start]
    assert wrong == []


def test_only_planned_milestones_expect_and_all_of_them_do(
    registry: aifactories.Registry,
) -> None:
    planned = aifactories.MilestoneKind.PLANNED
    wrong = [
        f"{o}: {m}"
        for o, m in _milestones(registry)
        if (m.kind is planned) != (m.expects is not None) or m.expects is planned
    ]
    assert wrong == []


def test_past_events_are_not_in_the_future(registry: aifactories.Registry) -> None:
    assert registry.data_date is not None
    planned = aifactories.MilestoneKind.PLANNED
    future = [
        f"{o}: {m}"
        for o, m in _milestones(registry)
        if m.kind is not planned and m.start > registry.data_date
    ]
    assert future == []


def test_stale_lists_the_overdue_it4lia_partition(
    registry: aifactories.Registry,
) -> None:
    assert any(s.subject == "it4lia" for s in registry.stale())


# -- access and the gigafactory call -------------------------------------------


def test_unverified_names_real_fields(registry: aifactories.Registry) -> None:
    assert registry.access is not None
    names = {f.name for f in attrs.fields(AccessMode)}
    for mode in registry.access.modes:
        assert set(mode.unverified) <= names - {"id", "sources", "unverified"}
        for name in mode.unverified:
            assert getattr(mode, name) is not None, (mode.id, name)


def test_access_calls_say_where_to_apply(registry: aifactories.Registry) -> None:
    for entry in registry:
        for call in entry.calls:
            assert call.audience, (entry.id, call.name)
            assert call.url or entry.access, (entry.id, call.name)
            if call.opens and call.closes:
                assert call.opens <= call.closes


def test_gigafactory_positions_name_real_lots(registry: aifactories.Registry) -> None:
    for call in registry.gigafactory_calls:
        lots = {lot.number for lot in call.lots}
        assert len(lots) == len(call.lots)
        for position in call.positions:
            assert position.lot is None or position.lot in lots
        # A disputed deadline is recorded, not chosen.
        if any(c.field == "deadline" for c in call.conflicts):
            assert call.deadline is None


def test_single_secondary_positions_are_not_high(
    registry: aifactories.Registry,
) -> None:
    for call in registry.gigafactory_calls:
        for position in call.positions:
            kinds = {s.kind for s in position.sources}
            if kinds <= {SourceKind.SECONDARY} and len(position.sources) == 1:
                assert position.confidence is not aifactories.Confidence.HIGH
