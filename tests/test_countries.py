"""The shipped ISO tables agree with pycountry; the public lookups use them."""

from __future__ import annotations

import pytest

import aifactories
from aifactories._codes import COUNTRY_KEYS, COUNTRY_NAMES, CURRENCIES

pycountry = pytest.importorskip("pycountry")


class TestTables:
    """The generated tables hold every ISO code pycountry knows, and only codes."""

    def test_every_country_has_its_name(self) -> None:
        for country in pycountry.countries:
            name = getattr(country, "common_name", None) or country.name
            assert COUNTRY_NAMES[country.alpha_2] == name

    def test_every_currency_is_known(self) -> None:
        assert {c.alpha_3 for c in pycountry.currencies} <= CURRENCIES
        assert all(len(code) == 3 and code.isupper() for code in CURRENCIES)

    def test_every_key_leads_to_a_named_country(self) -> None:
        assert set(COUNTRY_KEYS.values()) == set(COUNTRY_NAMES)


class TestLookups:
    """``country_code`` and ``country_name`` answer from those tables."""

    @pytest.mark.parametrize(
        ("given", "code"),
        [
            ("se", "SE"),
            ("SWE", "SE"),
            ("Sweden", "SE"),
            ("Czechia", "CZ"),
            ("czech republic", "CZ"),
            ("UK", "GB"),
            ("Türkiye", "TR"),
            ("XK", "XK"),
        ],
    )
    def test_code_from_any_form(self, given: str, code: str) -> None:
        assert aifactories.country_code(given) == code

    def test_name_round_trips_through_the_code(self) -> None:
        for code, name in COUNTRY_NAMES.items():
            assert aifactories.country_name(code.lower()) == name
            assert aifactories.country_code(name) == code

    @pytest.mark.parametrize("wrong", ["", "Atlantis", "S E"])
    def test_unknown_is_a_value_error(self, wrong: str) -> None:
        with pytest.raises(ValueError, match="unknown country"):
            aifactories.country_code(wrong)
        with pytest.raises(ValueError, match="unknown country code"):
            aifactories.country_name(wrong)

    @pytest.mark.parametrize("wrong", [None, 7, b"SE"])
    def test_a_non_string_is_a_type_error(self, wrong: object) -> None:
        with pytest.raises(TypeError):
            aifactories.country_code(wrong)
        with pytest.raises(TypeError):
            aifactories.country_name(wrong)
