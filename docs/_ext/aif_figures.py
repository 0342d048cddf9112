"""SVG figures drawn from the registry: the network, the timelines, the map.

Hand-written SVG keeps the docs free of a plotting dependency and makes the
output deterministic (it diffs cleanly and caches well). Colours come from
the Okabe-Ito palette, which stays distinct for the common kinds of colour
blindness; shape and line style carry the same meaning as colour, so
nothing depends on colour alone. Every node and chip carries its label.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import typing
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from aif_text import count, date_text, money, short_label

from aifactories import Factory, country_name

if TYPE_CHECKING:
    from aifactories import Antenna, Registry

# Okabe-Ito colours (Okabe & Ito, "Color Universal Design", 2008).
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
INK = "#1a1a1a"
MUTED = "#4d4d4d"  # 8.5:1 on white
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"


def _svg(width: int, height: int, slug: str, title: str, desc: str) -> list[str]:
    # A white background keeps the figure readable under a dark theme.
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-labelledby="{slug}-title {slug}-desc" font-family="{FONT}" '
            f'font-size="13" fill="{INK}">'
        ),
        f'<title id="{slug}-title">{escape(title)}</title>',
        f'<desc id="{slug}-desc">{escape(desc)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _text(  # noqa: PLR0913 - SVG text has this many knobs
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    weight: str = "normal",
    size: int = 13,
    fill: str = INK,
    style: str = "normal",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" '
        f'font-weight="{weight}" font-size="{size}" font-style="{style}" '
        f'fill="{fill}">{escape(text)}</text>'
    )


def _label(entry: Factory | Antenna) -> str:
    return f"{short_label(entry)} ({entry.country})"


# -- the antenna -> factory network ------------------------------------------

_ROW = 26
_WAVE_GAP = 30


def _order(
    registry: Registry,
) -> tuple[list[tuple[str, list[Factory]]], list[Antenna]]:
    """Order factories (within waves) and antennas to keep lines apart.

    A few rounds of the barycentre heuristic: each antenna sits at the mean
    height of its factories, each factory at the mean height of its antennas.
    """
    groups = [
        (sel.id, [e for e in sel.entries if isinstance(e, Factory)])
        for sel in registry.waves
        if sel.wave.kind == "factory"
    ]
    antennas = list(registry.antennas)
    links = {a.id: (*a.factories, *a.letters_of_intent) for a in antennas}
    for _ in range(4):
        rank = {f.id: i for i, f in enumerate(f for _, fs in groups for f in fs)}

        def antenna_key(a: Antenna, rank: dict[str, int] = rank) -> float:
            linked = [rank[f] for f in links[a.id] if f in rank]
            return sum(linked) / len(linked) if linked else float("inf")

        antennas.sort(key=antenna_key)
        arank = {a.id: i for i, a in enumerate(antennas)}
        for _, factories in groups:
            position = {f.id: i for i, f in enumerate(factories)}

            def factory_key(
                f: Factory,
                arank: dict[str, int] = arank,
                position: dict[str, int] = position,
            ) -> tuple[int, float]:
                linked = [arank[a] for a, fs in links.items() if f.id in fs]
                if linked:
                    return (0, sum(linked) / len(linked))
                return (1, position[f.id])

            factories.sort(key=factory_key)
    return groups, antennas


_ANTENNA_GAP = 30


def _antenna_heights(
    antennas: list[Antenna], factory_y: dict[str, float], top: float, bottom: float
) -> dict[str, float]:
    """Put each antenna level with its factories, without overlapping.

    An antenna aims for the mean height of the factories it links to; an
    unlinked one (sorted last) just follows the others. A pass down and a
    pass up then keep them a line apart and inside the drawing.
    """
    wanted = []
    for antenna in antennas:
        linked = [
            factory_y[f] for f in (*antenna.factories, *antenna.letters_of_intent)
        ]
        wanted.append(sum(linked) / len(linked) if linked else top)
    heights: list[float] = []
    for target in wanted:
        floor = heights[-1] + _ANTENNA_GAP if heights else top
        heights.append(max(target, floor))
    ceiling = bottom
    for i in reversed(range(len(heights))):
        heights[i] = min(heights[i], ceiling)
        ceiling = heights[i] - _ANTENNA_GAP
    return {a.id: h for a, h in zip(antennas, heights, strict=True)}


def network_alt(registry: Registry) -> str:
    """Describe the network figure in words, for its alt text."""
    counts = []
    for factory in registry.factories:
        antennas = registry.antennas_of(factory)
        if antennas:
            counts.append((len(antennas), short_label(factory)))
    counts.sort(key=lambda item: (-item[0], item[1]))
    linked = "; ".join(f"{name} {count(n, 'antenna')}" for n, name in counts)
    lone = [a for a in registry.antennas if not a.factories]
    letters = [
        f"{short_label(a)} has letters of intent with "
        + ", ".join(short_label(registry[f]) for f in a.letters_of_intent)
        for a in registry.antennas
        if a.letters_of_intent
    ]
    all_antennas = count(len(registry.antennas), "AI Factory Antenna")
    all_factories = count(len(registry.factories), "AI Factory")
    parts = [
        (
            f"Diagram linking the {all_antennas} "
            f"(circles, left) to the {all_factories} "
            "(squares, right, grouped by wave). Solid lines are formal links, dashed "
            f"lines letters of intent. Factories with antennas: {linked}."
        ),
        f"The other {len(registry.factories) - len(counts)} factories have none.",
    ]
    parts += [f"{sentence}." for sentence in letters]
    if lone:
        names = ", ".join(short_label(a) for a in lone)
        parts.append(f"No link is recorded for {names}.")
    return " ".join(parts)


def network_svg(registry: Registry) -> str:
    """Draw every antenna, every factory and the links between them."""
    groups, antennas = _order(registry)
    width, left_x, right_x, top = 800, 290, 500, 96
    factory_y: dict[str, float] = {}
    body: list[str] = []
    y = top
    for wave_id, factories in groups:
        wave = next(s for s in registry.waves if s.id == wave_id).wave
        body.append(
            _text(
                right_x - 8,
                y,
                f"{wave_id} · {date_text(wave.announced)}",
                weight="bold",
                fill=MUTED,
            )
        )
        y += 20
        for factory in factories:
            factory_y[factory.id] = y
            y += _ROW
        y += _WAVE_GAP - _ROW + 10
    bottom = y
    antenna_y = _antenna_heights(antennas, factory_y, top + 20, bottom - 20)

    edges: list[str] = []
    for antenna in antennas:
        ay = antenna_y[antenna.id]
        for targets, dashed in (
            (antenna.factories, False),
            (antenna.letters_of_intent, True),
        ):
            for factory_id in targets:
                fy = factory_y[factory_id]
                mid = (left_x + right_x) / 2
                style = (
                    'class="letter-of-intent" '
                    f'stroke="{VERMILLION}" stroke-width="2" stroke-dasharray="6 4"'
                    if dashed
                    else f'class="link" stroke="{BLUE}" stroke-width="2"'
                )
                edges.append(
                    f'<path d="M{left_x + 7},{ay:.1f} C{mid},{ay:.1f} '
                    f'{mid},{fy:.1f} {right_x - 7},{fy:.1f}" fill="none" {style}/>'
                )
    nodes: list[str] = []
    for antenna in antennas:
        ay = antenna_y[antenna.id]
        nodes.append(
            f'<circle cx="{left_x}" cy="{ay:.1f}" r="6.5" fill="{ORANGE}" '
            f'stroke="{INK}" stroke-width="1"/>'
        )
        nodes.append(_text(left_x - 12, ay + 4.5, _label(antenna), anchor="end"))
        if not antenna.factories and not antenna.letters_of_intent:
            nodes.append(
                _text(
                    left_x + 12,
                    ay + 4.5,
                    "no link recorded",
                    size=12,
                    fill=MUTED,
                    style="italic",
                )
            )
    for factory_id, fy in factory_y.items():
        nodes.append(
            f'<rect x="{right_x - 6.5}" y="{fy - 6.5:.1f}" width="13" height="13" '
            f'fill="{SKY_BLUE}" stroke="{INK}" stroke-width="1"/>'
        )
        nodes.append(_text(right_x + 12, fy + 4.5, _label(registry[factory_id])))

    legend = [
        f'<circle cx="24" cy="22" r="6.5" fill="{ORANGE}" stroke="{INK}"/>',
        _text(38, 26.5, "AI Factory Antenna"),
        (
            f'<rect x="187.5" y="15.5" width="13" height="13" fill="{SKY_BLUE}" '
            f'stroke="{INK}"/>'
        ),
        _text(208, 26.5, "AI Factory"),
        f'<path d="M310,22 h36" stroke="{BLUE}" stroke-width="2"/>',
        _text(354, 26.5, "formal link"),
        (
            f'<path d="M460,22 h36" stroke="{VERMILLION}" stroke-width="2" '
            'stroke-dasharray="6 4"/>'
        ),
        _text(504, 26.5, "letter of intent only"),
        _text(left_x, 66, f"Antennas ({len(antennas)})", anchor="end", weight="bold"),
        _text(right_x, 66, f"Factories ({len(factory_y)}), by wave", weight="bold"),
    ]
    height = int(bottom + 10)
    head = _svg(
        width,
        height,
        "network",
        "AI Factory Antennas and the AI Factories they link to",
        network_alt(registry),
    )
    return "\n".join([*head, *legend, *body, *edges, *nodes, "</svg>"]) + "\n"


# -- the selection timeline ---------------------------------------------------

_CHIP_W, _CHIP_H, _CHIP_GAP, _PER_LINE = 280, 24, 8, 2


def _investment(registry: Registry, wave_id: str) -> str:
    wave = next(s for s in registry.waves if s.id == wave_id).wave
    if wave.investment is None:
        return "investment not stated"
    return f"investment {money(wave.investment)}"


def timeline_alt(registry: Registry) -> str:
    """Describe the timeline figure in words, for its alt text."""
    parts = []
    for selection in registry.waves:
        noun = (
            "AI Factory" if selection.wave.kind == "factory" else "AI Factory Antenna"
        )
        parts.append(
            f"{selection.id} on {date_text(selection.date)}: "
            f"{count(len(selection.entries), noun)}, "
            f"{_investment(registry, selection.id)}"
        )
    return (
        f"Timeline of the {len(parts)} selection waves, each with a labelled box "
        "per selected entry. " + "; ".join(parts) + "."
    )


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    months.append(month)
    return months


def timeline_svg(registry: Registry) -> str:
    """Draw the selection waves in date order with every entry they chose."""
    width, axis_x, row_x, top = 760, 92, 170, 64
    rows: list[str] = []
    anchors: list[tuple[dt.date, float]] = []
    y = top
    for selection in registry.waves:
        wave = selection.wave
        anchors.append((selection.date, y))
        rows.append(
            _text(
                row_x,
                y + 5,
                f"{wave.id} · {date_text(wave.announced)} · {wave.name}",
                weight="bold",
                size=14,
            )
        )
        noun = "factory" if wave.kind == "factory" else "antenna"
        rows.append(
            _text(
                row_x,
                y + 25,
                f"{count(len(selection.entries), noun)} · "
                f"{_investment(registry, wave.id)}",
                fill=MUTED,
            )
        )
        y += 38
        for i, entry in enumerate(selection.entries):
            column, line = i % _PER_LINE, i // _PER_LINE
            x = row_x + column * (_CHIP_W + _CHIP_GAP)
            cy = y + line * (_CHIP_H + 6)
            fill, radius = (SKY_BLUE, 2) if entry.kind == "factory" else (ORANGE, 12)
            rows.append(
                f'<rect x="{x}" y="{cy:.1f}" width="{_CHIP_W}" height="{_CHIP_H}" '
                f'rx="{radius}" fill="{fill}" stroke="{INK}" stroke-width="0.8"/>'
            )
            rows.append(_text(x + 10, cy + 16.5, _label(entry)))
        lines = -(-len(selection.entries) // _PER_LINE)
        y += lines * (_CHIP_H + 6) + 28
    bottom = y - 20

    first, last = anchors[0][0], anchors[-1][0]
    months = _months(first, last)
    t0, t1 = months[0], months[-1]

    def at(day: dt.date) -> float:
        return top + (bottom - top) * (day - t0).days / (t1 - t0).days

    axis = [
        f'<path d="M{axis_x},{top} V{bottom:.1f}" stroke="{INK}" stroke-width="1.5"/>',
    ]
    for month in months:
        my = at(month)
        # The year only where it starts or changes.
        label = month.strftime("%b %Y" if month == t0 or month.month == 1 else "%b")
        axis.append(
            f'<path d="M{axis_x - 5},{my:.1f} h5" stroke="{INK}" stroke-width="1"/>'
        )
        axis.append(
            _text(axis_x - 9, my + 4.5, label, anchor="end", size=12, fill=MUTED)
        )
    for day, row_y in anchors:
        dy = at(day)
        axis.append(
            f'<path d="M{axis_x},{dy:.1f} L{row_x - 14},{row_y:.1f}" '
            f'stroke="{MUTED}" stroke-width="1"/>'
        )
        axis.append(f'<circle cx="{axis_x}" cy="{dy:.1f}" r="4.5" fill="{INK}"/>')
        axis.append(f'<circle cx="{row_x - 10}" cy="{row_y:.1f}" r="4" fill="{INK}"/>')

    legend = [
        (
            f'<rect x="{row_x}" y="14" width="34" height="18" rx="2" fill="{SKY_BLUE}" '
            f'stroke="{INK}" stroke-width="0.8"/>'
        ),
        _text(row_x + 42, 28, "AI Factory"),
        (
            f'<rect x="{row_x + 150}" y="14" width="34" height="18" rx="9" '
            f'fill="{ORANGE}" stroke="{INK}" stroke-width="0.8"/>'
        ),
        _text(row_x + 192, 28, "AI Factory Antenna"),
        _text(axis_x, 28, "Announced", anchor="middle", weight="bold", size=12),
    ]
    height = int(y + 10)
    head = _svg(
        width,
        height,
        "timeline",
        "Selection timeline of the AI Factories and Antennas",
        timeline_alt(registry),
    )
    return "\n".join([*head, *legend, *axis, *rows, "</svg>"]) + "\n"


# -- the milestones of every entry ---------------------------------------------

_ROW_H, _LABEL_W, _MILESTONES_W = 22, 250, 760
# Each kind of event has a colour and a shape, so neither carries it alone.
_MARKS: dict[str, tuple[str, str]] = {
    "selected": (INK, "circle"),
    "procurement-launched": (BLUE, "square"),
    "contract-signed": (BLUE, "square"),
    "installed": (ORANGE, "diamond"),
    "first-users": (ORANGE, "diamond"),
    "inaugurated": (VERMILLION, "triangle"),
    "in-operation": (VERMILLION, "triangle"),
}
_OTHER_MARK = (SKY_BLUE, "circle")
_LEGEND = (
    ("selected", "selected"),
    ("contract-signed", "procurement or contract"),
    ("installed", "installed or first users"),
    ("in-operation", "inaugurated or in operation"),
    ("started", "other event"),
)


def _mark(kind: str, x: float, y: float, *, planned: bool) -> str:
    colour, shape = _MARKS.get(kind, _OTHER_MARK)
    # A planned date is hollow: the same shape, not yet filled in.
    paint = (
        f'fill="#ffffff" stroke="{colour}" stroke-width="2"'
        if planned
        else f'fill="{colour}" stroke="{INK}" stroke-width="0.8"'
    )
    if shape == "square":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" {paint}/>'
    if shape == "diamond":
        return f'<path d="M{x:.1f},{y - 6:.1f} l6,6 l-6,6 l-6,-6 Z" {paint}/>'
    if shape == "triangle":
        return f'<path d="M{x:.1f},{y - 6:.1f} l6,11 h-12 Z" {paint}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" {paint}/>'


def milestones_alt(registry: Registry) -> str:
    """Describe the milestones figure in words, for its alt text."""
    events = [e for entry in registry for e in registry.timeline(entry)]
    planned = [e for e in events if e.milestone.kind == "planned"]
    day = registry.data_date or max(e.milestone.start for e in events)
    running = [_label(f) for f in registry.in_operation(day)]
    first = min(e.milestone.start for e in events).year
    last = max(e.milestone.end for e in events).year
    return (
        f"Milestones of the {count(len(registry), 'entry')} from {first} "
        f"to {last}, one row each: {count(len(events) - len(planned), 'event')} "
        f"recorded and {count(len(planned), 'planned date')}. On "
        f"{date_text(day)} the systems of "
        + (", ".join(running) if running else "no factory")
        + " were in operation."
    )


def milestones_svg(registry: Registry) -> str:
    """Draw every entry's milestones on one time axis, planned ones hollow."""
    events = [e for entry in registry for e in registry.timeline(entry)]
    first = dt.date(min(e.milestone.start for e in events).year, 1, 1)
    last = dt.date(max(e.milestone.end for e in events).year + 1, 1, 1)
    left, right, top = _LABEL_W, _MILESTONES_W - 16, 86

    def at(day: dt.date) -> float:
        return left + (right - left) * (day - first).days / (last - first).days

    entries = list(registry)
    bottom = top + len(entries) * _ROW_H
    parts: list[str] = []
    for year in range(first.year, last.year + 1):
        x = at(dt.date(year, 1, 1))
        parts.append(
            f'<path d="M{x:.1f},{top - 8} V{bottom:.1f}" stroke="#d0d0d0" '
            'stroke-width="1"/>'
        )
        if year < last.year:
            middle = at(dt.date(year, 7, 1))
            parts.append(_text(middle, top - 14, str(year), anchor="middle", size=12))
    if registry.data_date is not None:
        x = at(registry.data_date)
        parts.append(
            f'<path d="M{x:.1f},{top - 8} V{bottom:.1f}" stroke="{INK}" '
            'stroke-width="1" stroke-dasharray="4 3"/>'
        )
    for row, entry in enumerate(entries):
        y = top + row * _ROW_H + _ROW_H / 2
        parts.append(_text(left - 10, y + 4.5, _label(entry), anchor="end", size=12))
        own = registry.timeline(entry)
        start, end = own[0].milestone.start, max(e.milestone.end for e in own)
        parts.append(
            f'<path d="M{at(start):.1f},{y:.1f} H{at(end):.1f}" stroke="{MUTED}" '
            'stroke-width="1"/>'
        )
        for event in own:
            milestone = event.milestone
            planned = milestone.kind == "planned"
            kind = str(milestone.expects if planned else milestone.kind)
            if milestone.end != milestone.start:
                # A month, quarter or year: a bar over the period it may mean.
                parts.append(
                    f'<path d="M{at(milestone.start):.1f},{y:.1f} '
                    f'H{at(milestone.end):.1f}" stroke="{MUTED}" stroke-width="4" '
                    'stroke-opacity="0.35"/>'
                )
            parts.append(_mark(kind, at(milestone.start), y, planned=planned))
    legend: list[str] = []
    x = 16.0
    for kind, words in _LEGEND:
        legend.append(_mark(kind, x + 6, 24, planned=False))
        legend.append(_text(x + 16, 28.5, words, size=12))
        x += 22 + 6.6 * len(words) + 14
    legend.append(_mark("in-operation", 22, 50, planned=True))
    legend.append(
        _text(
            32,
            54.5,
            "hollow: a planned date; grey bar: the month, quarter or year a date "
            "may mean; dashed line: the data's date",
            size=12,
            fill=MUTED,
        )
    )
    head = _svg(
        _MILESTONES_W,
        int(bottom + 16),
        "milestones",
        "Milestones of the AI Factories, their systems and the antennas",
        milestones_alt(registry),
    )
    return "\n".join([*head, *legend, *parts, "</svg>"]) + "\n"


# -- the map of Europe ---------------------------------------------------------

OUTLINES = Path(__file__).with_name("europe-outlines.json")
"""Country outlines cut from Natural Earth by ``scripts/make_outlines.py``."""

_LAND = "#e4e4e4"
_LAND_IN_DATA = "#c9c9c9"  # countries that host, join or link an entry
_SEA = "#f3f7fa"
_MAP_W = 520
_LEGEND_H = 58
# Lambert azimuthal equal-area on a sphere, centred as ETRS89-LAEA (EPSG:3035)
# is: the projection the EU uses for maps of Europe, so areas look right.
_LON0, _LAT0 = math.radians(10), math.radians(52)
_EARTH_KM = 6371.0
# The part of the projected plane the map shows, in km: every located entry
# with room for its label, Iceland to Moldova and Finland to Greece.
_WEST, _EAST, _SOUTH, _NORTH = -1720.0, 1560.0, -1560.0, 1800.0
_SCALE = _MAP_W / (_EAST - _WEST)  # px per km


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Map a longitude and latitude (degrees) to SVG x, y (px)."""
    lon, lat = math.radians(longitude), math.radians(latitude)
    cos_c = math.sin(_LAT0) * math.sin(lat) + math.cos(_LAT0) * math.cos(
        lat
    ) * math.cos(lon - _LON0)
    k = math.sqrt(2 / (1 + cos_c))
    x = _EARTH_KM * k * math.cos(lat) * math.sin(lon - _LON0)
    y = (
        _EARTH_KM
        * k
        * (
            math.cos(_LAT0) * math.sin(lat)
            - math.sin(_LAT0) * math.cos(lat) * math.cos(lon - _LON0)
        )
    )
    return (x - _WEST) * _SCALE, _LEGEND_H + (_NORTH - y) * _SCALE


@functools.cache
def _outlines() -> tuple[tuple[str | None, tuple[tuple[float, ...], ...]], ...]:
    document = json.loads(OUTLINES.read_text(encoding="utf-8"))
    return tuple(
        (c["iso"], tuple(tuple(r) for r in c["rings"])) for c in document["countries"]
    )


def outline_source() -> str:
    """Where the country outlines come from and their licence, for captions."""
    return "Country outlines: Natural Earth (public domain), via world-atlas 2.0.2."


def _country_path(rings: tuple[tuple[float, ...], ...]) -> str:
    parts = []
    for flat in rings:
        points = [project(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


_Feature = dict[str, typing.Any]


def _geojson(registry: Registry) -> tuple[list[_Feature], list[_Feature]]:
    """The map's data, from the GeoJSON export: entry features, link features."""
    features = registry.to_geojson(links=True)["features"]
    links = [f for f in features if "link" in f["properties"]]
    return [f for f in features if "link" not in f["properties"]], links


def located(registry: Registry) -> list[Factory | Antenna]:
    """The entries the map shows, in registry order: those with a geometry."""
    return [registry[f["id"]] for f in _geojson(registry)[0] if f["geometry"]]


def map_numbers(registry: Registry) -> dict[str, int]:
    """The number that labels each located entry on the map, by entry id."""
    return {e.id: n for n, e in enumerate(located(registry), start=1)}


def _points(features: list[_Feature]) -> dict[str, tuple[float, float]]:
    """Where each located entry (or link end) goes on the map, by entry id."""
    return {
        f["id"]: project(*f["geometry"]["coordinates"])
        for f in features
        if f["geometry"]
    }


def _boxes_overlap(
    a: tuple[float, float, float, float], b: tuple[float, float, float, float]
) -> float:
    """The area two boxes (x0, y0, x1, y1) share."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


# Where a number may go relative to its marker: dx, dy of the text's centre.
_SPOTS = ((14, 0), (-14, 0), (0, -15), (0, 15), (13, -12), (-13, -12), (13, 12))
_DIGIT_W, _NUMBER_H = 9.5, 14.0


def _place_numbers(
    points: dict[str, tuple[float, float]], numbers: dict[str, int]
) -> dict[str, tuple[float, float]]:
    """Put each number beside its marker where it covers the least.

    Greedy, from the most crowded marker out: each number takes the first
    spot that overlaps no marker, no number placed before it and no edge of
    the map, or else the spot that overlaps least.
    """
    taken = [(x - 8, y - 8, x + 8, y + 8) for x, y in points.values()]

    def crowding(entry_id: str) -> int:
        x, y = points[entry_id]
        return -sum(1 for px, py in points.values() if abs(px - x) + abs(py - y) < 60)

    placed: dict[str, tuple[float, float]] = {}
    for entry_id in sorted(points, key=lambda i: (crowding(i), numbers[i])):
        x, y = points[entry_id]
        half_w = _DIGIT_W * len(str(numbers[entry_id])) / 2 + 1
        best: tuple[float, tuple[float, float]] | None = None
        for dx, dy in _SPOTS:
            cx, cy = x + dx * (1 + (half_w - 6) / 14 * (dy == 0)), y + dy
            box = (cx - half_w, cy - _NUMBER_H / 2, cx + half_w, cy + _NUMBER_H / 2)
            cost = sum(_boxes_overlap(box, other) for other in taken)
            if box[0] < 0 or box[2] > _MAP_W or box[1] < _LEGEND_H:
                cost += 1000.0  # cut off at the edge
            if best is None or cost < best[0]:
                best = (cost, (cx, cy))
            if cost == 0:
                break
        assert best is not None  # noqa: S101 - _SPOTS is not empty
        cx, cy = best[1]
        taken.append((cx - half_w, cy - _NUMBER_H / 2, cx + half_w, cy + _NUMBER_H / 2))
        placed[entry_id] = (cx, cy)
    return placed


def map_alt(registry: Registry) -> str:
    """Describe the map in words, for its alt text."""
    entries, _ = _geojson(registry)
    numbers = map_numbers(registry)
    shown = [f for f in entries if f["geometry"]]
    missing = [registry[f["id"]] for f in entries if not f["geometry"]]
    factories = sum(1 for f in shown if f["properties"]["kind"] == "factory")
    cities = "; ".join(
        f"{numbers[f['id']]} {short_label(registry[f['id']])} in "
        f"{f['properties']['location_city'] or ''}"
        for f in shown
    )
    text = (
        f"Map of Europe with {count(factories, 'AI Factory')} (blue squares) and "
        f"{count(len(shown) - factories, 'AI Factory Antenna')} (orange circles) at "
        "their cities, numbered, with lines from each antenna to the factories it "
        f"links to (solid: formal link, dashed: letter of intent). {cities}."
    )
    if missing:
        names = ", ".join(f"{short_label(e)} ({e.country})" for e in missing)
        text += f" Not on the map, for want of a location in the data: {names}."
    return text


def map_svg(registry: Registry) -> str:
    """Draw Europe with every located entry at its city and the antenna links."""
    shown = located(registry)
    numbers = map_numbers(registry)
    entry_features, link_features = _geojson(registry)
    points = _points(entry_features)
    in_data = set(registry.countries)
    height = int(_LEGEND_H + (_NORTH - _SOUTH) * _SCALE)

    land = [
        (
            f'<rect y="{_LEGEND_H}" width="{_MAP_W}" height="{height - _LEGEND_H}" '
            f'fill="{_SEA}"/>'
        ),
        # Outlines reach past the map; the clip keeps them off the legend.
        (
            '<clipPath id="map-area">'
            f'<rect y="{_LEGEND_H}" width="{_MAP_W}" height="{height - _LEGEND_H}"/>'
            "</clipPath>"
        ),
        (
            '<g clip-path="url(#map-area)" stroke="#ffffff" stroke-width="0.6" '
            'stroke-linejoin="round" fill-rule="evenodd">'
        ),
    ]
    for iso, rings in _outlines():
        fill = _LAND_IN_DATA if iso in in_data else _LAND
        land.append(f'<path d="{_country_path(rings)}" fill="{fill}"/>')
    land.append("</g>")

    edges: list[str] = []
    for link in link_features:
        if link["geometry"] is None:
            continue
        ax, ay = points[link["properties"]["antenna_id"]]
        fx, fy = points[link["properties"]["factory_id"]]
        # A slight bend tells apart lines that share a direction.
        mx, my = (ax + fx) / 2, (ay + fy) / 2
        cx, cy = mx - (fy - ay) * 0.12, my + (fx - ax) * 0.12
        style = (
            'class="letter-of-intent" '
            f'stroke="{VERMILLION}" stroke-width="2.2" stroke-dasharray="6 3"'
            if link["properties"]["link"] == "letter-of-intent"
            else f'class="link" stroke="{BLUE}" stroke-width="2.2"'
        )
        edges.append(
            f'<path d="M{ax:.1f},{ay:.1f} Q{cx:.1f},{cy:.1f} '
            f'{fx:.1f},{fy:.1f}" fill="none" {style}/>'
        )

    markers: list[str] = []
    labels: list[str] = []
    spots = _place_numbers(points, numbers)
    for entry in shown:
        x, y = points[entry.id]
        if entry.kind == "factory":
            markers.append(
                f'<rect class="marker factory" data-entry="{entry.id}" '
                f'x="{x - 6.5:.1f}" y="{y - 6.5:.1f}" width="13" height="13" '
                f'fill="{SKY_BLUE}" stroke="{INK}" stroke-width="1"/>'
            )
        else:
            markers.append(
                f'<circle class="marker antenna" data-entry="{entry.id}" '
                f'cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{ORANGE}" '
                f'stroke="{INK}" stroke-width="1"/>'
            )
        lx, ly = spots[entry.id]
        labels.append(
            f'<text x="{lx:.1f}" y="{ly + 5.5:.1f}" text-anchor="middle" '
            f'font-weight="bold" font-size="16" stroke="#ffffff" stroke-width="3" '
            f'paint-order="stroke" stroke-linejoin="round">{numbers[entry.id]}</text>'
        )

    legend = [
        (
            f'<rect x="12.5" y="10.5" width="13" height="13" fill="{SKY_BLUE}" '
            f'stroke="{INK}"/>'
        ),
        _text(32, 22.5, "AI Factory", size=15),
        f'<circle cx="138" cy="17" r="7" fill="{ORANGE}" stroke="{INK}"/>',
        _text(152, 22.5, "AI Factory Antenna", size=15),
        f'<path d="M10,43 h30" stroke="{BLUE}" stroke-width="2.2"/>',
        _text(46, 48.5, "formal link", size=15),
        (
            f'<path d="M130,43 h30" stroke="{VERMILLION}" stroke-width="2.2" '
            'stroke-dasharray="6 3"/>'
        ),
        _text(166, 48.5, "letter of intent", size=15),
        f'<rect x="316.5" y="10.5" width="20" height="13" fill="{_LAND_IN_DATA}"/>',
        _text(344, 22.5, "country in the data", size=15),
        _text(316, 48.5, "Numbers: see the key", size=15, fill=MUTED),
    ]
    head = _svg(
        _MAP_W,
        height,
        "map",
        "AI Factories and Antennas on a map of Europe",
        map_alt(registry),
    )
    body = [*head, *land, *edges, *markers, *labels, *legend, "</svg>"]
    return "\n".join(body) + "\n"


# -- who can use what: the country x entry matrix --------------------------------

Reason = typing.Literal["host", "partner", "antenna"]
"""Why ``registry.serving(country)`` returns an entry."""

_MARK: dict[Reason, tuple[str, str, str]] = {
    # letter, fill, letter colour: the letter carries the meaning, not colour.
    "host": ("H", BLUE, "#ffffff"),
    "partner": ("P", SKY_BLUE, INK),
    "antenna": ("A", ORANGE, INK),
}


def served(registry: Registry) -> tuple[list[str], dict[tuple[str, str], Reason]]:
    """Every country ``serving`` answers for, and why each entry is served.

    Read from the serving table, whose rows come host first, then
    consortium, then antenna: the first reason of a pair is the one shown.

    Returns:
        The country codes in name order, and for every (country code, entry id)
        that ``registry.serving`` pairs, the reason.
    """
    marks: dict[tuple[str, str], Reason] = {}
    for row in registry.to_records("serving"):
        how: Reason = "partner" if row["how"] == "consortium" else row["how"]
        marks.setdefault((row["country"], row["entry_id"]), how)
    countries = sorted({code for code, _ in marks}, key=country_name)
    place = {code: n for n, code in enumerate(countries)}
    return countries, dict(sorted(marks.items(), key=lambda m: place[m[0][0]]))


def _column_label(entry: Factory | Antenna) -> str:
    # The header already says "AI Factories"; the country tells them apart.
    name = short_label(entry).removesuffix(" AI Factory")
    return f"{name} ({entry.country})"


def matrix_columns(registry: Registry) -> list[Factory | Antenna]:
    """The entries that get a column of their own: factories and shared antennas.

    An antenna that serves only its host country shares the last column,
    "own antenna", with the others like it: a column each would triple the
    width for one mark apiece.
    """
    _, marks = served(registry)
    shared = [
        a
        for a in registry.antennas
        if any(code != a.country for code, entry_id in marks if entry_id == a.id)
    ]
    return [*registry.factories, *shared]


def matrix_alt(registry: Registry) -> str:
    """Describe the matrix in words, for its alt text."""
    countries, marks = served(registry)
    words = {"host": "hosts", "partner": "partner in", "antenna": "via its antenna"}
    parts = []
    for code in countries:
        by_reason: dict[Reason, list[str]] = {}
        for (c, entry_id), why in marks.items():
            if c == code:
                by_reason.setdefault(why, []).append(short_label(registry[entry_id]))
        said = "; ".join(
            f"{words[why]} {', '.join(names)}" for why, names in by_reason.items()
        )
        parts.append(f"{country_name(code)}: {said}")
    return (
        f"Matrix of {len(countries)} countries (rows) against the AI Factories and "
        "the national antennas (columns): H where the country hosts the entry, "
        "P where it is a consortium partner, A where its antenna links to the "
        "factory. " + ". ".join(parts) + "."
    )


_CELL = 17
_CODES_W = 30
_LEGEND_MATRIX_H = 78
_HEADER_H = 186


def matrix_svg(registry: Registry) -> str:
    """Draw which entries ``registry.serving`` gives each country, and why.

    Rows are labelled by ISO code, not name: names would take a third of the
    width and shrink everything on a phone (the page spells them out).
    """
    names, marks = served(registry)
    countries = sorted(names)  # labelled by code, so found by code
    columns = matrix_columns(registry)
    index = {e.id: i for i, e in enumerate(columns)}
    own = len(columns)  # the shared "own antenna" column
    left, top = 8 + _CODES_W, _LEGEND_MATRIX_H + _HEADER_H
    width = left + (own + 1) * _CELL + 8
    height = top + len(countries) * _CELL + 10

    grid: list[str] = []
    for row, code in enumerate(countries):
        y = top + row * _CELL
        if row % 2 == 0:
            grid.append(
                f'<rect x="6" y="{y}" width="{width - 12}" height="{_CELL}" '
                'fill="#ececec"/>'
            )
        grid.append(_text(left - 5, y + 13, code, anchor="end", weight="bold", size=14))
    for col in range(own + 2):
        x = left + col * _CELL
        colour = INK if col == own else "#bdbdbd"
        grid.append(
            f'<path d="M{x},{top} V{height - 10}" stroke="{colour}" '
            'stroke-width="0.7"/>'
        )
    for col, label in enumerate([*(_column_label(e) for e in columns), "own antenna"]):
        label_x = left + col * _CELL + _CELL / 2 + 5
        weight = "bold" if col == own else "normal"
        grid.append(
            f'<text transform="translate({label_x:.1f},{top - 6}) rotate(-90)" '
            f'font-size="14" font-weight="{weight}">{escape(label)}</text>'
        )

    cells: list[str] = []
    for (code, entry_id), why in marks.items():
        col = index.get(entry_id, own)
        x = left + col * _CELL
        y = top + countries.index(code) * _CELL
        letter, fill, ink = _MARK[why]
        title = f"{country_name(code)}: {why} of {short_label(registry[entry_id])}"
        cells.append(
            f'<g class="mark {why}" data-country="{code}" data-entry="{entry_id}">'
            f"<title>{escape(title)}</title>"
            f'<rect x="{x + 1.5}" y="{y + 1.5}" width="{_CELL - 3}" '
            f'height="{_CELL - 3}" rx="{7 if why == "antenna" else 1.5}" '
            f'fill="{fill}"/>'
            f'<text x="{x + _CELL / 2}" y="{y + 13}" text-anchor="middle" '
            f'font-size="12" font-weight="bold" fill="{ink}">{letter}</text></g>'
        )

    legend = []
    keys: tuple[tuple[Reason, str], ...] = (
        ("host", "hosts it"),
        ("partner", "consortium partner"),
        ("antenna", "through its antenna"),
    )
    # Two to a line: three would not fit the figure's phone-sized width.
    for (key, words), (x, y) in zip(
        keys,
        ((8, 8), (118, 8), (8, 32)),
        strict=True,
    ):
        letter, fill, ink = _MARK[key]
        legend += [
            (
                f'<rect x="{x}" y="{y}" width="17" height="17" '
                f'rx="{7 if key == "antenna" else 1.5}" fill="{fill}"/>'
            ),
            _text(
                x + 8.5,
                y + 13,
                letter,
                anchor="middle",
                weight="bold",
                size=13,
                fill=ink,
            ),
            _text(x + 24, y + 13.5, words, size=14),
        ]
    legend.append(_text(8, 68, "Rows: countries, by ISO code", size=14, fill=MUTED))
    head = _svg(
        width,
        height,
        "matrix",
        "Who can use what: the entries registry.serving gives each country",
        matrix_alt(registry),
    )
    return "\n".join([*head, *legend, *grid, *cells, "</svg>"]) + "\n"
