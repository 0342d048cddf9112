"""The architecture page names every module; imports go forward and never loop."""

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


def _modules_imported(module: Path) -> set[str]:
    """The aifactories modules ``module`` imports, wherever the import stands.

    Imports inside functions count (they run on first use), and so do those
    for type checking only: a type checker follows them too.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.update(
                f"{node.module}.{a.name}"
                if _module_file(f"{node.module}.{a.name}")
                else node.module
                for a in node.names
            )
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    # The packages' __init__ files only gather names; an edge to them is no
    # dependency on the modules behind them.
    packages = {"aifactories", "aifactories._draft", "aifactories.testing"}
    return {n for n in found if _module_file(n) and n not in packages}


def _module_file(name: str) -> Path | None:
    base = ROOT / "src" / Path(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _name(module: Path) -> str:
    parts = module.relative_to(ROOT / "src").with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_module_imports_itself_through_others() -> None:
    graph = {_name(m): _modules_imported(m) - {_name(m)} for m in MODULES}
    # Depth-first search; a module met again while still on the path closes
    # a cycle.
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph.get(name, ())):
            if state.get(target) == "open":
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []
