"""Temporal expressions normalised against an article's publication date."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from threatgraph.model import Article, DateInterval

if TYPE_CHECKING:
    from spacy.tokens import Doc


def normalise(text: str, published: date | None) -> DateInterval | None:
    """Normalise one temporal expression into an interval (None when it is not a date)."""
    return None


def extract_dates(doc: Doc, article: Article) -> list[DateInterval]:
    """Every temporal expression of ``doc``, normalised against ``article.published``."""
    return []
