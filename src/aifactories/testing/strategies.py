"""Hypothesis strategies for aifactories records and whole registries.

Needs the ``aifactories[testing]`` extra. Everything drawn passes
:func:`aifactories.validate`: a whole registry as drawn, and a single
record once it stands in a registry (see
:func:`aifactories.testing.build_registry`, which adds an entry's wave).
Importing this module also registers the strategies with
``st.from_type``, which the package's Hypothesis entry point otherwise
does lazily::

    from hypothesis import given, strategies as st
    from aifactories import Factory
    from aifactories.testing import strategies as aist

    @given(st.from_type(Factory), aist.registries(min_size=1))
    def test_something(factory, registry): ...

A parameter left ``None`` is generated; a plain value pins it; a strategy
draws it. Pin an optional field to ``None`` with ``st.none()``.

Two settings profiles come with the strategies (registered by Hypothesis's
entry point, and again on importing this module): :data:`QUICK_PROFILE`
(``"aifactories-quick"``, 25 examples a test) for quick downstream runs
and :data:`NIGHTLY_PROFILE` (``"aifactories-nightly"``, 1,000) for
thorough ones; load one with ``settings.load_profile(QUICK_PROFILE)`` or
``pytest --hypothesis-profile=aifactories-nightly``.

What each strategy costs, and how to pin sizes, is in the how-to guide
("What the strategies cost").
"""

from __future__ import annotations

from aifactories.testing import _require

_require("hypothesis", __name__)

# The imports below need Hypothesis, so they follow the check above.
from _aifactories_hypothesis import NIGHTLY_PROFILE, QUICK_PROFILE  # noqa: E402
from aifactories.testing._strategies import (  # noqa: E402
    antennas,
    entries,
    factories,
    funding_splits,
    fundings,
    invalid_registries,
    money,
    registries,
    sources,
    waves,
)

__all__ = [
    "NIGHTLY_PROFILE",
    "QUICK_PROFILE",
    "antennas",
    "entries",
    "factories",
    "funding_splits",
    "fundings",
    "invalid_registries",
    "money",
    "registries",
    "sources",
    "waves",
]
