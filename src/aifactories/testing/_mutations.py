"""Invalid copies of valid data, each breaking one named rule, for negative tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Literal, get_args, overload

import attrs

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
from aifactories._seeds import seed_names, seed_text

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


def _blank_name(entry: Entry) -> Entry:
    return attrs.evolve(entry, name="   ")


def _unknown_country(entry: Entry) -> Entry:
    return attrs.evolve(entry, country=_NOT_A_COUNTRY)


def _partner_repeats_country(entry: Entry) -> Entry:
    return attrs.evolve(
        entry, partner_countries=(*entry.partner_countries, entry.country)
    )


def _no_sources(entry: Entry) -> Entry:
    return attrs.evolve(entry, sources=())


def _add_source(entry: Entry, source: Source) -> Entry:
    return attrs.evolve(entry, sources=(*entry.sources, source))


def _bad_url(entry: Entry) -> Entry:
    return _add_source(entry, Source(url="example.org/no-scheme"))


def _source_without_origin(entry: Entry) -> Entry:
    return _add_source(entry, Source(supports="a source with no URL and no seed"))


def _misquoted_seed(entry: Entry) -> Entry:
    names = seed_names()
    if not names:
        msg = "rule 'misquoted-seed' needs seed documents, and none are installed"
        raise ValueError(msg)
    quote = "words that aifactories.testing made up"
    while quote in seed_text(names[0]):  # pragma: no cover - a seed quoting us
        quote += "!"
    return _add_source(entry, Source(seed=names[0], quote=quote))


def _funding(entry: Entry) -> Funding:
    return entry.funding if entry.funding is not None else Funding()


def _unknown_currency(entry: Entry) -> Entry:
    funding = _funding(entry)
    amount = funding.total.amount if funding.total is not None else Decimal(1)
    total = Money(amount=amount, currency=_NOT_A_CURRENCY)
    return attrs.evolve(entry, funding=attrs.evolve(funding, total=total))


def _negative_amount(entry: Entry) -> Entry:
    funding = _funding(entry)
    currency = funding.total.currency if funding.total is not None else "EUR"
    total = Money(amount=Decimal(-1), currency=currency)
    return attrs.evolve(entry, funding=attrs.evolve(funding, total=total))


def _test_share(share: Decimal, n: int = 1) -> FundingShare:
    return FundingShare(
        funder=f"{_TEST_FUNDER} {n}", kind=FunderKind.OTHER, share=share
    )


def _share_out_of_range(entry: Entry) -> Entry:
    # An out-of-range share is left out of the sum, so only this rule breaks.
    funding = _funding(entry)
    shares = list(funding.shares)
    for i, share in enumerate(shares):
        if share.share is not None:
            shares[i] = attrs.evolve(share, share=Decimal("1.5"))
            break
    else:
        shares.append(_test_share(Decimal("1.5")))
    return attrs.evolve(entry, funding=attrs.evolve(funding, shares=shares))


def _shares_over_one(entry: Entry) -> Entry:
    funding = _funding(entry)
    extra = (_test_share(Decimal("0.75"), 1), _test_share(Decimal("0.75"), 2))
    shares = (*funding.shares, *extra)
    return attrs.evolve(entry, funding=attrs.evolve(funding, shares=shares))


def _conflict_with_one_claim(entry: Entry) -> Entry:
    conflict = Conflict(topic="a test conflict", claims=(Claim(value="one claim"),))
    return attrs.evolve(entry, conflicts=(*entry.conflicts, conflict))


def _wave_date_mismatch(entry: Entry) -> Entry:
    day = dt.timedelta(days=1)
    date = entry.selected_on
    moved = date - day if date == dt.date.max else date + day
    return attrs.evolve(entry, selected_on=moved)


_ENTRY_RULES: dict[Rule, Callable[[Entry], Entry]] = {
    "id-not-slug": _id_not_slug,
    "blank-name": _blank_name,
    "unknown-country": _unknown_country,
    "partner-repeats-country": _partner_repeats_country,
    "no-sources": _no_sources,
    "bad-url": _bad_url,
    "source-without-origin": _source_without_origin,
    "misquoted-seed": _misquoted_seed,
    "unknown-currency": _unknown_currency,
    "negative-amount": _negative_amount,
    "share-out-of-range": _share_out_of_range,
    "shares-over-one": _shares_over_one,
    "conflict-with-one-claim": _conflict_with_one_claim,
    "wave-date-mismatch": _wave_date_mismatch,
}


# -- registry rules: they are about how records relate -------------------------


def _rebuild(
    registry: Registry, entries: list[Entry], renamed: Mapping[str, str | None]
) -> Registry:
    """Return ``registry`` with ``entries``; antenna links follow ``renamed``.

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
        registry,
        factories=[e for e in entries if isinstance(e, Factory)],
        antennas=[e for e in entries if isinstance(e, Antenna)],
    )


def _unused_id(registry: Registry, stem: str) -> str:
    taken = {e.id for e in registry.entries}
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def _needs(rule: Rule, what: str) -> ValueError:
    return ValueError(f"rule {rule!r} needs a registry with {what}")


def _first_antenna(registry: Registry, rule: Rule) -> tuple[int, Antenna]:
    for i, entry in enumerate(registry.entries):
        if isinstance(entry, Antenna):
            return i, entry
    raise _needs(rule, "an antenna")


def _entry_rule(registry: Registry, rule: Rule) -> Registry:
    if not registry.entries:
        raise _needs(rule, "an entry")
    entries = list(registry.entries)
    old = entries[0]
    new = entries[0] = _ENTRY_RULES[rule](old)
    renamed = {old.id: new.id} if new.id != old.id else {}
    return _rebuild(registry, entries, renamed)


def _duplicate_id(registry: Registry) -> Registry:
    # Two entries of one kind, so links to the shared id still hit a factory.
    for group in (registry.antennas, registry.factories):
        if len(group) >= 2:
            first, second = group[0], group[1]
            break
    else:
        raise _needs("duplicate-id", "two factories or two antennas")
    entries = [
        attrs.evolve(e, id=first.id) if e is second else e for e in registry.entries
    ]
    return _rebuild(registry, entries, {second.id: None})


def _duplicate_name(registry: Registry) -> Registry:
    if len(registry.entries) < 2:
        raise _needs("duplicate-name", "two entries")
    # validate() reads factories before antennas; giving the alias to the
    # later of two entries in that order makes it the one reported.
    first, second = (*registry.factories, *registry.antennas)[:2]
    entries = [
        attrs.evolve(e, aliases=(*e.aliases, first.name)) if e is second else e
        for e in registry.entries
    ]
    return _rebuild(registry, entries, {})


def _unknown_wave(registry: Registry) -> Registry:
    if not registry.entries:
        raise _needs("unknown-wave", "an entry")
    taken = {w.id for w in registry.wave_records}
    wave, n = "no-such-wave", 1
    while wave in taken:
        n += 1
        wave = f"no-such-wave-{n}"
    entries = list(registry.entries)
    entries[0] = attrs.evolve(entries[0], wave=wave)
    return _rebuild(registry, entries, {})


def _wave_kind_mismatch(registry: Registry) -> Registry:
    if not registry.entries:
        raise _needs("wave-kind-mismatch", "an entry")
    wave_id = registry.entries[0].wave
    flip = {Kind.FACTORY: Kind.ANTENNA, Kind.ANTENNA: Kind.FACTORY}
    wave_records = [
        attrs.evolve(w, kind=flip[w.kind]) if w.id == wave_id else w
        for w in registry.wave_records
    ]
    return attrs.evolve(registry, wave_records=wave_records)


def _add_links(registry: Registry, rule: Rule, *links: str) -> Registry:
    position, antenna = _first_antenna(registry, rule)
    entries = list(registry.entries)
    entries[position] = attrs.evolve(antenna, factories=(*antenna.factories, *links))
    return _rebuild(registry, entries, {})


def _dangling_link(registry: Registry) -> Registry:
    return _add_links(
        registry, "dangling-link", _unused_id(registry, "no-such-factory")
    )


def _link_to_antenna(registry: Registry) -> Registry:
    _, antenna = _first_antenna(registry, "link-to-antenna")
    return _add_links(registry, "link-to-antenna", antenna.id)


def _duplicate_link(registry: Registry) -> Registry:
    position, antenna = _first_antenna(registry, "duplicate-link")
    entries = list(registry.entries)
    if antenna.factories:
        changed = attrs.evolve(
            antenna, factories=(*antenna.factories, antenna.factories[0])
        )
    elif antenna.letters_of_intent:
        letters = (*antenna.letters_of_intent, antenna.letters_of_intent[0])
        changed = attrs.evolve(antenna, letters_of_intent=letters)
    elif registry.factories:
        target = registry.factories[0].id
        changed = attrs.evolve(antenna, factories=(target, target))
    else:
        raise _needs("duplicate-link", "an antenna and a factory")
    entries[position] = changed
    return _rebuild(registry, entries, {})


_REGISTRY_RULES: dict[Rule, Callable[[Registry], Registry]] = {
    "duplicate-id": _duplicate_id,
    "duplicate-name": _duplicate_name,
    "unknown-wave": _unknown_wave,
    "wave-kind-mismatch": _wave_kind_mismatch,
    "dangling-link": _dangling_link,
    "link-to-antenna": _link_to_antenna,
    "duplicate-link": _duplicate_link,
}

if set(_ENTRY_RULES) | set(_REGISTRY_RULES) != set(get_args(Rule)):  # pragma: no cover
    msg = "every rule needs exactly one implementation"
    raise AssertionError(msg)


@overload
def break_rule(target: Registry, rule: Rule) -> Registry: ...
@overload
def break_rule(target: Factory, rule: Rule) -> Factory: ...
@overload
def break_rule(target: Antenna, rule: Rule) -> Antenna: ...
def break_rule(target: Registry | Entry, rule: Rule) -> Registry | Entry:
    """Return an invalid copy of ``target`` that breaks ``rule``.

    ``target`` itself is left alone (records are immutable). A copy of a
    valid registry breaks the named rule and no other, so
    ``aifactories.validate`` reports only problems of that rule, and
    ``aifactories.loads(aifactories.dumps(copy))`` raises
    :class:`~aifactories.RegistryDataError`. The rule hits the first
    entry (or antenna) in registry order.

    A :class:`~aifactories.Factory` or :class:`~aifactories.Antenna` can
    break the rules about one entry; the copy breaks the rule wherever the
    original stood. The rules about how entries relate (``duplicate-id``,
    ``duplicate-name``, ``unknown-wave``, ``wave-kind-mismatch`` and the
    link rules) need a :class:`~aifactories.Registry`.

    Args:
        target: A valid registry, factory or antenna.
        rule: One of :data:`RULES`, e.g. ``"dangling-link"``.

    Raises:
        ValueError: ``rule`` is unknown, needs a registry, or needs something
            ``target`` lacks (e.g. ``"dangling-link"`` needs an antenna).
    """
    if rule not in RULES:
        known = ", ".join(RULES)
        msg = f"unknown rule {rule!r}; the rules are: {known}"
        raise ValueError(msg)
    if isinstance(target, Registry):
        if rule in _REGISTRY_RULES:
            return _REGISTRY_RULES[rule](target)
        return _entry_rule(target, rule)
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
