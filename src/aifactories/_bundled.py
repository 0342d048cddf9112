"""The bundled registry: read on first use, built as it is used.

The wheel carries the data twice: ``data/registry.json`` (the file people
read, edit and diff) and ``data/bundle/``, the same data cut into one small
file per entry plus ``index.json`` for everything else.
``scripts/build_bundle.py`` writes the bundle from ``registry.json``; a test
fails when the two differ.

How a lookup works:

* ``load()["mimer"]`` opens ``bundle/factories/mimer.json`` and builds that one
  entry. Nothing else is read.
* Anything else (a name, a filter, ``len``, ``==``, pickling...) builds the
  whole registry once, reusing the entries built so far.

The data is ours and CI validates it, so it is built with a small
reflective builder (:func:`build`) that reads the field types from the
model's annotation strings and never imports cattrs; a property test checks
that it gives the same registry as the strict loader for everything the
strategies draw.

The one trick: the registry handed out is a :class:`_Pending` (a private
subclass of :class:`~aifactories.Registry` with empty fields and a
``__getattr__`` hook). Filling it in sets the fields and changes its class
to plain :class:`~aifactories.Registry`. The hook cannot simply stay: a
class with ``__getattr__`` is slower on *every* attribute access (measured:
76 ns against 30 ns per lookup), which would cost warm lookups their speed
for the life of the process.
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import json
import os
import re
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, SupportsIndex

import attrs

from aifactories import _model
from aifactories._model import Antenna, Entry, Factory
from aifactories._registry import Registry

if TYPE_CHECKING:
    from collections.abc import Mapping

# os.path, not pathlib: pathlib's import alone costs milliseconds at start-up.
DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
"""Where the bundled data lives inside the package."""
REGISTRY_FILE = os.path.join(DATA_DIR, "registry.json")
"""The bundled registry as one file, exactly as :func:`aifactories.dumps` writes it."""
BUNDLE_DIR = os.path.join(DATA_DIR, "bundle")
"""The bundled registry cut into one file per entry (see the module docstring)."""

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_ENTRY_CLASSES: dict[str, type[Factory | Antenna]] = {
    "factories": Factory,
    "antennas": Antenna,
}


# -- writing and reading a bundle ----------------------------------------------------


def split(document: Mapping[str, Any]) -> dict[str, Any]:
    """Cut a parsed data file into ``index.json`` and one file per entry.

    Entries go to ``factories/ID.json`` and ``antennas/ID.json``, so that a
    lookup by id needs no index. The index keeps everything else, and lists
    the entries by id in file order under ``"factories"`` and ``"antennas"``.
    """
    index = dict(document)
    files: dict[str, Any] = {}
    for key in _ENTRY_CLASSES:
        ids = []
        for entry in document.get(key, ()):
            ids.append(entry["id"])
            files[f"{key}/{entry['id']}.json"] = entry
        index[key] = ids
    return {"index.json": index, **files}


def bundle_files(document: Mapping[str, Any]) -> dict[str, str]:
    """Return the text of each bundle file for a parsed data file, by relative name."""
    return {
        name: json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"
        for name, value in split(document).items()
    }


def write_bundle(document: Mapping[str, Any], folder: str) -> None:
    """Write the bundle of a parsed data file into the new directory ``folder``."""
    for name, text in bundle_files(document).items():
        target = os.path.join(folder, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as file:
            file.write(text)


class Bundle:
    """A bundle directory, read one file at a time.

    Args:
        folder: The directory :func:`split`'s files were written to.
    """

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._built: dict[str, Entry] = {}
        self._index: dict[str, Any] | None = None

    def _read(self, name: str) -> Any:
        with open(os.path.join(self.folder, name), "rb") as file:
            return json.loads(file.read())

    def index(self) -> dict[str, Any]:
        """Return the parsed ``index.json``."""
        if self._index is None:
            self._index = self._read("index.json")
        return self._index

    def entry(self, key: str) -> Entry | None:
        """Return the entry whose id is ``key``, building only that one."""
        if not _ID.match(key):  # also keeps "../x" from naming a file
            return None
        with self._lock:
            found = self._built.get(key)
            if found is None:
                found = self._build_one(key)
            return found

    def _build_one(self, key: str) -> Entry | None:
        # The folder says the kind: the index is not read for a lookup.
        for field, cls in _ENTRY_CLASSES.items():
            try:
                data = self._read(f"{field}/{key}.json")
            except FileNotFoundError:
                continue
            found: Entry = build(cls, data)
            self._built[key] = found
            return found
        return None

    def fields(self) -> dict[str, Any]:
        """Return the constructor arguments of the whole registry."""
        with self._lock:
            index = self.index()
            entries: dict[str, list[Entry]] = {}
            for field, cls in _ENTRY_CLASSES.items():
                built = []
                for key in index[field]:
                    # Entries handed out already are reused: the registry
                    # holds the very objects earlier lookups returned.
                    found = self._built.get(key)
                    if type(found) is not cls:
                        found = build(cls, self._read(f"{field}/{key}.json"))
                        self._built[key] = found
                    built.append(found)
                entries[field] = built
            # "format" says which format the file is in; it is no field.
            skip = {"format", *_ENTRY_CLASSES}
            rest = {k: v for k, v in index.items() if k not in skip}
            # Only a full build needs the document shape; a lookup by id
            # must not pay for creating its class.
            from aifactories._format import Document, registry_arguments  # noqa: PLC0415

            document = attrs.evolve(build(Document, rest), **entries)
            return registry_arguments(document)


# -- the registry that fills itself in ------------------------------------------------

_fill_lock = threading.Lock()
_sources: dict[int, Bundle] = {}  # id(pending registry) -> where its data is
_REGISTRY_FIELDS = tuple(a.name for a in attrs.fields(Registry))


class _Pending(Registry):
    """A :class:`Registry` whose fields are filled in on first use.

    Only :func:`lazy` makes these; each turns into a plain :class:`Registry`
    (its class is changed) once filled in. See the module docstring for why.
    """

    # No slots of its own: changing the class needs Registry's exact layout.
    __slots__ = ()

    def __new__(cls, *args: Any, **kwargs: Any) -> Registry:  # type: ignore[misc]
        # attrs.evolve() calls type(registry)(...): give it a plain Registry.
        return Registry(*args, **kwargs)

    if not TYPE_CHECKING:  # type checkers must keep flagging unknown attributes

        def __getattr__(self, name: str) -> Any:
            # Python calls this only for a field that holds nothing yet.
            if name in _REGISTRY_FIELDS and _fill(self):
                return object.__getattribute__(self, name)
            msg = f"'Registry' object has no attribute {name!r}"
            raise AttributeError(msg, name=name, obj=self)

    def get(self, key: str) -> Entry | None:
        """Return the entry ``key`` names; an id builds only that entry."""
        source = _sources.get(id(self))
        if source is not None and type(key) is str:
            found = source.entry(key)
            if found is not None:
                return found
        _fill(self)
        return Registry.get(self, key)

    # Comparing, hashing, pickling and copying look at the class before any
    # field, so fill in first: then this is a plain Registry.
    def __eq__(self, other: object) -> bool:
        _fill(self)
        return self == other

    def __hash__(self) -> int:
        _fill(self)
        return hash(self)

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        _fill(self)
        return self.__reduce_ex__(protocol)


def lazy(source: Bundle) -> Registry:
    """Return a registry whose fields come from ``source`` on first use."""
    registry: Registry = object.__new__(_Pending)
    _sources[id(registry)] = source
    return registry


def _fill(registry: Registry) -> bool:
    """Fill in a pending registry and make it a plain :class:`Registry`.

    Returns:
        Whether it has its fields: False for one made with ``__new__`` alone,
        which has nothing to fill them from.
    """
    with _fill_lock:
        source = _sources.pop(id(registry), None)
        if source is not None:
            built = Registry(**source.fields())
            for name in _REGISTRY_FIELDS:
                object.__setattr__(registry, name, getattr(built, name))
        filled = source is not None or _has_fields(registry)
        # Last: whoever sees a plain Registry finds every field in place. A
        # plain Registry also ends the hooks' recursion (== calls == again).
        object.__setattr__(registry, "__class__", Registry)
        return filled


def _has_fields(registry: Registry) -> bool:
    try:
        object.__getattribute__(registry, "data_version")
    except AttributeError:
        return False
    return True


# -- the trusted builder ---------------------------------------------------------------

# Field types come from the annotation strings of _model.py (it uses
# postponed annotations) instead of typing.get_type_hints, whose evaluation
# costs more than building every record. Only the shapes _model.py uses are
# understood; anything else raises TypeError naming the field.
_Plan = tuple[tuple[str, "Callable[[Any], Any]"], ...]
_PLANS: dict[type[Any], _Plan] = {}


def build(cls: type[Any], data: dict[str, Any]) -> Any:
    """Build ``cls`` from known-good data (fresh from ``json.loads``), unchecked.

    ``data`` is converted in place.

    Raises:
        TypeError: A field of ``cls`` has a type this builder does not know.
    """
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _plan(cls)
    for name, make in plan:
        value = data.get(name)
        if value is not None:
            data[name] = make(value)
    return cls(**data)


def _plan(cls: type[Any]) -> _Plan:
    annotations = _annotations(cls)
    steps = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        try:
            make = _maker(annotations[field.name])
        except TypeError as exc:
            msg = f"{cls.__name__}.{field.name}: {exc}"
            raise TypeError(msg) from None
        if make is not None:
            steps.append((field.name, make))
    return tuple(steps)


def _annotations(cls: type[Any]) -> dict[str, str]:
    """The annotation string of every field of ``cls``, its bases' included."""
    # Not attrs' field.type: cattrs resolves those to classes in place once
    # the strict path has run. The classes' own annotations stay strings.
    merged: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        merged.update(inspect.get_annotations(klass))
    return merged


_SCALARS: dict[str, Callable[[Any], Any] | None] = {
    "str": None,
    "int": None,
    "bool": None,
    "Decimal": Decimal,
    "dt.date": dt.date.fromisoformat,
}


def _maker(annotation: str) -> Callable[[Any], Any] | None:
    """Return what turns JSON into a value of ``annotation``; None: as it is."""
    # None needs no conversion, and build() never passes one in.
    annotation = annotation.removesuffix(" | None")
    for prefix, suffix, collection in (
        ("tuple[", ", ...]", tuple),
        ("frozenset[", "]", frozenset),
    ):
        if annotation.startswith(prefix) and annotation.endswith(suffix):
            item = _maker(annotation[len(prefix) : -len(suffix)])
            if item is None:
                return None
            return lambda v: collection([item(x) for x in v])
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    target = getattr(_model, annotation, None)
    if isinstance(target, type) and attrs.has(target):
        return lambda v: build(target, v)
    if isinstance(target, type) and issubclass(target, enum.Enum):
        return target
    msg = f"the bundled-data builder cannot build the type {annotation!r}"
    raise TypeError(msg)
