"""Every Python example in the README and the docs passes ``mypy --strict``.

The examples of one page run in order in one namespace (Sybil), so each
page becomes one module: doctest blocks contribute their ``>>>``/``...``
lines, plain blocks their code. Console blocks are not Python. One mypy run
checks every page, with the repository's mypy cache.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
# Optional tools the pages use behind a skip; without them installed,
# mypy has nothing to check their calls against.
OPTIONAL = ("matplotlib",)


def _pages() -> list[Path]:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return [p for p in pages if "_generated" not in p.parts and "_build" not in p.parts]


def _code(block: str) -> str:
    lines = block.splitlines()
    if not any(line.startswith(">>>") for line in lines):
        return block
    # Doctest: keep the statements, drop the expected output.
    code = [line[4:] for line in lines if line.startswith((">>> ", "... "))]
    code += ["" for line in lines if line in {">>>", "..."}]
    return "\n".join(code) + "\n"


def page_module(text: str) -> str:
    """The Python examples of one page, as one module."""
    return "\n".join(_code(m.group(1)) for m in BLOCK.finditer(text))


def _mypy(
    folder: Path, files: list[Path], *extra: str
) -> subprocess.CompletedProcess[str]:
    config = folder / "mypy.ini"
    sections = "".join(
        f"[mypy-{name}.*]\nignore_missing_imports = True\n" for name in OPTIONAL
    )
    config.write_text(f"[mypy]\nstrict = True\n{sections}", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(config), *extra]
        + [str(f) for f in files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_examples_pass_mypy_strict(tmp_path: Path) -> None:
    files = []
    for page in _pages():
        code = page_module(page.read_text(encoding="utf-8"))
        if not code.strip():
            continue
        name = "_".join(page.relative_to(ROOT).with_suffix("").parts).replace("-", "_")
        path = tmp_path / f"example_{name}.py"
        path.write_text(code, encoding="utf-8")
        files.append(path)
    assert len(files) >= 10
    result = _mypy(tmp_path, files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_misspelt_module_attribute_is_a_type_error(tmp_path: Path) -> None:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        "import aifactories\n"
        "registry = aifactories.lod()\n"
        "factories = aifactories.load().of_kind('factory')\n"
        "reveal_type(factories)\n"
        "reveal_type(aifactories.load().factory('mimer').supercomputer)\n"
        "reveal_type(aifactories.load().serving('SE', kind='antenna'))\n"
        "reveal_type(aifactories.__version__)\n"
        "reveal_type(aifactories.diff)\n",
        encoding="utf-8",
    )
    result = _mypy(tmp_path, [snippet])
    out = result.stdout
    assert 'Module has no attribute "lod"' in out, out
    assert "tuple[aifactories._model.Factory, ...]" in out, out
    assert "aifactories._model.Supercomputer | None" in out, out
    assert "tuple[aifactories._model.Antenna, ...]" in out, out
    assert 'Revealed type is "str"' in out, out
    assert out.count("error:") == 1, out
