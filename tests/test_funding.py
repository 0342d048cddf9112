"""Stated and implied money: implied amounts are derived, marked and never
stored as stated, and sums per group keep unknown amounts unknown, not 0."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

from aifactories import (
    FunderKind,
    Funding,
    FundingShare,
    Money,
    Qualifier,
    Registry,
)
from aifactories.testing import strategies as aist

FEWER = settings(max_examples=max(10, settings().max_examples // 4), deadline=None)


class TestImpliedAmounts:
    """``Funding.implied_amounts``: share x total, only where nothing is stated."""

    def test_a_share_of_a_known_total_implies_its_amount(self) -> None:
        funding = Funding(
            Money(Decimal(1_000_000_000), "CZK", Qualifier.ABOUT),
            [
                FundingShare("EuroHPC JU", FunderKind.EU, share=Decimal("0.5")),
                FundingShare(
                    "Czechia",
                    FunderKind.NATIONAL,
                    share=Decimal("0.25"),
                    amount=Money(Decimal(3), "EUR"),
                ),
                FundingShare("Region", FunderKind.REGIONAL),
            ],
        )
        implied = funding.implied_amounts
        assert implied == (
            Money(Decimal(500_000_000), "CZK", Qualifier.ABOUT),
            None,  # stated: kept as stated, never replaced
            None,  # no fraction given
        )
        assert str(implied[0]) == "about CZK 500,000,000"
        assert funding.shares[0].amount is None  # nothing is filled in

    def test_no_total_implies_nothing(self) -> None:
        share = FundingShare("EuroHPC JU", FunderKind.EU, share=Decimal("0.5"))
        assert Funding(None, [share]).implied_amounts == (None,)

    def test_a_fraction_of_a_cent_is_kept_exact(self) -> None:
        share = FundingShare("EuroHPC JU", FunderKind.EU, share=Decimal("0.333"))
        funding = Funding(Money(Decimal("10.01"), "EUR"), [share])
        assert funding.implied_amounts[0] == Money(Decimal("3.33333"), "EUR")


class TestFundingTable:
    """The funding table adds the implied euro amount beside the stated one."""

    def test_implied_only_where_no_amount_is_stated(self, registry: Registry) -> None:
        rows = registry.to_records("funding")
        implied = [r for r in rows if r["amount_eur_implied"] is not None]
        assert {r["entry_id"] for r in implied if r["kind"] == "eu"} == {
            "brainpp",
            "czai",
            "gaia",
            "hammerhai",
            "hunaifa",
        }
        for row in implied:
            assert row["amount"] is None
            assert row["share"] is not None
        for row in rows:
            if row["amount"] is not None or row["share"] is None:
                assert row["amount_eur_implied"] is None

    def test_implied_is_the_share_of_the_total_in_eur(self, registry: Registry) -> None:
        entries = {r["id"]: r for r in registry.to_records("entries")}
        for row in registry.to_records("funding"):
            if row["amount_eur_implied"] is None:
                continue
            total = Decimal(entries[row["entry_id"]]["funding_total_eur"])
            expected = Decimal(row["share"]) * total
            assert abs(Decimal(row["amount_eur_implied"]) - expected) <= Decimal("0.01")

    def test_hammerhai_half_of_85_million(self, registry: Registry) -> None:
        rows = registry.to_records("funding")
        eu = next(r for r in rows if r["entry_id"] == "hammerhai" and r["kind"] == "eu")
        assert (eu["amount_eur"], eu["amount_eur_implied"]) == (None, "42500000.00")

    def test_the_dataframe_column_is_float(self, registry: Registry) -> None:
        frame = registry.to_pandas("funding")
        assert str(frame["amount_eur_implied"].dtype) == "Float64"


def _by_group(rows: list[Any]) -> dict[str, Any]:
    return {row.group: row for row in rows}


class TestFundingBy:
    """``Registry.funding_by`` answers money per country or kind in one call."""

    def test_eu_money_per_host_country(self, registry: Registry) -> None:
        found = _by_group(registry.funding_by("country", kind="eu"))
        assert set(found) == {e.country for e in registry}
        poland = found["PL"]
        assert (poland.stated_eur, poland.implied_eur) == (50_000_000, 35_000_000)
        assert (poland.eur, poland.unknown, poland.shares, poland.entries) == (
            85_000_000,
            0,
            2,
            2,
        )
        # Germany: half of hammerhai's total is implied, JAIF's EU money unknown.
        germany = found["DE"]
        assert (germany.eur, germany.implied_eur, germany.unknown) == (
            42_500_000,
            42_500_000,
            1,
        )

    def test_unknown_is_none_never_zero(self, registry: Registry) -> None:
        found = registry.funding_by("country", kind="eu")
        assert all(row.eur != 0 for row in found)
        unknown = {row.group for row in found if row.eur is None}
        # France's AI2F lists no funder; Finland's EU amount is not stated.
        assert {"FR", "FI", "IT", "SE"} <= unknown
        assert all(row.unknown > 0 for row in found if row.eur is None)

    def test_eu_total_says_how_much_is_implied(self, registry: Registry) -> None:
        (eu,) = registry.funding_by("kind", kind=FunderKind.EU)
        assert eu.group == "eu"
        assert eu.eur is not None
        assert eu.stated_eur is not None
        assert eu.implied_eur is not None
        assert round(eu.eur / 1_000_000) == 535
        assert round(eu.implied_eur / 1_000_000) == 148
        assert eu.eur == eu.stated_eur + eu.implied_eur

    def test_matches_the_funding_table(self, registry: Registry) -> None:
        pd = pytest.importorskip("pandas")
        funding = registry.to_pandas("funding")
        entries = registry.to_pandas("entries")[["id", "country"]]
        hosts = entries.rename(columns={"id": "entry_id", "country": "host"})
        shares = funding.merge(hosts, on="entry_id")
        shares = shares[shares["kind"] == "eu"]
        known = shares["amount_eur"].fillna(shares["amount_eur_implied"])
        expected = known.groupby(shares["host"]).sum(min_count=1)
        for row in registry.funding_by("country", kind="eu"):
            if row.group in expected.index and not pd.isna(expected[row.group]):
                assert row.eur is not None
                assert float(row.eur) == pytest.approx(expected[row.group])
            else:
                assert row.eur is None

    def test_no_rate_is_unknown_not_a_guess(self, registry: Registry) -> None:
        entry = registry.factory("ai-at")
        shares = [
            attrs.evolve(s, amount=Money(Decimal(40_000_000), "ALL"))
            for s in entry.funding.shares  # type: ignore[union-attr]
        ]
        changed = attrs.evolve(entry, funding=Funding(None, shares))
        factories = [changed if f.id == entry.id else f for f in registry.factories]
        other = attrs.evolve(registry, factories=factories)
        austria = _by_group(other.funding_by(kind="eu"))["AT"]
        assert (austria.eur, austria.unknown, austria.shares) == (None, 1, 1)

    @pytest.mark.parametrize(
        ("by", "kind", "message"),
        [("funder", None, "'country' or 'kind'"), ("country", "euro", "euro")],
    )
    def test_bad_arguments_are_errors(
        self, registry: Registry, by: Any, kind: Any, message: str
    ) -> None:
        with pytest.raises(ValueError, match=message):
            registry.funding_by(by, kind=kind)

    @FEWER
    @given(aist.registries())
    def test_groupings_agree(self, registry: Registry) -> None:
        by_country = registry.funding_by("country")
        by_kind = registry.funding_by("kind")
        assert sum(r.shares for r in by_country) == sum(r.shares for r in by_kind)
        assert sum(r.eur or 0 for r in by_country) == sum(r.eur or 0 for r in by_kind)
        for row in [*by_country, *by_kind]:
            parts = [p for p in (row.stated_eur, row.implied_eur) if p is not None]
            assert row.eur == (sum(parts) if parts else None)


def test_funding_by_uses_the_entry_selection_date(registry: Registry) -> None:
    # CZAI's half of about CZK 1 billion, at the rate of its selection date.
    (czechia,) = [r for r in registry.funding_by(kind="eu") if r.group == "CZ"]
    czai = registry["czai"]
    half = Money(Decimal(500_000_000), "CZK").in_eur(czai.selected_on)
    assert czai.selected_on == dt.date(2025, 10, 10)
    assert czechia.implied_eur == half.amount
