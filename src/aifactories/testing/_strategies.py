"""Hypothesis strategies for every record, built to pass every validation rule.

Records are drawn from the model's declarations (:mod:`._derive`); this
module adds what no single field declares: a source's URL *or* seed quote,
shares adding up to at most one, names unique across a registry, antenna
links, waves. It also keeps the public strategy functions and their pins.

Each public function checks its arguments and pins (see
:mod:`aifactories.testing.strategies`) when called, raising
:class:`hypothesis.errors.InvalidArgument`, not when drawing, so a bad
argument fails at collection with a clear message.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import operator
import typing
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from aifactories._countries import country_code
from aifactories._model import (
    AccessCall,
    Antenna,
    Audience,
    Claim,
    Confidence,
    Conflict,
    Entry,
    Fact,
    Factory,
    FunderKind,
    Funding,
    FundingShare,
    Grant,
    Host,
    Kind,
    Link,
    Location,
    Milestone,
    MilestoneKind,
    Money,
    Person,
    Precision,
    Role,
    Sector,
    Source,
    SourceKind,
    Stakeholder,
    Supercomputer,
    SystemStatus,
    Wave,
    _Entry,
)
from aifactories._registry import Registry, Selection
from aifactories._rules import COUNTRY, SLUG, TEXT, URL
from aifactories._seeds import seed_names, seed_text
from aifactories._text import fold, visible
from aifactories._validate import check_field
from aifactories.testing._derive import (
    CLASS_OVERRIDES,
    DATE_DRAW,
    FIELD_OVERRIDES,
    LEAN,
    TEXT_ALPHABET,
    Override,
    cached,
    derived_strategy,
    draw_fields,
    ints,
    record_strategy,
    rule_draw,
)
from aifactories.testing._mutations import (
    RULES,
    BrokenDocument,
    Rule,
    break_rule,
    minimum_counts,
    unused,
)
from aifactories.testing._records import build_registry, make_antenna, make_factory

T = TypeVar("T")

_just = cached(st.just)


def _drawn(value: T | SearchStrategy[T]) -> SearchStrategy[T]:
    """A pin as a strategy: a plain value is drawn as it is.

    The same value gives the same strategy, so that the strategies built
    from pins are cached by them.
    """
    return value if isinstance(value, SearchStrategy) else _just(value)


def _checked_pins(
    cls: type[Any], given: Mapping[str, object]
) -> dict[str, SearchStrategy[Any]]:
    """The pins ``given`` as strategies; ``None`` leaves a field drawn.

    A plain pin is drawn as it is, so an invalid one would make every drawn
    record invalid; say so when the strategy is made instead.

    Raises:
        InvalidArgument: A plain pin breaks its field's rule; the message says how.
    """
    # Sequences pinned as tuples, which the records hold and the cache hashes.
    plain = {
        name: value
        if isinstance(value, str) or not isinstance(value, Sequence)
        else tuple(value)
        for name, value in given.items()
        if value is not None
    }
    for name, value in plain.items():
        problems = (
            () if isinstance(value, SearchStrategy) else check_field(cls, name, value)
        )
        if problems:
            msg = f"{name}={value!r} is not a valid pin: {'; '.join(problems)}"
            raise InvalidArgument(msg)
    return {name: _drawn(value) for name, value in plain.items()}


def _pinned_record(cls: type[T], **given: object) -> SearchStrategy[T]:
    """The derived strategy for ``cls`` with ``given`` pinned (``None``: drawn)."""
    return typing.cast(
        "SearchStrategy[T]", derived_strategy(cls, pins=_checked_pins(cls, given))
    )


def _resolve_drawn(value: T) -> T:
    # Typed as T so that a pin of str | None stays one; only str resolves.
    if isinstance(value, str):
        return country_code(value)  # type: ignore[return-value]
    return value


def _country_pin(
    value: str | SearchStrategy[T] | None,
) -> str | SearchStrategy[T] | None:
    """Accept ISO codes or English names, plain or drawn, for a pinned country."""
    if value is None:
        return None
    if isinstance(value, SearchStrategy):
        return value.map(_resolve_drawn)
    try:
        return country_code(value)
    except ValueError as exc:
        msg = f"country={value!r}: {exc}"
        raise InvalidArgument(msg) from None


def _kind_pin(value: Kind | str | None) -> Kind | None:
    if value is None:
        return None
    try:
        return Kind(value)
    except ValueError:
        msg = f"kind={value!r}: must be 'factory', 'antenna' or None"
        raise InvalidArgument(msg) from None


def _not_one_string(name: str, value: object, items: str) -> None:
    # A string is a sequence of strings, so it would pass as one per character.
    if isinstance(value, str):
        msg = f"{name}={value!r}: must be a sequence of {items}, not one string"
        raise InvalidArgument(msg)


def _check_size(name: str, value: object, minimum: int = 0) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        msg = f"{name}={value!r}: must be an integer >= {minimum}"
        raise InvalidArgument(msg)


# -- scalars -------------------------------------------------------------------


def _keyed(value: str) -> str:
    # A name must fold to something, or it could never be looked up.
    return value if visible(value) and fold(value) else f"{value}x"


# Names and aliases: non-blank text that still says something folded.
_NAMES = st.text(TEXT_ALPHABET, min_size=1, max_size=24).map(_keyed)


# Drawing an index reuses one cached strategy per length, where sampled_from
# would build (and validate) a new strategy for every list it is given.
def _pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    return items[draw(st.integers(0, len(items) - 1))]


def _subset(draw: st.DrawFn, items: Sequence[T], max_size: int) -> list[T]:
    if not items:
        return []
    index = st.integers(0, len(items) - 1)
    return [items[i] for i in draw(st.lists(index, max_size=max_size, unique=True))]


# -- sources -------------------------------------------------------------------


@functools.cache
def _quote_starts() -> tuple[tuple[str, str, int], ...]:
    """Every place a quote may start (a non-blank character) in every seed.

    One flat table, so that one choice picks the seed and the start.
    """
    found = []
    for name in seed_names():
        text = seed_text(name)
        found += [(name, text, i) for i, ch in enumerate(text) if not ch.isspace()]
    return tuple(found)


@st.composite
def _draw_source(draw: st.DrawFn, *, seed: bool | None, level: int) -> Source:
    # The one cross-field rule of a source: a URL, or a seed with a quote
    # found verbatim in it. The other fields come from the declarations.
    starts = _quote_starts()
    quoted = bool(starts) and (draw(st.booleans()) if seed is None else seed)
    if quoted:
        name, text, start = _pick(draw, starts)
        quote = text[start : start + draw(st.integers(1, 60))]
        fixed: dict[str, Any] = {"url": None, "seed": name, "quote": quote}
    else:
        fixed = {"url": rule_draw(URL).one(draw), "seed": None, "quote": None}
    return Source(**draw_fields(draw, Source, fixed, level))


@functools.cache
def _source_pool() -> SearchStrategy[Source]:
    """A fixed pool of valid sources: URLs and seed quotes, every kind, Unicode."""
    supports = (None, "the host", "Linköping ⇄ Łódź", "資金", "a\nlonger note")
    kinds = (None, *SourceKind)
    pool: list[Source] = []
    for i in range(24):
        kind = kinds[i % len(kinds)]
        note = supports[i % len(supports)]
        if i % 3 == 2 and _quote_starts():
            name, text, start = _quote_starts()[i % len(_quote_starts())]
            quote = text[start : start + 1 + (i * 7) % 40]
            pool.append(Source(seed=name, quote=quote, supports=note, kind=kind))
        else:
            scheme = "http" if i % 5 == 4 else "https"
            url = f"{scheme}://source-{i}.example.org/{'ä' * (i % 3)}{i}"
            pool.append(
                Source(url=url, supports=note, kind=kind, http_only=scheme == "http")
            )
    return st.sampled_from(pool)


@cached
def _sources(*, seed: bool | None, level: int = 0) -> SearchStrategy[Source]:
    if level >= LEAN and seed is None:
        # Deeply nested sources (a claim's, a host's) are many and rarely
        # what a test reads: one draw from a varied pool, not six.
        return _source_pool()
    return _draw_source(seed=seed, level=level)


def sources(*, seed: bool | None = None) -> SearchStrategy[Source]:
    """Sources: a web page, or a verbatim quote from a shipped seed document.

    Args:
        seed: ``True`` for seed quotes only, ``False`` for URLs only, ``None``
            for both (seed quotes only where seed documents are installed).

    Raises:
        InvalidArgument: ``seed=True`` but no seed documents are installed.
    """
    if seed and not _quote_starts():
        msg = "seed=True: no seed documents are installed (aifactories.seed_names())"
        raise InvalidArgument(msg)
    return _sources(seed=seed)


# -- small records -------------------------------------------------------------


@cached
def _amounts(max_amount: int) -> SearchStrategy[Decimal]:
    return ints(0, max_amount * 100, 2).strategy()


def money(
    *,
    currency: str | SearchStrategy[str] | None = None,
    max_amount: int = 10**12,
) -> SearchStrategy[Money]:
    """Non-negative amounts in a valid currency, to the cent.

    Args:
        currency: Pin the ISO 4217 code, e.g. ``"EUR"``.
        max_amount: The largest amount drawn.

    Raises:
        InvalidArgument: ``currency`` is not an ISO 4217 code.
    """
    _check_size("max_amount", max_amount)
    # The default bound is the amount rule's own: the derived strategy.
    amount = None if max_amount == 10**12 else _amounts(max_amount)
    return _pinned_record(Money, currency=currency, amount=amount)


# -- funding -------------------------------------------------------------------


def _unshared(level: int) -> SearchStrategy[FundingShare]:
    return derived_strategy(FundingShare, level, {"share": st.none()})


@cached
@st.composite
def _draw_splits(
    draw: st.DrawFn, min_size: int, max_size: int, places: int, level: int = 0
) -> tuple[FundingShare, ...]:
    count = draw(st.integers(min_size, max_size))
    whole = 10**places
    cuts = draw(
        st.lists(
            st.integers(1, whole - 1),
            min_size=count - 1,
            max_size=count - 1,
            unique=True,
        )
    )
    bounds = [0, *sorted(cuts), whole]
    fractions = [Decimal(b - a).scaleb(-places) for a, b in itertools.pairwise(bounds)]
    rest = _unshared(level)
    return tuple(attrs.evolve(draw(rest), share=f) for f in fractions)


def funding_splits(
    *, min_size: int = 1, max_size: int = 4, places: int = 2
) -> SearchStrategy[tuple[FundingShare, ...]]:
    """Funding shares whose ``share`` values add up to exactly one.

    Args:
        min_size: The fewest shares.
        max_size: The most shares.
        places: Decimal places of each share (``2`` gives ``0.35``).

    Raises:
        InvalidArgument: The sizes are not ``1 <= min_size <= max_size`` or
            more shares are asked for than ``places`` can tell apart.
    """
    _check_size("min_size", min_size, 1)
    _check_size("max_size", max_size, min_size)
    _check_size("places", places, 1)
    if max_size > 10**places:
        msg = f"max_size={max_size}: {places} places allow at most {10**places} shares"
        raise InvalidArgument(msg)
    return _draw_splits(min_size, max_size, places)


def _drop_last(split: tuple[FundingShare, ...]) -> tuple[FundingShare, ...]:
    return split[:-1]


def _shares(level: int) -> SearchStrategy[tuple[FundingShare, ...]]:
    # The cross-field rule of funding: shares add up to at most one. A full
    # split, a partial one, or shares with no known fraction. The shares
    # are the funding's children: one level down.
    below = min(level + 1, LEAN)
    most = 1 if level >= LEAN else 2
    return st.one_of(
        _draw_splits(1, most + 1, 2, below),
        _draw_splits(2, most + 1, 2, below).map(_drop_last),
        st.lists(_unshared(below), min_size=1, max_size=most).map(tuple),
    )


def fundings(
    *,
    total: Money | SearchStrategy[Money | None] | None = None,
    shares: tuple[FundingShare, ...]
    | SearchStrategy[tuple[FundingShare, ...]]
    | None = None,
) -> SearchStrategy[Funding]:
    """Funding records whose shares add up to at most one.

    By default the shares are a full split (adding up to one), a partial
    one, shares with no known fraction, or none.

    Args:
        total: Pin the total (``st.none()`` for an unknown total).
        shares: Pin the shares, e.g. ``funding_splits(min_size=2)``.
    """
    return _pinned_record(Funding, total=total, shares=shares)


# -- waves and entries ---------------------------------------------------------


def waves(
    *,
    id: str | SearchStrategy[str] | None = None,  # noqa: A002 - the field's name
    kind: Kind | str | None = None,
    announced: dt.date | SearchStrategy[dt.date] | None = None,
) -> SearchStrategy[Wave]:
    """Selection waves.

    Args:
        id: Pin the wave id, e.g. ``"W1"``.
        kind: Pin the kind of entry it selects (``"factory"`` or ``"antenna"``).
        announced: Pin the announcement date.
    """
    return _pinned_record(Wave, id=id, kind=_kind_pin(kind), announced=announced)


def _fix_entry(values: dict[str, Any], taken: set[str], *, own_aliases: bool) -> None:
    """Make a drawn entry keep the rules that span its fields.

    Drawn aliases that fold like a name already ``taken`` (the entry's own
    id and name, or another entry's) are dropped, so that every name finds
    its entry; a partner country that is the host country is dropped.
    """
    if own_aliases:
        kept = []
        for alias in values["aliases"]:
            key = fold(alias)
            if key not in taken:
                taken.add(key)
                kept.append(alias)
        values["aliases"] = tuple(kept)
    country = values["country"]
    values["partner_countries"] = tuple(
        c for c in values["partner_countries"] if c != country
    )


def _links(
    draw: st.DrawFn, entry_id: str, factory_ids: tuple[str, ...], *, lean: bool = False
) -> dict[str, Any]:
    candidates = [i for i in factory_ids if i != entry_id]
    if lean:
        # One choice: nothing, a link to one factory or a letter to one.
        n = len(candidates)
        chosen = draw(st.integers(-1, 2 * n - 1)) if n else -1
        one = () if chosen < 0 else (candidates[chosen % n],)
        if chosen < n:
            return {"factories": one, "letters_of_intent": ()}
        return {"factories": (), "letters_of_intent": one}
    links = _subset(draw, candidates, 3)
    letters = _subset(draw, [i for i in candidates if i not in links], 1)
    return {"factories": tuple(links), "letters_of_intent": tuple(letters)}


def _draw_entry(
    draw: st.DrawFn,
    cls: type[Entry],
    fixed: dict[str, Any],
    *,
    taken: set[str] | None = None,
    factory_ids: tuple[str, ...] = (),
) -> Entry:
    """Draw the rest of an entry around the fields ``fixed`` (pins, or identity).

    ``taken`` holds the folded names already used in a registry, and is
    updated; an antenna links to some of ``factory_ids``.
    """
    if cls is Antenna and "factories" not in fixed:
        entry_id = fixed.get("id")
        if entry_id is None:
            entry_id = fixed["id"] = rule_draw(SLUG).one(draw)
        fixed.update(_links(draw, entry_id, factory_ids))
    own_aliases = "aliases" not in fixed
    values = draw_fields(draw, cls, fixed)
    if taken is None:
        taken = {values["id"], fold(values["name"])}
    _fix_entry(values, taken, own_aliases=own_aliases)
    return cls(**values)


@st.composite
def _pinned_entries(
    draw: st.DrawFn,
    cls: type[Entry],
    pins: tuple[tuple[str, SearchStrategy[Any]], ...] = (),
    factory_ids: tuple[str, ...] = (),
) -> Entry:
    fixed = {name: draw(strategy) for name, strategy in pins}
    return _draw_entry(draw, cls, fixed, factory_ids=factory_ids)


_entries_cached: Callable[..., SearchStrategy[Entry]] = cached(_pinned_entries)


def _entry_strategy(
    cls: type[Entry], given: dict[str, Any], factory_ids: tuple[str, ...] = ()
) -> SearchStrategy[Any]:
    """The strategy for ``cls`` with the fields ``given`` pins (``None``: drawn)."""
    _not_one_string("aliases", given["aliases"], "names")
    given["country"] = _country_pin(given["country"])
    return _entries_cached(cls, tuple(_checked_pins(cls, given).items()), factory_ids)


def factories(  # noqa: PLR0913 - one pin per field worth pinning
    *,
    id: str | SearchStrategy[str] | None = None,  # noqa: A002 - the field's name
    name: str | SearchStrategy[str] | None = None,
    aliases: Sequence[str] | SearchStrategy[tuple[str, ...]] | None = None,
    country: str | SearchStrategy[str] | None = None,
    wave: str | SearchStrategy[str] | None = None,
    selected_on: dt.date | SearchStrategy[dt.date] | None = None,
    host: Host | SearchStrategy[Host | None] | None = None,
    funding: Funding | SearchStrategy[Funding | None] | None = None,
    supercomputer: Supercomputer | SearchStrategy[Supercomputer | None] | None = None,
) -> SearchStrategy[Factory]:
    """AI Factories that pass every rule once their wave exists.

    One factory alone is valid in a registry with its wave, which
    :func:`aifactories.testing.build_registry` adds. For several entries
    that must agree with each other (unique names, shared waves), draw a
    whole registry with :func:`registries`.

    Args:
        id: Pin the id (a slug).
        name: Pin the official name.
        aliases: Pin the aliases.
        country: Pin the host country (ISO code or English name).
        wave: Pin the wave id.
        selected_on: Pin the selection date.
        host: Pin the host (``st.none()`` for an unknown host).
        funding: Pin the funding (``st.none()`` for none).
        supercomputer: Pin the system (``st.none()`` for none).

    Raises:
        InvalidArgument: ``country`` is not a known country.
    """
    # Every parameter pins the field of its name.
    return _entry_strategy(Factory, dict(locals()))


def antennas(  # noqa: PLR0913 - one pin per field worth pinning
    *,
    id: str | SearchStrategy[str] | None = None,  # noqa: A002 - the field's name
    name: str | SearchStrategy[str] | None = None,
    aliases: Sequence[str] | SearchStrategy[tuple[str, ...]] | None = None,
    country: str | SearchStrategy[str] | None = None,
    wave: str | SearchStrategy[str] | None = None,
    selected_on: dt.date | SearchStrategy[dt.date] | None = None,
    host: Host | SearchStrategy[Host | None] | None = None,
    funding: Funding | SearchStrategy[Funding | None] | None = None,
    factory_ids: Sequence[str] = (),
) -> SearchStrategy[Antenna]:
    """AI Factory Antennas that pass every rule once their wave exists.

    Args:
        id: Pin the id (a slug).
        name: Pin the official name.
        aliases: Pin the aliases.
        country: Pin the host country (ISO code or English name).
        wave: Pin the wave id.
        selected_on: Pin the selection date.
        host: Pin the host (``st.none()`` for an unknown host).
        funding: Pin the funding (``st.none()`` for none).
        factory_ids: Ids of factories the antenna may link to; its links and
            letters of intent are drawn from them. Empty: no links.

    Raises:
        InvalidArgument: ``country`` is not a known country.
    """
    # Every other parameter pins the field of its name.
    pins = dict(locals())
    links = pins.pop("factory_ids")
    _not_one_string("factory_ids", links, "ids")
    return _entry_strategy(Antenna, pins, tuple(dict.fromkeys(links)))


def entries(
    *, kind: Kind | str | None = None, country: str | SearchStrategy[str] | None = None
) -> SearchStrategy[Factory | Antenna]:
    """Factories or antennas.

    Args:
        kind: Pin the kind (``"factory"`` or ``"antenna"``).
        country: Pin the host country (ISO code or English name).

    Raises:
        InvalidArgument: ``kind`` or ``country`` is unknown.
    """
    pinned = _kind_pin(kind)
    if pinned is Kind.FACTORY:
        return factories(country=country)
    if pinned is Kind.ANTENNA:
        return antennas(country=country)
    return factories(country=country) | antennas(country=country)


# -- registries ----------------------------------------------------------------


def _unique(stem: str, taken: set[str]) -> str:
    # A suffix, not a unique list: a list of unique strings rejects and
    # redraws, a deterministic fix never does (and shrinks to "0", "0-2").
    # Folded, so that names and aliases that fold alike count as taken.
    candidate = unused(stem, taken, fold)
    taken.add(fold(candidate))
    return candidate


_NAME_STEMS = ("AI Factory", "Ŝtest ÅI", "İstanbul AIF", "資金 AI", "Ελλάδα AI")
"""Stems of lean entries' names: stem and position make them unique."""


def _draw_waves(draw: st.DrawFn, kinds: list[Kind]) -> dict[Kind, list[Wave]]:
    # A registry's waves are context for its entries: what matters is their
    # ids, kinds and dates (the entries' dates); the rest is drawn lean.
    taken: set[str] = set()
    found: dict[Kind, list[Wave]] = {kind: [] for kind in Kind}
    for kind in kinds:
        fixed = {"id": _unique(rule_draw(TEXT).one(draw), taken), "kind": kind}
        found[kind].append(Wave(**draw_fields(draw, Wave, fixed, LEAN)))
    return found


@functools.cache
def _lean_bodies(*, factory: bool) -> tuple[dict[str, Any], ...]:
    """Prebuilt valid fields of an entry besides its identity, for lean entries.

    Between them they cover every kind of record an entry holds (the
    pieces of :func:`_pieces`), non-ASCII text, a full funding split; the
    first is the bare minimum (one source), where shrinking ends.
    """
    a, b, c = _POOL_SOURCES
    pieces = _pieces()
    bodies: list[dict[str, Any]] = [
        {"sources": (a,)},
        {
            "sources": (a, b),
            "host": Host(name="Ŝtest Ünïversity", city="Łódź", sources=(a,)),
            "sectors": frozenset({Sector.HEALTH, Sector.SPACE}),
            "focus": ("LLMs", "資金"),
            "website": pieces[Link][0],
            "access": pieces[Link][1],
        },
        {
            "sources": (a,),
            "funding": Funding(
                total=Money(Decimal("420000000.00"), "EUR"),
                shares=(
                    FundingShare(
                        funder="EuroHPC JU", kind=FunderKind.EU, share=Decimal("0.5")
                    ),
                    FundingShare(
                        funder="Ministère",
                        kind=FunderKind.NATIONAL,
                        country="FR",
                        share=Decimal("0.5"),
                    ),
                ),
            ),
            "location": pieces[Location][0],
        },
        {
            "sources": (c,),
            "partner_countries": ("FI", "EE"),
            "stakeholders": pieces[Stakeholder],
            "grants": pieces[Grant][:1],
            "notes": "a\nnote",
        },
        {
            "sources": (b,),
            "people": pieces[Person],
            "conflicts": pieces[Conflict][:1],
            "confidence": Confidence.LOW,
        },
    ]
    if factory:
        system = Supercomputer(status=SystemStatus.NEW, name="Ŝystem", sources=(b,))
        bodies[1]["supercomputer"] = system
        bodies[3]["experimental_platform"] = "quantum ⚛"
    return tuple(bodies)


def _lean_entry(draw: st.DrawFn, cls: type[Entry], fixed: dict[str, Any]) -> Entry:
    """An entry of a large registry: its identity drawn, its body prebuilt."""
    body = _pick(draw, _lean_bodies(factory=cls is Factory))
    values = {"partner_countries": (), **body, **fixed}
    values.setdefault("country", rule_draw(COUNTRY).one(draw))
    # The one rule a body can break with a drawn country: no partner may
    # be the host country. Its aliases are none.
    _fix_entry(values, set(), own_aliases=False)
    return cls(**values)


@cached
@st.composite
def _draw_registries(  # noqa: PLR0913 - the registries() arguments, checked
    draw: st.DrawFn,
    *,
    min_size: int,
    max_size: int,
    min_factories: int,
    min_antennas: int,
    kind: Kind | None,
    country: SearchStrategy[str] | None,
) -> Registry:
    size = draw(st.integers(min_size, max_size))
    if kind is Kind.FACTORY:
        factory_count = size
    elif kind is Kind.ANTENNA:
        factory_count = 0
    else:
        factory_count = draw(st.integers(min_factories, size - min_antennas))
    # Ids are slugs, so they are their own folded key; names and aliases
    # join them as they are drawn, and none may fold like another.
    # The first id is drawn; the lean entries' ids say what they are
    # ("antenna-3"), which costs no choice and reads well in a failure.
    taken: set[str] = set()
    ids = [
        _unique(
            rule_draw(SLUG).one(draw)
            if position == 0
            else f"{'factory' if position < factory_count else 'antenna'}-{position}",
            taken,
        )
        for position in range(size)
    ]
    wave_kinds = []
    if factory_count:
        wave_kinds += [Kind.FACTORY] * draw(st.integers(1, 2))
    if size > factory_count:
        wave_kinds += [Kind.ANTENNA] * draw(st.integers(1, 2))
    by_kind = _draw_waves(draw, wave_kinds)

    factory_ids = tuple(ids[:factory_count])
    built: list[Entry] = []
    for position, entry_id in enumerate(ids):
        cls: type[Entry] = Factory if position < factory_count else Antenna
        wave = _pick(draw, by_kind[Kind.FACTORY if cls is Factory else Kind.ANTENNA])
        # The first entry in full detail, the others lean (see registries()).
        rich = position == 0
        # A lean entry's name is a stem and its position: no choice at all.
        stem = _NAME_STEMS[position % len(_NAME_STEMS)]
        name = draw(_NAMES) if rich else f"{stem} {position}"
        fixed: dict[str, Any] = {
            "id": entry_id,
            "name": _unique(name, taken),
            "wave": wave.id,
            "selected_on": wave.announced,
        }
        if country is not None:
            fixed["country"] = draw(country)
        if cls is Antenna:
            fixed.update(_links(draw, entry_id, factory_ids, lean=not rich))
        if rich:
            built.append(_draw_entry(draw, cls, fixed, taken=taken))
        else:
            built.append(_lean_entry(draw, cls, fixed))
    return Registry(
        data_version=rule_draw(TEXT).one(draw),
        data_date=DATE_DRAW.one(draw) if draw(st.booleans()) else None,
        wave_records=[w for kind_waves in by_kind.values() for w in kind_waves],
        factories=[e for e in built if isinstance(e, Factory)],
        antennas=[e for e in built if isinstance(e, Antenna)],
        facts=draw(_REGISTRY_FACTS),
        people=draw(_REGISTRY_PEOPLE),
    )


def registries(  # noqa: PLR0913 - sizes and pins, all keyword-only
    *,
    min_size: int = 0,
    max_size: int = 5,
    min_factories: int = 0,
    min_antennas: int = 0,
    kind: Kind | str | None = None,
    country: str | SearchStrategy[str] | None = None,
) -> SearchStrategy[Registry]:
    """Whole registries that pass :func:`aifactories.validate`.

    Ids, names and aliases are unique even when folded (so every name finds
    its entry), every entry's wave exists with its kind and date, and every
    antenna link names a factory of the registry.

    The first entry is drawn in full detail (as :func:`factories` draws
    one); the others are drawn lean: their identity (id, name, country,
    wave, date, links) around one of a few prebuilt bodies of valid
    records, so that a registry of any size draws in milliseconds and a
    failing test shrinks in seconds (``benchmarks/bench_busy.py`` and
    ``bench_shrink.py`` measure both).

    Args:
        min_size: The fewest entries (factories plus antennas).
        max_size: The most entries.
        min_factories: The fewest factories.
        min_antennas: The fewest antennas.
        kind: Only factories (``"factory"``) or only antennas (``"antenna"``).
        country: Pin every entry's host country (ISO code or English name).

    Raises:
        InvalidArgument: The sizes contradict each other or ``kind``, or
            ``country`` is not a known country.
    """
    _check_size("min_size", min_size)
    _check_size("max_size", max_size, min_size)
    _check_size("min_factories", min_factories)
    _check_size("min_antennas", min_antennas)
    pinned = _kind_pin(kind)
    if min_factories + min_antennas > max_size:
        msg = (
            f"min_factories={min_factories} + min_antennas={min_antennas} "
            f"is more than max_size={max_size}"
        )
        raise InvalidArgument(msg)
    if (pinned is Kind.FACTORY and min_antennas) or (
        pinned is Kind.ANTENNA and min_factories
    ):
        msg = f"kind={pinned.value!r} contradicts min_factories/min_antennas"
        raise InvalidArgument(msg)
    chosen = _country_pin(country)
    return _draw_registries(
        min_size=max(min_size, min_factories + min_antennas),
        max_size=max_size,
        min_factories=min_factories,
        min_antennas=min_antennas,
        kind=pinned,
        country=None if chosen is None else _drawn(chosen),
    )


_SELECTIONS = registries(min_size=1).flatmap(lambda r: st.sampled_from(r.waves))


# -- invalid data --------------------------------------------------------------


@cached
def _invalid_registries(rule: Rule | None) -> SearchStrategy[BrokenDocument]:
    if rule is None:
        usable = [r for r in RULES if r != "misquoted-seed" or _quote_starts()]
        return st.sampled_from(usable).flatmap(_invalid_registries)
    min_factories, min_antennas = minimum_counts(rule)
    valid = registries(
        min_factories=min_factories,
        min_antennas=min_antennas,
        max_size=max(5, min_factories + min_antennas),
    )
    return valid.map(functools.partial(break_rule, rule=rule))


def invalid_registries(*, rule: Rule | None = None) -> SearchStrategy[BrokenDocument]:
    """Registry documents that break one rule: valid ones through ``break_rule``.

    Each is the ``dict`` a registry file holds (a Registry in hand is always
    valid); ``aifactories.loads(json.dumps(document))`` rejects it. Cost:
    about that of :func:`registries` with its default sizes.

    Args:
        rule: The rule to break (see :data:`aifactories.testing.RULES`);
            ``None`` draws one.

    Raises:
        InvalidArgument: ``rule`` is not one of the rules.
    """
    if rule is not None and rule not in RULES:
        msg = f"rule={rule!r}: not one of {', '.join(RULES)}"
        raise InvalidArgument(msg)
    _warm_up_documents()
    return _invalid_registries(rule)


@functools.cache
def _warm_up_documents() -> None:
    # Writing the first document builds the converter's hooks for every
    # record class, a few tens of milliseconds: here, once, when the
    # strategy is made, not in the first draws that health checks time.
    factory = make_factory("warm-up")
    break_rule(
        build_registry(factory, make_antenna(factories=[factory.id])), "no-sources"
    )


# -- the hand-written parts, plugged into the derived strategies ---------------


def _aliases_override(level: int) -> SearchStrategy[Any]:
    # Names, not plain text: an alias must fold to something to be found.
    most = 1 if level >= LEAN else 2
    return st.lists(_NAMES, min_size=1, max_size=most).map(tuple)


_POOL_SOURCES = (
    Source(url="https://a.example.org/"),
    Source(url="https://b.example.org/ü", supports="the figure"),
    Source(url="http://c.example.org/", kind=SourceKind.PRESS, http_only=True),
)


@functools.cache
def _pieces() -> dict[type[Any], tuple[Any, ...]]:
    """Prebuilt valid records of the kinds an entry cites as evidence.

    Nested in an entry, each is one draw from these (and drawn in full by
    its own strategy): what a test of an entry reads is its own fields,
    its funding and its system, which stay drawn. Milestones and access
    calls are here too: drawn, they were a fifth of a factory's choices.
    Their pools still hold every precision, a planned milestone with what
    it expects and the event that settles it, and a call with and without
    its dates.
    """
    a, b, c = _POOL_SOURCES
    values = ("EUR 420 million", "about 430 M€", "später: 2027", "两个来源", "a\nb")
    claims = tuple(
        Claim(
            value=values[i % len(values)],
            sources=(_POOL_SOURCES[i % 3],),
            amount=Money(Decimal(10**i), "EUR") if i % 2 else None,
        )
        for i in range(8)
    )
    return {
        # Conflicts hold two claims or more, each with sources.
        Claim: claims,
        Link: (
            Link(url="https://aif.example.org/", sources=(a,)),
            Link(url="http://old.example.org/ä", sources=(b, c), http_only=True),
        ),
        Location: (
            Location(
                city="Ostrava",
                country="CZ",
                latitude=Decimal("49.83"),
                longitude=Decimal("18.16"),
                sources=(b,),
            ),
            Location(
                city="Kajaani",
                country="FI",
                latitude=Decimal(-90),
                longitude=Decimal(180),
                sources=(a,),
                geonames_id=1,
                site="Renforsin Ranta",
            ),
        ),
        Grant: (
            Grant(id="101234567", sources=(a,)),
            Grant(id="G-β", sources=(c,), programme="Digital Europe", note="a\nb"),
        ),
        Person: (
            Person(name="Ada", role="director"),
            Person(name="Zoë Ŝ", role="CEO", organisation="資金", sources=(b,)),
        ),
        Stakeholder: (
            Stakeholder(name="Konsortium Ōsaka", role=Role.PARTNER, country="DE"),
            Stakeholder(name="EuroHPC JU", role=Role.COFUNDER, sources=(a,)),
        ),
        Conflict: (
            Conflict(topic="budget", claims=claims[:2]),
            Conflict(topic="date", claims=claims[2:5], field="selected_on"),
        ),
        Milestone: (
            Milestone(
                date=dt.date(2025, 3, 14),
                kind=MilestoneKind.SELECTED,
                text="vendor selected",
                sources=(a,),
            ),
            Milestone(
                date=dt.date(2026, 4, 1),
                kind=MilestoneKind.PLANNED,
                text="first users, planned",
                sources=(b, c),
                precision=Precision.QUARTER,
                confidence=Confidence.LOW,
                expects=MilestoneKind.FIRST_USERS,
            ),
            Milestone(
                date=dt.date(2024, 11, 1),
                kind=MilestoneKind.INSTALLED,
                text="Kajaani\nrack ✓",
                sources=(c,),
                precision=Precision.MONTH,
                confidence=Confidence.MEDIUM,
            ),
            Milestone(
                date=dt.date(2026, 1, 1),
                kind=MilestoneKind.IN_OPERATION,
                text="in Betrieb",
                sources=(a,),
                precision=Precision.YEAR,
            ),
            # Settles the planned milestone above when drawn beside it.
            Milestone(
                date=dt.date(2026, 5, 4),
                kind=MilestoneKind.FIRST_USERS,
                text="first users",
                sources=(b,),
            ),
        ),
        AccessCall: (
            AccessCall(
                name="Open call",
                audience=frozenset({Audience.ACADEMIA}),
                sources=(a,),
            ),
            AccessCall(
                name="Start-ups ✓",
                audience=frozenset({Audience.STARTUPS_SMES, Audience.INDUSTRY}),
                sources=(b, c),
                url="https://calls.example.org/ä",
                opens=dt.date(2025, 1, 1),
                closes=dt.date(2025, 2, 1),
                description="two\nlines",
                unverified=True,
                confidence=Confidence.MEDIUM,
            ),
        ),
    }


def _piece_override(cls: type[Any]) -> Override:
    def override(level: int) -> SearchStrategy[Any]:
        if level >= LEAN:
            return st.sampled_from(_pieces()[cls])
        return derived_strategy(cls, level)

    return override


# Imported by name with the rest: the tables the derived strategies read.
CLASS_OVERRIDES.update(
    {
        **{cls: _piece_override(cls) for cls in _pieces()},
        Source: lambda level: _sources(seed=None, level=level),
        # No record nests an entry: entries are drawn at the top level only.
        Factory: lambda _level: _entries_cached(Factory),
        Antenna: lambda _level: _entries_cached(Antenna),
        # Drawn by hand: no field of theirs is drawn from its declaration.
        Registry: lambda _level: registries(),
        Selection: lambda _level: _SELECTIONS,
    }
)
FIELD_OVERRIDES.update(
    {
        (Funding, "shares"): _shares,
        (_Entry, "name"): lambda _level: _NAMES,
        (_Entry, "aliases"): _aliases_override,
    }
)

# A registry's own waves, facts and people are drawn lean: they are context
# for the entries, which are what a test of a registry reads. Made here, once
# the overrides they draw with are in place.
_REGISTRY_FACTS = st.lists(
    record_strategy(Fact, LEAN), max_size=2, unique_by=operator.attrgetter("id")
)
_REGISTRY_PEOPLE = st.lists(record_strategy(Person, LEAN), max_size=1)


# -- type registration ---------------------------------------------------------


def for_type(cls: type[T]) -> SearchStrategy[T]:
    """Return the default strategy for one of our record classes.

    A record class gets the strategy derived from its declarations, with
    the hand-written parts plugged in: what the public strategy function
    of its class (if it has one) draws with no pins.

    Raises:
        KeyError: ``cls`` is not one of them.
    """
    if attrs.has(cls) and cls.__module__.startswith("aifactories."):
        return typing.cast("SearchStrategy[T]", record_strategy(cls))
    raise KeyError(cls)
