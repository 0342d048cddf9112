"""aifactories' Hypothesis entry point, kept outside the package on purpose.

Hypothesis runs its entry points on ``import hypothesis`` in every
environment where aifactories is installed. A hook inside the package would
import aifactories there each time; this module imports nothing. If
aifactories is already loaded, the hook registers its strategies now;
otherwise ``import aifactories`` registers them later, when it sees
Hypothesis loaded. Either way ``st.from_type(aifactories.Factory)`` works.

The hook also registers two settings profiles, so that
``settings.load_profile("aifactories-quick")`` and ``pytest
--hypothesis-profile=aifactories-nightly`` work with no import of ours.
"""

from __future__ import annotations

import sys

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
    """Register our profiles, and our strategies if aifactories is imported."""
    register_profiles()
    if "aifactories" in sys.modules:
        from aifactories.testing._hook import register  # noqa: PLC0415

        register()
