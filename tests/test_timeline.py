"""The timeline queries, the stale check and the timeline table keep their promises."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import aifactories
from aifactories import Milestone, MilestoneKind, Precision, Registry, Source
from aifactories._timeline import OPERATING, STAGES

DATA = Path(__file__).resolve().parent.parent / "src" / "aifactories" / "data"
SOURCE = Source(url="https://example.org/a")


def _milestone(
    date: dt.date,
    kind: MilestoneKind,
    precision: Precision = Precision.DAY,
    expects: MilestoneKind | None = None,
) -> Milestone:
    return Milestone(date, kind, "x", (SOURCE,), precision, expects=expects)


@pytest.fixture(name="data")
def _data() -> Registry:
    # The data file itself, whatever the bundled copy holds.
    return aifactories.load(DATA / "registry.json")


class TestPeriods:
    """A milestone's date means the whole day, month, quarter or year."""

    @pytest.mark.parametrize(
        ("precision", "start", "end", "when"),
        [
            (Precision.DAY, dt.date(2026, 5, 13), dt.date(2026, 5, 13), "2026-05-13"),
            (Precision.MONTH, dt.date(2026, 5, 1), dt.date(2026, 5, 31), "2026-05"),
            (Precision.QUARTER, dt.date(2026, 4, 1), dt.date(2026, 6, 30), "2026-Q2"),
            (Precision.YEAR, dt.date(2026, 1, 1), dt.date(2026, 12, 31), "2026"),
        ],
    )
    def test_period(
        self, precision: Precision, start: dt.date, end: dt.date, when: str
    ) -> None:
        milestone = _milestone(dt.date(2026, 5, 13), MilestoneKind.INSTALLED, precision)
        assert (milestone.start, milestone.end, milestone.when()) == (start, end, when)

    def test_december_quarter_ends_with_the_year(self) -> None:
        milestone = _milestone(
            dt.date(2026, 11, 2), MilestoneKind.PLANNED, Precision.QUARTER
        )
        assert milestone.end == dt.date(2026, 12, 31)


class TestQueries:
    """Status, systems in operation and the timeline read the milestones."""

    def test_timeline_is_by_date_and_holds_every_milestone(
        self, data: Registry
    ) -> None:
        events = data.timeline()
        starts = [e.milestone.start for e in events]
        assert starts == sorted(starts)
        held = sum(len(e.milestones) for e in data) + sum(
            len(f.supercomputer.milestones) for f in data.factories if f.supercomputer
        )
        held += sum(len(c.milestones) for c in data.gigafactory_calls)
        selections = [e for e in events if e.path == "selected_on"]
        assert len(events) == held + len(selections)
        assert {e.subject for e in selections} == {e.id for e in data}

    def test_status_is_the_furthest_stage_reached(self, data: Registry) -> None:
        for entry in data:
            before = entry.selected_on - dt.timedelta(days=1)
            early = [
                m
                for m in (*entry.milestones, *_system(entry))
                if m.kind in STAGES and m.start <= before
            ]
            if not early:
                assert data.status(entry, before) is None
            assert data.status(entry.id, entry.selected_on) is not None

    def test_status_counts_system_milestones(self) -> None:
        registry = _one_factory(
            _milestone(dt.date(2026, 3, 1), MilestoneKind.CONTRACT_SIGNED),
            _milestone(dt.date(2027, 1, 1), MilestoneKind.IN_OPERATION),
        )
        assert (
            registry.status("f", dt.date(2026, 6, 1)) is MilestoneKind.CONTRACT_SIGNED
        )
        assert registry.status("f", dt.date(2027, 1, 1)) is MilestoneKind.IN_OPERATION
        assert registry.in_operation(dt.date(2026, 12, 31)) == ()
        assert [f.id for f in registry.in_operation(dt.date(2027, 1, 1))] == ["f"]

    def test_in_operation_matches_system_milestones(self, data: Registry) -> None:
        day = data.data_date or dt.date.today()  # noqa: DTZ011
        running = {f.id for f in data.in_operation(day)}
        expected = {
            f.id
            for f in data.factories
            if any(m.kind in OPERATING and m.start <= day for m in _system(f))
        }
        assert running == expected

    def test_timeline_table(self, data: Registry) -> None:
        rows = data.to_records("timeline")
        assert len(rows) == len(data.timeline())
        assert {r["kind"] for r in rows} <= {k.value for k in MilestoneKind}
        assert all((r["entry_id"] is None) != (r["call_id"] is None) for r in rows)


class TestStale:
    """stale() lists overdue plans and old weak evidence, and nothing settled."""

    def test_it4lia_partition_is_listed_on_the_release_date(
        self, data: Registry
    ) -> None:
        found = data.stale()
        it4lia = [s for s in found if s.subject == "it4lia"]
        assert any("2025" in s.reason for s in it4lia), found

    def test_every_overdue_plan_is_listed(self, data: Registry) -> None:
        day = dt.date(2100, 1, 1)
        listed = {(s.subject, s.path) for s in data.stale(day)}
        for event in data.timeline():
            if event.milestone.kind is MilestoneKind.PLANNED:
                expected = event.milestone.expects
                # Events of the expected stage or beyond, or a new plan.
                settling = {MilestoneKind.PLANNED, expected}
                if expected in STAGES:
                    settling |= set(STAGES[STAGES.index(expected) :])
                later = [
                    e
                    for e in data.timeline()
                    if e.subject == event.subject
                    and e.milestone.start >= event.milestone.start
                    and e is not event
                    and e.milestone.kind in settling
                ]
                if not later:
                    assert (event.subject, event.path) in listed

    def test_a_recorded_event_settles_a_plan(self) -> None:
        plan = _milestone(
            dt.date(2025, 1, 1),
            MilestoneKind.PLANNED,
            Precision.YEAR,
            MilestoneKind.IN_OPERATION,
        )
        done = _milestone(dt.date(2026, 2, 1), MilestoneKind.IN_OPERATION)
        assert _one_factory(plan).stale(dt.date(2026, 6, 1))
        assert not [
            s
            for s in _one_factory(plan, done).stale(dt.date(2026, 6, 1))
            if s.path.startswith("supercomputer")
        ]

    def test_a_later_stage_settles_an_earlier_plan(self) -> None:
        plan = _milestone(
            dt.date(2025, 1, 1),
            MilestoneKind.PLANNED,
            Precision.YEAR,
            MilestoneKind.INSTALLED,
        )
        running = _milestone(dt.date(2025, 6, 1), MilestoneKind.IN_OPERATION)
        signed = _milestone(dt.date(2025, 6, 1), MilestoneKind.CONTRACT_SIGNED)
        day = dt.date(2026, 6, 1)
        assert not _one_factory(plan, running).stale(day)
        assert _one_factory(plan, signed).stale(day)

    def test_a_plan_is_not_overdue_within_its_period(self) -> None:
        plan = _milestone(dt.date(2026, 1, 1), MilestoneKind.PLANNED, Precision.YEAR)
        assert not _one_factory(plan).stale(dt.date(2026, 12, 31))

    def test_low_confidence_single_source_grows_stale(self) -> None:
        weak = attrs.evolve(
            _milestone(dt.date(2024, 1, 1), MilestoneKind.INSTALLED),
            confidence=aifactories.Confidence.LOW,
        )
        paths = [s.path for s in _one_factory(weak).stale(dt.date(2025, 6, 1))]
        assert "supercomputer.milestones[0]" in paths

    def test_command_line(self) -> None:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "aifactories",
                "stale",
                "--data",
                str(DATA / "registry.json"),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert "it4lia" in done.stdout
        *items, summary = done.stdout.splitlines()
        noun = "item" if len(items) == 1 else "items"
        assert summary == f"{len(items)} {noun} to check again"


def _system(entry: aifactories.Entry) -> tuple[Milestone, ...]:
    system = getattr(entry, "supercomputer", None)
    return system.milestones if system is not None else ()


def _one_factory(*milestones: Milestone) -> Registry:
    wave = aifactories.Wave(
        id="W1",
        name="w",
        kind=aifactories.Kind.FACTORY,
        announced=dt.date(2024, 12, 10),
        sources=(SOURCE,),
    )
    factory = aifactories.Factory(
        id="f",
        name="F",
        wave="W1",
        selected_on=dt.date(2024, 12, 10),
        country="SE",
        sources=(SOURCE,),
        supercomputer=aifactories.Supercomputer(
            status=aifactories.SystemStatus.NEW, milestones=milestones
        ),
    )
    return Registry(data_version="t", wave_records=[wave], factories=[factory])
