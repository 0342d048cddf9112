"""Hand-built registries: validate() must catch what loads(dumps()) rejects.

Also regressions for the exceptions' pickling and small formatting bugs.
"""

from __future__ import annotations

import copy
import gc
import pickle
import threading
from decimal import Decimal
from typing import Any

import attrs
import pytest

import aifactories
from aifactories import Funding, FundingShare, Money, Registry
from aifactories._text import short
from aifactories.testing import build_registry, make_antenna, make_factory
from aifactories.testing._records import registry_fields


def _hand_built(**fields: Any) -> Registry:
    # Unchecked, for the validator: build_registry() refuses what breaks a
    # rule, and make_factory() what it can tell is wrong.
    return Registry(**registry_fields(attrs.evolve(make_factory(), **fields)))


def _problems(**fields: Any) -> list[str]:
    return aifactories.validate(_hand_built(**fields))


def _round_trips(registry: Registry) -> bool:
    try:
        return aifactories.loads(aifactories.dumps(registry)) == registry
    except (aifactories.RegistryDataError, AttributeError):
        return False


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"sectors": ["health"]}, "sectors: 'health' is not a Sector"),
        ({"confidence": "sure"}, "confidence: 'sure' is not a Confidence"),
        (
            {"stakeholders": [aifactories.Stakeholder("X", "boss")]},  # type: ignore[arg-type]
            "stakeholders[0].role: 'boss' is not a Role",
        ),
        (
            {"supercomputer": aifactories.Supercomputer("shiny")},  # type: ignore[arg-type]
            "supercomputer.status: 'shiny' is not a SystemStatus",
        ),
        (
            {"funding": Funding(total=Money(Decimal("1E+40"), "EUR"))},
            "funding.total.amount: Decimal('1E+40') is out of range",
        ),
        (
            {"funding": Funding(shares=[FundingShare("X", "eu")])},  # type: ignore[arg-type]
            "funding.shares[0].kind: 'eu' is not a FunderKind",
        ),
        ({"name": "Bad \ud800 name"}, "name: contains a lone surrogate"),
        ({"partner_countries": ["DK", "DK"]}, "partner_countries[1]: 'DK' is listed"),
    ],
)
def test_validate_catches_what_loads_rejects(
    fields: dict[str, Any], fragment: str
) -> None:
    problems = _problems(**fields)
    assert any(fragment in p for p in problems), problems
    registry = _hand_built(**fields)
    if not isinstance(fields.get("funding"), Funding) or fields["funding"].total:
        # (A plain "eu" equals FunderKind.EU, so that one case round-trips.)
        assert not _round_trips(registry)


def test_valid_hand_built_registry_round_trips() -> None:
    registry = build_registry(make_factory(sectors=[aifactories.Sector.HEALTH]))
    assert aifactories.validate(registry) == []
    assert _round_trips(registry)


def test_share_sum_is_exact() -> None:
    shares = [
        FundingShare("A", aifactories.FunderKind.EU, share=Decimal("0.5")),
        FundingShare(
            "B",
            aifactories.FunderKind.NATIONAL,
            country="SE",
            share=Decimal("0.50000000000000000000000000001"),
        ),
    ]
    problems = _problems(funding=Funding(shares=shares))
    assert any(
        "shares add up to 1.00000000000000000000000000001" in p for p in problems
    )


def test_misfiled_records_are_reported() -> None:
    base = build_registry(make_factory("f"), make_antenna("a", factories=["f"]))
    swapped = attrs.evolve(
        base,
        factories=base.antennas,  # type: ignore[arg-type]
        antennas=base.factories,  # type: ignore[arg-type]
    )
    problems = aifactories.validate(swapped)
    assert "factories[0]: must be of type Factory, got Antenna" in problems
    assert "antennas[0]: must be of type Antenna, got Factory" in problems


def test_fact_ids_are_slugs() -> None:
    fact = aifactories.Fact(
        "Not a Slug!", "x", [aifactories.Source(url="https://x.eu")]
    )
    registry = Registry(data_version="x", facts=[fact])
    assert aifactories.validate(registry) == [
        "facts[0].id: 'Not a Slug!' is not a lower-case slug"
    ]


def test_registry_tolerates_badly_typed_records() -> None:
    # The constructor checks nothing; validate() reports, instead of a crash.
    registry = Registry(
        data_version="t",
        factories=[
            make_factory("a", name=None),  # type: ignore[arg-type]  # on purpose
            make_factory("b", aliases=[3]),  # type: ignore[list-item]  # on purpose
        ],
    )
    problems = aifactories.validate(registry)
    assert any(p == "factories[0].name: is required, got None" for p in problems)
    assert any(
        p.startswith("factories[1].aliases[0]: must be a string") for p in problems
    )
    assert registry.get("b") is not None
    assert registry.search("b")


@pytest.mark.parametrize("copier", [copy.copy, lambda e: pickle.loads(pickle.dumps(e))])  # noqa: S301
def test_exceptions_survive_pickle_and_copy(copier: Any) -> None:
    with pytest.raises(aifactories.RegistryDataError) as data_error:
        aifactories.loads('{"format": 1}')
    again = copier(data_error.value)
    assert str(again) == str(data_error.value)
    assert again.errors == data_error.value.errors
    with pytest.raises(aifactories.NotFoundError) as not_found:
        aifactories.load()["mimr"]
    copied = copier(not_found.value)
    assert str(copied) == str(not_found.value)
    assert (copied.key, copied.suggestions) == (
        not_found.value.key,
        not_found.value.suggestions,
    )


def test_money_never_prints_scientific_notation() -> None:
    money = Money(Decimal("1.5E+6"), "EUR", aifactories.Qualifier.ABOUT)
    assert str(money) == "about EUR 1,500,000"


def test_short_keeps_quotes_matched() -> None:
    text = short("x" * 70 + "'")
    assert text[0] == text[-1]
    assert "…" in text


def test_gc_state_is_restored_after_concurrent_loads() -> None:
    text = aifactories.dumps(aifactories.load())
    assert gc.isenabled()
    threads = [
        threading.Thread(target=aifactories.loads, args=(text,)) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert gc.isenabled()


def test_path_with_nul_is_an_os_error() -> None:
    with pytest.raises(OSError, match="cannot read"):
        aifactories.load("bad\0name.json")
