"""The Hypothesis entry point: from_type works whichever is imported first."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

# Only which strategy draws matters here: no health checks, which Hypothesis's
# own inference (slow, and filtering what the records refuse) can fail on a
# busy machine or an unlucky draw.
CHECK = """
from hypothesis import HealthCheck, given, settings, strategies as st
import aifactories
# The strategies load only when a test first asks for one of our types.
assert "aifactories.testing._strategies" not in sys.modules

@settings(max_examples=3, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(st.from_type(aifactories.Antenna))
def check(antenna):
    assert isinstance(antenna, aifactories.Antenna)

check()
# Our strategies, not Hypothesis's own inference, drew the antennas.
print("ours" if "aifactories.testing._strategies" in sys.modules else "inferred")
"""

ORDERS = {
    "hypothesis first": "import sys, hypothesis\n",
    "aifactories first": "import sys, aifactories\n"
    "assert 'hypothesis' not in sys.modules\n",
}


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )


@pytest.mark.parametrize("first", list(ORDERS))
def test_from_type_works_in_either_order(first: str) -> None:
    result = _run(ORDERS[first] + CHECK)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ours"]


def test_the_entry_point_alone_registers_everything() -> None:
    # The one hook: called in a fresh interpreter, with Hypothesis's plugins
    # (and so every other registration) off, before aifactories is imported,
    # it registers what from_type needs once aifactories is, and the profiles.
    code = (
        "import os, sys, hypothesis\n"
        "import _aifactories_hypothesis as hook\n"
        "hook._hypothesis_setup_hook()\n"
        "assert 'aifactories' not in sys.modules\n"
        "hypothesis.settings.load_profile('aifactories-quick')\n"
        "assert hypothesis.settings.default.max_examples == 25\n"
    )
    result = _run(code + CHECK, HYPOTHESIS_NO_PLUGINS="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ours"]


def test_no_plugins_means_no_registration() -> None:
    # Hypothesis's switch for all plugins turns ours off too, in either order.
    for first in ORDERS.values():
        result = _run(first + CHECK, HYPOTHESIS_NO_PLUGINS="1")
        assert result.stdout.split() == ["inferred"], result.stderr
