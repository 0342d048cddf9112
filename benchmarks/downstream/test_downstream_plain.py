"""The downstream suite of ``test_downstream_aifactories.py`` on plain attrs classes.

The same 20 tests, with small attrs classes drawn by Hypothesis's own
``st.builds``/``st.from_type`` inference and plain fixtures: the baseline
``bench_testing.py`` compares with.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st


@attrs.frozen
class Source:
    url: str
    supports: str | None = None


@attrs.frozen
class Host:
    name: str
    city: str | None = None


@attrs.frozen
class Money:
    amount: int
    currency: str


@attrs.frozen
class Entry:
    id: str
    name: str
    country: str
    kind: str
    aliases: tuple[str, ...] = ()
    partner_countries: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    host: Host | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@attrs.frozen
class Registry:
    entries: tuple[Entry, ...] = ()

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, key: str) -> Entry:
        return next(e for e in self.entries if e.id == key)


def served(registry: Registry) -> set[str]:
    return {c for e in registry for c in (e.country, *e.partner_countries)}


def _registry(entries: list[Entry]) -> Registry:
    return Registry(tuple({e.id: e for e in entries}.values()))


registries = st.lists(st.from_type(Entry), max_size=5).map(_registry)


@pytest.fixture(scope="session")
def plain_registry() -> Registry:
    return Registry(
        (Entry("a", "A", "SE", "factory"), Entry("b", "B", "FI", "antenna"))
    )


@pytest.fixture(scope="session")
def make_registry() -> type[Registry]:
    return Registry


@given(st.from_type(Entry))
def test_01_factory_country(entry: Entry) -> None:
    assert isinstance(entry.country, str)


@given(st.from_type(Entry))
def test_02_factory_names(entry: Entry) -> None:
    assert entry.names[0] == entry.name


@given(st.from_type(Entry))
def test_03_factory_sources(entry: Entry) -> None:
    assert isinstance(entry.sources, tuple)


@given(st.from_type(Entry))
def test_04_antenna_partners(entry: Entry) -> None:
    assert isinstance(entry.partner_countries, tuple)


@given(st.from_type(Entry))
def test_05_antenna_links(entry: Entry) -> None:
    assert isinstance(entry.aliases, tuple)


@given(registries)
def test_06_lookup_by_id(registry: Registry) -> None:
    for entry in registry:
        assert registry[entry.id] is entry


@given(registries)
def test_07_counts(registry: Registry) -> None:
    assert len(registry) == len(registry.entries)


@given(registries)
def test_08_served(registry: Registry) -> None:
    assert {e.country for e in registry} <= served(registry)


@given(registries, st.sampled_from(["SE", "FI", "DE"]))
def test_09_serving(registry: Registry, country: str) -> None:
    assert all(country in served(registry) for e in registry if e.country == country)


@given(st.from_type(Money))
def test_10_money(money: Money) -> None:
    assert isinstance(money.amount, int)


@given(st.from_type(Source))
def test_11_sources(source: object) -> None:
    assert source is not None


@given(st.from_type(Host))
def test_12_hosts(host: object) -> None:
    assert host is not None


@given(st.from_type(Host))
def test_13_stakeholders(stakeholder: object) -> None:
    assert stakeholder is not None


@given(st.from_type(Entry))
def test_14_make_registry(make_registry: type[Registry], entry: Entry) -> None:
    registry = make_registry((entry,))
    assert registry[entry.id] is entry


@given(st.data())
def test_15_real_entries(plain_registry: Registry, data: st.DataObject) -> None:
    entry = data.draw(st.sampled_from(list(plain_registry)))
    assert plain_registry[entry.id] is entry


@given(st.from_type(Entry))
def test_16_real_and_drawn(plain_registry: Registry, entry: Entry) -> None:
    assert served(plain_registry) | {entry.country}


@given(st.lists(st.from_type(Entry), max_size=3).map(_registry))
def test_17_waves(registry: Registry) -> None:
    assert all(entry.kind is not None for entry in registry)


@given(registries)
def test_18_any_registry(registry: Registry) -> None:
    assert served(registry) >= {e.country for e in registry}


@given(st.from_type(Entry))
def test_19_entries(entry: Entry) -> None:
    assert isinstance(entry.kind, str)


@given(st.lists(st.from_type(Money), min_size=1, max_size=4))
def test_20_splits(split: list[Money]) -> None:
    assert split
