"""The benchmark's downstream samples pass (their times are the benchmark's job)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

pytest_plugins = ["pytester"]

DOWNSTREAM = Path(__file__).resolve().parent.parent / "benchmarks" / "downstream"

# Few examples: this checks that the samples pass, the benchmark times them.
settings.register_profile("aifactories-sample-check", max_examples=5)


@pytest.fixture
def _keep_profile() -> Iterator[None]:
    # --hypothesis-profile in an in-process run loads the profile for the
    # whole process: put this session's own back afterwards.
    current = settings.get_current_profile_name()
    yield
    settings.load_profile(current)


@pytest.mark.usefixtures("_keep_profile")
@pytest.mark.parametrize(
    "sample", ["test_downstream_aifactories.py", "test_downstream_plain.py"]
)
def test_downstream_sample_passes(pytester: pytest.Pytester, sample: str) -> None:
    pytester.makepyfile(
        **{sample.removesuffix(".py"): (DOWNSTREAM / sample).read_text("utf-8")}
    )
    result = pytester.runpytest(
        "-W", "error", "--hypothesis-profile=aifactories-sample-check"
    )
    result.assert_outcomes(passed=20)
    assert settings().max_examples == 5  # the profile took effect
