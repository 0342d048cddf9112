"""The public read and write verbs: load, loads, dumps and validate.

One path in, one step per module: :mod:`~aifactories._parse` (text to
data), :mod:`~aifactories._convert` (data to records, cattrs),
:mod:`~aifactories._validate` (every rule), then the
:class:`~aifactories.Registry` indexes it. Any problem becomes one
:class:`~aifactories.RegistryDataError` listing every path.

The bundled data (``data/registry.json``, the one copy in the wheel) takes
the same path on first use, less the rule checks and the converter's
per-field problem bookkeeping: CI and a test check it with every rule, and
the records it becomes are those the strict path builds.
"""

from __future__ import annotations

import functools
import json
import os
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aifactories._errors import RegistryDataError
from aifactories._files import DATA_DIR, read_file
from aifactories._registry import Registry
from aifactories._seeds import DocumentFolders, documents_from
from aifactories._text import short

if TYPE_CHECKING:
    from aifactories._format import Document

REGISTRY_FILE = os.path.join(DATA_DIR, "registry.json")
"""The bundled registry, exactly as :func:`aifactories.dumps` writes it."""

_lock = threading.Lock()
_bundled: Registry | None = None


def load(
    path: str | os.PathLike[str] | None = None,
    *,
    documents: DocumentFolders = None,
    release: str | None = None,
) -> Registry:
    """Return a registry: the bundled one, or one read from a file.

    Without ``path``, returns the bundled registry: the same shared,
    immutable object on every call, from any thread, read on the first call.

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
        from aifactories._releases import newest, version_of  # noqa: PLC0415 - on use

        version = version_of(release)
        # The newest release is the bundled registry.
        return _load_bundled() if version == newest() else _read_release(version)
    if path is None:
        if documents is not None:
            msg = "documents= goes with a path: the bundled data quotes only its seeds"
            raise TypeError(msg)
        return _load_bundled()
    name = os.fspath(path)
    return from_data(read_data(name), documents, source=name)


def read_data(name: str) -> object:
    """Read a user's ``.json`` or ``.toml`` registry file as plain data, unchecked.

    Raises:
        RegistryDataError: The suffix is neither, or the text is malformed;
            ``source`` is ``name``.
        OSError: The file cannot be read (see :func:`load`).
    """
    from aifactories._parse import parse_json, parse_toml  # noqa: PLC0415

    suffix = os.path.splitext(name)[1].lower()
    if suffix not in {".json", ".toml"}:
        msg = f"unsupported file type {suffix!r}: use .json or .toml"
        raise RegistryDataError([f"$: {msg}"], source=name)
    raw = read_file(name)
    try:
        return parse_toml(raw) if suffix == ".toml" else parse_json(raw)
    except RegistryDataError as exc:
        raise RegistryDataError(exc.errors, source=name) from None


@functools.cache
def _read_release(version: str) -> Registry:
    """Read an earlier release's file once; it is checked like any file."""
    import gzip  # noqa: PLC0415 - releases only

    from aifactories._releases import packed  # noqa: PLC0415 - on use

    return loads(gzip.decompress(packed(version)))


def loads(text: str | bytes, *, documents: DocumentFolders = None) -> Registry:
    """Parse a registry from JSON text in the format :func:`dumps` writes.

    ``documents`` is as for :func:`load`.

    Raises:
        RegistryDataError: The text is malformed or breaks a rule; its
            ``errors`` list every problem with its path.
    """
    from aifactories._parse import parse_json  # noqa: PLC0415

    return from_data(parse_json(text), documents)


def dumps(registry: Registry) -> str:
    """Return ``registry`` as JSON text; ``loads(dumps(r)) == r``."""
    from aifactories._format import document_of  # noqa: PLC0415

    return dump_document(document_of(registry))


def dump_document(document: Document) -> str:
    """Return ``document`` as JSON text in the data format, checked or not.

    For data that is not (yet) a registry, such as a draft with
    placeholders; :func:`dumps` writes a registry.
    """
    from aifactories._convert import converter  # noqa: PLC0415
    from aifactories._format import FORMAT  # noqa: PLC0415

    return json_text({"format": FORMAT, **converter().unstructure(document)})


def json_text(value: object) -> str:
    """Return ``value`` as the package writes JSON: indented, characters as they are."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def validate(
    data: Registry | Mapping[str, Any], *, documents: DocumentFolders = None
) -> list[str]:
    """Return every rule ``data`` breaks, as ``"path: message"`` strings.

    Args:
        data: A registry document as plain data (what ``json.loads`` gives
            for a file in the format :func:`dumps` writes), or a
            :class:`~aifactories.Registry`. A registry in hand already keeps
            its rules; checking it again matters with ``documents``.
        documents: As for :func:`load`: folders of your own documents whose
            quotes are checked verbatim.

    Returns:
        Every problem, each with its path into ``data``; at most
        ``aifactories.MAX_PROBLEMS``, then one line that counts the rest.
        An empty list means valid: ``loads`` would accept the data.
    """
    from aifactories._format import document_of  # noqa: PLC0415
    from aifactories._validate import check_document  # noqa: PLC0415

    if isinstance(data, Registry):
        document = document_of(data)
    else:
        try:
            document = _structured(data, consume=False)
        except RegistryDataError as exc:
            return list(exc.errors)
    return check_document(document, documents_from(documents))


def _load_bundled() -> Registry:
    global _bundled  # noqa: PLW0603 - the one cache; set once under the lock
    registry = _bundled
    if registry is None:
        with _lock:
            registry = _bundled
            if registry is None:
                _bundled = registry = _read_bundled()
    return registry


def _read_bundled() -> Registry:
    from aifactories._convert import converter  # noqa: PLC0415
    from aifactories._format import Document  # noqa: PLC0415

    # Our own file, checked when it was released (see the module docstring).
    data: Any = json.loads(read_file(REGISTRY_FILE))
    del data["format"]
    document = converter(detailed=False).structure(data, Document)
    return Registry._checked(document)  # noqa: SLF001


def reset_bundled() -> None:
    """Forget the bundled registry, so the next :func:`load` reads it afresh.

    For tests of the first load (races, import order); not public API.
    """
    global _bundled  # noqa: PLW0603
    with _lock:
        _bundled = None


def from_data(
    data: object, documents: DocumentFolders = None, *, source: str | None = None
) -> Registry:
    """Check plain data just parsed from ``source`` and make it a registry.

    ``data`` is consumed: the caller parsed it and holds no other use for it.

    Raises:
        RegistryDataError: Every problem, with ``source``.
    """
    from aifactories._validate import check_document  # noqa: PLC0415

    try:
        document = _structured(data, consume=True)
        problems = check_document(document, documents_from(documents))
    except RegistryDataError as exc:
        raise RegistryDataError(exc.errors, source=source) from None
    if problems:
        raise RegistryDataError(problems, source=source)
    return Registry._checked(document)  # noqa: SLF001 - checked just above


def _structured(data: object, *, consume: bool) -> Document:
    """Turn parsed data into records, or raise every structural problem."""
    from aifactories._convert import structure  # noqa: PLC0415
    from aifactories._format import FORMAT  # noqa: PLC0415
    from aifactories._parse import json_type  # noqa: PLC0415

    if not isinstance(data, Mapping):
        msg = f"$: the document must be an object, got {json_type(data)}"
        raise RegistryDataError([msg])
    data = dict(data)
    version = data.pop("format", None)
    if version is None:
        msg = f"format: required field missing (this library reads {FORMAT})"
        raise RegistryDataError([msg])
    # type() and not isinstance(): True == 1 and Decimal("1.0") == 1, too.
    if type(version) is not int or version != FORMAT:
        msg = (
            f"format: unsupported format {short(version)}; this library reads {FORMAT}"
        )
        raise RegistryDataError([msg])
    return structure(data, consume=consume)
