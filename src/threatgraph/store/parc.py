"""PARC-style attribution spans of a stored quote: what is written to the ``quotes`` table and read back.

A quote row keeps its content offsets (``start``/``end``) and, beside them, the source as written
("he", "the police chief", "Ada Roe") with its offsets and the cue word offsets. Views (API, CLI
JSON) and exports (the FtM sidecar) all show the same nested record through :func:`parc_view`, so
anyone can score the spans against their own PARC-style gold without the article text: every span
carries its text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from threatgraph.model import Quote, parc_type
from threatgraph.store.records import QuoteSpans, TextSpan


def _known(start: int, end: int, text: str) -> bool:
    return 0 <= start < end <= len(text)


def quote_spans(quote: Quote, text: str) -> dict[str, Any]:
    """The span columns of one quote row; an unknown span (offsets -1 or outside the text) is NULL."""
    source = _known(quote.source_start, quote.source_end, text)
    cue = _known(quote.cue_start, quote.cue_end, text)
    phrase = source and _known(quote.phrase_start, quote.phrase_end, text)
    return {
        "source_phrase_text": text[quote.phrase_start : quote.phrase_end] if phrase else None,
        "source_phrase_start": quote.phrase_start if phrase else None,
        "source_phrase_end": quote.phrase_end if phrase else None,
        "source_text": text[quote.source_start : quote.source_end] if source else None,
        "source_start": quote.source_start if source else None,
        "source_end": quote.source_end if source else None,
        "cue_text": text[quote.cue_start : quote.cue_end] if cue else None,
        "cue_start": quote.cue_start if cue else None,
        "cue_end": quote.cue_end if cue else None,
    }


#: Stored quote columns :func:`parc_view` nests as source and cue spans.
SPAN_COLUMNS = (
    "source_phrase_text",
    "source_phrase_start",
    "source_phrase_end",
    "source_text",
    "source_start",
    "source_end",
    "cue_text",
    "cue_start",
    "cue_end",
)


def parc_view(row: Mapping[str, Any]) -> QuoteSpans:
    """A stored quote row as PARC source/cue/content spans (``None`` for a span not found)."""

    def span(start: Any, end: Any, text: Any) -> TextSpan | None:
        return TextSpan(start, end, text) if start is not None and end is not None else None

    return QuoteSpans(
        type=parc_type(bool(row["direct"]), row["text"] or ""),
        kind=row.get("kind") or "speech",
        source=span(row.get("source_start"), row.get("source_end"), row.get("source_text")),
        source_phrase=span(row.get("source_phrase_start"), row.get("source_phrase_end"), row.get("source_phrase_text")),
        speaker=row.get("speaker"),
        cue=span(row.get("cue_start"), row.get("cue_end"), row.get("cue_text")),
        content=TextSpan(row["start"], row["end"], row["text"]),
    )
