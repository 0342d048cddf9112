"""The one file policy: how every file is read and every ``-o`` written.

Every input is read by :func:`read_file`, or :func:`read_stream` for
standard input: the registry file, ``--documents`` files, the article of
``aifactories draft`` and both inputs of ``aifactories diff``. Every ``-o``
of the command line, the SQLite database included, is written by
:func:`write_file`. Each says what it refuses, and why.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Callable, Collection
from typing import BinaryIO

from aifactories._errors import RegistryDataError

MAX_BYTES = 512 * 1024 * 1024
"""The most bytes :func:`aifactories.load` and the command line read: 512 MiB.

A registry of 50,000 entries written by :func:`aifactories.dumps` is about
410 MiB. The cap keeps an endless source (a device, a pipe that never ends)
from being read until memory runs out: a larger file is refused with an
:exc:`OSError` before it is read, a larger stream once the cap is passed.
"""

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
"""The installed package's data folder: every file in it is an input."""

_CHUNK = 1 << 20
"""Streams are read in pieces of this size (1 MiB)."""

# No JSON or TOML text holds these bytes anywhere (only tab, line feed and
# carriage return, of the C0 controls, may appear raw in either format).
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# A directory is refused as such (IsADirectoryError) before these are asked.
_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class OutputIsInputError(OSError):
    """An output file is one of the command's own inputs (see :func:`write_file`)."""


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _refuse_kind(mode: int, name: str) -> None:
    """Raise :exc:`OSError` unless ``mode`` is a regular file's."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", name)
    # A FIFO would block the reader forever, a device never end.
    msg = f"not a regular file ({_kind(mode)})"
    raise OSError(errno.EINVAL, msg, name)


def _too_large(name: str, limit: int) -> OSError:
    if limit == MAX_BYTES:
        size = f"{limit // (1024 * 1024)} MiB, the most aifactories reads (MAX_BYTES)"
    else:
        size = f"{limit:,} bytes, the most this command reads"
    return OSError(errno.EFBIG, f"larger than {size}", name)


def _read_bounded(
    read: Callable[[int], bytes],
    name: str,
    limit: int,
    *,
    hint: int = 0,
    text_only: bool = False,
) -> bytes:
    """Read to the end (``b""``) with ``read``, but never more than ``limit`` bytes.

    ``hint`` is the expected size (a regular file's), read in one call, and
    refused before any read if it is over ``limit``; ``text_only`` refuses at
    once a piece holding a byte no JSON or TOML text can hold (``/dev/zero``
    through a pipe).
    """
    if hint > limit:
        raise _too_large(name, limit)
    chunks: list[bytes] = []
    total = 0
    want = min(max(hint + 1, _CHUNK), limit + 1)
    while True:
        chunk = read(min(want, limit + 1 - total))
        if not chunk:
            break
        if text_only:
            found = _BINARY.search(chunk)
            if found is not None:
                where = total + found.start()
                msg = (
                    f"$: byte {where} is 0x{chunk[found.start()]:02x}, which no "
                    "JSON or TOML text holds; this is not a registry file"
                )
                raise RegistryDataError([msg])
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large(name, limit)
        want = _CHUNK
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_file(path: str | os.PathLike[str], *, limit: int | None = None) -> bytes:
    """Return the bytes of the regular file ``path``, at most ``limit`` of them.

    Args:
        path: The file; a symbolic link is followed.
        limit: The most bytes read; :data:`MAX_BYTES` by default.

    Raises:
        OSError: The file cannot be read, is not a regular file (a FIFO, a
            device, a directory, or a symbolic link to one), is larger than
            ``limit``, or its name cannot be a file's (a NUL in it).
    """
    name = os.fspath(path)
    cap = MAX_BYTES if limit is None else limit
    try:
        # stat() before open(): opening a FIFO blocks until a writer comes,
        # and opening some devices acts on them.
        _refuse_kind(os.stat(name).st_mode, name)
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
        # Non-blocking and no controlling terminal, should the name have
        # been swapped for a FIFO or a terminal since the stat() above.
        flags |= getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(name, flags)
    except ValueError as exc:  # an embedded NUL: no such file can exist
        raise OSError(errno.EINVAL, str(exc), name) from None
    try:
        info = os.fstat(fd)
        _refuse_kind(info.st_mode, name)
        return _read_bounded(lambda n: os.read(fd, n), name, cap, hint=info.st_size)
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, name: str = "<stdin>") -> bytes:
    """Return what ``stream`` (standard input) holds, at most :data:`MAX_BYTES`.

    A pipe, a terminal or a redirected regular file is read; a device that
    is not a terminal (``< /dev/zero``) is refused, and so is a stream
    holding a byte that no JSON or TOML text can hold, at once.

    Raises:
        OSError: The stream is a device or holds more than :data:`MAX_BYTES`.
        RegistryDataError: The stream holds binary data.
    """
    try:
        info: os.stat_result | None = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError):
        # An in-memory stream (io.UnsupportedOperation is both an OSError
        # and a ValueError): nothing to ask, and nothing endless.
        info = None
    hint = 0
    if info is not None:
        mode = info.st_mode
        if stat.S_ISREG(mode):
            hint = info.st_size
        elif (stat.S_ISCHR(mode) or stat.S_ISBLK(mode)) and not stream.isatty():
            msg = f"not a file, pipe or terminal ({_kind(mode)})"
            raise OSError(errno.EINVAL, msg, name)
        elif stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", name)
    return _read_bounded(stream.read, name, MAX_BYTES, hint=hint, text_only=True)


# -- writing ---------------------------------------------------------------------


def write_file(
    target: str, content: bytes | BinaryIO, *, inputs: Collection[str] = ()
) -> None:
    """Write ``content`` to ``target`` all at once, or leave it as it was.

    A regular file (or a new one) is written to a temporary file in the
    same directory, which then replaces it in one step (:func:`os.replace`):
    a write that fails midway (a full disk, a file-size limit, an
    interrupt) leaves the old file whole, and the temporary file is
    removed. An existing file keeps its permissions; a new one gets those
    :func:`open` would give it. A symbolic link is written through and
    stays a link. A device or a FIFO (``-o /dev/null``) is written to
    directly: replacing it would be a disaster.

    Args:
        target: The file to write.
        content: The bytes, or a binary stream to copy from.
        inputs: Files the command reads; the installed package's data is
            always one. Compared by device and inode, so that no other name
            for the same file (``./a.json``, a link) gets through.

    Raises:
        OutputIsInputError: ``target`` is one of the inputs; nothing is written.
        OSError: ``target`` cannot be written (a directory, no permission).
    """
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None:
        # Every file of the installed package's data is an input too.
        installed = [
            os.path.join(folder, name)
            for folder, _, names in os.walk(DATA_DIR)
            for name in names
        ]
        for name in (*inputs, *installed):
            if _same_file(name, info):
                what = "the input file" if name in inputs else "installed data:"
                msg = f"is {what} {name}"
                raise OutputIsInputError(errno.EINVAL, msg, target)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", target)
        if not stat.S_ISREG(info.st_mode):
            flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)
            _put(os.open(target, flags | getattr(os, "O_NOCTTY", 0)), content)
            return
    real = os.path.realpath(target)  # written through a link; the link stays
    temp, fd = _temporary_beside(real)
    try:
        _put(fd, content, sync=True)
        if info is not None:
            os.chmod(temp, stat.S_IMODE(info.st_mode))
        os.replace(temp, real)
    except BaseException:
        # Also on KeyboardInterrupt: no half-written temporary file is left.
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _same_file(name: str, info: os.stat_result) -> bool:
    try:
        seen = os.stat(name)
    except (OSError, ValueError):
        return False  # gone, or no such name: it cannot be the target
    return (seen.st_dev, seen.st_ino) == (info.st_dev, info.st_ino)


def _put(fd: int, content: bytes | BinaryIO, *, sync: bool = False) -> None:
    """Write ``content`` to the open file ``fd``, then close it."""
    import shutil  # noqa: PLC0415 - only writers pay for it

    with os.fdopen(fd, "wb") as stream:
        if isinstance(content, bytes):
            stream.write(content)
        else:
            shutil.copyfileobj(content, stream)
        stream.flush()
        if sync:
            os.fsync(stream.fileno())


def _temporary_beside(path: str) -> tuple[str, int]:
    """Create a new, empty file next to ``path``; return its name and descriptor."""
    folder, base = os.path.split(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        name = os.path.join(folder, f".{base}.{os.urandom(4).hex()}.tmp")
        try:
            # 0o666 less the umask: the mode open() would give a new file.
            return name, os.open(name, flags, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", path)
