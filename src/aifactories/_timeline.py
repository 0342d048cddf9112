"""The registry's dated events: its timeline, statuses on a date, and what may be stale.

Every function takes a :class:`~aifactories.Registry`; the registry's
methods of the same names call them. The events are the milestones of the
entries, of their supercomputers and of the AI Gigafactory calls, plus each
entry's selection, which the data states once (``selected_on``) and the
timeline derives.
"""

from __future__ import annotations

import datetime as dt
import typing

import attrs

from aifactories._model import (
    Confidence,
    Entry,
    Factory,
    Milestone,
    MilestoneKind,
    Source,
)

if typing.TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from aifactories._format import Records

STAGES: tuple[MilestoneKind, ...] = (
    MilestoneKind.SELECTED,
    MilestoneKind.STARTED,
    MilestoneKind.PROCUREMENT_LAUNCHED,
    MilestoneKind.CONTRACT_SIGNED,
    MilestoneKind.INSTALLED,
    MilestoneKind.FIRST_USERS,
    MilestoneKind.INAUGURATED,
    MilestoneKind.IN_OPERATION,
)
"""The kinds of event that make a status, from the earliest stage to the last."""

OPERATING = frozenset(STAGES[STAGES.index(MilestoneKind.FIRST_USERS) :])
"""The kinds of event after which a system counts as in operation: first users on."""

STALE_AFTER = dt.timedelta(days=365)
"""How old evidence may grow before :func:`stale` lists it."""


@attrs.frozen
class Event:
    """One dated event of the registry, with what it concerns.

    Attributes:
        milestone: The event.
        subject: The id of the entry (or AI Gigafactory call) it concerns.
        path: Where it sits in that record, e.g. ``supercomputer.milestones[0]``;
            ``selected_on`` for an entry's selection.
    """

    milestone: Milestone
    subject: str
    path: str

    def __str__(self) -> str:
        """Return the event in a line: ``2026-08-31 lumi-aif contract signed: ...``."""
        when, kind = self.milestone.when(), self.milestone.kind.label
        return f"{when} {self.subject} {kind}: {self.milestone.text}"


@attrs.frozen
class Stale:
    """Something a maintainer should check again, and why.

    Attributes:
        subject: The id of the entry or call it concerns; ``None`` for the
            initiative as a whole.
        path: The value to check, e.g. ``supercomputer.milestones[0]``;
            empty for a whole entry.
        reason: Why it may be stale, in words.
        since: The date the value rests on.
    """

    subject: str | None
    path: str
    reason: str
    since: dt.date

    def __str__(self) -> str:
        """Return the item in a line: ``it4lia supercomputer.milestones[0]: ...``."""
        where = f" {self.path}" if self.path else ""
        return f"{self.subject or 'initiative'}{where}: {self.reason}"


def _selection(registry: Records, entry: Entry) -> Milestone:
    wave = next((w for w in registry.wave_records if w.id == entry.wave), None)
    sources: tuple[Source, ...] = wave.sources if wave is not None else entry.sources
    return Milestone(
        date=entry.selected_on,
        kind=MilestoneKind.SELECTED,
        text=f"Selected as an {entry.kind.label} in wave {entry.wave}.",
        sources=sources,
    )


def entry_events(registry: Records, entry: Entry) -> tuple[Event, ...]:
    """Return the events of ``entry`` and its supercomputer, by date."""
    found = [Event(_selection(registry, entry), entry.id, "selected_on")]
    found += _events(entry.id, entry.milestones)
    system = entry.supercomputer if isinstance(entry, Factory) else None
    if system is not None:
        found += _events(entry.id, system.milestones, "supercomputer.")
    return tuple(sorted(found, key=_order))


def _events(subject: str, milestones: Iterable[Milestone], at: str = "") -> list[Event]:
    return [Event(m, subject, f"{at}milestones[{i}]") for i, m in enumerate(milestones)]


def _order(event: Event) -> tuple[dt.date, int, str, str]:
    kind = event.milestone.kind
    stage = STAGES.index(kind) if kind in STAGES else len(STAGES)
    return (event.milestone.start, stage, event.subject, event.path)


def timeline(registry: Records) -> tuple[Event, ...]:
    """Return every event of the registry, by date, planned ones included.

    Each entry's selection comes first among its events; the AI Gigafactory
    calls' milestones are there too, under the call's id.
    """
    found: list[Event] = []
    for entry in registry:
        found += entry_events(registry, entry)
    for call in registry.gigafactory_calls:
        found += _events(call.id, call.milestones)
    return tuple(sorted(found, key=_order))


def status(registry: Records, entry: Entry, on: dt.date) -> MilestoneKind | None:
    """See :meth:`aifactories.Registry.status`."""
    reached = [
        e.milestone.kind
        for e in entry_events(registry, entry)
        if e.milestone.kind in STAGES and e.milestone.start <= on
    ]
    return max(reached, key=STAGES.index, default=None)


def in_operation(registry: Records, on: dt.date) -> tuple[Factory, ...]:
    """See :meth:`aifactories.Registry.in_operation`."""
    return tuple(
        factory
        for factory in registry.factories
        if factory.supercomputer is not None
        and any(
            m.kind in OPERATING and m.start <= on
            for m in factory.supercomputer.milestones
        )
    )


def _reaches(kind: MilestoneKind, expected: MilestoneKind | None) -> bool:
    """Whether an event of ``kind`` settles a plan that expects ``expected``.

    A later stage settles an earlier one (operation settles installation);
    kinds outside the stages settle only themselves; a plan that names no
    kind is settled by any stage.
    """
    if expected is None:
        return kind in STAGES
    if kind in STAGES and expected in STAGES:
        return STAGES.index(kind) >= STAGES.index(expected)
    return kind == expected


def _overdue(events: tuple[Event, ...], on: dt.date) -> Iterator[Event]:
    """Planned events whose whole period has passed with nothing settling them."""
    for event in events:
        planned = event.milestone
        if planned.kind is not MilestoneKind.PLANNED or planned.end >= on:
            continue
        settled = any(
            later.subject == event.subject
            and later is not event
            and planned.start <= later.milestone.start <= on
            and (
                _reaches(later.milestone.kind, planned.expects)
                # A new plan for the same event reschedules it.
                or (
                    later.milestone.kind is MilestoneKind.PLANNED
                    and later.milestone.expects == planned.expects
                    and later.milestone.start > planned.start
                )
            )
            for later in events
        )
        if not settled:
            yield event


def _weak(record: object) -> bool:
    confidence = getattr(record, "confidence", None)
    return confidence is Confidence.LOW and len(getattr(record, "sources", ())) == 1


def stale(registry: Records, on: dt.date | None = None) -> tuple[Stale, ...]:
    """See :meth:`aifactories.Registry.stale`."""
    day = on or registry.data_date or dt.date.today()  # noqa: DTZ011 - a calendar day
    events = timeline(registry)
    found = [
        Stale(
            event.subject,
            event.path,
            f"planned for {event.milestone.when()} and nothing since: "
            f"{event.milestone.text}",
            event.milestone.start,
        )
        for event in _overdue(events, day)
    ]
    weak: list[tuple[str, str, object, dt.date | None]] = [
        (e.subject, e.path, e.milestone, e.milestone.start) for e in events
    ]
    weak += [
        (entry.id, f"calls[{i}]", call, call.opens or call.closes)
        for entry in registry
        for i, call in enumerate(entry.calls)
    ]
    weak += [
        (call.id, f"positions[{i}]", position, position.date)
        for call in registry.gigafactory_calls
        for i, position in enumerate(call.positions)
    ]
    found += [
        Stale(
            subject,
            path,
            "rests on one low-confidence source more than a year old",
            when,
        )
        for subject, path, record, when in weak
        if _weak(record) and when is not None and when < day - STALE_AFTER
    ]
    found += _old_entries(registry)
    return tuple(sorted(found, key=lambda s: (s.subject or "", s.path)))


def _old_entries(registry: Records) -> Iterator[Stale]:
    if registry.coverage is None:
        return
    limit = registry.coverage.checked_until - STALE_AFTER
    for entry in registry:
        dates = [
            e.milestone.start
            for e in entry_events(registry, entry)
            if e.milestone.kind is not MilestoneKind.PLANNED
        ]
        dates += [d for call in entry.calls for d in (call.opens, call.closes) if d]
        newest = max(dates)
        if newest < limit:
            yield Stale(
                entry.id,
                "",
                f"newest dated evidence is from {newest.isoformat()}, more than "
                "a year before the coverage date",
                newest,
            )
