"""Who did what to whom: PLOVER-typed events from the dependency parse and a lexicon."""

from __future__ import annotations

from typing import TYPE_CHECKING

from threatgraph.model import Article, Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_events(doc: Doc, mentions: list[Mention], article: Article) -> list[Event]:
    """Events of one article with actors resolved to mention groups."""
    return []
