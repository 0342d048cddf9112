"""The public read and write verbs: load, loads, dumps and validate.

Two ways in:

* ``load()`` with no path returns the bundled registry, which
  :mod:`aifactories._bundled` builds as it is used.
* Everything a user hands us takes the strict path, one step per module:
  :mod:`~aifactories._parse` (text to data), :mod:`~aifactories._convert`
  (data to records, cattrs), :mod:`~aifactories._validate` (every rule),
  then the :class:`~aifactories.Registry` indexes it. Any problem becomes
  one :class:`~aifactories.RegistryDataError` listing every path.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from aifactories._errors import RegistryDataError
from aifactories._registry import Registry
from aifactories._text import short

if TYPE_CHECKING:
    from aifactories._format import Document

_lock = threading.Lock()
_bundled: Registry | None = None


DocumentFolders = str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None
"""Folders of your own documents that seed sources may quote (``documents=``)."""


def load(
    path: str | os.PathLike[str] | None = None,
    *,
    documents: DocumentFolders = None,
    release: str | None = None,
) -> Registry:
    """Return a registry: the bundled one, or one read from a file.

    Without ``path``, returns the bundled registry: the same shared,
    immutable object on every call, from any thread. It is read on the first
    call and built as it is used: a lookup by id builds only that entry, and
    the first use of anything else builds the rest, once.

    With ``path``, reads a user's ``.json`` or ``.toml`` file in the format
    :func:`dumps` writes, checks every rule and returns a new registry. Only
    a regular file (or a symbolic link to one) of at most
    :data:`~aifactories.MAX_BYTES` bytes is read: never a FIFO, which would
    block, nor a device, which might never end.

    Args:
        path: The file to read; ``None`` for the bundled registry.
        documents: A folder (or several) of your own UTF-8 text documents.
            A source ``Source(seed="name.txt", quote=...)`` may then quote
            ``name.txt`` from there, and the quote is checked verbatim, as
            the bundled seed's quotes are.
        release: A data release shipped with the package, by version
            (``"2026.11.24"``) or ``"latest"`` (the bundled data), instead
            of ``path``; ``aifactories releases`` lists them.

    Raises:
        RegistryDataError: The file's content is malformed or breaks a rule.
        OSError: The file cannot be read, is not a regular file, or is
            larger than :data:`~aifactories.MAX_BYTES`.
        NotFoundError: No shipped data release is named ``release``.
    """
    if release is not None:
        if path is not None or documents is not None:
            msg = "release= goes alone: a shipped release is not read from a path"
            raise TypeError(msg)
        from aifactories._releases import load_release  # noqa: PLC0415

        return load_release(release)
    if path is None:
        if documents is not None:
            msg = "documents= goes with a path: the bundled data quotes only its seeds"
            raise TypeError(msg)
        return _load_bundled()
    from aifactories._parse import parse_json, parse_toml, read_file  # noqa: PLC0415

    name = os.fspath(path)
    suffix = os.path.splitext(name)[1]
    if suffix.lower() not in {".json", ".toml"}:
        msg = f"unsupported file type {suffix!r}: use .json or .toml"
        raise RegistryDataError([f"$: {msg}"], source=name)
    try:
        raw = read_file(name)
    except ValueError as exc:  # e.g. an embedded NUL: no such file can exist
        msg = f"cannot read {name!r}: {exc}"
        raise OSError(msg) from None
    try:
        data = parse_toml(raw) if suffix == ".toml" else parse_json(raw)
        return _from_data(data, documents)
    except RegistryDataError as exc:
        raise RegistryDataError(exc.errors, source=name) from None


def loads(text: str | bytes, *, documents: DocumentFolders = None) -> Registry:
    """Parse a registry from JSON text in the format :func:`dumps` writes.

    ``documents`` is as for :func:`load`.

    Raises:
        RegistryDataError: The text is malformed or breaks a rule; its
            ``errors`` list every problem with its path.
    """
    from aifactories._parse import parse_json  # noqa: PLC0415

    return _from_data(parse_json(text), documents)


def dumps(registry: Registry) -> str:
    """Return ``registry`` as JSON text; ``loads(dumps(r)) == r``.

    Raises:
        RegistryDataError: ``registry`` holds values the format cannot
            write (a hand-built record of the wrong type); its ``errors``
            are what :func:`validate` reports.
    """
    from aifactories._convert import converter  # noqa: PLC0415
    from aifactories._format import FORMAT  # noqa: PLC0415

    try:
        data = {"format": FORMAT, **converter().unstructure(_document(registry))}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    except (TypeError, ValueError, AttributeError) as exc:
        problems = validate(registry) or [f"$: cannot write: {short(str(exc))}"]
        raise RegistryDataError(problems) from None


def validate(registry: Registry, *, documents: DocumentFolders = None) -> list[str]:
    """Return every rule ``registry`` breaks, as ``"path: message"``.

    An empty list means the registry is valid. Paths index the registry's
    own (sorted) ``factories`` and ``antennas`` tuples. At most
    ``aifactories.MAX_PROBLEMS`` problems are listed, then one line that
    counts the rest. ``documents`` is as for :func:`load`.
    """
    from aifactories._seeds import documents_from  # noqa: PLC0415
    from aifactories._validate import check_document  # noqa: PLC0415

    return check_document(_document(registry), documents_from(documents))


def _document(registry: Registry) -> Document:
    from aifactories._format import document_of  # noqa: PLC0415

    return document_of(registry)


def _load_bundled() -> Registry:
    global _bundled  # noqa: PLW0603 - the one cache; set once under the lock
    registry = _bundled
    if registry is None:
        with _lock:
            registry = _bundled
            if registry is None:
                from aifactories._bundled import BUNDLE_DIR, Bundle, lazy  # noqa: PLC0415

                _bundled = registry = lazy(Bundle(BUNDLE_DIR))
    return registry


def reset_bundled() -> None:
    """Forget the bundled registry, so the next :func:`load` reads it afresh.

    For tests of the first load (races, import order); not public API.
    """
    global _bundled  # noqa: PLW0603
    with _lock:
        _bundled = None


def _from_data(data: object, documents: DocumentFolders = None) -> Registry:
    from aifactories._convert import structure  # noqa: PLC0415
    from aifactories._format import FORMAT, registry_arguments  # noqa: PLC0415
    from aifactories._parse import json_type  # noqa: PLC0415
    from aifactories._validate import check_document  # noqa: PLC0415

    if not isinstance(data, dict):
        msg = f"$: the document must be an object, got {json_type(data)}"
        raise RegistryDataError([msg])
    data = dict(data)
    version = data.pop("format", None)
    if version is None:
        raise RegistryDataError(
            [f"format: required field missing (this library reads {FORMAT})"]
        )
    # type() and not isinstance(): True == 1 and Decimal("1.0") == 1, too.
    if type(version) is not int or version != FORMAT:
        msg = (
            f"format: unsupported format {short(version)}; this library reads {FORMAT}"
        )
        raise RegistryDataError([msg])
    # `data` is this function's own copy, made from freshly parsed text.
    doc: Any = structure(data, consume=True)
    from aifactories._seeds import documents_from  # noqa: PLC0415

    problems = check_document(doc, documents_from(documents))
    if problems:
        raise RegistryDataError(problems)
    return Registry(**registry_arguments(doc))
