"""The ``aifactories`` command line: browse, query, validate and export.

Every command reads the bundled registry unless ``--data FILE`` names a
user's file, which goes through the strict loader with every rule.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, TypeVar

import attrs

import aifactories
from aifactories._countries import country_code, country_name
from aifactories._errors import NotFoundError, RegistryDataError, problem_count
from aifactories._files import OutputIsInputError, read_file, read_stream, write_file
from aifactories._io import dump_document, json_text
from aifactories._model import (
    Antenna,
    Conflict,
    Entry,
    Factory,
    FundingShare,
    Kind,
    Person,
    Source,
    Stakeholder,
    _grouped,
)
from aifactories._registry import Registry
from aifactories._sectors import resolve_sector
from aifactories._table import Column, render
from aifactories._text import counted

if TYPE_CHECKING:
    from aifactories._diff import Diff, FieldChange

PROG = "aifactories"
_T = TypeVar("_T")

_PROSE_WIDTH = 100
"""``show`` wraps its text at this width at most: longer lines read badly."""


class _CommandError(Exception):
    """A failure reported as one line on stderr, ending with ``status``."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse would print the usage too; one line is easier to read.
        msg = f"{self.prog}: {message} (see '{self.prog} --help')"
        raise _CommandError(msg, 2)


class _Version(argparse.Action):
    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        del namespace, values, option_string  # argparse's signature; not needed
        # Read here, not when the parser is built: only --version pays for it.
        version = aifactories.__version__
        coverage = aifactories.load().coverage
        checked = ""
        if coverage is not None:
            checked = f"; sources checked until {coverage.checked_until}"
            if coverage.most_checked_until is not None:
                checked += f", most until {coverage.most_checked_until}"
        _write(f"{PROG} {version} (data {aifactories.DATA_VERSION}{checked})")
        parser.exit()


# -- entry point --------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0 for success, 1 for a failure (nothing found, an
        invalid file), 2 for a usage error or an unreadable file.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    _tolerate_narrow_encoding()
    try:
        status = _run(args)
        sys.stdout.flush()
    except SystemExit as exc:  # --help and --version end through argparse
        return exc.code if isinstance(exc.code, int) else 0
    except BrokenPipeError:
        # The reader went away (`aifactories list | head`): stop quietly.
        _silence_stdout()
        return 141
    except KeyboardInterrupt:
        _error(f"{PROG}: interrupted")
        return 130
    except Exception as exc:
        if debug:
            raise
        if isinstance(exc, _CommandError):
            _error(str(exc))
            return exc.status
        if isinstance(exc, MemoryError):
            # Not a problem of the data, and not worth a traceback: say so.
            _error(f"{PROG}: out of memory")
        else:
            _error(
                f"{PROG}: internal error: {type(exc).__name__}: {exc} "
                "(run with --debug for the traceback)"
            )
        return 1
    return status


def _run(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 0
    return handler(args)


def _utf8(stream: object) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").replace("_", "-").lower()
    return encoding in {"utf-8", "utf8"}


def _tolerate_narrow_encoding() -> None:
    # Names like "Linköping" must not crash a non-UTF-8 stdout: print a
    # stand-in for what the encoding lacks instead.
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper) and not _utf8(stream):
        stream.reconfigure(errors="replace")


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


# -- the parser ---------------------------------------------------------------


_DESCRIPTION = """\
Browse, query, validate and export the registry of EuroHPC AI Factories and
AI Factory Antennas: who hosts and funds them, what they focus on, which
antennas link to which factories, and the sources behind every fact."""

# The end of each command's help (None: the program's), under "examples:".
_EXAMPLES = {
    None: """\
  aifactories list --kind factory --country Germany
  aifactories show mimer
  aifactories search linkoping
  aifactories validate my-registry.json
  aifactories export --format csv -o registry.csv

Run 'aifactories COMMAND --help' for the options of each command.""",
    "list": """\
  aifactories list
  aifactories list --kind antenna --sector health
  aifactories list --serving Czechia
  aifactories list --wave W2 --json
  aifactories list --as-of 2025-06-30

Filters combine: an entry must pass them all. Columns that do not fit the
terminal are left out (selection date, system status, then city), and long
cells end in an ellipsis: --width 0 shows everything, --json every field.""",
    "show": """\
  aifactories show mimer
  aifactories show "LUMI AI Factory"
  aifactories show hearts-ch --json""",
    "search": """\
  aifactories search linkoping
  aifactories search barcelona supercomputing
  aifactories search czechia --json""",
    "validate": """\
  aifactories validate my-registry.json
  aifactories validate a.json b.toml --json
  aifactories export | aifactories validate -

exit status: 0 every file is valid, 1 a file is invalid, 2 a file cannot be
read (or the command line is wrong).""",
    "draft": """\
  aifactories draft press-release.txt -o draft.json
  aifactories draft announcement.html --toml -o draft.toml

Every proposed value carries the article's words it rests on; what the
article does not give stays empty, and required fields it lacks read
TO-FILL (dates 0001-01-01). An entry the registry already has is written
merged, and each proposed change is listed on standard error. Articles are
read as UTF-8, at most 2 MB; .html files have their tags removed first.

exit status: 0 a draft was written, 1 the article names no entry or is not
text, 2 the article cannot be read (or the command line is wrong).""",
    "merge": """\
  aifactories merge draft.json -o registry.json --documents articles
  aifactories merge draft.json --into my-registry.json -o my-registry.json

Adds the draft's new entries, replaces the entries it updates and adds the
waves it names that the registry lacks. A draft still holding TO-FILL,
0001-01-01 or a note "to fill by reviewer" is refused, each place listed.

exit status: 0 written, 1 the draft is not ready or not valid, 2 a file
cannot be read or written.""",
    "diff": """\
  aifactories diff 2026.11.24 latest
  aifactories export > before.json
  aifactories diff before.json my-registry.json
  aifactories diff old.json new.json --json

OLD and NEW are registry files or data releases ('aifactories releases'
lists them; latest is the bundled data). Entries, waves and facts are
matched by id; each changed field is named by its path in the data file,
with its old and new value. --facts leaves out source bookkeeping (changes
within sources, the data version, date and coverage). --documents DIR
checks seed quotes of both files against DIR.

exit status: 0 the files were compared (whether or not they differ), 1 a file
is invalid, 2 a file cannot be read (or the command line is wrong).""",
    "releases": """\
  aifactories releases
  aifactories diff 2026.11.24 latest

Every data release ships with the package; the latest is the bundled data.""",
    "export": """\
  aifactories export > registry.json
  aifactories export --format csv -o registry.csv
  aifactories export --format csv --table funding -o funding.csv
  aifactories export --format sqlite -o registry.db --metadata metadata.json
  aifactories export --format geojson --links -o registry.geojson
  aifactories export --format datapackage -o registry/
  aifactories export --format schema -o aifactories.schema.json
  aifactories export --data my-registry.json --format csv

csv --table NAME writes one of the tables (entries, funding, stakeholders,
people, grants, performance, top500, calls, links, waves, sources, serving,
timeline); sqlite writes them all, with keys, indexes and a meta table, and
needs -o; datapackage writes each as NAME.csv with a datapackage.json into
-o DIR.""",
    "stale": """\
  aifactories stale
  aifactories stale --on 2027-01-31
  aifactories stale --data my-registry.json --json

Lists planned dates that have passed with nothing recorded since, values
resting on one low-confidence source over a year old, and entries whose
newest dated evidence is over a year older than the coverage date. --on
defaults to the data's date.""",
}


def _stale(args: argparse.Namespace) -> int:
    found = _registry(args).stale(args.on)
    if args.json:
        _json([{**attrs.asdict(s), "since": s.since.isoformat()} for s in found])
    else:
        for item in found:
            _write(f"{item.since.isoformat()}  {item}")
        _write(f"{counted(len(found), 'item')} to check again")
    return 0


def _add_drafting(command: Callable[[str, str, Callable[..., int]], Any]) -> None:
    """The draft and merge commands: from an article to a registry file."""
    drafting = command(
        "draft", "propose registry entries from a press release, with quotes", _draft
    )
    drafting.add_argument("article", metavar="ARTICLE", help="a .txt or .html file")
    shape = drafting.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="write JSON (the default)")
    shape.add_argument("--toml", action="store_true", help="write TOML")
    _add_output(drafting)
    merging = command("merge", "fold a reviewed draft into a registry file", _merge)
    merging.add_argument("draft", metavar="DRAFT", help="the reviewed draft file")
    merging.add_argument(
        "--into", metavar="FILE", help="the registry file (default: the bundled data)"
    )
    merging.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="write to OUT"
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description=_DESCRIPTION,
        epilog="examples:\n" + _EXAMPLES[None],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action=_Version,
        nargs=0,
        default=argparse.SUPPRESS,
        help="print the package and data versions and exit",
    )
    _add_common(parser, default=None)
    # Subcommands repeat the common options, so they work on either side of
    # the command name; SUPPRESS keeps an absent one from resetting the other.
    common = _Parser(add_help=False)
    _add_common(common, default=argparse.SUPPRESS)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, summary: str, handler: Callable[..., int]) -> Any:
        sub = commands.add_parser(
            name,
            help=summary,
            description=summary[0].upper() + summary[1:] + ".",
            epilog="examples:\n" + _EXAMPLES[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[common],
        )
        sub.set_defaults(handler=handler)
        return sub

    listing = command(
        "list", "list entries, filtered by kind, country, sector, wave or date", _list
    )
    listing.add_argument(
        "--kind", choices=[k.value for k in Kind], help="only factories or antennas"
    )
    listing.add_argument(
        "--country",
        type=_country,
        metavar="C",
        help="hosted in country C (code or name)",
    )
    listing.add_argument(
        "--serving",
        type=_country,
        metavar="C",
        help="usable from country C: hosted there, in a consortium with it, or "
        "linked from an antenna there",
    )
    listing.add_argument(
        "--sector", type=_sector, metavar="S", help="focused on sector S, e.g. health"
    )
    listing.add_argument(
        "--wave",
        metavar="N",
        help="selected in wave N: an id such as W1 or A1 (2 means W2)",
    )
    listing.add_argument(
        "--as-of", type=_date, metavar="DATE", help="as selected by DATE (YYYY-MM-DD)"
    )
    _add_width(listing)
    _add_json(listing)

    show = command("show", "show everything about one entry, with its sources", _show)
    show.add_argument("key", nargs="+", metavar="KEY", help="an id, name or alias")
    _add_json(show)

    search = command("search", "find entries by name, host, city or country", _search)
    search.add_argument("text", nargs="+", metavar="TEXT", help="what to look for")
    _add_width(search)
    _add_json(search)

    validate = command("validate", "check registry data files", _validate)
    validate.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a .json or .toml registry file; - reads JSON from standard input",
    )
    _add_json(validate)

    _add_drafting(command)
    compare = command("diff", "list what changed between two registry files", _diff)
    compare.add_argument("old", metavar="OLD", help="the file or release before")
    compare.add_argument("new", metavar="NEW", help="the file or release after")
    compare.add_argument(
        "--facts",
        action="store_true",
        help="hide source bookkeeping (changes within sources, data version, "
        "date and coverage): show changed facts only",
    )
    _add_json(compare)
    _add_json(command("releases", "list the data releases with their dates", _releases))
    stale = command("stale", "list what may be stale and should be checked", _stale)
    stale.add_argument("--on", type=_date, metavar="DATE", help="judge as of DATE")
    _add_json(stale)

    export = command(
        "export",
        "write the registry as JSON, CSV, SQLite, GeoJSON, a Data Package or "
        "a JSON Schema",
        _export,
    )
    export.add_argument(
        "--format",
        choices=["json", "csv", "sqlite", "geojson", "datapackage", "schema"],
        default="json",
        help="json: the data-file format (the default); csv: one table, "
        "entries unless --table says; sqlite: every table in one database "
        "file; geojson: a feature per entry; datapackage: every table as CSV "
        "with a datapackage.json, in the folder -o DIR; schema: a JSON Schema "
        "of the data-file format",
    )
    export.add_argument(
        "--table",
        metavar="NAME",
        help="with --format csv: the table to write (default: entries)",
    )
    export.add_argument(
        "--links",
        action="store_true",
        help="with --format geojson: add a line per antenna-to-factory link",
    )
    export.add_argument(
        "--metadata",
        metavar="FILE",
        help="with --format sqlite: also write Datasette metadata (the tables, "
        "their columns and the provenance) to FILE",
    )
    _add_output(export)
    return parser


def _add_common(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--data",
        metavar="FILE",
        default=default,
        help="read this registry file (.json or .toml) instead of the bundled data",
    )
    parser.add_argument(
        "--documents",
        metavar="DIR",
        action="append",
        default=default,
        help="a folder of your own text documents that seed quotes in the data "
        "file may cite (repeatable)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=default if default is argparse.SUPPRESS else False,
        help="show the full traceback of an error",
    )


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for programs")


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output",
    )


def _add_width(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--width",
        type=_columns,
        metavar="N",
        help="fit the table in N columns instead of the terminal's width; "
        "0 shows every cell in full",
    )


def _usage(
    convert: Callable[[str], _T], problem: str | None = None
) -> Callable[[str], _T]:
    """An argparse type: ``convert``'s ValueError is a usage error.

    The error is the text given followed by ``problem``, or else what the
    ValueError says.
    """

    def parse(text: str) -> _T:
        try:
            return convert(text)
        except ValueError as exc:
            msg = str(exc) if problem is None else f"{text!r} {problem}"
            raise argparse.ArgumentTypeError(msg) from None

    return parse


def _count(text: str) -> int:
    if (value := int(text)) < 0:
        raise ValueError(text)
    return value


_columns = _usage(_count, "is not a number of columns")
_country = _usage(country_code)
_sector = _usage(lambda text: resolve_sector(text).value)
_date = _usage(dt.date.fromisoformat, "is not a date; use YYYY-MM-DD")


# -- output helpers -----------------------------------------------------------


# Characters escaped in human output: controls (an ESC starts a terminal
# escape sequence, a newline breaks a one-line message), format characters
# (bidi overrides reorder what a reader sees, zero-width ones hide), line
# and paragraph separators, and lone surrogates.
_UNSAFE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def _escape(char: str) -> str:
    point = ord(char)
    if point < 0x100:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point < 0x10000 else f"\\U{point:08x}"


def printable(text: str) -> str:
    r"""Return ``text`` with every invisible or controlling character escaped.

    ``"a\x1b]0;x\x07"`` becomes ``"a\\x1b]0;x\\x07"``: user text can
    neither drive the terminal nor break a line it is printed on.
    """
    if text.isprintable():
        return text  # the usual case, in one pass
    import unicodedata  # noqa: PLC0415 - only for unusual text

    return "".join(
        _escape(ch) if unicodedata.category(ch) in _UNSAFE else ch for ch in text
    )


def _write(text: str = "") -> None:
    sys.stdout.write(printable(text) + "\n")


def _error(text: str) -> None:
    """Write one line to stderr, user text escaped: a message stays one line."""
    sys.stderr.write(printable(text) + "\n")


def _emit(text: str) -> None:
    """Write machine output (JSON, CSV) to stdout as UTF-8, whatever the locale.

    JSON and CSV readers get every character: under an ASCII or Latin-1
    stdout the text layer would print stand-ins (``Link?ping``) for what it
    cannot encode. Only human output may use stand-ins.
    """
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None or _utf8(stream):
        stream.write(text)
        return
    stream.flush()  # what the text layer holds goes first
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _json(value: object) -> None:
    _emit(json_text(value))


def _width() -> int:
    """The columns to fit: ``COLUMNS``, else the terminal's width, else 80.

    Like :func:`shutil.get_terminal_size` without the cost of importing
    :mod:`shutil`, and it also asks stderr, so ``aifactories list | less``
    still fits the terminal it ends up on.
    """
    with contextlib.suppress(ValueError):
        if (columns := int(os.environ.get("COLUMNS", ""))) > 0:
            return columns
    for stream in (sys.stdout, sys.stderr):
        try:
            return os.get_terminal_size(stream.fileno()).columns or 80
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            continue
    return 80


class _Style(NamedTuple):
    """The typographic marks, with ASCII stand-ins for terminals that need them."""

    ellipsis: str = "…"
    open_quote: str = "“"
    close_quote: str = "”"
    dot: str = "·"

    @classmethod
    def for_stdout(cls) -> _Style:
        try:
            # A stream with no encoding (io.StringIO, a redirected stdout) takes
            # any text; only a real, narrow encoding needs the ASCII stand-ins.
            "".join(cls()).encode(getattr(sys.stdout, "encoding", None) or "utf-8")
        except (UnicodeEncodeError, LookupError):
            return cls("...", '"', '"', "-")
        return cls()


# -- registry access ----------------------------------------------------------


def _registry(args: argparse.Namespace) -> Registry:
    path: str | None = args.data
    documents: list[str] | None = args.documents
    if path is None:
        if documents:
            msg = f"{PROG}: --documents goes with --data (or validate FILE)"
            raise _CommandError(msg, 2)
        return aifactories.load()
    try:
        return aifactories.load(path, documents=documents)
    except RegistryDataError as exc:
        if len(exc.errors) == 1:
            msg = f"{PROG}: {path}: {exc.errors[0]}"
            raise _CommandError(msg) from None
        raise _invalid("", path, exc.errors) from None
    except OSError as exc:
        # 2, like validate: the file could not be read, so it is not invalid.
        msg = f"{PROG}: cannot read {path}: {exc.strerror or exc}"
        raise _CommandError(msg, 2) from None


def _wave_id(registry: Registry, text: str) -> str:
    wanted = text.strip()
    with contextlib.suppress(NotFoundError):
        return registry.wave(f"W{int(wanted)}" if wanted.isdigit() else wanted).id
    known = ", ".join(f"{w.id} ({w.announced})" for w in registry.wave_records)
    msg = f"{PROG} list: unknown wave {text!r}; the waves are {known}"
    raise _CommandError(msg, 2)


def _select(registry: Registry, args: argparse.Namespace) -> list[Entry]:
    wave = _wave_id(registry, args.wave) if args.wave else None
    if args.as_of is not None:
        registry = registry.as_of(args.as_of)
    entries = list(registry)
    filters: dict[str, Callable[[str], Iterable[Entry]]] = {
        "kind": registry.of_kind,
        "country": registry.in_country,
        "serving": registry.serving,
        "sector": registry.with_sector,
    }
    for option, query in filters.items():
        if value := getattr(args, option):
            ids = {entry.id for entry in query(value)}
            entries = [entry for entry in entries if entry.id in ids]
    if wave is not None:
        entries = [entry for entry in entries if entry.wave == wave]
    return entries


def _rows(registry: Registry, entries: Sequence[Entry]) -> list[dict[str, Any]]:
    """The entries' rows of the entries table, in the order given."""
    by_id = {row["id"]: row for row in registry.to_records()}
    return [by_id[entry.id] for entry in entries]


_TABLE = (
    (Column("ID"), ("id",)),
    (Column("NAME", minimum=20, elastic=True, want=25), ("name",)),
    (Column("KIND", drop=4, last_resort=True), ("kind",)),
    (Column("COUNTRY"), ("country",)),
    (Column("CITY", minimum=10, drop=3), ("host_city",)),
    (Column("HOST", minimum=12, drop=5, last_resort=True), ("host_short_name", "host")),
    (Column("WAVE"), ("wave",)),
    (Column("SELECTED", drop=1), ("selected_on",)),
    (Column("SYSTEM", drop=2), ("system_status",)),
)
"""The columns of ``list`` and ``search``, each showing the first of its cells set."""


def _table(
    rows: Sequence[dict[str, Any]], fit: int | None, *, ranked: bool = False
) -> None:
    style = _Style.for_stdout()
    # Escaped before the layout, so that the columns still line up.
    cells = [
        [printable(next((row[n] for n in names if row[n]), "")) for _, names in _TABLE]
        for row in rows
    ]
    columns = [column for column, _ in _TABLE]
    if ranked:
        columns.insert(0, Column("#"))
        cells = [[str(i), *row] for i, row in enumerate(cells, 1)]
    width = _width() if fit is None else fit or None
    for line in render(columns, cells, width, style.ellipsis):
        _write(line)


# -- list, search -------------------------------------------------------------


def _list(args: argparse.Namespace) -> int:
    registry = _registry(args)
    rows = _rows(registry, _select(registry, args))
    if args.json:
        _json(rows)
    elif rows:
        _table(rows, args.width)
    else:
        _error(f"{PROG} list: no entry matches these filters")
    return 0


def _search(args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    registry = _registry(args)
    rows = _rows(registry, registry.search(text))
    if args.json:
        _json([{"rank": i, **row} for i, row in enumerate(rows, 1)])
    elif rows:
        _table(rows, args.width, ranked=True)
    if not rows:
        _error(f"{PROG} search: nothing matches {text!r}")
        return 1
    return 0


# -- show ---------------------------------------------------------------------


def _show(args: argparse.Namespace) -> int:
    registry = _registry(args)
    key = " ".join(args.key)
    try:
        entry = registry[key]
    except NotFoundError as exc:
        raise _CommandError(_not_found(registry, exc)) from None
    if args.json:
        _json(_entry_json(registry, entry))
    else:
        width = min(_width(), _PROSE_WIDTH)
        for line in _Page(registry, width, _Style.for_stdout()).entry(entry):
            _write(line)
    return 0


def _not_found(registry: Registry, exc: NotFoundError) -> str:
    found = (registry.get(name) for name in exc.suggestions)
    ids = list(dict.fromkeys(entry.id for entry in found if entry is not None))
    msg = f"{PROG} show: no AI Factory or Antenna matches {exc.key!r}"
    if not ids:
        return f"{msg}; try '{PROG} search' or '{PROG} list'"
    *others, last = map(repr, ids)
    options = f"{', '.join(others)} or {last}" if others else last
    return f"{msg}; did you mean {options}?"


def _entry_json(registry: Registry, entry: Entry) -> dict[str, Any]:
    from aifactories._convert import converter  # noqa: PLC0415 - show --json only

    data: dict[str, Any] = {"kind": entry.kind.value, **converter().unstructure(entry)}
    if isinstance(entry, Factory):
        data["linked_antennas"] = [a.id for a in registry.antennas_of(entry)]
        data["letters_of_intent_from"] = [a.id for a in _intents_for(registry, entry)]
    return data


def _intents_for(registry: Registry, factory: Factory) -> list[Antenna]:
    return [a for a in registry.antennas if factory.id in a.letters_of_intent]


def _named(name: str, short_name: str | None) -> str:
    return f"{name} ({short_name})" if short_name and short_name != name else name


def _invalid(command: str, path: str, problems: Sequence[str]) -> _CommandError:
    """The one-line error for a file with problems: how many, and how to list them."""
    where = f"{PROG} {command}" if command else PROG
    msg = (
        f"{where}: {path}: invalid registry data, {problem_count(problems)} "
        f"(run '{PROG} validate {path}' to list them)"
    )
    return _CommandError(msg)


def _country_label(code: str) -> str:
    try:
        return f"{country_name(code)} ({code})"
    except ValueError:
        return code


class _Page:
    """Renders one entry as wrapped text, numbering its sources as it goes."""

    def __init__(self, registry: Registry, width: int, style: _Style) -> None:
        self.registry = registry
        self.width = width
        self.style = style
        self.lines: list[str] = []
        self.sources: dict[tuple[str | None, str | None, str | None], int] = {}
        self.supports: list[list[str]] = []
        self.records: list[Source] = []
        self.quoted: set[int] = set()

    # -- building blocks --

    def wrap(self, text: str, indent: int = 2, hang: int = 2) -> None:
        import textwrap  # noqa: PLC0415 - only show wraps text

        self.lines.extend(
            textwrap.wrap(
                text,
                self.width,
                initial_indent=" " * indent,
                subsequent_indent=" " * (indent + hang),
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [""]
        )

    def section(self, title: str) -> None:
        self.lines.extend(["", title])

    def listed(self, title: str, items: Sequence[_T]) -> Sequence[_T]:
        """Start section ``title`` if there are ``items``, and return them."""
        if items:
            self.section(title)
        return items

    def cite(self, sources: Iterable[Source]) -> list[int]:
        numbers = []
        for source in sources:
            key = (source.url, source.seed, source.quote)
            number = self.sources.get(key)
            if number is None:
                self.records.append(source)
                self.supports.append([])
                number = self.sources[key] = len(self.records)
            if source.supports and source.supports not in self.supports[number - 1]:
                self.supports[number - 1].append(source.supports)
            numbers.append(number)
        return numbers

    def fact(
        self,
        text: str,
        sources: Iterable[Source] = (),
        indent: int = 2,
        note: str | None = None,
    ) -> None:
        """Write a fact with its source numbers, then its seed quotes and ``note``."""
        sources = tuple(sources)
        numbers = self.cite(sources)
        marks = f" [{_numbers(numbers)}]" if numbers else ""
        self.wrap(text + marks, indent)
        for source, number in zip(sources, numbers, strict=True):
            if source.seed is not None and source.quote:
                self.quote(source.quote, indent + 4)
                self.quoted.add(number)
        if note:
            self.wrap(note, indent=indent + 2, hang=0)

    def quote(self, text: str, indent: int) -> None:
        style = self.style
        self.wrap(f"{style.open_quote}{text}{style.close_quote}", indent, hang=1)

    # -- the page --

    def entry(self, entry: Entry) -> list[str]:
        self.header(entry)
        self.host(entry)
        self.where_and_how(entry)
        self.stakeholders(entry.stakeholders)
        if isinstance(entry, Factory):
            self.supercomputer(entry)
        self.funding(entry)
        self.grants(entry)
        self.focus(entry)
        self.links(entry)
        self.people(entry.people)
        self.conflicts(entry.conflicts)
        self.calls(entry)
        self.timeline(entry)
        if entry.notes:
            self.section("Notes")
            self.wrap(entry.notes, hang=0)
        self.cite(entry.sources)
        self.source_list()
        return self.lines

    def header(self, entry: Entry) -> None:
        dot = self.style.dot
        kind = entry.kind.label
        self.wrap(entry.name, indent=0)
        self.wrap(f"{entry.id} {dot} {kind} {dot} {_country_label(entry.country)}", 0)
        wave = next((w for w in self.registry.wave_records if w.id == entry.wave), None)
        name = f"{wave.name} ({wave.id})" if wave is not None else f"wave {entry.wave}"
        self.wrap(f"Selected {entry.selected_on}: {name}", indent=0)
        if entry.aliases:
            self.wrap("Also known as: " + ", ".join(entry.aliases), indent=0)
        self.wrap(f"Confidence in the sources: {entry.confidence}", indent=0)

    def host(self, entry: Entry) -> None:
        self.section("Host")
        host = entry.host
        if host is None:
            self.wrap("unknown")
        else:
            where = f", {host.city}" if host.city else ""
            self.fact(_named(host.name, host.short_name) + where, host.sources)
            if host.ror:
                self.lines.append(f"    ROR {host.ror}")
        if entry.partner_countries:
            names = ", ".join(_country_label(c) for c in entry.partner_countries)
            self.wrap(f"Partner countries: {names}")

    def where_and_how(self, entry: Entry) -> None:
        """Website, access page and location: what people look for first."""
        if entry.website is None and entry.access is None and entry.location is None:
            return
        self.section("Website, access and location")
        for title, link in (("Website", entry.website), ("Access", entry.access)):
            if link is not None:
                numbers = self.cite(link.sources)
                # Never wrapped: a URL must survive copy and paste.
                self.lines.append(f"  {title}: {link.url} [{_numbers(numbers)}]")
        place = entry.location
        if place is not None:
            geonames = f", GeoNames {place.geonames_id}" if place.geonames_id else ""
            site = f"{place.site}, " if place.site else ""
            self.fact(
                f"Location: {site}{place.city}, {place.country} "
                f"({place.latitude}, {place.longitude}{geonames})",
                place.sources,
            )

    def grants(self, entry: Entry) -> None:
        for grant in self.listed("EU grants", entry.grants):
            programme = f" ({grant.programme})" if grant.programme else ""
            url = f" {grant.url}" if grant.url else ""
            self.fact(f"{grant.id}{programme}{url}", grant.sources, note=grant.note)

    def stakeholders(self, stakeholders: Sequence[Stakeholder]) -> None:
        for item in self.listed("Stakeholders", stakeholders):
            country = f", {item.country}" if item.country else ""
            text = f"{item.role}: {_named(item.name, item.short_name)}{country}"
            self.fact(text, item.sources)
            if item.ror:
                self.lines.append(f"    ROR {item.ror}")

    def supercomputer(self, factory: Factory) -> None:
        system = factory.supercomputer
        if system is None and factory.experimental_platform is None:
            return
        self.section("Supercomputer")
        if system is not None:
            label = system.status.label
            self.fact(f"Status: {system.status} ({label})", system.sources)
            for title, value in (
                ("Name", system.name),
                ("Vendor", system.vendor),
                ("Accelerators", system.accelerators),
                ("Accelerator model", system.accelerator_model),
                ("Expected in operation", system.expected_operation),
                ("Site", system.site),
                ("Note", system.note),
            ):
                if value:
                    self.wrap(f"{title}: {value}")
            count = system.accelerator_count
            if count is not None:
                self.fact(f"Accelerator count: {count}", count.sources)
            for figure in system.performance:
                self.fact(f"Performance: {figure}", figure.sources, note=figure.note)
            for place in system.top500:
                edition = place.edition.strftime("%B %Y")
                self.fact(f"TOP500: no. {place.rank} ({edition})", place.sources)
        if factory.experimental_platform:
            self.wrap(f"Experimental platform: {factory.experimental_platform}")

    def funding(self, entry: Entry) -> None:
        self.section("Funding")
        funding = entry.funding
        if funding is None:
            self.wrap("unknown")
            return
        total = str(funding.total) if funding.total else "unknown"
        self.wrap(f"Total: {total}")
        for share in funding.shares:
            self.fact(self.share_text(share), share.sources)
        if funding.note:
            self.wrap(f"Note: {funding.note}")

    @staticmethod
    def share_text(share: FundingShare) -> str:
        kind = share.kind.label
        if share.country and share.country not in share.funder:
            kind += f", {share.country}"
        parts = [f"{share.funder} ({kind})"]
        if share.share is not None:
            parts.append(f"{_grouped(share.share * 100)}%")
        if share.amount is not None:
            parts.append(str(share.amount))
        text = ": ".join(parts[:2]) + "".join(f", {p}" for p in parts[2:])
        if share.via:
            text += ", via " + ", ".join(share.via)
        return text

    def focus(self, entry: Entry) -> None:
        if not entry.focus and not entry.sectors:
            return
        self.section("Focus")
        if entry.focus:
            self.wrap("; ".join(entry.focus))
        if entry.sectors:
            self.wrap("Sectors: " + ", ".join(sorted(s.value for s in entry.sectors)))

    def links(self, entry: Entry) -> None:
        registry = self.registry
        groups: list[tuple[str, Sequence[Entry]]]
        if isinstance(entry, Factory):
            groups = [
                ("Linked antennas", registry.antennas_of(entry)),
                ("Letters of intent from", _intents_for(registry, entry)),
            ]
        else:
            intents = [registry[i] for i in entry.letters_of_intent]
            groups = [
                ("Linked factories", registry.linked_factories(entry)),
                ("Letters of intent with", intents),
            ]
        for title, items in groups:
            for item in self.listed(title, items):
                self.wrap(f"{item.id}: {item.name} ({item.country})")

    def people(self, people: Sequence[Person]) -> None:
        for person in self.listed("People", people):
            org = f", {person.organisation}" if person.organisation else ""
            text = f"{person.name}, {person.role}{org}"
            self.fact(text, person.sources, note=person.statement)

    def conflicts(self, conflicts: Sequence[Conflict]) -> None:
        for conflict in self.listed("Where the sources disagree", conflicts):
            field = f" ({conflict.field})" if conflict.field else ""
            self.wrap(f"{conflict.topic}{field}")
            for claim in conflict.claims:
                amount = f" ({claim.amount!s})" if claim.amount else ""
                self.fact(f"- {claim.value}{amount}", claim.sources, indent=4)
            if conflict.note:
                self.wrap(conflict.note, indent=4, hang=0)

    def calls(self, entry: Entry) -> None:
        for call in self.listed("Access calls and programmes", entry.calls):
            who = ", ".join(sorted(a.label for a in call.audience))
            dates = " to ".join(str(d) for d in (call.opens, call.closes) if d)
            flag = " (unverified)" if call.unverified else ""
            text = f"{call.name}{flag}: for {who}" + (f"; {dates}" if dates else "")
            self.fact(text, call.sources)
            if call.url:
                self.lines.append(f"    {call.url}")
            if call.description:
                self.wrap(call.description, indent=4, hang=0)

    def timeline(self, entry: Entry) -> None:
        self.section("Timeline")
        for event in self.registry.timeline(entry):
            self.fact(str(event.milestone), event.milestone.sources)

    def source_list(self) -> None:
        self.section("Sources")
        pad = 2 + len(f"[{len(self.records)}] ")
        for number, source in enumerate(self.records, 1):
            label = f"[{number}]".ljust(pad - 3)
            kind = f" ({source.kind.label})" if source.kind else ""
            if source.url is not None:
                # Never wrapped: a URL must survive copy and paste.
                self.lines.append(f"  {label} {source.url}{kind}")
            else:
                self.wrap(f"{label} seed article {source.seed}{kind}", hang=pad - 2)
                if source.quote and number not in self.quoted:
                    self.quote(source.quote, pad)
            for text in self.supports[number - 1]:
                self.wrap(text, indent=pad, hang=0)


def _numbers(numbers: Iterable[int]) -> str:
    return ", ".join(map(str, dict.fromkeys(numbers)))


SHOW_OMITTED: dict[str, str] = {}
"""Entry fields ``show`` does not print, each with the reason (none so far).

A test renders entries with each field set and fails when a field changes
nothing on the page and is not listed here.
"""


# -- validate -----------------------------------------------------------------

_VALID, _INVALID, _UNREADABLE = "valid", "invalid", "unreadable"


def _check_file(
    name: str, documents: list[str] | None = None
) -> tuple[str, list[str], Registry | None]:
    from pathlib import Path  # noqa: PLC0415 - validate only

    try:
        if name == "-":
            raw = read_stream(sys.stdin.buffer)
            registry = aifactories.loads(raw, documents=documents)
        else:
            suffix = Path(name).suffix.lower()
            if suffix not in {".json", ".toml"}:
                msg = f"unsupported file type {suffix or '(none)'}; use .json or .toml"
                return _UNREADABLE, [msg], None
            registry = aifactories.load(name, documents=documents)
    except RegistryDataError as exc:
        return _INVALID, list(exc.errors), None
    except OSError as exc:
        return _UNREADABLE, [f"cannot read: {exc.strerror or exc}"], None
    return _VALID, [], registry


def _validate(args: argparse.Namespace) -> int:
    results = [(name, *_check_file(name, args.documents)) for name in args.files]
    if args.json:
        _json(
            [
                {"file": name, "status": status, "problems": problems}
                for name, status, problems, _ in results
            ]
        )
    else:
        for name, status, problems, registry in results:
            if status == _UNREADABLE:
                _error(f"{name}: {problems[0]}")
            elif registry is None:
                for problem in problems:
                    _write(f"{name}: {problem}")
            else:
                _write(
                    f"{name}: valid ({len(registry.factories)} factories, "
                    f"{len(registry.antennas)} antennas, "
                    f"data version {registry.data_version})"
                )
    invalid = [problems for _, status, problems, _ in results if status == _INVALID]
    if invalid and not args.json:
        found = problem_count(p for problems in invalid for p in problems)
        files = counted(len(results), "file")
        _error(f"{PROG} validate: {found} in {len(invalid)} of {files}")
    if any(status == _UNREADABLE for _, status, _, _ in results):
        return 2
    return 1 if invalid else 0


# -- diff ---------------------------------------------------------------------

_DIFF_VALUE_WIDTH = 120


def _diff(args: argparse.Namespace) -> int:
    from aifactories._diff import diff  # noqa: PLC0415 - diff only

    found = diff(*(_compared(name, args.documents) for name in (args.old, args.new)))
    if args.facts:
        found = found.only("facts")
    if args.json:
        _json(found.to_json())
    else:
        for line in _diff_lines(found):
            _write(line)
    return 0


def _compared(name: str, documents: list[str] | None) -> Registry:
    """The registry ``diff`` reads for ``name``: a file, else the release it names."""
    from aifactories import _releases  # noqa: PLC0415 - releases only

    if not os.path.exists(name) and name != "-":  # noqa: PTH110
        if _releases.resolve(name) is not None:
            return aifactories.load(release=name)
        # A missing .json or .toml file is read all the same: reading says so.
        if os.path.splitext(name)[1].lower() not in {".json", ".toml"}:  # noqa: PTH122
            msg = (
                f"{PROG} diff: {name}: no such file or data release "
                f"(releases: {_releases.names()})"
            )
            raise _CommandError(msg, 2)
    status, problems, registry = _check_file(name, documents)
    if status == _UNREADABLE:
        msg = f"{PROG} diff: {name}: {problems[0]}"
        raise _CommandError(msg, 2)
    if registry is None:
        raise _invalid("diff", name, problems)
    return registry


def _releases(args: argparse.Namespace) -> int:
    from aifactories._releases import releases  # noqa: PLC0415 - releases only

    latest = aifactories.DATA_VERSION
    found = [
        {"version": r.version, "date": str(r.date), "latest": r.version == latest}
        for r in releases()
    ]
    if args.json:
        _json(found)
        return 0
    for r in found:
        _write(f"{r['version']}  {r['date']}" + ("  latest" if r["latest"] else ""))
    return 0


def _diff_lines(found: Diff) -> Iterator[str]:
    groups = (("entry", found.entries), ("wave", found.waves), ("fact", found.facts))
    for title, changes in groups:
        yield (
            f"{title} records: {len(changes.added)} added, "
            f"{len(changes.removed)} removed, {len(changes.changed)} changed"
        )
    yield f"initiative: {counted(len(found.initiative), 'field')} changed"
    # Each record after a blank line: _write escapes a newline inside a line.
    for title, changes in groups:
        for key in changes.added:
            yield from ("", f"+ {title} {key}")
        for key in changes.removed:
            yield from ("", f"- {title} {key}")
        for record in changes.changed:
            yield from ("", f"~ {title} {record.id}")
            yield from _field_lines(record.fields)
    if found.initiative:
        yield from ("", "~ initiative")
        yield from _field_lines(found.initiative)


def _field_lines(fields: Iterable[FieldChange]) -> Iterator[str]:
    for field in fields:
        yield f"    {field.path}: {_diff_value(field.old)} -> {_diff_value(field.new)}"


def _diff_value(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > _DIFF_VALUE_WIDTH:
        text = text[: _DIFF_VALUE_WIDTH - 1] + "\N{HORIZONTAL ELLIPSIS}"
    return text


# -- export -------------------------------------------------------------------

# Options of one format only: (attribute, option, format).
_FORMAT_OPTIONS = (
    ("table", "--table", "csv"),
    ("links", "--links", "geojson"),
    ("metadata", "--metadata", "sqlite"),
)


def _export(args: argparse.Namespace) -> int:
    target: str | None = None if args.output in {None, "-"} else args.output
    for name, option, only in _FORMAT_OPTIONS:
        if getattr(args, name) and args.format != only:
            msg = f"{PROG} export: {option} goes with --format {only}"
            raise _CommandError(msg, 2)
    if args.format in {"sqlite", "datapackage"}:
        if target is None:
            # Binary or many files: never to a terminal or a pipe.
            what = "a database file; give -o FILE"
            if args.format == "datapackage":
                what = "a folder of files; give -o DIR"
            msg = f"{PROG} export: --format {args.format} writes {what}"
            raise _CommandError(msg, 2)
        return _export_files(args, target)
    return _output("export", args, *_export_text(args))


def _export_files(args: argparse.Namespace, target: str) -> int:
    import sqlite3  # noqa: PLC0415 - export only
    from pathlib import Path  # noqa: PLC0415

    from aifactories import _tables  # noqa: PLC0415 - export only

    registry = _registry(args)
    count = len(_tables.tables())
    # Listed once: a --documents folder is scanned for them.
    inputs = _inputs(args)
    if args.format == "sqlite":
        with _writing("export", target):
            try:
                _tables.write_sqlite(registry, target, inputs=inputs)
            except sqlite3.Error as exc:
                raise OSError(str(exc)) from None
        _error(f"{PROG} export: wrote {count} tables to {target}")
        if args.metadata:
            name = Path(target).name.partition(".")[0]
            metadata = _tables.datasette_metadata(registry, name)
            _save("export", args.metadata, json_text(metadata), inputs)
            _error(f"{PROG} export: wrote the Datasette metadata to {args.metadata}")
        return 0
    folder = Path(target)
    with _writing("export", target):
        folder.mkdir(parents=True, exist_ok=True)
    for name in _tables.tables():
        text = _tables.csv_text(registry, name)
        _save("export", str(folder / f"{name}.csv"), text, inputs)
    text = json_text(_tables.datapackage(registry))
    _save("export", str(folder / "datapackage.json"), text, inputs)
    _error(
        f"{PROG} export: wrote {count} tables as CSV with datapackage.json to {target}"
    )
    return 0


def _export_text(args: argparse.Namespace) -> tuple[str, str]:
    """The text ``export`` writes, and what it holds, in words."""
    from aifactories import _tables  # noqa: PLC0415 - export only

    if args.format == "schema":
        from aifactories._schema import json_schema  # noqa: PLC0415 - export only

        return json_text(json_schema()), "the JSON Schema"
    registry = _registry(args)
    what = f"{len(registry)} entries as {args.format.upper()}"
    if args.format == "json":
        return aifactories.dumps(registry), what
    if args.format == "geojson":
        found = registry.to_geojson(links=args.links)
        text = json.dumps(found, indent=1, ensure_ascii=False) + "\n"
        return text, f"{len(found['features'])} features as GeoJSON"
    table = args.table or "entries"
    try:
        text = _tables.csv_text(registry, table)
    except ValueError as exc:
        msg = f"{PROG} export: {exc}"
        raise _CommandError(msg, 2) from None
    return text, what if table == "entries" else f"the {table} table as CSV"


# -- draft --------------------------------------------------------------------


def _draft(args: argparse.Namespace) -> int:
    from pathlib import Path  # noqa: PLC0415 - draft only

    from aifactories import _draft as drafting  # noqa: PLC0415 - draft only

    article = Path(args.article)
    try:
        raw = read_file(args.article, limit=drafting.MAX_BYTES)
    except OSError as exc:
        msg = f"{PROG} draft: cannot read {args.article}: {exc.strerror or exc}"
        raise _CommandError(msg, 2) from None
    registry = _registry(args)
    try:
        result = drafting.draft(
            raw,
            registry,
            name=article.name,
            html=article.suffix.lower() in {".html", ".htm"},
        )
    except RegistryDataError as exc:
        problem = exc.errors[0].removeprefix("$: ")
        msg = f"{PROG} draft: {args.article}: {problem}"
        raise _CommandError(msg) from None
    except ImportError as exc:  # the optional draft extra is missing
        msg = f"{PROG} draft: {exc}"
        raise _CommandError(msg, 2) from None
    if not result.entries and not result.positions:
        msg = f"{PROG} draft: {args.article}: no AI Factory or Antenna found"
        raise _CommandError(msg)
    text = dump_document(drafting.document(result, registry))
    if args.toml:
        text = drafting.to_toml(json.loads(text))
    for path, _, _ in result.changes:
        _error(f"{PROG} draft: change {path}")
    for warning in result.warnings:
        _error(f"{PROG} draft: {warning}")
    drafts = counted(len(result.entries), "draft entry", "draft entries")
    positions = len(result.positions)
    bids = f" and {counted(positions, 'bid position')}" if positions else ""
    return _output("draft", args, text, drafts + bids)


def _merge(args: argparse.Namespace) -> int:
    from aifactories._merge import merge_files  # noqa: PLC0415 - merge only

    try:
        merged = merge_files(args.draft, args.into, args.documents)
    except RegistryDataError as exc:
        more = f"; {problem_count(exc.errors)} in all" if len(exc.errors) > 1 else ""
        msg = f"{PROG} merge: {exc.source or args.draft}: {exc.errors[0]}{more}"
        raise _CommandError(msg) from None
    except OSError as exc:
        msg = f"{PROG} merge: {exc.filename or args.draft}: {exc.strerror or exc}"
        raise _CommandError(msg, 2) from None
    _save("merge", args.output, aifactories.dumps(merged), _inputs(args))
    _error(f"{PROG} merge: wrote {args.output}")
    return 0


def _inputs(args: argparse.Namespace) -> list[str]:
    """The files a command reads, which its ``-o`` must never overwrite.

    ``--data``, the draft's article, the draft and registry ``merge``
    reads, and every file in a ``--documents`` folder;
    :func:`~aifactories._files.write_file` adds the installed data.
    """
    given = (getattr(args, name, None) for name in ("data", "article", "draft", "into"))
    names = [name for name in given if name is not None]
    for folder in args.documents or ():
        with contextlib.suppress(OSError):
            names += [entry.path for entry in os.scandir(folder)]
    return names


def _output(command: str, args: argparse.Namespace, text: str, what: str) -> int:
    """Write ``text`` to standard output, or to ``-o`` saying ``what`` it holds."""
    if args.output in {None, "-"}:
        _emit(text)
    else:
        _save(command, args.output, text, _inputs(args))
        _error(f"{PROG} {command}: wrote {what} to {args.output}")
    return 0


def _save(command: str, target: str, text: str, inputs: list[str]) -> None:
    """Write ``text`` to ``target`` through the one writer, never onto ``inputs``."""
    with _writing(command, target):
        write_file(target, text.encode("utf-8"), inputs=inputs)


@contextlib.contextmanager
def _writing(command: str, target: str) -> Iterator[None]:
    """Turn a failed ``-o`` into one line: exit 2 onto an input, else 1."""
    try:
        yield
    except OutputIsInputError as exc:
        msg = f"{PROG} {command}: {target} {exc.strerror}; write to another file"
        raise _CommandError(msg, 2) from None
    except OSError as exc:
        msg = f"{PROG} {command}: cannot write {target}: {exc.strerror or exc}"
        raise _CommandError(msg) from None
