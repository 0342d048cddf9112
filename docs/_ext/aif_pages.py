"""Generate the data reference and figures from the bundled registry.

Hooked on ``builder-inited``: before Sphinx looks for source files, this
writes Markdown pages and SVG figures under ``docs/data/_generated/``. The
pages are never edited by hand and never committed; a data release changes
them on the next build. Files are rewritten only when their content changes,
so incremental builds stay incremental.

The rendering functions are pure (registry in, text out) so the tests in
``docs/test_generated.py`` can check them without running Sphinx.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import typing
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from aif_figures import (
    located,
    map_alt,
    map_numbers,
    map_svg,
    matrix_alt,
    matrix_svg,
    milestones_alt,
    milestones_svg,
    network_alt,
    network_svg,
    outline_source,
    served,
    timeline_alt,
    timeline_svg,
)
from aif_text import (
    count,
    country,
    date_text,
    esc,
    kind_text,
    link,
    money,
    share,
    short_label,
    url_text,
)

import aifactories

# The docs describe the file format through the private classes that define
# it, take the JSON Schema from the library's own generator, and name
# countries as the library's messages do.
from aifactories import (
    SECTOR_LABELS,
    SECTOR_SYNONYMS,
    AccessMode,
    Antenna,
    Conflict,
    Entry,
    Factory,
    Person,
    Registry,
    Sector,
    Source,
    country_name,
)
from aifactories._schema import attribute_docs, json_schema
from aifactories._validate import Document

if TYPE_CHECKING:
    from sphinx.application import Sphinx

GENERATED = Path("data") / "_generated"
"""Where the output goes, relative to the docs source directory."""

FRAGMENTS = "fragments"
"""Sub-folder of pieces included into hand-written pages (not pages)."""

_NONE = "—"


def entry_ref(entry: Entry, text: str | None = None) -> str:
    """A cross-reference to an entry's page."""
    return f"{{ref}}`{esc(text or entry.name)} <entry-{entry.id}>`"


def wave_ref(wave_id: str, text: str | None = None) -> str:
    """A cross-reference to a wave's section of the timeline page."""
    return f"{{ref}}`{esc(text or wave_id)} <wave-{wave_id.lower()}>`"


def sector_ref(sector: Sector) -> str:
    """A cross-reference to a sector's section of the by-sector page."""
    return f"{{ref}}`{sector.value} <sector-{sector.value}>`"


def country_ref(code: str) -> str:
    """A cross-reference to a country's section of the by-country page."""
    return f"{{ref}}`{esc(country(code))} <country-{code.lower()}>`"


class Citations:
    """The sources cited on one page, numbered by first use.

    ``cite`` returns inline ``[n]`` links; ``render`` the numbered list they
    point to, with what each source supports on this page.
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self._numbers: dict[tuple[str | None, str | None, str | None], int] = {}
        self._sources: list[Source] = []
        self._supports: list[list[str]] = []

    def cite(self, sources: Iterable[Source]) -> str:
        """Return ``[1] [4]`` links for ``sources`` (empty text for none)."""
        numbers: list[int] = []
        for source in sources:
            key = (source.url, source.seed, source.quote)
            n = self._numbers.get(key)
            if n is None:
                n = self._numbers[key] = len(self._sources) + 1
                self._sources.append(source)
                self._supports.append([])
            if source.supports and source.supports not in self._supports[n - 1]:
                self._supports[n - 1].append(source.supports)
            numbers.append(n)
        return " ".join(
            f"{{ref}}`[{n}] <{self.prefix}-{n}>`" for n in sorted(set(numbers))
        )

    def render(self) -> list[str]:
        """The numbered source list, as Markdown lines."""
        lines: list[str] = []
        for n, (source, supports) in enumerate(
            zip(self._sources, self._supports, strict=True), start=1
        ):
            if source.url is not None:
                what = link(source.url)
            else:
                what = (
                    f"Seed document `{source.seed}`, quoted: "
                    f"“{esc(source.quote or '')}”"
                )
            kind = f" ({source.kind.label})" if source.kind else ""
            backs = f" — supports: {esc('; '.join(supports))}" if supports else ""
            lines += [f"({self.prefix}-{n})=", f"**[{n}]** {what}{kind}{backs}", ""]
        return lines


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(cell or _NONE for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _funders(entry: Entry, cite: Citations | None = None) -> list[str]:
    """One line per funding share: who, what kind, how much, through whom."""
    if entry.funding is None or not entry.funding.shares:
        return []
    lines = []
    for part in entry.funding.shares:
        bits = [f"{esc(part.funder)} ({part.kind.label})"]
        if part.share is not None:
            bits.append(share(part.share))
        if part.amount is not None:
            bits.append(money(part.amount))
        text = ", ".join(bits)
        if part.via:
            text += ", through " + esc("; ".join(part.via))
        if cite is not None and part.sources:
            text += " " + cite.cite(part.sources)
        lines.append(text)
    return lines


def _conflicts(conflicts: Sequence[Conflict], cite: Citations, level: str) -> list[str]:
    lines: list[str] = []
    for conflict in conflicts:
        lines += [f"{level} {esc(conflict.topic)}", ""]
        if conflict.field:
            lines += [f"Field: `{conflict.field}`", ""]
        for claim in conflict.claims:
            amount = f" ({money(claim.amount)})" if claim.amount else ""
            refs = cite.cite(claim.sources)
            lines.append(f"- {esc(claim.value)}{amount} {refs}".rstrip())
        lines.append("")
        if conflict.note:
            lines += [esc(conflict.note), ""]
    return lines


class _Users:
    """For every entry, the countries whose users :meth:`Registry.serving` sends."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.countries, self.marks = served(registry)
        self.of: dict[str, list[str]] = {}
        for code, entry_id in self.marks:
            self.of.setdefault(entry_id, []).append(code)

    def via(self, entry: Entry, code: str) -> list[Antenna]:
        """The antennas in ``code`` that link to ``entry``."""
        return [
            a
            for a in self.registry.antennas
            if a.country == code and entry.id in a.factories
        ]

    def reason(self, entry: Entry, code: str) -> str:
        """Why ``registry.serving(code)`` includes ``entry``, after the country."""
        why = self.marks[code, entry.id]
        if why == "host":
            return "hosts it"
        if why == "partner":
            return "is a consortium partner"
        antennas = ", ".join(
            entry_ref(a, short_label(a)) for a in self.via(entry, code)
        )
        return f"links to it through the antenna {antennas}"


# -- one page per entry --------------------------------------------------------


def _degrees(value: Decimal, positive: str, negative: str) -> str:
    """Return e.g. ``"58.41086° N"`` or ``"8.54569° W"``."""
    hemisphere = positive if value >= 0 else negative
    return f"{abs(value)}° {hemisphere}"


def _website_text(entry: Entry, cite: Citations) -> str:
    if entry.website is None:
        return "not given in the sources"
    http = " (serves no https)" if entry.website.http_only else ""
    return f"{link(entry.website.url)}{http} {cite.cite(entry.website.sources)}"


def _location_text(entry: Entry, cite: Citations, number: int | None) -> str:
    place = entry.location
    if place is None:
        return "not in the data, so the entry is not on the {ref}`map <data-map>`"
    text = (
        f"{esc(place.city)}, {esc(country_name(place.country))}: "
        f"{_degrees(place.latitude, 'N', 'S')}, "
        f"{_degrees(place.longitude, 'E', 'W')}"
    )
    if place.geonames_id is not None:
        geonames = f"https://www.geonames.org/{place.geonames_id}"
        text += f"; GeoNames {link(geonames, str(place.geonames_id))}"
    if place.site:
        text += f"; site: {esc(place.site)}"
    if number is not None:
        text += f"; number {number} on the {{ref}}`map <data-map>`"
    return f"{text} {cite.cite(place.sources)}"


def _access_text(entry: Entry, cite: Citations) -> str:
    # Where a source names the entry's own page for applying, it comes first;
    # the initiative-wide modes apply to every factory either way.
    modes = "{ref}`the access modes of the initiative <data-access>`"
    if entry.access is not None:
        return (
            f"apply at {link(entry.access.url)} "
            f"{cite.cite(entry.access.sources)}; see also {modes}"
        )
    if isinstance(entry, Antenna):
        return (
            "through the factories it links to (an antenna has no access mode of "
            f"its own); see {modes}"
        )
    return f"no page of its own in the sources; see {modes}"


def _summary(entry: Entry, cite: Citations, number: int | None = None) -> list[str]:
    host = f", hosted by {esc(entry.host.name)}" if entry.host else ""
    lines = [
        f"(entry-{entry.id})=",
        f"# {esc(entry.name)}",
        "",
        (
            f"{kind_text(entry.kind)} in {country_ref(entry.country)}{host}, "
            f"selected on {date_text(entry.selected_on)} in "
            f"{wave_ref(entry.wave)}. {cite.cite(entry.sources)}"
        ),
        "",
        f'In Python: `aifactories.load()["{entry.id}"]`.',
        "",
    ]
    host_text = "not known"
    if entry.host:
        host_text = esc(entry.host.name)
        if entry.host.short_name:
            host_text += f" ({esc(entry.host.short_name)})"
        if entry.host.city:
            host_text += f", {esc(entry.host.city)}"
        host_text = f"{host_text} {cite.cite(entry.host.sources)}".strip()
    rows = [
        ("Id", f"`{entry.id}`"),
        ("Also known as", "; ".join(esc(a) for a in entry.aliases)),
        ("Host", host_text),
        ("Host country", country_ref(entry.country)),
        ("Website", _website_text(entry, cite)),
        ("Location", _location_text(entry, cite, number)),
        ("Access", _access_text(entry, cite)),
        ("Partner countries", ", ".join(map(country_ref, entry.partner_countries))),
        ("Focus", "; ".join(esc(f) for f in entry.focus)),
        ("Sectors", ", ".join(sector_ref(s) for s in sorted(entry.sectors))),
        ("Confidence", entry.confidence.value),
    ]
    return lines + _table(("Field", "Value"), rows)


def _users_section(entry: Entry, users: _Users) -> list[str]:
    lines = [
        "## Who can use it",
        "",
        ("The countries for which `registry.serving(country)` includes this entry:"),
        "",
    ]
    lines += [
        f"- {country_ref(code)} {users.reason(entry, code)}"
        for code in users.of.get(entry.id, ())
    ]
    return [*lines, ""]


_STATUS = {
    "new": "a new AI-optimised supercomputer",
    "upgrade": "an AI upgrade of an existing EuroHPC system",
    "associated": "works with an existing EuroHPC system",
}


def _system_section(entry: Factory, cite: Citations) -> list[str]:
    lines = ["## Supercomputer", ""]
    system = entry.supercomputer
    if system is None:
        lines += ["The sources say nothing about the system.", ""]
    else:
        rows = [
            ("Status", f"`{system.status.value}`: {_STATUS[system.status.value]}"),
            ("Name", esc(system.name or "not yet public")),
            ("Vendor", esc(system.vendor or "")),
            ("Accelerators", esc(system.accelerators or "")),
            ("Expected in service", esc(system.expected_operation or "")),
            ("Site", esc(system.site or "")),
            ("Note", esc(system.note or "")),
            ("Sources", cite.cite(system.sources)),
        ]
        lines += _table(("Field", "Value"), rows)
    if entry.experimental_platform:
        lines += [f"Experimental platform: {esc(entry.experimental_platform)}", ""]
    return lines


def _links_section(registry: Registry, entry: Entry) -> list[str]:
    if isinstance(entry, Factory):
        linked: Sequence[Entry] = registry.antennas_of(entry)
        letters: Sequence[Entry] = [
            a for a in registry.antennas if entry.id in a.letters_of_intent
        ]
        lines = ["## Antennas", ""]
        none = "No antenna is formally linked to this factory."
    else:
        linked = [registry[f] for f in entry.factories]
        letters = [registry[f] for f in entry.letters_of_intent]
        lines = ["## Linked factories", ""]
        none = "The sources name no factory this antenna links to."
    lines += [f"- {entry_ref(e)} ({country_ref(e.country)})" for e in linked]
    if not linked:
        lines.append(none)
    lines.append("")
    if letters:
        names = ", ".join(entry_ref(e) for e in letters)
        lines += [f"Letters of intent only: {names}.", ""]
    return lines


def _funding_section(entry: Entry, cite: Citations) -> list[str]:
    lines = ["## Funding", ""]
    funding = entry.funding
    if funding is None:
        return [*lines, "The sources give no funding details.", ""]
    total = money(funding.total) if funding.total else "not known"
    lines += [f"Total: {total}.", ""]
    if funding.shares:
        rows = [
            (
                esc(p.funder),
                p.kind.value,
                country_ref(p.country) if p.country else "",
                share(p.share) if p.share is not None else "",
                money(p.amount) if p.amount else "",
                esc("; ".join(p.via)),
                cite.cite(p.sources),
            )
            for p in funding.shares
        ]
        header = ("Funder", "Kind", "Country", "Share", "Amount", "Through", "Sources")
        lines += _table(header, rows)
    if funding.note:
        lines += [esc(funding.note), ""]
    return lines


def _stakeholders_section(entry: Entry, cite: Citations) -> list[str]:
    if not entry.stakeholders:
        return []
    rows = [
        (
            esc(s.name) + (f" ({esc(s.short_name)})" if s.short_name else ""),
            s.role.value,
            country_ref(s.country) if s.country else "",
            cite.cite(s.sources),
        )
        for s in entry.stakeholders
    ]
    return [
        "## Organisations",
        "",
        *_table(("Organisation", "Role", "Country", "Sources"), rows),
    ]


def _people(people: Sequence[Person], cite: Citations) -> list[str]:
    lines = []
    for person in people:
        org = f", {esc(person.organisation)}" if person.organisation else ""
        said = f": {esc(person.statement)}" if person.statement else ""
        refs = cite.cite(person.sources)
        text = f"- **{esc(person.name)}**, {esc(person.role)}{org}{said} {refs}"
        lines += [text.rstrip(), ""]
    return lines


def _calls_section(entry: Entry, cite: Citations) -> list[str]:
    if not entry.calls:
        return []
    lines = ["## Access calls and programmes", ""]
    for call in entry.calls:
        who = ", ".join(sorted(a.label for a in call.audience))
        dates = " to ".join(date_text(d) for d in (call.opens, call.closes) if d)
        flag = " (not verified)" if call.unverified else ""
        where = f" [{esc(url_text(call.url))}]({call.url})" if call.url else ""
        when = f"; {dates}" if dates else ""
        lines += [
            (
                f"- **{esc(call.name)}**{flag}, for {who}{when}.{where} "
                f"{cite.cite(call.sources)}"
            ),
            "",
        ]
        if call.description:
            lines += [f"  {esc(call.description)}", ""]
    return lines


def _timeline_section(registry: Registry, entry: Entry, cite: Citations) -> list[str]:
    lines = ["## Timeline", ""]
    for event in registry.timeline(entry):
        milestone = event.milestone
        kind = milestone.kind.label
        planned = f"planned ({milestone.expects.label})" if milestone.expects else kind
        lines += [
            (
                f"- {milestone.when()}, {planned}: {esc(milestone.text)} "
                f"{cite.cite(milestone.sources)}"
            ),
            "",
        ]
    return lines


def entry_page(registry: Registry, entry: Entry, users: _Users) -> str:
    """The page for one entry: every field, with its sources."""
    cite = Citations(f"src-{entry.id}")
    lines = _summary(entry, cite, map_numbers(registry).get(entry.id))
    lines += _users_section(entry, users)
    if isinstance(entry, Factory):
        lines += _system_section(entry, cite)
    lines += _links_section(registry, entry)
    lines += _funding_section(entry, cite)
    lines += _stakeholders_section(entry, cite)
    lines += _calls_section(entry, cite)
    lines += _timeline_section(registry, entry, cite)
    if entry.people:
        lines += ["## People", "", *_people(entry.people, cite)]
    if entry.conflicts:
        lines += ["## Where the sources disagree", ""]
        lines += _conflicts(entry.conflicts, cite, "###")
    if entry.notes:
        lines += ["## Notes", "", esc(entry.notes), ""]
    lines += ["## Sources", "", *cite.render()]
    return "\n".join(lines).rstrip() + "\n"


# -- the overview pages ---------------------------------------------------------


def entries_page(registry: Registry) -> str:
    """One table of every factory and antenna, and the toctree of their pages."""
    lines = [
        "(data-entries)=",
        "# All factories and antennas",
        "",
        (
            f"The registry (data version {registry.data_version}) holds "
            f"{count(len(registry), 'entry')}: "
            f"{count(len(registry.factories), 'AI Factory')} and "
            f"{count(len(registry.antennas), 'AI Factory Antenna')}, in order of "
            "selection. Each name leads to the entry's page with all its facts and "
            "sources."
        ),
        "",
    ]
    rows = []
    for entry in registry:
        if isinstance(entry, Antenna):
            linked = ", ".join(
                entry_ref(registry[f], short_label(registry[f]))
                for f in entry.factories
            )
        else:
            linked = ", ".join(
                entry_ref(a, short_label(a)) for a in registry.antennas_of(entry)
            )
        host = ""
        if entry.host:
            host = esc(entry.host.short_name or entry.host.name)
        rows.append(
            (
                entry_ref(entry),
                "factory" if entry.kind == "factory" else "antenna",
                country_ref(entry.country),
                wave_ref(entry.wave),
                host,
                linked,
            )
        )
    lines += _table(
        ("Name", "Kind", "Country", "Wave", "Host", "Antennas / linked factories"),
        rows,
    )
    lines += ["```{toctree}", ":hidden:", ""]
    lines += [f"entry/{entry.id}" for entry in registry]
    lines += ["```", ""]
    return "\n".join(lines)


def waves_page(registry: Registry, alt: str) -> str:
    """The timeline figure and one section per selection wave."""
    lines = [
        "(data-waves)=",
        "# Selection timeline",
        "",
        (
            "The EuroHPC Joint Undertaking selects AI Factories and AI Factory "
            "Antennas in waves. The figure shows each wave on a time axis with every "
            "entry it selected and the investment announced with it; the sections "
            "below give the same facts with their sources."
        ),
        "",
        "```{figure} timeline.svg",
        f":alt: {alt}",
        ":width: 100%",
        ":figclass: aif-wide",
        "",
        (
            "The selection waves, with every entry selected and the investment "
            "announced. Blue boxes are AI Factories, orange rounded ones AI Factory "
            "Antennas."
        ),
        "```",
        "",
        "## Milestones",
        "",
        (
            "Every dated event the data records, from the selection to contracts, "
            "installation, inauguration and operation, with the dates still "
            "planned; {meth}`aifactories.Registry.timeline` lists them with their "
            "sources and the `timeline` table exports them."
        ),
        "",
        "```{figure} milestones.svg",
        f":alt: {milestones_alt(registry)}",
        ":width: 100%",
        ":figclass: aif-wide",
        "",
        (
            "One row per entry. Filled marks are events, hollow ones planned "
            "dates; the colour and shape say what kind of event it is."
        ),
        "```",
        "",
    ]
    for selection in registry.waves:
        wave = selection.wave
        cite = Citations(f"src-wave-{wave.id.lower()}")
        noun = "AI Factory" if wave.kind == "factory" else "AI Factory Antenna"
        investment = (
            money(wave.investment) if wave.investment else "not stated in the sources"
        )
        lines += [
            f"(wave-{wave.id.lower()})=",
            f"## {wave.id}: {esc(wave.name)}",
            "",
            (
                f"Announced on {date_text(wave.announced)}; "
                f"{count(len(selection.entries), noun)} selected; investment: "
                f"{investment}. {cite.cite(wave.sources)}"
            ),
            "",
        ]
        if wave.summary:
            lines += [esc(wave.summary), ""]
        lines += [
            f"- {entry_ref(e)} ({country_ref(e.country)})" for e in selection.entries
        ]
        lines.append("")
        if wave.conflicts:
            lines += ["### Where the sources disagree", ""]
            lines += _conflicts(wave.conflicts, cite, "####")
        lines += [f"### Sources for {wave.id}", "", *cite.render()]
    return "\n".join(lines).rstrip() + "\n"


def network_page(registry: Registry, alt: str) -> str:
    """The network figure and the table of every link it draws."""
    lines = [
        "(data-network)=",
        "# Antennas and factories",
        "",
        (
            "An AI Factory Antenna is a national hub that gives its country's users "
            "access to one or more AI Factories elsewhere. The figure shows which "
            "antenna links to which factory; the table below lists the same links."
        ),
        "",
        "```{figure} network.svg",
        f":alt: {alt}",
        ":width: 100%",
        ":figclass: aif-wide",
        "",
        (
            "AI Factory Antennas (orange circles) and the AI Factories (blue squares) "
            "they link to. Solid lines are formal links; dashed lines letters of "
            "intent only."
        ),
        "```",
        "",
        "## Every link",
        "",
    ]
    rows = [
        (
            entry_ref(a),
            country_ref(a.country),
            ", ".join(entry_ref(registry[f]) for f in a.factories),
            ", ".join(entry_ref(registry[f]) for f in a.letters_of_intent),
        )
        for a in registry.antennas
    ]
    lines += _table(
        ("Antenna", "Country", "Linked factories", "Letters of intent"), rows
    )
    alone = [f for f in registry.factories if not registry.antennas_of(f)]
    lines += [
        "Factories with no antenna: " + ", ".join(entry_ref(f) for f in alone) + ".",
        "",
    ]
    return "\n".join(lines)


def countries_page(registry: Registry, users: _Users, alt: str) -> str:
    """Who can use what: the matrix figure, then one short section per country."""
    lines = [
        "(data-countries)=",
        "# Who can use what, by country",
        "",
        (
            "For every country in the registry, the entries that "
            "`registry.serving(country)` returns: those hosted there (H), those "
            "whose consortium includes the country (P), and the factories that an "
            "antenna in the country links to (A). Countries not listed host no "
            "entry, belong to no consortium and have no antenna in the data. The "
            "registry records who hosts, links and funds each entry; how to apply "
            "is on the {ref}`access page <data-access>`, and who funds an entry on "
            "its own page."
        ),
        "",
        "```{figure} matrix.svg",
        f":alt: {alt}",
        ":width: 100%",
        "",
        (
            "Countries (rows) and the entries their users can turn to (columns): "
            "H the country hosts it, P it is a consortium partner, A its antenna "
            "links to the factory. The last column holds each country's own "
            "antenna."
        ),
        "```",
        "",
    ]
    headings = {"host": "Hosts", "partner": "Consortium partner in", "antenna": ""}
    for code in users.countries:
        lines += [f"(country-{code.lower()})=", f"## {esc(country(code))}", ""]
        groups: dict[str, list[Entry]] = {}
        for entry in registry.serving(code):
            groups.setdefault(users.marks[code, entry.id], []).append(entry)
        for why in ("host", "partner"):
            if why in groups:
                names = ", ".join(
                    f"{entry_ref(e)} ({kind_text(e.kind)})" for e in groups[why]
                )
                lines.append(f"- {headings[why]}: {names}")
        for antenna in registry.antennas:
            linked = [e for e in groups.get("antenna", ()) if e.id in antenna.factories]
            if antenna.country == code and linked:
                names = ", ".join(
                    f"{entry_ref(e)} ({esc(country_name(e.country))})" for e in linked
                )
                lines.append(
                    f"- Through {entry_ref(antenna, short_label(antenna))}: {names}"
                )
        lines.append("")
    return "\n".join(lines)


def map_page(registry: Registry, alt: str) -> str:
    """The map figure and its key: which number is which entry, and where."""
    numbers = map_numbers(registry)
    missing = [e for e in registry if e.location is None]
    unlocated = ", ".join(f"{entry_ref(e)} ({country_ref(e.country)})" for e in missing)
    lines = [
        "(data-map)=",
        "# Map",
        "",
        (
            "Every AI Factory and AI Factory Antenna with a location in the data, "
            "at its host city, and the lines from each antenna to the factories it "
            "links to. The numbers are explained in the key below the map; each "
            "entry's page gives its coordinates and their sources."
        ),
        "",
        "```{figure} map.svg",
        f":alt: {alt}",
        ":width: 100%",
        "",
        (
            f"{count(len(numbers), 'entry')} at their cities: AI Factories as blue "
            "squares, antennas as orange circles; solid lines are formal links, "
            "dashed ones letters of intent."
            + (
                f" Not on the map, for want of a location in the data: {unlocated}."
                if missing
                else ""
            )
            + f" {outline_source()}"
        ),
        "```",
        "",
        "## Key",
        "",
    ]
    rows = []
    for entry in located(registry):
        place = entry.location
        assert place is not None  # noqa: S101 - located() keeps only these
        rows.append(
            (
                str(numbers[entry.id]),
                entry_ref(entry),
                "factory" if entry.kind == "factory" else "antenna",
                f"{esc(place.city)}, {place.country}",
            )
        )
    lines += _table(("No.", "Entry", "Kind", "City"), rows)
    if missing:
        lines += [f"Not on the map: {unlocated}.", ""]
    return "\n".join(lines)


def _mode_section(mode: AccessMode, cite: Citations) -> list[str]:
    lines = [
        f"(access-{mode.id})=",
        f"## {esc(mode.name)}",
        "",
        f"{esc(mode.description)} {cite.cite(mode.sources)}",
        "",
    ]
    rows = [
        ("Group", esc(mode.group or "")),
        ("For", esc(mode.audience or "")),
        ("Size", esc(mode.size or "")),
        ("Duration", esc(mode.duration or "")),
        ("Time to access", esc(mode.time_to_access or "")),
        ("Cost", esc(mode.cost or "")),
        ("Official page", link(mode.url) if mode.url else ""),
    ]
    return lines + _table(("Field", "Value"), rows)


def access_page(registry: Registry) -> str:
    """How to get access, for the initiative as a whole (``registry.access``)."""
    cite = Citations("src-access")
    lines = [
        "(data-access)=",
        "# How to get access",
        "",
        (
            "The AI Factories grant computing time through access modes common to "
            "the whole initiative (`registry.access`). Where a source names an "
            "entry's own page for applying, the entry's page links to it."
        ),
        "",
    ]
    access = registry.access
    if access is None:
        return "\n".join([*lines, "The data holds no access information.", ""])
    if access.portal is not None:
        lines += [
            (
                f"Apply through the portal: {link(access.portal.url)} "
                f"{cite.cite(access.portal.sources)}"
            ),
            "",
        ]
    if access.note:
        lines += [esc(access.note), ""]
    for mode in access.modes:
        lines += _mode_section(mode, cite)
    if access.pages:
        lines += ["## Official pages", ""]
        lines += [f"- {link(p.url)} {cite.cite(p.sources)}" for p in access.pages]
        lines.append("")
    with_page = [e for e in registry if e.access is not None]
    if with_page:
        lines += ["## Entries with their own access page", ""]
        lines += [
            f"- {entry_ref(e)}: {link(e.access.url)}" for e in with_page if e.access
        ]
        lines.append("")
    lines += ["## Sources", "", *cite.render()]
    return "\n".join(lines).rstrip() + "\n"


def sectors_page(registry: Registry) -> str:
    """For every sector: its label, its synonyms and the entries that cover it."""
    lines = [
        "(data-sectors)=",
        "# Entries by sector",
        "",
        (
            "Each entry's focus, mapped onto the {ref}`sector vocabulary "
            "<sector-vocabulary>`. `registry.with_sector(name)` returns the same "
            "lists."
        ),
        "",
    ]
    for sector in Sector:
        entries = registry.with_sector(sector)
        lines += [
            f"(sector-{sector.value})=",
            f"## {esc(SECTOR_LABELS[sector])} (`{sector.value}`)",
            "",
        ]
        if entries:
            lines += [f"- {entry_ref(e)} ({country_ref(e.country)})" for e in entries]
        else:
            lines.append("No entry lists this sector.")
        lines.append("")
    return "\n".join(lines)


def facts_page(registry: Registry) -> str:
    """Facts about the initiative as a whole, and the people quoted about it."""
    cite = Citations("src-initiative")
    lines = [
        "(data-initiative)=",
        "# The initiative",
        "",
        (
            "Facts about the AI Factories initiative as a whole "
            "(`registry.facts`), each with its sources."
        ),
        "",
    ]
    for fact in registry.facts:
        lines += [f"- {esc(fact.statement)} {cite.cite(fact.sources)}", ""]
    if registry.people:
        lines += ["## People quoted", "", *_people(registry.people, cite)]
    lines += ["## Sources", "", *cite.render()]
    return "\n".join(lines).rstrip() + "\n"


# -- fragments included by the reference pages ----------------------------------


def sector_table(registry: Registry) -> str:
    """The sector vocabulary as a table."""
    rows = [
        (
            f"`{sector.value}`",
            f"`Sector.{sector.name}`",
            esc(SECTOR_LABELS[sector]),
            ", ".join(esc(s) for s in SECTOR_SYNONYMS[sector]),
            f"{{ref}}`{len(registry.with_sector(sector))} <sector-{sector.value}>`",
        )
        for sector in Sector
    ]
    return "\n".join(_table(("Value", "Member", "Label", "Synonyms", "Entries"), rows))


def _json_type(tp: Any) -> str:  # noqa: PLR0911 - one return per kind of type
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if args and type(None) in args:
        (inner,) = (a for a in args if a is not type(None))
        return f"{_json_type(inner)} or null"
    if origin in {tuple, frozenset}:
        return f"array of {_json_type(args[0])}"
    if attrs.has(tp):
        return f"{{ref}}`{tp.__name__} <format-{tp.__name__.lower()}>` object"
    if tp is Decimal:
        return "decimal (number or numeric string)"
    if tp is dt.date:
        return "date (`YYYY-MM-DD`)"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "one of " + ", ".join(f'`"{m.value}"`' for m in tp)
    if tp is str:
        return "string"
    return str(tp)  # pragma: no cover - every field type is listed above


_TOP_LEVEL = {
    "format": "The format version; this library reads and writes `1`.",
    "waves": "The selection waves.",
    "factories": "The AI Factories.",
    "antennas": "The AI Factory Antennas.",
}


_INTROS = {
    aifactories.Antenna: (
        "Every field of a factory except `supercomputer` and "
        "`experimental_platform`, plus:"
    ),
}
"""What a record's table says before its rows, where it needs saying."""


def format_records() -> list[type]:
    """Every record class of the data-file format, in the order a reader meets them.

    Derived from the declarations: a walk through the field types from the
    document down, so a new record class has its table without a list to edit.
    """
    found: list[type] = []
    queue: list[type] = [Document]
    while queue:
        for tp in typing.get_type_hints(queue.pop(0)).values():
            for cls in _records_in(tp):
                if cls not in found:
                    found.append(cls)
                    queue.append(cls)
    return found


def _records_in(tp: Any) -> Iterable[type]:
    if isinstance(tp, type) and attrs.has(tp):
        yield tp
    for arg in typing.get_args(tp):
        yield from _records_in(arg)


def format_tables() -> str:
    """A table of fields for every record of the data-file format."""
    docs = attribute_docs(Registry)
    top_rows = [("`format`", "integer", "yes", _TOP_LEVEL["format"])]
    hints = typing.get_type_hints(Document)
    for field in attrs.fields(Document):
        text = _TOP_LEVEL.get(field.name) or docs.get(field.name, "")
        required = "yes" if field.default is attrs.NOTHING else "no"
        top_rows.append(
            (f"`{field.name}`", _json_type(hints[field.name]), required, esc(text))
        )
    lines = ["(format-document)=", "### The document", ""]
    lines += _table(("Key", "Type", "Required", "Meaning"), top_rows)

    for cls in format_records():
        name = cls.__name__
        intro = _INTROS.get(cls, "")
        summary = (cls.__doc__ or "").strip().splitlines()[0]
        lines += [
            f"(format-{name.lower()})=",
            f"### {name}",
            "",
            f"{esc(summary)} See {{class}}`aifactories.{name}`.",
            "",
        ]
        if intro:
            lines += [intro, ""]
        field_docs = attribute_docs(cls)
        hints = typing.get_type_hints(cls)
        own = {f.name for f in attrs.fields(cls)}
        if cls is aifactories.Antenna:
            own -= {f.name for f in attrs.fields(aifactories.Factory)}
        rows = []
        for field in attrs.fields(cls):
            if field.name not in own or not field.init:
                continue
            required = "yes" if field.default is attrs.NOTHING else "no"
            rows.append(
                (
                    f"`{field.name}`",
                    _json_type(hints[field.name]),
                    required,
                    esc(field_docs.get(field.name, "")),
                )
            )
        lines += _table(("Key", "Type", "Required", "Meaning"), rows)
    return "\n".join(lines)


def schema_json() -> str:
    """The JSON Schema of the data-file format, as the library derives it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


# -- writing -------------------------------------------------------------------


def render(registry: Registry) -> dict[str, str]:
    """Every generated file, by path relative to the output folder."""
    users = _Users(registry)
    network = network_alt(registry)
    timeline = timeline_alt(registry)
    where = map_alt(registry)
    matrix = matrix_alt(registry)
    files = {
        "entries.md": entries_page(registry),
        "waves.md": waves_page(registry, timeline),
        "network.md": network_page(registry, network),
        "countries.md": countries_page(registry, users, matrix),
        "map.md": map_page(registry, where),
        "access.md": access_page(registry),
        "sectors.md": sectors_page(registry),
        "initiative.md": facts_page(registry),
        "network.svg": network_svg(registry),
        "timeline.svg": timeline_svg(registry),
        "milestones.svg": milestones_svg(registry),
        "map.svg": map_svg(registry),
        "matrix.svg": matrix_svg(registry),
        f"{FRAGMENTS}/sector-table.md": sector_table(registry),
        f"{FRAGMENTS}/format-tables.md": format_tables(),
        "schema.json": schema_json(),
    }
    for entry in registry:
        files[f"entry/{entry.id}.md"] = entry_page(registry, entry, users)
    return files


def write(folder: Path, files: dict[str, str]) -> None:
    """Make ``folder`` hold exactly ``files``, touching only what changed."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    wanted = {folder / name for name in files}
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()  # an entry that left the registry
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _generate(app: Sphinx) -> None:
    write(Path(app.srcdir) / GENERATED, render(aifactories.load()))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the generator with Sphinx."""
    app.connect("builder-inited", _generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
