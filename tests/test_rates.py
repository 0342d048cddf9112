"""Euro conversion works on every day the bundled ECB rates cover, by the rule
"the last publication day on or before the date", and nowhere else."""

from __future__ import annotations

import datetime as dt
import gzip
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aifactories import EuroValue, Money
from aifactories._rates import _RATES_FILE, rate_range, to_eur

FIRST, LAST = rate_range()
ONE_DAY = dt.timedelta(days=1)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + ONE_DAY * n for n in range((last - first).days + 1)]


def test_the_rates_run_from_the_first_ecb_publication() -> None:
    assert dt.date(1999, 1, 4) == FIRST
    assert dt.date(2026, 10, 30) <= LAST
    assert rate_range("USD") == (FIRST, LAST)


@pytest.mark.parametrize(
    ("currency", "day", "rate"),
    [
        # Figures as the ECB published them.
        ("USD", dt.date(1999, 1, 4), "1.1789"),
        ("CZK", dt.date(2024, 12, 10), "25.098"),
        ("PLN", dt.date(2024, 12, 11), "4.2643"),
        ("TRL", dt.date(1999, 1, 4), "372274"),
        ("ISK", dt.date(2026, 10, 30), "136"),
    ],
)
def test_published_rates_are_exact(currency: str, day: dt.date, rate: str) -> None:
    found = Money(Decimal(100), currency).in_eur(day)
    assert isinstance(found, EuroValue)
    assert (str(found.rate), found.rate_date) == (rate, day)
    assert found.amount == (Decimal(100) / Decimal(rate)).quantize(Decimal("0.01"))
    assert (
        found.source == "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"
    )


def test_every_day_takes_the_last_publication_on_or_before_it() -> None:
    previous = None
    for day in _days(FIRST, LAST):
        found = to_eur(Decimal(1), "USD", day).rate_date
        assert found <= day
        if found != day:
            # Not a publication day: the rate is the previous day's.
            assert found == previous
        previous = found


@given(st.dates(FIRST, LAST), st.sampled_from(["USD", "JPY", "GBP", "CHF", "SEK"]))
def test_in_eur_works_on_any_date_in_range(day: dt.date, currency: str) -> None:
    found = Money(Decimal(1000), currency).in_eur(day)
    assert found.rate_date <= day
    assert found.rate_date.weekday() < 5
    # rate_date is itself a publication day, and none lies between it and day.
    assert to_eur(Decimal(1), currency, found.rate_date).rate_date == found.rate_date
    for between in _days(found.rate_date, day):
        assert to_eur(Decimal(1), currency, between).rate == found.rate
    assert (day - found.rate_date).days < 7
    assert abs(found.amount * found.rate - 1000) < found.rate


@pytest.mark.parametrize(
    "day", [dt.date(1998, 12, 31), dt.date(1999, 1, 3), None, dt.date(9999, 1, 1)]
)
def test_a_date_outside_the_rates_is_an_error(day: dt.date | None) -> None:
    on = LAST + ONE_DAY if day is None else day
    message = f"cover {FIRST.isoformat()} to {LAST.isoformat()}"
    with pytest.raises(LookupError, match=message):
        Money(Decimal(1), "USD").in_eur(on)


def test_an_unknown_currency_is_an_error_listing_the_known_ones() -> None:
    with pytest.raises(LookupError, match="'XYZ': the ECB publishes AUD, BGN"):
        Money(Decimal(1), "XYZ").in_eur(dt.date(2020, 1, 1))
    with pytest.raises(LookupError, match="XYZ"):
        rate_range("XYZ")


def test_a_currency_the_ecb_stopped_is_an_error_naming_its_range() -> None:
    # The lev joined the euro on 2026-01-01; the ECB's last BGN rate is of 2025.
    first, last = rate_range("BGN")
    assert last == dt.date(2025, 12, 31)
    assert Money(Decimal(1), "BGN").in_eur(last).rate == Decimal("1.9558")
    with pytest.raises(LookupError, match=f"BGN rates from {first} to {last}"):
        Money(Decimal(1), "BGN").in_eur(dt.date(2026, 3, 2))


def test_euro_converts_on_any_date() -> None:
    assert Money(Decimal("1.005"), "EUR").in_eur(dt.date(1900, 1, 1)).rate == 1


def test_the_rates_file_is_compact_and_names_the_ecb() -> None:
    assert _RATES_FILE.stat().st_size < 400_000
    head = gzip.decompress(_RATES_FILE.read_bytes()).decode("ascii")[:300]
    assert "\nsource https://www.ecb.europa.eu/" in head
