"""Activity over time as an SVG stacked bar chart: events per month (or quarter, or year) by PLOVER type.

Drawn on the server like the map, so it works without JavaScript; each bar segment carries a ``<title>``
with its count, and the chart's ``<desc>`` lists the totals for screen readers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 720, 240
LEFT, BOTTOM, TOP, RIGHT = 36, 28, 10, 150
#: Above this many months the bars become quarters, then years: a bar stays wider than a few pixels.
MAX_BARS = 60
#: Colours for the most frequent types (colour-blind-safe Okabe–Ito order); the rest share grey.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
OTHER = "#9aa5b8"


def _bucket(d: date, grain: str) -> tuple[int, int]:
    if grain == "month":
        return d.year, d.month
    if grain == "quarter":
        return d.year, (d.month - 1) // 3 + 1
    return d.year, 0


def _label(key: tuple[int, int], grain: str) -> str:
    year, part = key
    if grain == "month":
        return f"{date(year, part, 1):%b %Y}"
    if grain == "quarter":
        return f"Q{part} {year}"
    return str(year)


def _next(key: tuple[int, int], grain: str) -> tuple[int, int]:
    year, part = key
    if grain == "month":
        return (year + 1, 1) if part == 12 else (year, part + 1)
    if grain == "quarter":
        return (year + 1, 1) if part == 4 else (year, part + 1)
    return year + 1, 0


def activity_svg(dated: Iterable[tuple[date, str]], title: str) -> str:
    """Stacked bars of (date, type) pairs; the grain (month/quarter/year) keeps the bars countable."""
    items = list(dated)
    if not items:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} 40" role="img" aria-label="{escape(title)}:'
            ' no dated events"><text x="8" y="24" style="font:13px system-ui,sans-serif">No dated events.</text></svg>'
        )
    first, last = min(d for d, _ in items), max(d for d, _ in items)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    grain = "month" if months <= MAX_BARS else "quarter" if months <= MAX_BARS * 3 else "year"
    keys = [_bucket(first, grain)]
    while keys[-1] != _bucket(last, grain):
        keys.append(_next(keys[-1], grain))
    totals = Counter(t for _, t in items)
    named = [t for t, _ in totals.most_common(len(PALETTE))]
    colour = {t: PALETTE[i] for i, t in enumerate(named)}
    counts: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    for d, t in items:
        counts[_bucket(d, grain)][t if t in colour else "other"] += 1
    peak = max(sum(c.values()) for c in counts.values())
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    bar_w = min(plot_w / len(keys), 48.0)
    parts = []
    for i, key in enumerate(keys):
        y = TOP + plot_h
        for t in [*named, "other"]:
            n = counts[key].get(t, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            fill = colour.get(t, OTHER)
            parts.append(
                f'<rect x="{LEFT + i * bar_w + 1:.1f}" y="{y:.1f}" width="{max(bar_w - 2, 1):.1f}" height="{h:.1f}"'
                f' fill="{fill}"><title>{escape(_label(key, grain))}: {n} {escape(t)}</title></rect>'
            )
    step = max(1, len(keys) // 8)
    ticks = [
        f'<text x="{LEFT + i * bar_w + bar_w / 2:.1f}" y="{HEIGHT - 10}" text-anchor="middle">'
        f"{escape(_label(key, grain))}</text>"
        for i, key in enumerate(keys)
        if i % step == 0
    ]
    legend = [
        f'<rect x="{WIDTH - RIGHT + 12}" y="{TOP + 16 * k}" width="10" height="10" fill="{colour.get(t, OTHER)}"/>'
        f'<text x="{WIDTH - RIGHT + 28}" y="{TOP + 9 + 16 * k}">{escape(t)} ({n})</text>'
        for k, (t, n) in enumerate(
            [(t, totals[t]) for t in named]
            + ([("other", len(items) - sum(totals[t] for t in named))] if len(totals) > len(named) else [])
        )
    ]
    desc = f"{len(items)} dated events by {grain}, {_label(keys[0], grain)} to {_label(keys[-1], grain)}: " + ", ".join(
        f"{t} {n}" for t, n in totals.most_common()
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"'
        f' role="img" aria-labelledby="chart-title chart-desc" class="chart">'
        f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(desc)}</desc>'
        "<style>text{font:11px system-ui,sans-serif;fill:#1d2330}</style>"
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" stroke="#5d6575"/>'
        f'<text x="{LEFT - 4}" y="{TOP + 8}" text-anchor="end">{peak}</text>'
        f'<text x="{LEFT - 4}" y="{TOP + plot_h}" text-anchor="end">0</text>'
        + "".join(parts)
        + "".join(ticks)
        + "".join(legend)
        + "</svg>"
    )
