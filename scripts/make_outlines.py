"""Write docs/_ext/europe-outlines.json, the country outlines of the docs map.

The docs build draws its map of Europe offline, on CI and on readers'
machines alike, so the outlines are cut once, at development time, and
committed. They come from Natural Earth (public domain) through the npm
package ``world-atlas`` (ISC licence), which ships Natural Earth's countries
as TopoJSON. Get that file and run this script on it:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/make_outlines.py package/countries-50m.json

The script decodes the TopoJSON, keeps what lies around Europe, simplifies
each ring to about three kilometres (under half a pixel on the map) and
rounds coordinates to 0.01 degree, so the committed file stays small.
Needs ``pycountry`` (in the ``test`` extra) to name countries by ISO code.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

import pycountry

OUT = Path(__file__).parent.parent / "docs" / "_ext" / "europe-outlines.json"

# Longitude and latitude bounds, wider than the map shows so that no clipped
# edge falls inside the picture (the map's projection bends these lines).
WEST, EAST, SOUTH, NORTH = -32.0, 48.0, 30.0, 72.0
TOLERANCE = 0.03  # degrees (about 3 km, under half a pixel); Douglas-Peucker
# Features without an ISO numeric code in Natural Earth.
EXTRA_CODES = {"Kosovo": "XK"}

Point = tuple[float, float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Turn TopoJSON's delta-encoded, quantised arcs into lon/lat points."""
    (kx, ky), (dx, dy) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for step_x, step_y in arc:
            x += step_x
            y += step_y
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[Point]], indices: list[int]) -> list[Point]:
    """Join arcs into one ring; a negative index ``~i`` is arc ``i`` reversed."""
    points: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def clip(points: list[Point]) -> list[Point]:
    """Sutherland-Hodgman: the part of a ring inside the bounds."""
    for axis, bound, keep_above in (
        (0, WEST, True),
        (0, EAST, False),
        (1, SOUTH, True),
        (1, NORTH, False),
    ):
        if not points:
            break

        def inside(
            p: Point,
            axis: int = axis,
            bound: float = bound,
            *,
            above: bool = keep_above,
        ) -> bool:
            return p[axis] >= bound if above else p[axis] <= bound

        def cross(p: Point, q: Point, axis: int = axis, bound: float = bound) -> Point:
            return _at_x(p, q, bound) if axis == 0 else _at_y(p, q, bound)

        result: list[Point] = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        points = result
    return points


def _at_x(p: Point, q: Point, x: float) -> Point:
    t = (x - p[0]) / (q[0] - p[0])
    return (x, p[1] + t * (q[1] - p[1]))


def _at_y(p: Point, q: Point, y: float) -> Point:
    t = (y - p[1]) / (q[1] - p[1])
    return (p[0] + t * (q[0] - p[0]), y)


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative (rings can be long)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        worst, at = 0.0, first
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if distance > worst:
                worst, at = distance, i
        if worst > tolerance:
            keep[at] = True
            stack += [(first, at), (at, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def iso_code(feature: dict[str, Any]) -> str | None:
    """The ISO 3166-1 alpha-2 code of a feature, where it has one."""
    name = feature["properties"]["name"]
    if name in EXTRA_CODES:
        return EXTRA_CODES[name]
    if "id" not in feature:
        return None
    country = pycountry.countries.get(numeric=feature["id"])
    return None if country is None else str(country.alpha_2)


def outlines(topology: dict[str, Any]) -> list[dict[str, Any]]:
    """Every country with a ring inside the bounds, rings flattened."""
    arcs = decode_arcs(topology)
    countries = []
    for feature in topology["objects"]["countries"]["geometries"]:
        polygons = feature.get("arcs", [])
        if feature["type"] == "Polygon":
            polygons = [polygons]
        rings = []
        for polygon in polygons:
            for indices in polygon:
                points = simplify(clip(ring(arcs, indices)), TOLERANCE)
                if len(points) >= 4:
                    rings.append([round(c, 2) for p in points for c in p])
        if rings:
            name = feature["properties"]["name"]
            countries.append({"iso": iso_code(feature), "name": name, "rings": rings})
    countries.sort(key=lambda c: c["name"])
    return countries


def main() -> None:
    """Read the TopoJSON named on the command line and write the outlines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-50m.json")
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    document = {
        "source": (
            "Natural Earth 1:50m Admin 0 countries, through the npm package "
            "world-atlas 2.0.2 (countries-50m.json), clipped to "
            f"lon {WEST}..{EAST}, lat {SOUTH}..{NORTH}, simplified to "
            f"{TOLERANCE} degree and rounded to 0.01 degree by "
            "scripts/make_outlines.py"
        ),
        "licence": (
            "Natural Earth data is in the public domain "
            "(https://www.naturalearthdata.com/about/terms-of-use/); "
            "world-atlas is ISC-licensed, Copyright 2013-2019 Michael Bostock"
        ),
        "format": "rings are flat lists: lon0, lat0, lon1, lat1, ...",
        "countries": outlines(topology),
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(text):,} characters)")


if __name__ == "__main__":
    main()
