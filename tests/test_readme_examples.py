"""The README's Python examples run, and print what the README says."""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE
from pathlib import Path

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_examples() -> None:
    sybil = Sybil(
        parsers=[
            PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE)
        ]
    )
    document = sybil.parse(README)
    examples = list(document)
    assert len(examples) >= 3
    for example in examples:
        example.evaluate()
