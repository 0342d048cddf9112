"""Every rule a registry must keep, checked with a path for each problem."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import re
from collections.abc import Sequence
from decimal import Decimal

import attrs

from aifactories._codes import COUNTRY_NAMES, CURRENCIES
from aifactories._model import (
    Antenna,
    Confidence,
    Conflict,
    Entry,
    Fact,
    Factory,
    FunderKind,
    Funding,
    Host,
    Kind,
    Money,
    Person,
    Qualifier,
    Role,
    Sector,
    Source,
    Stakeholder,
    SystemStatus,
    Wave,
)
from aifactories._rules import decimal_problem, text_problem
from aifactories._seeds import seed_names, seed_text
from aifactories._text import fold, short

# Share sums are exact in this context: numbers span at most 2 * 30 digits.
_EXACT = decimal.Context(prec=100, traps=[])

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


@attrs.frozen
class Document:
    """The registry as a file holds it: lists in file order, unsorted.

    Problems are reported against this order so that paths point into the
    user's file, not into the sorted registry.
    """

    data_version: str
    data_date: dt.date | None = None
    waves: tuple[Wave, ...] = ()
    factories: tuple[Factory, ...] = ()
    antennas: tuple[Antenna, ...] = ()
    facts: tuple[Fact, ...] = ()
    people: tuple[Person, ...] = ()


def _is_http(url: object) -> bool:
    # Typed as object: a hand-built record may hold anything.
    return isinstance(url, str) and url.startswith(("https://", "http://"))


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def _is_slug(value: object) -> bool:
    return isinstance(value, str) and _ID.match(value) is not None


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def text(self, path: str, value: object, *, optional: bool = False) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str):
            self.add(path, f"must be a string, got {type(value).__name__}")
        elif not value.strip():
            self.add(path, "must not be empty")
        else:
            problem = text_problem(value)
            if problem is not None:
                self.add(path, problem)

    def enum(self, path: str, value: object, kind: type[enum.Enum]) -> None:
        # A hand-built record may hold a plain string where a member belongs;
        # dumps() could not write it.
        if not isinstance(value, kind):
            allowed = ", ".join(repr(m.value) for m in kind)
            self.add(path, f"{short(value)} is not a {kind.__name__} ({allowed})")

    def texts(self, path: str, values: object) -> None:
        if not isinstance(values, tuple):
            self.add(path, f"must be a tuple, got {type(values).__name__}")
            return
        for i, value in enumerate(values):
            self.text(f"{path}[{i}]", value)

    def country(self, path: str, value: object, *, optional: bool = False) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str) or value not in COUNTRY_NAMES:
            self.add(path, f"{short(value)} is not an ISO 3166-1 alpha-2 country code")

    def decimal(self, path: str, value: object) -> bool:
        if not isinstance(value, Decimal):
            self.add(path, f"must be a Decimal, got {type(value).__name__}")
            return False
        problem = decimal_problem(value)
        if problem is not None:
            self.add(path, problem)
            return False
        return True

    def money(self, path: str, money: object) -> None:
        if money is None:
            return
        if not isinstance(money, Money):
            self.add(path, f"must be Money, got {type(money).__name__}")
            return
        if self.decimal(f"{path}.amount", money.amount) and money.amount < 0:
            self.add(f"{path}.amount", f"must not be negative, got {money.amount}")
        self.enum(f"{path}.qualifier", money.qualifier, Qualifier)
        if money.currency not in CURRENCIES:
            self.add(
                f"{path}.currency",
                f"{short(money.currency)} is not an ISO 4217 currency code",
            )

    def source(self, path: str, source: object) -> None:
        if not isinstance(source, Source):
            self.add(path, f"must be a Source, got {type(source).__name__}")
            return
        if (source.url is None) == (source.seed is None):
            self.add(path, "needs exactly one of 'url' and 'seed'")
        if source.url is not None and not _is_http(source.url):
            self.add(f"{path}.url", f"{short(source.url)} is not an http(s) URL")
        self.text(f"{path}.supports", source.supports, optional=True)
        if source.seed is None:
            if source.quote is not None:
                self.add(f"{path}.quote", "a quote needs the 'seed' it comes from")
            return
        if source.seed not in seed_names():
            self.add(f"{path}.seed", f"no seed document named {short(source.seed)}")
            return
        if not isinstance(source.quote, str) or not source.quote.strip():
            self.add(f"{path}.quote", "a seed source needs the exact quote it rests on")
        elif source.quote not in seed_text(source.seed):
            self.add(
                f"{path}.quote", f"not found verbatim in seed {short(source.seed)}"
            )

    def sources(self, path: str, sources: object, *, required: bool = False) -> None:
        if not isinstance(sources, tuple):
            self.add(path, f"must be a tuple, got {type(sources).__name__}")
            return
        if required and not sources:
            self.add(path, "needs at least one source")
        for i, source in enumerate(sources):
            self.source(f"{path}[{i}]", source)

    def conflicts(self, path: str, conflicts: Sequence[Conflict]) -> None:
        for i, conflict in enumerate(conflicts):
            where = f"{path}[{i}]"
            self.text(f"{where}.topic", conflict.topic)
            self.text(f"{where}.field", conflict.field, optional=True)
            self.text(f"{where}.note", conflict.note, optional=True)
            if len(conflict.claims) < 2:
                self.add(f"{where}.claims", "a conflict needs at least two claims")
            for j, claim in enumerate(conflict.claims):
                self.text(f"{where}.claims[{j}].value", claim.value)
                self.sources(f"{where}.claims[{j}].sources", claim.sources)
                self.money(f"{where}.claims[{j}].amount", claim.amount)

    def person(self, path: str, person: Person) -> None:
        self.text(f"{path}.name", person.name)
        self.text(f"{path}.role", person.role)
        self.text(f"{path}.organisation", person.organisation, optional=True)
        self.text(f"{path}.statement", person.statement, optional=True)
        self.sources(f"{path}.sources", person.sources)

    def host(self, path: str, host: Host) -> None:
        self.text(f"{path}.name", host.name)
        self.text(f"{path}.short_name", host.short_name, optional=True)
        self.text(f"{path}.city", host.city, optional=True)
        self.sources(f"{path}.sources", host.sources)

    def stakeholder(self, path: str, stakeholder: Stakeholder) -> None:
        self.text(f"{path}.name", stakeholder.name)
        self.enum(f"{path}.role", stakeholder.role, Role)
        self.text(f"{path}.short_name", stakeholder.short_name, optional=True)
        self.country(f"{path}.country", stakeholder.country, optional=True)
        self.sources(f"{path}.sources", stakeholder.sources)

    def funding(self, path: str, funding: Funding) -> None:
        self.money(f"{path}.total", funding.total)
        self.text(f"{path}.note", funding.note, optional=True)
        total = Decimal(0)
        for i, share in enumerate(funding.shares):
            where = f"{path}.shares[{i}]"
            self.text(f"{where}.funder", share.funder)
            self.enum(f"{where}.kind", share.kind, FunderKind)
            self.country(f"{where}.country", share.country, optional=True)
            self.texts(f"{where}.via", share.via)
            self.money(f"{where}.amount", share.amount)
            self.sources(f"{where}.sources", share.sources)
            if share.share is not None and self.decimal(f"{where}.share", share.share):
                if not 0 < share.share <= 1:
                    self.add(f"{where}.share", f"must be in (0, 1], got {share.share}")
                else:
                    # Exactly: the default context rounds to 28 digits, and
                    # the caller's context might trap inexact results.
                    with decimal.localcontext(_EXACT):
                        total += share.share
        if total > 1:
            self.add(f"{path}.shares", f"shares add up to {total}, more than 1")


def _entry_paths(check: _Checker, doc: Document) -> list[tuple[str, Entry]]:
    """The entries to check, each with its path; misfiled records reported."""
    found: list[tuple[str, Entry]] = []
    for field, cls, entries in (
        ("factories", Factory, doc.factories),
        ("antennas", Antenna, doc.antennas),
    ):
        for i, entry in enumerate(entries):
            if type(entry) is cls:
                found.append((f"{field}[{i}]", entry))
            else:
                name = type(entry).__name__
                check.add(
                    f"{field}[{i}]", f"must be of type {cls.__name__}, got {name}"
                )
    return found


def _check_waves(check: _Checker, doc: Document) -> dict[str, Wave]:
    waves: dict[str, Wave] = {}
    for i, wave in enumerate(doc.waves):
        path = f"waves[{i}]"
        check.text(f"{path}.id", wave.id)
        if wave.id in waves:
            check.add(f"{path}.id", f"duplicate wave id {short(wave.id)}")
        waves.setdefault(wave.id, wave)
        check.text(f"{path}.name", wave.name)
        check.enum(f"{path}.kind", wave.kind, Kind)
        check.text(f"{path}.summary", wave.summary, optional=True)
        check.money(f"{path}.investment", wave.investment)
        check.sources(f"{path}.sources", wave.sources, required=True)
        check.conflicts(f"{path}.conflicts", wave.conflicts)
    return waves


def _check_names(check: _Checker, entries: list[tuple[str, Entry]]) -> None:
    ids: dict[str, str] = {}
    keys: dict[str, tuple[str, str]] = {}
    for path, entry in entries:
        if not _is_slug(entry.id):
            check.add(f"{path}.id", f"{short(entry.id)} is not a lower-case slug")
        elif entry.id in ids:
            check.add(
                f"{path}.id", f"duplicate id {short(entry.id)} (also {ids[entry.id]})"
            )
        else:
            ids[entry.id] = path
        check.text(f"{path}.name", entry.name)
        check.texts(f"{path}.aliases", entry.aliases)
        # A duplicate id is reported above; don't report it again as a name.
        named = [] if ids.get(entry.id) != path else [(f"{path}.id", entry.id)]
        named += [(f"{path}.name", entry.name)]
        named += [(f"{path}.aliases[{j}]", a) for j, a in enumerate(entry.aliases)]
        for where, name in named:
            key = fold(name) if _is_text(name) else repr(name)
            owner = keys.get(key)
            if owner is None:
                keys[key] = (path, entry.id)
            elif owner[0] != path:
                check.add(
                    where, f"{short(name)} already names {owner[0]} ({short(owner[1])})"
                )


def _check_links(check: _Checker, entries: list[tuple[str, Entry]]) -> None:
    factory_ids = {e.id for _, e in entries if isinstance(e, Factory)}
    antenna_ids = {e.id for _, e in entries if isinstance(e, Antenna)}
    for path, antenna in entries:
        if not isinstance(antenna, Antenna):
            continue
        for field, ids in (
            ("factories", antenna.factories),
            ("letters_of_intent", antenna.letters_of_intent),
        ):
            seen: set[str] = set()
            for j, factory_id in enumerate(ids):
                where = f"{path}.{field}[{j}]"
                if factory_id in seen:
                    check.add(where, f"{short(factory_id)} is listed twice")
                seen.add(factory_id)
                if factory_id in factory_ids:
                    continue
                if factory_id in antenna_ids:
                    check.add(
                        where, f"{short(factory_id)} is an antenna, not a factory"
                    )
                else:
                    check.add(where, f"no factory with id {short(factory_id)}")
        for j, factory_id in enumerate(antenna.letters_of_intent):
            if factory_id in antenna.factories:
                check.add(
                    f"{path}.letters_of_intent[{j}]",
                    f"{short(factory_id)} is already a formal link",
                )


def _check_wave_of(
    check: _Checker, path: str, entry: Entry, waves: dict[str, Wave]
) -> None:
    kind = Kind.FACTORY if isinstance(entry, Factory) else Kind.ANTENNA
    wave = waves.get(entry.wave)
    if wave is None:
        check.add(f"{path}.wave", f"no wave with id {short(entry.wave)}")
        return
    if wave.kind != kind:
        check.add(
            f"{path}.wave",
            f"wave {short(wave.id)} selects {wave.kind} entries, not {kind} entries",
        )
    if entry.selected_on != wave.announced:
        check.add(
            f"{path}.selected_on",
            f"{entry.selected_on} differs from wave {short(wave.id)}"
            f" ({wave.announced})",
        )


def _check_place(check: _Checker, path: str, entry: Entry) -> None:
    check.country(f"{path}.country", entry.country)
    for j, code in enumerate(entry.partner_countries):
        check.country(f"{path}.partner_countries[{j}]", code)
        if code == entry.country:
            check.add(f"{path}.partner_countries[{j}]", "repeats the host country")
        elif code in entry.partner_countries[:j]:
            check.add(
                f"{path}.partner_countries[{j}]", f"{short(code)} is listed twice"
            )


def _check_entry(check: _Checker, path: str, entry: Entry) -> None:
    _check_place(check, path, entry)
    check.enum(f"{path}.confidence", entry.confidence, Confidence)
    # Typed frozenset[Sector], but a hand-built record may hold strings.
    sectors: frozenset[object] = entry.sectors
    for sector in sorted(sectors, key=str):
        check.enum(f"{path}.sectors", sector, Sector)
    if entry.host is not None:
        check.host(f"{path}.host", entry.host)
    for j, stakeholder in enumerate(entry.stakeholders):
        check.stakeholder(f"{path}.stakeholders[{j}]", stakeholder)
    check.texts(f"{path}.focus", entry.focus)
    if entry.funding is not None:
        check.funding(f"{path}.funding", entry.funding)
    for j, person in enumerate(entry.people):
        check.person(f"{path}.people[{j}]", person)
    check.conflicts(f"{path}.conflicts", entry.conflicts)
    check.sources(f"{path}.sources", entry.sources, required=True)
    check.text(f"{path}.notes", entry.notes, optional=True)
    if isinstance(entry, Factory) and entry.supercomputer is not None:
        system = entry.supercomputer
        for field in (
            "name",
            "vendor",
            "accelerators",
            "expected_operation",
            "site",
            "note",
        ):
            check.text(
                f"{path}.supercomputer.{field}", getattr(system, field), optional=True
            )
        check.sources(f"{path}.supercomputer.sources", system.sources)
        check.enum(f"{path}.supercomputer.status", system.status, SystemStatus)


def check_document(doc: Document) -> list[str]:
    """Return every problem in ``doc`` as ``"path: message"``."""
    check = _Checker()
    check.text("data_version", doc.data_version)
    waves = _check_waves(check, doc)
    entries = _entry_paths(check, doc)
    _check_names(check, entries)
    for path, entry in entries:
        _check_wave_of(check, path, entry, waves)
        _check_entry(check, path, entry)
    _check_links(check, entries)
    fact_ids: set[str] = set()
    for i, fact in enumerate(doc.facts):
        if not _is_slug(fact.id):
            check.add(f"facts[{i}].id", f"{short(fact.id)} is not a lower-case slug")
        elif fact.id in fact_ids:
            check.add(f"facts[{i}].id", f"duplicate fact id {short(fact.id)}")
        fact_ids.add(fact.id)
        check.text(f"facts[{i}].statement", fact.statement)
        check.sources(f"facts[{i}].sources", fact.sources, required=True)
    for i, person in enumerate(doc.people):
        check.person(f"people[{i}]", person)
    return check.problems
