"""Mentions highlighted in article text, safely.

The article text is untrusted; it is escaped piece by piece and only our own ``<mark>`` tags
are added, so a story containing markup can never inject into the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape


def highlight(text: str, spans: Iterable[Mapping[str, Any]]) -> Markup:
    """``text`` with each mention span wrapped in ``<mark>`` (overlaps: the earlier, longer span wins)."""
    out: list[str] = []
    pos = 0
    ordered = sorted(spans, key=lambda m: (int(m["start"]), -int(m["end"])))
    for m in ordered:
        start, end = int(m["start"]), int(m["end"])
        if start < pos or end <= start or end > len(text):
            continue
        out.append(str(escape(text[pos:start])))
        label = escape(m.get("label") or "")
        title = escape(m.get("entity_caption") or m.get("canonical") or "")
        inner = escape(text[start:end])
        if m.get("entity_id"):
            inner = Markup('<a href="/entities/{}">{}</a>').format(m["entity_id"], inner)
        out.append(f'<mark class="mention {label}" data-label="{label}" title="{title}">{inner}</mark>')
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))
