"""The testing kit on a busy machine: every documented strategy, health checks on.

Starts a CPU-bound busy loop in another process (as a shared CI machine
has), then runs a ``@given`` test of every public strategy and of every
strategy the docs show, each with Hypothesis's default settings (100
examples, every health check on, no example database). Reports per test:

* choices: the Hypothesis choices an example takes, on average (what a
  draw costs, whatever the machine's load);
* draws/s: examples drawn per second of drawing;
* slowest draw: the longest time spent drawing one example;
* health-check margin: Hypothesis fails ``too_slow`` when drawing its first
  ten valid examples takes over 1 s; the margin is 1 s over that time
  (above 1.0 passes; 2.0 means twice as fast as needed).

::

    python benchmarks/bench_busy.py           # exit 1 if any test fails
    python benchmarks/bench_busy.py --no-busy # the same on an idle machine

It reads Hypothesis's draw timings through its engine's health-check hook,
so it follows the engine's own bookkeeping; that hook is internal, which is
why this is a benchmark and not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.internal.conjecture import engine

from _aifactories_hypothesis import record_types
from aifactories.testing import build_registry
from aifactories.testing import strategies as aist

HEALTH_LIMIT = 1.0
"""Seconds Hypothesis allows for drawing its first ten valid examples."""


def documented() -> list[tuple[str, Callable[[], st.SearchStrategy[Any]]]]:
    """Every public strategy, and every ``@given`` the docs and README show."""
    cases: list[tuple[str, Callable[[], st.SearchStrategy[Any]]]] = [
        (f"{name}()", getattr(aist, name))
        for name in aist.__all__
        if callable(getattr(aist, name))
    ]
    # st.from_type of every class the entry point registers.
    cases += [
        (f"from_type({cls.__name__})", functools.partial(st.from_type, cls))
        for cls in record_types()
    ]
    cases += [
        ("registries(min_factories=1)", lambda: aist.registries(min_factories=1)),
        (
            "registries(2..4, antenna, Finland)",
            lambda: aist.registries(
                min_size=2, max_size=4, kind="antenna", country="Finland"
            ),
        ),
        ("funding_splits(min_size=2)", lambda: aist.funding_splits(min_size=2)),
        ("registries(10..10)", lambda: aist.registries(min_size=10, max_size=10)),
        ("registries(30..35)", lambda: aist.registries(min_size=30, max_size=35)),
    ]
    return cases


class Timings:
    """Draw times the engine records, per example and for its health check."""

    def __init__(self) -> None:
        """Start empty."""
        self.per_example: list[float] = []
        self.choices: list[int] = []
        self.health: float | None = None

    @contextlib.contextmanager
    def recording(self) -> Iterator[None]:
        """Wrap the engine's health-check hook while the test runs."""
        original = engine.ConjectureRunner.record_for_health_check
        timings = self

        def record(runner: Any, data: Any) -> None:
            state = runner.health_check_state
            timings.per_example.append(sum(data.draw_times.values()))
            timings.choices.append(len(data.choices))
            original(runner, data)
            if state is not None and runner.health_check_state is None:
                timings.health = state.total_draw_time

        engine.ConjectureRunner.record_for_health_check = record  # type: ignore[assignment]
        try:
            yield
        finally:
            engine.ConjectureRunner.record_for_health_check = original  # type: ignore[method-assign]


def run_one(strategy: st.SearchStrategy[Any]) -> tuple[Timings, str]:
    """Run a default-settings ``@given`` test of ``strategy``; return its timings."""

    @settings(database=None)
    @given(strategy)
    def test(value: object) -> None:
        del value

    timings = Timings()
    with timings.recording():
        try:
            test()
        except Exception as exc:  # noqa: BLE001 - a failure is what we report
            return timings, f"FAILED {type(exc).__name__}: {str(exc)[:70]}"
    return timings, "passed"


@contextlib.contextmanager
def busy_loop(*, enabled: bool) -> Iterator[None]:
    """A CPU-bound process beside this one, stopped by its own id afterwards."""
    if not enabled:
        yield
        return
    loop = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.2)
        yield
    finally:
        loop.kill()
        loop.wait()


def main(argv: list[str] | None = None) -> int:
    """Run every case beside a busy loop; exit 1 if any fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-busy", action="store_true", help="no busy loop")
    parser.add_argument("--only", help="run the cases whose name has this text")
    options = parser.parse_args(argv)
    build_registry()  # the library's first use, outside any timing
    failed = 0
    worst_margin = float("inf")
    header = ("test", "choices", "draws/s", "slowest", "margin")
    print("{:36} {:>7} {:>8} {:>9} {:>7}  result".format(*header))
    with busy_loop(enabled=not options.no_busy):
        for name, make in documented():
            if options.only and options.only not in name:
                continue
            timings, result = run_one(make())
            drawn = sum(timings.per_example)
            rate = len(timings.per_example) / drawn if drawn else float("inf")
            slowest = max(timings.per_example, default=0.0)
            margin = HEALTH_LIMIT / timings.health if timings.health else float("inf")
            worst_margin = min(worst_margin, margin)
            failed += result != "passed"
            choices = sum(timings.choices) / max(1, len(timings.choices))
            print(
                f"{name:36} {choices:7.0f} {rate:8.0f} {slowest * 1000:7.1f}ms "
                f"{margin:6.1f}x  {result}"
            )
    print(f"worst health-check margin: {worst_margin:.1f}x; failed: {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
