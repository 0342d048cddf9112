"""Hostile input and faults never hang, never grow without bound and end in one clear
error.

Anything that could hang or grow without bound runs in a child process
with a timeout and an address-space limit (``resource.setrlimit``), so a
regression fails here instead of hanging or exhausting the CI machine. The
classes, in the issue's order:

1. FIFOs, 2. endless devices and streams, 3. the problem list, 4. deep TOML
keys, 5. linear checks, 6. lossless machine output, 8. atomic ``-o``
under a file-size limit, 9. share sums and digits, 10. no process-wide GC
switch, 11. invisible characters in names, 12. control characters,
13. a copied error keeps its file name, 14. an unreadable ``--data``.
Every other case of reading and writing files (7. ``-o`` onto the input,
a FIFO, a device or a directory for any input) is in ``test_files.py``.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import json
import os
import pickle
import re
import subprocess
import sys
import textwrap
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import aifactories
from aifactories import RegistryDataError
from aifactories._cli import printable

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="FIFOs, devices and rlimits are POSIX"
)

ROOT = Path(__file__).resolve().parent.parent
CONTROL = ROOT / "tests" / "data" / "bad" / "_valid.json"
MIB = 1 << 20
MEMORY = 768 * MIB
"""Address-space limit of a child: several times what a healthy run needs."""
TIMEOUT = 600
"""Seconds a child may take: only a hang gets near it (timings are benchmarks')."""


def _control() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CONTROL.read_text(encoding="utf-8"))
    return data


def _child(  # noqa: PLR0913 - one knob per limit and stream
    code: str,
    *args: str,
    memory: int = MEMORY,
    timeout: float = TIMEOUT,
    stdin: Any = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    fsize: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter under a memory (and file-size) limit."""
    limits = f"resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))\n"
    if fsize is not None:
        # Past the limit a write fails with EFBIG instead of killing us.
        limits += (
            "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({fsize}, {fsize}))\n"
        )
    prelude = "import resource, signal, sys\n" + limits
    if fsize is not None and env is None:
        # A measured child writes its coverage data at exit, which the
        # file-size limit would refuse: run this one unmeasured.
        env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_")}
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        stdin=stdin,
        env=env,
        cwd=cwd,
        check=False,
    )


_CLI = "from aifactories._cli import main\nsys.exit(main(sys.argv[1:]))\n"


def _cli(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run the command line in a limited child process."""
    return _child(_CLI, *args, **kwargs)


def _endless(piece: bytes) -> subprocess.Popen[bytes]:
    """A process writing ``piece`` to its stdout until it is killed."""
    code = (
        "import sys\n"
        f"block = {piece!r} * 65536\n"
        "while True:\n"
        "    sys.stdout.buffer.write(block)\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )


def _one_line(text: str) -> None:
    assert text.count("\n") == 1, text
    assert "Traceback" not in text
    assert "MemoryError" not in text


@pytest.fixture(name="fifo")
def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "f.json"
    os.mkfifo(path)
    return path


# -- 1. a FIFO hangs forever -----------------------------------------------------------


class TestFifo:
    """A symbolic link to a FIFO is refused at once, never read."""

    def test_a_symbolic_link_to_a_fifo(self, fifo: Path, tmp_path: Path) -> None:
        link = tmp_path / "link.toml"
        link.symlink_to(fifo)
        result = _cli("validate", str(link))
        assert result.returncode == 2
        assert (
            result.stderr == f"{link}: cannot read: not a regular file (a named pipe)\n"
        )


# -- 2. endless devices, endless streams, big files ------------------------------------


class TestDevicesAndSize:
    """Devices, endless streams and oversized files are refused at the cap, unread."""

    def test_stdin_from_a_device(self) -> None:
        with Path("/dev/zero").open("rb") as zero:
            result = _cli("validate", "-", stdin=zero)
        assert result.returncode == 2
        assert (
            result.stderr
            == "-: cannot read: not a file, pipe or terminal (a character device)\n"
        )

    def test_a_pipe_of_zeros_is_refused_at_once(self) -> None:
        with _endless(b"\0") as source:
            result = _cli("validate", "-", stdin=source.stdout)
            source.kill()
        assert result.returncode == 1
        assert result.stdout.startswith("-: $: byte 0 is 0x00, which no JSON or TOML")
        _one_line(result.stdout)

    def test_an_endless_text_stream_stops_at_the_cap(self) -> None:
        # Text that never ends and holds no binary byte: read up to
        # MAX_BYTES, then refused. The real cap, through a real pipe.
        with _endless(b"{\n") as source:
            result = _cli(
                "validate", "-", stdin=source.stdout, memory=aifactories.MAX_BYTES * 3
            )
            source.kill()
        assert result.returncode == 2, result.stderr
        assert result.stderr == (
            "-: cannot read: larger than 512 MiB, the most aifactories reads "
            "(MAX_BYTES)\n"
        )

    def test_a_file_over_the_cap_is_refused_unread(self, tmp_path: Path) -> None:
        big = tmp_path / "big.json"
        with big.open("wb") as file:  # sparse: no disk space, no reading
            file.truncate(aifactories.MAX_BYTES + 1)
        with pytest.raises(OSError, match="larger than 512 MiB") as info:
            aifactories.load(big)
        assert info.value.filename == str(big)
        assert _cli("list", "--data", str(big), memory=256 * MIB).returncode == 2
        assert _cli("validate", str(big), memory=256 * MIB).returncode == 2
        with big.open("rb") as stream:
            result = _cli("validate", "-", stdin=stream, memory=256 * MIB)
        assert result.returncode == 2
        assert "larger than 512 MiB" in result.stderr


# -- 3. the problem list is bounded ----------------------------------------------------


_BOUNDED = """
import json, resource
import aifactories
data = json.loads(open(sys.argv[1], encoding="utf-8").read())
data[sys.argv[2]] = json.loads(sys.argv[3]) * int(sys.argv[4])
text = json.dumps(data)
del data
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    aifactories.loads(text)
except aifactories.RegistryDataError as exc:
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    errors = exc.errors
    print(len(text), grown * 1024, len(errors), errors[0], errors[-1], sep="\\n")
"""


def _bounded(field: str, item: object, count: int) -> tuple[int, int, list[str]]:
    """Load ``count`` copies of a bad ``item`` in a child: size, growth, problems."""
    result = _child(_BOUNDED, str(CONTROL), field, json.dumps([item]), str(count))
    assert result.returncode == 0, result.stderr
    size, grown, *rest = result.stdout.splitlines()
    return int(size), int(grown), rest


def _per_item(field: str, item: object) -> int:
    data = _control()
    data[field] = [item] * 10
    with pytest.raises(RegistryDataError) as info:
        aifactories.loads(json.dumps(data))
    assert len(info.value.errors) % 10 == 0
    return len(info.value.errors) // 10


class TestProblemList:
    """However many items are wrong, the problem list stays short and memory errors stay
    memory errors."""

    def test_100000_bad_facts(self) -> None:
        size, grown, (count, first, last) = _bounded("facts", 1, 100_000)
        assert size < 400_000
        assert int(count) == aifactories.MAX_PROBLEMS + 1
        assert first == "facts[0]: expected an object, got number"
        assert last.startswith("$: … and more problems; ")
        assert grown < 40 * MIB  # was +250 MB: about 2.5 kB per problem

    @pytest.mark.parametrize(
        ("field", "item"),
        [
            # Each fact fails in two fields and in every item of its sources.
            ("facts", {"id": "x", "statement": 1, "sources": [{"url": 2}] * 3, "x": 0}),
            ("factories", {"id": 1}),
            ("waves", "W1"),
            ("people", {"name": "x", "sources": [{"url": "https://x.org", "y": 1}]}),
        ],
        ids=["nested", "record", "string", "deep"],
    )
    def test_bad_items_of_every_kind(self, field: str, item: object) -> None:
        per_item = _per_item(field, item)
        count = 100_000 // per_item
        _, grown, (shown, _, last) = _bounded(field, item, count)
        assert int(shown) == aifactories.MAX_PROBLEMS + 1
        # Past the budget the rest is skipped, not checked: said so.
        found = re.fullmatch(
            r"\$: … and more problems; ([\d,]+) array items were not checked", last
        )
        assert found is not None, last
        skipped = int(found.group(1).replace(",", ""))
        assert 0 < skipped < count
        assert grown < 80 * MIB

    def test_ten_megabytes_of_bad_items(self) -> None:
        # The 10 MB document: memory stays linear in the input.
        size, grown, (count, _, last) = _bounded("antennas", 0, 3_500_000)
        assert size > 10_000_000
        assert int(count) == aifactories.MAX_PROBLEMS + 1
        assert last == "$: … and more problems; 3,499,000 array items were not checked"
        assert grown < 20 * size

    def test_many_unknown_keys_make_one_short_problem(self) -> None:
        data = _control()
        data["factories"][0].update({f"k{i}\n": i for i in range(100_000)})
        with pytest.raises(RegistryDataError) as info:
            aifactories.loads(json.dumps(data))
        (problem,) = info.value.errors
        assert problem.startswith("factories[0]: unknown field(s): 'k0\\n', ")
        assert problem.endswith(" and 99,990 more")
        assert len(problem) < 300

    def test_rule_problems_are_bounded_too(self) -> None:
        data = _control()
        data["factories"][1]["partner_countries"] = ["XX"] * 5_000
        with pytest.raises(RegistryDataError) as info:
            aifactories.loads(json.dumps(data))
        errors = info.value.errors
        assert len(errors) == aifactories.MAX_PROBLEMS + 1
        assert errors[-1].startswith("$: … and ")

    def test_the_cli_prints_the_bounded_list(self, tmp_path: Path) -> None:
        data = _control()
        data["facts"] = [1] * 5_000
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        result = _cli("validate", str(path))
        assert result.returncode == 1
        lines = result.stdout.splitlines()
        assert len(lines) == aifactories.MAX_PROBLEMS + 1
        assert lines[-1] == (
            f"{path}: $: … and more problems; 4,000 array items were not checked"
        )

    def test_memory_error_is_never_a_data_problem(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from aifactories import _convert

        def exhausted(*_: object) -> str:
            raise MemoryError

        conv = _convert.converter()
        monkeypatch.setattr(_convert, "_strict_str", exhausted)
        _convert.converter.cache_clear()
        try:
            with pytest.raises(MemoryError):
                aifactories.loads(CONTROL.read_bytes())
        finally:
            monkeypatch.undo()
            _convert.converter.cache_clear()
        assert _convert.converter() is not conv
        assert len(aifactories.loads(CONTROL.read_bytes())) == 3

    def test_memory_error_inside_an_array(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from aifactories import _convert

        def exhausted(*_: object) -> object:
            raise MemoryError

        monkeypatch.setattr(_convert, "_strict_date", exhausted)
        _convert.converter.cache_clear()
        try:
            with pytest.raises(MemoryError):
                aifactories.loads(CONTROL.read_bytes())
        finally:
            monkeypatch.undo()
            _convert.converter.cache_clear()

    def test_the_cli_reports_memory_exhaustion_in_one_line(
        self, tmp_path: Path
    ) -> None:
        data = _control()
        data["facts"] = ["x" * 1000] * 40_000  # 40 MB read, decoded, parsed
        path = tmp_path / "huge.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        result = _cli("validate", str(path), memory=96 * MIB)
        assert result.returncode == 1
        assert result.stderr.endswith("aifactories: out of memory\n"), result.stderr
        assert "Traceback" not in result.stderr


# -- 4. deep TOML keys -----------------------------------------------------------------


_DEEP = 20_000


def _dotted(parts: list[str], sep: str = ".") -> str:
    return sep.join(parts)


_DEEP_TOML = {
    "dotted key": "foo" + ".a" * _DEEP + " = 1\n",
    "table header": "[" + _dotted(["a"] * _DEEP) + "]\n",
    "array of tables": "[[" + _dotted(["a"] * _DEEP) + "]]\n",
    "quoted parts": _dotted(['"a"'] * _DEEP) + " = 1\n",
    "literal parts": _dotted(["'a'"] * _DEEP) + " = 1\n",
    "spaced dots": _dotted(["a"] * _DEEP, " . ") + " = 1\n",
    "inline table": "x = {" + _dotted(["a"] * _DEEP) + " = 1}\n",
    "after a table": "format = 1\n[t]\n" + _dotted(["b"] * _DEEP) + " = 2\n",
    "100,000 parts": "k" + ".k" * 100_000 + " = 1\n",
}


class TestDeepToml:
    """Deep TOML keys and nesting are refused before they can exhaust the parser."""

    @pytest.mark.parametrize("name", sorted(_DEEP_TOML))
    def test_refused_before_parsing(self, tmp_path: Path, name: str) -> None:
        path = tmp_path / "deep.toml"
        path.write_text(_DEEP_TOML[name], encoding="utf-8")
        result = _child(
            """
            import aifactories
            try:
                aifactories.load(sys.argv[1])
            except aifactories.RegistryDataError as exc:
                print(exc.errors[0])
            """,
            str(path),
            memory=256 * MIB,
            timeout=TIMEOUT,
        )
        assert result.returncode == 0, result.stderr
        (problem,) = result.stdout.splitlines()
        assert re.fullmatch(
            r"line \d+: a key or table header has more than 32 dotted parts", problem
        )

    @pytest.mark.parametrize(
        "text",
        [
            # No key at all: dots in strings, comments and values.
            'x = "' + "a." * _DEEP + '"\n',
            "x = '" + "a." * _DEEP + "'\n",
            'x = """\n' + "a." * _DEEP + '\n"""\n',
            "# " + "a." * _DEEP + "\n",
            "x = [" + ", ".join(["1.5"] * _DEEP) + "]\n",
            # At the limit.
            _dotted(["a"] * aifactories.MAX_KEY_DEPTH) + " = 1\n",
        ],
        ids=["basic string", "literal string", "multi-line", "comment", "floats", "32"],
    )
    def test_dots_that_are_no_deep_key(self, tmp_path: Path, text: str) -> None:
        path = tmp_path / "ok.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(RegistryDataError) as info:
            aifactories.load(path)
        # Parsed, then refused for what it holds, not for its keys.
        assert "dotted parts" not in info.value.errors[0]

    def test_a_long_bare_word_scans_in_linear_time(self, tmp_path: Path) -> None:
        path = tmp_path / "word.toml"
        path.write_text("a" * 2_000_000 + " = 1\n" + "." * 40 + "\n", encoding="utf-8")
        result = _child(
            """
            import aifactories
            try:
                aifactories.load(sys.argv[1])
            except aifactories.RegistryDataError as exc:
                print(exc.errors[0])
            """,
            str(path),
            timeout=TIMEOUT,
        )
        assert result.stdout.startswith("$: invalid TOML"), result.stderr

    def test_deep_inline_nesting(self) -> None:
        from aifactories._parse import parse_toml

        with pytest.raises(RegistryDataError) as info:
            parse_toml("x = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n")
        assert info.value.errors == ("$: nested too deeply",)

    def test_deep_json_nesting(self) -> None:
        with pytest.raises(RegistryDataError) as info:
            aifactories.loads("[" * 100_000 + "]" * 100_000)
        assert info.value.errors == ("$: nested too deeply",)


# -- 5. every check is linear ----------------------------------------------------------


_TIMED = """
import json, aifactories
data = json.loads(open(sys.argv[1], encoding="utf-8").read())
exec(sys.argv[2])
try:
    aifactories.loads(json.dumps(data))
    print(0)
except aifactories.RegistryDataError as exc:
    print(len(exc.errors))
"""


def _problem_count(change: str) -> int:
    result = _child(_TIMED, str(CONTROL), change)
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


class TestLinearChecks:
    """Documents of many repeated links, names, shares and facts are checked to an
    answer."""

    @pytest.mark.parametrize(
        "change",
        [
            # 40,000 links: half unknown, the rest repeats and intents.
            (
                "a = data['antennas'][0]\n"
                "a['factories'] = ['lumi-aif'] * 20000\n"
                "a['factories'] += [f'f{i}' for i in range(20000)]\n"
                "a['letters_of_intent'] = ['lumi-aif', 'mimer'] * 20000"
            ),
            # 100,000 partner countries, all repeated.
            "data['factories'][1]['partner_countries'] = ['NO', 'FI', 'SE'] * 33334",
            # 30,000 funding shares.
            "s = data['factories'][1]['funding']['shares']\ns[:] = s * 15000",
            # 10,000 factories of one name.
            (
                "f = data['factories'][1]\n"
                "data['factories'] = [dict(f, id=f'm{i}') for i in range(10000)]"
            ),
            # 20,000 aliases, all another entry's name.
            "data['factories'][1]['aliases'] = ['LUMI AI Factory'] * 20000",
            # 20,000 facts of one id.
            "data['facts'] = data['facts'] * 20000",
        ],
        ids=["links", "partners", "shares", "names", "aliases", "facts"],
    )
    def test_large_documents_are_checked_quickly(self, change: str) -> None:
        count = _problem_count(change)
        # Each ran quadratic once (13 to 22 s); benchmarks/bench.py times
        # them. Here: the answer, within the hang-only timeout.
        assert count > 0


# -- 6. machine output is lossless whatever the locale ---------------------------------


def _env(encoding: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONIOENCODING"] = encoding
    env["COLUMNS"] = "80"
    return env


def _raw(*args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "aifactories", *args],
        capture_output=True,
        env=_env(encoding),
        check=False,
        timeout=TIMEOUT,
    )


_UTF8: dict[tuple[str, ...], bytes] = {}


def _utf8(*args: str) -> bytes:
    if args not in _UTF8:
        result = _raw(*args, encoding="utf-8")
        assert result.returncode == 0
        _UTF8[args] = result.stdout
    return _UTF8[args]


class TestLosslessOutput:
    """Machine output is the same bytes whatever the terminal's encoding."""

    @pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
    @pytest.mark.parametrize(
        "args",
        [
            ("export",),
            ("export", "--format", "csv"),
            ("export", "--format", "schema"),
            ("list", "--json"),
            ("show", "mimer", "--json"),
            ("search", "linkoping", "--json"),
        ],
        ids=lambda a: " ".join(a) if isinstance(a, tuple) else a,
    )
    def test_same_bytes_as_under_utf8(
        self, encoding: str, args: tuple[str, ...]
    ) -> None:
        result = _raw(*args, encoding=encoding)
        assert result.returncode == 0, result.stderr
        assert result.stdout == _utf8(*args)
        if "schema" not in args:
            assert "Linköping".encode() in result.stdout

    def test_export_under_ascii_validates(self, tmp_path: Path) -> None:
        result = _raw("export", encoding="ascii")
        path = tmp_path / "r.json"
        path.write_bytes(result.stdout)
        assert aifactories.load(path) == aifactories.load()
        assert _raw("validate", str(path), encoding="ascii").returncode == 0

    def test_validate_json_keeps_file_names(self, tmp_path: Path) -> None:
        path = tmp_path / "Linköping.json"
        path.write_bytes(_utf8("export"))
        result = _raw("validate", str(path), "--json", encoding="ascii")
        assert result.returncode == 0
        assert json.loads(result.stdout.decode("utf-8"))[0]["file"] == str(path)

    def test_human_tables_may_use_stand_ins(self) -> None:
        result = _raw("show", "mimer", encoding="ascii")
        assert result.returncode == 0
        assert b"Link?ping" in result.stdout
        result = _raw("show", "mimer", encoding="latin-1")
        assert result.returncode == 0
        assert "Linköping".encode("latin-1") in result.stdout


# -- 8. atomic -o writes under a file-size limit (the rest: test_files.py) -----------


class TestAtomicWrites:
    """A write that fails midway leaves the old file whole and no temporary file."""

    @pytest.mark.parametrize("fmt", ["json", "csv", "schema", "sqlite"])
    def test_a_failed_write_keeps_the_old_file(self, tmp_path: Path, fmt: str) -> None:
        target = tmp_path / "out.txt"
        target.write_bytes(b"precious\n")
        result = _cli("export", "--format", fmt, "-o", str(target), fsize=4096)
        assert result.returncode == 1
        # SQLite meets the limit while it builds the database: its own words.
        reason = "disk I/O error" if fmt == "sqlite" else "File too large"
        assert result.stderr == f"aifactories export: cannot write {target}: {reason}\n"
        assert target.read_bytes() == b"precious\n"
        assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]

    def test_a_failed_new_file_leaves_nothing(self, tmp_path: Path) -> None:
        result = _cli("export", "-o", str(tmp_path / "new.json"), fsize=4096)
        assert result.returncode == 1
        assert list(tmp_path.iterdir()) == []


# -- 9. share sums and digits ----------------------------------------------------------


def _shares(*values: object) -> str:
    data = _control()
    shares = data["factories"][1]["funding"]["shares"]
    for share, value in zip(shares, values, strict=True):
        share["share"] = value
    return json.dumps(data)


class TestPrecision:
    """Shares and amounts are exact decimals whatever their digits or the caller's
    context."""

    def test_150_zeros(self) -> None:
        with pytest.raises(RegistryDataError) as info:
            aifactories.loads(_shares("0.5", "0.5" + "0" * 150 + "1"))
        assert any("more than 40 significant digits" in e for e in info.value.errors)

    @pytest.mark.parametrize("kind", ["string", "number"])
    def test_within_the_digits_the_sum_is_exact(self, kind: str) -> None:
        import decimal

        tiny = "0.5" + "0" * 35 + "1"  # 38 significant digits
        text = _shares("0.5", tiny)
        if kind == "number":
            text = text.replace(f'"{tiny}"', tiny)
        with pytest.raises(RegistryDataError) as info:
            aifactories.loads(text)
        with decimal.localcontext(decimal.Context(prec=100)):
            total = Decimal("0.5") + Decimal(tiny)
        assert info.value.errors == (
            f"factories[1].funding.shares: shares add up to {total}, more than 1",
        )

    def test_the_callers_decimal_context_does_not_matter(self) -> None:
        import decimal

        tiny = "0.5" + "0" * 35 + "1"
        with decimal.localcontext() as ctx:
            ctx.prec = 3
            ctx.traps[decimal.Inexact] = True
            with pytest.raises(RegistryDataError, match="shares add up to"):
                aifactories.loads(_shares("0.5", tiny))

    @pytest.mark.parametrize(
        "value", ["1e99999999", "1e-99999999", "9" * 5000, "0." + "0" * 5000 + "1"]
    )
    def test_huge_and_tiny_numbers(self, value: str) -> None:
        with pytest.raises(RegistryDataError) as info:
            aifactories.loads(_shares("0.5", value))
        assert len(str(info.value)) < 500

    def test_toml_floats_are_exact_too(self) -> None:
        from aifactories._parse import parse_toml

        data = parse_toml("a = 0.5" + "0" * 150 + "1\n")
        assert data == {"a": Decimal("0.5" + "0" * 150 + "1")}


# -- 10. no process-wide GC switch -----------------------------------------------------


class TestNoGlobalSideEffects:
    """Loading never switches the garbage collector off, for any thread."""

    def test_no_gc_calls_in_the_package(self) -> None:
        source = ROOT / "src" / "aifactories"
        for path in source.rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(
                r"\bgc\.(disable|enable|freeze|set_threshold)", text
            ), path

    @pytest.mark.parametrize("enabled", [True, False])
    def test_load_leaves_the_gc_as_it_was(self, enabled: bool) -> None:  # noqa: FBT001
        raw = CONTROL.read_bytes()
        threshold = gc.get_threshold()
        (gc.enable if enabled else gc.disable)()
        try:
            aifactories.loads(raw)
            with contextlib.suppress(RegistryDataError):
                aifactories.loads(b"{}")
            assert gc.isenabled() is enabled
            assert gc.get_threshold() == threshold
        finally:
            gc.enable()

    def test_another_thread_never_sees_the_gc_off(self) -> None:
        data = _control()
        data["facts"] = data["facts"] * 3000
        text = json.dumps(data)
        seen: set[bool] = set()
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                seen.add(gc.isenabled())

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            with contextlib.suppress(RegistryDataError):
                for _ in range(3):
                    aifactories.loads(text)
        finally:
            done.set()
            watcher.join()
        assert seen == {True}


# -- 11. invisible characters in names -------------------------------------------------


def _renamed(name: str, *, alias: str | None = None) -> str:
    data = _control()
    data["factories"][0]["name"] = name
    if alias is not None:
        data["factories"][0]["aliases"] = [alias]
    return json.dumps(data)


class TestInvisibleCharacters:
    """Names that differ only by invisible characters are one name."""

    @pytest.mark.parametrize(
        "name",
        [
            "Mi\u200bmer",  # zero-width space
            "\u2060MIMER",  # word joiner
            "Mim\u00ader",  # soft hyphen
            "Mimer\ufe0f",  # variation selector
            "Mi\u200dmer",  # zero-width joiner
            "\u202eMimer",  # right-to-left override
            "Mimer\U000e0041",  # tag character
            "Mi\u034fmer",  # combining grapheme joiner
        ],
    )
    def test_a_name_that_differs_only_invisibly_is_a_duplicate(self, name: str) -> None:
        with pytest.raises(RegistryDataError) as info:
            aifactories.loads(_renamed(name, alias="LUMI-X"))
        assert any("already names" in e for e in info.value.errors), info.value.errors

    def test_as_an_alias_too(self) -> None:
        with pytest.raises(RegistryDataError) as info:
            aifactories.loads(_renamed("LUMI AI Factory", alias="Mi\u200bmer"))
        assert any("already names" in e for e in info.value.errors)

    @pytest.mark.parametrize(
        "name",
        [
            "\u200b",
            "\u200b\u200c\u200d",
            "\u202e\u202c",
            "\ufeff",
            " \u2060 ",
            "\u3164",
            "\u0301",  # a combining mark with nothing to combine with
            "\u0301\u0308 \u20dd",
        ],
    )
    def test_a_name_of_invisible_characters_is_empty(self, name: str) -> None:
        with pytest.raises(RegistryDataError) as info:
            aifactories.loads(_renamed(name))
        assert "factories[0].name: must not be empty" in info.value.errors

    def test_lookup_matches_the_one_entry(self) -> None:
        registry = aifactories.load()
        assert registry.get("Mi\u200bmer") is registry.get("mimer")


# -- 12. control characters ------------------------------------------------------------


_OSC = "\x1b]0;pwned\x07"


class TestControlCharacters:
    """Control characters are refused in data and escaped in every line printed."""

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("name", f"Evil{_OSC}"),
            ("id", f"evil{_OSC}"),
            ("country", "S\x1bE"),
            ("aliases", [f"x{_OSC}"]),
            ("notes", f"prose may hold newlines\nbut not {_OSC}"),
            ("focus", ["tab\there"]),
        ],
    )
    def test_refused_in_ids_names_and_texts(self, field: str, value: object) -> None:
        data = _control()
        data["factories"][0][field] = value
        with pytest.raises(RegistryDataError) as info:
            aifactories.loads(json.dumps(data))
        assert all("\x1b" not in e and "\n" not in e for e in info.value.errors)
        assert any(e.startswith(f"factories[0].{field}") for e in info.value.errors)

    def test_an_unknown_key_with_a_newline_stays_one_line(self, tmp_path: Path) -> None:
        data = _control()
        data["factories"][0]["evil\nkey" + _OSC] = 1
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        result = _cli("list", "--data", str(path))
        assert result.returncode == 1
        _one_line(result.stderr)
        assert "\x1b" not in result.stderr
        result = _cli("validate", str(path))
        assert result.stdout == (
            f"{path}: factories[0]: unknown field(s): 'evil\\nkey\\x1b]0;pwned\\x07'\n"
        )

    def test_file_names_are_escaped(self, tmp_path: Path) -> None:
        path = tmp_path / f"a\nb{_OSC}.json"
        path.write_text("{", encoding="utf-8")
        shown = "a\\x0ab\\x1b]0;pwned\\x07.json"
        result = _cli("validate", str(path))
        assert result.returncode == 1
        _one_line(result.stdout)
        assert f"{shown}: line 1 column 2: invalid JSON" in result.stdout
        result = _cli("list", "--data", str(path))
        assert result.returncode == 1
        _one_line(result.stderr)
        assert shown in result.stderr
        assert "\x1b" not in result.stdout + result.stderr

    def test_search_and_show_keys_are_escaped(self) -> None:
        result = _cli("search", _OSC)
        assert result.returncode == 1
        assert "\x1b" not in result.stderr
        _one_line(result.stderr)
        result = _cli("show", f"nope\n{_OSC}")
        assert result.returncode == 1
        assert "\x1b" not in result.stderr
        _one_line(result.stderr)

    def test_bidi_and_zero_width_are_escaped_in_tables(self, tmp_path: Path) -> None:
        data = _control()
        data["factories"][0]["name"] = "LUMI \u202eyrotcaF"
        data["factories"][0]["host"]["city"] = "Kaja\u200bani"
        path = tmp_path / "bidi.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        env = _env("utf-8")
        for command in (("list",), ("search", "lumi"), ("show", "lumi-aif")):
            result = _cli(*command, "--data", str(path), env=env)
            assert result.returncode == 0, result.stderr
            assert "\u202e" not in result.stdout
            assert "\u200b" not in result.stdout
            assert "\\u202e" in result.stdout
        # Machine output keeps the text as it is.
        result = _cli("list", "--json", "--data", str(path), env=env)
        assert "LUMI \u202eyrotcaF" in result.stdout

    def test_printable(self) -> None:
        assert printable("Linköping 東京") == "Linköping 東京"
        assert printable("a\x1b[31mb\x07") == "a\\x1b[31mb\\x07"
        assert printable("x\u2028y\u200bz\U000e0041") == "x\\u2028y\\u200bz\\U000e0041"


# -- 13. a copied error keeps its file name --------------------------------------------


class TestCopiedError:
    """A RegistryDataError keeps its message, notes and file name when copied or
    pickled."""

    @pytest.fixture(name="error")
    def _error(self, tmp_path: Path) -> RegistryDataError:
        path = tmp_path / "bad.json"
        path.write_text('{"format": 1}', encoding="utf-8")
        with pytest.raises(RegistryDataError) as info:
            aifactories.load(path)
        assert str(info.value).startswith(f"{path}: invalid registry data")
        return info.value

    @pytest.mark.parametrize(
        "how",
        [
            copy.copy,
            copy.deepcopy,
            lambda e: pickle.loads(pickle.dumps(e)),  # noqa: S301 - our own bytes
            lambda e: pickle.loads(pickle.dumps(e, protocol=0)),  # noqa: S301
        ],
        ids=["copy", "deepcopy", "pickle", "pickle protocol 0"],
    )
    def test_str_keeps_the_prefix(self, error: RegistryDataError, how: Any) -> None:
        again = how(error)
        assert type(again) is RegistryDataError
        assert str(again) == str(error)
        assert again.args == error.args
        assert (again.errors, again.source) == (error.errors, error.source)

    def test_notes_survive(self, error: RegistryDataError) -> None:
        error.add_note("while loading the nightly file")
        again = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
        assert again.__notes__ == ["while loading the nightly file"]

    def test_across_processes(self, error: RegistryDataError) -> None:
        import concurrent.futures

        with concurrent.futures.ProcessPoolExecutor(1) as pool:
            again = pool.submit(_raise_from_file, error.source).exception()
        assert str(again) == str(error)


def _raise_from_file(path: str | None) -> None:
    assert path is not None
    aifactories.load(path)


# -- 14. an unreadable --data exits 2 --------------------------------------------------


class TestUnreadableData:
    """An unreadable ``--data`` file is exit 2, an invalid one still exit 1."""

    @pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
    def test_permission_denied(self, tmp_path: Path) -> None:
        path = tmp_path / "secret.json"
        path.write_bytes(CONTROL.read_bytes())
        path.chmod(0)
        result = _cli("list", "--data", str(path))
        assert result.returncode == 2
        assert result.stderr == f"aifactories: cannot read {path}: Permission denied\n"

    def test_invalid_data_still_exits_1(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.json"
        path.write_text("{}", encoding="utf-8")
        assert _cli("list", "--data", str(path)).returncode == 1
