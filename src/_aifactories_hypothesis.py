"""aifactories' Hypothesis entry point, kept outside the package on purpose.

Hypothesis runs its entry points on ``import hypothesis`` in every
environment where aifactories is installed; this is the one place that
registers our strategies, so that ``st.from_type(aifactories.Factory)``
works whichever of the two packages is imported first. The registration
imports the record classes (``import aifactories`` reads no data) and
defers the strategies themselves to the first ``st.from_type`` call.

The hook also registers two settings profiles, so that
``settings.load_profile("aifactories-quick")`` and ``pytest
--hypothesis-profile=aifactories-nightly`` work with no import of ours.
"""

from __future__ import annotations

QUICK_PROFILE = "aifactories-quick"
"""Settings for quick downstream runs: 25 examples a test, no deadline."""

NIGHTLY_PROFILE = "aifactories-nightly"
"""Settings for thorough (nightly) runs: 1,000 examples a test, no deadline."""


def register_profiles() -> None:
    """Register :data:`QUICK_PROFILE` and :data:`NIGHTLY_PROFILE` with Hypothesis.

    Neither sets a deadline: a test's time on a shared CI machine says more
    about the machine than about the code. Both keep every health check: the
    strategies draw fast enough to pass them.
    """
    from hypothesis import settings  # noqa: PLC0415 - Hypothesis is importing us

    settings.register_profile(QUICK_PROFILE, max_examples=25, deadline=None)
    settings.register_profile(NIGHTLY_PROFILE, max_examples=1000, deadline=None)


def _hypothesis_setup_hook() -> None:
    """Register our settings profiles and a strategy for each record class."""
    register_profiles()
    from aifactories.testing._hook import register  # noqa: PLC0415

    register()
