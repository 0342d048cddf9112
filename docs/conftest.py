"""Run every Python example in the docs as a test, with Sybil.

``pytest`` collects each ```` ```python ```` block of every page under
``docs/``: blocks with ``>>>`` prompts run as doctests (their output must
match), other blocks run as plain code. Each page runs in a fresh temporary
working directory holding a copy of ``docs/examples/``, so examples can
read ``my-registry.toml`` or write files as a reader would.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE
from pathlib import Path
from typing import Any

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser

_EXAMPLES = Path(__file__).parent / "examples"


def _setup(namespace: dict[str, Any]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="aifactories-docs-"))
    shutil.copytree(_EXAMPLES, folder, dirs_exist_ok=True)
    namespace["_docs_cwd"] = (Path.cwd(), folder)
    os.chdir(folder)


def _teardown(namespace: dict[str, Any]) -> None:
    previous, folder = namespace.pop("_docs_cwd")
    os.chdir(previous)
    shutil.rmtree(folder, ignore_errors=True)


pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE),
        SkipParser(),
    ],
    patterns=["*.md"],
    # Generated data pages hold no examples of ours (Path.match globs do not
    # recurse, hence one pattern per depth).
    excludes=["data/_generated/*", "data/_generated/*/*"],
    setup=_setup,
    teardown=_teardown,
).pytest()
