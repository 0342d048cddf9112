"""The architecture page names every module, and the core never imports later steps."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "aifactories"
PAGE = ROOT / "docs" / "explanation" / "architecture.md"
MODULES = sorted(
    [*PACKAGE.rglob("*.py"), *(ROOT / "src").glob("_aifactories_*.py")],
    key=str,
)


@pytest.mark.parametrize(
    "module",
    [m for m in MODULES if m.name != "__init__.py"],
    ids=lambda m: str(m.relative_to(ROOT / "src")),
)
def test_the_page_names_the_module(module: Path) -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert f"`{module.name}`" in page or f"`{module.stem}`" in page


def _imports(module: Path) -> set[str]:
    """Every aifactories module ``module`` imports, at run time or for typing."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found.update(n for n in names if n.startswith("aifactories"))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("aifactories"))
    return found


@pytest.mark.parametrize(
    "module",
    [m for m in MODULES if "testing" not in m.parts and m.parent == PACKAGE],
    ids=lambda m: str(m.relative_to(ROOT / "src")),
)
def test_the_library_never_imports_the_testing_kit(module: Path) -> None:
    assert not any(name.startswith("aifactories.testing") for name in _imports(module))


@pytest.mark.parametrize(
    "module",
    [
        PACKAGE / "_seeds.py",
        PACKAGE / "_releases.py",
        PACKAGE / "_validate.py",
        PACKAGE / "_convert.py",
        PACKAGE / "_parse.py",
        PACKAGE / "_files.py",
    ],
    ids=lambda m: str(m.relative_to(ROOT / "src")),
)
def test_an_early_step_imports_no_later_one(module: Path) -> None:
    later = (
        "aifactories._draft",
        "aifactories._io",
        "aifactories._tables",
        "aifactories._cli",
        "aifactories._merge",
        "aifactories._diff",
    )
    assert not {n for n in _imports(module) if n.startswith(later)}
