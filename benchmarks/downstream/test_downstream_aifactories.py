"""A downstream suite: 20 property tests mixing aifactories' fixtures and strategies.

``bench_testing.py`` times it against ``test_downstream_plain.py``, the same
tests on plain attrs classes; ``tests/test_bench_samples.py`` checks that
both pass. Default Hypothesis settings; the fixtures come from the
auto-loaded plugin, so there is no ``conftest.py``.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from aifactories import Antenna, Factory, Host, Money, Registry, Stakeholder
from aifactories.testing import MakeRegistry
from aifactories.testing import strategies as aist


def served(registry: Registry) -> set[str]:
    """The code under test: every country an entry of ``registry`` serves."""
    return {c for e in registry for c in (e.country, *e.partner_countries)}


@given(st.from_type(Factory))
def test_01_factory_country(factory: Factory) -> None:
    assert len(factory.country) == 2


@given(st.from_type(Factory))
def test_02_factory_names(factory: Factory) -> None:
    assert factory.names[0] == factory.name


@given(st.from_type(Factory))
def test_03_factory_sources(factory: Factory) -> None:
    assert factory.sources


@given(st.from_type(Antenna))
def test_04_antenna_partners(antenna: Antenna) -> None:
    assert antenna.country not in antenna.partner_countries


@given(st.from_type(Antenna))
def test_05_antenna_links(antenna: Antenna) -> None:
    assert not set(antenna.factories) & set(antenna.letters_of_intent)


@given(aist.registries())
def test_06_lookup_by_id(registry: Registry) -> None:
    for entry in registry:
        assert registry[entry.id] is entry


@given(aist.registries())
def test_07_counts(registry: Registry) -> None:
    assert len(registry) == len(registry.factories) + len(registry.antennas)


@given(aist.registries(min_factories=1))
def test_08_served(registry: Registry) -> None:
    assert {f.country for f in registry.factories} <= served(registry)


@given(aist.registries(), st.sampled_from(["SE", "FI", "DE"]))
def test_09_serving(registry: Registry, country: str) -> None:
    assert all(country in served(registry) for _ in registry.serving(country))


@given(st.from_type(Money))
def test_10_money(money: Money) -> None:
    assert money.amount >= 0


@given(aist.sources())
def test_11_sources(source: object) -> None:
    assert source is not None


@given(st.from_type(Host))
def test_12_hosts(host: object) -> None:
    assert host is not None


@given(st.from_type(Stakeholder))
def test_13_stakeholders(stakeholder: object) -> None:
    assert stakeholder is not None


@given(st.from_type(Factory))
def test_14_make_registry(aif_make_registry: MakeRegistry, factory: Factory) -> None:
    registry = aif_make_registry(factory)
    assert registry[factory.id] is factory


@given(st.data())
def test_15_real_entries(aif_session_registry: Registry, data: st.DataObject) -> None:
    entry = data.draw(st.sampled_from(list(aif_session_registry)))
    assert aif_session_registry[entry.id] is entry


@given(st.from_type(Factory))
def test_16_real_and_drawn(aif_session_registry: Registry, factory: Factory) -> None:
    assert served(aif_session_registry) | {factory.country}


@given(aist.registries(max_size=3))
def test_17_waves(registry: Registry) -> None:
    waves = {wave.id for wave in registry.waves}
    assert all(entry.wave in waves for entry in registry)


@given(st.from_type(Registry))
def test_18_any_registry(registry: Registry) -> None:
    assert served(registry) >= {e.country for e in registry}


@given(aist.entries())
def test_19_entries(entry: Factory | Antenna) -> None:
    assert entry.kind in {"factory", "antenna"}


@given(aist.funding_splits())
def test_20_splits(split: tuple[object, ...]) -> None:
    assert split
