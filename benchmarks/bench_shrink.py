"""How fast a failing property over drawn registries shrinks, and what it prints.

A planted bug in a small function under test (it forgets antennas that
link to a factory in another country) fails a property over
``registries()``; the benchmark times the whole failing run, generation
and shrinking, with Hypothesis's default settings and no example
database, and prints the falsifying example as a person would read it::

    python benchmarks/bench_shrink.py            # registries() and 30..35
    python benchmarks/bench_shrink.py --busy     # beside a CPU-bound loop

Target: under 15 s on a busy 2-core machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from bench_busy import busy_loop
from hypothesis import given, settings
from hypothesis import strategies as st

from aifactories import Registry
from aifactories.testing import strategies as aist

LIMIT = 15.0
"""Seconds a failing run may take, generation and shrinking together."""


def reach(registry: Registry) -> dict[str, set[str]]:
    """The code under test: the countries each factory reaches through antennas.

    The planted bug: an antenna abroad is skipped.
    """
    found: dict[str, set[str]] = {f.id: {f.country} for f in registry.factories}
    for antenna in registry.antennas:
        for factory_id in antenna.factories:
            if antenna.country == found[factory_id].copy().pop():  # the bug
                found[factory_id].add(antenna.country)
    return found


def failing_run(strategy: st.SearchStrategy[Any]) -> tuple[float, str]:
    """Run the failing property; return its seconds and the falsifying example."""

    @settings(database=None, print_blob=False)
    @given(strategy)
    def test_antennas_reach_their_country(registry: Registry) -> None:
        reached = reach(registry)
        for antenna in registry.antennas:
            for factory_id in antenna.factories:
                assert antenna.country in reached[factory_id]  # noqa: S101

    start = time.perf_counter()
    try:
        test_antennas_reach_their_country()
    except AssertionError as exc:
        notes = "\n".join(getattr(exc, "__notes__", []))
        return time.perf_counter() - start, notes
    msg = "the planted bug was not found"
    raise RuntimeError(msg)


def main(argv: list[str] | None = None) -> int:
    """Time each failing run; exit 1 if one takes longer than the limit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--busy", action="store_true", help="beside a busy loop")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", help="run the cases whose name has this text")
    options = parser.parse_args(argv)
    cases = {
        "registries()": aist.registries(),
        "registries(min_size=30, max_size=35)": aist.registries(
            min_size=30, max_size=35
        ),
    }
    slow = 0
    with busy_loop(enabled=options.busy):
        for name, strategy in cases.items():
            if options.only and options.only not in name:
                continue
            times = []
            for _ in range(options.rounds):
                seconds, example = failing_run(strategy)
                times.append(seconds)
            worst = max(times)
            slow += worst > LIMIT
            rounds = ", ".join(f"{t:.1f}" for t in times)
            lines = len(example.splitlines())
            print(
                f"== {name}: {rounds} s (worst {worst:.1f} s, limit {LIMIT:g} s); "
                f"falsifying example, {lines} lines:"
            )
            print(example)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
