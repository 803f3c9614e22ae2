"""Small page reads the API and web pages need beside the read layer (``store.read``: entities, dossiers,
timelines, graphs, one article): paged article lists with a "has more" flag, counts for the home page, and
the datasets that ``/match/{dataset}`` accepts. Every function returns plain JSON-ready values and uses
indexed lookups with LIMITs so pages stay fast on a large archive.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, func, select

from threatgraph.store.articles import search_articles
from threatgraph.store.schema import articles, entities, list_versions


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _row(row: Any) -> dict[str, Any]:
    return {k: _iso(v) for k, v in dict(row).items()}


def article_list(engine: Engine, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """A page of articles (full-text filtered when ``q``), newest first, with a has-more flag.

    One extra row is fetched instead of counting, so paging costs the same on 100k articles.
    """
    rows = search_articles(engine, q, limit=limit + 1, offset=offset)
    items = [r.to_json() for r in rows[:limit]]
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
