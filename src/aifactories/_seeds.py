"""Access to the seed documents that back quoted facts."""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Iterable

# os.path, not pathlib: this module is imported with the package, and
# pathlib's own import costs more than everything here.
_PACKAGE = os.path.dirname(os.path.abspath(__file__))


@functools.cache
def _seed_dir() -> str:
    # Wheels and sdists carry the seeds inside the package (hatch
    # force-include); an editable checkout reads the top-level seeds/ folder.
    bundled = os.path.join(_PACKAGE, "_seeds")
    if os.path.isdir(bundled):
        return bundled
    return os.path.join(os.path.dirname(os.path.dirname(_PACKAGE)), "seeds")


@functools.cache
def seed_names() -> tuple[str, ...]:
    """Return the file names of the shipped seed documents, sorted."""
    folder = _seed_dir()
    if not os.path.isdir(folder):
        return ()
    return tuple(sorted(name for name in os.listdir(folder) if name.endswith(".txt")))


@functools.cache
def seed_text(name: str) -> str:
    """Return the text of the seed document ``name`` (a file name in ``seeds/``).

    Raises:
        LookupError: There is no seed document of that name.
    """
    if name not in seed_names():
        msg = f"no seed document named {name!r}; known: {', '.join(seed_names())}"
        raise LookupError(msg)
    with open(os.path.join(_seed_dir(), name), encoding="utf-8") as file:
        return file.read()


MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
"""A user document (see :class:`Documents`) may be at most this many bytes."""


class DocumentError(Exception):
    """A user document exists but cannot serve as evidence (unreadable, too big)."""


class Documents:
    """The texts that seed sources may quote: the bundled seeds and your own.

    A source ``Source(seed="article.txt", quote="...")`` names a document by
    its file name; the quote must stand in it verbatim. The bundled seed
    documents are always known; ``folders`` adds your own plain-text (UTF-8)
    files, looked up by name in each folder in turn. A bundled seed cannot be
    shadowed by a file of the same name.

    Args:
        folders: Folders holding your documents.

    Raises:
        NotADirectoryError: A folder does not exist or is not a directory.
    """

    def __init__(self, folders: Iterable[str | os.PathLike[str]] = ()) -> None:
        self.folders = tuple(os.fspath(folder) for folder in folders)
        for folder in self.folders:
            if not os.path.isdir(folder):
                msg = f"documents folder {folder!r} is not a directory"
                raise NotADirectoryError(msg)
        self._texts: dict[str, str | None] = {}

    def text(self, name: str) -> str | None:
        """Return the text of document ``name``, or ``None`` if there is none.

        Raises:
            DocumentError: The file exists but is not a readable UTF-8 text
                of at most :data:`MAX_DOCUMENT_BYTES`.
        """
        if name in seed_names():
            return seed_text(name)
        if name not in self._texts:
            self._texts[name] = self._read(name)
        return self._texts[name]

    def _read(self, name: str) -> str | None:
        # A document is named by a plain file name: no folders, no "..".
        if not name or name != os.path.basename(name) or name in {".", ".."}:
            return None
        if "\0" in name or "/" in name or "\\" in name:
            return None
        for folder in self.folders:
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode):
                msg = f"{name!r} is not a regular file"
                raise DocumentError(msg)
            try:
                with open(path, "rb") as file:
                    raw = file.read(MAX_DOCUMENT_BYTES + 1)
            except OSError as exc:
                msg = f"{name!r} cannot be read ({exc.strerror or exc})"
                raise DocumentError(msg) from None
            if len(raw) > MAX_DOCUMENT_BYTES:
                msg = f"{name!r} is larger than {MAX_DOCUMENT_BYTES:,} bytes"
                raise DocumentError(msg)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                msg = f"{name!r} is not UTF-8 text"
                raise DocumentError(msg) from None
            # As text mode reads it, like the bundled seeds: universal newlines.
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            if name.lower().endswith((".html", ".htm")):
                # A draft of a web page quotes its text, tags removed the
                # same way: the page itself is the document it cites.
                from aifactories._draft import strip_html  # noqa: PLC0415

                return strip_html(text)
            return text
        return None


BUNDLED = Documents()
"""The bundled seed documents alone."""


def documents_from(
    documents: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None,
) -> Documents:
    """Return the :class:`Documents` that the ``documents=`` argument names.

    ``None`` means the bundled seeds alone; a path or an iterable of paths
    adds those folders.
    """
    if documents is None:
        return BUNDLED
    if isinstance(documents, Documents):
        return documents
    if isinstance(documents, str | os.PathLike):
        return Documents([documents])
    return Documents(documents)
