"""Activity rows → what the map and the chart draw: located places with counts, and dated (date, type) pairs.

An event's place is taken as the reporting wrote it and located with :mod:`threatgraph.web.geo.places`;
places that cannot be located are listed by name rather than drawn at a guessed point.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from threatgraph.web.geo.places import Place, locate
from threatgraph.web.geo.svgmap import MapPoint


@dataclass
class Located:
    """Map points, and the place names (with counts) that no gazetteer entry locates."""

    points: list[MapPoint] = field(default_factory=list)
    unlocated: list[tuple[str, int]] = field(default_factory=list)


def _points(counts: Counter[str], kind: str) -> Located:
    out = Located()
    merged: dict[tuple[float, float], tuple[Place, int]] = {}
    for name, n in counts.most_common():
        place = locate(name)
        if place is None:
            out.unlocated.append((name, n))
            continue
        key = (round(place.lat, 2), round(place.lon, 2))
        prev = merged.get(key)
        merged[key] = (prev[0] if prev else place, (prev[1] if prev else 0) + n)
    out.points = [MapPoint(p.name, p.lat, p.lon, n, kind) for p, n in merged.values()]
    return out


def event_places(rows: Iterable[dict[str, Any]], country: str | None = None) -> Located:
    """Where the events happened; with ``country`` (ISO alpha-2) only places located in that country."""
    counts = Counter((r.get("place") or "").strip() for r in rows if (r.get("place") or "").strip())
    located = _points(counts, "event")
    if country:
        code = country.upper()
        located.points = [p for p in located.points if (locate(p.name) or Place("", 0, 0, "", "")).country == code]
        located.unlocated = []
    return located


def mention_places(pairs: Iterable[tuple[str, int]]) -> Located:
    return _points(Counter(dict(pairs)), "mention")


def in_country(rows: list[dict[str, Any]], country: str | None) -> list[dict[str, Any]]:
    """The rows whose place is located in ``country`` (ISO alpha-2); all rows without a filter."""
    if not country:
        return rows
    code = country.upper()
    return [r for r in rows if r.get("place") and (p := locate(r["place"])) is not None and p.country == code]


def dated(rows: Iterable[dict[str, Any]]) -> list[tuple[date, str]]:
    """(start date, type) of each dated event, for the activity chart."""
    out = []
    for r in rows:
        start = r.get("date_start")
        if isinstance(start, str):
            start = date.fromisoformat(start[:10])
        if isinstance(start, date):
            out.append((start, r["type"]))
    return out


def top_actors(rows: Iterable[dict[str, Any]], n: int = 15) -> list[dict[str, Any]]:
    """The actors most often source or target of the rows: the view across actors."""
    counts: Counter[tuple[str, str]] = Counter()
    for r in rows:
        for role in ("source", "target"):
            eid = r.get(f"{role}_entity_id")
            if eid:
                counts[(eid, r.get(f"{role}_caption") or eid)] += 1
    return [{"id": eid, "caption": cap, "events": k} for (eid, cap), k in counts.most_common(n)]
