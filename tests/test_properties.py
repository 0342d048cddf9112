"""Any input at all gives a registry or RegistryDataError, and ``dumps`` output loads
back equal."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

import aifactories

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=30,
)
_keys = st.sampled_from(
    ["format", "data_version", "data_date", "waves", "factories", "antennas"]
)


def _loads_fails_cleanly(text: str | bytes) -> None:
    # Anything but RegistryDataError escaping fails the test.
    try:
        registry = aifactories.loads(text)
    except aifactories.RegistryDataError as exc:
        errors = exc.errors
    else:
        errors = ()
        assert aifactories.validate(registry) == []
    assert all(": " in e for e in errors)  # every problem names its path


@given(_json)
def test_any_json_value_gives_registry_data_error(value: object) -> None:
    _loads_fails_cleanly(json.dumps(value))


@given(st.dictionaries(_keys, _json, max_size=6))
def test_any_top_level_object_gives_registry_data_error(
    value: dict[str, object],
) -> None:
    _loads_fails_cleanly(json.dumps({"format": 1, **value}))


@given(st.binary(max_size=200))
def test_any_bytes_give_registry_data_error(raw: bytes) -> None:
    _loads_fails_cleanly(raw)


@given(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31)))
def test_round_trip_of_every_past_state(date: dt.date) -> None:
    registry = aifactories.load().as_of(date)
    text = aifactories.dumps(registry)
    assert aifactories.loads(text) == registry
    assert aifactories.dumps(aifactories.loads(text)) == text
