"""Benchmarks of the testing kit: the strategies and a downstream sample suite.

Run as the ``testing`` section of ``bench.py``, which owns the tables and
verdicts (this module imports nothing of it, so the two do not import each
other)::

    python benchmarks/bench.py --only testing           # full
    python benchmarks/bench.py --only testing --smoke   # fewer rounds
    python benchmarks/bench.py --only testing --check   # exit 1 on a missed gate

Every test runs with Hypothesis's default settings (100 examples, health
checks on) and no example database. Comparisons are ratios of medians
taken in the same run, the two sides taking turns, so the machine's load
falls on both:

* ``st.from_type(Factory)`` against ``st.builds`` of a small attrs class
  (five fields: text, a whole number, a float, optional text and a tuple
  of text), each as a ``@given`` test: at most 2.5x, the median of the
  ratios of rounds in which the two ran side by side;
* a ``registries(min_size=30, max_size=35)`` test: its 100 examples in at
  most 5 s, with no health check failing;
* a ``registries()`` test: about 2 s (at most 2 s, gated);
* the downstream sample in ``benchmarks/downstream/``: 20 property tests
  mixing the fixtures and strategies, run by pytest in a fresh
  interpreter, against the same 20 tests on plain attrs classes: at most 3x.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import aifactories
from aifactories.testing import strategies as aist

DOWNSTREAM = Path(__file__).resolve().parent / "downstream"
SAMPLES = ("test_downstream_aifactories.py", "test_downstream_plain.py")


class Results(Protocol):
    """What ``bench.Results`` offers: tables and target verdicts."""

    def add(self, title: str, header: tuple[str, ...], rows: list[Any]) -> None:
        """Print a table and keep it."""

    def target(
        self, name: str, ratio: float, limit: float, *, gated: bool = True
    ) -> str:
        """Record a target; return its verdict."""


@attrs.frozen
class Small:
    """The baseline: a small attrs class, drawn by Hypothesis's own inference."""

    name: str
    count: int
    ratio: float
    note: str | None
    tags: tuple[str, ...]


# Real types, not the strings of postponed annotations, for st.builds to infer.
attrs.resolve_types(Small)


def _given(strategy: st.SearchStrategy[Any]) -> Callable[[], None]:
    """A default-settings ``@given`` test of ``strategy`` (no example database)."""

    @settings(database=None)
    @given(strategy)
    def test(value: object) -> None:
        if value is None:
            raise AssertionError

    return test


def _seconds(test: Callable[[], object]) -> float:
    start = time.perf_counter()
    test()
    return time.perf_counter() - start


def _rounds(tests: list[Callable[[], object]], rounds: int) -> list[list[float]]:
    """Seconds of each test in each of ``rounds`` rounds, taking turns."""
    for test in tests:  # warm-up: Hypothesis builds its tables on first use
        test()
    return [[_seconds(test) for test in tests] for _ in range(rounds)]


def _turns(tests: list[Callable[[], object]], rounds: int) -> list[float]:
    """Median seconds of each test over ``rounds`` rounds, taking turns."""
    times = _rounds(tests, rounds)
    return [statistics.median(column) for column in zip(*times, strict=True)]


def _pytest_run(sample: str) -> Callable[[], None]:
    """Run one downstream sample with pytest, in a fresh interpreter and folder."""

    def run() -> None:
        with tempfile.TemporaryDirectory(prefix="aifactories-downstream-") as folder:
            shutil.copy(DOWNSTREAM / sample, folder)
            done = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                cwd=folder,
                capture_output=True,
                text=True,
                check=False,
            )
        if done.returncode != 0 or "20 passed" not in done.stdout:
            msg = f"the downstream sample {sample} failed:\n{done.stdout}"
            raise RuntimeError(msg)

    return run


def _per_example(seconds: float) -> str:
    return f"{seconds * 10:.2f} ms"


def _within(results: Results, name: str, seconds: float, limit: float) -> str:
    """Record an absolute time target, in seconds; return its verdict."""
    results.target(name, seconds, limit)
    verdict = "met" if seconds <= limit else "MISSED"
    return f"{seconds:.2f} s ({verdict}: ≤ {limit:g} s)"


def strategies(results: Results, rounds: int) -> None:
    """The three speed targets of the strategies."""
    pairs = _rounds(
        [_given(st.builds(Small)), _given(st.from_type(aifactories.Factory))], rounds
    )
    builds = statistics.median(pair[0] for pair in pairs)
    from_type = statistics.median(pair[1] for pair in pairs)
    ratio = statistics.median(pair[1] / pair[0] for pair in pairs)
    default = _turns([_given(aist.registries())], rounds)[0]
    start = time.perf_counter()
    try:
        _given(aist.registries(min_size=30, max_size=35))()
        large = time.perf_counter() - start
        failure = ""
    except Exception as exc:  # noqa: BLE001 - a health check failure is a miss
        large = float("inf")
        failure = f" (failed: {type(exc).__name__})"
    results.add(
        "Testing kit: strategies (100 examples each, Hypothesis's defaults)",
        ("test", "time", "per example", "target"),
        [
            (
                "`st.builds` of a small attrs class (baseline)",
                f"{builds:.2f} s",
                _per_example(builds),
                "1.00x",
            ),
            (
                "`st.from_type(Factory)`",
                f"{from_type:.2f} s",
                _per_example(from_type),
                results.target("from_type(Factory) vs st.builds", ratio, 2.5),
            ),
            (
                "`registries()`",
                f"{default:.2f} s",
                _per_example(default),
                _within(results, "registries() test, seconds", default, 2),
            ),
            (
                "`registries(min_size=30, max_size=35)`",
                f"{large:.1f} s{failure}",
                _per_example(large),
                _within(results, "registries(30..35) 100 examples, s", large, 5),
            ),
        ],
    )


def downstream(results: Results, rounds: int) -> None:
    """The downstream sample against the same suite on plain attrs classes."""
    ours, plain = _turns([_pytest_run(sample) for sample in SAMPLES], rounds)
    results.add(
        f"Testing kit: a downstream suite of 20 property tests (median of {rounds})",
        ("suite", "pytest run, fresh interpreter", "vs plain attrs classes"),
        [
            ("the same tests on plain attrs classes", f"{plain:.2f} s", "1.00x"),
            ("aifactories fixtures and strategies", f"{ours:.2f} s",
             results.target("downstream sample vs plain", ours / plain, 3)),
        ],
    )  # fmt: skip


def run(results: Results, *, smoke: bool) -> None:
    """Both sections; the smoke run takes fewer rounds of the downstream suites."""
    # Fifteen side-by-side rounds even in smoke mode: one round's ratio
    # ranges from 1.4x to 3.4x on an idle machine (each run draws different
    # examples), and a round costs well under a second.
    strategies(results, rounds=15)
    downstream(results, rounds=1 if smoke else 3)
