"""Registries built in code: the constructor refuses what loads() refuses.

Also regressions for the exceptions' pickling and small formatting bugs.
"""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal
from typing import Any

import attrs
import pytest

import aifactories
from aifactories import Funding, FundingShare, Money, Registry
from aifactories._text import short
from aifactories.testing import build_registry, make_antenna, make_factory

_SECTORS = ", ".join(repr(sector.value) for sector in aifactories.Sector)


def _refused(*records: Any) -> list[str]:
    """The problems the Registry constructor names for ``records``."""
    with pytest.raises(aifactories.RegistryDataError) as caught:
        build_registry(*records)
    return list(caught.value.errors)


def _problems(**fields: Any) -> list[str]:
    return _refused(make_factory(**fields))


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
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


def test_valid_hand_built_registry_round_trips() -> None:
    registry = build_registry(make_factory(sectors=[aifactories.Sector.HEALTH]))
    assert aifactories.loads(aifactories.dumps(registry)) == registry


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
    with pytest.raises(aifactories.RegistryDataError) as caught:
        Registry(
            data_version="t",
            wave_records=base.wave_records,
            factories=base.antennas,  # type: ignore[arg-type]
            antennas=base.factories,  # type: ignore[arg-type]
        )
    problems = caught.value.errors
    assert "factories[0]: must be of type Factory, got Antenna" in problems
    assert "antennas[0]: must be of type Antenna, got Factory" in problems


def test_fact_ids_are_slugs() -> None:
    fact = aifactories.Fact(
        "Not a Slug!", "x", [aifactories.Source(url="https://x.eu")]
    )
    with pytest.raises(aifactories.RegistryDataError) as caught:
        Registry(data_version="x", facts=[fact])
    assert caught.value.errors == (
        "facts[0].id: 'Not a Slug!' is not a lower-case slug",
    )


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


def test_path_with_nul_is_an_os_error() -> None:
    with pytest.raises(OSError, match="embedded null byte"):
        aifactories.load("bad\0name.json")


class TestRecordRules:
    """Each rule across fields names its problem at its path, in its own words."""

    @staticmethod
    def _shares(*values: str) -> Funding:
        return Funding(
            shares=[
                FundingShare(f"F{i}", aifactories.FunderKind.EU, share=Decimal(v))
                for i, v in enumerate(values)
            ]
        )

    def test_a_whole_share_counts_in_the_sum(self) -> None:
        assert _problems(funding=self._shares("1", "0.5")) == [
            "factories[0].funding.shares: shares add up to 1.5, more than 1"
        ]

    def test_a_share_out_of_range_is_reported_once(self) -> None:
        problems = _problems(funding=self._shares("1.5"))
        assert len(problems) == 1, problems
        assert problems[0].startswith("factories[0].funding.shares[0].share: ")

    def test_a_share_of_the_wrong_type_is_a_problem_not_a_crash(self) -> None:
        funding = Funding(shares=["half"])  # type: ignore[list-item]
        assert _problems(funding=funding) == [
            "factories[0].funding.shares[0]: must be of type FundingShare, got str"
        ]

    @pytest.mark.parametrize("make", [make_factory, make_antenna])
    def test_the_host_country_is_no_partner(self, make: Any) -> None:
        entry = make("e", country="SE", partner_countries=["NO", "SE"])
        kind = "factories" if make is make_factory else "antennas"
        assert _refused(entry) == [
            f"{kind}[0].partner_countries[1]: repeats the host country"
        ]

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("count", "7", "must be an int, got str"),
            ("count", 7.0, "must be an int, got float"),
            ("amount", 7, "must be a Decimal, got int"),
        ],
    )
    def test_a_number_of_the_wrong_type_names_both_types(
        self, field: str, value: object, message: str
    ) -> None:
        if field == "count":
            source = aifactories.Source(url="https://example.org/")
            record = aifactories.Count(value, [source])  # type: ignore[arg-type]
            system = aifactories.Supercomputer(
                aifactories.SystemStatus.NEW, accelerator_count=record
            )
            problems = _problems(supercomputer=system)
            path = "factories[0].supercomputer.accelerator_count.value"
        else:
            money = Money(value, "EUR")  # type: ignore[arg-type]
            problems = _problems(funding=Funding(total=money))
            path = "factories[0].funding.total.amount"
        assert problems == [f"{path}: {message}"]

    def test_only_fields_declared_unique_refuse_a_repeat(self) -> None:
        registry = build_registry(make_factory(focus=["AI", "AI"]))
        assert registry["test-factory"].focus == ("AI", "AI")

    def test_the_problem_list_stops_at_the_cap(self) -> None:
        many = [
            make_factory(f"f{i}", country="XX")
            for i in range(aifactories.MAX_PROBLEMS + 5)
        ]
        problems = _refused(*many)
        assert len(problems) == aifactories.MAX_PROBLEMS + 1
        assert problems[-1] == "$: … and more problems; checking stopped there"
        assert problems[-2].startswith(
            f"factories[{aifactories.MAX_PROBLEMS - 1}].country: "
        )

    def test_a_required_field_left_empty_is_named(self) -> None:
        entry = attrs.evolve(make_factory(), name=None)  # type: ignore[arg-type]
        assert _refused(entry) == ["factories[0].name: is required, got None"]

    def test_a_flag_of_the_wrong_type_names_its_type(self) -> None:
        source = aifactories.Source(url="https://example.org/", http_only="yes")  # type: ignore[arg-type]
        assert _problems(sources=[source]) == [
            "factories[0].sources[0].http_only: must be a bool, got str"
        ]

    @pytest.mark.parametrize(
        ("fields", "problem"),
        [
            ({"name": "Two\nlines"}, "name: contains the control character U+000A"),
            ({"sources": []}, "sources: needs at least one source"),
            ({"sectors": frozenset({None})}, "sectors: is required, got None"),
            (
                {"confidence": "sure"},
                "confidence: 'sure' is not a Confidence ('high', 'medium', 'low')",
            ),
        ],
    )
    def test_field_problems_in_full(self, fields: dict[str, Any], problem: str) -> None:
        assert _problems(**fields) == [f"factories[0].{problem}"]

    def test_every_member_of_a_set_is_checked_whatever_its_type(self) -> None:
        # A set holding values that do not compare (a Sector, None, an int)
        # is still walked in a stable order, each bad member at the set's path.
        sector = aifactories.Sector.HEALTH
        sectors = frozenset({sector, None, 7})
        assert _problems(sectors=sectors) == [
            f"factories[0].sectors: 7 is not a Sector ({_SECTORS})",
            "factories[0].sectors: is required, got None",
        ]

    @pytest.mark.parametrize(
        ("record", "path"),
        [
            (make_factory(), "factories[0].aliases"),
            (make_factory(), "factories[0].partner_countries"),
            (make_factory(), "factories[0].focus"),
            (make_antenna("b"), "antennas[0].factories"),
            (make_antenna("b"), "antennas[0].letters_of_intent"),
        ],
    )
    def test_a_lone_string_is_no_list_of_its_characters(
        self, record: Any, path: str
    ) -> None:
        # tuple("ab") would be ("a", "b"), which the text rules accept.
        field = path.rpartition(".")[2]
        changed = attrs.evolve(record, **{field: "ab"})
        assert f"{path}: must be a tuple, got str" in _refused(changed)

    def test_items_after_an_empty_one_are_still_checked(self) -> None:
        assert _problems(aliases=(None, 7)) == [
            "factories[0].aliases[0]: is required, got None",
            "factories[0].aliases[1]: must be a string, got int",
        ]


class TestCrossRecordRules:
    """Ids, names and waves are checked across every record, past any broken one."""

    @staticmethod
    def _refused(**fields: Any) -> tuple[str, ...]:
        waves = build_registry(
            make_factory("a"), make_antenna("x", factories=["a"])
        ).wave_records
        fields.setdefault("wave_records", waves)
        with pytest.raises(aifactories.RegistryDataError) as caught:
            Registry(data_version="t", **fields)
        return caught.value.errors

    def test_entries_after_a_misfiled_one_are_still_checked(self) -> None:
        misfiled = make_antenna("x", factories=["a"])
        factories = [misfiled, make_factory("a"), make_factory("a", name="Beta")]
        assert self._refused(factories=factories) == (
            "factories[0]: must be of type Factory, got Antenna",
            "factories[2].id: duplicate id 'a' (also factories[1])",
        )

    def test_waves_after_a_broken_one_are_still_known(self) -> None:
        waves = build_registry(make_factory("a")).wave_records
        assert self._refused(
            wave_records=["bogus", *waves], factories=[make_factory("a")]
        ) == ("waves[0]: must be of type Wave, got str",)

    def test_an_id_is_a_name_too(self) -> None:
        factories = [make_factory("a", name="Alpha"), make_factory("b", name="A")]
        assert self._refused(factories=factories) == (
            "factories[1].name: 'A' already names factories[0] ('a')",
        )

    def test_a_duplicate_id_is_reported_once(self) -> None:
        factories = [make_factory("a", name="Alpha"), make_factory("a", name="Beta")]
        assert self._refused(factories=factories) == (
            "factories[1].id: duplicate id 'a' (also factories[0])",
        )

    @pytest.mark.parametrize(
        ("name", "problem"),
        [(7, "must be a string, got int"), ("\u200b", "must not be empty")],
    )
    def test_aliases_after_a_broken_name_are_still_checked(
        self, name: object, problem: str
    ) -> None:
        factories = [
            make_factory("a", name="Alpha"),
            make_factory("b", name=name, aliases=["Alpha"]),  # type: ignore[arg-type]
        ]
        assert self._refused(factories=factories) == (
            f"factories[1].name: {problem}",
            "factories[1].aliases[0]: 'Alpha' already names factories[0] ('a')",
        )

    def test_a_letter_of_intent_to_no_factory_is_named(self) -> None:
        antenna = make_antenna("x", factories=["a"], letters_of_intent=["nope"])
        assert self._refused(factories=[make_factory("a")], antennas=[antenna]) == (
            "antennas[0].letters_of_intent[0]: no factory with id 'nope'",
        )

    def test_the_data_version_is_required(self) -> None:
        with pytest.raises(aifactories.RegistryDataError) as caught:
            Registry(data_version=None)  # type: ignore[arg-type]
        assert caught.value.errors == ("data_version: is required, got None",)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (aifactories.Source(), "sources[0]: needs exactly one of 'url' and 'seed'"),
        (
            aifactories.Source(url="https://example.org/", quote="x"),
            "sources[0].quote: a quote needs the 'seed' it comes from",
        ),
        (
            aifactories.Source(seed=aifactories.seed_names()[0]),
            "sources[0].quote: a seed source needs the exact quote it rests on",
        ),
    ],
)
def test_each_source_rule_in_full(source: aifactories.Source, problem: str) -> None:
    """A source's own rules say what is missing, at the field that lacks it."""
    assert _problems(sources=[source]) == [f"factories[0].{problem}"]
