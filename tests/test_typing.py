"""A misspelt field given to the testing kit is a mypy error, and its keyword types
match the records."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import typing
from pathlib import Path

import pytest

from aifactories import Antenna, Factory
from aifactories.testing import AntennaFields, FactoryFields

SNIPPET = """
from aifactories import Registry
from aifactories.testing import MakeRegistry, make_antenna, make_factory

make_factory("x", nmae="typo")
make_antenna("y", factories=["x"], contry="SE")
make_factory("w", aliases="one string is an iterable of str, so this is fine")
make_factory("v", selected_on="2025-01-01")
fine = make_factory("z", name="Fine", aliases=["a"], country="FI")


def use(aif_make_registry: MakeRegistry) -> Registry:
    aif_make_registry(fine, chek=False)
    return aif_make_registry(fine, make_antenna("a", factories=["z"]))
"""

EXPECTED = [
    (5, 'Unexpected keyword argument "nmae" for "make_factory"'),
    (6, 'Unexpected keyword argument "contry" for "make_antenna"'),
    (8, 'Argument "selected_on" to "make_factory" has incompatible type "str"'),
    (13, 'Unexpected keyword argument "chek" for "__call__" of "MakeRegistry"'),
]


def test_a_misspelt_field_is_a_mypy_strict_error(tmp_path: Path) -> None:
    (tmp_path / "snippet.py").write_text(textwrap.dedent(SNIPPET), encoding="utf-8")
    # Run from tmp_path, so that the project's own mypy settings do not apply.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--hide-error-context",
            "--cache-dir",
            str(tmp_path / "cache"),
            "snippet.py",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line for line in done.stdout.splitlines() if ": error: " in line]
    found = [
        (int(line.split(":")[1]), line.split(": error: ", 1)[1]) for line in errors
    ]
    assert len(found) == len(EXPECTED), done.stdout + done.stderr
    for (line, message), (want_line, want) in zip(found, EXPECTED, strict=True):
        assert line == want_line, message
        assert message.startswith(want), message


@pytest.mark.parametrize(
    ("fields", "cls"), [(FactoryFields, Factory), (AntennaFields, Antenna)]
)
def test_keyword_types_match_the_model(fields: type, cls: type[object]) -> None:
    # The typed keywords are spelt out by hand; they must follow the model.
    wanted = typing.get_type_hints(vars(cls)["__init__"])
    del wanted["return"], wanted["id"]
    assert typing.get_type_hints(fields) == wanted
