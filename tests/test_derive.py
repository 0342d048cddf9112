"""Strategies derived from the field declarations: every rule, type and field."""

from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

import aifactories
from _aifactories_hypothesis import record_types
from aifactories import Antenna, Factory, Registry
from aifactories._rules import (
    LATITUDE,
    LONGITUDE,
    POSITIVE,
    PROSE,
    ROR,
    RULES,
    SHARE,
    TEXT,
    URL,
    declare,
)
from aifactories._validate import _Checker, check_record, slots
from aifactories.testing import _derive
from aifactories.testing import strategies as aist


def test_every_rule_has_a_strategy() -> None:
    # And no strategy is left over from a rule that is gone.
    assert set(_derive.RULE_STRATEGIES) == {rule.name for rule in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
@given(data=st.data())
def test_rule_strategies_keep_their_rule(rule: Any, data: st.DataObject) -> None:
    value = data.draw(_derive.rule_draw(rule).strategy())
    assert rule.check(value) is None, value
    if isinstance(value, str) and rule not in {TEXT, PROSE}:
        # Codes and URLs are one-line text too.
        assert TEXT.check(value) is None, value


# The registry and its selections are drawn by hand, not from declarations.
MODEL_RECORDS = [c for c in record_types() if c.__module__ == "aifactories._model"]


@pytest.mark.parametrize("level", range(_derive.LEAN + 1))
@pytest.mark.parametrize("cls", MODEL_RECORDS, ids=lambda c: c.__name__)
def test_every_field_of_every_record_has_a_plan(cls: type, level: int) -> None:
    planned = [step.name for step in _derive.plan(cls, level)]
    assert planned == [slot.name for slot in slots(cls)]


def test_an_unknown_type_is_reported() -> None:
    @attrs.frozen
    class Odd:
        when: dt.time

    with pytest.raises(TypeError, match="no strategy for the type"):
        _derive.plan(Odd)


@attrs.frozen
class Site:
    """A record of the kind the model will grow.

    It has every type and rule the validator knows, none of them known to the
    strategies by name.
    """

    name: str
    latitude: Decimal = attrs.field(metadata=declare(LATITUDE))
    longitude: Decimal = attrs.field(metadata=declare(LONGITUDE))
    ror: str | None = attrs.field(default=None, metadata=declare(ROR))
    website: str | None = attrs.field(default=None, metadata=declare(URL))
    staff: int | None = attrs.field(default=None, metadata=declare(POSITIVE))
    racks: int = 0
    weight: Decimal | None = None
    share: Decimal | None = attrs.field(default=None, metadata=declare(SHARE))
    opened: dt.date | None = None
    public: bool = False
    tags: tuple[str, ...] = attrs.field(default=(), metadata=declare(unique=True))
    aliases: tuple[str, ...] = attrs.field(default=(), metadata=declare(min_items=1))


@given(_derive.derived_strategy(Site))
def test_a_new_record_class_is_drawn_from_its_declarations(site: Site) -> None:
    check = _Checker()
    check_record(check, "site", site)
    assert check.problems == []
    assert len(site.aliases) >= 1
    assert len(set(site.tags)) == len(site.tags)


def test_for_type_derives_classes_it_does_not_list() -> None:
    from aifactories.testing._strategies import for_type

    with pytest.raises(KeyError):
        for_type(Site)  # not ours
    assert for_type(Factory) is not None


# -- every field both ways -----------------------------------------------------------

# find() with no shrink phase returns the first hit; these settings let it
# look long enough, and skip shrinking what it finds.
FIND = settings(
    max_examples=500,
    database=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def _empty(value: object) -> bool:
    return value is None or value in ((), frozenset())


def _fields(cls: type) -> list[tuple[type, str]]:
    return [(cls, f.name) for f in attrs.fields(cls)]


ENTRY_FIELDS = _fields(Factory) + _fields(Antenna)


@pytest.mark.parametrize(
    ("cls", "name"), ENTRY_FIELDS, ids=[f"{c.__name__}.{n}" for c, n in ENTRY_FIELDS]
)
def test_every_entry_field_is_drawn_filled_and_empty(cls: type, name: str) -> None:
    if cls is Antenna and name in {"factories", "letters_of_intent"}:
        pytest.skip("links need factories to link to: see the registry test")
    strategy: st.SearchStrategy[Any] = st.from_type(cls)
    find(strategy, lambda entry: not _empty(getattr(entry, name)), settings=FIND)
    (slot,) = [slot for slot in slots(cls) if slot.name == name]
    collection = typing.get_origin(slot.kind) in {tuple, frozenset}
    if slot.optional or (collection and not slot.min_items):
        find(strategy, lambda entry: _empty(getattr(entry, name)), settings=FIND)


@pytest.mark.parametrize("name", ["factories", "letters_of_intent"])
def test_antenna_links_are_drawn_in_registries(name: str) -> None:
    def linked(registry: Registry) -> bool:
        return any(getattr(a, name) for a in registry.antennas)

    find(aist.registries(min_antennas=1, min_factories=2), linked, settings=FIND)


def _funded(registry: Registry) -> int:
    return sum(1 for entry in registry if entry.funding is not None)


def test_large_registries_keep_some_entries_rich() -> None:
    # Past the first entry the rest are lean, but their fields still appear.
    funded = aist.registries(min_size=30, max_size=35).map(_funded)
    find(funded, lambda count: count >= 5, settings=FIND)


@settings(max_examples=20)
@given(aist.registries(min_size=30, max_size=35))
def test_large_registries_are_valid_and_round_trip(registry: Registry) -> None:
    assert 30 <= len(registry) <= 35
    assert aifactories.validate(registry) == []
    assert aifactories.loads(aifactories.dumps(registry)) == registry
