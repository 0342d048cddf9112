"""A draft's output: the result, what it changes in known entries, its data file.

A draft of an entry the registry has is merged into it (:func:`merge`),
its changes listed (:func:`changes_between`), and the whole written as a
registry document (:func:`document`), in JSON or TOML (:func:`to_toml`).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

import attrs

from aifactories._format import Document
from aifactories._model import (
    Antenna,
    Entry,
    Factory,
    Funding,
    NationalPosition,
    Source,
    Supercomputer,
)
from aifactories._registry import Registry
from aifactories._text import fold


@dataclasses.dataclass(frozen=True)
class Draft:
    """What :func:`draft` found in an article.

    Attributes:
        text: The text the quotes were taken from (for HTML, the text with
            the tags removed); every ``quote`` is a substring of it.
        entries: One entry per AI Factory or Antenna the article describes,
            built from the article alone; an entry the registry already has
            keeps its id, and takes the registry's values only for the
            required fields the article does not give.
        changes: For entries the registry already has, each field where the
            article adds or differs, as ``(path, old, new)`` named tuples:
            ``path`` is the entry id and field (``"mimer.people"``), ``old``
            the registry's value and ``new`` the value with the article's
            added, both without their sources.
        warnings: What the reviewer should know: placeholders to fill,
            values left out because the text was ambiguous, skipped text.
        positions: For an article about a national AI Gigafactory bid, the
            country's position on bidding (its summary to fill), to add to
            the registry's gigafactory call.
    """

    text: str
    entries: tuple[Entry, ...] = ()
    # Plain tuples in the signature: Change is one, and stays private until
    # the registry has a diff type of its own to share.
    changes: tuple[tuple[str, object, object], ...] = ()
    warnings: tuple[str, ...] = ()
    positions: tuple[NationalPosition, ...] = ()


class Change(NamedTuple):
    """A proposed change to a known entry, as :attr:`Draft.changes` describes."""

    path: str
    old: object
    new: object


# -- changes to known entries ------------------------------------------------------


def _bare(value: Any) -> Any:
    """Return ``value`` with every ``sources`` emptied, for comparing facts."""
    if isinstance(value, tuple):
        return tuple(_bare(item) for item in value)
    if not attrs.has(type(value)):
        return value
    fields = {f.name: _bare(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if "sources" in fields:
        fields["sources"] = ()
    return attrs.evolve(value, **fields)


def merge(old: Entry, new: Entry) -> Entry:
    """Return ``old`` with what ``new`` (a draft of the same entry) adds.

    Lists gain the items they lack (matched by name); single values the
    draft gives replace the old ones. The old sources stay, the draft's
    are added.
    """
    values: dict[str, Any] = {}
    if new.country != old.country:
        values["country"] = new.country
    host, known = new.host, old.host
    if host is not None and (
        known is None or not _same_org(known.name, known.short_name, host.name)
    ):
        values["host"] = host
    elif host is not None and known is not None and host.city and not known.city:
        sources = (*known.sources, *host.sources)
        values["host"] = attrs.evolve(known, city=host.city, sources=sources)
    values["stakeholders"] = _union(
        old.stakeholders,
        new.stakeholders,
        lambda s: (fold(s.name), fold(s.short_name or "")),
    )
    values["people"] = _union(old.people, new.people, lambda p: (fold(p.name),))
    # Lists of codes and ids gain the items they lack, in order.
    for name in ("partner_countries", "factories", "letters_of_intent"):
        if hasattr(old, name):
            values[name] = tuple(
                dict.fromkeys((*getattr(old, name), *getattr(new, name)))
            )
    values["focus"] = (
        *old.focus,
        *(f for f in new.focus if not any(_contains(f, o) for o in old.focus)),
    )
    values["sectors"] = old.sectors | new.sectors
    if new.funding is not None:
        values["funding"] = _merge_funding(old.funding, new.funding)
    if isinstance(old, Factory) and isinstance(new, Factory) and new.supercomputer:
        values["supercomputer"] = _merge_machine(old.supercomputer, new.supercomputer)
    values["sources"] = _dedupe([*old.sources, *new.sources])
    return attrs.evolve(old, **values)


def _merge_machine(old: Supercomputer | None, new: Supercomputer) -> Supercomputer:
    if old is None:
        return new
    fields = {
        name: getattr(new, name)
        for name in ("name", "vendor", "accelerators", "expected_operation")
        if getattr(new, name) is not None and getattr(old, name) is None
    }
    if new.note is None and new.status != old.status:
        fields["status"] = new.status
    return attrs.evolve(old, **fields)


def _union(old: tuple[Any, ...], new: tuple[Any, ...], keys: Any) -> tuple[Any, ...]:
    # A new item is matched by its name (its first key), an old one by any key.
    seen = {key for item in old for key in keys(item)}
    return (*old, *(item for item in new if keys(item)[0] not in seen))


def _merge_funding(old: Funding | None, new: Funding) -> Funding:
    if old is None:
        return new
    shares = list(old.shares)
    for share in new.shares:
        for index, mine in enumerate(shares):
            if (mine.kind, mine.country) == (share.kind, share.country):
                shares[index] = attrs.evolve(
                    mine,
                    share=mine.share if mine.share is not None else share.share,
                    amount=mine.amount if mine.amount is not None else share.amount,
                    via=mine.via or share.via,
                )
                break
        else:
            shares.append(share)
    total = old.total if old.total is not None else new.total
    return attrs.evolve(old, total=total, shares=tuple(shares))


def changes_between(old: Entry, new: Entry) -> list[Change]:
    """Return the fields where merging the draft ``new`` into ``old`` changes it.

    Values are compared without their sources: a fact the registry already
    has, with other evidence, is not a change.
    """
    merged = merge(old, new)
    changes = []
    for name in (f.name for f in attrs.fields(type(old)) if f.name != "sources"):
        before, after = (_bare(getattr(entry, name)) for entry in (old, merged))
        if before != after:
            changes.append(Change(f"{old.id}.{name}", before, after))
    return changes


# -- output -----------------------------------------------------------------------


def document(result: Draft, registry: Registry) -> Document:
    """Return the draft as a document to write: new entries and merged ones.

    An entry the registry already has is written merged with what the
    article adds; new entries as drafted, placeholders included. A
    proposed gigafactory position is written into the registry's latest
    gigafactory call. A draft is
    not a registry until a reviewer fills it in: it stays a document.
    """
    entries: list[Entry] = []
    for entry in result.entries:
        old = registry.get(entry.id)
        if old is not None and type(old) is type(entry) and old.id == entry.id:
            entries.append(merge(old, entry))
        else:
            entries.append(entry)
    calls = sorted(registry.gigafactory_calls, key=lambda call: call.opened)
    # A bid's position goes under the latest call, which merging replaces.
    latest = [
        attrs.evolve(call, positions=(*call.positions, *result.positions))
        for call in calls[-1:]
        if result.positions
    ]
    return Document(
        data_version="draft",
        # Every wave, so the one the reviewer fills in is there to refer to.
        waves=registry.wave_records,
        factories=tuple(e for e in entries if isinstance(e, Factory)),
        antennas=tuple(e for e in entries if isinstance(e, Antenna)),
        gigafactory_calls=tuple(latest),
    )


def to_toml(data: dict[str, Any]) -> str:
    """Return a registry document (as :func:`aifactories.dumps` data) in TOML.

    ``null`` values are left out (TOML has none, and the loader reads a
    missing field as its default); dates are written as TOML dates.
    """
    # Empty lists go up here: TOML keys after a table would join it.
    lines = _pairs(
        {k: v for k, v in data.items() if v == [] or not isinstance(v, list | dict)}
    )
    for key, value in data.items():
        if isinstance(value, list):
            for item in value:
                lines += ["", f"[[{key}]]", *_pairs(item)]
    return "\n".join(lines) + "\n"


def _pairs(table: dict[str, Any]) -> list[str]:
    return [f"{k} = {_toml_value(k, v)}" for k, v in table.items() if v is not None]


def _toml_value(key: str, value: Any) -> str:
    if isinstance(value, dict):
        items = ", ".join(_pairs(value))
        return "{ " + items + " }" if items else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(key, v) for v in value) + "]"
    if isinstance(value, bool | int):
        return json.dumps(value)  # TOML writes both as JSON does
    text = str(value)
    if key in {"selected_on", "announced", "data_date"} and re.fullmatch(
        r"\d{4}-\d{2}-\d{2}", text
    ):
        return text
    # A TOML basic string takes JSON's escapes; DEL must be escaped as well.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _dedupe(sources: Sequence[Source]) -> list[Source]:
    first: dict[tuple[str | None, str | None], Source] = {}
    for source in sources:
        first.setdefault((source.quote, source.supports), source)
    return list(first.values())


def _same_org(name: str, short_name: str | None, label: str) -> bool:
    key = fold(label)
    # An empty label names no organisation (it would equal a missing short name).
    return bool(key) and (
        key in {fold(name), fold(short_name or "")}
        or key in map(fold, name.split(" - "))
    )


def _contains(one: str, other: str) -> bool:
    a, b = fold(one), fold(other)
    return a in b or b in a
