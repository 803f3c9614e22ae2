"""A map of located points as an SVG document, drawn on the server (works without JS and in screenshots).

Equirectangular projection cropped to the points (with a margin and a minimum span, so one town still shows
its region), country outlines that fall in the frame, and one circle per place sized by how often it occurs.
Events (what an actor did there) are filled circles; places only mentioned alongside the actor are rings.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from threatgraph.web.geo.outline import countries, unwrapped

#: Antarctica (ISO 3166-1 numeric 010): no reporting happens there and it smears the bottom of a world map.
SKIPPED = {10}

WIDTH, HEIGHT = 720, 360
MIN_SPAN_LON, MIN_SPAN_LAT = 24.0, 12.0


@dataclass(frozen=True)
class MapPoint:
    """One place to draw: its name and point, how many items it stands for, and what kind they are."""

    name: str
    lat: float
    lon: float
    count: int
    kind: str = "event"  # "event" (filled) | "mention" (ring)


def frame(points: list[MapPoint]) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the points, padded, at the map's 2:1 aspect."""
    if not points:
        return -180.0, -60.0, 180.0, 84.0
    west, east = min(p.lon for p in points), max(p.lon for p in points)
    south, north = min(p.lat for p in points), max(p.lat for p in points)
    span_lon = max(MIN_SPAN_LON, (east - west) * 1.3)
    span_lat = max(MIN_SPAN_LAT, (north - south) * 1.3)
    # keep 2:1 (lon:lat) so the map is not stretched
    span_lon, span_lat = max(span_lon, span_lat * 2), max(span_lat, span_lon / 2)
    cx, cy = (west + east) / 2, (south + north) / 2
    span_lon, span_lat = min(span_lon, 360.0), min(span_lat, 180.0)
    west, east = cx - span_lon / 2, cx + span_lon / 2
    south, north = cy - span_lat / 2, cy + span_lat / 2
    if west < -180:
        west, east = -180.0, -180.0 + span_lon
    if east > 180:
        west, east = 180.0 - span_lon, 180.0
    if south < -90:
        south, north = -90.0, -90.0 + span_lat
    if north > 90:
        south, north = 90.0 - span_lat, 90.0
    return west, south, east, north


def render_map(points: Iterable[MapPoint], title: str) -> str:
    """The SVG document (role="img", with a title and a description listing the places)."""
    pts = list(points)
    west, south, east, north = frame(pts)
    sx, sy = WIDTH / (east - west), HEIGHT / (north - south)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * sx, (north - lat) * sy

    paths = []
    for country in countries():
        if country.numeric in SKIPPED:
            continue
        w, s, e, n = country.bbox()
        if e < west or w > east or n < south or s > north:
            continue
        d = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (xy(lon, lat) for lon, lat in ring)) + " Z"
            for ring in map(unwrapped, country.rings)
        )
        paths.append(f'<path class="land" d="{d}"><title>{escape(country.name)}</title></path>')
    biggest = max((p.count for p in pts), default=1)
    marks = []
    for p in sorted(pts, key=lambda p: -p.count):
        x, y = xy(p.lon, p.lat)
        r = 4 + 10 * math.sqrt(p.count / biggest)
        noun = "event" if p.kind == "event" else "mention"
        label = f"{p.name}: {p.count} {noun}{'s' if p.count != 1 else ''}"
        marks.append(
            f'<circle class="pt {p.kind}" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"><title>{escape(label)}</title></circle>'
        )
    names = [p for p in sorted(pts, key=lambda p: -p.count)[:12]]
    labels = []
    for p in names:
        x, y = xy(p.lon, p.lat)
        labels.append(f'<text x="{x + 8:.1f}" y="{y - 6:.1f}">{escape(p.name)}</text>')
    desc = "; ".join(f"{p.name} ({p.count})" for p in sorted(pts, key=lambda p: -p.count)) or "no located places"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"'
        f' role="img" aria-labelledby="map-title map-desc" class="map">'
        f'<title id="map-title">{escape(title)}</title><desc id="map-desc">{escape(desc)}</desc>'
        "<style>"
        ".sea{fill:#eef4fa}.land{fill:#f7f5ef;stroke:#9aa5b8;stroke-width:.6}"
        ".pt{stroke:#7a1a14;stroke-width:1.2}.pt.event{fill:#b3261e;fill-opacity:.75}"
        ".pt.mention{fill:none;stroke:#1f5fa8;stroke-width:2}"
        "text{font:12px system-ui,sans-serif;fill:#1d2330;paint-order:stroke;stroke:#fff;stroke-width:3px}"
        "</style>"
        f'<rect class="sea" width="{WIDTH}" height="{HEIGHT}"/>'
        + "".join(paths)
        + "".join(marks)
        + "".join(labels)
        + f'<text x="6" y="{HEIGHT - 6}" style="font-size:10px">Natural Earth outline · '
        f"{quoteattr(f'{west:.0f}°..{east:.0f}° E, {south:.0f}°..{north:.0f}° N')[1:-1]}</text>"
        "</svg>"
    )
