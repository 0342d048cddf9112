"""A downstream project installs aifactories[testing] as the docs say; its tests run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A hang, not slowness: building and installing take well under a minute.
HANG = 600

DOWNSTREAM_TEST = """\
from hypothesis import given, strategies as st

from aifactories import Factory
from aifactories.testing import MakeRegistry, make_antenna, make_factory


def test_fixtures(aif_make_registry: MakeRegistry) -> None:
    registry = aif_make_registry(
        make_factory("alpha"), make_antenna("beta", factories=["alpha"])
    )
    assert [a.id for a in registry.antennas_of("alpha")] == ["beta"]


@given(st.from_type(Factory))
def test_strategies(aif_make_registry: MakeRegistry, factory: Factory) -> None:
    assert aif_make_registry(factory)[factory.id] == factory
"""


def _run(*args: str | Path, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PIP_"))}
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=HANG,
        check=False,
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _documented_requirement() -> str:
    """The PEP 508 line for a built wheel, as docs/howto/testing.md shows it."""
    text = (ROOT / "docs" / "howto" / "testing.md").read_text(encoding="utf-8")
    found = re.search(r'"(aifactories\[testing\] @ file:///[^"]+\.whl)"', text)
    assert found, "the how-to shows no wheel requirement"
    return found.group(1)


def test_a_built_wheel_installs_with_its_extra(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT, cwd=tmp_path)
    (wheel,) = dist.glob("aifactories-*.whl")
    # The docs' line, with the reader's path to the wheel put in.
    documented = _documented_requirement()
    placeholder = documented.split("file://", 1)[1]
    requirement = documented.replace(
        placeholder, wheel.as_uri().removeprefix("file://")
    )
    assert requirement.startswith("aifactories[testing] @ file:///")

    project = tmp_path / "downstream"
    project.mkdir()
    (project / "requirements.txt").write_text(requirement + "\n", encoding="utf-8")
    (project / "test_downstream.py").write_text(DOWNSTREAM_TEST, encoding="utf-8")
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / ("Scripts" if os.name == "nt" else "bin") / "python"
    _run(python, "-m", "pip", "install", "-q", "-r", "requirements.txt", cwd=project)

    out = _run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=project)
    assert "2 passed" in out, out
    # The fixtures came from the installed wheel, not from this checkout.
    where = _run(
        python, "-c", "import aifactories; print(aifactories.__file__)", cwd=project
    )
    assert Path(where.strip()).is_relative_to(environment), where


@pytest.mark.parametrize(
    "form",
    [
        "pip install '/path/to/aifactories[testing]'",
        "aifactories[testing] @ git+https://github.com/aifactories/aifactories",
    ],
)
def test_the_docs_show_each_form(form: str) -> None:
    for page in (ROOT / "README.md", ROOT / "docs" / "howto" / "testing.md"):
        assert form in textwrap.dedent(page.read_text(encoding="utf-8")), page.name
