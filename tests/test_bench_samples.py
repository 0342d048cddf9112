"""The benchmark's downstream samples pass (their times are the benchmark's job)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

DOWNSTREAM = Path(__file__).resolve().parent.parent / "benchmarks" / "downstream"


@pytest.mark.parametrize(
    "sample", ["test_downstream_aifactories.py", "test_downstream_plain.py"]
)
def test_downstream_sample_passes(pytester: pytest.Pytester, sample: str) -> None:
    pytester.makepyfile(
        **{sample.removesuffix(".py"): (DOWNSTREAM / sample).read_text("utf-8")}
    )
    # Fewer examples than the benchmark's 100: this checks they pass, no more.
    result = pytester.runpytest("-W", "error", "--hypothesis-profile=aifactories-quick")
    result.assert_outcomes(passed=20)
