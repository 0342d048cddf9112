"""SVG figures drawn from the registry: the antenna network and the timeline.

Hand-written SVG keeps the docs free of a plotting dependency and makes the
output deterministic (it diffs cleanly and caches well). Colours come from
the Okabe-Ito palette, which stays distinct for the common kinds of colour
blindness; shape and line style carry the same meaning as colour, so
nothing depends on colour alone. Every node and chip carries its label.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from aif_text import count, date_text, money, short_label

from aifactories import Factory

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
