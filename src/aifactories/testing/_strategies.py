"""Hypothesis strategies for every record, built to pass every validation rule.

Each public function checks its arguments when called (raising
:class:`hypothesis.errors.InvalidArgument`), not when drawing, so a bad
argument fails at collection with a clear message.

Pins: a parameter left ``None`` is generated; a plain value pins it; a
strategy draws it. To pin an optional field to ``None``, pass ``st.none()``.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from aifactories._codes import COUNTRY_NAMES, CURRENCIES
from aifactories._countries import country_code
from aifactories._model import (
    Antenna,
    Claim,
    Confidence,
    Conflict,
    Entry,
    Fact,
    Factory,
    FunderKind,
    Funding,
    FundingShare,
    Host,
    Kind,
    Money,
    Person,
    Qualifier,
    Role,
    Sector,
    Source,
    Stakeholder,
    Supercomputer,
    SystemStatus,
    Wave,
)
from aifactories._registry import Registry, Selection
from aifactories._seeds import seed_names, seed_text
from aifactories._text import fold, visible
from aifactories.testing._mutations import RULES, Rule, break_rule, minimum_counts

T = TypeVar("T")

# Nested lists stay short: a registry holds hundreds of records, and longer
# lists add generation time without reaching new rules.
_FEW = 2

# Strategies are immutable; building each once keeps drawing fast, since
# Hypothesis validates every new strategy object before its first draw.
_cached = functools.lru_cache(maxsize=512)


def _pin(
    value: T | SearchStrategy[T] | None, default: SearchStrategy[T]
) -> SearchStrategy[T]:
    if value is None:
        return default
    if isinstance(value, SearchStrategy):
        return value
    return st.just(value)


def _resolve_drawn(value: T) -> T:
    # Typed as T so that a pin of str | None stays one; only str resolves.
    if isinstance(value, str):
        return country_code(value)  # type: ignore[return-value]
    return value


def _country_pin(
    value: str | SearchStrategy[T] | None, argument: str
) -> str | SearchStrategy[T] | None:
    """Accept ISO codes or English names, plain or drawn, for a pinned country."""
    if value is None:
        return None
    if isinstance(value, SearchStrategy):
        return value.map(_resolve_drawn)
    try:
        return country_code(value)
    except ValueError as exc:
        msg = f"{argument}={value!r}: {exc}"
        raise InvalidArgument(msg) from None


def _kind_pin(value: Kind | str | None) -> Kind | None:
    if value is None:
        return None
    try:
        return Kind(value)
    except ValueError:
        msg = f"kind={value!r}: must be 'factory', 'antenna' or None"
        raise InvalidArgument(msg) from None


def _check_size(name: str, value: object, minimum: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        msg = f"{name}={value!r}: must be an integer >= {minimum}"
        raise InvalidArgument(msg)
    return value


# -- scalars -------------------------------------------------------------------


# Made valid by a map, not a filter: Hypothesis re-validates a filtered
# strategy (re-parsing its predicate's source) on every draw, which made
# registries several times slower to draw.
def _non_blank(value: str) -> str:
    return value if visible(value) else f"{value}x"


def _keyed(value: str) -> str:
    # A name must fold to something, or it could never be looked up.
    return value if visible(value) and fold(value) else f"{value}x"


# The text rules: no control characters (Cc), no lone surrogates (Cs).
_TEXT_ALPHABET = st.characters(exclude_categories=("Cc", "Cs"))


@_cached
def _texts() -> SearchStrategy[str]:
    return st.text(_TEXT_ALPHABET, min_size=1, max_size=20).map(_non_blank)


def texts() -> SearchStrategy[str]:
    """Non-blank text: what every free-text field of a record needs."""
    return _texts()


@_cached
def _optional_text() -> SearchStrategy[str | None]:
    return st.none() | _texts()


@_cached
def _names() -> SearchStrategy[str]:
    return st.text(_TEXT_ALPHABET, min_size=1, max_size=24).map(_keyed)


def names() -> SearchStrategy[str]:
    """Names and aliases: non-blank text that still says something once folded."""
    return _names()


def _as_slug(raw: str) -> str:
    return "-".join(part for part in raw.split("-") if part) or "0"


@_cached
def _slugs() -> SearchStrategy[str]:
    # One draw per slug (a map, not parts joined), since every source's URL
    # holds two: this keeps a registry quick to draw.
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-"
    return st.text(alphabet, min_size=1, max_size=16).map(_as_slug)


def slugs() -> SearchStrategy[str]:
    """Entry ids: lower-case slugs such as ``"mimer"`` or ``"ai-factory-2"``."""
    return _slugs()


@_cached
def _country_codes() -> SearchStrategy[str]:
    return st.sampled_from(sorted(COUNTRY_NAMES))


def country_codes() -> SearchStrategy[str]:
    """ISO 3166-1 alpha-2 country codes the registry accepts."""
    return _country_codes()


@_cached
def _currency_codes() -> SearchStrategy[str]:
    return st.sampled_from(sorted(CURRENCIES))


def currency_codes() -> SearchStrategy[str]:
    """ISO 4217 currency codes the registry accepts."""
    return _currency_codes()


def _dates() -> SearchStrategy[dt.date]:
    return st.dates()


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


@_cached
def _urls() -> SearchStrategy[str]:
    return st.builds("https://{}.example/{}".format, _slugs(), _slugs())


def urls() -> SearchStrategy[str]:
    """``https://`` URLs on the reserved ``.example`` domain."""
    return _urls()


@functools.cache
def _seed_offsets() -> tuple[tuple[str, str, tuple[int, ...]], ...]:
    """Each seed with the offsets where a quote may start (non-blank chars)."""
    found = []
    for name in seed_names():
        text = seed_text(name)
        starts = tuple(i for i, ch in enumerate(text) if not ch.isspace())
        if starts:
            found.append((name, text, starts))
    return tuple(found)


@st.composite
def _seed_sources(draw: st.DrawFn) -> Source:
    name, text, starts = _pick(draw, _seed_offsets())
    start = _pick(draw, starts)
    length = draw(st.integers(1, 60))
    quote = text[start : start + length]
    return Source(seed=name, quote=quote, supports=draw(_optional_text()))


@_cached
def _sources(*, seed: bool | None) -> SearchStrategy[Source]:
    web = st.builds(Source, url=_urls(), supports=_optional_text())
    if seed is False or not _seed_offsets():
        return web
    quoted = _seed_sources()
    return quoted if seed else web | quoted


def sources(*, seed: bool | None = None) -> SearchStrategy[Source]:
    """Sources: a web page, or a verbatim quote from a shipped seed document.

    Args:
        seed: ``True`` for seed quotes only, ``False`` for URLs only, ``None``
            for both (seed quotes only where seed documents are installed).

    Raises:
        InvalidArgument: ``seed=True`` but no seed documents are installed.
    """
    if seed and not _seed_offsets():
        msg = "seed=True: no seed documents are installed (aifactories.seed_names())"
        raise InvalidArgument(msg)
    return _sources(seed=seed)


@_cached
def _source_lists(*, required: bool = False) -> SearchStrategy[tuple[Source, ...]]:
    return st.lists(_sources(seed=None), min_size=int(required), max_size=_FEW).map(
        tuple
    )


# -- small records -------------------------------------------------------------


@_cached
def _money(
    currency: str | SearchStrategy[str] | None, max_amount: int
) -> SearchStrategy[Money]:
    return st.builds(
        Money,
        amount=st.decimals(min_value=0, max_value=max_amount, places=2),
        currency=_pin(currency, _currency_codes()),
        qualifier=st.sampled_from(Qualifier),
    )


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
    if isinstance(currency, str) and currency not in CURRENCIES:
        msg = f"currency={currency!r}: not an ISO 4217 currency code"
        raise InvalidArgument(msg)
    _check_size("max_amount", max_amount)
    return _money(currency, max_amount)


@_cached
def _optional_money() -> SearchStrategy[Money | None]:
    return st.none() | _money(None, 10**12)


@_cached
def _claims() -> SearchStrategy[Claim]:
    return st.builds(
        Claim, value=_texts(), sources=_source_lists(), amount=_optional_money()
    )


def claims() -> SearchStrategy[Claim]:
    """One side of a :class:`~aifactories.Conflict`."""
    return _claims()


@_cached
def _conflicts() -> SearchStrategy[Conflict]:
    return st.builds(
        Conflict,
        topic=_texts(),
        claims=st.lists(_claims(), min_size=2, max_size=3).map(tuple),
        field=_optional_text(),
        note=_optional_text(),
    )


def conflicts() -> SearchStrategy[Conflict]:
    """Disagreements between sources, each with two or three claims."""
    return _conflicts()


@_cached
def _conflict_lists() -> SearchStrategy[tuple[Conflict, ...]]:
    return st.lists(_conflicts(), max_size=1).map(tuple)


@_cached
def _hosts(
    name: str | SearchStrategy[str] | None,
    city: str | SearchStrategy[str | None] | None,
) -> SearchStrategy[Host]:
    return st.builds(
        Host,
        name=_pin(name, _texts()),
        short_name=_optional_text(),
        city=_pin(city, _optional_text()),
        sources=_source_lists(),
    )


def hosts(
    *,
    name: str | SearchStrategy[str] | None = None,
    city: str | SearchStrategy[str | None] | None = None,
) -> SearchStrategy[Host]:
    """Host organisations.

    Args:
        name: Pin the host's name.
        city: Pin the city (``st.none()`` for no city).
    """
    return _hosts(name, city)


@_cached
def _stakeholders(
    role: Role | SearchStrategy[Role] | None,
    country: str | SearchStrategy[str | None] | None,
) -> SearchStrategy[Stakeholder]:
    return st.builds(
        Stakeholder,
        name=_texts(),
        role=_pin(role, st.sampled_from(Role)),
        country=_pin(country, st.none() | _country_codes()),
        short_name=_optional_text(),
        sources=_source_lists(),
    )


def stakeholders(
    *,
    role: Role | SearchStrategy[Role] | None = None,
    country: str | SearchStrategy[str | None] | None = None,
) -> SearchStrategy[Stakeholder]:
    """Organisations with a role in an entry besides hosting it.

    Args:
        role: Pin the :class:`~aifactories.Role`.
        country: Pin the country (ISO code or English name; ``st.none()`` for
            none).

    Raises:
        InvalidArgument: ``country`` is not a known country.
    """
    return _stakeholders(role, _country_pin(country, "country"))


@_cached
def _people() -> SearchStrategy[Person]:
    return st.builds(
        Person,
        name=_texts(),
        role=_texts(),
        organisation=_optional_text(),
        statement=_optional_text(),
        sources=_source_lists(),
    )


def people() -> SearchStrategy[Person]:
    """People quoted about an entry or the initiative."""
    return _people()


@_cached
def _supercomputers(
    status: SystemStatus | SearchStrategy[SystemStatus] | None,
) -> SearchStrategy[Supercomputer]:
    optional = _optional_text()
    return st.builds(
        Supercomputer,
        status=_pin(status, st.sampled_from(SystemStatus)),
        name=optional,
        vendor=optional,
        accelerators=optional,
        expected_operation=optional,
        site=optional,
        note=optional,
        sources=_source_lists(),
    )


def supercomputers(
    *, status: SystemStatus | SearchStrategy[SystemStatus] | None = None
) -> SearchStrategy[Supercomputer]:
    """Factory systems.

    Args:
        status: Pin the :class:`~aifactories.SystemStatus`.
    """
    return _supercomputers(status)


@_cached
def _facts() -> SearchStrategy[Fact]:
    return st.builds(
        Fact, id=_slugs(), statement=_texts(), sources=_source_lists(required=True)
    )


def facts() -> SearchStrategy[Fact]:
    """Facts about the initiative as a whole."""
    return _facts()


# -- funding -------------------------------------------------------------------


@_cached
def _funding_shares(
    kind: FunderKind | SearchStrategy[FunderKind] | None,
    country: str | SearchStrategy[str | None] | None,
    share: Decimal | SearchStrategy[Decimal | None] | None,
) -> SearchStrategy[FundingShare]:
    fraction = st.decimals(min_value=Decimal("0.0001"), max_value=1, places=4)
    return st.builds(
        FundingShare,
        funder=_texts(),
        kind=_pin(kind, st.sampled_from(FunderKind)),
        country=_pin(country, st.none() | _country_codes()),
        share=_pin(share, st.none() | fraction),
        amount=_optional_money(),
        via=st.lists(_texts(), max_size=_FEW).map(tuple),
        sources=_source_lists(),
    )


def funding_shares(
    *,
    kind: FunderKind | SearchStrategy[FunderKind] | None = None,
    country: str | SearchStrategy[str | None] | None = None,
    share: Decimal | SearchStrategy[Decimal | None] | None = None,
) -> SearchStrategy[FundingShare]:
    """One funder's part: a share in (0, 1] or ``None``, an optional amount.

    For several shares that add up to one, use :func:`funding_splits`.

    Args:
        kind: Pin the :class:`~aifactories.FunderKind`.
        country: Pin the funder's country (ISO code or English name).
        share: Pin the share, e.g. ``Decimal("0.5")`` or ``st.none()``.

    Raises:
        InvalidArgument: ``share`` is outside (0, 1] or ``country`` is unknown.
    """
    if isinstance(share, Decimal) and not (share.is_finite() and 0 < share <= 1):
        msg = f"share={share!r}: must be in (0, 1]"
        raise InvalidArgument(msg)
    return _funding_shares(kind, _country_pin(country, "country"), share)


@st.composite
def _draw_splits(
    draw: st.DrawFn, min_size: int, max_size: int, places: int
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
    rest = _funding_shares(None, None, st.none())
    return tuple(attrs.evolve(draw(rest), share=f) for f in fractions)


_splits = _cached(_draw_splits)


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
    return _splits(min_size, max_size, places)


@_cached
def _fundings(
    total: Money | SearchStrategy[Money | None] | None,
    shares: tuple[FundingShare, ...] | SearchStrategy[tuple[FundingShare, ...]] | None,
) -> SearchStrategy[Funding]:
    default_shares = st.one_of(
        _splits(1, 3, 2),
        _splits(2, 3, 2).map(lambda split: split[:-1]),
        st.lists(_funding_shares(None, None, st.none()), max_size=_FEW).map(tuple),
    )
    return st.builds(
        Funding,
        total=_pin(total, _optional_money()),
        shares=_pin(shares, default_shares),
        note=_optional_text(),
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
    if shares is not None and not isinstance(shares, SearchStrategy):
        shares = tuple(shares)
    return _fundings(total, shares)


# -- waves and entries ---------------------------------------------------------


@_cached
def _waves(
    id: str | SearchStrategy[str] | None,  # noqa: A002 - the field's name
    kind: Kind | None,
    announced: dt.date | SearchStrategy[dt.date] | None,
) -> SearchStrategy[Wave]:
    return st.builds(
        Wave,
        id=_pin(id, _texts()),
        name=_texts(),
        kind=st.sampled_from(Kind) if kind is None else st.just(kind),
        announced=_pin(announced, _dates()),
        sources=_source_lists(required=True),
        investment=_optional_money(),
        summary=_optional_text(),
        conflicts=_conflict_lists(),
    )


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
    return _waves(id, _kind_pin(kind), announced)


@_cached
def _optional_hosts() -> SearchStrategy[Host | None]:
    return st.none() | _hosts(None, None)


@_cached
def _optional_fundings() -> SearchStrategy[Funding | None]:
    return st.none() | _fundings(None, None)


@_cached
def _optional_supercomputers() -> SearchStrategy[Supercomputer | None]:
    return st.none() | _supercomputers(None)


@attrs.frozen
class _EntryPins:
    """What a caller fixed about an entry, each as a strategy."""

    id: SearchStrategy[str]
    name: SearchStrategy[str]
    aliases: SearchStrategy[tuple[str, ...]] | None
    country: SearchStrategy[str]
    wave: SearchStrategy[str]
    selected_on: SearchStrategy[dt.date]
    host: SearchStrategy[Host | None]
    funding: SearchStrategy[Funding | None]
    supercomputer: SearchStrategy[Supercomputer | None]


def _draw_entry(  # noqa: PLR0913 - the identity is drawn by the caller
    draw: st.DrawFn,
    kind: Kind,
    *,
    id: str,  # noqa: A002 - the field's name
    name: str,
    aliases: tuple[str, ...] | None,
    country: str,
    wave: str,
    selected_on: dt.date,
    host: Host | None,
    funding: Funding | None,
    supercomputer: Supercomputer | None = None,
    factory_ids: tuple[str, ...] = (),
) -> Entry:
    """Draw the rest of an entry around the fields the caller chose."""
    if aliases is None:
        # Aliases never clash with the entry's own id or name, so a lookup
        # by any of its names finds this entry.
        taken = {id, fold(name)}
        drawn = draw(st.lists(_names(), max_size=_FEW, unique_by=fold))
        aliases = tuple(a for a in drawn if fold(a) not in taken)
    partners = draw(st.lists(_country_codes(), max_size=3, unique=True))
    fields: dict[str, Any] = {
        "id": id,
        "name": name,
        "aliases": aliases,
        "wave": wave,
        "selected_on": selected_on,
        "country": country,
        "host": host,
        "partner_countries": [c for c in partners if c != country],
        "stakeholders": draw(st.lists(_stakeholders(None, None), max_size=_FEW)),
        "focus": draw(st.lists(_texts(), max_size=3)),
        "sectors": draw(st.frozensets(st.sampled_from(Sector), max_size=3)),
        "funding": funding,
        "people": draw(st.lists(_people(), max_size=1)),
        "conflicts": draw(_conflict_lists()),
        "confidence": draw(st.sampled_from(Confidence)),
        "notes": draw(_optional_text()),
        "sources": draw(_source_lists(required=True)),
    }
    if kind is Kind.FACTORY:
        return Factory(
            **fields,
            supercomputer=supercomputer,
            experimental_platform=draw(_optional_text()),
        )
    candidates = [i for i in factory_ids if i != id]
    links = _subset(draw, candidates, 3)
    letters = _subset(draw, [i for i in candidates if i not in links], 1)
    return Antenna(**fields, factories=links, letters_of_intent=letters)


@st.composite
def _pinned_entries(
    draw: st.DrawFn, kind: Kind, pins: _EntryPins, factory_ids: tuple[str, ...]
) -> Entry:
    return _draw_entry(
        draw,
        kind,
        id=draw(pins.id),
        name=draw(pins.name),
        aliases=None if pins.aliases is None else draw(pins.aliases),
        country=draw(pins.country),
        wave=draw(pins.wave),
        selected_on=draw(pins.selected_on),
        host=draw(pins.host),
        funding=draw(pins.funding),
        supercomputer=draw(pins.supercomputer),
        factory_ids=factory_ids,
    )


def _entry_pins(  # noqa: PLR0913 - one pin per field worth pinning
    *,
    id: str | SearchStrategy[str] | None,  # noqa: A002 - the field's name
    name: str | SearchStrategy[str] | None,
    aliases: Sequence[str] | SearchStrategy[tuple[str, ...]] | None,
    country: str | SearchStrategy[str] | None,
    wave: str | SearchStrategy[str] | None,
    selected_on: dt.date | SearchStrategy[dt.date] | None,
    host: Host | SearchStrategy[Host | None] | None,
    funding: Funding | SearchStrategy[Funding | None] | None,
    supercomputer: Supercomputer | SearchStrategy[Supercomputer | None] | None = None,
) -> _EntryPins:
    if isinstance(aliases, str):
        msg = f"aliases={aliases!r}: must be a sequence of names, not one string"
        raise InvalidArgument(msg)
    alias_pin = None
    if aliases is not None:
        alias_pin = _pin(
            aliases if isinstance(aliases, SearchStrategy) else tuple(aliases),
            st.just(()),
        )
    return _EntryPins(
        id=_pin(id, _slugs()),
        name=_pin(name, _names()),
        aliases=alias_pin,
        country=_pin(_country_pin(country, "country"), _country_codes()),
        wave=_pin(wave, _texts()),
        selected_on=_pin(selected_on, _dates()),
        host=_pin(host, _optional_hosts()),
        funding=_pin(funding, _optional_fundings()),
        supercomputer=_pin(supercomputer, _optional_supercomputers()),
    )


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
    pins = _entry_pins(
        id=id,
        name=name,
        aliases=aliases,
        country=country,
        wave=wave,
        selected_on=selected_on,
        host=host,
        funding=funding,
        supercomputer=supercomputer,
    )
    return _pinned_entries(Kind.FACTORY, pins, ()).map(_as_factory)


def _as_factory(entry: Entry) -> Factory:
    assert isinstance(entry, Factory)  # noqa: S101 - _draw_entry keeps the kind
    return entry


def _as_antenna(entry: Entry) -> Antenna:
    assert isinstance(entry, Antenna)  # noqa: S101 - _draw_entry keeps the kind
    return entry


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
    if isinstance(factory_ids, str):
        msg = f"factory_ids={factory_ids!r}: must be a sequence of ids, not one string"
        raise InvalidArgument(msg)
    pins = _entry_pins(
        id=id,
        name=name,
        aliases=aliases,
        country=country,
        wave=wave,
        selected_on=selected_on,
        host=host,
        funding=funding,
    )
    links = tuple(dict.fromkeys(factory_ids))
    return _pinned_entries(Kind.ANTENNA, pins, links).map(_as_antenna)


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


def _unique_names(draw: st.DrawFn, ids: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """A name and aliases per id, no two folding alike across the registry."""
    taken = set(ids)  # ids are slugs, so they are their own folded key
    named = []
    for _ in ids:
        name = draw(_names())
        suffix = 1
        while fold(name) in taken:
            # Rare: a deterministic fix shrinks better than a filter.
            suffix += 1
            name = f"{name} {suffix}"
        taken.add(fold(name))
        drawn = draw(st.lists(_names(), max_size=_FEW, unique_by=fold))
        aliases = tuple(a for a in drawn if fold(a) not in taken)
        taken.update(fold(a) for a in aliases)
        named.append((name, aliases))
    return named


def _draw_waves(draw: st.DrawFn, kinds: list[Kind]) -> dict[Kind, list[Wave]]:
    count = len(kinds)
    ids = draw(st.lists(_texts(), min_size=count, max_size=count, unique=True))
    found: dict[Kind, list[Wave]] = {kind: [] for kind in Kind}
    for wave_id, kind in zip(ids, kinds, strict=True):
        found[kind].append(attrs.evolve(draw(_waves(None, kind, None)), id=wave_id))
    return found


@st.composite
def _draw_registries(  # noqa: PLR0913 - the registries() arguments, checked
    draw: st.DrawFn,
    *,
    min_size: int,
    max_size: int,
    min_factories: int,
    min_antennas: int,
    kind: Kind | None,
    country: SearchStrategy[str],
) -> Registry:
    size = draw(st.integers(min_size, max_size))
    if kind is Kind.FACTORY:
        factory_count = size
    elif kind is Kind.ANTENNA:
        factory_count = 0
    else:
        factory_count = draw(st.integers(min_factories, size - min_antennas))
    ids = draw(st.lists(_slugs(), min_size=size, max_size=size, unique=True))
    named = _unique_names(draw, ids)
    wave_kinds = []
    if factory_count:
        wave_kinds += [Kind.FACTORY] * draw(st.integers(1, 2))
    if size > factory_count:
        wave_kinds += [Kind.ANTENNA] * draw(st.integers(1, 2))
    by_kind = _draw_waves(draw, wave_kinds)

    factory_ids = tuple(ids[:factory_count])
    built: list[Entry] = []
    for position, (entry_id, (name, aliases)) in enumerate(
        zip(ids, named, strict=True)
    ):
        entry_kind = Kind.FACTORY if position < factory_count else Kind.ANTENNA
        wave = _pick(draw, by_kind[entry_kind])
        entry = _draw_entry(
            draw,
            entry_kind,
            id=entry_id,
            name=name,
            aliases=aliases,
            country=draw(country),
            wave=wave.id,
            selected_on=wave.announced,
            host=draw(_optional_hosts()),
            funding=draw(_optional_fundings()),
            supercomputer=draw(_optional_supercomputers()),
            factory_ids=factory_ids,
        )
        built.append(entry)
    return Registry(
        data_version=draw(_texts()),
        data_date=draw(st.none() | _dates()),
        wave_records=[w for kind_waves in by_kind.values() for w in kind_waves],
        factories=[e for e in built if isinstance(e, Factory)],
        antennas=[e for e in built if isinstance(e, Antenna)],
        facts=draw(st.lists(_facts(), max_size=_FEW, unique_by=lambda f: f.id)),
        people=draw(st.lists(_people(), max_size=1)),
    )


_registries = _cached(_draw_registries)


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
    return _registries(
        min_size=max(min_size, min_factories + min_antennas),
        max_size=max_size,
        min_factories=min_factories,
        min_antennas=min_antennas,
        kind=pinned,
        country=_pin(_country_pin(country, "country"), _country_codes()),
    )


@_cached
def _selections() -> SearchStrategy[Selection]:
    return registries(min_size=1).flatmap(lambda r: st.sampled_from(r.waves))


def selections() -> SearchStrategy[Selection]:
    """Waves with their entries, as :attr:`aifactories.Registry.waves` gives them."""
    return _selections()


# -- invalid data --------------------------------------------------------------


@_cached
def _invalid_registries(rule: Rule | None) -> SearchStrategy[Registry]:
    if rule is None:
        usable = [r for r in RULES if r != "misquoted-seed" or _seed_offsets()]
        return st.sampled_from(usable).flatmap(_invalid_registries)
    min_factories, min_antennas = minimum_counts(rule)
    valid = registries(
        min_factories=min_factories,
        min_antennas=min_antennas,
        max_size=max(5, min_factories + min_antennas),
    )
    return valid.map(functools.partial(_broken, rule=rule))


def _broken(registry: Registry, rule: Rule) -> Registry:
    return break_rule(registry, rule)


def invalid_registries(*, rule: Rule | None = None) -> SearchStrategy[Registry]:
    """Registries that break one rule: valid ones passed through ``break_rule``.

    Args:
        rule: The rule to break (see :data:`aifactories.testing.RULES`);
            ``None`` draws one.

    Raises:
        InvalidArgument: ``rule`` is not one of the rules.
    """
    if rule is not None and rule not in RULES:
        msg = f"rule={rule!r}: not one of {', '.join(RULES)}"
        raise InvalidArgument(msg)
    return _invalid_registries(rule)


# -- type registration ---------------------------------------------------------

_BY_TYPE: dict[type[Any], Callable[[], SearchStrategy[Any]]] = {
    Antenna: antennas,
    Claim: claims,
    Conflict: conflicts,
    Fact: facts,
    Factory: factories,
    Funding: fundings,
    FundingShare: funding_shares,
    Host: hosts,
    Money: money,
    Person: people,
    Registry: registries,
    Selection: selections,
    Source: sources,
    Stakeholder: stakeholders,
    Supercomputer: supercomputers,
    Wave: waves,
}
"""The strategy each record class resolves to in ``st.from_type``."""


def for_type(cls: type[T]) -> SearchStrategy[T]:
    """Return the default strategy for one of our record classes.

    Raises:
        KeyError: ``cls`` is not one of them.
    """
    return _BY_TYPE[cls]()
