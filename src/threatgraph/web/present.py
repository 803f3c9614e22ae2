"""Small presentation rules the pages share: what an article is called when it has no title, and which of its
attributions are quotes (claims someone made) rather than stances, questions or sourceless hedges."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from threatgraph.extract.quote_kinds import is_quote_kind

#: Words of the text that name an untitled article: enough to recognise it in a list, short enough to scan.
NAME_WORDS = 10


def article_name(article: Mapping[str, Any]) -> str:
    """The title, else the first words of the text (or the list snippet), else "Untitled article".

    A content hash names nothing a reader can recognise, so it is never the visible name.
    """
    title = (article.get("title") or "").strip()
    if title:
        return title
    body = article.get("text") or article.get("snippet") or ""
    words = " ".join(str(body).replace("[", "").replace("]", "").split()).split(" ")
    words = [w for w in words if w]
    if not words:
        return "Untitled article"
    head = " ".join(words[:NAME_WORDS])
    return head + ("…" if len(words) > NAME_WORDS else "")


def is_claim(quote: Mapping[str, Any]) -> bool:
    """Whether an attribution is a quote in the product's sense: a proposition someone states, writes, holds or
    finds. A stance, a question or a hedge ("is expected to …", with no source) is kept and shown, but apart, so a
    reader never takes the article's own hedging for an unattributed statement. Rows stored before kinds existed
    are speech."""
    return is_quote_kind(quote.get("kind") or "speech")
