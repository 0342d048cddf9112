"""Shared test set-up: Hypothesis profiles and the bundled registry."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

import aifactories

# "dev" is quick for local runs; "ci" digs deeper. AIFACTORIES_PROFILE picks.
# No profile has a deadline or the too-slow check: drawing a whole registry
# takes about 60 ms, several times that under coverage on a busy 2-core CI
# machine, and both checks then fail on the machine, not on the code. Speed
# is what benchmarks/bench.py measures and CI gates.
settings.register_profile(
    "dev",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# "thorough" is for the fuzzing run CI does on the side: 10,000 documents.
settings.register_profile(
    "thorough",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("AIFACTORIES_PROFILE", "dev"))


@pytest.fixture(name="registry")
def _registry() -> aifactories.Registry:
    return aifactories.load()
