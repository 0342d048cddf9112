"""The one file policy: every file a command reads or writes takes one path.

Reading: a FIFO, a device, a directory or a missing file, handed to any
command as any of its inputs, ends the command with one line and exit 2,
without blocking. Writing: every command that takes ``-o`` writes a FIFO
and a device directly (never replacing them), writes through a symbolic
link, keeps an existing file's mode, gives a new file the mode ``open()``
would, and refuses each of its own inputs however it is named.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import socket
import stat
import subprocess
import sys
import threading
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pytest

import aifactories
from aifactories import _files
from aifactories._cli import main

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="FIFOs and devices are POSIX"
)

ROOT = Path(__file__).resolve().parent.parent
CONTROL = ROOT / "tests" / "data" / "bad" / "_valid.json"
ARTICLE = ROOT / "tests" / "draft_corpus" / "01_nordlys_en.txt"
HANG = 600
"""Seconds before a child or a thread counts as hung: only a hang gets there."""

COMMANDS = {
    "json": ["export", "--format", "json"],
    "csv": ["export", "--format", "csv"],
    "csv-table": ["export", "--format", "csv", "--table", "funding"],
    "sqlite": ["export", "--format", "sqlite"],
    "geojson": ["export", "--format", "geojson"],
    "schema": ["export", "--format", "schema"],
    "draft": ["draft", "article.txt"],
}
"""Every command that takes ``-o``, each export format once."""

INPUTS = ["mine.json", "docs/note.txt", "data/registry.json"]
"""What every command reads (``--data``, ``--documents``, the installed data)."""


@pytest.fixture(name="work")
def _work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding every input; the installed data is a stand-in here."""
    (tmp_path / "mine.json").write_bytes(CONTROL.read_bytes())
    (tmp_path / "article.txt").write_bytes(ARTICLE.read_bytes())
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "note.txt").write_text("A note.\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "registry.json").write_text("{}\n", encoding="utf-8")
    # A bug must not be able to overwrite the real package data.
    monkeypatch.setattr(_files, "DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(command: str, output: str, capsys: pytest.CaptureFixture[str]) -> int:
    argv = [*COMMANDS[command], "--data", "mine.json", "--documents", "docs"]
    status = main([*argv, "-o", output])
    capsys.readouterr()
    return status


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@contextlib.contextmanager
def _drained(fifo: Path) -> Iterator[list[bytes]]:
    """Read everything written to ``fifo`` in a thread, so a writer never waits."""
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    # A writer of our own, so that the reader sees no end before the command
    # has opened the FIFO and closed it again.
    holder = os.open(fifo, os.O_WRONLY)
    os.set_blocking(reader, True)
    chunks: list[bytes] = []

    def drain() -> None:
        while chunk := os.read(reader, 1 << 16):
            chunks.append(chunk)

    thread = threading.Thread(target=drain, daemon=True)
    thread.start()
    try:
        yield chunks
    finally:
        os.close(holder)
        thread.join(HANG)
        os.close(reader)


@pytest.mark.parametrize("command", list(COMMANDS))
class TestEveryOutput:
    """Each ``-o`` command, against each kind of target."""

    @pytest.fixture(name="expected")
    def _expected(
        self, work: Path, command: str, capsys: pytest.CaptureFixture[str]
    ) -> bytes:
        """What the command writes to a new file, whose mode is open()'s."""
        assert _run(command, "new.out", capsys) == 0
        umask = os.umask(0)
        os.umask(umask)
        assert stat.S_IMODE((work / "new.out").stat().st_mode) == 0o666 & ~umask
        return (work / "new.out").read_bytes()

    def test_a_fifo_is_written_not_replaced(
        self, work: Path, command: str, expected: bytes, capsys: Any
    ) -> None:
        fifo = work / "out.fifo"
        os.mkfifo(fifo)
        with _drained(fifo) as chunks:
            assert _run(command, str(fifo), capsys) == 0
        assert b"".join(chunks) == expected
        assert stat.S_ISFIFO(fifo.lstat().st_mode)

    @pytest.mark.usefixtures("work")
    def test_a_device_is_written_not_replaced(self, command: str, capsys: Any) -> None:
        assert _run(command, os.devnull, capsys) == 0
        assert stat.S_ISCHR(Path(os.devnull).lstat().st_mode)

    def test_a_link_is_written_through(
        self, work: Path, command: str, expected: bytes, capsys: Any
    ) -> None:
        real = work / "real.out"
        real.write_bytes(b"old")
        real.chmod(0o640)
        link = work / "link.out"
        link.symlink_to(real)
        assert _run(command, "link.out", capsys) == 0
        assert link.is_symlink()
        assert real.read_bytes() == expected
        assert stat.S_IMODE(real.stat().st_mode) == 0o640

    def test_an_existing_file_keeps_its_mode(
        self, work: Path, command: str, expected: bytes, capsys: Any
    ) -> None:
        target = work / "old.out"
        target.write_bytes(b"old")
        target.chmod(0o644)
        before = sorted(p.name for p in work.iterdir())
        assert _run(command, "old.out", capsys) == 0
        assert target.read_bytes() == expected
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        assert sorted(p.name for p in work.iterdir()) == before  # no temporary left

    def test_its_own_inputs_are_refused(
        self, work: Path, command: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        argv = [*COMMANDS[command], "--data", "mine.json", "--documents", "docs"]
        names = [*INPUTS, "article.txt"] if command == "draft" else INPUTS
        for name in names:
            before = _snapshot(work)
            assert main([*argv, "-o", name]) == 2, name
            last = capsys.readouterr().err.splitlines()[-1]
            what = f"the input file {name}"
            if name.startswith("data/"):
                what = f"installed data: {work / name}"
            assert last == (
                f"aifactories {argv[0]}: {name} is {what}; write to another file"
            )
            assert _snapshot(work) == before


class TestOutputIsInput:
    """However the output names an input, the input is left as it was."""

    @pytest.mark.parametrize(
        "output",
        ["./mine.json", "sub/../mine.json", "link.json", "hard.json"],
        ids=["dot-slash", "parent", "symlink", "hard link"],
    )
    def test_refused_however_named(
        self, work: Path, output: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        (work / "sub").mkdir()
        (work / "link.json").symlink_to(work / "mine.json")
        (work / "hard.json").hardlink_to(work / "mine.json")
        before = _snapshot(work)
        assert main(["export", "--data", "mine.json", "-o", output]) == 2
        assert capsys.readouterr().err == (
            f"aifactories export: {output} is the input file mine.json; "
            "write to another file\n"
        )
        assert _snapshot(work) == before

    def test_a_draft_onto_its_own_data_is_refused(
        self, work: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        before = (work / "mine.json").read_bytes()
        assert main(["draft", "article.txt", "--data", "mine.json", "-o", "mine.json"])
        assert "is the input file mine.json" in capsys.readouterr().err
        assert (work / "mine.json").read_bytes() == before


class TestWriter:
    """The writer itself: all or nothing."""

    def test_an_interrupt_leaves_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        target = tmp_path / "out.json"
        target.write_bytes(b"precious\n")

        def interrupt(_fd: int) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "fsync", interrupt)
        with pytest.raises(KeyboardInterrupt):
            _files.write_file(str(target), b"new")
        assert target.read_bytes() == b"precious\n"
        assert [p.name for p in tmp_path.iterdir()] == ["out.json"]

    def test_a_failed_clean_up_keeps_the_first_error(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        target = tmp_path / "out.json"
        target.write_bytes(b"precious\n")

        def full(_fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        def refuse(_name: str) -> None:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(os, "fsync", full)
        monkeypatch.setattr(os, "unlink", refuse)
        with pytest.raises(OSError, match="No space left") as info:
            _files.write_file(str(target), b"new")
        assert info.value.errno == errno.ENOSPC
        assert target.read_bytes() == b"precious\n"

    def test_a_directory_cannot_be_written(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["export", "-o", str(tmp_path)]) == 1
        assert capsys.readouterr().err == (
            f"aifactories export: cannot write {tmp_path}: Is a directory\n"
        )
        assert list(tmp_path.iterdir()) == []

    def test_a_new_file_through_a_dangling_link(self, tmp_path: Path) -> None:
        link = tmp_path / "link.json"
        link.symlink_to(tmp_path / "target.json")
        _files.write_file(str(link), b"new")
        assert link.is_symlink()
        assert (tmp_path / "target.json").read_bytes() == b"new"


_NO_CONTROLLING_TERMINAL = """
import os, sys
from aifactories import _files
os.setsid()  # a session leader without a terminal: an open() may give it one
master, slave = os.openpty()
name = os.ttyname(slave)
os.close(slave)
# As if the name were swapped for the terminal after the kind check.
regular = os.stat(sys.executable)
os.stat = lambda *_a, **_k: regular
try:
    _files.read_file(name)
except OSError:
    pass
try:
    os.close(os.open("/dev/tty", os.O_RDWR))
except OSError:
    print("none")
else:
    print("acquired")
"""


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs pseudo-terminals")
def test_a_terminal_read_never_becomes_the_controlling_one() -> None:
    # A daemon reading a name swapped for a terminal must not get that
    # terminal (and its signals). Write-only opens never do on Linux.
    result = subprocess.run(
        [sys.executable, "-c", _NO_CONTROLLING_TERMINAL],
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "none\n"), result.stderr


# -- reading ------------------------------------------------------------------------

_READERS = {
    "list --data": ["list", "--data", "{bad}"],
    "export --data": ["export", "--data", "{bad}"],
    "validate": ["validate", "{bad}"],
    "diff old": ["diff", "{bad}", "{good}"],
    "diff new": ["diff", "{good}", "{bad}"],
    "draft article": ["draft", "{bad}"],
}
"""Every place a command reads a file named on its command line."""

_KINDS = ("fifo", "directory", "device", "missing")

_EVERY_READER = """
import contextlib, io, json, sys
import aifactories
from aifactories._cli import main
results = []
for argv in json.loads(sys.argv[1]):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(argv)
    results.append([status, err.getvalue()])
loaded = []
for path in json.loads(sys.argv[2]):
    try:
        aifactories.load(path)
    except OSError as exc:
        loaded.append([type(exc).__name__, exc.strerror, exc.filename])
print(json.dumps([results, loaded]))
"""


def _bad_input(folder: Path, kind: str) -> Path:
    path = folder / f"{kind}.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    elif kind == "device":
        path.symlink_to("/dev/zero")
    return path


def test_every_reader_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    """Each command, and load(), given a FIFO, a directory, a device or nothing."""
    # One child for every case, so that a reader that blocks on a FIFO
    # fails here (as a hang) instead of hanging the test run.
    good = tmp_path / "good.json"
    good.write_bytes(CONTROL.read_bytes())
    bad = {kind: _bad_input(tmp_path, kind) for kind in _KINDS}
    cases = [
        (reader, kind, [a.format(bad=bad[kind], good=good) for a in argv])
        for kind in _KINDS
        for reader, argv in _READERS.items()
    ]
    paths = [str(bad[kind]) for kind in _KINDS]
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _EVERY_READER,
            json.dumps([c[2] for c in cases]),
            json.dumps(paths),
        ],
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    reasons = {
        "fifo": "not a regular file (a named pipe)",
        "directory": "is a directory",
        "device": "not a regular file (a character device)",
        "missing": "No such file or directory",
    }
    commands, loaded = json.loads(result.stdout)
    for (reader, kind, _), (status, err) in zip(cases, commands, strict=True):
        assert status == 2, (reader, kind, err)
        assert err.count("\n") == 1, (reader, kind, err)
        assert reasons[kind] in err, (reader, kind, err)
    # The library refuses them alike, with an OSError naming the file.
    classes = {
        "fifo": "OSError",
        "directory": "IsADirectoryError",
        "device": "OSError",
        "missing": "FileNotFoundError",
    }
    assert loaded == [
        [classes[k], reasons[k], p] for k, p in zip(_KINDS, paths, strict=True)
    ]


def test_an_article_over_the_draft_cap_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from aifactories import _draft

    article = tmp_path / "big.txt"
    with article.open("wb") as file:  # sparse: nothing to read
        file.truncate(_draft.MAX_BYTES + 1)
    assert main(["draft", str(article)]) == 2
    assert capsys.readouterr().err == (
        f"aifactories draft: cannot read {article}: larger than "
        f"{_draft.MAX_BYTES:,} bytes, the most this command reads\n"
    )


def test_a_file_at_the_cap_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = CONTROL.read_bytes()
    path = tmp_path / "exact.json"
    path.write_bytes(raw)
    monkeypatch.setattr(_files, "MAX_BYTES", len(raw))
    assert len(aifactories.load(path)) == 3
    monkeypatch.setattr(_files, "MAX_BYTES", len(raw) - 1)
    with pytest.raises(OSError, match="larger than"):
        aifactories.load(path)


def test_a_growing_stream_over_a_lowered_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(_files, "MAX_BYTES", 3 << 20)
    with pytest.raises(OSError, match="larger than") as info:
        _files.read_stream(io.BytesIO(b" " * ((3 << 20) + 1)))
    assert (info.value.errno, info.value.filename) == (errno.EFBIG, "<stdin>")
    assert _files.read_stream(io.BytesIO(b" " * (1 << 20))) == b" " * (1 << 20)


class TestReader:
    """The reader opens only regular files and bounded streams, and says why not."""

    @pytest.mark.parametrize(
        ("kind", "reason"),
        [
            ("fifo", "not a regular file (a named pipe)"),
            ("device", "not a regular file (a character device)"),
            ("socket", "not a regular file (a socket)"),
        ],
    )
    def test_each_kind_is_named(self, tmp_path: Path, kind: str, reason: str) -> None:
        # In this process, so the checks are the library's own: a FIFO is
        # opened non-blocking and /dev/null ends at once, so a broken check
        # fails the test instead of hanging it.
        path = tmp_path / "in.json"
        with socket.socket(socket.AF_UNIX) as server:
            if kind == "fifo":
                os.mkfifo(path)
            elif kind == "device":
                path.symlink_to("/dev/null")
            else:
                server.bind(str(path))
            with pytest.raises(OSError, match="not a regular file") as info:
                _files.read_file(path)
        assert type(info.value) is OSError
        assert (info.value.errno, info.value.strerror) == (errno.EINVAL, reason)
        assert info.value.filename == str(path)

    def test_a_directory_is_a_directory(self, tmp_path: Path) -> None:
        with pytest.raises(IsADirectoryError) as info:
            _files.read_file(tmp_path)
        assert (info.value.errno, info.value.strerror, info.value.filename) == (
            errno.EISDIR,
            "is a directory",
            str(tmp_path),
        )

    def test_a_name_swapped_after_the_check_is_checked_again(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # The name passes as a regular file, then is a FIFO when opened.
        regular = tmp_path / "regular.json"
        regular.write_bytes(b"{}")
        fifo = tmp_path / "fifo.json"
        os.mkfifo(fifo)
        real_stat = os.stat
        monkeypatch.setattr(os, "stat", lambda _name, **kw: real_stat(regular, **kw))
        # Opened blocking, the FIFO would wait for a writer: one comes only
        # after HANG seconds, and then the test fails.
        done, rescued = threading.Event(), threading.Event()

        def rescue() -> None:
            if not done.wait(HANG):
                rescued.set()
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

        threading.Thread(target=rescue, daemon=True).start()
        try:
            with pytest.raises(
                OSError, match=r"not a regular file \(a named pipe\)"
            ) as info:
                _files.read_file(fifo)
        finally:
            done.set()
        assert not rescued.is_set(), "the reader blocked on a FIFO"
        assert info.value.filename == str(fifo)

    @pytest.mark.skipif(
        not Path("/proc/self/status").is_file(), reason="needs Linux's /proc"
    )
    def test_a_file_longer_than_its_size_says_is_capped_by_name(self) -> None:
        # /proc files are regular files of size 0 that hold text: the cap
        # holds while reading, not only against the size asked beforehand.
        with pytest.raises(OSError, match="larger than 10 bytes") as info:
            _files.read_file("/proc/self/status", limit=10)
        assert (info.value.errno, info.value.filename) == (
            errno.EFBIG,
            "/proc/self/status",
        )

    def test_a_nul_in_the_name_is_an_os_error(self) -> None:
        with pytest.raises(OSError, match="embedded null") as info:
            _files.read_file("a\0b.json")
        assert info.value.errno == errno.EINVAL
        assert info.value.filename == "a\0b.json"

    def test_the_default_cap_is_named_in_mebibytes(self, tmp_path: Path) -> None:
        big = tmp_path / "big.json"
        with big.open("wb") as file:  # sparse: nothing to read
            file.truncate(_files.MAX_BYTES + 1)
        with pytest.raises(OSError, match="larger than") as info:
            _files.read_file(big)
        assert (info.value.errno, info.value.strerror, info.value.filename) == (
            errno.EFBIG,
            "larger than 512 MiB, the most aifactories reads (MAX_BYTES)",
            str(big),
        )
        # A file of exactly the cap is not refused for its size.
        with big.open("wb") as file:
            file.truncate(10)
        assert _files.read_file(big, limit=10) == b"\0" * 10
        with pytest.raises(OSError, match=r"larger than 9 bytes, the most this"):
            _files.read_file(big, limit=9)


class _FakeStream:
    """Standard input on a given descriptor, as ``sys.stdin.buffer`` is."""

    def __init__(self, fd: int, *, tty: bool = False) -> None:
        self.fd, self.tty = fd, tty

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return self.tty

    def read(self, n: int) -> bytes:
        return os.read(self.fd, n)


def _stdin(fd: int, *, tty: bool = False) -> BinaryIO:
    return typing.cast("BinaryIO", _FakeStream(fd, tty=tty))


class TestStandardInput:
    """Standard input is read whole from a pipe, file or terminal, up to the cap."""

    def test_a_pipe_is_read_to_its_end(self) -> None:
        reader, writer = os.pipe()
        os.write(writer, b'{"a": 1}\n' * 1000)
        os.close(writer)
        with os.fdopen(reader, "rb") as stream:
            assert _files.read_stream(stream) == b'{"a": 1}\n' * 1000

    def test_a_redirected_file_is_read_and_capped(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "in.json"
        path.write_bytes(b" " * 100)
        monkeypatch.setattr(_files, "MAX_BYTES", 100)
        with path.open("rb") as stream:
            assert _files.read_stream(stream) == b" " * 100
        monkeypatch.setattr(_files, "MAX_BYTES", 99)
        with path.open("rb") as stream, pytest.raises(OSError, match="larger") as info:
            _files.read_stream(stream, "in")
        assert (info.value.errno, info.value.filename) == (errno.EFBIG, "in")

    def test_a_device_is_refused_unless_a_terminal(self) -> None:
        with Path("/dev/null").open("rb") as null:
            with pytest.raises(OSError, match="not a file") as info:
                _files.read_stream(null)
            assert (info.value.errno, info.value.strerror, info.value.filename) == (
                errno.EINVAL,
                "not a file, pipe or terminal (a character device)",
                "<stdin>",
            )
            # A terminal is a character device too, and is read.
            assert _files.read_stream(_stdin(null.fileno(), tty=True)) == b""

    def test_a_directory_is_refused(self, tmp_path: Path) -> None:
        fd = os.open(tmp_path, os.O_RDONLY)
        try:
            with pytest.raises(IsADirectoryError) as info:
                _files.read_stream(_stdin(fd), "-")
        finally:
            os.close(fd)
        assert (info.value.errno, info.value.strerror, info.value.filename) == (
            errno.EISDIR,
            "is a directory",
            "-",
        )

    def test_reading_stops_one_byte_past_the_cap(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # An endless stream that hands out at most 6 bytes a call: no more
        # than the cap and one byte are taken from it, however it is cut.
        taken: list[int] = []

        class Endless:
            def read(self, n: int) -> bytes:
                taken.append(min(n, 6))
                return b" " * taken[-1]

        monkeypatch.setattr(_files, "MAX_BYTES", 10)
        with pytest.raises(OSError, match="larger than"):
            _files.read_stream(typing.cast("BinaryIO", Endless()))
        assert sum(taken) == 11

    @pytest.mark.parametrize("byte", [b"\0", b"\x1f", b"\x0b"])
    def test_a_binary_byte_is_refused_where_it_stands(self, byte: bytes) -> None:
        with pytest.raises(aifactories.RegistryDataError) as info:
            _files.read_stream(io.BytesIO(b"{\t\r\n  " + byte + b"}"))
        assert info.value.errors == (
            (
                f"$: byte 6 is 0x{byte[0]:02x}, which no JSON or TOML text holds; "
                "this is not a registry file"
            ),
        )

    @pytest.mark.parametrize("text", [b"0123", b"0123456789"])
    def test_text_in_pieces_is_read_whole(
        self, monkeypatch: pytest.MonkeyPatch, text: bytes
    ) -> None:
        monkeypatch.setattr(_files, "_CHUNK", 3)
        reader, writer = os.pipe()
        os.write(writer, text)
        os.close(writer)
        with os.fdopen(reader, "rb") as stream:
            assert _files.read_stream(stream) == text


class TestWriterErrors:
    """The writer refuses a directory or an input with the reason and the name."""

    def test_a_directory(self, tmp_path: Path) -> None:
        with pytest.raises(IsADirectoryError) as info:
            _files.write_file(str(tmp_path), b"x")
        assert (info.value.errno, info.value.filename) == (errno.EISDIR, str(tmp_path))

    def test_an_input(self, tmp_path: Path) -> None:
        target = tmp_path / "in.json"
        target.write_bytes(b"old")
        with pytest.raises(_files.OutputIsInputError) as info:
            _files.write_file(str(target), b"new", inputs=[str(target)])
        assert (info.value.errno, info.value.strerror, info.value.filename) == (
            errno.EINVAL,
            f"is the input file {target}",
            str(target),
        )
        assert target.read_bytes() == b"old"

    def test_an_input_that_does_not_exist_is_no_obstacle(self, tmp_path: Path) -> None:
        target = tmp_path / "out.json"
        target.write_bytes(b"old")
        _files.write_file(str(target), b"new", inputs=[str(tmp_path / "gone.json")])
        assert target.read_bytes() == b"new"

    def test_the_temporary_file_is_beside_the_target(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # In the target's folder, so that the replace is one atomic step
        # on one file system, wherever the command runs.
        (tmp_path / "elsewhere").mkdir()
        monkeypatch.chdir(tmp_path / "elsewhere")
        target = tmp_path / "out" / "out.json"
        target.parent.mkdir()
        moves: list[tuple[str, str]] = []
        real_replace = os.replace

        def replace(source: str, destination: str) -> None:
            moves.append((source, destination))
            real_replace(source, destination)

        monkeypatch.setattr(os, "replace", replace)
        _files.write_file(str(target), b"new")
        ((source, destination),) = moves
        assert os.path.dirname(source) == str(target.parent)  # noqa: PTH120
        assert destination == str(target)
        assert target.read_bytes() == b"new"
        assert list((tmp_path / "elsewhere").iterdir()) == []

    def test_a_taken_temporary_name_is_passed_over(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        names = iter([b"\0" * 4, b"\0" * 4, b"\1" * 4])
        monkeypatch.setattr(os, "urandom", lambda _n: next(names))
        target = tmp_path / "out.json"
        taken = tmp_path / ".out.json.00000000.tmp"
        taken.write_bytes(b"someone else's")
        _files.write_file(str(target), b"new")
        assert target.read_bytes() == b"new"
        assert taken.read_bytes() == b"someone else's"

    def test_no_free_temporary_name(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(os, "urandom", lambda _n: b"\0" * 4)
        target = tmp_path / "out.json"
        (tmp_path / ".out.json.00000000.tmp").write_bytes(b"")
        with pytest.raises(FileExistsError) as info:
            _files.write_file(str(target), b"new")
        assert (info.value.errno, info.value.strerror, info.value.filename) == (
            errno.EEXIST,
            "no free temporary file name",
            str(target),
        )
        assert not target.exists()
