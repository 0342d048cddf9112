"""Access to the seed documents that back quoted facts."""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
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
        self._found: dict[tuple[str, str], bool] = {}
        self._indexes: dict[str, _Index] = {}

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

    def quotes(self, name: str, quote: str) -> bool:
        """Whether ``quote`` stands verbatim in document ``name`` (which exists).

        Each document is indexed once, by the start of every word, so that
        checking many quotes against one large document is linear in the
        total input rather than one scan of the document per quote.
        """
        text = self.text(name)
        if text is None:
            return False
        key = (name, quote)
        found = self._found.get(key)
        if found is None:
            index = self._indexes.get(name)
            if index is None:
                index = self._indexes[name] = _Index(text)
            found = self._found[key] = index.contains(quote)
        return found

    def _read(self, name: str) -> str | None:
        # A document is named by a plain file name: no folders, no "..".
        if name in {"", ".", ".."} or any(c in name for c in "\0/\\"):
            return None
        from aifactories._files import read_file  # noqa: PLC0415 - users' documents only

        for folder in self.folders:
            try:
                raw = read_file(os.path.join(folder, name), limit=MAX_DOCUMENT_BYTES)
            except FileNotFoundError:
                continue
            except OSError as exc:
                msg = f"{name!r} cannot be read: {exc.strerror or exc}"
                raise DocumentError(msg) from None
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
                from aifactories._html import strip_html  # noqa: PLC0415

                return strip_html(text)
            return text
        return None


_WORD = re.compile(r"\S+")
_SMALL = 1 << 16
"""A document up to this many characters is simply searched, not indexed."""


class _Index:
    """Where each word of one document starts, built on its first quote check.

    Built at C speed (``str.split``, ``Counter``, ``dict``): the start of
    every word that occurs once, and how often each word occurs.
    """

    __slots__ = ("counts", "once", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.counts: Counter[str] = Counter()
        self.once: dict[str, int] = {}
        if len(text) > _SMALL:
            # str.split() and \S+ agree on what white space is.
            words = text.split()
            starts = [match.start() for match in _WORD.finditer(text)]
            self.counts = Counter(words)
            self.once = dict(zip(words, starts, strict=True))

    def contains(self, quote: str) -> bool:
        words = list(_WORD.finditer(quote))
        if not self.once or len(words) < 3:
            return quote in self.text
        # A word inside the quote (not its first or last, which may be cut)
        # is a whole word of the document. If one occurs there only once,
        # the quote can only stand where that word does.
        inner = min(words[1:-1], key=lambda m: self.counts[m.group()])
        count = self.counts[inner.group()]
        if count == 0:
            return False
        if count > 1:
            return quote in self.text  # rare: every inner word repeats
        start = self.once[inner.group()] - inner.start()
        return start >= 0 and self.text.startswith(quote, start)


BUNDLED = Documents()
"""The bundled seed documents alone."""


DocumentFolders = str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None
"""Folders of your own documents that seed sources may quote (``documents=``)."""


def documents_from(documents: DocumentFolders) -> Documents:
    """Return the :class:`Documents` that the ``documents=`` argument names.

    ``None`` means the bundled seeds alone; a path or an iterable of paths
    adds those folders.
    """
    if documents is None:
        return BUNDLED
    if isinstance(documents, str | os.PathLike):
        return Documents([documents])
    return Documents(documents)
