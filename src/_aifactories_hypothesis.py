"""aifactories' Hypothesis entry point, kept outside the package on purpose.

Hypothesis runs its entry points on ``import hypothesis`` in every
environment where aifactories is installed. A hook inside the package would
import aifactories there each time; this module imports nothing. If
aifactories is already loaded, the hook registers its strategies now;
otherwise ``import aifactories`` registers them later, when it sees
Hypothesis loaded. Either way ``st.from_type(aifactories.Factory)`` works.
"""

from __future__ import annotations

import sys


def _hypothesis_setup_hook() -> None:
    """Register aifactories' strategies, if aifactories is already imported."""
    if "aifactories" in sys.modules:
        from aifactories.testing._hook import register  # noqa: PLC0415

        register()
