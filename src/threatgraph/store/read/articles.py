"""One article as the highlighted article page shows it: its text, mentions, events and quotes.

Mentions carry the resolved entity's caption so the page links each highlight to its dossier without
a query per mention; every list is one indexed read by article id (``ix_*_article``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from threatgraph.store.parc import SPAN_COLUMNS, parc_view
from threatgraph.store.read.common import iso
from threatgraph.store.records import ArticleEvent, ArticleMention, ArticlePage, ArticleQuote, ArticleText, DateSpan
from threatgraph.store.schema import articles, entities, events, mentions, quotes

#: Stored event columns the record nests as one :class:`DateSpan`.
DATE_COLUMNS = ("date_text", "date_start", "date_end", "date_precision", "date_note")


def _plain(row: Any, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: iso(v) for k, v in row.items() if k not in drop}


def _event(row: Any) -> ArticleEvent:
    values = _plain(row, DATE_COLUMNS)
    dated = row["date_text"] or row["date_start"]
    span = DateSpan(*(iso(row[c]) for c in DATE_COLUMNS)) if dated else None
    return ArticleEvent(**values, date=span)


def article_page(engine: Engine, article_id: str) -> ArticlePage | None:
    """One article with its mentions (offsets into ``text``), events and quotes, or None."""
    with engine.connect() as conn:
        art = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
        if art is None:
            return None
        found = conn.execute(
            select(
                mentions.c.start,
                mentions.c.end,
                mentions.c.text,
                mentions.c.label,
                mentions.c.norm,
                mentions.c.canonical,
                mentions.c.grp.label("group"),
                mentions.c.origin,
                mentions.c.entity_id,
                entities.c.caption.label("entity_caption"),
            )
            .select_from(mentions.outerjoin(entities, entities.c.id == mentions.c.entity_id))
            .where(mentions.c.article_id == article_id)
            .order_by(mentions.c.start)
        ).mappings()
        mention_rows = [ArticleMention(**m) for m in found]
        event_rows = [
            _event(e)
            for e in conn.execute(
                select(events).where(events.c.article_id == article_id).order_by(events.c.start)
            ).mappings()
        ]
        quote_rows = [
            ArticleQuote(**_plain(q, SPAN_COLUMNS), parc=parc_view(q))
            for q in conn.execute(
                select(quotes).where(quotes.c.article_id == article_id).order_by(quotes.c.start)
            ).mappings()
        ]
    return ArticlePage(
        article=ArticleText(**_plain(art, ("seq",))),
        mentions=mention_rows,
        events=event_rows,
        quotes=quote_rows,
    )
