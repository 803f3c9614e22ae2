"""Read queries the API and web pages need that the shared read module does not cover.

``store.read`` (resolve stage) owns the entity side: lookup, dossier, graph. What only the
HTTP layer shows lives here: one article with its mentions, events and quotes (for the
highlighted article page), paged article lists with a "has more" flag, and the datasets
that ``/match/{dataset}`` accepts. Every function returns plain JSON-ready dicts and uses
indexed lookups with LIMITs so pages stay fast on a large archive.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, func, select

from threatgraph.store.articles import get_article, search_articles
from threatgraph.store.schema import articles, entities, events, list_versions, mentions, quotes


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _row(row: Any) -> dict[str, Any]:
    return {k: _iso(v) for k, v in dict(row).items()}


def article_page(engine: Engine, article_id: str) -> dict[str, Any] | None:
    """One article with its mentions (offsets into ``text``), events and quotes, or None.

    Mentions carry the resolved entity's caption so the page can link each highlight to its
    dossier without a query per mention.
    """
    art = get_article(engine, article_id)
    if art is None:
        return None
    with engine.connect() as conn:
        ms = conn.execute(
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
        mention_rows = [_row(m) for m in ms]
        ev_rows = [
            _event(e)
            for e in conn.execute(
                select(events).where(events.c.article_id == article_id).order_by(events.c.start)
            ).mappings()
        ]
        q_rows = [
            _row(q)
            for q in conn.execute(
                select(quotes).where(quotes.c.article_id == article_id).order_by(quotes.c.start)
            ).mappings()
        ]
    art.pop("seq", None)
    return {"article": _row(art), "mentions": mention_rows, "events": ev_rows, "quotes": q_rows}


def _event(e: Any) -> dict[str, Any]:
    """An events row in the nested shape the pages use: the date as one interval object."""
    row = _row(e)
    row["date"] = (
        {
            "text": row.pop("date_text"),
            "start": row.pop("date_start"),
            "end": row.pop("date_end"),
            "precision": row.pop("date_precision"),
        }
        if row.get("date_text") or row.get("date_start")
        else None
    )
    for key in ("date_text", "date_start", "date_end", "date_precision"):
        row.pop(key, None)
    return row


def article_list(engine: Engine, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """A page of articles (full-text filtered when ``q``), newest first, with a has-more flag.

    One extra row is fetched instead of counting, so paging costs the same on 100k articles.
    """
    rows = search_articles(engine, q, limit=limit + 1, offset=offset)
    items = [
        {
            "id": r.id,
            "title": r.title,
            "outlet": r.outlet,
            "url": r.url,
            "published": _iso(r.published),
            "snippet": r.snippet,
        }
        for r in rows[:limit]
    ]
    return {"results": items, "limit": limit, "offset": offset, "more": len(rows) > limit}


def entity_exists(engine: Engine, entity_id: str) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(entities.c.id).where(entities.c.id == entity_id)).first() is not None


def article_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(articles)).scalar() or 0)


def datasets(engine: Engine) -> list[dict[str, Any]]:
    """Loaded sanctions datasets with their newest version (the ``/match/{dataset}`` names)."""
    with engine.connect() as conn:
        newest = (
            select(list_versions.c.dataset, func.max(list_versions.c.id).label("vid"))
            .group_by(list_versions.c.dataset)
            .subquery()
        )
        rows = conn.execute(
            select(
                list_versions.c.dataset,
                list_versions.c.format,
                list_versions.c.published,
                list_versions.c.loaded_at,
                list_versions.c.entry_count,
            ).join(newest, newest.c.vid == list_versions.c.id)
        ).mappings()
        return [_row(r) for r in rows]
