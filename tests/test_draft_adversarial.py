"""Drafting hostile text: any input drafts, quotes stay verbatim, nothing hangs."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

import aifactories

# The runs that once backtracked without bound, each lined up after a
# sentence that names a factory so every field finder reads them.
_LEAD = "The Nordlys AI Factory is hosted by the Arctic Centre in Tromso, Norway.\n"
_UNITS = (
    ".",
    "!?",
    "A-",
    "Ab-",
    "A'",
    "A.",
    "A&",
    "(",
    "([",
    ")",
    " ",
    "\t",
    "Prof. ",
    "Dr. ",
    "€1 ",
    "A, ",
    "AI Factory ",
    "Antenna ",
)


@st.composite
def _hostile(draw: st.DrawFn) -> str:
    unit = draw(st.sampled_from(_UNITS) | st.characters(codec="utf-8").map(str))
    count = draw(st.integers(1, 1500))
    nested = draw(st.integers(0, 40))
    body = "(" * nested + unit * count + ")" * nested
    return _LEAD + body + draw(st.sampled_from(["", ".", "\n", " is new."]))


class TestHostileText:
    """Runs of punctuation, hyphen-joined capitals and long lines draft normally."""

    @settings(max_examples=60, deadline=None)
    @given(_hostile())
    def test_every_quote_is_in_the_text(self, text: str) -> None:
        result = aifactories.draft(text)
        for entry in result.entries:
            for source in entry.sources:
                assert source.quote is not None
                assert source.quote in result.text

    def test_the_runs_that_backtracked_finish(self) -> None:
        # In a child process so a regression hangs one test, not the suite;
        # the timeout only catches a hang (these took minutes to hours).
        script = (
            "import aifactories, json, sys\n"
            f"lead = {_LEAD!r}\n"
            "texts = ['.' * 40_000, 'A-' * 400, 'a' * 400, lead + 'A-' * 400,"
            " lead + ('A ' * 400 + '\\n') * 200, lead + 'Prof. ' * 5000]\n"
            "print(json.dumps([len(aifactories.draft(t).entries) for t in texts]))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        assert json.loads(done.stdout) == [0, 0, 0, 1, 1, 1]
