"""The Registry's lookups, search, country, sector, link and time queries answer as
documented."""

from __future__ import annotations

import datetime as dt
import importlib
import typing
import unicodedata
from decimal import Decimal

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import aifactories
from aifactories import Antenna, Factory, NotFoundError, Registry, Sector
from aifactories._text import fold, is_ignorable


class TestLoad:
    """The bundled registry is one shared, immutable object of hashable records."""

    def test_load_is_cached_and_shared(self) -> None:
        assert aifactories.load() is aifactories.load()

    def test_registry_is_immutable(self, registry: Registry) -> None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            registry.factories = ()  # type: ignore[misc]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            registry["mimer"].name = "x"  # type: ignore[misc]
        assert isinstance(registry.factories, tuple)
        assert isinstance(registry["mimer"].aliases, tuple)
        assert isinstance(registry["mimer"].sectors, frozenset)

    def test_records_are_hashable(self, registry: Registry) -> None:
        assert len({*registry}) == len(registry)
        assert hash(registry) == hash(aifactories.loads(aifactories.dumps(registry)))


class TestCollection:
    """A registry iterates, counts and tests membership over its entries in id order."""

    def test_len_and_iteration_order(self, registry: Registry) -> None:
        entries = list(registry)
        assert (
            len(entries)
            == len(registry)
            == len(registry.factories) + len(registry.antennas)
        )
        assert entries == sorted(entries, key=lambda e: (e.selected_on, e.id))

    def test_factories_and_antennas(self, registry: Registry) -> None:
        assert registry.factories
        assert registry.antennas
        assert all(isinstance(f, Factory) for f in registry.factories)
        assert all(isinstance(a, Antenna) for a in registry.antennas)
        assert registry.of_kind("factory") == registry.factories
        assert registry.of_kind(aifactories.Kind.ANTENNA) == registry.antennas
        with pytest.raises(ValueError, match="gigafactory"):
            registry.of_kind("gigafactory")

    def test_contains(self, registry: Registry) -> None:
        assert "mimer" in registry
        assert "Nowhere AI" not in registry
        assert 3 not in registry


class TestGet:
    """``get`` and ``[]`` find an entry by id, name or alias, accents and punctuation
    aside."""

    @pytest.mark.parametrize(
        "key",
        [
            "mimer",
            "MIMER",
            "Mimer",
            " mimer ",
            "MIMER - The Swedish AI Innovation Factory",
        ],
    )
    def test_mimer_keys(self, registry: Registry, key: str) -> None:
        assert registry.get(key) is registry["mimer"]

    def test_official_name_and_alias(self, registry: Registry) -> None:
        assert registry["LUMI AI Factory"].id == "lumi-aif"
        assert registry["lumi aif"].id == "lumi-aif"

    def test_accents_are_ignored(self, registry: Registry) -> None:
        assert registry.get("Julich AI Factory") is registry["jaif"]
        accented = [(e, n) for e in registry for n in e.names if not n.isascii()]
        assert accented
        for entry, name in accented:
            bare = "".join(
                c
                for c in unicodedata.normalize("NFKD", name)
                if not unicodedata.combining(c)
            )
            assert registry.get(bare) is entry, name

    @given(st.text())
    @example("Mi\u00adme\u0301r\u200b \u02ff\u0300x\U000e0001")
    def test_keys_fold_character_by_character(self, text: str) -> None:
        # Names match folded: what the matching regex skips must be exactly
        # the marks and invisible characters, over the whole of Unicode.
        bare = "".join(
            c
            for c in unicodedata.normalize("NFKD", text)
            if not (unicodedata.combining(c) or is_ignorable(c))
        )
        assert fold(text) == " ".join(bare.casefold().split())

    def test_punctuation_fallback(self, registry: Registry) -> None:
        assert registry.get("lumi_aif") is registry["lumi-aif"]
        assert registry.get("AIAT") is registry.get("AI:AT")

    def test_missing_gives_none(self, registry: Registry) -> None:
        assert registry.get("atlantis") is None
        assert registry.get("") is None

    def test_non_string_key(self, registry: Registry) -> None:
        with pytest.raises(TypeError, match="strings"):
            registry.get(42)  # type: ignore[arg-type]

    def test_getitem_suggests(self, registry: Registry) -> None:
        with pytest.raises(NotFoundError) as info:
            registry["mimr"]
        assert isinstance(info.value, LookupError)
        assert info.value.key == "mimr"
        assert "MIMER - The Swedish AI Innovation Factory" in info.value.suggestions
        assert "did you mean" in str(info.value)

    def test_getitem_without_suggestion(self, registry: Registry) -> None:
        with pytest.raises(
            NotFoundError, match=r"no AI Factory or Antenna matches 'zzzzzz'$"
        ):
            registry["zzzzzz"]


class TestSearch:
    """``search`` returns a ranked list over names, places and hosts."""

    def test_city_without_accents(self, registry: Registry) -> None:
        assert registry.search("linkoping")[0].id == "mimer"

    def test_exact_name_ranks_first(self, registry: Registry) -> None:
        results = registry.search("pharos")
        assert results[0].id == "pharos"
        assert registry["pharos-cy"] in results

    def test_host_and_country(self, registry: Registry) -> None:
        assert registry["mimer"] in registry.search("Linköping University")
        finnish = registry.search("Finland")
        assert finnish
        assert all(e.country == "FI" for e in finnish[:1])

    def test_empty_and_no_match(self, registry: Registry) -> None:
        assert registry.search("") == []
        assert registry.search("   ") == []
        assert registry.search("qwertyuiop") == []

    def test_results_are_a_ranked_list(self, registry: Registry) -> None:
        results = registry.search("ai factory")
        assert isinstance(results, list)
        assert len(results) == len({e.id for e in results})


class TestNamesPeopleType:
    """The names people type resolve: system names, acronyms, official typos."""

    @pytest.mark.parametrize(
        ("key", "entry_id"),
        [
            ("LUMI", "lumi-aif"),
            ("lumi", "lumi-aif"),
            ("BSC", "bsc-aif"),
            ("JUPITER", "jaif"),
            ("MeluXina", "l-aif-meluxina-ai"),
            ("AIFNL", "nlaif"),
            ("ITA4LIA", "it4lia"),
            ("Sweden AI Factory", "mimer"),
            ("SKAIAT", "antenna-slovakia"),
        ],
    )
    def test_get(self, registry: Registry, key: str, entry_id: str) -> None:
        found = registry.get(key)
        assert found is not None
        assert found.id == entry_id

    @pytest.mark.parametrize(
        ("query", "entry_id"),
        [
            ("MareNostrum", "bsc-aif"),
            ("Alice Recoque", "ai2f"),
            ("alice", "ai2f"),
            ("DAEDALUS", "pharos"),
            ("Discoverer", "brainpp"),
            ("KarolAIna", "czai"),
        ],
    )
    def test_search_finds_supercomputer_names(
        self, registry: Registry, query: str, entry_id: str
    ) -> None:
        assert registry.search(query)[0].id == entry_id

    def test_search_finds_sites(self, registry: Registry) -> None:
        # Lavrio is DAEDALUS's site; Bettembourg a MeluXina-AI data centre.
        assert registry.search("Lavrio")[0].id == "pharos"
        assert registry.search("Bettembourg")[0].id == "l-aif-meluxina-ai"

    def test_search_finds_stakeholders(self, registry: Registry) -> None:
        assert registry.search("Charles University")[0].id == "czai"
        assert registry.search("IOCB")[0].id == "czai"

    def test_search_finds_focus_and_sectors(self, registry: Registry) -> None:
        for word, sector in (("robotics", Sector.ROBOTICS), ("energy", Sector.ENERGY)):
            found = registry.search(word)
            assert set(registry.with_sector(sector)) <= set(found)

    def test_sector_label_is_searchable(self, registry: Registry) -> None:
        label = aifactories.SECTOR_LABELS[Sector.LANGUAGE]
        assert set(registry.with_sector(Sector.LANGUAGE)) <= set(registry.search(label))


class TestSearchRanking:
    """An entry's own name outranks every other kind of hit, in order."""

    @staticmethod
    def _registry() -> Registry:
        from aifactories.testing import build_registry, make_factory

        system = aifactories.Supercomputer(status=aifactories.SystemStatus.NEW)
        # Each factory carries "orion" in one kind of field only.
        return build_registry(
            make_factory("by-topic", focus=("orion",)),
            make_factory(
                "by-stakeholder",
                stakeholders=(
                    aifactories.Stakeholder(
                        name="Orion", role=aifactories.Role.PARTNER
                    ),
                ),
            ),
            make_factory(
                "by-host",
                host=aifactories.Host(name="Orion", city="Uppsala"),
            ),
            make_factory("by-system", supercomputer=attrs.evolve(system, name="Orion")),
            make_factory("by-name", name="Orion"),
        )

    def test_kinds_rank_in_order(self) -> None:
        found = [e.id for e in self._registry().search("orion")]
        assert found == [
            "by-name",
            "by-system",
            "by-host",
            "by-stakeholder",
            "by-topic",
        ]

    def test_whole_text_beats_a_word(self) -> None:
        from aifactories.testing import build_registry, make_factory

        system = aifactories.Supercomputer(
            status=aifactories.SystemStatus.NEW, name="Orion Two"
        )
        registry = build_registry(
            make_factory("a-word", supercomputer=system),
            make_factory("b-whole", supercomputer=attrs.evolve(system, name="Orion")),
        )
        assert [e.id for e in registry.search("orion")] == ["b-whole", "a-word"]


class TestCountries:
    """Country queries take any common form of a name and follow partners and antenna
    links."""

    @pytest.mark.parametrize("country", ["SE", "se", "Sweden", "SWE", "sweden "])
    def test_in_country_forms(self, registry: Registry, country: str) -> None:
        assert registry.in_country(country) == (registry["mimer"],)

    def test_czechia_aliases(self, registry: Registry) -> None:
        assert registry.in_country("Czechia") == registry.in_country("Czech Republic")
        assert registry.in_country("CZ")

    def test_two_factories_in_one_country(self, registry: Registry) -> None:
        assert {e.id for e in registry.in_country("DE")} >= {"hammerhai", "jaif"}

    def test_known_country_without_entries(self, registry: Registry) -> None:
        assert registry.in_country("Japan") == ()
        assert registry.serving("JP") == ()

    @pytest.mark.parametrize("method", ["in_country", "serving"])
    def test_unknown_country(self, registry: Registry, method: str) -> None:
        with pytest.raises(ValueError, match="Atlantis"):
            getattr(registry, method)("Atlantis")

    def test_serving_includes_consortium_partners(self, registry: Registry) -> None:
        for entry in registry:
            for country in entry.partner_countries:
                assert entry in registry.serving(country)
            assert entry in registry.serving(entry.country)

    def test_serving_follows_antenna_links(self, registry: Registry) -> None:
        for antenna in registry.antennas:
            for factory in registry.linked_factories(antenna):
                assert factory in registry.serving(antenna.country)

    def test_serving_czechia(self, registry: Registry) -> None:
        ids = {e.id for e in registry.serving("Czechia")}
        assert "czai" in ids  # hosted there
        assert "lumi-aif" in ids  # Czechia is in the LUMI consortium


class TestSectors:
    """Sector queries take the vocabulary and its synonyms, and refuse anything else."""

    @pytest.mark.parametrize(
        "word",
        [
            "health",
            "healthcare",
            "medicine",
            "life sciences",
            "Health",
            pytest.param(Sector.HEALTH, id="enum"),
        ],
    )
    def test_health_synonyms(self, registry: Registry, word: str) -> None:
        found = registry.with_sector(word)
        assert registry["mimer"] in found
        assert found == registry.with_sector("health")

    def test_every_sector_query_matches_the_records(self, registry: Registry) -> None:
        for sector in Sector:
            assert registry.with_sector(sector) == tuple(
                e for e in registry if sector in e.sectors
            )

    def test_unknown_sector_lists_vocabulary(self, registry: Registry) -> None:
        with pytest.raises(ValueError, match=r"unknown sector 'knitting'.*health"):
            registry.with_sector("knitting")

    def test_every_synonym_resolves(self, registry: Registry) -> None:
        for sector, words in aifactories.SECTOR_SYNONYMS.items():
            for word in words:
                assert registry.with_sector(word) == registry.with_sector(sector)
            assert sector in aifactories.SECTOR_LABELS


class TestLinks:
    """Antenna-factory links resolve both ways, letters of intent apart."""

    def test_antennas_of_lumi(self, registry: Registry) -> None:
        ids = {a.id for a in registry.antennas_of("lumi-aif")}
        assert {"be-aifa", "aifa-lat", "iceland-antenna", "hearts-ch"} <= ids

    def test_record_or_key(self, registry: Registry) -> None:
        pharos = registry["pharos"]
        assert isinstance(pharos, Factory)
        assert registry.antennas_of(pharos) == registry.antennas_of("Pharos")

    def test_linked_factories(self, registry: Registry) -> None:
        serbia = registry["saifa-rs"]
        assert isinstance(serbia, Antenna)
        assert {f.id for f in registry.linked_factories(serbia)} == {"pharos", "it4lia"}

    def test_letters_of_intent_are_not_links(self, registry: Registry) -> None:
        hearts = registry["HEARTS"]
        assert isinstance(hearts, Antenna)
        assert "mimer" in hearts.letters_of_intent
        assert hearts not in registry.antennas_of("mimer")

    def test_wrong_kind(self, registry: Registry) -> None:
        with pytest.raises(ValueError, match="antenna, not a factory"):
            registry.antennas_of("saifa-rs")
        with pytest.raises(ValueError, match="factory, not an antenna"):
            registry.linked_factories("mimer")
        with pytest.raises(NotFoundError):
            registry.antennas_of("atlantis")


class TestTime:
    """Waves come in date order; ``as_of`` shows the registry as it stood that day."""

    def test_waves_in_order(self, registry: Registry) -> None:
        dates = [s.date for s in registry.waves]
        assert dates == sorted(dates)
        assert sum(len(s.entries) for s in registry.waves) == len(registry)
        for selection in registry.waves:
            assert all(e.wave == selection.id for e in selection.entries)

    def test_as_of(self, registry: Registry) -> None:
        first = registry.as_of(dt.date(2024, 12, 31))
        assert {e.wave for e in first} == {"W1"}
        assert [s.id for s in first.waves] == ["W1"]
        assert registry.as_of(dt.date(2024, 12, 9)).entries == ()
        assert registry.as_of(dt.date(2030, 1, 1)) == registry
        assert aifactories.validate(first) == []

    def test_as_of_is_inclusive(self, registry: Registry) -> None:
        assert registry["mimer"] in registry.as_of(dt.date(2024, 12, 10))

    def test_as_of_rejects_non_dates(self, registry: Registry) -> None:
        with pytest.raises(TypeError):
            registry.as_of("2025-01-01")  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            registry.as_of(dt.datetime(2025, 1, 1, tzinfo=dt.UTC))


@pytest.mark.parametrize(
    "module", ["aifactories", "aifactories.testing", "aifactories.testing.strategies"]
)
def test_dir_lists_the_public_names(module: str) -> None:
    imported = importlib.import_module(module)
    assert dir(imported) == sorted(imported.__all__)
    for name in dir(imported):
        getattr(imported, name)  # each one is there (lazy ones load)


class TestRecords:
    """Records and registries have short reprs and hold tuples, never lists."""

    def test_repr_is_attrs_style(self) -> None:
        money = aifactories.Money(Decimal("1.5"), "EUR")
        assert repr(money) == (
            "Money(amount=Decimal('1.5'), currency='EUR', "
            "qualifier=<Qualifier.EXACT: 'exact'>)"
        )

    def test_collections_become_tuples(self) -> None:
        host = aifactories.Host("X", sources=[aifactories.Source(url="https://x.eu")])
        assert isinstance(host.sources, tuple)
        assert hash(host) == hash(aifactories.Host("X", sources=host.sources))

    def test_registry_repr_is_short(self, registry: Registry) -> None:
        assert repr(registry) == (
            f"<Registry {registry.data_version}: {len(registry.factories)} factories, "
            f"{len(registry.antennas)} antennas>"
        )
        one = registry.as_of(registry.waves[0].date)
        ids = " ".join(entry.id for entry in one)
        assert repr(one) == (
            f"<Registry {one.data_version}: {len(one.factories)} factories, "
            f"0 antennas: {ids}>"
        )
        assert repr(registry["mimer"]) == (
            "<Factory 'mimer': 'MIMER - The Swedish AI Innovation Factory'>"
        )


@pytest.mark.parametrize(
    ("qualifier", "text"),
    [
        ("exact", "EUR 1,500,000"),
        ("about", "about EUR 1,500,000"),
        ("at-least", "at least EUR 1,500,000"),
        ("up-to", "up to EUR 1,500,000"),
    ],
)
def test_money_reads_well(qualifier: str, text: str) -> None:
    money = aifactories.Money(Decimal(1500000), "EUR", aifactories.Qualifier(qualifier))
    assert str(money) == text


class TestEquality:
    """Records are equal exactly when their class and every field are."""

    def test_equal_fields_equal_records(self, registry: Registry) -> None:
        for entry in registry:
            copy = attrs.evolve(entry)
            assert copy == entry
            assert not copy != entry  # noqa: SIM202 - __ne__ is ours, test it
            assert hash(copy) == hash(entry)

    def test_one_field_apart(self, registry: Registry) -> None:
        mimer = registry["mimer"]
        other = attrs.evolve(mimer, notes="different")
        assert other != mimer
        assert hash(other) != hash(mimer)

    def test_class_matters(self) -> None:
        source = aifactories.Source(url="https://x.eu")
        fields = {
            "id": "x",
            "name": "X",
            "wave": "W1",
            "selected_on": dt.date(2024, 12, 10),
            "country": "SE",
            "sources": [source],
        }
        assert Factory(**fields) != Antenna(**fields)  # type: ignore[arg-type]
        assert Factory(**fields) == Factory(**fields)  # type: ignore[arg-type]
        assert aifactories.Host("X") != typing.cast("object", "X")
        assert aifactories.Host("X").__eq__("X") is NotImplemented
