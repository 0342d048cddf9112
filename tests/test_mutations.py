"""break_rule: invalid copies that break exactly the named rule, and the builders."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, get_args

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import aifactories
from aifactories import (
    Antenna,
    Factory,
    Kind,
    Registry,
    RegistryDataError,
    Sector,
    Wave,
)
from aifactories._convert import converter
from aifactories.testing import (
    PLACEHOLDER_SOURCE,
    RULES,
    BrokenDocument,
    Rule,
    break_rule,
    build_registry,
    make_antenna,
    make_factory,
)
from aifactories.testing import strategies as aist
from aifactories.testing._mutations import minimum_counts

# What validate() says when each rule is broken; every problem of a broken
# copy must match its rule's pattern, so no other rule broke by accident.
PATTERNS: dict[Rule, str] = {
    "id-not-slug": r"\.id: .* is not a lower-case slug",
    "blank-name": r"\.name: must not be empty",
    "unknown-country": r"\.country: 'ZZ' is not an ISO 3166-1 alpha-2 country code",
    "partner-repeats-country": r"\.partner_countries\[\d+\]: repeats the host country",
    "no-sources": r"\.sources: needs at least one source",
    "bad-url": r"\.sources\[\d+\]\.url: .* is not an http\(s\) URL",
    "source-without-origin": r"\.sources\[\d+\]: needs exactly one of 'url' and 'seed'",
    "misquoted-seed": r"\.sources\[\d+\]\.quote: not found verbatim in seed",
    "unknown-currency": r"\.funding\.total\.currency: 'ZZZ' is not an ISO 4217",
    "negative-amount": r"\.funding\.total\.amount: must not be negative",
    "share-out-of-range": r"\.funding\.shares\[\d+\]\.share: must be in \(0, 1\]",
    "shares-over-one": r"\.funding\.shares: shares add up to .*, more than 1",
    "conflict-with-one-claim": r"\.conflicts\[\d+\]\.claims: needs at least 2 claims",
    "wave-date-mismatch": r"\.selected_on: .* differs from wave",
    "duplicate-id": r"\.id: (duplicate id|.* already names)",
    "duplicate-name": r"\.aliases\[\d+\]: .* already names",
    "unknown-wave": r"\.wave: no wave with id",
    "wave-kind-mismatch": r"\.wave: wave .* selects (factory|antenna) entries",
    "dangling-link": r"\.factories\[\d+\]: no factory with id 'no-such-factory",
    "link-to-antenna": r"\.factories\[\d+\]: .* is an antenna, not a factory",
    "duplicate-link": r"\.(factories|letters_of_intent)\[\d+\]: .* is listed twice",
}

# The rules about how records relate; the others can break a lone entry.
RELATIONAL: list[Rule] = [
    "duplicate-id",
    "duplicate-name",
    "unknown-wave",
    "wave-kind-mismatch",
    "dangling-link",
    "link-to-antenna",
    "duplicate-link",
]
ENTRY_RULES = [r for r in RULES if r not in RELATIONAL]


def _assert_breaks(broken: BrokenDocument, rule: Rule) -> None:
    assert isinstance(broken, dict)
    # The problems reach a user who loads the broken data from a file.
    with pytest.raises(RegistryDataError) as caught:
        aifactories.loads(json.dumps(broken))
    problems = caught.value.errors
    assert problems, f"{rule} broke nothing"
    for problem in problems:
        assert re.search(PATTERNS[rule], problem), (rule, problem)


def _placed(valid: Registry, entry: Factory | Antenna) -> BrokenDocument:
    """The document of ``valid`` with ``entry`` in place of its one entry."""
    document: BrokenDocument = json.loads(aifactories.dumps(valid))
    kind = "factories" if isinstance(entry, Factory) else "antennas"
    return document | {kind: [converter().unstructure(entry)]}


def test_every_rule_is_named_described_and_checked() -> None:
    assert set(RULES) == set(get_args(Rule)) == set(PATTERNS)
    assert all(description.strip() for description in RULES.values())


@pytest.mark.parametrize("rule", list(RULES))
def test_rule_breaks_the_bundled_registry(rule: Rule, registry: Registry) -> None:
    _assert_breaks(break_rule(registry, rule), rule)


@settings(max_examples=max(21, settings().max_examples // 2))
@given(st.data())
def test_rule_breaks_any_registry(data: st.DataObject) -> None:
    rule = data.draw(st.sampled_from(list(RULES)), label="rule")
    min_factories, min_antennas = minimum_counts(rule)
    registry = data.draw(
        aist.registries(min_factories=min_factories, min_antennas=min_antennas)
    )
    _assert_breaks(break_rule(registry, rule), rule)


def test_duplicate_name_when_an_antenna_sorts_before_the_factories() -> None:
    # Found by Hypothesis: on one date, antenna "0" sorts before factory
    # "00", but validate() reads factories first; the alias must go to the
    # entry it reports, whatever the sort order.
    day = dt.date(2000, 1, 1)
    src = (aifactories.Source(url="https://0.example/0"),)
    registry = Registry(
        data_version="0",
        wave_records=[
            Wave(id="f", name="f", kind=Kind.FACTORY, announced=day, sources=src),
            Wave(id="a", name="a", kind=Kind.ANTENNA, announced=day, sources=src),
        ],
        factories=[
            Factory(id=i, name=n, wave="f", selected_on=day, country="AD", sources=src)
            for i, n in (("00", "two"), ("000", "three"))
        ],
        antennas=[
            Antenna(
                id="0",
                name="four",
                wave="a",
                selected_on=day,
                country="AD",
                sources=src,
            )
        ],
    )
    assert aifactories.validate(registry) == []
    assert registry.entries[0].id == "0"
    _assert_breaks(break_rule(registry, "duplicate-name"), "duplicate-name")


@given(st.sampled_from(ENTRY_RULES), st.from_type(Factory) | st.from_type(Antenna))
def test_broken_entry_breaks_where_it_stood(
    rule: Rule, entry: Factory | Antenna
) -> None:
    valid = build_registry(entry)
    broken = break_rule(entry, rule)
    assert type(broken) is type(entry)
    # Put the copy where the original stood: same waves, same place.
    _assert_breaks(_placed(valid, broken), rule)


@settings(max_examples=max(10, settings().max_examples // 4))
@given(aist.invalid_registries())
def test_invalid_registries_strategy(document: BrokenDocument) -> None:
    with pytest.raises(RegistryDataError):
        aifactories.loads(json.dumps(document))


@settings(max_examples=max(10, settings().max_examples // 4))
@given(aist.invalid_registries(rule="dangling-link"))
def test_invalid_registries_for_one_rule(document: BrokenDocument) -> None:
    _assert_breaks(document, "dangling-link")


class TestBreakRuleErrors:
    """Misuse of break_rule is refused with a message naming what it needs."""

    def test_unknown_rule_lists_the_rules(self, registry: Registry) -> None:
        with pytest.raises(ValueError, match=r"unknown rule 'nope'.*dangling-link"):
            break_rule(registry, "nope")  # type: ignore[call-overload]

    @pytest.mark.parametrize("rule", RELATIONAL)
    def test_relational_rules_need_a_registry(self, rule: Rule) -> None:
        with pytest.raises(ValueError, match="break it in a Registry, not a Factory"):
            break_rule(make_factory(), rule)

    @pytest.mark.parametrize(
        ("rule", "registry", "needs"),
        [
            ("no-sources", Registry(data_version="x"), "an entry"),
            ("unknown-wave", Registry(data_version="x"), "an entry"),
            ("wave-kind-mismatch", Registry(data_version="x"), "an entry"),
            ("duplicate-name", build_registry(make_factory()), "two entries"),
            (
                "duplicate-id",
                build_registry(make_factory("a"), make_antenna("b")),
                "two factories or two antennas",
            ),
            ("dangling-link", build_registry(make_factory()), "an antenna"),
            ("link-to-antenna", build_registry(make_factory()), "an antenna"),
            ("duplicate-link", build_registry(make_antenna()), "an antenna and a"),
        ],
    )
    def test_missing_structure_is_named(
        self, rule: Rule, registry: Registry, needs: str
    ) -> None:
        with pytest.raises(ValueError, match=f"needs a registry with {needs}"):
            break_rule(registry, rule)

    @pytest.mark.parametrize("target", [{"factories": []}, "mimer", None])
    def test_wrong_target_names_what_it_takes(self, target: object) -> None:
        with pytest.raises(TypeError) as caught:
            break_rule(target, "no-sources")  # type: ignore[call-overload]
        message = str(caught.value)
        assert message.startswith(
            "break_rule() breaks a Registry, a Factory or an Antenna, not "
        ), message
        if isinstance(target, dict):
            assert message.endswith("load it first: aifactories.loads(text)")

    def test_misquoted_seed_needs_seeds(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from aifactories.testing import _mutations

        monkeypatch.setattr(_mutations, "seed_names", tuple)
        with pytest.raises(ValueError, match="needs seed documents"):
            break_rule(make_factory(), "misquoted-seed")


class TestBuilders:
    """make_factory, make_antenna and build_registry make valid, linked records."""

    def test_made_records_are_valid_and_linked(self) -> None:
        registry = build_registry(
            make_factory("alpha"), make_antenna("beta", factories=["alpha"])
        )
        assert aifactories.validate(registry) == []
        assert [a.id for a in registry.antennas_of("alpha")] == ["beta"]
        assert registry["Test factory alpha"].sources == (PLACEHOLDER_SOURCE,)
        assert {(w.id, w.kind) for w in registry.wave_records} == {
            ("test-factories", Kind.FACTORY),
            ("test-antennas", Kind.ANTENNA),
        }

    def test_given_waves_are_kept(self) -> None:
        wave = Wave(
            id="W1",
            name="Mine",
            kind=Kind.FACTORY,
            announced=dt.date(2030, 1, 1),
            sources=[PLACEHOLDER_SOURCE],
        )
        factory = make_factory(wave="W1", selected_on=dt.date(2030, 1, 1))
        assert build_registry(factory, wave).wave_records == (wave,)

    def test_records_that_break_rules_raise_with_every_problem(self) -> None:
        with pytest.raises(RegistryDataError) as caught:
            build_registry(
                make_factory("alpha", country="XX"),
                make_antenna("beta", factories=["gamma"]),
            )
        assert caught.value.errors == (
            "factories[0].country: 'XX' is not an ISO 3166-1 alpha-2 country code",
            "antennas[0].factories[0]: no factory with id 'gamma'",
        )
        assert "build_registry()" in str(caught.value)

    def test_a_broken_registry_is_a_document_never_a_registry(self) -> None:
        broken = break_rule(build_registry(make_factory()), "unknown-country")
        assert isinstance(broken, dict)
        assert broken["factories"][0]["country"] == "ZZ"

    def test_base_records_are_replaced_by_id(self, registry: Registry) -> None:
        mimer = registry["mimer"]
        assert isinstance(mimer, Factory)
        moved = attrs.evolve(mimer, notes="changed for a test")
        extended = build_registry(moved, make_factory("new-one"), base=registry)
        assert extended["mimer"] == moved
        assert len(extended) == len(registry) + 1
        assert extended.data_version == registry.data_version
        added = {w.id for w in extended.wave_records} - {
            w.id for w in registry.wave_records
        }
        assert added == {"test-factories"}

    @pytest.mark.parametrize(
        ("field", "value"),
        [("factories", "alpha"), ("letters_of_intent", "alpha"), ("aliases", "AI")],
    )
    def test_one_string_for_a_collection_is_a_type_error(
        self, field: str, value: str
    ) -> None:
        changes: dict[str, Any] = {field: value}
        with pytest.raises(TypeError) as caught:
            make_antenna("b", **changes)
        assert str(caught.value).startswith(
            f"{field}={value!r}: takes a collection of "
        )
        assert str(caught.value).endswith(f"pass {field}=[{value!r}]")

    def test_a_sector_by_value_is_the_sector(self) -> None:
        factory = make_factory(sectors=["health"])  # type: ignore[list-item]
        assert factory.sectors == frozenset({Sector.HEALTH})

    @pytest.mark.parametrize(
        ("label", "sector"),
        [("Health", "HEALTH"), ("helth", "HEALTH"), ("pharma", "BIOTECH")],
    )
    def test_a_sector_label_names_the_sector(self, label: str, sector: str) -> None:
        with pytest.raises(ValueError, match="did you mean") as caught:
            make_factory(sectors=[label])  # type: ignore[list-item]
        assert str(caught.value) == (
            f"sectors: {label!r} is not a Sector; did you mean Sector.{sector}?"
        )

    def test_an_unknown_sector_lists_the_sectors_without_it(self) -> None:
        with pytest.raises(ValueError, match="the sectors are") as caught:
            make_factory(sectors=["zzz"])  # type: ignore[list-item]
        message = str(caught.value)
        assert message.startswith("sectors: 'zzz' is not a Sector; the sectors are ")
        listed = message.split("the sectors are ", 1)[1]
        assert listed == ", ".join(repr(s.value) for s in Sector)
        assert "zzz" not in listed

    def test_other_records_are_refused(self) -> None:
        with pytest.raises(TypeError, match="not str"):
            build_registry("mimer")  # type: ignore[arg-type]
