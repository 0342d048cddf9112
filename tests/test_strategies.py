"""The Hypothesis strategies: everything drawn is valid, pins hold, types resolve."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import aifactories
import aifactories._codes
from aifactories import (
    Antenna,
    Claim,
    Conflict,
    Fact,
    Factory,
    Funding,
    FundingShare,
    Host,
    Kind,
    Money,
    Person,
    Registry,
    Selection,
    Source,
    Stakeholder,
    Supercomputer,
    Wave,
)
from aifactories.testing import build_registry, make_factory
from aifactories.testing import strategies as aist

# Registries are the slowest thing to draw; a quarter of the profile's
# examples still covers every rule, and the "ci" profile scales this up.
FEWER = settings(max_examples=max(10, settings().max_examples // 4))


def _embed(record: object) -> Registry:
    """A registry holding ``record`` where the format puts such a record."""
    placed: dict[type[Any], Any] = {
        Host: lambda r: make_factory(host=r),
        Stakeholder: lambda r: make_factory(stakeholders=[r]),
        FundingShare: lambda r: make_factory(funding=Funding(shares=[r])),
        Funding: lambda r: make_factory(funding=r),
        Money: lambda r: make_factory(funding=Funding(total=r)),
        Source: lambda r: make_factory(sources=[r]),
        Supercomputer: lambda r: make_factory(supercomputer=r),
        Claim: lambda r: make_factory(conflicts=[Conflict(topic="t", claims=[r, r])]),
        Conflict: lambda r: make_factory(conflicts=[r]),
        Person: lambda r: make_factory(people=[r]),
    }
    if isinstance(record, Registry):
        return record
    if isinstance(record, Wave):
        return Registry(data_version="test", wave_records=[record])
    if isinstance(record, Fact):
        return Registry(data_version="test", facts=[record])
    if isinstance(record, Factory | Antenna):
        return build_registry(record)
    return build_registry(placed[type(record)](record))


RECORD_TYPES = [
    Antenna,
    Claim,
    Conflict,
    Fact,
    Factory,
    Funding,
    FundingShare,
    Host,
    Money,
    Person,
    Source,
    Stakeholder,
    Supercomputer,
    Wave,
]


def test_every_public_record_class_has_a_strategy() -> None:
    from _aifactories_hypothesis import record_types
    from aifactories.testing import _strategies

    public = {
        obj
        for name in aifactories.__all__
        if isinstance(obj := getattr(aifactories, name), type) and attrs.has(obj)
    }
    for cls in public:
        assert _strategies.for_type(cls) is not None
    # The hook registers exactly those, without importing the strategies.
    assert set(record_types()) == public
    assert public >= {*RECORD_TYPES, Registry, Selection}


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_from_type_draws_valid_records(cls: type[Any], data: st.DataObject) -> None:
    record = data.draw(st.from_type(cls))
    assert type(record) is cls
    registry = _embed(record)
    assert aifactories.validate(registry) == []
    assert aifactories.loads(aifactories.dumps(registry)) == registry


@FEWER
@given(st.from_type(Registry))
def test_registries_are_valid_and_round_trip(registry: Registry) -> None:
    assert aifactories.validate(registry) == []
    assert aifactories.loads(aifactories.dumps(registry)) == registry


@FEWER
@given(aist.registries(min_size=1, max_size=6))
def test_every_name_of_a_drawn_registry_finds_its_entry(registry: Registry) -> None:
    for entry in registry:
        for key in (entry.id, *entry.names):
            assert registry[key] is entry, key


@FEWER
@given(aist.registries(min_antennas=1))
def test_drawn_antenna_links_resolve(registry: Registry) -> None:
    factory_ids = {f.id for f in registry.factories}
    for antenna in registry.antennas:
        assert set(antenna.factories) <= factory_ids
        assert set(antenna.letters_of_intent) <= factory_ids - set(antenna.factories)
        assert registry.linked_factories(antenna) == tuple(
            registry[i] for i in antenna.factories
        )


@FEWER
@given(st.from_type(Selection))
def test_selections_hold_their_wave_entries(selection: Selection) -> None:
    for entry in selection.entries:
        assert entry.wave == selection.id
        assert entry.selected_on == selection.date
        assert entry.kind is selection.wave.kind


class TestPins:
    """Every pin and size a strategy takes holds in what it draws."""

    @FEWER
    @given(aist.registries(min_size=2, max_size=4, kind="antenna", country="Finland"))
    def test_registry_size_kind_and_country(self, registry: Registry) -> None:
        assert 2 <= len(registry) <= 4
        assert registry.factories == ()
        assert {e.country for e in registry} == {"FI"}
        assert "FI" not in {c for e in registry for c in e.partner_countries}

    @FEWER
    @given(aist.registries(min_factories=2, min_antennas=1, max_size=3))
    def test_registry_minimum_counts(self, registry: Registry) -> None:
        assert len(registry.factories) == 2
        assert len(registry.antennas) == 1

    @given(
        aist.factories(
            id="x-1",
            name="Custom",
            aliases=["Other"],
            country="se",
            wave="W9",
            host=st.none(),
            funding=st.none(),
        )
    )
    def test_factory_fields(self, factory: Factory) -> None:
        assert (factory.id, factory.name, factory.aliases) == (
            "x-1",
            "Custom",
            ("Other",),
        )
        assert (factory.country, factory.wave) == ("SE", "W9")
        assert factory.host is None
        assert factory.funding is None

    @given(aist.antennas(factory_ids=["a", "b", "c"]))
    def test_antenna_links_come_from_the_given_ids(self, antenna: Antenna) -> None:
        assert set(antenna.factories) | set(antenna.letters_of_intent) <= {
            "a",
            "b",
            "c",
        }
        assert not set(antenna.factories) & set(antenna.letters_of_intent)

    @given(aist.funding_splits(min_size=2, max_size=5, places=3))
    def test_splits_add_up_to_exactly_one(
        self, split: tuple[FundingShare, ...]
    ) -> None:
        assert 2 <= len(split) <= 5
        shares = [s.share for s in split]
        assert all(s is not None and 0 < s <= 1 for s in shares)
        assert sum(s for s in shares if s is not None) == 1

    @given(aist.fundings())
    def test_fundings_never_exceed_one(self, funding: Funding) -> None:
        assert sum(s.share for s in funding.shares if s.share is not None) <= 1

    @given(aist.money(currency="EUR"), aist.waves(kind="antenna", id="A9"))
    def test_money_and_wave_fields(self, money: Money, wave: Wave) -> None:
        assert money.currency == "EUR"
        assert money.amount >= 0
        assert (wave.kind, wave.id) == (Kind.ANTENNA, "A9")

    @given(aist.sources(seed=True))
    def test_seed_sources_quote_verbatim(self, source: Source) -> None:
        assert source.url is None
        assert source.seed is not None
        assert source.quote is not None
        assert source.quote.strip()
        assert source.quote in aifactories.seed_text(source.seed)

    @given(aist.sources(seed=False))
    def test_web_sources(self, source: Source) -> None:
        assert source.seed is None
        assert source.url is not None
        assert source.url.startswith("https://")

    @given(
        aist.fundings(total=st.none(), shares=aist.funding_splits(min_size=2)),
        aist.money(max_amount=5),
    )
    def test_record_pins(self, funding: Funding, money: Money) -> None:
        assert funding.total is None
        assert len(funding.shares) >= 2
        assert 0 <= money.amount <= 5

    @given(aist.fundings(shares=()))
    def test_plain_pins(self, funding: Funding) -> None:
        assert funding.shares == ()

    @FEWER
    @given(aist.registries(min_size=1, max_size=3, kind="factory"))
    def test_factories_only(self, registry: Registry) -> None:
        assert registry.antennas == ()
        assert 1 <= len(registry.factories) <= 3

    @given(aist.entries(kind="factory"), aist.entries(kind=Kind.ANTENNA, country="DE"))
    def test_entry_kinds(
        self, factory: Factory | Antenna, antenna: Factory | Antenna
    ) -> None:
        assert isinstance(factory, Factory)
        assert isinstance(antenna, Antenna)
        assert antenna.country == "DE"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: aist.registries(min_size=3, max_size=2), "max_size=2"),
        (lambda: aist.registries(min_size=-1), "min_size=-1"),
        (lambda: aist.registries(kind="gigafactory"), "kind='gigafactory'"),
        (lambda: aist.registries(country="Atlantis"), "Atlantis"),
        (
            lambda: aist.registries(min_factories=3, min_antennas=3),
            "more than max_size",
        ),
        (lambda: aist.registries(kind="factory", min_antennas=1), "contradicts"),
        (lambda: aist.factories(country="XX"), "country='XX'"),
        (lambda: aist.factories(aliases="Mimer"), "aliases='Mimer'"),
        (lambda: aist.antennas(factory_ids="mimer"), "factory_ids='mimer'"),
        (lambda: aist.funding_splits(max_size=101), "at most 100"),
        (lambda: aist.funding_splits(min_size=0), "min_size=0"),
        (lambda: aist.money(currency="ZZZ"), "ISO 4217"),
        (lambda: aist.invalid_registries(rule="nope"), "rule='nope'"),  # type: ignore[arg-type]
    ],
)
def test_bad_arguments_fail_when_called(make: Any, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        make()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: aist.factories(id="Bad Id"),
            "id='Bad Id' is not a valid pin: id: 'Bad Id' is not a lower-case slug",
        ),
        (
            lambda: aist.antennas(name=" "),
            "name=' ' is not a valid pin: name: must not be empty",
        ),
        (
            lambda: aist.factories(aliases=["ok", ""]),
            "aliases=('ok', '') is not a valid pin: aliases[1]: must not be empty",
        ),
        (
            lambda: aist.waves(id=" "),
            "id=' ' is not a valid pin: id: must not be empty",
        ),
        (
            lambda: aist.factories(host=Host(name="")),
            "is not a valid pin: host.name: must not be empty",
        ),
    ],
)
def test_invalid_pins_are_refused_with_the_rule(make: Any, message: str) -> None:
    # A pin is drawn as given: an invalid one would make every record invalid.
    with pytest.raises(InvalidArgument) as caught:
        make()
    assert message in str(caught.value)


def test_a_pin_with_more_problems_than_the_budget_is_refused_too() -> None:
    # Past MAX_PROBLEMS the check stops, and says so, instead of escaping.
    with pytest.raises(InvalidArgument) as caught:
        aist.factories(aliases=[""] * (aifactories.MAX_PROBLEMS + 1))
    assert str(caught.value).endswith("$: … and more problems; checking stopped there")


def test_seed_only_sources_need_seed_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    from aifactories.testing import _strategies

    monkeypatch.setattr(_strategies, "_quote_starts", tuple)
    with pytest.raises(InvalidArgument, match="no seed documents"):
        aist.sources(seed=True)


def test_strategies_without_hypothesis_name_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib

    for name in ("aifactories.testing.strategies", "aifactories.testing._strategies"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    with pytest.raises(ImportError, match=r"pip install 'aifactories\[testing\]'"):
        importlib.import_module("aifactories.testing.strategies")


def _run(code: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_importing_the_library_imports_no_test_tools() -> None:
    _run(
        """
        import sys
        import aifactories, aifactories.testing
        from aifactories.testing import break_rule, build_registry, make_factory
        build_registry(make_factory())
        heavy = {"hypothesis", "pytest", "_pytest"} & set(sys.modules)
        assert not heavy, heavy
        """
    )
