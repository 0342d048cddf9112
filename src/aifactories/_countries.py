"""Country codes and names: ISO 3166-1 alpha-2, with English names."""

from __future__ import annotations

from aifactories._text import fold, short


def country_code(country: object) -> str:
    """Return the ISO 3166-1 alpha-2 code for a code or an English country name.

    Case and accents are ignored: ``"se"``, ``"Sweden"`` and ``"SWEDEN"``
    all give ``"SE"``; common short forms such as ``"Czechia"`` work too.

    Raises:
        ValueError: ``country`` names no known country.
        TypeError: ``country`` is not a string.
    """
    from aifactories._codes import COUNTRY_KEYS  # noqa: PLC0415 - big table, load on use

    if not isinstance(country, str):
        msg = f"a country is a code or a name, not {type(country).__name__}"
        raise TypeError(msg)
    code = COUNTRY_KEYS.get(fold(country))
    if code is None:
        msg = (
            f"unknown country {short(country)}; "
            "use an ISO 3166-1 code or an English name"
        )
        raise ValueError(msg)
    return code


def country_name(code: object) -> str:
    """Return the English short name for an ISO 3166-1 alpha-2 code.

    Args:
        code: The code, in any case (``"se"`` or ``"SE"``).

    Raises:
        ValueError: ``code`` is not a known alpha-2 code.
        TypeError: ``code`` is not a string.
    """
    from aifactories._codes import COUNTRY_NAMES  # noqa: PLC0415 - big table, load on use

    if not isinstance(code, str):
        msg = f"a country code is a string, not {type(code).__name__}"
        raise TypeError(msg)
    try:
        return COUNTRY_NAMES[code.upper()]
    except KeyError:
        msg = f"unknown country code {short(code)}"
        raise ValueError(msg) from None
