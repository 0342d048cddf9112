"""Build the sdist and wheel, install the wheel in a fresh venv and use it there.

Run from anywhere with ``build`` installed (a test dependency)::

    python scripts/smoke_dist.py [-- ARGS...]

It fails (exit 1, naming each problem) when:

* either artifact lacks a package, data or seed file of the source tree
  (the wheel is built from the sdist, so a file the sdist drops is caught
  twice);
* the installed package cannot run the README's main command,
  ``python -m aifactories ARGS`` (default: no arguments), from a directory
  where the source tree is not importable;
* the installed package is not the one imported, or its seed text differs
  from ``seeds/`` byte for byte, or its bundled registry is empty or invalid.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "aifactories"
SEEDS = ROOT / "seeds"

# Runs inside the fresh venv: argv[1] is the seeds/ folder, argv[2] the version.
PROVENANCE = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import aifactories

    seeds, version = Path(sys.argv[1]), sys.argv[2]
    where = Path(aifactories.__file__).resolve()
    assert Path(sys.prefix).resolve() in where.parents, f"imported from {where}"
    expected = sorted(p.name for p in seeds.glob("*.txt"))
    assert list(aifactories.seed_names()) == expected, aifactories.seed_names()
    for name in expected:
        shipped = aifactories.seed_text(name).encode("utf-8")
        assert shipped == (seeds / name).read_bytes(), f"seed {name} differs"
    registry = aifactories.load()
    assert len(registry) > 0, "the bundled registry is empty"
    problems = aifactories.validate(registry)
    assert problems == [], problems
    assert aifactories.__version__ == version, aifactories.__version__
    print(f"ok: {len(registry)} entries, {len(expected)} seed(s), from {where}")
    """
)


def _source_files() -> list[str]:
    """Package files relative to ``src/``, as both artifacts must hold them.

    In a git checkout, the files git does not ignore (hatch skips the same);
    elsewhere every file but caches and hidden ones.
    """
    git = shutil.which("git")
    if git is not None and (ROOT / ".git").exists():
        listed = subprocess.run(
            [git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=PACKAGE,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        paths = [PACKAGE / name for name in listed.split("\0") if name]
    else:
        paths = [
            path
            for path in PACKAGE.rglob("*")
            if not any(
                p.startswith(".") or p == "__pycache__"
                for p in path.relative_to(PACKAGE).parts
            )
        ]
    return sorted(
        path.relative_to(ROOT / "src").as_posix() for path in paths if path.is_file()
    )


def _seed_files() -> list[str]:
    return sorted(p.name for p in SEEDS.glob("*.txt"))


def _check_wheel(wheel: Path, problems: list[str]) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        expected = [
            *_source_files(),
            *(f"aifactories/_seeds/{s}" for s in _seed_files()),
            "_aifactories_hypothesis.py",  # the Hypothesis entry point
        ]
        problems += [f"{wheel.name}: missing {n}" for n in expected if n not in names]
        for seed in _seed_files():
            member = f"aifactories/_seeds/{seed}"
            if member in names and archive.read(member) != (SEEDS / seed).read_bytes():
                problems.append(f"{wheel.name}: {member} differs from seeds/{seed}")
        if not any(n.endswith(".dist-info/entry_points.txt") for n in names):
            problems.append(f"{wheel.name}: no entry_points.txt (console script)")


def _check_sdist(sdist: Path, top: str, problems: list[str]) -> None:
    with tarfile.open(sdist) as archive:
        names = {m.name.removeprefix(f"{top}/") for m in archive.getmembers()}
    expected = [
        "pyproject.toml",
        "README.md",
        "LICENSE",
        *(f"src/{n}" for n in _source_files()),
        "src/_aifactories_hypothesis.py",
        *(f"seeds/{s}" for s in _seed_files()),
    ]
    problems += [f"{sdist.name}: missing {n}" for n in expected if n not in names]


def _run(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        shown = " ".join(command)
        msg = f"{shown} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
        raise SystemExit(msg)
    return result.stdout


def _venv(folder: Path) -> Path:
    """Create a bare venv; pip from this interpreter installs into it."""
    _run(
        [sys.executable, "-m", "venv", "--without-pip", str(folder)], cwd=folder.parent
    )
    return folder / ("Scripts" if os.name == "nt" else "bin") / "python"


def main(argv: list[str] | None = None) -> int:
    """Run the smoke test; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "args", nargs="*", help="arguments for `python -m aifactories` (after --)"
    )
    options = parser.parse_args(argv)
    started = time.perf_counter()
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    version = version["project"]["version"]
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="aifactories-smoke-") as scratch:
        temp = Path(scratch)
        dist = temp / "dist"
        # Without --sdist/--wheel, build makes the sdist and the wheel from it.
        _run(
            [sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], cwd=temp
        )
        (wheel,) = dist.glob("*.whl")
        (sdist,) = dist.glob("*.tar.gz")
        print(f"built {sdist.name} and {wheel.name}")
        _check_wheel(wheel, problems)
        _check_sdist(sdist, sdist.name.removesuffix(".tar.gz"), problems)

        python = _venv(temp / "venv")
        pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q"]
        _run([*pip, str(wheel)], cwd=temp)
        # An empty working directory and no PYTHONPATH: only the wheel can answer.
        away = temp / "elsewhere"
        away.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        output = _run(
            [str(python), "-m", "aifactories", *options.args], cwd=away, env=env
        )
        if not output.strip():
            problems.append("`python -m aifactories` printed nothing")
        command = " ".join(["python -m aifactories", *options.args])
        print(f"{command}: {len(output.splitlines())} lines of output")
        script = python.with_name(
            "aifactories.exe" if os.name == "nt" else "aifactories"
        )
        if _run([str(script), *options.args], cwd=away, env=env) != output:
            problems.append("the `aifactories` script and `python -m` disagree")
        check = [str(python), "-c", PROVENANCE, str(SEEDS), version]
        print(_run(check, cwd=away, env=env).strip())
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    verdict = "FAILED" if problems else "passed"
    print(f"smoke_dist: {verdict} in {time.perf_counter() - started:.1f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
