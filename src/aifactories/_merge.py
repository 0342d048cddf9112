"""Fold a reviewed draft into a registry: the last step of drafting.

A draft (what ``aifactories draft`` writes) holds new entries, entries the
registry already has merged with what the article adds, and the selection
waves. Once the reviewer has filled every placeholder, :func:`merge_draft`
adds the new entries to a registry, replaces the ones it updates and adds
the waves the registry lacks. :func:`unfilled` finds what is still to fill,
so a half-reviewed draft is refused rather than merged.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from aifactories._draft import PLACEHOLDER_DATE, TO_FILL
from aifactories._errors import RegistryDataError
from aifactories._io import from_data, load, read_data
from aifactories._model import Antenna, Factory
from aifactories._registry import Registry
from aifactories._seeds import DocumentFolders

_STILL_TO_FILL = (TO_FILL, PLACEHOLDER_DATE.isoformat(), "to fill by reviewer")


def unfilled(data: object, path: str = "$") -> Iterator[str]:
    """Yield the path of every value of parsed draft ``data`` still to fill.

    A value is still to fill when it is the placeholder ``TO-FILL`` or
    ``0001-01-01``, or a note still says "to fill by reviewer".
    """
    if isinstance(data, dict):
        for key, value in data.items():
            yield from unfilled(value, f"{path}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from unfilled(value, f"{path}[{index}]")
    elif isinstance(data, str) and any(mark in data for mark in _STILL_TO_FILL):
        yield path


def merge_draft(
    draft: Registry, into: Registry, documents: DocumentFolders = None
) -> Registry:
    """Return ``into`` with the reviewed ``draft`` folded in.

    An entry of the draft whose id ``into`` has replaces it (a draft of a
    known entry holds the registry's values with the article's added); the
    others are added. Waves of the draft that ``into`` lacks are added; the
    waves ``into`` has are kept as they are. A gigafactory call of the draft
    (with the national position an article proposed) replaces the call of
    the same id. ``documents`` are the folders
    the draft's quotes are checked against, as for :func:`aifactories.load`.

    The draft is taken as reviewed: :func:`merge_files` refuses a draft
    file that still holds a placeholder before it gets here.

    Raises:
        RegistryDataError: An entry of the draft has an id that ``into``
            gives to the other kind.
    """
    drafted = {entry.id: entry for entry in (*draft.factories, *draft.antennas)}
    problems = [
        f"$: {entry.id}: a {type(entry).__name__.lower()} in the registry, "
        f"a {type(drafted[entry.id]).__name__.lower()} in the draft"
        for entry in (*into.factories, *into.antennas)
        if entry.id in drafted and type(drafted[entry.id]) is not type(entry)
    ]
    if problems:
        raise RegistryDataError(problems)
    kept = [e for e in (*into.factories, *into.antennas) if e.id not in drafted]
    calls = {call.id: call for call in draft.gigafactory_calls}
    entries = [*kept, *drafted.values()]
    known_waves = {wave.id for wave in into.wave_records}
    return attrs.evolve(
        into,
        wave_records=(
            *into.wave_records,
            *(wave for wave in draft.wave_records if wave.id not in known_waves),
        ),
        factories=[e for e in entries if isinstance(e, Factory)],
        antennas=[e for e in entries if isinstance(e, Antenna)],
        # A call of the draft (one a bid's position was added to) replaces
        # the registry's of the same id.
        gigafactory_calls=(
            *(c for c in into.gigafactory_calls if c.id not in calls),
            *calls.values(),
        ),
        # The parts are valid each; the constructor checks they fit together.
        documents=documents,
    )


def merge_files(
    draft: str, into: str | None = None, documents: DocumentFolders = None
) -> Registry:
    """Read the reviewed draft file ``draft`` and fold it into ``into``.

    ``into`` is a registry file, or the bundled registry when ``None``;
    ``documents`` are the folders the draft's quotes are checked against.

    Raises:
        RegistryDataError: The draft still holds placeholders (each path is
            listed), is not valid registry data, or does not fit ``into``.
        OSError: A file cannot be read.
    """
    # Read once: the file checked for placeholders is the file merged.
    data = read_data(draft)
    todo = [f"{path}: still to fill" for path in unfilled(data)]
    if todo:
        raise RegistryDataError(todo, source=draft)
    reviewed = from_data(data, documents, source=draft)
    base = load(into, documents=documents) if into is not None else load()
    return merge_draft(reviewed, base, documents)
