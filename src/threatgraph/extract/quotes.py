"""Direct and reported speech with the speaker, title, affiliation, cue verb and outlet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from threatgraph.model import Article, Mention, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_quotes(doc: Doc, mentions: list[Mention], article: Article) -> list[Quote]:
    """Quotations of one article attributed to speakers."""
    return []
