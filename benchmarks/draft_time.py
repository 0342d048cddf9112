"""Time ``aifactories.draft`` takes on hostile input: bounded and linear.

Usage::

    python benchmarks/draft_time.py            # the table
    python benchmarks/draft_time.py --check    # exit 1 over the budgets

Each shape (a run of terminators, hyphen-joined capitals, one long line of
one character, nested brackets, many made-up factory names, …) is drafted
at 1 MB, which must take under :data:`BUDGET` seconds on one core, and at
two sizes within what a draft reads, where four times the text may take
at most :data:`GROWTH` times as long (linear, with room for noise).
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import time
from collections.abc import Callable

import aifactories

BUDGET = 15.0
GROWTH = 8.0
MEGABYTE = 1_000_000
LEAD = "The Nordlys AI Factory is hosted by the Arctic Centre in Tromso, Norway.\n"


def _name(seed: int) -> str:
    pick = random.Random(seed).choice
    upper = "".join(pick(string.ascii_uppercase) for _ in range(2))
    return upper + "".join(pick(string.ascii_lowercase) for _ in range(5))


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: LEAD + unit * (size // len(unit))


def _lines(line: Callable[[int], str]) -> Callable[[int], str]:
    def make(size: int) -> str:
        parts, total, seed = [LEAD], len(LEAD), 0
        while total < size:
            parts.append(line(seed))
            total += len(parts[-1])
            seed += 1
        return "".join(parts)

    return make


SHAPES: dict[str, Callable[[int], str]] = {
    "dots": _repeat("."),
    "hyphen-joined capitals": _repeat("A-"),
    "one character": _repeat("a"),
    "spaces": _repeat(" "),
    "nested brackets": lambda size: LEAD + "(" * (size // 2) + ")" * (size // 2),
    "one capital a line": _repeat("A\n"),
    "capitals, 800 a line": _repeat("A " * 400 + "\n"),
    "titles": _repeat("Prof. Dr. "),
    "made-up factories": _lines(
        lambda i: (
            f"The {_name(i)} AI Factory is led by {_name(i + 1)} University "
            f"in {_name(i + 2)}, Norway.\n"
        )
    ),
    "money": _lines(
        lambda i: (
            f"The Nordlys AI Factory gets €{i} million from the {_name(i)} "
            "Ministry and half from EuroHPC.\n"
        )
    ),
}


def _seconds(text: str) -> float:
    start = time.process_time()  # one core's time, not the machine's load
    aifactories.draft(text)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    """Print the times; with ``--check`` exit 1 if a budget is exceeded."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail over budget")
    args = parser.parse_args(argv)
    failed = False
    print(f"{'shape':24} {'1 MB':>8} {'50 kB':>8} {'200 kB':>8} growth")
    for label, make in SHAPES.items():
        big = _seconds(make(MEGABYTE))
        small, large = _seconds(make(50_000)), _seconds(make(200_000))
        growth = large / max(small, 0.05)
        bad = big > BUDGET or growth > GROWTH
        failed |= bad
        mark = "  OVER" if bad else ""
        print(f"{label:24} {big:8.2f} {small:8.2f} {large:8.2f} {growth:6.1f}{mark}")
    print(f"budgets: 1 MB under {BUDGET} s of CPU, x4 text at most x{GROWTH} time")
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
