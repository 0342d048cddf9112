"""What changed between two registries: :func:`diff` and its result.

Records are compared in their data-file form (what :func:`aifactories.dumps`
writes), so values are JSON values: strings for decimals and dates, ``None``
for null, lists and objects. A path names a field the way the data file
nests it (``supercomputer.vendor``); a list of records is matched by each
record's natural key instead of its position, so that inserting one source
does not shift every later one: ``sources[https://…]``,
``stakeholders[Charles University].ror``, ``grants[101234224]``. A list of
plain values (aliases, focus, sectors) changes as a whole.

Each field change is either a change of a *fact* or *source bookkeeping*
(:attr:`FieldChange.bookkeeping` says which); :meth:`Diff.only` keeps one
of the two.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attr
import attrs

if TYPE_CHECKING:
    import pandas as pd

    from aifactories._registry import Registry

_KEYS = ("id", "name", "topic", "funder", "value", "rank")
"""The field that identifies a record in a list, tried in this order."""

_STAMPS = frozenset({"data_version", "data_date", "coverage"})
"""Registry-level fields that stamp a release rather than state a fact."""

RECORD_COLUMNS = ("record", "id", "change", "path", "old", "new", "bookkeeping")
"""The columns of :meth:`Diff.to_records`, in order."""


@attrs.frozen
class FieldChange:
    """One field whose value differs.

    Attributes:
        path: The field, dotted as the data file nests it, with list items
            named by their key, e.g. ``supercomputer.sources[https://…]``.
        old: The old value in its data-file form; ``None`` when it was null
            or absent.
        new: The new value in its data-file form; ``None`` when it is null
            or gone.
        bookkeeping: Whether this is source bookkeeping rather than a
            changed fact: a field within a ``sources`` list (which sources
            back a fact, their kind, what they support), or one of the
            release stamps ``data_version``, ``data_date`` and ``coverage``.
    """

    path: str
    old: Any
    new: Any
    bookkeeping: bool = attrs.field(default=False, kw_only=True)

    @property
    def added(self) -> bool:
        """Whether the field went from null or empty to a value."""
        return _empty(self.old) and not _empty(self.new)

    @property
    def removed(self) -> bool:
        """Whether the field went from a value to null or empty."""
        return not _empty(self.old) and _empty(self.new)


@attrs.frozen
class RecordChange:
    """A record (entry, wave or fact) found in both registries, but different.

    Attributes:
        id: The record's id.
        fields: Every field that differs, in data-file order.
    """

    id: str
    fields: tuple[FieldChange, ...]

    @property
    def paths(self) -> tuple[str, ...]:
        """The paths of the fields that differ."""
        return tuple(change.path for change in self.fields)


@attrs.frozen
class Changes:
    """Records added, removed and changed, matched by id.

    Attributes:
        added: Ids only in the new registry, in its order.
        removed: Ids only in the old registry, in its order.
        changed: Records in both that differ, in the new registry's order.
    """

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[RecordChange, ...] = ()

    def __bool__(self) -> bool:
        """Whether anything was added, removed or changed."""
        return bool(self.added or self.removed or self.changed)


@attrs.frozen
class Diff:
    """The differences between two registries; empty (falsy) when they agree.

    Attributes:
        entries: Factories and antennas added, removed and changed.
        waves: Selection waves added, removed and changed.
        facts: Facts about the initiative added, removed and changed.
        initiative: Registry-level fields that differ: ``data_version``,
            ``data_date``, ``coverage``, ``access`` and ``people``.
    """

    entries: Changes = Changes()
    waves: Changes = Changes()
    facts: Changes = Changes()
    initiative: tuple[FieldChange, ...] = ()

    @property
    def added(self) -> tuple[str, ...]:
        """Ids of the entries only in the new registry."""
        return self.entries.added

    @property
    def removed(self) -> tuple[str, ...]:
        """Ids of the entries only in the old registry."""
        return self.entries.removed

    @property
    def changed(self) -> tuple[RecordChange, ...]:
        """The entries in both registries that differ."""
        return self.entries.changed

    def __bool__(self) -> bool:
        """Whether the two registries differ at all."""
        return bool(self.entries or self.waves or self.facts or self.initiative)

    def only(self, kind: Literal["facts", "bookkeeping"]) -> Diff:
        """Return the part of this diff that changes facts, or only the bookkeeping.

        ``only("facts")`` drops every bookkeeping field change (see
        :attr:`FieldChange.bookkeeping`) and keeps added and removed
        records; ``only("bookkeeping")`` keeps the bookkeeping field changes
        alone. A record left with no field change is dropped from
        ``changed``. ``aifactories diff --facts`` prints the first.

        Raises:
            ValueError: ``kind`` is neither ``"facts"`` nor ``"bookkeeping"``.
        """
        if kind not in {"facts", "bookkeeping"}:
            msg = f"kind must be 'facts' or 'bookkeeping', not {kind!r}"
            raise ValueError(msg)
        wanted = kind == "bookkeeping"

        def keep(change: FieldChange) -> bool:
            return change.bookkeeping is wanted

        def only(found: Changes) -> Changes:
            kept = (
                RecordChange(r.id, tuple(filter(keep, r.fields))) for r in found.changed
            )
            return Changes(
                () if wanted else found.added,
                () if wanted else found.removed,
                tuple(r for r in kept if r.fields),
            )

        return Diff(
            only(self.entries),
            only(self.waves),
            only(self.facts),
            tuple(filter(keep, self.initiative)),
        )

    def to_records(self) -> list[dict[str, Any]]:
        """Return the differences as flat rows, one per record or field change.

        Each row has the keys of :data:`RECORD_COLUMNS`: ``record`` (``entry``,
        ``wave``, ``fact`` or ``initiative``), ``id`` (``None`` for the
        initiative), ``change`` (``added``, ``removed`` or ``changed``),
        ``path`` (``None`` for a whole record added or removed), ``old`` and
        ``new`` (data-file values; a list or an object as compact JSON
        text, so every cell is a plain value) and ``bookkeeping`` (see
        :attr:`FieldChange.bookkeeping`).
        """
        rows: list[tuple[Any, ...]] = []
        groups = (("entry", self.entries), ("wave", self.waves), ("fact", self.facts))
        for record, found in groups:
            for change, keys in (("added", found.added), ("removed", found.removed)):
                rows += [(record, key, change, None, None, None, False) for key in keys]
            rows += [_row(record, r.id, f) for r in found.changed for f in r.fields]
        rows += [_row("initiative", None, f) for f in self.initiative]
        return [dict(zip(RECORD_COLUMNS, row, strict=True)) for row in rows]

    def to_pandas(self) -> pd.DataFrame:
        """Return :meth:`to_records` as a pandas DataFrame.

        ``bookkeeping`` is a boolean column; the others hold the values as
        :meth:`to_records` gives them (``None`` stays ``None``), so
        ``frame[~frame.bookkeeping]`` is the changed facts.

        Raises:
            ImportError: pandas is not installed (the ``pandas`` extra).
        """
        from aifactories._tables import _needs  # noqa: PLC0415

        with _needs("pandas"):
            import pandas as pd  # noqa: PLC0415 - an optional extra
        rows = self.to_records()
        # object columns keep None as None (and values as they are), not NaN.
        data = {
            name: pd.Series(
                [row[name] for row in rows],
                dtype=bool if name == "bookkeeping" else object,
            )
            for name in RECORD_COLUMNS
        }
        return pd.DataFrame(data, columns=list(RECORD_COLUMNS))

    def to_json(self) -> dict[str, Any]:
        """Return the differences as JSON-ready data (``aifactories diff --json``)."""
        # The fields as declared, less the bookkeeping flag; attr.asdict (not
        # attrs.asdict) makes the tuples lists.
        return attr.asdict(self, filter=lambda field, _: field.name != "bookkeeping")


def _empty(value: object) -> bool:
    return value is None or value in ([], {}, "")


def _row(record: str, key: str | None, field: FieldChange) -> tuple[Any, ...]:
    change = "added" if field.added else "removed" if field.removed else "changed"
    old, new = _cell(field.old), _cell(field.new)
    return (record, key, change, field.path, old, new, field.bookkeeping)


def _cell(value: Any) -> Any:
    """A data-file value as one flat cell: a list or an object as JSON text."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def diff(old: Registry, new: Registry) -> Diff:
    """Return what changed from registry ``old`` to registry ``new``.

    Entries, waves and facts are matched by id; an id in one registry only
    is added or removed, and one in both is changed when any field differs,
    down to the field's path (see :class:`FieldChange`). Registry-level
    fields (data version and date, coverage, access, people) are compared
    too. ``diff(r, r)`` is empty and falsy.

    Args:
        old: The registry before.
        new: The registry after.

    Returns:
        The differences.
    """
    from aifactories._io import dumps  # noqa: PLC0415

    def split(registry: Registry) -> tuple[dict[str, Any], ...]:
        # What the data file holds (enums as str): the one writer's own form.
        data = json.loads(dumps(registry))
        del data["format"]
        entries = [{"kind": "factory", **f} for f in data.pop("factories")]
        entries += [{"kind": "antenna", **a} for a in data.pop("antennas")]
        lists = (entries, data.pop("waves"), data.pop("facts"))
        return (*({r["id"]: r for r in records} for records in lists), data)

    *old_records, old_top = split(old)
    *new_records, new_top = split(new)
    entries, waves, facts = map(_changes, old_records, new_records)
    initiative = tuple(_compare(old_top, new_top, "", stamps=_STAMPS))
    return Diff(entries, waves, facts, initiative)


def _changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Changes:
    compared = (
        (key, tuple(_compare(old[key], value, "")))
        for key, value in new.items()
        if key in old
    )
    return Changes(
        added=tuple(k for k in new if k not in old),
        removed=tuple(k for k in old if k not in new),
        changed=tuple(RecordChange(key, fields) for key, fields in compared if fields),
    )


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _compare(
    old: Any,
    new: Any,
    path: str,
    *,
    bookkeeping: bool = False,
    stamps: frozenset[str] = frozenset(),
) -> Iterable[FieldChange]:
    """The field changes from ``old`` to ``new``, named from ``path`` down.

    ``bookkeeping`` marks every change found (we are within a ``sources``
    list); ``stamps`` names keys of this level whose changes are bookkeeping.
    """
    if old == new:
        return
    keyed = isinstance(old, list) and isinstance(new, list)
    if keyed:
        old_keys, new_keys = _item_keys(old), _item_keys(new)
        if old_keys is None or new_keys is None:
            yield FieldChange(path, old, new, bookkeeping=bookkeeping)
            return
        old = dict(zip(old_keys, old, strict=True))
        new = dict(zip(new_keys, new, strict=True))
    if isinstance(old, dict) and isinstance(new, dict):
        for key in {**old, **new}:  # the old order, then what is new
            where = f"{path}[{key}]" if keyed else _join(path, key)
            mark = not keyed and (key == "sources" or key in stamps)
            yield from _compare(
                old.get(key), new.get(key), where, bookkeeping=bookkeeping or mark
            )
        return
    yield FieldChange(path, old, new, bookkeeping=bookkeeping)


def _item_keys(items: list[Any]) -> list[str] | None:
    """Each record's key in ``items``, or ``None`` when they cannot be keyed.

    Plain values (aliases, sectors) are not keyed: their list changes as a
    whole. Neither are records whose keys repeat.
    """
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    keys = [_item_key(item) for item in items]
    if None in keys or len(set(keys)) != len(keys):
        return None
    return [key for key in keys if key is not None]


def _item_key(item: dict[str, Any]) -> str | None:
    if "seed" in item and item.get("url") is None:  # a seed quote
        return f"seed {item['seed']}: {item.get('quote')}"
    if isinstance(item.get("url"), str) and "id" not in item:  # a Source or Link
        return str(item["url"])
    if "edition" in item:  # a Top500Rank
        return str(item["edition"])
    if "unit" in item and "metric" in item:  # a Performance
        terms = (
            item.get(k) for k in ("value", "unit", "metric", "precision", "workload")
        )
        return " ".join(str(t) for t in terms if t is not None)
    for name in _KEYS:
        value = item.get(name)
        if isinstance(value, str | int) and not isinstance(value, bool):
            return str(value)
    return None
