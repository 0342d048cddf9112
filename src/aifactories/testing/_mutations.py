"""Invalid copies of valid data, each breaking one named rule, for negative tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Literal, overload

import attrs

from aifactories._format import FORMAT, Document, document_of
from aifactories._model import (
    Antenna,
    Claim,
    Conflict,
    Entry,
    Factory,
    FunderKind,
    Funding,
    FundingShare,
    Kind,
    Money,
    Source,
)
from aifactories._registry import Registry
from aifactories._seeds import seed_names

Rule = Literal[
    "id-not-slug",
    "blank-name",
    "unknown-country",
    "partner-repeats-country",
    "no-sources",
    "bad-url",
    "source-without-origin",
    "misquoted-seed",
    "unknown-currency",
    "negative-amount",
    "share-out-of-range",
    "shares-over-one",
    "conflict-with-one-claim",
    "wave-date-mismatch",
    "duplicate-id",
    "duplicate-name",
    "unknown-wave",
    "wave-kind-mismatch",
    "dangling-link",
    "link-to-antenna",
    "duplicate-link",
]
"""The names of the rules :func:`break_rule` can break."""

RULES: Mapping[Rule, str] = MappingProxyType(
    {
        "id-not-slug": "an entry's id is not a lower-case slug",
        "blank-name": "an entry's name is blank",
        "unknown-country": "an entry's country is not an ISO 3166-1 code",
        "partner-repeats-country": "an entry lists its own country as a partner",
        "no-sources": "an entry cites no source",
        "bad-url": "a source's URL is not http(s)",
        "source-without-origin": "a source has neither a URL nor a seed",
        "misquoted-seed": "a seed quote is not in the seed document",
        "unknown-currency": "an amount is in a currency that is not ISO 4217",
        "negative-amount": "an amount is negative",
        "share-out-of-range": "a funding share is outside (0, 1]",
        "shares-over-one": "an entry's funding shares add up to more than one",
        "conflict-with-one-claim": "a conflict has fewer than two claims",
        "wave-date-mismatch": "an entry's date differs from its wave's",
        "duplicate-id": "two entries share an id",
        "duplicate-name": "two entries share a name (ignoring case and accents)",
        "unknown-wave": "an entry names a wave the registry lacks",
        "wave-kind-mismatch": "a wave's kind differs from its entries'",
        "dangling-link": "an antenna links to a factory the registry lacks",
        "link-to-antenna": "an antenna links to an antenna",
        "duplicate-link": "an antenna lists the same factory twice",
    }
)
"""Every rule :func:`break_rule` can break, with what the broken copy does."""

# Codes from the ranges ISO leaves to private use, so never assigned.
_NOT_A_COUNTRY = "ZZ"
_NOT_A_CURRENCY = "ZZZ"

_TEST_FUNDER = "aifactories.testing funder"


# -- entry rules: each turns one valid entry into an invalid one ---------------


def _id_not_slug(entry: Entry) -> Entry:
    # Folds to the old id, so no name clash appears besides the slug rule.
    bad = entry.id.upper() if entry.id.upper() != entry.id else f"{entry.id} "
    return attrs.evolve(entry, id=bad)


def _add_source(entry: Entry, source: Source) -> Entry:
    return attrs.evolve(entry, sources=(*entry.sources, source))


def _misquoted_seed(entry: Entry) -> Entry:
    names = seed_names()
    if not names:
        msg = "rule 'misquoted-seed' needs seed documents, and none are installed"
        raise ValueError(msg)
    quote = "words that aifactories.testing made up"
    return _add_source(entry, Source(seed=names[0], quote=quote))


def _with_funding(entry: Entry, **changes: Any) -> Entry:
    """``entry`` with its funding (an empty one if it has none) changed."""
    funding = entry.funding if entry.funding is not None else Funding()
    return attrs.evolve(entry, funding=attrs.evolve(funding, **changes))


def _with_total(entry: Entry, **changes: Any) -> Entry:
    """``entry`` with its funding total (``EUR 1`` if it has none) changed."""
    total = entry.funding.total if entry.funding is not None else None
    base = total if total is not None else Money(amount=Decimal(1), currency="EUR")
    return _with_funding(entry, total=attrs.evolve(base, **changes))


def _test_share(share: Decimal, n: int = 1) -> FundingShare:
    return FundingShare(
        funder=f"{_TEST_FUNDER} {n}", kind=FunderKind.OTHER, share=share
    )


def _share_out_of_range(entry: Entry) -> Entry:
    # An out-of-range share is left out of the sum, so only this rule breaks.
    shares = list(entry.funding.shares) if entry.funding is not None else []
    for i, share in enumerate(shares):
        if share.share is not None:
            shares[i] = attrs.evolve(share, share=Decimal("1.5"))
            break
    else:
        shares.append(_test_share(Decimal("1.5")))
    return _with_funding(entry, shares=tuple(shares))


def _shares_over_one(entry: Entry) -> Entry:
    shares = entry.funding.shares if entry.funding is not None else ()
    extra = (_test_share(Decimal("0.75"), 1), _test_share(Decimal("0.75"), 2))
    return _with_funding(entry, shares=(*shares, *extra))


def _wave_date_mismatch(entry: Entry) -> Entry:
    day = dt.timedelta(days=1)
    date = entry.selected_on
    moved = date - day if date == dt.date.max else date + day
    return attrs.evolve(entry, selected_on=moved)


_ONE_CLAIM = Conflict(topic="a test conflict", claims=(Claim(value="one claim"),))

_ENTRY_RULES: dict[Rule, Callable[[Entry], Entry]] = {
    "id-not-slug": _id_not_slug,
    "blank-name": lambda entry: attrs.evolve(entry, name="   "),
    "unknown-country": lambda entry: attrs.evolve(entry, country=_NOT_A_COUNTRY),
    "partner-repeats-country": lambda entry: attrs.evolve(
        entry, partner_countries=(*entry.partner_countries, entry.country)
    ),
    "no-sources": lambda entry: attrs.evolve(entry, sources=()),
    "bad-url": lambda entry: _add_source(entry, Source(url="example.org/no-scheme")),
    "source-without-origin": lambda entry: _add_source(
        entry, Source(supports="a source with no URL and no seed")
    ),
    "misquoted-seed": _misquoted_seed,
    "unknown-currency": lambda entry: _with_total(entry, currency=_NOT_A_CURRENCY),
    "negative-amount": lambda entry: _with_total(entry, amount=Decimal(-1)),
    "share-out-of-range": _share_out_of_range,
    "shares-over-one": _shares_over_one,
    "conflict-with-one-claim": lambda entry: attrs.evolve(
        entry, conflicts=(*entry.conflicts, _ONE_CLAIM)
    ),
    "wave-date-mismatch": _wave_date_mismatch,
}


# -- registry rules: they are about how records relate -------------------------
# They work on the registry's Document (its records in file order), since a
# Registry in hand is valid and a broken copy must never be one.


def _entries(doc: Document) -> tuple[Entry, ...]:
    """The entries in the order validation reports them: factories, then antennas."""
    return (*doc.factories, *doc.antennas)


def _rebuild(
    doc: Document, entries: list[Entry], renamed: Mapping[str, str | None]
) -> Document:
    """Return ``doc`` with ``entries``; antenna links follow ``renamed``.

    ``renamed`` maps an old factory id to its new id, or to ``None`` to drop
    links to it, so that changing one id breaks no link rule by accident.
    """

    def follow(ids: tuple[str, ...]) -> list[str]:
        moved = (renamed.get(i, i) for i in ids)
        return [i for i in moved if i is not None]

    if renamed:
        entries = [
            attrs.evolve(
                e,
                factories=follow(e.factories),
                letters_of_intent=follow(e.letters_of_intent),
            )
            if isinstance(e, Antenna)
            else e
            for e in entries
        ]
    return attrs.evolve(
        doc,
        factories=tuple(e for e in entries if isinstance(e, Factory)),
        antennas=tuple(e for e in entries if isinstance(e, Antenna)),
    )


def unused(stem: str, taken: Collection[str], key: Callable[[str], str] = str) -> str:
    """Return ``stem``, or the first of ``stem-2``, ``stem-3``... whose key is free."""
    candidate, n = stem, 1
    while key(candidate) in taken:
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def _needs(rule: Rule, what: str) -> ValueError:
    return ValueError(f"rule {rule!r} needs a registry with {what}")


def _change_first(
    doc: Document, rule: Rule, change: Callable[[Any], Entry], kind: Any = Entry
) -> Document:
    """Return ``doc`` with its first ``kind`` entry changed; links follow a new id."""
    entries = list(_entries(doc))
    found = [i for i, entry in enumerate(entries) if isinstance(entry, kind)]
    if not found:
        raise _needs(rule, "an antenna" if kind is Antenna else "an entry")
    old = entries[found[0]]
    new = entries[found[0]] = change(old)
    renamed = {old.id: new.id} if new.id != old.id else {}
    return _rebuild(doc, entries, renamed)


def _duplicate_id(doc: Document) -> Document:
    # Two entries of one kind, so links to the shared id still hit a factory.
    for group in (doc.antennas, doc.factories):
        if len(group) >= 2:
            first, second = group[0], group[1]
            break
    else:
        raise _needs("duplicate-id", "two factories or two antennas")
    entries = [
        attrs.evolve(e, id=first.id) if e is second else e for e in _entries(doc)
    ]
    return _rebuild(doc, entries, {second.id: None})


def _duplicate_name(doc: Document) -> Document:
    entries = list(_entries(doc))
    if len(entries) < 2:
        raise _needs("duplicate-name", "two entries")
    # The alias goes to the later of the two in validation order, so that
    # it is the one reported.
    entries[1] = attrs.evolve(
        entries[1], aliases=(*entries[1].aliases, entries[0].name)
    )
    return _rebuild(doc, entries, {})


def _unknown_wave(doc: Document) -> Document:
    wave = unused("no-such-wave", {w.id for w in doc.waves})
    return _change_first(doc, "unknown-wave", lambda e: attrs.evolve(e, wave=wave))


def _wave_kind_mismatch(doc: Document) -> Document:
    entries = _entries(doc)
    if not entries:
        raise _needs("wave-kind-mismatch", "an entry")
    wave_id = entries[0].wave
    flip = {Kind.FACTORY: Kind.ANTENNA, Kind.ANTENNA: Kind.FACTORY}
    waves = tuple(
        attrs.evolve(w, kind=flip[w.kind]) if w.id == wave_id else w for w in doc.waves
    )
    return attrs.evolve(doc, waves=waves)


def _add_links(doc: Document, rule: Rule, link: Callable[[Antenna], str]) -> Document:
    def change(antenna: Antenna) -> Antenna:
        return attrs.evolve(antenna, factories=(*antenna.factories, link(antenna)))

    return _change_first(doc, rule, change, Antenna)


def _dangling_link(doc: Document) -> Document:
    missing = unused("no-such-factory", {e.id for e in _entries(doc)})
    return _add_links(doc, "dangling-link", lambda _: missing)


def _duplicate_link(doc: Document) -> Document:
    def change(antenna: Antenna) -> Antenna:
        if antenna.factories:
            return attrs.evolve(
                antenna, factories=(*antenna.factories, antenna.factories[0])
            )
        if antenna.letters_of_intent:
            letters = (*antenna.letters_of_intent, antenna.letters_of_intent[0])
            return attrs.evolve(antenna, letters_of_intent=letters)
        if doc.factories:
            target = doc.factories[0].id
            return attrs.evolve(antenna, factories=(target, target))
        raise _needs("duplicate-link", "an antenna and a factory")

    return _change_first(doc, "duplicate-link", change, Antenna)


_REGISTRY_RULES: dict[Rule, Callable[[Document], Document]] = {
    "duplicate-id": _duplicate_id,
    "duplicate-name": _duplicate_name,
    "unknown-wave": _unknown_wave,
    "wave-kind-mismatch": _wave_kind_mismatch,
    "dangling-link": _dangling_link,
    "link-to-antenna": lambda doc: _add_links(doc, "link-to-antenna", lambda a: a.id),
    "duplicate-link": _duplicate_link,
}

BrokenDocument = dict[str, Any]
"""A registry document that breaks a rule: what ``json.loads`` of a file gives."""


@overload
def break_rule(target: Registry, rule: Rule) -> BrokenDocument: ...
@overload
def break_rule(target: Factory, rule: Rule) -> Factory: ...
@overload
def break_rule(target: Antenna, rule: Rule) -> Antenna: ...
def break_rule(target: Registry | Entry, rule: Rule) -> BrokenDocument | Entry:
    """Return an invalid copy of ``target`` that breaks ``rule``.

    ``target`` itself is left alone (records are immutable). From a valid
    :class:`~aifactories.Registry`, the copy is a registry *document*: the
    ``dict`` that ``json.loads`` of a registry file gives (a Registry in
    hand is always valid, so a broken one cannot be a Registry). Written
    with ``json.dumps``, it is a file that :func:`aifactories.load` and
    :func:`aifactories.loads` reject with a
    :class:`~aifactories.RegistryDataError` reporting problems of that rule
    and no other. The rule hits the first factory (the first antenna, for
    the link rules, or with no factory).

    A :class:`~aifactories.Factory` or :class:`~aifactories.Antenna` can
    break the rules about one entry; the copy breaks the rule wherever the
    original stood. The rules about how entries relate (``duplicate-id``,
    ``duplicate-name``, ``unknown-wave``, ``wave-kind-mismatch`` and the
    link rules) need a :class:`~aifactories.Registry`.

    Args:
        target: A registry, factory or antenna.
        rule: One of :data:`RULES`, e.g. ``"dangling-link"``.

    Raises:
        TypeError: ``target`` is not a Registry, Factory or Antenna.
        ValueError: ``rule`` is unknown, needs a registry, or needs something
            ``target`` lacks (e.g. ``"dangling-link"`` needs an antenna).
    """
    # Typed callers cannot pass anything else; untyped ones get a clear error.
    given: object = target
    if not isinstance(given, Registry | Factory | Antenna):
        msg = (
            "break_rule() breaks a Registry, a Factory or an Antenna, "
            f"not {type(given).__name__}"
        )
        if isinstance(given, dict):
            msg += "; for a registry document, load it first: aifactories.loads(text)"
        raise TypeError(msg)
    if rule not in RULES:
        known = ", ".join(RULES)
        msg = f"unknown rule {rule!r}; the rules are: {known}"
        raise ValueError(msg)
    if isinstance(target, Registry):
        from aifactories._convert import converter  # noqa: PLC0415 - loaded on use

        doc = document_of(target)
        if rule in _REGISTRY_RULES:
            doc = _REGISTRY_RULES[rule](doc)
        else:
            doc = _change_first(doc, rule, _ENTRY_RULES[rule])
        return {"format": FORMAT, **converter().unstructure(doc)}
    if rule in _REGISTRY_RULES:
        msg = (
            f"rule {rule!r} is about how entries relate; "
            f"break it in a Registry, not a {type(target).__name__}"
        )
        raise ValueError(msg)
    # attrs.evolve keeps the class, so a Factory stays a Factory.
    return _ENTRY_RULES[rule](target)


def minimum_counts(rule: Rule) -> tuple[int, int]:
    """Return the fewest (factories, antennas) a registry needs to break ``rule``."""
    # Entry rules need one entry of any kind; (1, 0) asks for it as a factory.
    return _MINIMUM_COUNTS.get(rule, (1, 0))


_MINIMUM_COUNTS: dict[Rule, tuple[int, int]] = {
    "duplicate-id": (2, 0),
    "duplicate-name": (2, 0),
    "dangling-link": (0, 1),
    "link-to-antenna": (0, 1),
    "duplicate-link": (1, 1),
}
