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

from sqlalchemy import Connection, Engine, and_, func, or_, select

from threatgraph.store.articles import get_article, search_articles
from threatgraph.store.schema import (
    aliases,
    articles,
    entities,
    events,
    list_entries,
    list_versions,
    mentions,
    quotes,
    sanction_links,
)


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


# --- entity side: used only until ``threatgraph.store.read`` (resolve stage) provides it -----------


def find_entities(engine: Engine, name: str, limit: int = 10) -> list[dict[str, Any]]:
    """Entities whose caption or any alias contains ``name`` (case-insensitive), most mentioned first."""
    needle = f"%{name.strip().casefold()}%"
    with engine.connect() as conn:
        ids = select(aliases.c.entity_id).where(func.lower(aliases.c.name).like(needle))
        rows = conn.execute(
            select(entities)
            .where(or_(func.lower(entities.c.caption).like(needle), entities.c.id.in_(ids)))
            .order_by(entities.c.mention_count.desc(), entities.c.caption)
            .limit(limit)
        ).mappings()
        found = [_row(r) for r in rows]
        _attach_sanctioned(conn, found)
    return found


def _attach_sanctioned(conn: Connection, rows: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in rows]
    linked = set(
        conn.execute(
            select(sanction_links.c.entity_id).where(
                sanction_links.c.entity_id.in_(ids), sanction_links.c.status != "rejected"
            )
        ).scalars()
    )
    for r in rows:
        r["sanctioned"] = r["id"] in linked


def dossier(engine: Engine, entity_id: str, limit: int = 50) -> dict[str, Any] | None:
    """Everything known about one actor, each list capped at ``limit`` newest items."""
    with engine.connect() as conn:
        ent = conn.execute(select(entities).where(entities.c.id == entity_id)).mappings().first()
        if ent is None:
            return None
        alias_rows = [
            _row(a)
            for a in conn.execute(
                select(aliases.c.name, aliases.c.norm, aliases.c.script, aliases.c.count)
                .where(aliases.c.entity_id == entity_id)
                .order_by(aliases.c.count.desc(), aliases.c.name)
            ).mappings()
        ]
        links = []
        for link in conn.execute(
            select(sanction_links, list_entries.c.caption, list_entries.c.schema, list_entries.c.data)
            .select_from(
                sanction_links.outerjoin(
                    list_entries,
                    and_(
                        list_entries.c.dataset == sanction_links.c.dataset,
                        list_entries.c.entry_id == sanction_links.c.entry_id,
                    ),
                )
            )
            .where(sanction_links.c.entity_id == entity_id, sanction_links.c.status != "rejected")
            .order_by(sanction_links.c.score.desc())
        ).mappings():
            row = _row(link)
            data = row.pop("data") or {}
            row["entry"] = {"caption": row.pop("caption"), "schema": row.pop("schema"), **data}
            links.append(row)
        src = entities.alias("src")
        tgt = entities.alias("tgt")
        timeline = [
            _event(e)
            for e in conn.execute(
                select(
                    events,
                    articles.c.title.label("article_title"),
                    articles.c.published,
                    src.c.caption.label("source_caption"),
                    tgt.c.caption.label("target_caption"),
                )
                .select_from(
                    events.join(articles, articles.c.id == events.c.article_id)
                    .outerjoin(src, src.c.id == events.c.source_entity_id)
                    .outerjoin(tgt, tgt.c.id == events.c.target_entity_id)
                )
                .where(or_(events.c.source_entity_id == entity_id, events.c.target_entity_id == entity_id))
                .order_by(func.coalesce(events.c.date_start, articles.c.published).desc())
                .limit(limit)
            ).mappings()
        ]
        timeline.sort(key=lambda e: (e["date"] or {}).get("start") or e.get("published") or "")
        quote_cols = (quotes, articles.c.title.label("article_title"), articles.c.published)
        quotes_by = [
            _row(q)
            for q in conn.execute(
                select(*quote_cols)
                .join(articles, articles.c.id == quotes.c.article_id)
                .where(quotes.c.speaker_entity_id == entity_id)
                .order_by(articles.c.published.desc())
                .limit(limit)
            ).mappings()
        ]
        about = (
            select(*quote_cols)
            .join(articles, articles.c.id == quotes.c.article_id)
            .join(
                mentions,
                and_(
                    mentions.c.article_id == quotes.c.article_id,
                    mentions.c.start >= quotes.c.start,
                    mentions.c.end <= quotes.c.end,
                ),
            )
            .where(mentions.c.entity_id == entity_id)
            .distinct()
            .order_by(articles.c.published.desc())
            .limit(limit)
        )
        quotes_about = [_row(q) for q in conn.execute(about).mappings()]
        per_article = (
            select(
                mentions.c.article_id,
                func.count().label("mentions"),
                func.min(mentions.c.sentence).label("evidence"),
            )
            .where(mentions.c.entity_id == entity_id)
            .group_by(mentions.c.article_id)
            .subquery()
        )
        sources = [
            _row(a)
            for a in conn.execute(
                select(
                    articles.c.id,
                    articles.c.title,
                    articles.c.outlet,
                    articles.c.url,
                    articles.c.published,
                    per_article.c.mentions,
                    per_article.c.evidence,
                )
                .join(per_article, per_article.c.article_id == articles.c.id)
                .order_by(articles.c.published.desc(), articles.c.seq.desc())
                .limit(limit)
            ).mappings()
        ]
    graph = entity_graph(engine, entity_id)
    return {
        "entity": _row(ent),
        "aliases": alias_rows,
        "sanctions": links,
        "timeline": timeline,
        "quotes_by": quotes_by,
        "quotes_about": quotes_about,
        "articles": sources,
        "related": [n for n in graph["nodes"] if n["id"] != entity_id],
        "graph": graph,
    }


def entity_graph(engine: Engine, entity_id: str, limit: int = 40) -> dict[str, Any]:
    """The actor's neighbourhood: event edges (typed) plus co-mention edges weighted by shared articles."""
    with engine.connect() as conn:
        center = (
            conn.execute(select(entities.c.id, entities.c.caption, entities.c.schema).where(entities.c.id == entity_id))
            .mappings()
            .first()
        )
        if center is None:
            return {"nodes": [], "edges": []}
        nodes: dict[str, dict[str, Any]] = {entity_id: {**dict(center), "weight": 0}}
        edges: list[dict[str, Any]] = []
        ev_rows = conn.execute(
            select(events.c.source_entity_id, events.c.target_entity_id, events.c.type, func.count().label("n"))
            .where(
                or_(events.c.source_entity_id == entity_id, events.c.target_entity_id == entity_id),
                events.c.source_entity_id.is_not(None),
                events.c.target_entity_id.is_not(None),
            )
            .group_by(events.c.source_entity_id, events.c.target_entity_id, events.c.type)
            .order_by(func.count().desc())
            .limit(limit)
        ).all()
        for s, t, typ, n in ev_rows:
            edges.append({"source": s, "target": t, "type": typ, "weight": n})
        mine = select(mentions.c.article_id).where(mentions.c.entity_id == entity_id).distinct()
        co = conn.execute(
            select(mentions.c.entity_id, func.count(func.distinct(mentions.c.article_id)).label("n"))
            .where(mentions.c.article_id.in_(mine), mentions.c.entity_id.is_not(None))
            .where(mentions.c.entity_id != entity_id)
            .group_by(mentions.c.entity_id)
            .order_by(func.count(func.distinct(mentions.c.article_id)).desc())
            .limit(limit)
        ).all()
        for other, n in co:
            edges.append({"source": entity_id, "target": other, "type": "co-mention", "weight": n})
        wanted = {e["source"] for e in edges} | {e["target"] for e in edges}
        for row in conn.execute(
            select(entities.c.id, entities.c.caption, entities.c.schema).where(entities.c.id.in_(wanted))
        ).mappings():
            nodes.setdefault(row["id"], {**dict(row), "weight": 0})
        for e in edges:
            for end in (e["source"], e["target"]):
                if end in nodes and end != entity_id:
                    nodes[end]["weight"] += e["weight"]
    return {"nodes": list(nodes.values()), "edges": [e for e in edges if e["source"] in nodes and e["target"] in nodes]}
