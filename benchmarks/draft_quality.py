"""Recall and precision of ``aifactories.draft`` over the drafting corpus.

Usage::

    python benchmarks/draft_quality.py            # the table
    python benchmarks/draft_quality.py --check    # exit 1 below the targets
    python benchmarks/draft_quality.py --verbose  # every miss and false value
    python benchmarks/draft_quality.py --real TEXTS --expected DIR  # every case
    python benchmarks/draft_quality.py --real TEXTS --expected DIR --cases D01,D02

``--real`` scores a folder of texts ``DNN.txt`` (kept outside the
repository) against ``DNN.expected.json`` files in ``--expected`` (the
schema of a development set where one expected entry lists ``kind``,
``name``, ``country``, ``host``, ``city``, ``partners``,
``partner_countries``, ``funding_total``, ``funding_shares``,
``sectors_or_focus``, ``people``, ``selected_on_or_announced`` and
``supercomputer``). See :func:`score_real` for the rules.

Each article in ``tests/draft_corpus/`` is drafted against the bundled
registry and its facts compared with the expected ones in the ``.json``
beside it. A *fact* is one value of one field of one entry (one
stakeholder, one sector, the host); recall is the share of expected facts
the draft proposes, precision the share of proposed facts that are
expected. Values the draft carries over from the registry (an existing
entry's wave, date and country) or fills with a placeholder are not
proposals and are not counted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import aifactories
from aifactories import Antenna, Entry, Factory, NationalPosition
from aifactories._draft import PLACEHOLDER_DATE, TO_FILL
from aifactories._text import fold

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "draft_corpus"
RECALL_TARGET = 0.8
PRECISION_TARGET = 0.95

FIELDS = (
    "name",
    "kind",
    "country",
    "wave",
    "selected_on",
    "host",
    "city",
    "stakeholders",
    "partner_countries",
    "factories",
    "letters_of_intent",
    "total",
    "shares",
    "via",
    "focus",
    "sectors",
    "people",
    "system_name",
    "vendor",
    "accelerators",
    "status",
    "operation",
)

Alternatives = frozenset[str]
Match = Callable[[str, Alternatives], bool]


def _alts(value: object) -> Alternatives:
    items = value if isinstance(value, list) else [value]
    return frozenset(fold(str(item)) for item in items)


def _equal(got: str, want: Alternatives) -> bool:
    return got in want


def _overlap(got: str, want: Alternatives) -> bool:
    return any(got in item or item in got for item in want)


def _year(got: str, want: Alternatives) -> bool:
    return any(item in got for item in want)


def _pair(got: str, want: Alternatives) -> bool:
    # "name|role": names equal (any alternative), roles overlapping.
    name, _, role = got.partition("|")
    for item in want:
        names, _, wanted_role = item.partition("|")
        if name in names.split("||") and (role in wanted_role or wanted_role in role):
            return True
    return False


MATCHERS: dict[str, Match] = {
    "focus": _overlap,
    "via": _overlap,
    "accelerators": _overlap,
    "operation": _year,
    "stakeholders": _pair,
    "people": _pair,
}


def _source_fields(entry: Entry) -> set[str]:
    return {
        (s.supports or "").split(":")[0] for s in entry.sources if s.seed is not None
    }


def proposed(entry: Entry) -> dict[str, list[str]]:  # noqa: C901, PLR0912 - one branch a field
    """Return the facts a drafted entry proposes, field by field."""
    facts: dict[str, list[str]] = {field: [] for field in FIELDS}
    from_article = _source_fields(entry)
    facts["name"] = [fold(name) for name in entry.names][:1]
    facts["kind"] = [entry.kind.value]
    if entry.country != TO_FILL and "country" in from_article:
        facts["country"] = [fold(entry.country)]
    if entry.wave != TO_FILL and "wave" in from_article:
        facts["wave"] = [fold(entry.wave)]
    if entry.selected_on != PLACEHOLDER_DATE and "selected_on" in from_article:
        facts["selected_on"] = [entry.selected_on.isoformat()]
    if entry.host is not None:
        facts["host"] = [fold(entry.host.name)]
        if entry.host.city:
            facts["city"] = [fold(entry.host.city)]
    facts["stakeholders"] = [
        f"{fold(s.name)}|{s.role.value}" for s in entry.stakeholders
    ]
    facts["partner_countries"] = [fold(c) for c in entry.partner_countries]
    if isinstance(entry, Antenna):
        facts["factories"] = list(entry.factories)
        facts["letters_of_intent"] = list(entry.letters_of_intent)
    if entry.funding is not None:
        total = entry.funding.total
        if total is not None:
            facts["total"] = [_money(total)]
        for share in entry.funding.shares:
            if share.share is not None or share.amount is not None:
                facts["shares"].append(_share(share))
            facts["via"] += [fold(v) for v in share.via]
    facts["focus"] = [fold(f) for f in entry.focus]
    facts["sectors"] = sorted(s.value for s in entry.sectors)
    facts["people"] = [f"{fold(p.name)}|{fold(p.role)}" for p in entry.people]
    system = entry.supercomputer if isinstance(entry, Factory) else None
    if system is not None:
        for field, value in (
            ("system_name", system.name),
            ("vendor", system.vendor),
            ("accelerators", system.accelerators),
            ("operation", system.expected_operation),
        ):
            if value:
                facts[field] = [fold(value)]
        if system.note is None or "to fill" not in system.note:
            facts["status"] = [system.status.value]
    return facts


def _money(money: aifactories.Money) -> str:
    return f"{money.amount:f} {money.currency} {money.qualifier.value}".lower()


def _share(share: aifactories.FundingShare) -> str:
    fraction = format(share.share.normalize(), "f") if share.share else ""
    amount = _money(share.amount) if share.amount else ""
    return f"{share.kind.value}|{(share.country or '').lower()}|{fraction}|{amount}"


def expected(raw: dict[str, Any]) -> dict[str, list[Alternatives]]:
    """Return the expected facts of one corpus entry, field by field."""
    facts: dict[str, list[Alternatives]] = {field: [] for field in FIELDS}
    for field in FIELDS:
        value = raw.get(field)
        if value is None:
            continue
        if field in {"stakeholders", "people"}:
            for name, role in value:
                names = "||".join(sorted(_alts(name)))
                facts[field].append(frozenset({f"{names}|{fold(role)}"}))
        elif field in {"name", "host"}:
            facts[field] = [_alts(value)]
        elif field == "operation":
            facts[field] = [frozenset({str(value)})]
        elif field == "total":
            facts[field] = [frozenset({fold(value)})]
        elif isinstance(value, list) and field not in {"name", "host"}:
            facts[field] = [_alts(item) for item in value]
        else:
            facts[field] = [_alts(value)]
    return facts


class Tally:
    """True positives, false positives and false negatives per field."""

    def __init__(self) -> None:
        """Start at zero everywhere."""
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()
        self.misses: list[str] = []

    def compare(
        self,
        article: str,
        got: dict[str, list[str]],
        want: dict[str, list[Alternatives]],
    ) -> None:
        """Count one drafted entry against one expected entry."""
        for field in FIELDS:
            match = MATCHERS.get(field, _equal)
            if field == "host":
                match = _equal
            left = list(want[field])
            for value in got[field]:
                hit = next((w for w in left if match(value, w)), None)
                if hit is None:
                    self.fp[field] += 1
                    self.misses.append(f"{article}: {field}: unexpected {value!r}")
                else:
                    self.tp[field] += 1
                    left.remove(hit)
            for wanted in left:
                self.fn[field] += 1
                shown = min(wanted)
                self.misses.append(f"{article}: {field}: missing {shown!r}")

    def rows(self) -> Iterable[tuple[str, int, int, int, float, float]]:
        """Yield ``(field, tp, fp, fn, recall, precision)`` for each field."""
        for field in FIELDS:
            tp, fp, fn = self.tp[field], self.fp[field], self.fn[field]
            yield field, tp, fp, fn, _ratio(tp, tp + fn), _ratio(tp, tp + fp)

    def overall(self) -> tuple[float, float]:
        """Return ``(recall, precision)`` over every field."""
        tp, fp, fn = (sum(c.values()) for c in (self.tp, self.fp, self.fn))
        return _ratio(tp, tp + fn), _ratio(tp, tp + fp)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _host_alternatives(entry: Entry) -> set[str]:
    if entry.host is None:
        return set()
    return {fold(entry.host.name), fold(entry.host.short_name or "")}


def score(corpus: Path = CORPUS) -> Tally:
    """Draft every article of ``corpus`` and count its facts."""
    registry = aifactories.load()
    tally = Tally()
    for spec in sorted(corpus.glob("*.json")):
        raw = json.loads(spec.read_text(encoding="utf-8"))
        if "article" in raw:
            article = (spec.parent / raw["article"]).resolve()
        else:
            article = next(p for p in spec.parent.glob(spec.stem + ".*") if p != spec)
        result = aifactories.draft(
            article.read_bytes(),
            registry,
            name=article.name,
            html=article.suffix == ".html",
        )
        drafted = list(result.entries)
        for want_raw in raw["entries"]:
            want = expected(want_raw)
            names = want["name"][0]
            found = next(
                (e for e in drafted if {fold(n) for n in e.names} & names), None
            )
            got = proposed(found) if found else {f: [] for f in FIELDS}
            if found is not None:
                drafted.remove(found)
                # Host: the draft's full name or short name may be the one listed.
                hosts = _host_alternatives(found)
                if hosts & (want["host"][0] if want["host"] else frozenset()):
                    got["host"] = [min(hosts & want["host"][0])]
                got["name"] = [min({fold(n) for n in found.names} & names)]
                got["stakeholders"] = [
                    _holder_key(s, want["stakeholders"]) for s in found.stakeholders
                ]
            tally.compare(spec.stem, got, want)
        for extra in drafted:
            empty: dict[str, list[Alternatives]] = {f: [] for f in FIELDS}
            tally.compare(spec.stem, proposed(extra), empty)
    return tally


def _holder_key(holder: aifactories.Stakeholder, wanted: list[Alternatives]) -> str:
    # A stakeholder may match on its full name or its short name.
    for label in (holder.name, holder.short_name or ""):
        key = f"{fold(label)}|{holder.role.value}"
        if any(_pair(key, want) for want in wanted):
            return key
    return f"{fold(holder.name)}|{holder.role.value}"


def _flat(value: object) -> list[str]:
    # Every string inside an expected value, folded ("Long (ACR)" gives both).
    if value is None:
        return []
    if isinstance(value, dict):
        return [item for inner in value.values() for item in _flat(inner)]
    if isinstance(value, list):
        return [item for inner in value for item in _flat(inner)]
    text = fold(str(value))
    long, _, short = text.partition(" (")
    return [text, long, short.rstrip(")")] if short else [text]


def _wanted(raw: dict[str, Any]) -> list[tuple[str, list[str]]]:
    # One (field, alternatives) pair per expected fact of one entry.
    facts: list[tuple[str, list[str]]] = [
        (field, _flat(raw[field]))
        for field in ("name", "country", "host", "city", "funding_total")
        if raw.get(field)
    ]
    if raw.get("selected_on_or_announced"):
        facts.append(("selected_on", [raw["selected_on_or_announced"]]))
    facts += [("partners", _flat(p)) for p in raw.get("partners") or []]
    facts += [
        ("partner_countries", _flat(c)) for c in raw.get("partner_countries") or []
    ]
    facts += [("shares", _flat(s["funder"])) for s in raw.get("funding_shares") or []]
    facts += [("focus", _flat(f)) for f in raw.get("sectors_or_focus") or []]
    facts += [("people", _flat(p["name"])) for p in raw.get("people") or []]
    system = raw.get("supercomputer") or {}
    for field in ("name", "vendor", "accelerators"):
        if system.get(field):
            facts.append((f"system_{field}", _flat(system[field])))
    return facts


def _kind(entry: Entry | NationalPosition) -> str:
    # A national position on a gigafactory bid stands for the bid.
    return "gigafactory" if isinstance(entry, NationalPosition) else entry.kind.value


def _said(
    entry: Entry | NationalPosition, registry: aifactories.Registry
) -> dict[str, list[str]]:
    # What a drafted entry says, field by field, folded, for lenient matching.
    if isinstance(entry, NationalPosition):
        return _said_position(entry)
    got = proposed(entry)
    known = registry.get(entry.id)
    # A draft of a known entry is named as the registry names it.
    names = [*entry.names, *(known.names if known is not None else ())]
    said: dict[str, list[str]] = {
        "name": [fold(n) for n in names],
        "country": [] if entry.country == TO_FILL else [fold(entry.country)],
        "host": sorted(_host_alternatives(entry) - {""}),
        "city": got["city"],
        "funding_total": got["total"],
        "selected_on": got["selected_on"],
        "partners": [
            fold(label)
            for s in entry.stakeholders
            for label in (s.name, s.short_name or "")
            if label
        ],
        "partner_countries": got["partner_countries"],
        # Shares are matched by funder: a co-funder, a share's funder
        # or one it is paid through.
        "shares": [
            fold(label)
            for s in entry.stakeholders
            if s.role.value in {"funder", "co-funder"}
            for label in (s.name, s.short_name or "")
            if label
        ]
        + [
            fold(label)
            for share in (entry.funding.shares if entry.funding else ())
            for label in (share.funder or "", *share.via)
            if label
        ],
        "focus": got["focus"] + got["sectors"],
        "people": [fold(p.name) for p in entry.people],
        "system_name": got["system_name"],
        "system_vendor": got["vendor"],
        "system_accelerators": got["accelerators"],
    }
    if entry.funding is not None and entry.funding.total is not None:
        said["funding_total"] = [format(entry.funding.total.amount.normalize(), "f")]
    return said


def _said_position(position: NationalPosition) -> dict[str, list[str]]:
    # A bid's position says its lead (the host), site, members, money, people.
    funding = position.funding
    return {
        "name": [],
        "country": [fold(position.country)],
        "host": [fold(position.consortium)] if position.consortium else [],
        "city": [fold(position.site)] if position.site else [],
        "partners": [
            fold(label)
            for s in position.stakeholders
            for label in (s.name, s.short_name or "")
            if label
        ],
        "partner_countries": [fold(c) for c in position.partner_countries],
        "funding_total": [format(funding.total.amount.normalize(), "f")]
        if funding is not None and funding.total is not None
        else [],
        "shares": [
            fold(label)
            for share in (funding.shares if funding else ())
            for label in (share.funder or "", *share.via)
            if label
        ],
        "people": [fold(p.name) for p in position.people],
    }


def _hit(field: str, wanted: list[str], said: dict[str, list[str]]) -> bool:
    if field == "funding_total":
        digits = {"".join(c for c in w if c.isdigit()) for w in wanted}
        return any(
            g.replace(".", "").rstrip("0") in d
            for g in said.get(field, [])
            for d in digits
        )
    return any(
        w and g and (w in g or g in w) for w in wanted for g in said.get(field, [])
    )


def score_real(texts: Path, expected_dir: Path, cases: list[str]) -> dict[str, Any]:
    """Score drafts of real articles against expected entries.

    An expected entry is found when a drafted entry's name or alias (or,
    for an entry the registry has, the registry's) and the expected name
    (either part of ``Long (ACR)``) contain one another, or else when a
    drafted entry of its country and kind is left. Entry recall is found /
    expected. Field recall is
    the share of expected facts (one per field value, one per partner,
    funder, person, sector and machine field) that the found entry
    proposes, matched folded and by containment either way; facts of
    entries not found count as missed. A quote is verbatim when it is a
    substring of the text its draft cites. Drafted entries matching no
    expected entry are counted as invented.
    """
    registry = aifactories.load()
    totals = Counter[str]()
    empty: list[str] = []
    details: list[str] = []
    for case in cases:
        text = (texts / f"{case}.txt").read_text(encoding="utf-8")
        want = json.loads((expected_dir / f"{case}.expected.json").read_text("utf-8"))
        result = aifactories.draft(text, registry, name=f"{case}.txt")
        drafted: list[Entry | NationalPosition] = [
            *result.entries,
            *result.positions,
        ]
        if not drafted:
            empty.append(case)
        for entry in drafted:
            for source in entry.sources:
                totals["quotes"] += 1
                totals["verbatim"] += bool(source.quote and source.quote in text)
        for raw in want["entries"]:
            facts = _wanted(raw)
            names = _flat(raw.get("name"))
            found = next(
                (
                    e
                    for e in drafted
                    if names
                    and any(
                        n and (n in d or d in n)
                        for n in names
                        for d in _said(e, registry)["name"]
                    )
                ),
                None,
            )
            # Named otherwise (another language, a descriptive name): the
            # drafted entry of the same country and kind.
            if found is None:
                found = next(
                    (
                        e
                        for e in drafted
                        if e.country == raw.get("country") and _kind(e) == raw["kind"]
                    ),
                    None,
                )
            totals["entries"] += 1
            totals["facts"] += len(facts)
            if found is None:
                details.append(
                    f"{case}: missed entry {raw.get('name')} ({raw['kind']})"
                )
                continue
            drafted.remove(found)
            totals["found"] += 1
            said = _said(found, registry)
            for field, wanted in facts:
                if _hit(field, wanted, said):
                    totals["facts_found"] += 1
                else:
                    details.append(
                        f"{case}: {getattr(found, 'id', 'position')} "
                        f"missed {field} {wanted[0]!r}"
                    )
        totals["invented"] += len(drafted)
        details += [f"{case}: invented {getattr(e, 'id', 'position')}" for e in drafted]
    return {
        "cases": len(cases),
        "entry recall": _ratio(totals["found"], totals["entries"]),
        "field recall": _ratio(totals["facts_found"], totals["facts"]),
        "verbatim quotes": _ratio(totals["verbatim"], totals["quotes"]),
        "entries": f"{totals['found']}/{totals['entries']}",
        "facts": f"{totals['facts_found']}/{totals['facts']}",
        "invented": totals["invented"],
        "nothing found": empty,
        "details": details,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the table; with ``--check``, return 1 below the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail below targets")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="folder of articles and .json"
    )
    parser.add_argument("--real", type=Path, help="folder of DNN.txt texts")
    parser.add_argument("--expected", type=Path, help="folder of DNN.expected.json")
    parser.add_argument(
        "--cases",
        default="",
        help="comma-separated case names (default: every DNN.expected.json)",
    )
    args = parser.parse_args(argv)
    if args.real is not None:
        if args.expected is None:
            parser.error("--real needs --expected")
        cases = [case for case in args.cases.split(",") if case] or sorted(
            path.name.removesuffix(".expected.json")
            for path in args.expected.glob("*.expected.json")
        )
        report = score_real(args.real, args.expected, cases)
        for line in (
            report.pop("details") if args.verbose else report.pop("details")[:0]
        ):
            print(line)
        for key, value in report.items():
            print(
                f"{key:<16} {value:.2f}"
                if isinstance(value, float)
                else f"{key:<16} {value}"
            )
        return 0
    tally = score(args.corpus)
    print(f"{'field':<18} {'tp':>4} {'fp':>4} {'fn':>4} {'recall':>7} {'precision':>9}")
    for field, tp, fp, fn, recall, precision in tally.rows():
        if tp + fp + fn:
            print(
                f"{field:<18} {tp:>4} {fp:>4} {fn:>4} {recall:>7.2f} {precision:>9.2f}"
            )
    recall, precision = tally.overall()
    tp, fp, fn = (sum(c.values()) for c in (tally.tp, tally.fp, tally.fn))
    print(
        f"{'all fields':<18} {tp:>4} {fp:>4} {fn:>4} {recall:>7.2f} {precision:>9.2f}"
    )
    print(
        f"targets: recall >= {RECALL_TARGET}, precision >= {PRECISION_TARGET} "
        f"({len(list(args.corpus.glob('*.json')))} articles)"
    )
    if args.verbose:
        for line in tally.misses:
            print(line)
    if args.check and (recall < RECALL_TARGET or precision < PRECISION_TARGET):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
