"""Every ``$ aifactories …`` transcript in the README and the docs prints what it shows.

Each ```` ```console ```` block of ``README.md`` and ``docs/**/*.md`` is read as
a terminal session: a ``$ aifactories ARGS`` (or ``$ python -m aifactories
ARGS``) line is run in-process through :func:`aifactories._cli.main`, and
what it writes to stdout and stderr, interleaved as a terminal shows them,
must equal the lines shown up to the next ``$`` line or the block's end. A
shown line that is only ``...`` or ``…`` stands for any number of lines, and
``...`` or ``…`` inside a line for any text; the CLI's own ``…`` in a cut
table cell matches itself. A ``$ echo $?`` line checks the exit status of
the command before it. ``$ sqlite3 DB "SQL"`` lines run the query through
the standard library's ``sqlite3`` module and print rows as the ``sqlite3``
shell does (``a|b``).

Commands run in order, one page at a time, in a fresh working directory:
a file one command writes (``-o registry.db``) is there for the next ones on
the same page. What the page has the reader do before a command (have a
file, review a draft) is done by the step :data:`READER` names. A command
shown with no lines after it must print nothing. Commands that cannot run
here are listed in :data:`SKIPPED` with the reason.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import re
import shlex
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest

import aifactories
from aifactories._cli import main

ROOT = Path(__file__).resolve().parent.parent
PAGES = (ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")))

#: Commands a transcript shows that this test does not run, by their start
#: (what follows ``$ ``), with the reason. Keep it short: a command that can
#: be made to run here should run.
SKIPPED: dict[str, str] = {
    "pip install": "installs packages from the network",
    "datasette": "starts a web server",
}

#: How many commands, at least, the pages hold and this test runs; it
#: guards against a parser change that silently finds nothing.
MIN_RUN = 30

#: The environment every command sees: a fixed width, and none of the
#: variables that could change what the CLI prints.
ENVIRONMENT = {"COLUMNS": "80", "NO_COLOR": "1", "LC_ALL": "C.UTF-8", "TZ": "UTC"}
UNSET = ("FORCE_COLOR", "LANG", "LANGUAGE", "PYTHONIOENCODING")

_ELIDED_LINE = re.compile(r"(?:\.\.\.|…)")
_ARTICLE = re.compile(r"^>>> article = (\((?:\n\.\.\. .*)*?\n\.\.\. \))$", re.MULTILINE)
_CONTINUATION = re.compile(r"^\.\.\. ", re.MULTILINE)
_PROG = re.compile(r"^(?:aifactories|python3? -m aifactories)(?:\s|$)")


@attrs.frozen
class Command:
    """One ``$`` line of a transcript and the lines shown after it."""

    page: Path
    line: int
    text: str
    shown: tuple[str, ...]

    @property
    def where(self) -> str:
        """``page:line``, relative to the repository, for messages."""
        page = self.page
        shown = page.relative_to(ROOT) if page.is_relative_to(ROOT) else page
        return f"{shown}:{self.line}"


def _blocks(page: Path) -> Iterator[tuple[int, list[str]]]:
    """The ``console`` blocks of a page: the first line's number and the lines."""
    lines = page.read_text(encoding="utf-8").splitlines()
    start: int | None = None
    fence = ""
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if start is None:
            match = re.fullmatch(r"(`{3,}|~{3,})\s*console\s*", stripped)
            if match:
                start, fence = number + 1, match.group(1)
        elif stripped == fence:
            yield start, lines[start - 1 : number - 1]
            start = None


def _commands(page: Path) -> list[Command]:
    """The ``$`` commands of a page's console blocks, in order."""
    found: list[Command] = []
    for start, lines in _blocks(page):
        index = 0
        while index < len(lines):
            if not lines[index].startswith("$ "):
                index += 1  # a block without prompts shows commands only
                continue
            line = start + index
            text = lines[index][2:]
            index += 1
            # A quoted argument may go on over several lines (an SQL query).
            while not _complete(text) and index < len(lines):
                text += "\n" + lines[index]
                index += 1
            shown: list[str] = []
            while index < len(lines) and not lines[index].startswith("$ "):
                shown.append(lines[index])
                index += 1
            found.append(Command(page, line, text, tuple(shown)))
    return found


def _complete(text: str) -> bool:
    try:
        shlex.split(text, comments=True)
    except ValueError:
        return False
    return True


def _skip_start(text: str) -> str | None:
    """The :data:`SKIPPED` entry that covers a command, if any."""
    return next((start for start in SKIPPED if text.startswith(start)), None)


def _pattern(shown: tuple[str, ...]) -> re.Pattern[str]:
    """A regular expression for the output the shown lines stand for."""
    parts: list[str] = []
    for line in shown:
        if _ELIDED_LINE.fullmatch(line.strip()):
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            pieces = _ELIDED_LINE.split(line.rstrip())
            parts.append("[^\n]*?".join(map(re.escape, pieces)) + r"\n")
    return re.compile("".join(parts))


def _matches(shown: tuple[str, ...], printed: str) -> bool:
    if shown == tuple(printed.splitlines()):
        return True  # the usual case, and literal "…" in a table cell
    return _pattern(shown).fullmatch(printed) is not None


def _normal(text: str) -> str:
    """Output as a page shows it: no trailing spaces, a newline after each line."""
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def _run_cli(argv: list[str], cwd: Path) -> tuple[int, str]:
    """Run ``aifactories ARGV``: its exit status and what a terminal shows.

    A ``> FILE`` redirection sends stdout to the file; stderr stays shown.
    """
    target: Path | None = None
    if ">" in argv:
        at = argv.index(">")
        target, argv = cwd / argv[at + 1], argv[:at]
    terminal = io.StringIO()
    out = terminal if target is None else io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(terminal):
        status = main(argv)
    if target is not None:
        target.write_text(out.getvalue(), encoding="utf-8")
    return status, terminal.getvalue()


def _run_sqlite(argv: list[str], cwd: Path) -> str:
    """``sqlite3 DB "SQL; SQL"`` as the ``sqlite3`` shell prints it."""
    database, script = argv
    with contextlib.closing(sqlite3.connect(cwd / database)) as connection:
        rows = [
            row
            for statement in filter(str.strip, script.split(";"))
            for row in connection.execute(statement)
        ]
    return "".join("|".join(_sqlite_text(v) for v in row) + "\n" for row in rows)


def _sqlite_text(value: object) -> str:
    return "" if value is None else str(value)


def _bad_registry(cwd: Path) -> None:
    """``my-registry.json``: the bundled data with the README's three mistakes."""
    data = json.loads(aifactories.dumps(aifactories.load()))
    antenna = data["antennas"][0]
    antenna["country"], antenna["wave"] = "Sweden", "A9"
    antenna["factories"][0] = "lumi"
    (cwd / "my-registry.json").write_text(json.dumps(data), encoding="utf-8")


def _press_release(cwd: Path) -> None:
    """``press-release.txt``, and its copy in ``articles/``: the how-to's article."""
    page = (ROOT / "docs" / "howto" / "draft.md").read_text(encoding="utf-8")
    found = _ARTICLE.search(page)
    assert found, "the draft how-to no longer shows its article"
    article = ast.literal_eval(_CONTINUATION.sub("", found.group(1)))
    (cwd / "articles").mkdir(exist_ok=True)
    for path in (cwd / "press-release.txt", cwd / "articles" / "press-release.txt"):
        path.write_text(article, encoding="utf-8")


def _review_draft(cwd: Path) -> None:
    """Review ``draft.json`` as the how-to asks: judge it, and drop the note."""
    path = cwd / "draft.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in (*data["factories"], *data["antennas"]):
        assert "to fill by reviewer: confidence." in entry["notes"], entry["notes"]
        entry["notes"] = None
    path.write_text(json.dumps(data), encoding="utf-8")


#: What a page has the reader do before a command, by the command's start.
READER: dict[str, Callable[[Path], None]] = {
    "aifactories validate my-registry.json": _bad_registry,
    "aifactories draft press-release.txt": _press_release,
    "aifactories merge draft.json": _review_draft,
}


@attrs.frozen
class Outcome:
    """What running a page's commands found."""

    ran: int
    skipped: frozenset[str]
    problems: tuple[str, ...]


def _check_page(page: Path, cwd: Path) -> Outcome:
    """Run a page's commands in order in ``cwd`` and compare what they print."""
    ran, skipped, problems = 0, set[str](), list[str]()
    status = 0
    for command in _commands(page):
        argv = shlex.split(command.text, comments=True)
        skip = _skip_start(command.text)
        if skip is not None:
            skipped.add(skip)
            continue
        for begins, step in READER.items():
            if command.text.startswith(begins):
                step(cwd)
        if argv == ["echo", "$?"]:
            printed = f"{status}\n"
        elif _PROG.match(command.text):
            start = 1 if argv[0] == "aifactories" else 3
            status, printed = _run_cli(argv[start:], cwd)
        elif argv[0] == "sqlite3":
            printed = _run_sqlite(argv[1:], cwd)
        else:
            problems.append(f"{command.where}: cannot run $ {command.text}")
            continue
        ran += 1
        printed = _normal(printed)
        if _matches(command.shown, printed):
            continue
        problems.append(
            f"{command.where}: $ {command.text}\n--- shown\n"
            + "".join(f"{line}\n" for line in command.shown)
            + f"--- printed (exit {status})\n"
            + printed
        )
    return Outcome(ran, frozenset(skipped), tuple(problems))


@pytest.fixture(name="terminal")
def _terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh working directory, with the fixed environment the pages assume."""
    for name in UNSET:
        monkeypatch.delenv(name, raising=False)
    for name, value in ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    return tmp_path


class TestTranscripts:
    """Each page's transcripts print, line for line, what the page shows."""

    @pytest.mark.parametrize(
        "page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES]
    )
    def test_page(self, page: Path, terminal: Path) -> None:
        outcome = _check_page(page, terminal)
        assert not outcome.problems, "\n\n".join(outcome.problems)


class TestCoverage:
    """The pages are found, most commands run, and every skip is still needed."""

    def test_all_pages(self, terminal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        outcomes = []
        for number, page in enumerate(PAGES):
            cwd = terminal / str(number)
            cwd.mkdir()
            monkeypatch.chdir(cwd)
            outcomes.append(_check_page(page, cwd))
        assert sum(o.ran for o in outcomes) >= MIN_RUN
        used = frozenset().union(*(o.skipped for o in outcomes))
        assert used == SKIPPED.keys(), "a SKIPPED entry matches no command"


class TestMatching:
    """A shown transcript matches what the command prints, and nothing else."""

    SHOWN = ("a  long cell…  x", "...", "total: ... items")

    @pytest.mark.parametrize(
        "printed",
        [
            "a  long cell…  x\ntotal: 3 items\n",
            "a  long cell…  x\nmore\nand more\ntotal: 3 items\n",
        ],
    )
    def test_matches(self, printed: str) -> None:
        assert _matches(self.SHOWN, printed)

    @pytest.mark.parametrize(
        "printed",
        [
            "a  long cell…  y\ntotal: 3 items\n",
            "a  long cell…  x\ntotal: 3 items\nextra\n",
            "a  long cell…  x\n",
            "",
        ],
    )
    def test_mismatches(self, printed: str) -> None:
        assert not _matches(self.SHOWN, printed)

    def test_elided_line_at_end(self) -> None:
        assert _matches(("head", "…"), "head\nrest\n")
        assert not _matches(("head", "…"), "other\nrest\n")


class TestSession:
    """A made-up page's commands run in order, and a wrong exit status is caught."""

    PAGE = """\
```console
$ aifactories export --format csv -o out.csv
aifactories export: wrote ... entries as CSV to out.csv
$ aifactories validate out.csv
...
$ echo $?
{status}
```
"""

    def test_exit_status(self, terminal: Path) -> None:
        page = terminal / "page.md"
        page.write_text(self.PAGE.format(status=2), encoding="utf-8")
        assert _check_page(page, terminal) == Outcome(3, frozenset(), ())

    def test_wrong_exit_status(self, terminal: Path) -> None:
        page = terminal / "page.md"
        page.write_text(self.PAGE.format(status=0), encoding="utf-8")
        (problem,) = _check_page(page, terminal).problems
        assert problem.startswith(f"{page}:6: $ echo $?")
