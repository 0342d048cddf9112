"""Hypothesis strategies for aifactories records and whole registries.

Needs the ``aifactories[testing]`` extra. Everything drawn passes
:func:`aifactories.validate`: a whole registry as drawn, and a single
record once it stands in a registry (see
:func:`aifactories.testing.build_registry`, which adds an entry's wave).
``st.from_type`` draws every record class and :class:`~aifactories.Registry`
(the package's Hypothesis entry point registers them)::

    from hypothesis import given, strategies as st
    from aifactories import Factory
    from aifactories.testing import strategies as aist

    @given(st.from_type(Factory), aist.registries(min_size=1))
    def test_something(factory, registry): ...

The functions here are for what ``st.from_type`` cannot say: sizes, kinds
and pins. A parameter left ``None`` is generated; a plain value pins it
(checked against the field's rule when the strategy is made); a strategy
draws it. Pin an optional field to ``None`` with ``st.none()``.

Every strategy passes Hypothesis's ``too_slow`` health check (a
``@given`` test fails it when its first ten draws take a second) with
default settings, on a 2-core machine with another CPU-bound process
running; ``benchmarks/bench_busy.py`` prints what each costs per example.

Two settings profiles come with the strategies, registered by the entry
point: :data:`QUICK_PROFILE` (``"aifactories-quick"``, 25 examples a test)
and :data:`NIGHTLY_PROFILE` (``"aifactories-nightly"``, 1,000); load one
with ``settings.load_profile(QUICK_PROFILE)`` or ``pytest
--hypothesis-profile=aifactories-nightly``.
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


def __dir__() -> list[str]:
    # What a user may use, not how the module is built.
    return sorted(__all__)
