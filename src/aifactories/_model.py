"""The records of the registry: frozen, typed, hashable attrs classes.

Each field is declared once, here: its type annotation says what it holds,
and :func:`~aifactories._rules.declare` attaches the value rule (slug,
country code, share...) that the type alone does not say. The validator,
the JSON Schema, the strategies and the docs all read these declarations.

Record constructors only normalise collections to tuples and frozensets;
the rules are checked once, when records become a
:class:`~aifactories.Registry` (its constructor, :func:`~aifactories.load`
and :func:`~aifactories.loads`), which reports every problem with its path.
A registry in hand is therefore always valid.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs

from aifactories._rules import (
    AMOUNT,
    COUNTRY,
    CURRENCY,
    LATITUDE,
    LONGITUDE,
    POSITIVE,
    PROSE,
    ROR,
    SHARE,
    SLUG,
    URL,
    declare,
)

if typing.TYPE_CHECKING:
    from aifactories._rates import EuroValue


class _Labelled(enum.StrEnum):
    """An enum whose members have a label: the words people read.

    The one vocabulary for ``str()`` of records, the command line and the
    docs: the value, hyphens as spaces, unless :data:`LABELS` words it.
    """

    @property
    def label(self) -> str:
        """The member in words, e.g. ``"AI Factory"`` for :attr:`Kind.FACTORY`."""
        return LABELS.get(self, self.value.replace("-", " "))


class Kind(_Labelled):
    """What an entry is."""

    FACTORY = "factory"
    """An AI Factory: an AI-optimised supercomputer plus services around it."""
    ANTENNA = "antenna"
    """An AI Factory Antenna: a national hub giving remote access to factories."""


class SystemStatus(_Labelled):
    """How a factory's supercomputer relates to the EuroHPC fleet."""

    NEW = "new"
    """A new AI-optimised supercomputer procured for the factory."""
    UPGRADE = "upgrade"
    """An AI upgrade of an existing EuroHPC supercomputer."""
    ASSOCIATED = "associated"
    """An existing (or already planned) EuroHPC system the factory works with."""


class Confidence(_Labelled):
    """How well the sources back an entry."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Qualifier(_Labelled):
    """How exact a figure (money, a count, a performance) is, as the source gives it."""

    EXACT = "exact"
    """Stated as an exact figure."""
    ABOUT = "about"
    """Stated as approximate ("about", "some", "around")."""
    AT_LEAST = "at-least"
    """A lower bound, inclusive ("at least")."""
    MORE_THAN = "more-than"
    """A lower bound, exclusive ("more than", "over")."""
    UP_TO = "up-to"
    """An upper bound ("up to")."""
    PLANNED = "planned"
    """A plan or target, not yet a fact."""


class FunderKind(_Labelled):
    """Who a funding share comes from."""

    EU = "eu"
    """The European Union, through the EuroHPC Joint Undertaking."""
    NATIONAL = "national"
    """A national government or its agencies."""
    REGIONAL = "regional"
    """A region, state or city."""
    OTHER = "other"
    """Anyone else: universities, companies, foundations."""


class SourceKind(_Labelled):
    """Who publishes a source, so users can filter by how official it is."""

    OFFICIAL = "official"
    """The EuroHPC Joint Undertaking or the European Commission."""
    GOVERNMENT = "government"
    """A national, regional or city government or its agencies."""
    HOST = "host"
    """The hosting organisation, a consortium member, or the entry's own site."""
    PRESS = "press"
    """A news outlet or a company press release."""
    SECONDARY = "secondary"
    """Aggregators, republications, blogs and authored notes."""


class FlopsUnit(_Labelled):
    """The unit a computing performance is stated in."""

    TFLOPS = "TFLOPS"
    PFLOPS = "PFLOPS"
    EFLOPS = "EFLOPS"


class Role(_Labelled):
    """The part an organisation plays in an entry, besides hosting it."""

    RESPONSIBLE = "responsible"
    """Answers for the entry (e.g. a national HPC infrastructure)."""
    COORDINATOR = "coordinator"
    """Coordinates the consortium or project."""
    OPERATOR = "operator"
    """Runs the supercomputer or the service."""
    PARTNER = "partner"
    """A consortium partner."""
    COFUNDER = "co-funder"
    """Contributes money but is not a national or EU funder of record."""


class Sector(enum.StrEnum):
    """The sector vocabulary; see :data:`aifactories.SECTOR_SYNONYMS`."""

    AGRIFOOD = "agrifood"
    BIOTECH = "biotech"
    CLIMATE = "climate"
    CULTURE = "culture"
    CYBERSECURITY = "cybersecurity"
    DEFENCE = "defence"
    EDUCATION = "education"
    ENERGY = "energy"
    FINANCE = "finance"
    HEALTH = "health"
    LANGUAGE = "language"
    LEGAL = "legal"
    MANUFACTURING = "manufacturing"
    MATERIALS = "materials"
    MEDIA = "media"
    MOBILITY = "mobility"
    PUBLIC_SECTOR = "public-sector"
    RESEARCH = "research"
    ROBOTICS = "robotics"
    SPACE = "space"


def qualified(qualifier: Qualifier, text: str) -> str:
    """Put ``qualifier``'s words before ``text``: ``"about EUR 5"``, ``"5"``."""
    words = qualifier.label
    return f"{words} {text}" if words else text


# attrs converters lose the element type for mypy; these typed wrappers keep it.
def _strs(items: Iterable[str]) -> tuple[str, ...]:
    # A lone string would become a tuple of its characters, which every rule
    # accepts; kept as it is, the validator names the field instead.
    if isinstance(items, str):
        return items  # type: ignore[return-value]
    return tuple(items)


def _sources(items: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(items)


@attrs.frozen
class Source:
    """Where a fact comes from: a web page, or a quote from a seed document.

    Attributes:
        url: The page that supports the fact, or ``None`` for a seed quote.
        seed: File name of a seed document shipped in ``seeds/``.
        quote: With ``seed``: the exact words of the seed that back the fact.
        supports: In our words, what this source supports.
        kind: Who publishes it: official, government, host, press or secondary.
        http_only: The site serves no ``https``, so ``url`` is ``http://``.
    """

    url: str | None = attrs.field(default=None, metadata=declare(URL))
    seed: str | None = None
    quote: str | None = attrs.field(default=None, metadata=declare(PROSE))
    supports: str | None = attrs.field(default=None, metadata=declare(PROSE))
    kind: SourceKind | None = None
    http_only: bool = False


@attrs.frozen
class Money:
    """An amount of money in one ISO 4217 currency.

    Attributes:
        amount: The amount, exact to the cent, as a :class:`~decimal.Decimal`.
        currency: ISO 4217 code, e.g. ``"EUR"``.
        qualifier: Whether the source gives the figure as exact, "about",
            "at least" or "up to".
    """

    amount: Decimal = attrs.field(metadata=declare(AMOUNT))
    currency: str = attrs.field(metadata=declare(CURRENCY))
    qualifier: Qualifier = Qualifier.EXACT

    def __str__(self) -> str:
        """Return the figure as a reader would write it: ``about EUR 1,500,000``."""
        # ",f": digit groups, and never scientific notation (1.5E+6).
        return qualified(self.qualifier, f"{self.currency} {self.amount:,f}")

    def in_words(self) -> str:
        """Return the figure in round words: ``about EUR 1.5 billion``."""
        amount = self.amount
        for size, word in (
            (Decimal(10) ** 9, "billion"),
            (Decimal(10) ** 6, "million"),
        ):
            if amount >= size:
                text = f"{self.currency} {_grouped(amount / size)} {word}"
                return qualified(self.qualifier, text)
        return qualified(self.qualifier, f"{self.currency} {_grouped(amount)}")

    def in_eur(self, on: dt.date) -> EuroValue:
        """Return the amount in euros at the ECB reference rate for ``on``.

        The rate is the European Central Bank's euro reference rate published
        on ``on`` (or the last publication day before it), from the ECB's
        rates since 1999-01-04 that the package bundles
        (``aifactories._rates.rate_range()`` gives the days covered). The
        result names the rate and its date; ``self`` keeps the amount as the
        source states it, and the qualifier ("about", "at least") applies to
        both.

        >>> from decimal import Decimal
        >>> import datetime as dt
        >>> lumi = Money(Decimal(550_000_000), "CZK")
        >>> euros = lumi.in_eur(dt.date(2024, 12, 10))
        >>> euros.amount, euros.rate, euros.rate_date
        (Decimal('21914096.74'), Decimal('25.098'), datetime.date(2024, 12, 10))

        Args:
            on: The date of the rate: for the registry's amounts, the date
                the entry was selected (or the wave announced).

        Raises:
            LookupError: ``on`` is before 1999-01-04 or after the last bundled
                rate, or the ECB published no rate for the currency on that
                day; the message names the range with rates. EUR amounts
                always convert, at rate 1.
        """
        from aifactories._rates import to_eur  # noqa: PLC0415 - conversions only

        return to_eur(self.amount, self.currency, on)


def _grouped(value: Decimal) -> str:
    # Digit groups, no exponent, no trailing zeros: 1500 -> "1,500", 1.50 -> "1.5".
    whole, dot, fraction = format(value.normalize(), "f").partition(".")
    return f"{int(whole):,}" + (dot + fraction if fraction else "")


@attrs.frozen
class Claim:
    """One of the disagreeing values in a :class:`Conflict`.

    Attributes:
        value: The claimed value, in our words.
        sources: The sources making the claim.
        amount: The claim as money, where it is a money figure.
    """

    value: str = attrs.field(metadata=declare(PROSE))
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    amount: Money | None = None


def _claims(items: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple(items)


@attrs.frozen
class Conflict:
    """Sources that disagree about one fact; recorded, not resolved.

    Attributes:
        topic: What the sources disagree about.
        field: The dotted field the conflict concerns (e.g. ``funding.total``),
            which we then leave ``None`` or state with the note below.
        claims: The competing claims, two or more.
        note: What is known about why they differ.
    """

    topic: str
    claims: tuple[Claim, ...] = attrs.field(
        converter=_claims, metadata=declare(min_items=2)
    )
    field: str | None = None
    note: str | None = attrs.field(default=None, metadata=declare(PROSE))


def _conflicts(items: Iterable[Conflict]) -> tuple[Conflict, ...]:
    return tuple(items)


@attrs.frozen
class Host:
    """The organisation that hosts an entry.

    Attributes:
        name: Full legal name.
        short_name: The usual short name or acronym.
        city: The city the host is in.
        sources: Sources for the hosting fact itself (seed quotes live here).
        ror: The organisation's ROR id, read from its own ROR record.
    """

    name: str
    short_name: str | None = None
    city: str | None = None
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    ror: str | None = attrs.field(default=None, metadata=declare(ROR))


@attrs.frozen
class Stakeholder:
    """An organisation with a role in an entry other than hosting it.

    Attributes:
        name: The organisation's name.
        role: The part it plays.
        country: ISO 3166-1 alpha-2 code of its country, where known.
        short_name: Its usual short name or acronym.
        sources: Sources for this stakeholder's role.
        ror: The organisation's ROR id, read from its own ROR record.
    """

    name: str
    role: Role
    country: str | None = attrs.field(default=None, metadata=declare(COUNTRY))
    short_name: str | None = None
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    ror: str | None = attrs.field(default=None, metadata=declare(ROR))


@attrs.frozen
class Person:
    """A person quoted about an entry or the initiative.

    Attributes:
        name: The person's name.
        role: Their title at the time, as the source gives it.
        organisation: Who they spoke for.
        statement: What they said, paraphrased in our words.
        sources: Where they said it.
    """

    name: str
    role: str
    organisation: str | None = None
    statement: str | None = attrs.field(default=None, metadata=declare(PROSE))
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)


def _people(items: Iterable[Person]) -> tuple[Person, ...]:
    return tuple(items)


def _stakeholders(items: Iterable[Stakeholder]) -> tuple[Stakeholder, ...]:
    return tuple(items)


@attrs.frozen
class FundingShare:
    """One funder's part of an entry's funding.

    Attributes:
        funder: Who pays, e.g. ``"EuroHPC JU"`` or ``"Sweden"``.
        kind: EU, national, regional or other.
        country: ISO 3166-1 alpha-2 code for a national or regional funder.
        share: Fraction of the total, in (0, 1], where the sources give one.
        amount: The funder's contribution, where the sources give one.
        via: The agencies or programmes the money flows through.
        sources: Sources for this share (seed quotes live here).
    """

    funder: str
    kind: FunderKind
    country: str | None = attrs.field(default=None, metadata=declare(COUNTRY))
    share: Decimal | None = attrs.field(default=None, metadata=declare(SHARE))
    amount: Money | None = None
    via: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)


def _shares(items: Iterable[FundingShare]) -> tuple[FundingShare, ...]:
    return tuple(items)


@attrs.frozen
class Funding:
    """What an entry costs and who pays.

    Attributes:
        total: The total budget, or ``None`` when unknown or disputed.
        shares: Each funder's part.
        note: Anything the figures alone do not say.
    """

    total: Money | None = None
    shares: tuple[FundingShare, ...] = attrs.field(default=(), converter=_shares)
    note: str | None = attrs.field(default=None, metadata=declare(PROSE))

    @property
    def implied_amounts(self) -> tuple[Money | None, ...]:
        """Each share's amount as implied by its fraction of the total: derived.

        One item per share, in order: ``share * total`` (in the total's
        currency, with its qualifier) where a share gives its fraction of a
        known total but no amount; ``None`` where the amount is stated (in
        :attr:`FundingShare.amount`, which this never fills in) or the
        fraction or the total is unknown.

        >>> from decimal import Decimal
        >>> funding = Funding(
        ...     Money(Decimal(85_000_000), "EUR"),
        ...     [FundingShare("EuroHPC JU", FunderKind.EU, share=Decimal("0.5"))],
        ... )
        >>> [str(money) for money in funding.implied_amounts]
        ['EUR 42,500,000']
        """
        total = self.total
        implied: list[Money | None] = []
        for share in self.shares:
            if total is None or share.share is None or share.amount is not None:
                implied.append(None)
                continue
            amount = share.share * total.amount
            if amount == amount.to_integral_value():
                amount = amount.quantize(Decimal(1))  # 42500000.0 -> 42500000
            implied.append(Money(amount, total.currency, total.qualifier))
        return tuple(implied)


@attrs.frozen
class Count:
    """A number of things (accelerators, nodes) as a source states it.

    Attributes:
        value: The number, or the low end of a range.
        sources: Where the number comes from; at least one.
        qualifier: Exact, about, more than, planned...
        range_max: The high end, where the source gives a range.
    """

    value: int = attrs.field(metadata=declare(POSITIVE))
    sources: tuple[Source, ...] = attrs.field(
        converter=_sources, metadata=declare(min_items=1)
    )
    qualifier: Qualifier = Qualifier.EXACT
    range_max: int | None = attrs.field(default=None, metadata=declare(POSITIVE))

    def __str__(self) -> str:
        """Return the count as a reader would write it: ``more than 8,000``."""
        text = f"{self.value:,}"
        if self.range_max is not None:
            text += f"\N{EN DASH}{self.range_max:,}"
        return qualified(self.qualifier, text)


@attrs.frozen
class Performance:
    """A computing performance figure, in the terms it was stated in.

    Attributes:
        value: The figure, in ``unit``.
        unit: TFLOPS, PFLOPS or EFLOPS.
        metric: What was measured or claimed: ``"AI"`` (vendor AI
            performance), ``"HPL Rmax"``, ``"Rpeak"``...
        sources: Where it comes from; at least one.
        precision: The number format, e.g. ``"FP8"`` or ``"FP64"``, where stated.
        workload: ``"training"`` or ``"inference"``, where stated.
        qualifier: Exact, about, more than...
        note: What else the source says about the figure.
    """

    value: Decimal = attrs.field(metadata=declare(AMOUNT))
    unit: FlopsUnit
    metric: str
    sources: tuple[Source, ...] = attrs.field(
        converter=_sources, metadata=declare(min_items=1)
    )
    precision: str | None = None
    workload: str | None = None
    qualifier: Qualifier = Qualifier.EXACT
    note: str | None = attrs.field(default=None, metadata=declare(PROSE))

    def __str__(self) -> str:
        """Return the figure in words: ``more than 40 EFLOPS (AI, FP8)``."""
        terms = ", ".join(t for t in (self.metric, self.precision, self.workload) if t)
        return qualified(self.qualifier, f"{self.value:,f} {self.unit} ({terms})")


def _performances(items: Iterable[Performance]) -> tuple[Performance, ...]:
    return tuple(items)


@attrs.frozen
class Top500Rank:
    """A place on the TOP500 list of supercomputers.

    Attributes:
        rank: The place, 1 for the fastest.
        edition: The list's edition, as the first day of its month
            (``2025-11-01`` for November 2025).
        sources: Where it comes from; at least one.
        note: Which part of the system is listed, and other details.
    """

    rank: int = attrs.field(metadata=declare(POSITIVE))
    edition: dt.date
    sources: tuple[Source, ...] = attrs.field(
        converter=_sources, metadata=declare(min_items=1)
    )
    note: str | None = attrs.field(default=None, metadata=declare(PROSE))


# -- timeline, access calls and the AI Gigafactory call ------------------------


class Precision(_Labelled):
    """How much of a :class:`Milestone`'s date the sources give."""

    DAY = "day"
    """The exact day."""
    MONTH = "month"
    """The month only."""
    QUARTER = "quarter"
    """The quarter (or half-year, stated as its first quarter) only."""
    YEAR = "year"
    """The year only."""


class MilestoneKind(_Labelled):
    """What happened (or is planned to happen) on a :class:`Milestone`'s date."""

    APPLIED = "applied"
    """An application or bid was filed."""
    APPROVED = "approved"
    """A government or funder approved the plan, its money or an agreement on it."""
    SELECTED = "selected"
    """Chosen: a site, a vendor, a host (entries' own selection is ``selected_on``)."""
    STARTED = "started"
    """Work began: a project's kick-off, its grant's start, a building's first stone."""
    PROCUREMENT_LAUNCHED = "procurement-launched"
    """A call for tenders for the system was published."""
    CONTRACT_SIGNED = "contract-signed"
    """The supply contract for the system was signed."""
    INSTALLED = "installed"
    """The system (or a first part of it) was installed or powered on."""
    FIRST_USERS = "first-users"
    """The first users ran on it (early or pilot access)."""
    INAUGURATED = "inaugurated"
    """It was inaugurated."""
    IN_OPERATION = "in-operation"
    """It is in regular operation for its users."""
    RENAMED = "renamed"
    """It took a new name."""
    PLANNED = "planned"
    """A date announced for something still to happen; the text says what."""


class Audience(_Labelled):
    """Who an :class:`AccessCall` is for."""

    ACADEMIA = "academia"
    INDUSTRY = "industry"
    STARTUPS_SMES = "startups-smes"
    PUBLIC_SECTOR = "public-sector"


class PositionStatus(_Labelled):
    """How far a country has gone towards an AI Gigafactory bid."""

    INTEREST = "interest"
    """Interest expressed, or candidates sought; no decision to bid."""
    APPROVED = "approved"
    """The government decided to take part or to fund a bid."""
    JOINED = "joined"
    """Signed the joint procurement agreement or joined a bidding consortium."""
    BIDDING = "bidding"
    """A named bid or consortium is being put forward."""
    DECLINED = "declined"
    """Said it will not commit public money to a bid."""


LABELS: dict[enum.Enum, str] = {
    Kind.FACTORY: "AI Factory",
    Kind.ANTENNA: "AI Factory Antenna",
    SystemStatus.NEW: "a new AI-optimised supercomputer",
    SystemStatus.UPGRADE: "an AI upgrade of an existing EuroHPC supercomputer",
    SystemStatus.ASSOCIATED: "works with an existing or planned EuroHPC system",
    Qualifier.EXACT: "",
    FunderKind.EU: "EU",
    Role.COFUNDER: "co-funder",
    Audience.STARTUPS_SMES: "start-ups and SMEs",
}
"""The words of each labelled enum member whose value is not its words.

Every other member reads as its value, hyphens as spaces (``"at least"``).
"""


@attrs.frozen
class Milestone:
    """A dated event in the life of an entry or its system.

    Attributes:
        date: When, as precisely as ``precision`` says; for a month, quarter
            or year, write its first day (``2025-01-01`` for "2025").
        kind: What happened, or ``planned`` for an announced future date.
        text: What it was, in our words.
        sources: Where it is given; at least one.
        precision: Whether the sources give the day, month, quarter or year.
        confidence: How well the sources back it.
        expects: For a ``planned`` milestone: the kind of event it announces,
            so that the event, once recorded, settles it.
    """

    date: dt.date
    kind: MilestoneKind
    text: str = attrs.field(metadata=declare(PROSE))
    sources: tuple[Source, ...] = attrs.field(
        converter=_sources, metadata=declare(min_items=1)
    )
    precision: Precision = Precision.DAY
    confidence: Confidence = Confidence.HIGH
    expects: MilestoneKind | None = None

    @property
    def start(self) -> dt.date:
        """The first day the date may mean (the month's first for ``month``)."""
        if self.precision is Precision.DAY:
            return self.date
        if self.precision is Precision.YEAR:
            return dt.date(self.date.year, 1, 1)
        if self.precision is Precision.MONTH:
            return self.date.replace(day=1)
        return dt.date(self.date.year, (self.date.month - 1) // 3 * 3 + 1, 1)

    @property
    def end(self) -> dt.date:
        """The last day the date may mean (31 December for ``year``)."""
        start = self.start
        if self.precision is Precision.DAY:
            return start
        if self.precision is Precision.YEAR:
            return dt.date(start.year, 12, 31)
        # The first day of the next month or quarter, less one day.
        month = start.month + (0 if self.precision is Precision.MONTH else 2)
        return dt.date(start.year + month // 12, month % 12 + 1, 1) - dt.timedelta(1)

    def when(self) -> str:
        """Return the date as precisely as it is known: ``"2025"``, ``"2026-Q3"``."""
        start = self.start
        if self.precision is Precision.YEAR:
            return f"{start.year}"
        if self.precision is Precision.QUARTER:
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        if self.precision is Precision.MONTH:
            return f"{start:%Y-%m}"
        return start.isoformat()

    def __str__(self) -> str:
        """Return the milestone in a line: ``2026-08-31 contract signed: ...``."""
        return f"{self.when()} {self.kind.label}: {self.text}"


def _milestones(items: Iterable[Milestone]) -> tuple[Milestone, ...]:
    return tuple(items)


def _audiences(items: Iterable[Audience]) -> frozenset[Audience]:
    return frozenset(items)


@attrs.frozen(kw_only=True)
class AccessCall:
    """A call, programme or page through which one entry gives access.

    Attributes:
        name: Its name, e.g. ``"Incubation Programme, Call 3"``.
        audience: Who may apply.
        sources: Where it is described; at least one.
        url: Where to read about it or apply.
        opens: When applications open, where a source says.
        closes: When applications close, where a source says.
        description: What it offers and to whom, in our words.
        unverified: No source we could read confirms it; only a secondary
            note names it.
        confidence: How well the sources back it.
    """

    name: str
    audience: frozenset[Audience] = attrs.field(converter=_audiences)
    sources: tuple[Source, ...] = attrs.field(
        converter=_sources, metadata=declare(min_items=1)
    )
    url: str | None = attrs.field(default=None, metadata=declare(URL))
    opens: dt.date | None = None
    closes: dt.date | None = None
    description: str | None = attrs.field(default=None, metadata=declare(PROSE))
    unverified: bool = False
    confidence: Confidence = Confidence.HIGH


def _calls(items: Iterable[AccessCall]) -> tuple[AccessCall, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class GigafactoryLot:
    """One lot of an AI Gigafactory call.

    Attributes:
        number: The lot's number, 1 for the first.
        sources: Where it is described; at least one.
        max_projects: How many gigafactories it may fund at most.
        cap_phase1: The most EU money per project in the first phase.
        cap_phase2: The most EU money per project in the second phase.
        processors: How much computing power a project must bring, in our words.
        min_it_load_mw: The least IT load in megawatts by the second phase.
    """

    number: int = attrs.field(metadata=declare(POSITIVE))
    sources: tuple[Source, ...] = attrs.field(
        converter=_sources, metadata=declare(min_items=1)
    )
    max_projects: int | None = attrs.field(default=None, metadata=declare(POSITIVE))
    cap_phase1: Money | None = None
    cap_phase2: Money | None = None
    processors: str | None = attrs.field(default=None, metadata=declare(PROSE))
    min_it_load_mw: int | None = attrs.field(default=None, metadata=declare(POSITIVE))


@attrs.frozen(kw_only=True)
class NationalPosition:
    """Where one country stands on bidding for an AI Gigafactory.

    Attributes:
        country: ISO 3166-1 alpha-2 code of the country.
        status: How far it has gone: interest, approved, joined, bidding, declined.
        summary: What it decided or offered, in our words.
        sources: Where it is reported; at least one.
        date: When, as precisely as ``precision`` says.
        precision: Whether the sources give the day, month, quarter or year.
        consortium: The bidding consortium, where named.
        lot: The lot it bids in, where stated.
        confidence: How well the sources back it.
        site: The city or site the bid proposes, where named.
        stakeholders: The bid's named members, with their roles.
        partner_countries: Other countries in a joint bid (ISO codes).
        funding: The bid's stated investment and who pays it.
        people: People quoted about the bid.
    """

    country: str = attrs.field(metadata=declare(COUNTRY))
    status: PositionStatus
    summary: str = attrs.field(metadata=declare(PROSE))
    sources: tuple[Source, ...] = attrs.field(
        converter=_sources, metadata=declare(min_items=1)
    )
    date: dt.date | None = None
    precision: Precision = Precision.DAY
    consortium: str | None = None
    lot: int | None = attrs.field(default=None, metadata=declare(POSITIVE))
    confidence: Confidence = Confidence.MEDIUM
    site: str | None = None
    stakeholders: tuple[Stakeholder, ...] = attrs.field(
        default=(), converter=_stakeholders
    )
    partner_countries: tuple[str, ...] = attrs.field(
        default=(), converter=_strs, metadata=declare(COUNTRY, unique=True)
    )
    funding: Funding | None = None
    people: tuple[Person, ...] = attrs.field(default=(), converter=_people)


def _lots(items: Iterable[GigafactoryLot]) -> tuple[GigafactoryLot, ...]:
    return tuple(items)


def _positions(items: Iterable[NationalPosition]) -> tuple[NationalPosition, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class GigafactoryCall:
    """A call to select AI Gigafactories, with its lots and the national bids.

    The gigafactories it selects will join the registry as entries of their
    own; until then the call and the countries' positions are what is known.

    Attributes:
        id: Stable slug, e.g. ``"aigf-2026"``.
        name: Its name, in our words.
        opened: The day it opened.
        sources: Where it is described; at least one.
        reference: The call's identifier, e.g. ``"EUROHPC-2026-CEI-AIGF-01"``.
        procedure: The tender procedure's reference, where given.
        deadline: The closing day, or ``None`` while the sources disagree
            (see ``conflicts``).
        max_sites: How many gigafactories it may select at most.
        lots: Its lots, each with its caps.
        signatories: Countries that signed the joint procurement agreement
            (ISO codes).
        positions: Where each country stands on bidding.
        public_funding: The public money at stake, as stated.
        selection: When the selection is expected, as stated.
        operation: When the gigafactories must run, as stated.
        milestones: Its dated events, planned ones too.
        conflicts: Facts the sources disagree on.
        note: Anything else worth knowing, in our words.
        confidence: How well the sources back it.
    """

    id: str = attrs.field(metadata=declare(SLUG))
    name: str
    opened: dt.date
    sources: tuple[Source, ...] = attrs.field(
        converter=_sources, metadata=declare(min_items=1)
    )
    reference: str | None = None
    procedure: str | None = None
    deadline: dt.date | None = None
    max_sites: int | None = attrs.field(default=None, metadata=declare(POSITIVE))
    lots: tuple[GigafactoryLot, ...] = attrs.field(default=(), converter=_lots)
    signatories: tuple[str, ...] = attrs.field(
        default=(), converter=_strs, metadata=declare(COUNTRY, unique=True)
    )
    positions: tuple[NationalPosition, ...] = attrs.field(
        default=(), converter=_positions
    )
    public_funding: str | None = attrs.field(default=None, metadata=declare(PROSE))
    selection: str | None = None
    operation: str | None = None
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_milestones)
    conflicts: tuple[Conflict, ...] = attrs.field(default=(), converter=_conflicts)
    note: str | None = attrs.field(default=None, metadata=declare(PROSE))
    confidence: Confidence = Confidence.MEDIUM


def _ranks(items: Iterable[Top500Rank]) -> tuple[Top500Rank, ...]:
    return tuple(items)


@attrs.frozen
class Supercomputer:
    """The system a factory runs on.

    Attributes:
        status: New system, upgrade, or an existing system it is associated with.
        name: The system's name, or ``None`` where not yet public.
        vendor: Who builds it, where known.
        accelerators: What computes the AI workloads, where known.
        expected_operation: When it is expected to be in service, as stated.
        site: Where the machine stands, if not in the host's city.
        note: Procurement and other details.
        sources: Sources for the system facts.
        accelerator_model: The accelerator's model as published, e.g.
            ``"NVIDIA GH200"``.
        accelerator_count: How many accelerators, as stated.
        performance: Computing performance figures, each with the metric and
            precision it was stated in; the headline figure first.
        top500: Places on the TOP500 list, newest first.
        milestones: The system's dated events: contract, installation,
            inauguration, operation, and dates still planned.
    """

    status: SystemStatus
    name: str | None = None
    vendor: str | None = None
    accelerators: str | None = None
    expected_operation: str | None = None
    site: str | None = None
    note: str | None = attrs.field(default=None, metadata=declare(PROSE))
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    accelerator_model: str | None = None
    accelerator_count: Count | None = None
    performance: tuple[Performance, ...] = attrs.field(
        default=(), converter=_performances
    )
    top500: tuple[Top500Rank, ...] = attrs.field(default=(), converter=_ranks)
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_milestones)


def _sectors(items: Iterable[Sector]) -> frozenset[Sector]:
    return frozenset(items)


@attrs.frozen
class Link:
    """A web address with the sources that say it is the right one.

    Attributes:
        url: The address.
        sources: Where it is given; at least one.
        http_only: The site serves no ``https``, so ``url`` is ``http://``.
    """

    url: str = attrs.field(metadata=declare(URL))
    sources: tuple[Source, ...] = attrs.field(
        converter=_sources, metadata=declare(min_items=1)
    )
    http_only: bool = False


def _links(items: Iterable[Link]) -> tuple[Link, ...]:
    return tuple(items)


@attrs.frozen
class Location:
    """Where an entry is: its city on the map, and the precise site where known.

    Attributes:
        city: The city, as in the host's ``city``.
        country: ISO 3166-1 alpha-2 code of the city's country.
        latitude: The city's latitude in degrees north (from GeoNames).
        longitude: The city's longitude in degrees east (from GeoNames).
        sources: Where the place and coordinates come from; at least one.
        geonames_id: The city's GeoNames id, for joins with other datasets.
        site: The precise site (a campus, a data centre), where sourced.
    """

    city: str
    country: str = attrs.field(metadata=declare(COUNTRY))
    latitude: Decimal = attrs.field(metadata=declare(LATITUDE))
    longitude: Decimal = attrs.field(metadata=declare(LONGITUDE))
    sources: tuple[Source, ...] = attrs.field(
        converter=_sources, metadata=declare(min_items=1)
    )
    geonames_id: int | None = attrs.field(default=None, metadata=declare(POSITIVE))
    site: str | None = None


@attrs.frozen
class Grant:
    """An EU grant agreement that funds an entry (CORDIS).

    Attributes:
        id: The grant agreement number, e.g. ``"101234224"``.
        sources: Where it is given; at least one.
        programme: The funding programme, where the source states it.
        url: The CORDIS project page.
        note: Amounts, dates and other details, in our words.
        confidence: How well the sources back it.
    """

    id: str
    sources: tuple[Source, ...] = attrs.field(
        converter=_sources, metadata=declare(min_items=1)
    )
    programme: str | None = None
    url: str | None = attrs.field(default=None, metadata=declare(URL))
    note: str | None = attrs.field(default=None, metadata=declare(PROSE))
    confidence: Confidence = Confidence.HIGH


def _grants(items: Iterable[Grant]) -> tuple[Grant, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True, repr=False)
class _Entry:
    """Fields shared by factories and antennas."""

    id: str = attrs.field(metadata=declare(SLUG))
    name: str
    wave: str
    selected_on: dt.date
    country: str = attrs.field(metadata=declare(COUNTRY))
    host: Host | None = None
    website: Link | None = None
    access: Link | None = None
    location: Location | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    partner_countries: tuple[str, ...] = attrs.field(
        default=(), converter=_strs, metadata=declare(COUNTRY, unique=True)
    )
    stakeholders: tuple[Stakeholder, ...] = attrs.field(
        default=(), converter=_stakeholders
    )
    focus: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    sectors: frozenset[Sector] = attrs.field(default=frozenset(), converter=_sectors)
    funding: Funding | None = None
    grants: tuple[Grant, ...] = attrs.field(default=(), converter=_grants)
    people: tuple[Person, ...] = attrs.field(default=(), converter=_people)
    conflicts: tuple[Conflict, ...] = attrs.field(default=(), converter=_conflicts)
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_milestones)
    calls: tuple[AccessCall, ...] = attrs.field(default=(), converter=_calls)
    confidence: Confidence = Confidence.HIGH
    notes: str | None = attrs.field(default=None, metadata=declare(PROSE))
    # kw_only lets a mandatory field follow defaulted ones; sources go last so
    # that a data file reads identity first, evidence after.
    sources: tuple[Source, ...] = attrs.field(
        converter=_sources, metadata=declare(min_items=1)
    )

    @property
    def names(self) -> tuple[str, ...]:
        """The official name followed by every alias."""
        return (self.name, *self.aliases)

    def __repr__(self) -> str:
        # A full field dump runs to ~10 KB; attrs.asdict() and `aifactories
        # show` give everything, the repr says which entry this is.
        return f"<{type(self).__name__} {self.id!r}: {self.name!r}>"


@attrs.frozen(kw_only=True, repr=False)
class Factory(_Entry):
    """An AI Factory selected by the EuroHPC Joint Undertaking.

    Attributes:
        id: Stable slug, e.g. ``"mimer"``.
        name: Official name.
        wave: Id of the selection :class:`Wave`.
        selected_on: Date the selection was announced.
        country: ISO 3166-1 alpha-2 code of the host country.
        host: The hosting organisation (``None`` only where unknown).
        sources: Sources for the entry; at least one.
        website: The official website of the factory or antenna.
        access: The page to apply for access, where a source gives one.
        location: The host city's coordinates, and the precise site.
        grants: EU grant agreements that fund it.
        aliases: Other names it goes by.
        partner_countries: Other countries in its consortium (ISO codes).
        stakeholders: Organisations with a role besides hosting.
        focus: Focus areas in our words.
        sectors: The focus mapped onto the sector vocabulary.
        funding: Budget and funders, where known.
        people: People quoted about it.
        conflicts: Facts the sources disagree on.
        milestones: The entry's dated events besides its selection; its
            system's are on the supercomputer.
        calls: Its own access calls and programmes, beside the
            initiative-wide access modes.
        confidence: How well the sources back the entry.
        notes: Anything else worth knowing.
        supercomputer: The system it runs on.
        experimental_platform: The experimental platform, if it has one.
    """

    supercomputer: Supercomputer | None = None
    experimental_platform: str | None = None

    @property
    def kind(self) -> Kind:
        """Always :attr:`Kind.FACTORY`."""
        return Kind.FACTORY


@attrs.frozen(kw_only=True, repr=False)
class Antenna(_Entry):
    """An AI Factory Antenna: a national hub linked to one or more factories.

    Has every field of :class:`Factory` except the supercomputer ones, plus:

    Attributes:
        factories: Ids of the factories it is formally linked to.
        letters_of_intent: Ids of factories it has only a letter of intent with.
    """

    # Links are checked as references (they must name a factory), which
    # also covers their form.
    factories: tuple[str, ...] = attrs.field(
        default=(), converter=_strs, metadata=declare(unique=True)
    )
    letters_of_intent: tuple[str, ...] = attrs.field(
        default=(), converter=_strs, metadata=declare(unique=True)
    )

    @property
    def kind(self) -> Kind:
        """Always :attr:`Kind.ANTENNA`."""
        return Kind.ANTENNA


Entry = Factory | Antenna
"""Any registry entry."""

SERVING_HOW = ("host", "consortium", "antenna")
"""The reasons an entry serves a country, in the order the serving table uses."""


def serves(entries: Iterable[Entry]) -> Iterator[tuple[str, str, str]]:
    """Each ``(country, entry id, how)`` by which an entry serves a country.

    ``how`` is one of :data:`SERVING_HOW`: the host's country, each country
    of the consortium, and an antenna's country for every factory it links
    to (an id the caller may not hold, as after ``as_of()``).
    """
    for entry in entries:
        yield entry.country, entry.id, "host"
        for country in entry.partner_countries:
            yield country, entry.id, "consortium"
        if isinstance(entry, Antenna):
            for factory_id in entry.factories:
                yield entry.country, factory_id, "antenna"


@attrs.frozen
class Fact:
    """A fact about the initiative as a whole.

    Attributes:
        id: Stable slug.
        statement: The fact, in our words.
        sources: Where it comes from.
        confidence: How well the sources back it.
    """

    id: str = attrs.field(metadata=declare(SLUG))
    statement: str = attrs.field(metadata=declare(PROSE))
    sources: tuple[Source, ...] = attrs.field(
        converter=_sources, metadata=declare(min_items=1)
    )
    confidence: Confidence = Confidence.HIGH


@attrs.frozen(kw_only=True)
class Wave:
    """A selection round.

    Attributes:
        id: Stable id, e.g. ``"W1"``.
        name: Human-readable name.
        kind: Whether it selected factories or antennas.
        announced: The announcement date.
        investment: The combined investment announced, where known.
        summary: What was selected, in our words.
        sources: Sources for the wave.
        conflicts: Facts about the wave the sources disagree on.
    """

    id: str
    name: str
    kind: Kind
    announced: dt.date
    sources: tuple[Source, ...] = attrs.field(
        converter=_sources, metadata=declare(min_items=1)
    )
    investment: Money | None = None
    summary: str | None = attrs.field(default=None, metadata=declare(PROSE))
    conflicts: tuple[Conflict, ...] = attrs.field(default=(), converter=_conflicts)


@attrs.frozen(kw_only=True)
class AccessMode:
    """One way to get computing time at the AI Factories.

    Attributes:
        id: Stable slug, e.g. ``"playground"``.
        name: Its name, e.g. ``"AI Factories Playground"``.
        description: What it offers, in our words.
        sources: Where it is described; at least one.
        group: The family of modes it belongs to, e.g. ``"industrial innovation"``.
        audience: Who it is for.
        size: How much computing time, as stated.
        duration: How long an allocation lasts, as stated.
        time_to_access: How soon access is granted, as stated.
        cost: What it costs, as stated.
        url: Its official page.
        unverified: Names of its fields whose values no source we could
            read confirms (e.g. ``time_to_access``).
    """

    id: str = attrs.field(metadata=declare(SLUG))
    name: str
    description: str = attrs.field(metadata=declare(PROSE))
    sources: tuple[Source, ...] = attrs.field(
        converter=_sources, metadata=declare(min_items=1)
    )
    group: str | None = None
    audience: str | None = None
    size: str | None = None
    duration: str | None = None
    time_to_access: str | None = None
    cost: str | None = None
    url: str | None = attrs.field(default=None, metadata=declare(URL))
    unverified: tuple[str, ...] = attrs.field(
        default=(), converter=_strs, metadata=declare(unique=True)
    )


def _modes(items: Iterable[AccessMode]) -> tuple[AccessMode, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Access:
    """How to get access to the AI Factories, for the initiative as a whole.

    Attributes:
        modes: The access modes.
        portal: Where to apply.
        pages: Official pages that explain access.
        note: Anything else worth knowing, in our words.
    """

    modes: tuple[AccessMode, ...] = attrs.field(default=(), converter=_modes)
    portal: Link | None = None
    pages: tuple[Link, ...] = attrs.field(default=(), converter=_links)
    note: str | None = attrs.field(default=None, metadata=declare(PROSE))


@attrs.frozen(kw_only=True)
class Coverage:
    """Up to which date the sources behind the data were checked.

    Attributes:
        checked_until: The newest date any source was checked for.
        most_checked_until: The date most items were checked up to.
        note: What the dates mean, in our words.
    """

    checked_until: dt.date
    most_checked_until: dt.date | None = None
    note: str | None = attrs.field(default=None, metadata=declare(PROSE))
